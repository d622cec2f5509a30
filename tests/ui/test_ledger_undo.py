"""Undo and redo on the 台账 tab change the data file back and forth, and never lie."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from tests.ui.helpers import Dialogs, open_in
from tests.ui.test_task_dialog import DEMO, fill_task_form, type_into, valid_values

from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.services.workspace import Workspace, open_workspace
from kaohe_desktop.ui.ledger import ledger_editing
from kaohe_desktop.ui.ledger import task_model as cols
from kaohe_desktop.ui.ledger.ledger_tab import LedgerTab
from kaohe_desktop.ui.ledger.task_dialog import TaskDialog
from kaohe_desktop.ui.main_window import MainWindow

YEAR = 2026


@pytest.fixture
def tab(qtbot: Any, window: MainWindow, demo_file: Path) -> LedgerTab:
    open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    return window.ledger_tab


@pytest.fixture
def other(tab: LedgerTab, demo_file: Path) -> Iterator[Workspace]:
    """A second workstation on the same file."""
    opened = open_workspace(demo_file, DEMO)
    yield opened
    opened.close()


def answer_dialog(monkeypatch: pytest.MonkeyPatch, fill: Callable[[TaskDialog], None]) -> None:
    """The task dialog is filled in by `fill`, then 保存 is pressed."""

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, TaskDialog)
        fill(dialog)
        dialog.ok_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(ledger_editing, "run_dialog", run)


def tasks(tab: LedgerTab) -> list[TaskView]:
    assert tab.workspace is not None
    return tab.workspace.ledger.tasks(YEAR)


def by_seq(tab: LedgerTab, seq: int) -> TaskView | None:
    return next((t for t in tasks(tab) if t.seq == seq), None)


def title_of(tab: LedgerTab, seq: int) -> str | None:
    task = by_seq(tab, seq)
    return None if task is None else task.title


def press(qtbot: Any, tab: LedgerTab, key: str) -> None:
    """Ctrl+Z / Ctrl+Y on the table, as the clerk presses them.

    Shortcuts fire only in the active window, and the file's opening progress dialog
    may still be the active one: make the main window active and the table focused."""
    window = tab.window()
    # The closed progress dialog is deleted later; let that happen so it lets go.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, key, Qt.KeyboardModifier.ControlModifier)


def add_through_tab(tab: LedgerTab, monkeypatch: pytest.MonkeyPatch, title: str) -> TaskView:
    assert tab.workspace is not None
    values = {**valid_values(tab.workspace), "title": title}
    answer_dialog(monkeypatch, lambda dialog: fill_task_form(dialog, **values))
    tab.toolbar_actions.add.trigger()
    added = next(t for t in tasks(tab) if t.title == title)
    assert tab.selected_task() == added  # the new task is selected after the reload
    return added


def test_undo_and_redo_of_an_add(
    qtbot: Any, tab: LedgerTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = len(tasks(tab))
    added = add_through_tab(tab, monkeypatch, "撤销测试任务")
    assert len(tasks(tab)) == count + 1 == tab.model.rowCount()
    assert tab.toolbar_actions.undo.isEnabled()
    assert str(added.seq) in tab.toolbar_actions.undo.toolTip()

    press(qtbot, tab, "Z")
    assert by_seq(tab, added.seq) is None
    assert len(tasks(tab)) == count == tab.model.rowCount()
    assert not tab.toolbar_actions.undo.isEnabled() and tab.toolbar_actions.redo.isEnabled()

    press(qtbot, tab, "Y")
    again = by_seq(tab, added.seq)
    assert again is not None and again.title == "撤销测试任务"
    assert tab.editing.stack.index() == 1


def test_undo_and_redo_of_an_edit_in_the_dialog(
    qtbot: Any, tab: LedgerTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = tasks(tab)[4]
    tab.select_task(task.id)
    answer_dialog(
        monkeypatch, lambda dialog: fill_task_form(dialog, title="改过的任务", points="7")
    )
    tab.toolbar_actions.edit.trigger()
    edited = by_seq(tab, task.seq)
    assert edited is not None and edited.title == "改过的任务" and str(edited.points) == "7"
    assert tab.editing.stack.undoText() == f"Edit task {task.seq}"

    press(qtbot, tab, "Z")
    restored = by_seq(tab, task.seq)
    assert restored is not None
    assert (restored.title, restored.points) == (task.title, task.points)
    assert tab.selected_task() == restored

    press(qtbot, tab, "Y")
    redone = by_seq(tab, task.seq)
    assert redone is not None and redone.title == "改过的任务"


def test_undo_of_a_delete_brings_the_same_task_back(
    qtbot: Any, tab: LedgerTab, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    added = add_through_tab(tab, monkeypatch, "将被删除的任务")
    tab.toolbar_actions.delete.trigger()
    assert dialogs.kinds()[-1] == "ask"  # the clerk confirmed
    assert by_seq(tab, added.seq) is None
    assert tab.editing.stack.undoText() == f"Delete task {added.seq}"

    press(qtbot, tab, "Z")
    back = by_seq(tab, added.seq)
    assert back is not None
    assert (back.title, back.deadline, back.points, back.responsible_departments) == (
        added.title,
        added.deadline,
        added.points,
        added.responsible_departments,
    )
    # The add before it still undoes, although the task has a new id now.
    press(qtbot, tab, "Y")
    assert by_seq(tab, added.seq) is None
    press(qtbot, tab, "Z")
    press(qtbot, tab, "Z")
    assert by_seq(tab, added.seq) is None
    assert not tab.editing.stack.canUndo()
    assert "error" not in dialogs.kinds() and "warn" not in dialogs.kinds()


def test_a_task_with_checks_is_not_deleted_and_nothing_is_recorded(
    tab: LedgerTab, dialogs: Dialogs
) -> None:
    task = next(t for t in tasks(tab) if t.checks_recorded > 0)
    tab.select_task(task.id)
    tab.toolbar_actions.delete.trigger()
    assert dialogs.kinds()[-1] == "error"
    assert "不能删除" in str(dialogs.last("error"))
    assert by_seq(tab, task.seq) == task
    assert tab.editing.stack.count() == 0


def test_an_undo_refused_because_another_workstation_changed_the_task(
    qtbot: Any,
    tab: LedgerTab,
    other: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Dialogs,
) -> None:
    task = tasks(tab)[2]
    tab.select_task(task.id)
    answer_dialog(monkeypatch, lambda dialog: fill_task_form(dialog, title="我的修改"))
    tab.toolbar_actions.edit.trigger()
    draft = other.tasks.load(task.id).draft().with_value("title", "他人的修改")
    other.tasks.save(draft)

    press(qtbot, tab, "Z")
    assert dialogs.kinds()[-1] == "error"
    assert "修改" in str(dialogs.last("error"))
    changed = by_seq(tab, task.seq)
    assert changed is not None and changed.title == "他人的修改"  # their change stays
    assert tab.model.row_at(0) is not None and any(
        t.title == "他人的修改" for t in tab.model.rows()
    )
    # The refused command is gone: the stack does not pretend it can be redone either.
    assert tab.editing.stack.count() == 0
    assert not tab.toolbar_actions.undo.isEnabled() and not tab.toolbar_actions.redo.isEnabled()


def _cell(tab: LedgerTab, task: TaskView, column: int) -> Any:
    tab.select_task(task.id)
    row = tab.table.selectionModel().selectedRows()[0].row()
    return tab.proxy.index(row, column)


def test_inline_edit_of_the_title_writes_through_and_undoes(qtbot: Any, tab: LedgerTab) -> None:
    task = next(t for t in tasks(tab) if t.category.label == "重点工作")
    index = _cell(tab, task, cols.TITLE)
    assert str(index.data()).startswith("★")
    assert tab.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not tab.proxy.flags(_cell(tab, task, cols.SEQ)) & Qt.ItemFlag.ItemIsEditable

    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = tab.table.viewport().findChild(QLineEdit)
    assert editor is not None
    assert editor.text() == task.title  # the raw title, without the ★
    type_into(editor, "就地修改的标题")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.editing.stack.count() == 1)
    changed = by_seq(tab, task.seq)
    assert changed is not None and changed.title == "就地修改的标题"
    assert "★" not in changed.title

    press(qtbot, tab, "Z")
    restored = by_seq(tab, task.seq)
    assert restored is not None and restored.title == task.title


@pytest.mark.parametrize("typed", ["0", "abc"])
def test_bad_points_inline_are_refused_and_the_old_value_stays(
    qtbot: Any, tab: LedgerTab, dialogs: Dialogs, typed: str
) -> None:
    task = tasks(tab)[0]
    index = _cell(tab, task, cols.POINTS)
    shown = index.data()
    assert tab.proxy.setData(index, typed) is False  # never written by the model itself
    qtbot.waitUntil(lambda: "warn" in dialogs.kinds())
    assert "分值" in dialogs.last("warn")
    assert by_seq(tab, task.seq) == task
    assert _cell(tab, task, cols.POINTS).data() == shown
    assert tab.editing.stack.count() == 0


def test_a_new_year_starts_an_empty_undo_stack(
    tab: LedgerTab, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_through_tab(tab, monkeypatch, "换年前的任务")
    window.refresh()  # a refresh (another workstation saved) keeps the history
    assert tab.editing.stack.count() == 1
    window.set_year(YEAR - 1)
    assert tab.editing.stack.count() == 0


def _edit_in_dialog(
    tab: LedgerTab, monkeypatch: pytest.MonkeyPatch, task: TaskView, title: str
) -> None:
    tab.select_task(task.id)
    answer_dialog(monkeypatch, lambda dialog: fill_task_form(dialog, title=title))
    tab.toolbar_actions.edit.trigger()


def test_two_edits_of_one_task_undo_in_turn(
    qtbot: Any, tab: LedgerTab, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    task = tasks(tab)[6]
    _edit_in_dialog(tab, monkeypatch, task, "第一次修改")
    _edit_in_dialog(tab, monkeypatch, task, "第二次修改")
    press(qtbot, tab, "Z")
    assert title_of(tab, task.seq) == "第一次修改"
    press(qtbot, tab, "Z")
    assert title_of(tab, task.seq) == task.title
    press(qtbot, tab, "Y")
    press(qtbot, tab, "Y")
    assert title_of(tab, task.seq) == "第二次修改"
    assert dialogs.kinds() == []


def test_an_edit_made_on_top_of_another_workstation_change_undoes_only_itself(
    qtbot: Any,
    tab: LedgerTab,
    other: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Dialogs,
) -> None:
    task = tasks(tab)[6]
    _edit_in_dialog(tab, monkeypatch, task, "第一次修改")
    other.tasks.save(other.tasks.load(task.id).draft().with_value("note", "他人的备注"))
    tab.reload()  # what the live refresh does when another workstation saves
    _edit_in_dialog(tab, monkeypatch, task, "第二次修改")  # on top of their version

    press(qtbot, tab, "Z")
    now = by_seq(tab, task.seq)
    assert now is not None and (now.title, now.note) == ("第一次修改", "他人的备注")
    assert dialogs.kinds() == []
    # Undoing the first edit would have to pass over their change: refused, not guessed.
    press(qtbot, tab, "Z")
    assert dialogs.kinds() == ["error"]
    now = by_seq(tab, task.seq)
    assert now is not None and (now.title, now.note) == ("第一次修改", "他人的备注")
    assert tab.editing.stack.count() == 1 and not tab.editing.stack.canUndo()
