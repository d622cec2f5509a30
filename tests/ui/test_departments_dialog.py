"""The 基础数据 · 科室 dialog: add (checked as the clerk types), move, retire and
restore, delete only what nothing uses, and a read-only role that may only look.

Message boxes are answered through the `dialogs` fixture; the add dialog through
departments_dialog.open_add_dialog, which the tests replace with a clerk's typing."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from tests.factories import sign_in
from tests.ui.helpers import Dialogs
from tests.ui.named_lists import ShownList, clerk, fill_in_add, path

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.org.department_uses import DepartmentItem
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.editing import departments_dialog
from kaohe_desktop.ui.editing.departments_dialog import AddDepartmentDialog, DepartmentsDialog
from kaohe_desktop.ui.editing.record_dialog import RecordDialog

__all__ = ["clerk", "path"]  # the fixtures, imported for pytest

Shown = ShownList[DepartmentsDialog, DepartmentItem]


def show(qtbot: Any, workspace: Workspace) -> Shown:
    dialog = DepartmentsDialog(
        workspace, workspace.departments, open_record=partial(RecordDialog, workspace)
    )
    qtbot.addWidget(dialog)
    return Shown(dialog)


@pytest.fixture
def shown(qtbot: Any, clerk: Workspace) -> Shown:
    return show(qtbot, clerk)


def fill_in(
    qtbot: Any, fill: Callable[[AddDepartmentDialog], bool], monkeypatch: pytest.MonkeyPatch
) -> list[AddDepartmentDialog]:
    return fill_in_add(qtbot, departments_dialog, fill, monkeypatch)


# --- add --------------------------------------------------------------------------
def test_add_checks_the_name_as_it_is_typed(
    qtbot: Any, shown: Shown, clerk: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def type_a_name(add: AddDepartmentDialog) -> bool:
        assert not add.ok_button.isEnabled() and add.problem.isHidden()  # nothing typed yet
        add.name_edit.setText("办公室")
        assert not add.problem.isHidden() and "不能重复" in add.problem.text()
        assert not add.ok_button.isEnabled()
        add.name_edit.setText(" ")
        assert "不能为空" in add.problem.text()
        add.name_edit.setText(" 新闻宣传科 ")
        assert add.problem.isHidden() and add.ok_button.isEnabled()
        assert add.group.findText("综合科室") > 0  # the groups in use are offered
        add.group.setCurrentText("综合科室")
        add.kind.setCurrentText("机关科室")
        add.ok_button.click()
        return add.result() == AddDepartmentDialog.DialogCode.Accepted

    opened = fill_in(qtbot, type_a_name, monkeypatch)
    before = shown.names()
    shown.dialog.add_button.click()

    assert len(opened) == 1
    assert shown.names() == [*before, "新闻宣传科"]
    assert shown.selected_name() == "新闻宣传科"
    added = shown.dialog.selected()
    assert added is not None and (added.group, added.kind) == ("综合科室", "机关科室")
    assert shown.changes == 1
    assert "新闻宣传科" in [item.name for item in clerk.departments.listing()]


def test_cancelled_add_changes_nothing(
    qtbot: Any, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_in(qtbot, lambda _add: False, monkeypatch)
    before = shown.names()
    shown.dialog.add_button.click()
    assert shown.names() == before and shown.changes == 0


# --- move -------------------------------------------------------------------------
def test_move_keeps_the_moved_row_selected(shown: Shown, clerk: Workspace) -> None:
    before = shown.names()
    shown.select(before[2])
    shown.dialog.up_button.click()
    assert shown.names() == [before[0], before[2], before[1], *before[3:]]
    assert shown.selected_name() == before[2]
    assert [item.name for item in clerk.departments.listing()] == shown.names()
    shown.dialog.down_button.click()
    shown.dialog.down_button.click()
    assert shown.names()[:4] == [before[0], before[1], before[3], before[2]]
    assert shown.selected_name() == before[2]
    assert shown.changes == 3


def test_move_buttons_stop_at_the_ends(shown: Shown) -> None:
    names = shown.names()
    shown.select(names[0])
    assert not shown.dialog.up_button.isEnabled() and shown.dialog.down_button.isEnabled()
    shown.select(names[-1])
    assert shown.dialog.up_button.isEnabled() and not shown.dialog.down_button.isEnabled()


# --- retire -----------------------------------------------------------------------
def test_retire_asks_warns_of_people_on_post_and_restores(
    shown: Shown, clerk: Workspace, dialogs: Dialogs
) -> None:
    name = shown.names()[1]
    item = shown.select(name)
    assert item.on_post > 0
    in_use_label = shown.dialog.retire_button.text()

    dialogs.answer = False
    shown.dialog.retire_button.click()
    question, detail = dialogs.last("ask")
    assert name in question and str(item.on_post) in detail
    assert not shown.dialog.selected().retired  # type: ignore[union-attr]

    dialogs.answer = True
    shown.dialog.retire_button.click()
    assert shown.names()[-1] == name and shown.selected_name() == name  # listed last, kept
    assert shown.dialog.model.data(shown.dialog.model.index(len(shown.names()) - 1, 4)) != ""
    retired = shown.dialog.selected()
    assert retired is not None and retired.retired
    assert shown.dialog.retire_button.text() != in_use_label  # now it offers to restore
    assert not shown.dialog.down_button.isEnabled()

    asked = dialogs.kinds().count("ask")
    shown.dialog.retire_button.click()  # restoring needs no question
    assert dialogs.kinds().count("ask") == asked
    assert not next(i for i in clerk.departments.listing() if i.name == name).retired
    assert shown.dialog.retire_button.text() == in_use_label
    assert shown.changes == 2


# --- delete -----------------------------------------------------------------------
def test_delete_of_a_department_in_use_shows_why_not(shown: Shown, dialogs: Dialogs) -> None:
    name = shown.names()[0]
    item = shown.select(name)
    assert shown.dialog.delete_button.toolTip()  # says it can only be retired
    shown.dialog.delete_button.click()
    error = dialogs.last("error")
    assert isinstance(error, InputError)
    assert str(error).startswith(f"科室“{name}”仍被 {item.uses.people} 名人员、")
    assert "不能删除，只能撤销" in str(error)
    assert "ask" not in dialogs.kinds()
    assert name in shown.names() and shown.changes == 0


def test_delete_an_unused_department_after_asking(
    shown: Shown, clerk: Workspace, dialogs: Dialogs
) -> None:
    clerk.departments.add("筹备组", None, None)
    shown.dialog.reload()
    shown.select("筹备组")
    dialogs.answer = False
    shown.dialog.delete_button.click()
    assert "筹备组" in shown.names()
    dialogs.answer = True
    shown.dialog.delete_button.click()
    assert "筹备组" in dialogs.last("ask")[0]
    assert "筹备组" not in shown.names()
    assert "筹备组" not in [item.name for item in clerk.departments.listing()]
    assert shown.changes == 1


def test_delete_refused_by_the_service_when_the_list_was_stale(
    path: Path, shown: Shown, clerk: Workspace, dialogs: Dialogs
) -> None:
    clerk.departments.add("借用科", None, None)
    shown.dialog.reload()
    shown.select("借用科")
    # Meanwhile, at another workstation, someone is moved into it.
    other = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        person = other.people.load(1)
        lease = other.leases.acquire(person_scope(person.entity_id), "test")
        other.people.save(person.draft().with_value("department", "借用科"), lease)
        other.leases.release(lease)
    finally:
        other.close()

    shown.dialog.delete_button.click()
    error = dialogs.last("error")
    assert isinstance(error, InputError) and "仍被 1 名人员使用" in str(error)
    assert "借用科" in shown.names() and shown.changes == 0
    refreshed = shown.select("借用科")
    assert refreshed.uses.people == 1  # the list was read again


# --- who may ----------------------------------------------------------------------
def test_a_read_only_role_sees_the_buttons_disabled_and_why(qtbot: Any, path: Path) -> None:
    viewer = sign_in(path, Role.VIEWER, daily_backup=False)
    try:
        seen = show(qtbot, viewer)
        seen.select(seen.names()[1])
        dialog = seen.dialog
        for button in (
            dialog.add_button,
            dialog.up_button,
            dialog.down_button,
            dialog.retire_button,
            dialog.delete_button,
        ):
            assert not button.isEnabled(), button.objectName()
            assert Role.VIEWER.label in button.toolTip(), button.objectName()
        assert dialog.edit_button.isEnabled()  # the record opens read-only, with the reason
    finally:
        viewer.close()


def test_the_table_shows_status_and_uses(shown: Shown) -> None:
    model = shown.dialog.model
    headers = model.column_headers()
    assert len(headers) == 6
    uses = model.data(model.index(0, 5))
    assert "名人员" in uses and "项台账任务" in uses
    assert model.data(model.index(0, 5), Qt.ItemDataRole.ToolTipRole) == uses
