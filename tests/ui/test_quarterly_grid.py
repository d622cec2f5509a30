"""The 个人平时考核 grid of the 季度考核 tab, driven from the keyboard and the clipboard, on a
roster small enough to work out on paper.

Roster (one staff category, bureau-wide quota): 办公室 A1 A2 A3, 财务科 B1 B2, nobody
scored yet. Five participants → 好 quota floor(5 × 40%) = 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QVBoxLayout, QWidget
from tests.factories import Clock, CopyMaster, sign_in
from tests.ui.helpers import SMALL_ROSTER, Dialogs, open_in

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_PASSWORD
from kaohe_desktop.services.errors import LeaseHeldError
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet, ScoreChange, ScoreField
from kaohe_desktop.services.workspace import Workspace, open_workspace
from kaohe_desktop.ui.common.data_tab import Guidance
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.quarterly import grading_model as cols
from kaohe_desktop.ui.quarterly.close_quarter import BlockersDialog
from kaohe_desktop.ui.quarterly.comments_dialog import CommentsDialog
from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab

QUARTER = Quarter(2026, 2)
DEMO_OPEN = Quarter(2026, 4)  # the demo's quarter under way (Q1–Q3 are closed)


@pytest.fixture
def data_path(copy_master: CopyMaster) -> Path:
    return copy_master(SMALL_ROSTER)


class Opened:
    """Workspaces of the test, closed at its end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.all: list[Workspace] = []

    def __call__(self, role: Role = Role.ADMIN) -> Workspace:
        workspace = sign_in(self.path, role, daily_backup=False)
        self.all.append(workspace)
        return workspace


@pytest.fixture
def opened(data_path: Path) -> Iterator[Opened]:
    workspaces = Opened(data_path)
    yield workspaces
    for workspace in workspaces.all:
        workspace.close()


def make_tab(qtbot: Any, workspace: Workspace) -> QuarterlyTab:
    # The tab inside a window of its own: closing that window gives the leases back.
    window = QWidget()
    tab = QuarterlyTab(Guidance())
    QVBoxLayout(window).addWidget(tab)
    qtbot.addWidget(window)
    window.resize(1300, 700)
    window.show()
    tab.set_workspace(workspace, QUARTER.year)
    tab.set_quarter(QUARTER.quarter)
    return tab


@pytest.fixture
def tab(qtbot: Any, opened: Opened) -> QuarterlyTab:
    return make_tab(qtbot, opened())


# --- helpers -----------------------------------------------------------------------------
def sheet(tab: QuarterlyTab) -> GradingSheet:
    assert tab.workspace is not None
    return tab.workspace.grading.sheet(QUARTER)


def row(tab: QuarterlyTab, code: str) -> GradingRow:
    return next(r for r in sheet(tab).rows if r.code == code)


def shown(tab: QuarterlyTab, code: str, column: int) -> str:
    for n in range(tab.proxy.rowCount()):
        if tab.proxy.row_object(tab.proxy.index(n, 0)).code == code:
            return str(tab.proxy.index(n, column).data())
    raise KeyError(code)


def go_to(tab: QuarterlyTab, code: str, column: int) -> None:
    person = row(tab, code).person_id
    assert tab.grid.select_cell(person, column)
    tab.table.setFocus()


def editor(tab: QuarterlyTab) -> QLineEdit | None:
    editors = [e for e in tab.table.findChildren(QLineEdit, "scoreEditor") if e.isVisible()]
    return editors[0] if editors else None


def type_into(
    qtbot: Any, tab: QuarterlyTab, text: str, end: Qt.Key | None = Qt.Key.Key_Return
) -> None:
    """Type on the current cell as a clerk does: the first key opens the editor, the
    rest go into it, then `end` (Enter by default). QTest types ASCII only, so a
    full-width digit (a Chinese IME) is sent as the key event it makes."""
    first = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text[0])
    QApplication.sendEvent(tab.table, first)
    opened = editor(tab)
    assert opened is not None, "typing on the cell did not start editing"
    qtbot.keyClicks(opened, text[1:])
    if end is not None:
        qtbot.keyClick(opened, end)


def score(tab: QuarterlyTab, **scores: tuple[str | None, str | None]) -> None:
    """Scores through the service, with the tab's own leases (as if typed)."""
    assert tab.workspace is not None
    current = sheet(tab)
    changes = []
    for code, pair in scores.items():
        person = next(r for r in current.rows if r.code == code)
        for field, value in zip(ScoreField, pair, strict=True):
            number = None if value is None else Decimal(value)
            changes.append(ScoreChange(person.person_id, field, number, person.version))
    departments = [d for d, _name in current.departments]
    leases = tab.session.leases.ensure(tab.workspace.leases, QUARTER, departments)
    tab.workspace.grading.set_scores(QUARTER, changes, leases)
    tab.reload()


def holder(workspace: Workspace, department: str) -> Any:
    ids = {name: d for d, name in workspace.grading.sheet(QUARTER).departments}
    return workspace.leases.holder(grading_scope(str(QUARTER), ids[department]))


# --- typing ------------------------------------------------------------------------------
def test_two_scores_typed_from_the_keyboard_change_grade_and_counter(
    qtbot: Any, tab: QuarterlyTab
) -> None:
    assert tab.quota.lines() == ["全局 quota 2 / used 0 / left 2  (5 assessed)"]
    assert "5 not yet scored" in tab.count.text()
    go_to(tab, "A1", cols.PERFORMANCE)
    type_into(qtbot, tab, "92", Qt.Key.Key_Tab)  # Tab: on to 领导测评分 of the same row
    qtbot.waitUntil(lambda: row(tab, "A1").performance == Decimal("92"))
    assert tab.table.currentIndex().column() == cols.LEADER
    assert shown(tab, "A1", cols.GRADE) == ""  # one score only: not graded yet
    type_into(qtbot, tab, "94")
    qtbot.waitUntil(lambda: shown(tab, "A1", cols.COMPOSITE) == "93.00")
    assert shown(tab, "A1", cols.GRADE) == "好"
    assert shown(tab, "A1", cols.RANK) == "1"
    assert tab.quota.lines() == ["全局 quota 2 / used 1 / left 1  (5 assessed)"]
    assert "4 not yet scored" in tab.count.text()
    # Enter moved the current cell down: the next person's 领导测评分, ready to type.
    current = tab.table.currentIndex()
    assert current.column() == cols.LEADER
    assert tab.proxy.row_object(current).code == "A2"
    assert tab.model.row_of(row(tab, "A1").person_id) is not None
    assert tab.session.leases.held() == {row(tab, "A1").department_id}  # taken on the first edit


def test_typing_replaces_the_old_value_like_a_spreadsheet(qtbot: Any, tab: QuarterlyTab) -> None:
    score(tab, A1=("80", "81"))
    go_to(tab, "A1", cols.LEADER)
    type_into(qtbot, tab, "９1.5")  # a full-width digit from a Chinese IME is taken
    qtbot.waitUntil(lambda: row(tab, "A1").leader == Decimal("91.5"))
    assert shown(tab, "A1", cols.COMPOSITE) == "85.75"


# The reason pops up as a tooltip beside the editor; the offscreen platform cannot raise it.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support propagateSizeHints"
)
@pytest.mark.parametrize(("typed", "reason"), [("101", "超出范围"), ("abc", "不是数字")])
def test_a_bad_value_is_refused_in_place_and_esc_keeps_the_old_one(
    qtbot: Any, tab: QuarterlyTab, typed: str, reason: str
) -> None:
    score(tab, A1=("80", "81"))
    before = sheet(tab)
    go_to(tab, "A1", cols.PERFORMANCE)
    type_into(qtbot, tab, typed)
    # Refused where it was typed: the editor is still open, with the reason shown.
    assert tab.table.state() == QAbstractItemView.State.EditingState
    opened = editor(tab)
    assert opened is not None and opened.text() == typed
    assert reason in opened.toolTip()
    assert reason in tab.status.text() and "实绩分" in tab.status.text()
    qtbot.keyClick(opened, Qt.Key.Key_Tab)  # Tab is refused the same way
    assert editor(tab) is opened
    qtbot.keyClick(opened, Qt.Key.Key_Escape)
    assert tab.table.state() != QAbstractItemView.State.EditingState
    assert shown(tab, "A1", cols.PERFORMANCE) == "80.0"
    assert sheet(tab) == before  # nothing was written


def test_enter_and_tab_move_like_a_spreadsheet(qtbot: Any, tab: QuarterlyTab) -> None:
    def at() -> tuple[str, int]:
        current = tab.table.currentIndex()
        return tab.proxy.row_object(current).code, current.column()

    go_to(tab, "A1", cols.PERFORMANCE)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert at() == ("A2", cols.PERFORMANCE)
    qtbot.keyClick(tab.table, Qt.Key.Key_Tab)
    assert at() == ("A2", cols.LEADER)  # over the 点评 column
    qtbot.keyClick(tab.table, Qt.Key.Key_Tab)
    assert at() == ("A3", cols.PERFORMANCE)  # the next row's first score
    qtbot.keyClick(tab.table, Qt.Key.Key_Backtab)
    assert at() == ("A2", cols.LEADER)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert at() == ("A1", cols.LEADER)
    assert sheet(tab).rows[0].assessment_id is None  # moving writes nothing


def test_delete_clears_the_selected_scores_after_asking(
    qtbot: Any, tab: QuarterlyTab, dialogs: Dialogs
) -> None:
    score(tab, A1=("80", "81"))
    go_to(tab, "A1", cols.LEADER)
    dialogs.answer = False
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    question, _detail = dialogs.last("ask")
    assert "领导测评分" in question and "人员A1" in question and "81" in question
    assert row(tab, "A1").leader == Decimal("81")  # declined: kept
    dialogs.answer = True
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert row(tab, "A1").leader is None
    assert shown(tab, "A1", cols.LEADER) == "" and shown(tab, "A1", cols.GRADE) == ""


# --- pasting -----------------------------------------------------------------------------
def count_set_scores(tab: QuarterlyTab, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    assert tab.workspace is not None
    grading = tab.workspace.grading
    calls: list[int] = []
    original = grading.set_scores

    def counted(quarter: Quarter, changes: Any, leases: Any) -> GradingSheet:
        calls.append(len(changes))
        return original(quarter, changes, leases)

    monkeypatch.setattr(grading, "set_scores", counted)
    return calls


def paste(qtbot: Any, tab: QuarterlyTab, text: str) -> None:
    QApplication.clipboard().setText(text)
    qtbot.keyClick(tab.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_column_pasted_from_excel_is_written_in_one_call(
    qtbot: Any, tab: QuarterlyTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_set_scores(tab, monkeypatch)
    go_to(tab, "A1", cols.PERFORMANCE)
    paste(qtbot, tab, "88\n91.5\n79\n85\n90\n")  # Excel ends the block with a newline
    assert calls == [5]  # one call, both departments (both leases taken first)
    typed = {r.code: r.performance for r in sheet(tab).rows}
    assert typed == {
        "A1": Decimal("88"),
        "A2": Decimal("91.5"),
        "A3": Decimal("79"),
        "B1": Decimal("85"),
        "B2": Decimal("90"),
    }
    assert shown(tab, "A2", cols.PERFORMANCE) == "91.5"
    assert "5 values pasted" in tab.status.text()

    # A rectangle of 实绩分 and 领导测评分, as the two columns sit side by side in Excel.
    go_to(tab, "A2", cols.PERFORMANCE)
    paste(qtbot, tab, "95\t96\r\n97\t98\r\n")
    assert calls == [5, 4]
    assert (row(tab, "A2").performance, row(tab, "A2").leader) == (Decimal(95), Decimal(96))
    assert (row(tab, "A3").performance, row(tab, "A3").leader) == (Decimal(97), Decimal(98))
    assert shown(tab, "A3", cols.GRADE) == "好" and shown(tab, "A2", cols.GRADE) == "好"


def test_copy_puts_the_selected_cells_on_the_clipboard_as_excel_reads_them(
    qtbot: Any, tab: QuarterlyTab
) -> None:
    score(tab, A1=("88", "90"), A2=("91.5", None))
    selection = tab.table.selectionModel()
    top_left = tab.proxy.index(0, cols.PERFORMANCE)
    bottom_right = tab.proxy.index(1, cols.LEADER)
    selection.select(
        QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.keyClick(tab.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "88.0\t90.0\n91.5\t\n"


def test_a_paste_with_a_bad_value_writes_nothing_and_names_it(
    qtbot: Any, tab: QuarterlyTab, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_set_scores(tab, monkeypatch)
    before = sheet(tab)
    go_to(tab, "A1", cols.LEADER)
    paste(qtbot, tab, "88\n101\nabc\n")
    text = dialogs.last("warn")
    assert "Nothing was pasted: 2 of the 3 values" in text
    assert "A2 人员A2：领导测评分 101 超出范围" in text
    assert "A3 人员A3：领导测评分“abc”不是数字" in text
    assert calls == [] and sheet(tab) == before

    paste(qtbot, tab, "88\t90\n")  # starting at 领导测评分 there is one score column only
    assert "2 columns but only 1 score columns" in dialogs.last("warn")
    go_to(tab, "B2", cols.PERFORMANCE)
    paste(qtbot, tab, "88\n89\n")  # B2 is the last row shown
    assert "2 rows but only 1 rows" in dialogs.last("warn")
    assert calls == [] and sheet(tab) == before


# --- leases ------------------------------------------------------------------------------
def test_a_department_another_workstation_edits_stays_read_only(
    qtbot: Any, tab: QuarterlyTab, opened: Opened, dialogs: Dialogs
) -> None:
    clerk = opened(Role.CLERK)
    ids = {name: d for d, name in clerk.grading.sheet(QUARTER).departments}
    lease = clerk.leases.acquire(grading_scope(str(QUARTER), ids["财务科"]), "财务科评分")

    go_to(tab, "B1", cols.PERFORMANCE)
    qtbot.keyClick(tab.table, "8")
    assert editor(tab) is None  # no editor on a department someone else holds
    qtbot.waitUntil(lambda: "error" in dialogs.kinds())
    error = dialogs.last("error")
    assert isinstance(error, LeaseHeldError)
    assert "clerk" in str(error) and clerk.leases.workstation in str(error)
    assert tab.lease_banner.shown() and "财务科" in tab.lease_banner.text()
    assert "clerk" in tab.lease_banner.text()
    index = tab.table.currentIndex()
    assert not tab.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not tab.toolbar_actions.adjust_grade.isEnabled()
    # 办公室 is free: editing there goes on.
    go_to(tab, "A1", cols.PERFORMANCE)
    type_into(qtbot, tab, "90")
    qtbot.waitUntil(lambda: row(tab, "A1").performance == Decimal("90"))

    clerk.leases.release(lease)
    tab.reload()  # what the live refresh does when the other workstation lets go
    assert not tab.lease_banner.shown()
    go_to(tab, "B1", cols.PERFORMANCE)
    type_into(qtbot, tab, "85")
    qtbot.waitUntil(lambda: row(tab, "B1").performance == Decimal("85"))
    assert holder(clerk, "财务科").holder == "admin"


def test_leases_are_given_back_on_another_quarter_and_when_the_window_closes(
    qtbot: Any, tab: QuarterlyTab, opened: Opened
) -> None:
    other = opened(Role.CLERK)
    go_to(tab, "A1", cols.PERFORMANCE)
    type_into(qtbot, tab, "90")
    qtbot.waitUntil(lambda: row(tab, "A1").performance == Decimal("90"))
    assert holder(other, "办公室") is not None
    tab.set_quarter(3)
    assert holder(other, "办公室") is None and tab.session.leases.all() == []

    tab.set_quarter(2)
    go_to(tab, "A2", cols.PERFORMANCE)
    type_into(qtbot, tab, "90")
    qtbot.waitUntil(lambda: row(tab, "A2").performance == Decimal("90"))
    assert holder(other, "办公室") is not None
    tab.window().close()
    assert holder(other, "办公室") is None


# --- who may type ------------------------------------------------------------------------
def test_a_viewer_sees_the_grid_but_cannot_type_or_grade(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened(Role.VIEWER))
    assert tab.state_banner.shown() and "may view the grading" in tab.state_banner.text()
    go_to(tab, "A1", cols.PERFORMANCE)
    qtbot.keyClick(tab.table, "9")
    assert editor(tab) is None
    for action in (tab.toolbar_actions.adjust_grade, tab.toolbar_actions.not_graded):
        assert not action.isEnabled() and "may view the grading" in action.toolTip()
    assert not tab.toolbar_actions.close_quarter.isEnabled()
    assert "may not close a quarter" in tab.toolbar_actions.close_quarter.toolTip()
    assert not tab.toolbar_actions.reopen_quarter.isEnabled()
    assert tab.toolbar_actions.comments.isEnabled()  # reading the 点评 is for everyone
    actions = tab.toolbar_actions
    assert actions.export_ranking.isEnabled() and actions.summary_pdf.isEnabled()
    assert tab.session.leases.all() == []


def test_a_file_turned_read_only_stops_typing_and_says_why(
    qtbot: Any, tab: QuarterlyTab, dialogs: Dialogs
) -> None:
    assert tab.workspace is not None
    tab.workspace.go_read_only("测试：网络盘断开")
    tab.reload()
    assert tab.state_banner.shown() and "测试：网络盘断开" in tab.state_banner.text()
    go_to(tab, "A1", cols.PERFORMANCE)
    qtbot.keyClick(tab.table, "9")
    assert editor(tab) is None
    paste(qtbot, tab, "88\n")
    assert "测试：网络盘断开" in dialogs.last("warn")
    assert not tab.toolbar_actions.adjust_grade.isEnabled()
    assert "测试：网络盘断开" in tab.toolbar_actions.adjust_grade.toolTip()
    assert tab.toolbar_actions.export_ranking.isEnabled()


def test_a_closed_quarter_is_read_only_and_says_who_closed_it(
    qtbot: Any, tab: QuarterlyTab
) -> None:
    score(tab, A1=("95", "95"), A2=("90", "91"), A3=("80", "80"), B1=("70", "70"), B2=("60", "60"))
    assert tab.session.leases.all()
    assert tab.workspace is not None
    tab.workspace.grading.close_quarter(QUARTER)
    tab.reload()
    assert tab.session.leases.all() == []  # a closed quarter holds no lease
    text = tab.state_banner.text()
    assert tab.state_banner.shown() and "was closed by admin" in text
    assert "reopen" in text and "bannerReopen" in tab.state_banner.buttons
    go_to(tab, "A1", cols.PERFORMANCE)
    qtbot.keyClick(tab.table, "9")
    assert editor(tab) is None
    assert not tab.toolbar_actions.close_quarter.isEnabled()
    assert "is closed" in tab.toolbar_actions.close_quarter.toolTip()
    assert tab.toolbar_actions.reopen_quarter.isEnabled()
    assert not tab.toolbar_actions.adjust_grade.isEnabled()


# --- closing, flags, the dialogs ---------------------------------------------------------
def test_closing_is_refused_while_someone_is_ungraded(
    qtbot: Any, tab: QuarterlyTab, dialogs: Dialogs
) -> None:
    score(tab, A1=("95", "95"), A2=("90", "91"), A3=("80", "80"), B1=("70", None))
    close = tab.toolbar_actions.close_quarter
    assert close.isEnabled()
    assert "2 people still keep the quarter from closing" in close.toolTip()
    close.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, BlockersDialog)
    lines = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    assert lines == [
        "财务科 人员B1（B1）：尚未录入领导测评分",
        "财务科 人员B2（B2）：尚未录入实绩分、领导测评分",
    ]
    dialog.show_button.click()  # 仅显示这些人员: the grid filters to them
    assert tab.proxy.rowCount() == 2
    assert tab.filter_banner.shown() and "2 people who keep the quarter" in tab.filter_banner.text()
    assert tab.workspace is not None
    assert not sheet(tab).closed and str(QUARTER) not in tab.workspace.periods.closed_periods()
    tab.filter_banner.buttons["showEveryone"].click()
    assert tab.proxy.rowCount() == 5


def test_a_tie_over_the_quota_is_flagged_with_the_ways_out(qtbot: Any, tab: QuarterlyTab) -> None:
    score(tab, A1=("95", "95"), A2=("95", "95"), A3=("95", "95"), B1=("70", "70"), B2=("60", "60"))
    assert [shown(tab, c, cols.GRADE) for c in ("A1", "A2", "A3")] == ["较好"] * 3
    assert tab.quota.lines() == ["全局 quota 2 / used 0 / left 2  (5 assessed)"]
    assert tab.quota.flags.text() == "并列超出名额: 3 people"
    assert not tab.quota.resolve.isHidden()
    tab.quota.resolve.click()
    assert tab.proxy.rowCount() == 3
    text = tab.filter_banner.text()
    assert "set 好 by hand" in text and "(全局 2)" in text and "correct a" in text


def test_double_click_on_comments_opens_them(qtbot: Any, tab: QuarterlyTab) -> None:
    go_to(tab, "A2", cols.COMMENTS)
    index = tab.table.currentIndex()
    centre = tab.table.visualRect(index).center()
    # QTest's double click is the second click only; the view wants the first one too.
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    dialog = tab.commands.dialog
    assert isinstance(dialog, CommentsDialog) and dialog.row.code == "A2"
    assert tab.session.leases.held() == {row(tab, "A2").department_id}
    dialog.close()


def test_the_filters_combine(qtbot: Any, tab: QuarterlyTab) -> None:
    score(tab, A1=("95", "95"), B1=("70", "70"))
    tab.grade.setCurrentIndex(tab.grade.findData("unscored"))
    assert tab.proxy.rowCount() == 3 and "3 of 5 shown" in tab.count.text()
    tab.department.setCurrentIndex(tab.department.findData("财务科"))
    assert tab.proxy.rowCount() == 1
    tab.grade.setCurrentIndex(tab.grade.findData(QuarterGrade.AVERAGE.value))
    assert [tab.proxy.row_object(tab.proxy.index(0, 0)).code] == ["B1"]
    tab.search.setText("人员A")
    tab.filters.search_delay.flush()  # what the pause after typing does
    assert tab.proxy.rowCount() == 0


def default_quarter(workspace: Workspace, year: int, today: date) -> int:
    """The quarter the tab opens `year` on: the service's answer on the file's clock."""
    assert isinstance(workspace.clock, Clock)
    workspace.clock.now = datetime.combine(today, time(9, 0))
    return workspace.grading.default_quarter(year).quarter


def test_the_default_quarter_follows_the_data(opened: Opened) -> None:
    workspace = sign_in(opened.path, Role.ADMIN, daily_backup=False, clock=Clock())
    opened.all.append(workspace)
    assert default_quarter(workspace, 2026, today=date(2026, 11, 22)) == 3  # Q3 has ended
    assert default_quarter(workspace, 2026, today=date(2026, 2, 1)) == 1
    assert default_quarter(workspace, 2025, today=date(2026, 11, 22)) == 4
    assert default_quarter(workspace, 2027, today=date(2026, 11, 22)) == 1
    sheet_q2 = workspace.grading.sheet(QUARTER)
    person = sheet_q2.rows[0]
    leases = [workspace.leases.acquire(grading_scope(str(QUARTER), person.department_id), "办公室")]
    change = ScoreChange(person.person_id, ScoreField.PERFORMANCE, Decimal(90), None)
    workspace.grading.set_scores(QUARTER, [change], leases)
    assert default_quarter(workspace, 2026, today=date(2026, 11, 22)) == 2  # scores entered


def test_an_open_editor_survives_a_reload(qtbot: Any, tab: QuarterlyTab) -> None:
    score(tab, A1=("80", "81"))
    go_to(tab, "A2", cols.PERFORMANCE)
    type_into(qtbot, tab, "77", end=None)
    score(tab, A1=("82", "81"))  # another change arrives (a live refresh) while typing
    opened = editor(tab)
    assert opened is not None and opened.text() == "77"
    assert shown(tab, "A1", cols.PERFORMANCE) == "82.0"
    qtbot.keyClick(opened, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: row(tab, "A2").performance == Decimal("77"))


# --- in the main window, on the demo bureau ----------------------------------------------
def _open_performance(tab: QuarterlyTab, code: str) -> Decimal | None:
    assert tab.workspace is not None
    return next(
        r for r in tab.workspace.grading.sheet(DEMO_OPEN).rows if r.code == code
    ).performance


def test_the_main_window_gives_the_leases_back_when_the_file_or_window_closes(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    window.set_year(DEMO_OPEN.year)
    tab = window.quarterly_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_quarter(DEMO_OPEN.quarter)
    first = tab.session.sheet.rows[0] if tab.session.sheet else None
    assert first is not None and first.performance is not None
    scope = grading_scope(str(DEMO_OPEN), first.department_id)

    def held() -> bool:
        watcher = open_workspace(demo_file, Credentials("luru", DEMO_PASSWORD))
        try:
            return watcher.leases.holder(scope) is not None
        finally:
            watcher.close()

    go_to(tab, first.code, cols.PERFORMANCE)
    type_into(qtbot, tab, "66")
    qtbot.waitUntil(lambda: _open_performance(tab, first.code) == Decimal("66"))
    assert held()
    window.set_workspace(None)  # File → Close, or opening another file
    assert not held() and tab.session.leases.all() == []

    workspace = open_in(qtbot, window, demo_file)
    tab.set_quarter(DEMO_OPEN.quarter)
    go_to(tab, first.code, cols.PERFORMANCE)
    type_into(qtbot, tab, "67")
    qtbot.waitUntil(lambda: _open_performance(tab, first.code) == Decimal("67"))
    assert held() and workspace is window.workspace
    window.close()
    assert not held()
