"""The 查账 tab's grid, driven from the keyboard, on the small ledger of checks_fixture:
2026Q2 lists 1·办公室, 1·财务科, 2·财务科, nothing recorded yet."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit
from tests.ui.checks_fixture import (
    Q2,
    Opened,
    actual,
    entry,
    go_to,
    make_tab,
    opened,
    rows,
    send_text,
    shown,
)
from tests.ui.helpers import Dialogs

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.checks.views import CheckChange
from kaohe_desktop.ui.checks import due_columns as cols
from kaohe_desktop.ui.checks.checks_tab import ChecksTab
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy

__all__ = ["opened"]  # the fixture, imported for pytest
LEAD = CheckLevel.LEAD


def editor(tab: ChecksTab) -> QLineEdit | None:
    found = [e for e in tab.table.findChildren(QLineEdit, "actualEditor") if e.isVisible()]
    return found[0] if found else None


def select_rows(tab: ChecksTab, first: int, last: int, column: int) -> None:
    selection = QItemSelection(tab.proxy.index(first, column), tab.proxy.index(last, column))
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    tab.table.selectionModel().select(selection, flags)


def test_the_model_and_its_proxy_keep_the_qt_contract(
    qtbot: Any, qtmodeltester: Any, opened: Opened
) -> None:
    tab = make_tab(qtbot, opened())
    assert tab.model.rowCount() == 3
    qtmodeltester.check(tab.model, force_py=True)
    qtmodeltester.check(RowFilterProxy(tab.model, (cols.TITLE,)), force_py=True)


def test_the_due_rows_and_where_the_clerk_starts(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    listed = [(r.seq, r.department) for r in tab.model.rows()]
    assert listed == [(1, "办公室"), (1, "财务科"), (2, "财务科")]
    assert shown(tab, 1, "办公室", cols.DUE_BY) == "6月30日"
    assert shown(tab, 1, "办公室", cols.STANDING) == "未录入"  # not overdue in May
    assert tab.overdue.isHidden()
    # A fresh grid puts the current cell on the first row's status at the level entered.
    current = tab.table.currentIndex()
    assert (current.row(), current.column()) == (0, cols.LEVEL1)
    assert "3 due" in tab.count.text() and "未录入 3" in tab.count.text()


def test_three_statuses_from_the_keyboard_are_stored(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 1, "办公室", cols.LEVEL1)
    for key in ("1", "4", "2"):
        qtbot.keyClicks(tab.table, key)
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    stored = [(r.seq, r.department, r.standing) for r in rows(tab)]
    assert stored == [
        (1, "办公室", CheckStatus.DONE),
        (1, "财务科", CheckStatus.MISSED),
        (2, "财务科", CheckStatus.LATE),
    ]
    first = entry(tab, 1, "办公室", LEAD)
    assert first is not None and not first.draft
    assert first.checker == tab.workspace.actor.display_name  # type: ignore[union-attr]
    assert [shown(tab, r.seq, r.department, cols.LEVEL1) for r in rows(tab)] == [
        "已完成", "未完成", "逾期完成",
    ]  # fmt: skip
    assert shown(tab, 1, "财务科", cols.STANDING) == "未完成"
    assert "已完成 1, 逾期完成 1" in tab.count.text() and "未完成 1" in tab.count.text()
    # Both departments were leased on their first edit.
    assert tab.session.leases.held() == {r.department_id for r in rows(tab)}


def test_typing_the_actual_completion_saves_it_and_moves_down(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 1, "办公室", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")
    go_to(tab, 1, "办公室", cols.ACTUAL)
    send_text(tab.table, "报")  # the first key opens the editor
    opened_editor = editor(tab)
    assert opened_editor is not None
    send_text(opened_editor, "送12篇")
    qtbot.keyClick(opened_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actual(tab, 1, "办公室") == "报送12篇")
    assert shown(tab, 1, "办公室", cols.ACTUAL) == "报送12篇"
    current = tab.table.currentIndex()
    assert (current.row(), current.column()) == (1, cols.ACTUAL)


def test_the_actual_completion_waits_for_a_status(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 1, "财务科", cols.ACTUAL)
    qtbot.keyClicks(tab.table, "x")
    assert editor(tab) is None
    assert "1–5" in tab.note.text()


def test_one_status_for_several_selected_rows_in_one_write(
    qtbot: Any, opened: Opened, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 1, "办公室", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")  # one row recorded first: its version is honoured
    select_rows(tab, 0, 2, cols.TITLE)
    assert tab.toolbar_actions.set_status.isEnabled()
    assert tab.commands.set_status(CheckStatus.PARTIAL)
    assert [r.standing for r in rows(tab)] == [CheckStatus.PARTIAL] * 3
    assert [shown(tab, r.seq, r.department, cols.STANDING) for r in rows(tab)] == ["部分完成"] * 3
    assert dialogs.shown == []


def test_digits_on_a_selected_block_set_every_row(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    select_rows(tab, 1, 2, cols.LEVEL1)
    tab.table.setFocus()
    qtbot.keyClicks(tab.table, "5")
    assert [r.standing for r in rows(tab)] == [None, CheckStatus.NOT_DUE, CheckStatus.NOT_DUE]


def test_delete_clears_after_asking(qtbot: Any, opened: Opened, dialogs: Dialogs) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 2, "财务科", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "3")
    assert entry(tab, 2, "财务科", LEAD) is not None
    dialogs.answer = False
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert entry(tab, 2, "财务科", LEAD) is not None
    dialogs.answer = True
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert entry(tab, 2, "财务科", LEAD) is None
    assert shown(tab, 2, "财务科", cols.LEVEL1) == ""


def test_a_stale_edit_is_refused_kept_on_screen_and_saved_again(
    qtbot: Any, opened: Opened, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 1, "办公室", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")
    # Another workstation changes the same check meanwhile (its own lease, after ours went).
    tab.session.leases.release_all()
    other = opened()
    seen = entry(tab, 1, "办公室", LEAD)
    assert seen is not None
    row = next(r for r in rows(tab) if r.seq == 1 and r.department == "办公室")
    lease = other.checks.acquire_lease(Q2, row.department_id)
    change = CheckChange(row.task_id, row.department_id, LEAD, seen.version, actual="他人填写")
    other.checks.set_checks(Q2, [change], [lease])
    other.leases.release(lease)

    go_to(tab, 1, "办公室", cols.ACTUAL)
    send_text(tab.table, "我")
    opened_editor = editor(tab)
    assert opened_editor is not None
    send_text(opened_editor, "的文字")
    qtbot.keyClick(opened_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialogs.kinds() == ["error"])
    assert "已被他人修改" in str(dialogs.last("error"))
    # Kept on screen, marked, not lost; the row itself was read again.
    assert shown(tab, 1, "办公室", cols.ACTUAL) == "我的文字（未保存）"
    assert actual(tab, 1, "办公室") == "他人填写"
    # Enter on the cell again saves it over the version now shown.
    go_to(tab, 1, "办公室", cols.ACTUAL)
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    again = editor(tab)
    assert again is not None and again.text() == "我的文字"
    qtbot.keyClick(again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actual(tab, 1, "办公室") == "我的文字")
    assert shown(tab, 1, "办公室", cols.ACTUAL) == "我的文字"


def test_filters_and_search_narrow_without_reading_again(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 1, "办公室", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")
    tab.filters.search.setText("预算")
    tab.filters.search_delay.flush()  # what the pause after typing does
    assert tab.proxy.rowCount() == 1
    assert "1 of 3 shown" in tab.count.text()
    tab.filters.search.clear()
    tab.filters.department.setCurrentIndex(tab.filters.department.findData("财务科"))
    assert tab.proxy.rowCount() == 2
    tab.filters.department.setCurrentIndex(0)
    tab.filters.status.setCurrentIndex(tab.filters.status.findData("unrecorded"))
    assert [tab.proxy.row_object(tab.proxy.index(n, 0)).department for n in range(2)] == [
        "财务科", "财务科",
    ]  # fmt: skip
    tab.filters.status.setCurrentIndex(0)
    tab.filters.level.setCurrentIndex(tab.filters.level.findData("lead"))
    assert tab.proxy.rowCount() == 1


def test_overdue_rows_say_so_and_are_counted_per_department(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened(now=datetime(2026, 7, 10, 9, 0)))
    assert shown(tab, 1, "办公室", cols.STANDING) == "逾期未录"
    assert not tab.overdue.isHidden()
    assert tab.overdue.text().endswith("办公室 1，财务科 2")
    go_to(tab, 1, "财务科", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "2")
    assert tab.overdue.text().endswith("办公室 1，财务科 1")  # worked out from the fresh rows


def test_the_read_only_role_sees_everything_and_changes_nothing(qtbot: Any, opened: Opened) -> None:
    admin = opened()
    tab = make_tab(qtbot, admin)
    go_to(tab, 1, "办公室", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")
    viewer = make_tab(qtbot, opened(Role.VIEWER))
    assert viewer.model.rowCount() == 3
    assert shown(viewer, 1, "办公室", cols.LEVEL1) == "已完成"
    for column in (cols.LEVEL1, cols.ACTUAL):
        index = viewer.model.index(1, column)
        assert not viewer.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    go_to(viewer, 1, "财务科", cols.LEVEL1)
    qtbot.keyClicks(viewer.table, "1")
    assert entry(viewer, 1, "财务科", LEAD) is None
    assert "may read the checks but not record them" in viewer.state_banner.text()
    a = viewer.toolbar_actions
    for action in (a.copy_forward, a.confirm_drafts, a.set_status, a.issue_notice, a.bulletin):
        assert not action.isEnabled(), action.objectName()
    assert a.notices.isEnabled() and a.sample.isEnabled()  # reading stays open
    assert not viewer.panel.attach_button.isEnabled()
    assert not viewer.settings_action.isEnabled()
    assert viewer.session.leases.held() == set()


def test_the_reviewer_enters_at_the_second_level(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened(Role.REVIEWER))
    assert tab.level.level() is CheckLevel.SUPERVISION
    assert tab.level.itemText(0).startswith("二级")
    assert tab.model.status_column == cols.LEVEL2
    go_to(tab, 2, "财务科", cols.LEVEL2)
    qtbot.keyClicks(tab.table, "4")
    assert entry(tab, 2, "财务科", CheckLevel.SUPERVISION) is not None
    assert entry(tab, 2, "财务科", LEAD) is None


def test_copied_drafts_show_grey_and_count_once_confirmed(
    qtbot: Any, opened: Opened, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, opened(), period="2026Q1")
    go_to(tab, 1, "办公室", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")
    tab.period.choose("2026Q2")
    assert tab.commands.copy_forward() == 1
    assert shown(tab, 1, "办公室", cols.LEVEL1) == "已完成（草稿）"
    index = tab.proxy.index(0, cols.LEVEL1)
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert shown(tab, 1, "办公室", cols.STANDING) == "未录入"  # a draft never stands
    assert tab.toolbar_actions.confirm_drafts.isEnabled()
    tab.table.clearSelection()
    assert tab.commands.confirm_drafts(tab.grid.shown_rows())
    assert shown(tab, 1, "办公室", cols.LEVEL1) == "已完成"
    assert shown(tab, 1, "办公室", cols.STANDING) == "已完成"


def test_a_period_with_nothing_due_names_the_periods_that_have(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened(), period="2026-01")
    assert tab.stack.is_empty
    text = tab.stack.empty_page.message.text()
    assert "2026年1月" in text and "5月" in text and "一季度、二季度、三季度、四季度" in text
    tab.period.choose("2026-05")
    assert not tab.stack.is_empty
    assert [(r.seq, r.department) for r in tab.model.rows()] == [(4, "办公室")]


def test_a_year_without_tasks_points_to_the_ledger(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    tab.set_year(2025)
    assert tab.stack.is_empty
    assert "台账" in tab.stack.empty_page.message.text()
    assert tab.session.period is not None and tab.session.period.year == 2025


def test_the_third_level_is_entered_on_the_drawn_rows_only(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened(Role.REVIEWER))
    for seq, department in ((1, "办公室"), (1, "财务科"), (2, "财务科")):
        go_to(tab, seq, department, cols.LEVEL2)
        qtbot.keyClicks(tab.table, "1")
    assert tab.workspace is not None
    drawn = tab.workspace.checks.draw_sample(Q2, count=1).drawn
    tab.reload()
    tab.level.set_level(CheckLevel.LEADERSHIP)
    assert tab.model.status_column == cols.LEVEL3
    for row in tab.model.rows():
        index = tab.model.index(tab.model.row_of(row.key) or 0, cols.LEVEL3)
        editable = bool(tab.model.flags(index) & Qt.ItemFlag.ItemIsEditable)
        assert editable is (row.key in drawn), row.key
    other = next(r for r in tab.model.rows() if r.key not in drawn)
    go_to(tab, other.seq, other.department, cols.LEVEL3)
    qtbot.keyClicks(tab.table, "1")
    assert "局领导抽查" in tab.note.text()
    chosen = next(r for r in tab.model.rows() if r.key in drawn)
    go_to(tab, chosen.seq, chosen.department, cols.LEVEL3)
    qtbot.keyClicks(tab.table, "4")
    assert entry(tab, chosen.seq, chosen.department, CheckLevel.LEADERSHIP) is not None
    assert shown(tab, chosen.seq, chosen.department, cols.STANDING) == "未完成"  # 三级 stands


def test_a_closed_period_is_read_only_and_says_so(qtbot: Any, opened: Opened) -> None:
    admin = opened()
    tab = make_tab(qtbot, admin)
    go_to(tab, 1, "办公室", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")
    admin.periods.close("2026Q2", "")
    tab.reload()
    assert tab.session.leases.held() == set()  # nothing is kept on a closed period
    assert "closed" in tab.state_banner.text()
    assert not tab.model.flags(tab.model.index(1, cols.LEVEL1)) & Qt.ItemFlag.ItemIsEditable
    go_to(tab, 1, "财务科", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")
    assert entry(tab, 1, "财务科", LEAD) is None
    assert not tab.toolbar_actions.set_status.isEnabled()
    assert not tab.toolbar_actions.bulletin.isEnabled()
