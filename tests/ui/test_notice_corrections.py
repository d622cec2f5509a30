"""修改 and 撤回 of a 督办单 from the notices list, on the small ledger of checks_fixture
(2026Q2: 1·办公室, 1·财务科, 2·财务科).

Every test issues 督办〔2026〕第1号 to 财务科 about task 2 (部分完成), with a deduction of
2 points: the half year 2026H1 then holds one 业务工作 加减分 of −2 with the number as
依据文号.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel
from tests.ui.checks_fixture import Opened, go_to, make_tab, opened, shown
from tests.ui.helpers import Dialogs

from kaohe_desktop.domain.enums import AdjustmentCategory, NoticeColor
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.checks.views import NoticeView, RectificationDraft
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.checks import due_columns as cols
from kaohe_desktop.ui.checks.checks_tab import ChecksTab
from kaohe_desktop.ui.checks.notices_dialog import NoticesDialog

__all__ = ["opened"]  # the fixture, imported for pytest
NUMBER = "督办〔2026〕第1号"
H1 = HalfYear(2026, 1)


def issue_first_notice(qtbot: Any, tab: ChecksTab) -> NoticeView:
    """第1号 to 财务科 about task 2, red, 2 points off, through the tab's own dialog."""
    go_to(tab, 2, "财务科", tab.model.status_column)
    qtbot.keyClicks(tab.table, "3")  # 部分完成
    go_to(tab, 2, "财务科", cols.TITLE)
    dialog = tab.commands.issue_notice()
    assert dialog is not None
    dialog.color.set_color(NoticeColor.RED)
    dialog.deduct.setChecked(True)
    dialog.points.setValue(2)
    notice = dialog.issue()
    assert notice is not None and notice.number == NUMBER, dialog.problem.text()
    return notice


def notices_list(tab: ChecksTab) -> NoticesDialog:
    """The list as the toolbar opens it, with 第1号 selected."""
    dialog = tab.commands.show_notices(NUMBER)
    assert dialog is not None and dialog.selected() is not None
    return dialog


def business_adjustments(workspace: Workspace) -> list[tuple[str, Decimal, str | None]]:
    return [
        (a.department, a.points, a.doc_no)
        for a in workspace.scoring.sheet(H1).adjustments
        if a.category is AdjustmentCategory.BUSINESS
    ]


def count_calls(monkeypatch: pytest.MonkeyPatch, target: object, name: str) -> list[int]:
    """Count the calls of target.name (still calling it)."""
    calls: list[int] = []
    original = getattr(target, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, counted)
    return calls


# --- 修改 ----------------------------------------------------------------------------------
def test_a_changed_notice_is_stored_and_its_deduction_follows(
    qtbot: Any, opened: Opened, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = make_tab(qtbot, opened())
    workspace = tab.workspace
    assert workspace is not None
    issue_first_notice(qtbot, tab)
    assert business_adjustments(workspace) == [("财务科", Decimal(-2), NUMBER)]
    listed = notices_list(tab)
    assert listed.edit_button.isEnabled() and listed.withdraw_button.isEnabled()
    list_reads = count_calls(monkeypatch, listed, "reload")
    tab_reads = count_calls(monkeypatch, tab, "reload")

    edit = listed.edit_selected()
    assert edit is not None
    # The form the notice was issued with, filled in from it; the number, department
    # and 下达日期 are shown, not offered.
    assert edit.findChild(QLabel, "noticeNumber").text() == NUMBER
    assert not edit.issued_on.isEnabled()
    assert edit.color.color() is NoticeColor.RED
    assert edit.deduct.isChecked() and edit.points.value() == 2
    assert "第2项" in edit.content.toPlainText()
    assert NUMBER in edit.findChild(QLabel, "noticeDeductionNote").text()

    edit.content.setPlainText("第2项“预算执行”：二季度仅完成一半，请于6月底前补齐")
    edit.color.set_color(NoticeColor.YELLOW)
    edit.points.setValue(3.5)
    edit.deadline.setDate(QDate(2026, 6, 30))
    assert edit.issue() is not None, edit.problem.text()

    stored = workspace.notices.notice(NUMBER)
    assert stored.content == "第2项“预算执行”：二季度仅完成一半，请于6月底前补齐"
    assert (stored.color, stored.deduction) == (NoticeColor.YELLOW, Decimal("3.5"))
    assert stored.deadline.isoformat() == "2026-06-30"
    # The half year's 加减分 follows: one row, now −3.5, still under the number.
    assert business_adjustments(workspace) == [("财务科", Decimal("-3.5"), NUMBER)]
    # The list row shows the change in place; nothing was read again.
    row = listed.model.rows()[0]
    assert (row.content, row.deduction, row.version) == (
        stored.content,
        Decimal("3.5"),
        stored.version,
    )
    assert list_reads == [] and tab_reads == []
    assert shown(tab, 2, "财务科", cols.NOTICES) == NUMBER

    # A second change names the version the first one stored: no deduction removes the 加减分.
    again = listed.edit_selected()
    assert again is not None
    again.deduct.setChecked(False)
    assert again.issue() is not None, again.problem.text()
    assert workspace.notices.notice(NUMBER).deduction is None
    assert business_adjustments(workspace) == []
    assert dialogs.kinds() == []


def test_a_refused_change_keeps_the_dialog_and_what_was_typed(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    workspace = tab.workspace
    assert workspace is not None
    issued = issue_first_notice(qtbot, tab)
    listed = notices_list(tab)
    edit = listed.edit_selected()
    assert edit is not None

    edit.content.setPlainText("")
    assert edit.issue() is None
    assert "存在问题不能为空" in edit.problem.text() and edit.isVisible()

    # Another workstation changes the notice first: the save is refused in Chinese and
    # what the clerk typed stays.
    other = opened()
    other.notices.update(
        issued.id,
        issued.version,
        color=NoticeColor.BLUE,
        content="另一台电脑改过",
        deadline=issued.deadline,
        deduction=None,
    )
    edit.content.setPlainText("我的修改")
    assert edit.issue() is None
    assert "在您读取后已被他人修改" in edit.problem.text() and edit.isVisible()
    assert "open Change… again" in edit.problem.text()
    assert edit.content.toPlainText() == "我的修改"
    assert workspace.notices.notice(NUMBER).content == "另一台电脑改过"
    # The list row behind the form shows what the other workstation saved.
    assert [n.content for n in listed.model.rows()] == ["另一台电脑改过"]
    edit.reject()
    again = listed.edit_selected()
    assert again is not None and again.content.toPlainText() == "另一台电脑改过"
    again.content.setPlainText("我的修改")
    assert again.issue() is not None, again.problem.text()
    assert workspace.notices.notice(NUMBER).content == "我的修改"


def test_a_notice_withdrawn_elsewhere_leaves_the_list_when_refused(
    qtbot: Any, opened: Opened
) -> None:
    tab = make_tab(qtbot, opened())
    issued = issue_first_notice(qtbot, tab)
    listed = notices_list(tab)
    withdraw = listed.withdraw_selected()
    assert withdraw is not None
    opened().notices.withdraw(issued.id, issued.version, "另一台电脑撤回")
    withdraw.reason.setText("重复下达")
    assert withdraw.withdraw() is None
    assert "已不存在" in withdraw.problem.text() and withdraw.isVisible()
    assert listed.model.rowCount() == 0
    assert shown(tab, 2, "财务科", cols.NOTICES) == ""


# --- 撤回 ----------------------------------------------------------------------------------
def test_a_withdrawn_notice_leaves_the_list_the_grid_and_the_half_year(
    qtbot: Any, opened: Opened, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = make_tab(qtbot, opened())
    workspace = tab.workspace
    assert workspace is not None
    issue_first_notice(qtbot, tab)
    assert shown(tab, 2, "财务科", cols.NOTICES) == NUMBER
    listed = notices_list(tab)
    tab_reads = count_calls(monkeypatch, tab, "reload")

    withdraw = listed.withdraw_selected()
    assert withdraw is not None
    explained = withdraw.findChild(QLabel, "withdrawExplanation").text()
    assert NUMBER in explained and "stays used" in explained  # the number is not given again
    assert "2 points" in explained  # and the deduction goes
    assert withdraw.withdraw() is None  # no reason: refused, nothing withdrawn
    assert "必须填写理由" in withdraw.problem.text() and withdraw.isVisible()
    assert len(workspace.notices.notices(year=2026)) == 1

    withdraw.reason.setText("科室填错，应下达给办公室")
    assert withdraw.withdraw() == NUMBER
    assert workspace.notices.notices(year=2026) == []
    assert listed.model.rowCount() == 0 and "0 notices" in listed.count.text()
    assert shown(tab, 2, "财务科", cols.NOTICES) == ""
    assert tab.session.due is not None
    assert [r.notices for r in tab.session.due.rows if r.seq == 2] == [()]
    assert business_adjustments(workspace) == []
    assert tab_reads == []
    # The number stays used: the next notice of the year is 第2号.
    go_to(tab, 2, "财务科", cols.TITLE)
    again = tab.commands.issue_notice()
    assert again is not None
    assert again.issue() is not None and again.notice is not None
    assert again.notice.number == "督办〔2026〕第2号"
    assert dialogs.kinds() == []


# --- who may ---------------------------------------------------------------------------------
def test_a_closed_notice_can_be_neither_changed_nor_withdrawn(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    workspace = tab.workspace
    assert workspace is not None
    notice = issue_first_notice(qtbot, tab)
    rectified = workspace.notices.set_rectification(
        notice.id, RectificationDraft("补齐", "预算执行", notice.deadline, "专人", "已补齐"), None
    )
    assert rectified.rectification is not None
    workspace.notices.verify_rectification(
        notice.id, rectified.rectification.version, "督查员", notice.issued_on
    )
    listed = notices_list(tab)
    assert listed.selected() is not None and listed.selected().closed  # type: ignore[union-attr]
    assert not listed.edit_button.isEnabled() and not listed.withdraw_button.isEnabled()
    assert "closed" in listed.edit_button.toolTip()
    assert listed.edit_selected() is None and listed.withdraw_selected() is None
    assert listed.open_button.isEnabled()  # its 整改 can still be read


def test_verifying_in_the_list_turns_the_buttons_off(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    issue_first_notice(qtbot, tab)
    listed = notices_list(tab)
    rect = listed.open_selected()
    assert rect is not None
    rect.target.setPlainText("补齐")
    rect.items.setPlainText("预算执行")
    rect.measures.setPlainText("专人")
    rect.result_text.setPlainText("已补齐")
    assert rect.save() and rect.verify(), rect.problem.text()
    assert listed.selected() is not None and listed.selected().closed  # type: ignore[union-attr]
    assert not listed.edit_button.isEnabled() and not listed.withdraw_button.isEnabled()


@pytest.mark.parametrize("how", ["viewer", "read-only file"])
def test_nobody_changes_a_notice_without_the_right_or_on_a_read_only_file(
    qtbot: Any, opened: Opened, how: str
) -> None:
    issue_first_notice(qtbot, make_tab(qtbot, opened()))
    if how == "viewer":
        workspace = opened(Role.VIEWER)
    else:
        workspace = opened(Role.CLERK)
        workspace.go_read_only("另一个版本的程序打开了此文件")
    listed = NoticesDialog(workspace, workspace.notices, 2026)
    qtbot.addWidget(listed)
    assert listed.select_number(NUMBER)
    assert not listed.edit_button.isEnabled() and not listed.withdraw_button.isEnabled()
    assert listed.edit_selected() is None and listed.withdraw_selected() is None
    reason = listed.edit_button.toolTip()
    assert ("只读" in reason) if how == "viewer" else ("read-only" in reason)
