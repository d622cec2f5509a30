"""TaskDialog: checked as the clerk types, and a refused save never loses the edit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton
from tests.ui.helpers import Dialogs

from kaohe_desktop.domain.deadlines import EXAMPLES
from kaohe_desktop.domain.edits import Conflict
from kaohe_desktop.domain.ledger_rules import TASK_FIELDS
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_ADMIN, DEMO_PASSWORD
from kaohe_desktop.services.errors import FileUnavailableError
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.services.workspace import Workspace, open_workspace
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.editing.conflict_dialog import ConflictDialog
from kaohe_desktop.ui.ledger import task_dialog
from kaohe_desktop.ui.ledger.task_dialog import TaskDialog

YEAR = 2026
DEMO = Credentials(DEMO_ADMIN, DEMO_PASSWORD)


def type_into(edit: QLineEdit, text: str) -> None:
    """Replace the text as typing does (textEdited fires; keyClicks cannot type Chinese)."""
    edit.selectAll()
    if text:
        edit.insert(text)
    else:
        edit.del_()


def fill_task_form(dialog: TaskDialog, **values: Any) -> None:
    """Set fields as a clerk would; `responsible` is a list of department names."""
    form = dialog.form
    for name, value in values.items():
        if name == "seq":
            form.seq.setValue(int(value))
        elif name == "target":
            form.target.setPlainText(value)
        elif name == "category":
            form.category.setCurrentIndex(form.category.findText(value))
        elif name == "lead_department":
            form.lead.setCurrentIndex(form.lead.findData(value))
        elif name == "responsible":
            for row in range(form.responsible.count()):
                item = form.responsible.item(row)
                checked = item.data(Qt.ItemDataRole.UserRole) in value
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        else:
            type_into(getattr(form, name), value)


def valid_values(workspace: Workspace) -> dict[str, Any]:
    departments = workspace.ledger.departments()
    return {
        "title": "新增的测试任务",
        "target": "按时完成",
        "category": "常规工作",
        "lead_department": departments[0],
        "responsible": [departments[0], departments[1]],
        "deadline": "6月底前",
        "points": "2.5",
    }


@pytest.fixture
def workspace(demo_file: Path) -> Iterator[Workspace]:
    opened = open_workspace(demo_file, DEMO)
    yield opened
    opened.close()


@pytest.fixture
def other(demo_file: Path, workspace: Workspace) -> Iterator[Workspace]:
    """A second workstation on the same file."""
    opened = open_workspace(demo_file, DEMO)
    yield opened
    opened.close()


def new_dialog(qtbot: Any, workspace: Workspace, **options: Any) -> TaskDialog:
    dialog = TaskDialog(workspace, YEAR, **options)
    qtbot.addWidget(dialog)
    return dialog


def test_a_new_task_suggests_the_next_number_and_waits_for_the_required_fields(
    qtbot: Any, workspace: Workspace
) -> None:
    dialog = new_dialog(qtbot, workspace)
    assert dialog.objectName() == "taskDialog"
    assert dialog.form.seq.value() == workspace.ledger.next_seq(YEAR)
    assert not dialog.ok_button.isEnabled()
    # Nothing typed yet: nothing red, but the line beside 保存 says what is missing.
    assert all(label.isHidden() for label in dialog.form.problem_labels.values())
    assert "工作任务" in dialog.summary.text() and "牵头科室" in dialog.summary.text()
    assert EXAMPLES in dialog.form.deadline_hint.text()

    fill_task_form(dialog, **valid_values(workspace))
    assert dialog.revalidate() == []
    assert dialog.ok_button.isEnabled()
    assert dialog.summary.text() == ""


def test_a_taken_number_is_refused_as_it_is_typed(qtbot: Any, workspace: Workspace) -> None:
    taken = min(workspace.ledger.taken_seqs(YEAR))
    titles = {t.seq: t.title for t in workspace.ledger.tasks(YEAR)}
    dialog = new_dialog(qtbot, workspace, titles=titles)
    fill_task_form(dialog, **valid_values(workspace))
    assert dialog.ok_button.isEnabled()

    dialog.form.seq.setValue(taken)
    problem = dialog.form.problem_labels["seq"]
    assert not problem.isHidden()
    assert f"序号 {taken}" in problem.text() and titles[taken] in problem.text()
    assert not dialog.ok_button.isEnabled()

    dialog.form.seq.setValue(workspace.ledger.next_seq(YEAR))
    assert problem.isHidden()
    assert dialog.ok_button.isEnabled()


def test_the_deadline_is_shown_back_as_periods_or_refused_with_examples(
    qtbot: Any, workspace: Workspace
) -> None:
    dialog = new_dialog(qtbot, workspace)
    fill_task_form(dialog, **valid_values(workspace))
    hint = dialog.form.deadline_hint

    type_into(dialog.form.deadline, "明年春天")
    assert "明年春天" in hint.text() and EXAMPLES in hint.text()
    assert "#b00020" in hint.styleSheet()  # red
    assert not dialog.ok_button.isEnabled()

    type_into(dialog.form.deadline, "6月底前")
    assert "第二季度" in hint.text()
    assert "#b00020" not in hint.styleSheet()
    assert dialog.ok_button.isEnabled()
    # Key tasks are checked monthly: the same window reads as a month.
    fill_task_form(dialog, category="重点工作")
    assert "6月" in hint.text() and "季度" not in hint.text()


def test_no_responsible_department_and_zero_points_are_problems(
    qtbot: Any, workspace: Workspace
) -> None:
    dialog = new_dialog(qtbot, workspace)
    fill_task_form(dialog, **valid_values(workspace))
    fill_task_form(dialog, responsible=[])
    problem = dialog.form.problem_labels["responsible"]
    assert not problem.isHidden() and "责任科室" in problem.text()
    assert not dialog.ok_button.isEnabled()

    fill_task_form(dialog, responsible=[workspace.ledger.departments()[2]], points="0")
    assert problem.isHidden()
    assert "分值" in dialog.form.problem_labels["points"].text()
    assert not dialog.ok_button.isEnabled()


def test_saving_adds_the_task_and_returns_its_values(qtbot: Any, workspace: Workspace) -> None:
    before = len(workspace.ledger.tasks(YEAR))
    dialog = new_dialog(qtbot, workspace)
    values = valid_values(workspace)
    fill_task_form(dialog, **values)
    seq = dialog.form.seq.value()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert isinstance(dialog.saved, TaskView)
    tasks = workspace.ledger.tasks(YEAR)
    assert len(tasks) == before + 1
    added = next(t for t in tasks if t.seq == seq)
    assert added.title == values["title"] and str(added.points) == "2.5"
    assert added.responsible_departments == tuple(values["responsible"])
    assert set(dialog.form.values()) == set(TASK_FIELDS)


def test_a_number_taken_meanwhile_keeps_the_dialog_open_with_the_edit(
    qtbot: Any, workspace: Workspace, other: Workspace
) -> None:
    dialog = new_dialog(qtbot, workspace)
    values = valid_values(workspace)
    fill_task_form(dialog, **values)
    seq = dialog.form.seq.value()
    # Another clerk saves a task with the same 序号 while this dialog is open.
    other.ledger.add(YEAR, {**values, "title": "别人的任务", "seq": seq})
    assert dialog.ok_button.isEnabled()  # the dialog cannot know yet

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.saved is None
    assert dialog.banner.shown() and str(seq) in dialog.banner.text()
    assert not dialog.form.problem_labels["seq"].isHidden()
    assert dialog.form.title.text() == values["title"]  # the clerk's edit is still there
    assert not dialog.ok_button.isEnabled()

    dialog.form.seq.setValue(workspace.ledger.next_seq(YEAR))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def _edit_by_other(other: Workspace, task_id: int, **changes: Any) -> None:
    draft = other.tasks.load(task_id).draft()
    for name, value in changes.items():
        draft = draft.with_value(name, value)
    other.tasks.save(draft)


def test_an_edit_conflict_keeps_the_edit_then_saves_it_on_their_version(
    qtbot: Any, workspace: Workspace, other: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = workspace.ledger.tasks(YEAR)[3]
    dialog = new_dialog(qtbot, workspace, snapshot=workspace.tasks.load(task.id))
    assert dialog.form.title.text() == task.title
    type_into(dialog.form.title, "我改的标题")
    _edit_by_other(other, task.id, note="他人加的备注")

    answers: list[str | None] = [None, ConflictDialog.KEEP_MINE]

    class Answer:
        def __init__(self, conflict: Conflict) -> None:
            self.chosen = answers.pop(0)
            self.resolution = conflict.keep_mine() if self.chosen else None
            self.wants_export = False

    monkeypatch.setattr(task_dialog, "open_conflict_dialog", lambda c, _p, _f: Answer(c))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # “Back to editing”: still open, the edit intact, nothing written over theirs.
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.title.text() == "我改的标题"
    assert workspace.ledger.task(task.id).title == task.title

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = workspace.ledger.task(task.id)
    assert saved.title == "我改的标题" and saved.note == "他人加的备注"
    assert dialog.saved_draft is not None and dialog.saved_draft.base["note"] == "他人加的备注"


def test_an_unavailable_file_locks_the_new_task_and_offers_it_as_a_workbook(
    qtbot: Any,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    dialogs: Dialogs,
) -> None:
    before = len(workspace.ledger.tasks(YEAR))
    dialog = new_dialog(qtbot, workspace)
    values = valid_values(workspace)
    fill_task_form(dialog, **values)
    calls: list[dict[str, Any]] = []

    def gone(_year: int, typed: dict[str, Any]) -> Any:
        calls.append(typed)
        raise FileUnavailableError("数据文件无法访问，已转为只读；您的修改已保留，可导出。")

    monkeypatch.setattr(workspace.ledger, "add", gone)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.saved is None
    assert dialog.banner.shown() and "无法访问" in dialog.banner.text()
    assert not dialog.ok_button.isEnabled() and not dialog.form.isEnabled()
    assert dialog.form.title.text() == values["title"]  # the typed task stays on screen
    dialog.save()  # a locked dialog does not try again
    assert len(calls) == 1

    target = tmp_path / "导出" / "任务.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(prompts, "choose_export_path", lambda _parent, _suggested: target)
    dialog.banner.buttons["exportEdit"].click()
    cells = [c for row in load_workbook(target).active.iter_rows(values_only=True) for c in row]
    assert values["title"] in cells and "工作任务" in cells
    assert any("无法访问" in str(c) for c in cells if c)
    assert len(workspace.ledger.tasks(YEAR)) == before

    # Closing still asks before the typed task is thrown away; No keeps the dialog.
    dialog.show()
    dialogs.answer = False
    qtbot.mouseClick(dialog.findChild(QPushButton, "cancelTask"), Qt.MouseButton.LeftButton)
    assert dialogs.kinds()[-1] == "ask" and dialog.isVisible()
