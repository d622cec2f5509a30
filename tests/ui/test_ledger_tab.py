"""The 台账 tab: filters, the toolbar's permissions, copy forward, the 台账 sheet, the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog
from tests.ui.helpers import Dialogs, SignIns, open_in, wait_job
from tests.ui.test_task_dialog import fill_task_form

from kaohe_desktop.domain.deadlines import parse_deadline
from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_PASSWORD
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.ui.ledger import ledger_editing, ledger_sheet_actions
from kaohe_desktop.ui.ledger import task_model as cols
from kaohe_desktop.ui.ledger.copy_forward_dialog import CopyForwardDialog
from kaohe_desktop.ui.ledger.ledger_tab import LedgerTab
from kaohe_desktop.ui.ledger.task_dialog import TaskDialog
from kaohe_desktop.ui.main_window import MainWindow

YEAR = 2026


@pytest.fixture
def tab(qtbot: Any, window: MainWindow, demo_file: Path) -> LedgerTab:
    open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    return window.ledger_tab


def tasks(tab: LedgerTab, year: int = YEAR) -> list[TaskView]:
    assert tab.workspace is not None
    return tab.workspace.ledger.tasks(year)


def _months(task: TaskView) -> range:
    window = parse_deadline(task.deadline, task.year)
    return range(window.first_month, window.last_month + 1)


def test_category_and_deadline_month_filters_combine(tab: LedgerTab) -> None:
    everything = tasks(tab)
    for category in TaskCategory:
        tab.category.set_category(category)
        expected = [t for t in everything if t.category is category]
        assert tab.proxy.rowCount() == len(expected) >= 1
        assert f"{len(expected)} of {len(everything)}" in tab.count.text()
    tab.category.set_category(None)

    counts = {}
    for month in range(1, 13):
        tab.month.set_month(month)
        expected = [t for t in everything if month in _months(t)]
        assert tab.proxy.rowCount() == len(expected), month
        counts[month] = len(expected)
    assert len(set(counts.values())) > 1  # the months really differ in the demo

    tab.month.set_month(6)
    tab.category.set_category(TaskCategory.KEY)
    department = everything[0].lead_department
    tab.department.setCurrentIndex(tab.department.findData(department))
    expected = [
        t
        for t in everything
        if 6 in _months(t)
        and t.category is TaskCategory.KEY
        and (department == t.lead_department or department in t.responsible_departments)
    ]
    assert tab.proxy.rowCount() == len(expected)
    shown = {tab.proxy.row_object(tab.proxy.index(r, 0)).id for r in range(tab.proxy.rowCount())}
    assert shown == {t.id for t in expected}

    tab.month.set_month(None)
    tab.category.set_category(None)
    tab.department.setCurrentIndex(0)
    assert tab.proxy.rowCount() == len(everything)


def test_the_toolbar_follows_the_selection_and_the_file(tab: LedgerTab) -> None:
    actions = tab.toolbar_actions
    tab.table.clearSelection()
    assert actions.add.isEnabled() and actions.copy_forward.isEnabled()
    assert not actions.edit.isEnabled() and "Select a task" in actions.edit.toolTip()
    assert not actions.undo.isEnabled() and actions.undo.toolTip() == "Nothing to undo"
    tab.select_task(tasks(tab)[0].id)
    assert actions.edit.isEnabled() and actions.delete.isEnabled()
    assert "Del" in actions.delete.toolTip()

    assert tab.workspace is not None
    tab.workspace.go_read_only("测试：网络盘断开")
    tab.update_actions()
    for action in (actions.add, actions.edit, actions.delete, actions.import_sheet):
        assert not action.isEnabled()
        assert "测试：网络盘断开" in action.toolTip()
    assert actions.export_sheet.isEnabled() and actions.wall_charts.isEnabled()
    assert not tab.model.flags(tab.model.index(0, cols.TITLE)) & Qt.ItemFlag.ItemIsEditable


def test_a_viewer_may_look_export_and_print_but_not_change(
    qtbot: Any, window: MainWindow, demo_file: Path, sign_ins: SignIns
) -> None:
    sign_ins.credentials = Credentials("lingdao", DEMO_PASSWORD)
    open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    tab = window.ledger_tab
    tab.select_task(tasks(tab)[0].id)
    actions = tab.toolbar_actions
    for action in (actions.add, actions.edit, actions.duplicate, actions.delete):
        assert not action.isEnabled()
        assert "may view the ledger but not change it" in action.toolTip()
    assert not actions.import_sheet.isEnabled()
    assert actions.export_sheet.isEnabled() and actions.wall_charts.isEnabled()
    assert not tab.model.flags(tab.model.index(0, cols.TITLE)) & Qt.ItemFlag.ItemIsEditable
    assert tab.proxy.setData(tab.proxy.index(0, cols.TITLE), "不许改") is False


def test_keys_add_and_edit_from_the_table(
    qtbot: Any, tab: LedgerTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[TaskDialog] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, TaskDialog)
        opened.append(dialog)
        return False  # cancelled

    monkeypatch.setattr(ledger_editing, "run_dialog", run)
    window = tab.window()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    task = tasks(tab)[5]
    tab.select_task(task.id)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened[-1].snapshot is not None and opened[-1].snapshot.entity_id == task.id
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)
    assert len(opened) == 2 and opened[-1].snapshot is None
    assert opened[-1].form.seq.value() == max(t.seq for t in tasks(tab)) + 1


def test_duplicate_opens_the_task_prefilled_with_the_next_number(
    tab: LedgerTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = tasks(tab)[7]
    next_seq = max(t.seq for t in tasks(tab)) + 1

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, TaskDialog)
        assert dialog.form.seq.value() == next_seq
        assert dialog.form.title.text() == task.title
        assert dialog.form.checked_departments() == list(task.responsible_departments)
        fill_task_form(dialog, title=task.title + "（复制）")
        dialog.ok_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(ledger_editing, "run_dialog", run)
    tab.select_task(task.id)
    tab.toolbar_actions.duplicate.trigger()
    copy = next(t for t in tasks(tab) if t.seq == next_seq)
    assert copy.title == task.title + "（复制）" and copy.deadline == task.deadline
    assert tab.editing.stack.undoText() == f"Add task {next_seq}"


def test_copy_forward_into_the_next_year(
    tab: LedgerTab, monkeypatch: pytest.MonkeyPatch, qtbot: Any, dialogs: Dialogs
) -> None:
    old = tasks(tab)
    skipped = old[1]

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, CopyForwardDialog)
        assert dialog.chosen_from() == YEAR and dialog.to_year.value() == YEAR + 1
        assert dialog.renumber.isChecked()
        assert len(dialog.chosen()) == len(old)  # all ticked at first
        dialog.select_none.click()
        assert not dialog.copy_button.isEnabled()
        dialog.select_all.click()
        dialog.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
        assert dialog.table.item(2, 1).text() == "2"  # renumbered after the gap
        assert str(len(old) - 1) in dialog.preview.text()
        dialog.copy_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(ledger_editing, "run_dialog", run)
    with qtbot.waitSignal(tab.year_requested) as requested:
        tab.toolbar_actions.copy_forward.trigger()
    assert requested.args == [YEAR + 1]
    copied = tasks(tab, YEAR + 1)
    assert [t.seq for t in copied] == list(range(1, len(old)))
    assert skipped.title not in {t.title for t in copied}
    assert {t.title for t in copied} == {t.title for t in old} - {skipped.title}
    assert all(t.checks_recorded == 0 for t in copied)
    dated = [t for t in old if str(YEAR) in t.deadline and t is not skipped]
    for task in dated:
        twin = next(t for t in copied if t.title == task.title)
        assert twin.deadline == task.deadline.replace(str(YEAR), str(YEAR + 1))
    assert dialogs.kinds()[-1] == "info"
    assert tab.editing.stack.count() == 0  # not undoable (the dialog says so)


def test_copy_forward_keeping_numbers_refuses_a_clash_before_copying(
    qtbot: Any, tab: LedgerTab
) -> None:
    assert tab.workspace is not None
    old = tasks(tab)
    tab.workspace.ledger.copy_forward(YEAR, YEAR + 1, [old[0].id], renumber=False)
    dialog = CopyForwardDialog(tab.workspace.ledger, YEAR, tab)
    qtbot.addWidget(dialog)
    assert dialog.to_year.value() == YEAR + 1
    dialog.renumber.setChecked(False)
    assert "序号" in dialog.preview.text() and str(old[0].seq) in dialog.preview.text()
    assert not dialog.copy_button.isEnabled()
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.copy_button.isEnabled()
    assert dialog.table.item(1, 1).text() == str(old[1].seq)  # kept


def test_export_then_import_the_ledger_sheet(
    qtbot: Any, tab: LedgerTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    workbook = tmp_path / "台账.xlsx"
    monkeypatch.setattr(ledger_sheet_actions, "choose_export_path", lambda _p, _s: workbook)
    monkeypatch.setattr(ledger_sheet_actions, "choose_import_path", lambda _p: workbook)
    tab.toolbar_actions.export_sheet.trigger()  # the job says so when it is done
    qtbot.waitUntil(lambda: bool(dialogs.kinds()), timeout=30_000)
    assert dialogs.kinds() == ["info"]
    assert workbook.exists()
    assert str(len(tasks(tab))) in dialogs.last("info")

    # A change after the export, and an undoable edit on the stack, both undone by the import.
    task = tasks(tab)[0]
    assert tab.proxy.setData(tab.proxy.index(0, cols.TITLE), "导入前改过") is False
    qtbot.waitUntil(lambda: tab.editing.stack.count() == 1)
    assert tasks(tab)[0].title == "导入前改过"

    dialogs.shown.clear()
    check = tab.sheet.choose_and_import()
    wait_job(qtbot, check)
    assert dialogs.kinds() == ["ask"]  # the dry run's summary, nothing written yet
    wait_job(qtbot, tab.sheet.last_job)
    assert dialogs.kinds() == ["ask", "info"]
    assert tasks(tab)[0].title == task.title
    assert tab.model.row_at(0).title == task.title
    assert tab.editing.stack.count() == 0


def test_import_errors_are_shown_in_full(
    qtbot: Any, tab: LedgerTab, tmp_path: Path, dialogs: Dialogs
) -> None:
    bad = tmp_path / "坏的.xlsx"
    bad.write_bytes(b"not a workbook")
    wait_job(qtbot, tab.sheet.check(bad))
    assert dialogs.kinds() == ["error"]
    assert len(tasks(tab)) == tab.model.rowCount()


def test_an_empty_year_offers_new_task_and_copy_from_last_year(
    tab: LedgerTab, window: MainWindow
) -> None:
    window.set_year(YEAR + 1)
    assert tab.stack.is_empty
    page = tab.stack.empty_page
    text = page.message.text()
    assert "New task" in text and "Copy from last year" in text and "Import workbook" in text
    assert [b.text() for b in page.buttons][:2] == ["New task", "Copy from last year"]
    assert all(b.isEnabled() for b in page.buttons)


def test_the_wall_charts_button_opens_the_dialog(tab: LedgerTab) -> None:
    tab.toolbar_actions.wall_charts.trigger()
    dialog = tab.wall_chart_dialog
    assert dialog is not None and dialog.objectName() == "wallChartDialog"
    dialog.close()


def test_the_task_model_passes_the_model_tester_with_editable_cells(
    tab: LedgerTab, qtmodeltester: Any
) -> None:
    model = tab.model
    assert model.editable and model.rowCount() > 0
    assert model.flags(model.index(0, cols.TITLE)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, cols.POINTS)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, cols.SEQ)) & Qt.ItemFlag.ItemIsEditable
    assert model.index(0, cols.POINTS).data(Qt.ItemDataRole.EditRole) == model.index(
        0, cols.POINTS
    ).data(Qt.ItemDataRole.DisplayRole)
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(tab.proxy)


@pytest.mark.parametrize("action", ["add", "edit", "copy_forward", "wall_charts"])
def test_a_dropped_share_while_opening_a_dialog_is_explained(
    tab: LedgerTab, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs, action: str
) -> None:
    opened: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        opened.append(dialog)
        return False

    def dropped(*_args: Any) -> Any:
        raise StorageError("网络盘已断开，无法读取数据文件。")

    monkeypatch.setattr(ledger_editing, "run_dialog", run)
    assert tab.workspace is not None
    tab.select_task(tasks(tab)[0].id)
    # What each dialog reads first when it opens (the edit's snapshot is read before).
    for service, method in [
        ("ledger", "departments"),
        ("ledger", "years"),
        ("wall_charts", "departments"),
    ]:
        monkeypatch.setattr(getattr(tab.workspace, service), method, dropped)
    getattr(tab.toolbar_actions, action).trigger()
    assert dialogs.kinds() == ["error"]
    assert "网络盘已断开" in str(dialogs.last("error"))
    assert opened == [] and tab.wall_chart_dialog is None
