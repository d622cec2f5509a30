"""The editing screens: an edit never overwrites another's, and is never lost.

Two Workspaces signed in to one file stand for two workstations. Blocking dialogs
are answered by monkeypatching (the ConflictDialog through open_conflict_dialog,
which still builds the real dialog and clicks its real buttons).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QLineEdit, QPushButton, QRadioButton
from tests.factories import DEMO_ROLES, Clock, CopyMaster, sign_in
from tests.ui.helpers import Dialogs

from kaohe_desktop.domain.edits import Conflict
from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.errors import (
    BusyError,
    FileUnavailableError,
    InputError,
    PeriodClosedError,
    PermissionDeniedError,
)
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.editing import prompts, record_dialog
from kaohe_desktop.ui.editing.banner import Tone
from kaohe_desktop.ui.editing.conflict_dialog import ConflictDialog
from kaohe_desktop.ui.editing.departments_dialog import DepartmentsDialog
from kaohe_desktop.ui.editing.record_dialog import RecordDialog

T0 = datetime(2026, 5, 6, 9, 0, 0)


class Desk:
    """Workstations on one copy of the file, and the dialogs they opened."""

    def __init__(self, path: Path, qtbot: Any) -> None:
        self.path = path
        self.qtbot = qtbot
        self.workspaces: list[Workspace] = []
        self.dialogs: list[RecordDialog] = []

    def open(self, role: Role, **options: Any) -> Workspace:
        options.setdefault("daily_backup", False)
        workspace = sign_in(self.path, role, **options)
        self.workspaces.append(workspace)
        return workspace

    def editor(self, workspace: Workspace, kind: str, entity_id: int) -> RecordDialog:
        if kind == "person":
            dialog = RecordDialog(
                workspace, workspace.people, entity_id, lease_scope=person_scope(entity_id)
            )
        else:
            dialog = RecordDialog(workspace, workspace.departments, entity_id)
        self.qtbot.addWidget(dialog)
        self.dialogs.append(dialog)
        return dialog

    def close(self) -> None:
        for dialog in self.dialogs:
            if not dialog.isHidden() or dialog.result() == 0:
                dialog.done(0)  # releases leases while the files are still open
        for workspace in self.workspaces:
            workspace.close()


@pytest.fixture
def desk(copy_master: CopyMaster, qtbot: Any) -> Iterator[Desk]:
    result = Desk(copy_master(DEMO_ROLES), qtbot)  # the demo, one account per role
    yield result
    result.close()


Answer = Callable[[ConflictDialog], None]


class Conflicts:
    """The ConflictDialogs shown, and the answers (clicks) queued for the next ones."""

    def __init__(self) -> None:
        self.shown: list[ConflictDialog] = []
        self.answers: list[Answer] = []

    def __len__(self) -> int:
        return len(self.shown)


@pytest.fixture
def conflicts(monkeypatch: pytest.MonkeyPatch) -> Conflicts:
    """Each ConflictDialog is built for real and answered with its real buttons."""
    record = Conflicts()

    def run(conflict: Conflict, dialog: RecordDialog) -> ConflictDialog:
        shown = ConflictDialog(conflict, dialog, fields=dialog.fields)
        record.shown.append(shown)
        record.answers.pop(0)(shown)
        return shown

    monkeypatch.setattr(record_dialog, "open_conflict_dialog", run)
    return record


def set_text(dialog: RecordDialog, name: str, text: str) -> None:
    widget = dialog.form.widget_for(name)
    assert isinstance(widget, QLineEdit)
    widget.setText(text)


def their_save(workspace: Workspace, entity_id: int, **values: Any) -> None:
    draft = workspace.departments.load(entity_id).draft()
    for name, value in values.items():
        draft = draft.with_value(name, value)
    workspace.departments.save(draft)


def first_department(workspace: Workspace) -> int:
    return workspace.departments.listing()[0].id


def button(dialog: Any, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


# --- conflicts between two workstations ---------------------------------------
def test_keep_mine_reapplies_only_my_fields_on_top_of_theirs(
    desk: Desk, conflicts: Conflicts
) -> None:
    a, b = desk.open(Role.CLERK), desk.open(Role.ADMIN)
    dept = first_department(a)
    dialog = desk.editor(a, "department", dept)
    set_text(dialog, "name", "综合办公室")
    their_save(b, dept, name="局办公室", sort_order=42)

    def keep_mine(shown: ConflictDialog) -> None:
        names = {b.objectName() for b in shown.findChildren(QPushButton)}
        assert names == {
            "backToEditing",
            "keepMine",
            "takeTheirs",
            "mergeChosen",
        }  # no "save anyway"
        assert not shown.merge_button.isEnabled()  # the clash on 名称 has no default
        assert "admin" in shown.table.horizontalHeaderItem(3).text()
        button(shown, "keepMine").click()

    conflicts.answers.append(keep_mine)
    button(dialog, "saveRecord").click()

    assert len(conflicts) == 1
    saved = b.departments.load(dept).values
    assert saved["name"] == "综合办公室"  # mine
    assert saved["sort_order"] == 42  # their other change survives
    assert dialog.result() == RecordDialog.DialogCode.Accepted


def test_take_theirs_shows_their_version_and_saves_nothing(
    desk: Desk, conflicts: Conflicts
) -> None:
    a, b = desk.open(Role.CLERK), desk.open(Role.ADMIN)
    dept = first_department(a)
    dialog = desk.editor(a, "department", dept)
    set_text(dialog, "name", "综合办公室")
    their_save(b, dept, name="局办公室", sort_order=42)
    version = b.departments.current_version(dept)

    conflicts.answers.append(lambda shown: button(shown, "takeTheirs").click())
    button(dialog, "saveRecord").click()

    assert b.departments.current_version(dept) == version  # nothing written
    assert dialog.form.values()["name"] == "局办公室"
    assert dialog.form.values()["sort_order"] == 42
    assert not dialog.draft.dirty
    assert dialog.result() != RecordDialog.DialogCode.Accepted


def test_merge_field_by_field(desk: Desk, conflicts: Conflicts) -> None:
    a, b = desk.open(Role.CLERK), desk.open(Role.ADMIN)
    dept = first_department(a)
    dialog = desk.editor(a, "department", dept)
    set_text(dialog, "name", "综合办公室")
    set_text(dialog, "group_name", "综合组")
    their_save(b, dept, name="局办公室", sort_order=42)

    def merge(shown: ConflictDialog) -> None:
        assert shown.unchosen_clashes() == ["name"]
        assert not shown.merge_button.isEnabled()
        theirs = shown.findChild(QRadioButton, "theirs_name")
        assert theirs is not None
        theirs.click()
        assert shown.merge_button.isEnabled()
        shown.merge_button.click()

    conflicts.answers.append(merge)
    button(dialog, "saveRecord").click()

    saved = b.departments.load(dept).values
    assert (saved["name"], saved["group_name"], saved["sort_order"]) == ("局办公室", "综合组", 42)


def test_back_to_editing_keeps_the_edit_and_the_next_save_asks_again(
    desk: Desk, conflicts: Conflicts
) -> None:
    a, b = desk.open(Role.CLERK), desk.open(Role.ADMIN)
    dept = first_department(a)
    dialog = desk.editor(a, "department", dept)
    set_text(dialog, "name", "综合办公室")
    their_save(b, dept, sort_order=42)

    conflicts.answers.append(lambda shown: button(shown, "backToEditing").click())
    button(dialog, "saveRecord").click()
    assert dialog.draft.changes == {"name": "综合办公室"}
    assert b.departments.load(dept).values["name"] != "综合办公室"

    conflicts.answers.append(lambda shown: button(shown, "keepMine").click())
    button(dialog, "saveRecord").click()
    assert len(conflicts) == 2
    assert b.departments.load(dept).values["name"] == "综合办公室"


def test_a_deleted_record_offers_only_back_and_export(qtbot: Any, desk: Desk) -> None:
    a = desk.open(Role.CLERK)
    draft = a.departments.load(first_department(a)).draft().with_value("name", "新名称")
    shown = ConflictDialog(Conflict(draft, 0, None), None, fields=a.departments.load(1).fields)
    qtbot.addWidget(shown)
    names = {b.objectName() for b in shown.findChildren(QPushButton)}
    assert names == {"backToEditing", "exportMine"}
    button(shown, "exportMine").click()
    assert shown.wants_export and shown.resolution is None


# --- seeing another's save while the dialog is open ----------------------------
def test_live_banner_when_someone_else_saves(
    desk: Desk, conflicts: Conflicts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_dialog, "POLL_INTERVAL_MS", 20)
    a, b = desk.open(Role.CLERK), desk.open(Role.ADMIN)
    dept = first_department(a)
    dialog = desk.editor(a, "department", dept)
    dialog.show()
    set_text(dialog, "name", "综合办公室")
    assert not dialog.live_banner.shown()
    their_save(b, dept, sort_order=42)

    desk.qtbot.waitUntil(lambda: dialog.live_banner.shown(), timeout=10_000)
    assert dialog.live_banner.tone is Tone.WARNING
    assert "admin" in dialog.live_banner.text()

    conflicts.answers.append(lambda shown: button(shown, "keepMine").click())
    button(dialog, "showTheirs").click()
    assert dialog.draft.base["sort_order"] == 42 and dialog.draft.changes == {"name": "综合办公室"}
    assert b.departments.load(dept).values["name"] != "综合办公室"  # not saved by itself
    button(dialog, "saveRecord").click()
    assert len(conflicts) == 1  # the save met no second conflict
    saved = b.departments.load(dept).values
    assert (saved["name"], saved["sort_order"]) == ("综合办公室", 42)


def test_an_untouched_form_simply_shows_their_version(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_dialog, "POLL_INTERVAL_MS", 20)
    a, b = desk.open(Role.CLERK), desk.open(Role.ADMIN)
    dept = first_department(a)
    dialog = desk.editor(a, "department", dept)
    dialog.show()
    their_save(b, dept, sort_order=42)
    desk.qtbot.waitUntil(lambda: dialog.form.values()["sort_order"] == 42, timeout=10_000)
    assert dialog.live_banner.tone is Tone.INFO
    assert not dialog.draft.dirty


# --- a busy file ----------------------------------------------------------------
@pytest.mark.parametrize("retry", [True, False])
def test_busy_file_retry_or_later(desk: Desk, monkeypatch: pytest.MonkeyPatch, retry: bool) -> None:
    a = desk.open(Role.CLERK)
    dept = first_department(a)
    dialog = desk.editor(a, "department", dept)
    set_text(dialog, "name", "综合办公室")
    real_save = a.departments.save
    calls: list[int] = []

    def busy_once(draft: Any, lease: Any = None) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise BusyError("数据文件正被其他同事写入。")
        return real_save(draft, lease)

    asked: list[str] = []
    monkeypatch.setattr(a.departments, "save", busy_once)
    monkeypatch.setattr(
        prompts, "ask_retry", lambda _parent, _title, text: asked.append(text) or retry
    )
    button(dialog, "saveRecord").click()

    assert asked and "写入" in asked[0]
    if retry:
        assert len(calls) == 2
        assert a.departments.load(dept).values["name"] == "综合办公室"
        assert dialog.result() == RecordDialog.DialogCode.Accepted
    else:
        assert len(calls) == 1
        assert dialog.draft.changes == {"name": "综合办公室"}  # the edit stays
        assert dialog.save_button.isEnabled()


@pytest.mark.parametrize(
    "error",
    [
        PeriodClosedError("quarterly_assessment"),
        InputError("科室名称不能重复。"),
        PermissionDeniedError("无权修改。"),
    ],
)
def test_refusals_are_explained_and_the_edit_stays(
    desk: Desk, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    a = desk.open(Role.CLERK)
    dialog = desk.editor(a, "department", first_department(a))
    set_text(dialog, "name", "综合办公室")

    def refuse(_draft: Any, _lease: Any = None) -> Any:
        raise error

    monkeypatch.setattr(a.departments, "save", refuse)
    button(dialog, "saveRecord").click()
    assert dialogs.last("error") is error
    assert dialog.draft.changes == {"name": "综合办公室"}
    assert dialog.read_only_reason is None and dialog.save_button.isEnabled()


# --- leases -------------------------------------------------------------------
def first_person(workspace: Workspace) -> int:
    return workspace.people.load(1).entity_id


def test_a_held_lease_opens_read_only_naming_the_holder(desk: Desk) -> None:
    a, b = desk.open(Role.CLERK), desk.open(Role.ADMIN)
    person = first_person(a)
    mine = desk.editor(a, "person", person)
    assert mine.read_only_reason is None and mine.keeper is not None
    assert mine.keeper.lease is not None

    theirs = desk.editor(b, "person", person)
    assert theirs.lease_banner.shown()
    assert "clerk" in theirs.lease_banner.text()
    assert not theirs.save_button.isEnabled()
    name = theirs.form.widget_for("name")
    assert isinstance(name, QLineEdit) and name.isReadOnly()
    assert "takeOverLease" not in theirs.lease_banner.buttons  # the holder is alive

    mine.done(0)  # closing gives the lease back
    assert b.leases.holder(person_scope(person)) is None


def test_lease_taken_over_refuses_the_old_holders_save_and_keeps_the_edit(
    desk: Desk, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    a_clock, b_clock = Clock(T0), Clock(T0 + timedelta(seconds=120))
    a = desk.open(Role.CLERK, clock=a_clock)
    b = desk.open(Role.ADMIN, clock=b_clock)
    person = first_person(a)
    mine = desk.editor(a, "person", person)
    set_text(mine, "position", "副主任科员")

    # A's workstation went quiet for two minutes: the administrator may take over.
    theirs = desk.editor(b, "person", person)
    assert "takeOverLease" in theirs.lease_banner.buttons
    theirs.lease_banner.buttons["takeOverLease"].click()
    assert dialogs.kinds()[-1] == "ask"
    assert theirs.read_only_reason is None and theirs.save_button.isEnabled()
    holder = b.leases.holder(person_scope(person))
    assert holder is not None and holder.holder == "admin"

    button(mine, "saveRecord").click()
    assert mine.state_banner.shown() and mine.state_banner.tone is Tone.ERROR
    assert "admin" in mine.state_banner.text()
    assert not mine.save_button.isEnabled()
    assert mine.draft.changes == {"position": "副主任科员"}
    assert b.people.load(person).values["position"] != "副主任科员"

    target = tmp_path / "未保存.xlsx"
    monkeypatch.setattr(prompts, "choose_export_path", lambda _parent, _suggested: target)
    mine.state_banner.buttons["exportEdit"].click()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert ("职务职级", "局长", "副主任科员", "是") in [tuple(r) for r in rows if r and len(r) == 4]


def test_the_heartbeat_notices_a_takeover_before_any_save(desk: Desk) -> None:
    a = desk.open(Role.CLERK, clock=Clock(T0))
    b = desk.open(Role.ADMIN, clock=Clock(T0 + timedelta(seconds=120)))
    person = first_person(a)
    mine = desk.editor(a, "person", person)
    b.leases.take_over(person_scope(person), "test")
    assert mine.keeper is not None
    mine.keeper.heartbeat()
    assert mine.state_banner.shown() and not mine.save_button.isEnabled()
    assert "exportEdit" in mine.state_banner.buttons


# --- a file that cannot be written --------------------------------------------
def test_an_unwritable_file_turns_the_form_read_only_and_the_edit_exportable(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    a = desk.open(Role.CLERK)
    dialog = desk.editor(a, "department", first_department(a))
    set_text(dialog, "name", "综合办公室")

    def gone(_draft: Any, _lease: Any = None) -> Any:
        raise FileUnavailableError("数据文件无法访问，已转为只读；您的修改已保留，可导出。")

    monkeypatch.setattr(a.departments, "save", gone)
    button(dialog, "saveRecord").click()
    assert dialog.state_banner.tone is Tone.ERROR and "无法访问" in dialog.state_banner.text()
    assert dialog.read_only_reason is not None and not dialog.save_button.isEnabled()
    assert dialog.form.values()["name"] == "综合办公室"

    target = tmp_path / "导出" / "修改.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(prompts, "choose_export_path", lambda _parent, _suggested: target)
    dialog.state_banner.buttons["exportEdit"].click()
    texts = [c for row in load_workbook(target).active.iter_rows(values_only=True) for c in row]
    assert "综合办公室" in texts and any("无法访问" in str(t) for t in texts if t)


@pytest.mark.parametrize(("role", "read_only"), [(Role.ADMIN, True), (Role.VIEWER, False)])
def test_read_only_file_or_role_says_why(desk: Desk, role: Role, read_only: bool) -> None:
    w = desk.open(role, read_only=read_only)
    dialog = desk.editor(w, "person", first_person(w))
    assert dialog.state_banner.shown() and not dialog.save_button.isEnabled()
    assert dialog.keeper is not None and dialog.keeper.lease is None  # no lease taken
    expected = "只读" if read_only else Role.VIEWER.label
    assert expected in dialog.state_banner.text()


# --- the form and closing -----------------------------------------------------
def test_person_form_edits_dates_choices_and_flags(desk: Desk) -> None:
    a = desk.open(Role.CLERK)
    person = first_person(a)
    dialog = desk.editor(a, "person", person)
    none = dialog.form.findChild(object, "field_birth_date_none")
    assert none is not None and not none.isChecked()
    none.click()
    dialog.form.findChild(object, "field_key_post").click()
    status = dialog.form.findChild(object, "field_status")
    status.setCurrentIndex(status.findData("借调"))
    assert set(dialog.draft.changes) == {"birth_date", "key_post", "status"}
    button(dialog, "saveRecord").click()
    saved = a.people.load(person).values
    assert saved["birth_date"] is None and saved["status"] == "借调"
    assert a.leases.holder(person_scope(person)) is None


def test_closing_with_unsaved_changes_asks_first(desk: Desk, dialogs: Dialogs) -> None:
    a = desk.open(Role.CLERK)
    dialog = desk.editor(a, "department", first_department(a))
    dialog.show()
    set_text(dialog, "name", "综合办公室")
    dialogs.answer = False
    button(dialog, "closeRecord").click()
    assert dialog.isVisible() and dialog.draft.dirty
    dialogs.answer = True
    button(dialog, "closeRecord").click()
    assert not dialog.isVisible()
    assert dialogs.kinds().count("ask") == 2


def test_departments_dialog_lists_and_opens_the_editor(qtbot: Any, desk: Desk) -> None:
    a = desk.open(Role.CLERK)
    departments = a.departments
    shown = DepartmentsDialog(a, departments, open_record=partial(RecordDialog, a))
    qtbot.addWidget(shown)
    assert shown.model.rowCount() == len(departments.listing()) > 0
    assert not shown.edit_button.isEnabled()
    shown.view.selectRow(0)
    assert shown.edit_button.isEnabled()
    item = shown.selected()
    assert item is not None
    editor = shown.open_editor(item)
    assert editor is not None
    desk.dialogs.append(editor)
    assert editor.snapshot.values["name"] == item.name
