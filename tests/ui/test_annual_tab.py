"""The 年度考核 tab on the small bureau of tests/services/archive/annual_bureau.py.

Participants 8 (P01–P04, P07–P10), 不定等次 2 (P05 严重警告 this year, P06 记大过 last
year), 不参加 1 (P11, 退休): the 优秀 quota is ⌊8 × 20%⌋ = 1. Eligible: P01 (好 in exactly
half) and P04 (警告 last year). P02 (四季度一般) and P03 (警告 this year) are not.
Q1–Q3 are closed and Q4 is open, so the year is a draft.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from tests.factories import CopyMaster, sign_in
from tests.services.archive.annual_bureau import ANNUAL_BUREAU, YEAR
from tests.ui.checks_fixture import send_text
from tests.ui.helpers import Dialogs, wait_job

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.archive.views import AnnualRowView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.annual import annual_model as cols
from kaohe_desktop.ui.annual.annual_grid import Show
from kaohe_desktop.ui.annual.annual_model import OUT_COLOR
from kaohe_desktop.ui.annual.annual_tab import AnnualTab
from kaohe_desktop.ui.annual.close_year import CloseYearDialog
from kaohe_desktop.ui.annual.grade_dialog import AnnualGradeDialog
from kaohe_desktop.ui.annual.share_dialog import ShareDialog
from kaohe_desktop.ui.common.data_tab import Guidance
from kaohe_desktop.ui.periods import periods_dialog


class Opened:
    """Workspaces of the test on one copy of the bureau, closed at its end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.all: list[Workspace] = []

    def __call__(self, role: Role = Role.ADMIN) -> Workspace:
        workspace = sign_in(self.path, role, daily_backup=False)
        self.all.append(workspace)
        return workspace


@pytest.fixture
def opened(copy_master: CopyMaster) -> Iterator[Opened]:
    workspaces = Opened(copy_master(ANNUAL_BUREAU))
    yield workspaces
    for workspace in workspaces.all:
        workspace.close()


def make_tab(qtbot: Any, workspace: Workspace) -> AnnualTab:
    # The tab inside a window of its own: closing that window gives the lease back.
    window = QWidget()
    tab = AnnualTab(Guidance())
    QVBoxLayout(window).addWidget(tab)
    qtbot.addWidget(window)
    window.resize(1400, 800)
    window.show()
    qtbot.waitExposed(window)
    tab.set_workspace(workspace, YEAR)
    return tab


def select(tab: AnnualTab, code: str) -> AnnualRowView:
    row = next(r for r in tab.model.rows() if r.code == code)
    assert tab.grid.select(row.person_id)
    current = tab.current_row()
    assert current is not None and current.code == code
    return current


def cell(tab: AnnualTab, code: str, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    for n in range(tab.proxy.rowCount()):
        index = tab.proxy.index(n, column)
        if tab.proxy.row_object(index).code == code:
            return index.data(role)
    raise KeyError(code)


def codes(tab: AnnualTab) -> list[str]:
    """编号 of the rows shown, in the order shown."""
    proxy = tab.proxy
    return [proxy.row_object(proxy.index(n, 0)).code for n in range(proxy.rowCount())]


def counter(tab: AnnualTab) -> str:
    return tab.quota.text()


def stored_recommended(workspace: Workspace) -> set[str]:
    return {r.code for r in workspace.annual.sheet(YEAR).rows if r.recommended}


# --- what the list shows ------------------------------------------------------------------
def test_the_list_shows_the_year_as_worked_out_by_hand(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    assert not tab.stack.is_empty
    assert tab.model.rowCount() == 11  # P12 (退休, nothing in 2026) is not listed
    quarters = [cols.Q1, cols.Q2, cols.Q3, cols.Q4]
    assert [cell(tab, "P01", c) for c in quarters] == ["好", "好", "较好", "较好"]
    assert cell(tab, "P01", cols.GOOD_COUNT) == "2"
    assert cell(tab, "P01", cols.ELIGIBLE) == "是"
    assert cell(tab, "P02", cols.ELIGIBLE) == "否"
    assert "四季度一般" in cell(tab, "P02", cols.LIMITS)
    assert "警告" in cell(tab, "P03", cols.LIMITS)
    assert cell(tab, "P04", cols.ELIGIBLE) == "是"  # the 警告 was last year
    # 不定等次 and 不参加: grey throughout, the reason in 限制情形.
    assert cell(tab, "P05", cols.GRADE) == "不定等次"
    assert "严重警告" in cell(tab, "P05", cols.LIMITS)
    assert "记大过" in cell(tab, "P06", cols.LIMITS)
    assert cell(tab, "P11", cols.GRADE) == "不参加"
    grey = cell(tab, "P05", cols.NAME, Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.color().name() == OUT_COLOR
    assert cell(tab, "P01", cols.NAME, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(tab, "P07", cols.GRADE) == "称职"  # nothing decided: 称职 by default
    assert counter(tab) == "优秀 quota 1 · recommended 0 · left 1"
    assert tab.quota.base.text() == "8 people assessed (2 不定等次 and 1 不参加 not counted)"
    assert "20%" in tab.scheme.summary.text()
    # Q4 is open: a draft, and the banner names the quarter.
    assert tab.banners.draft_banner.shown()
    assert "2026年第四季度" in tab.banners.draft_banner.text()


def test_the_filters_narrow_the_list(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    shown = {}
    for show in Show:
        tab.grid.set_shown(show)
        shown[show] = set(codes(tab))
    assert shown[Show.ELIGIBLE] == {"P01", "P04"}
    assert shown[Show.OUT] == {"P05", "P06", "P11"}
    assert shown[Show.RECOMMENDED] == set()
    tab.grid.set_shown(Show.ALL)
    tab.grid.search.setText("市场科")
    tab.grid.search_delay.flush()  # what the pause after typing does
    assert tab.proxy.rowCount() == 6  # P06–P11
    assert "6 of 11 shown" in tab.count.text()


def test_models_keep_the_qt_contract(qtbot: Any, qtmodeltester: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    assert tab.model.rowCount() > 0
    for model in (tab.model, tab.proxy):
        qtmodeltester.check(model)
        qtmodeltester.check(model, force_py=True)
    tab.table.sortByColumn(cols.Q4, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(tab.proxy)


# --- 推荐优秀 ------------------------------------------------------------------------------
def test_recommend_until_the_counter_refuses(qtbot: Any, opened: Opened, dialogs: Dialogs) -> None:
    admin = opened()
    tab = make_tab(qtbot, admin)
    actions = tab.toolbar_actions
    select(tab, "P01")
    assert actions.recommend.isEnabled()
    actions.recommend.trigger()
    assert counter(tab) == "优秀 quota 1 · recommended 1 · left 0"
    assert cell(tab, "P01", cols.PROPOSED) == "优秀"
    assert cell(tab, "P01", cols.GRADE) == "优秀"
    current = tab.current_row()
    assert current is not None and current.code == "P01"  # the selection is kept
    assert stored_recommended(admin) == {"P01"}
    assert "full" in tab.quota.state.text()

    # P04 qualifies too, but the quota is full: the service refuses in its own words.
    select(tab, "P04")
    assert actions.recommend.isEnabled()  # a full quota is said on pressing, not hidden
    assert "full" in actions.recommend.toolTip()
    before = len(dialogs.shown)
    actions.recommend.trigger()
    assert dialogs.kinds()[before:] == ["warn"]
    message = dialogs.last("warn")
    assert "优秀名额已满（名额 1，已推荐 1）" in message, message
    assert counter(tab) == "优秀 quota 1 · recommended 1 · left 0"
    assert cell(tab, "P04", cols.PROPOSED) == ""
    assert stored_recommended(admin) == {"P01"}  # nothing written

    # Withdrawing P01 makes room for P04.
    select(tab, "P01")
    actions.withdraw.trigger()
    assert counter(tab) == "优秀 quota 1 · recommended 0 · left 1"
    select(tab, "P04")
    actions.recommend.trigger()
    assert counter(tab) == "优秀 quota 1 · recommended 1 · left 0"
    assert stored_recommended(admin) == {"P04"}


def test_an_ineligible_person_cannot_be_recommended(
    qtbot: Any, opened: Opened, dialogs: Dialogs
) -> None:
    admin = opened()
    tab = make_tab(qtbot, admin)
    actions = tab.toolbar_actions
    for code, why in (("P02", "四季度一般"), ("P03", "警告"), ("P05", "严重警告")):
        row = select(tab, code)
        assert not actions.recommend.isEnabled(), code
        assert why in actions.recommend.toolTip(), actions.recommend.toolTip()
        # Even asked directly, the service refuses and nothing is written.
        assert not tab.commands.recommend(row)
        assert row.name in dialogs.last("warn")
    assert stored_recommended(admin) == set()
    assert counter(tab) == "优秀 quota 1 · recommended 0 · left 1"


def test_the_keyboard_and_the_context_menu_carry_the_actions(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    actions = tab.toolbar_actions
    for action in actions.row_actions():
        assert action in tab.table.actions()  # the context menu
    assert actions.recommend.shortcut().toString() == "Ctrl+E"
    window = tab.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    select(tab, "P01")
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert counter(tab) == "优秀 quota 1 · recommended 1 · left 0"


# --- grades set by hand --------------------------------------------------------------------
def test_set_basically_competent_with_a_reason(qtbot: Any, opened: Opened) -> None:
    admin = opened()
    tab = make_tab(qtbot, admin)
    select(tab, "P07")
    tab.toolbar_actions.set_grade.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, AnnualGradeDialog)
    assert not dialog.save_button.isEnabled()  # nothing chosen yet
    dialog.radios_by_label("基本称职").setChecked(True)
    assert not dialog.save_button.isEnabled()
    assert "须填写理由" in dialog.problem.text()
    send_text(dialog.reason, "全年请假较多，经考核委员会研究")
    assert dialog.problem.text() == ""
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert cell(tab, "P07", cols.GRADE) == "基本称职"
    assert cell(tab, "P07", cols.PROPOSED) == "基本称职"
    assert cell(tab, "P07", cols.REMARK) == "全年请假较多，经考核委员会研究"
    row = next(r for r in admin.annual.sheet(YEAR).rows if r.code == "P07")
    assert (row.grade, row.reason) == ("基本称职", "全年请假较多，经考核委员会研究")
    assert counter(tab) == "优秀 quota 1 · recommended 0 · left 1"  # the base is the same

    # 恢复默认 clears it: 称职 again.
    tab.toolbar_actions.set_grade.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, AnnualGradeDialog)
    dialog.default.setChecked(True)
    dialog.save_button.click()
    assert cell(tab, "P07", cols.GRADE) == "称职"
    assert cell(tab, "P07", cols.PROPOSED) == ""


def test_the_counter_follows_a_person_taken_out_of_the_base(qtbot: Any, opened: Opened) -> None:
    admin = opened()
    tab = make_tab(qtbot, admin)
    # 25% (with a reason): ⌊8 × 25%⌋ = 2 places.
    tab.commands.change_share()
    share = tab.commands.dialog
    assert isinstance(share, ShareDialog)
    share.radios[next(s for s in share.radios if str(s) == "0.25")].setChecked(True)
    assert not share.save_button.isEnabled()  # 25% needs a reason
    assert "须注明依据" in share.problem.text()
    send_text(share.reason, "县人社局〔2026〕12号")
    share.save_button.click()
    assert counter(tab) == "优秀 quota 2 · recommended 0 · left 2"
    assert "25%" in tab.scheme.summary.text()
    # P08 不参加 (with a reason): 7 assessed, ⌊7 × 25%⌋ = 1.
    select(tab, "P08")
    tab.toolbar_actions.set_grade.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, AnnualGradeDialog)
    dialog.radios_by_label("不参加").setChecked(True)
    send_text(dialog.reason, "2026年3月起借调省局")
    dialog.save_button.click()
    assert counter(tab) == "优秀 quota 1 · recommended 0 · left 1"
    assert tab.quota.base.text() == "7 people assessed (2 不定等次 and 2 不参加 not counted)"
    grey = cell(tab, "P08", cols.NAME, Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.color().name() == OUT_COLOR


def test_a_note_is_saved_from_its_dialog(qtbot: Any, opened: Opened) -> None:
    admin = opened()
    tab = make_tab(qtbot, admin)
    select(tab, "P09")
    tab.toolbar_actions.note.trigger()
    dialog = tab.commands.dialog
    assert dialog is not None
    send_text(dialog.note, "年中调入")  # type: ignore[attr-defined]
    dialog.save_button.click()  # type: ignore[attr-defined]
    assert cell(tab, "P09", cols.REMARK) == "年中调入"
    assert next(r for r in admin.annual.sheet(YEAR).rows if r.code == "P09").note == "年中调入"


# --- who may change what --------------------------------------------------------------------
def test_a_viewer_sees_the_year_read_only(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened(Role.VIEWER))
    select(tab, "P01")
    actions = tab.toolbar_actions
    for action in (actions.recommend, actions.withdraw, actions.set_grade, actions.note):
        assert not action.isEnabled()
        assert "may view" in action.toolTip()
    assert not actions.close_year.isEnabled()
    assert actions.export.isEnabled()
    assert tab.banners.state_banner.shown()
    assert not tab.scheme.change.isVisible()  # 修改比例… is the administrator's


def test_the_year_is_worked_by_one_workstation_at_a_time(qtbot: Any, opened: Opened) -> None:
    first, second = opened(), opened(Role.CLERK)
    tab_one, tab_two = make_tab(qtbot, first), make_tab(qtbot, second)
    select(tab_one, "P01")
    tab_one.toolbar_actions.recommend.trigger()
    assert stored_recommended(first) == {"P01"}
    tab_two.reload()  # as the live refresh does when the first one's write lands
    select(tab_two, "P01")
    tab_two.toolbar_actions.withdraw.trigger()  # the lease is held by the first
    assert tab_two.banners.lease_banner.shown()
    assert not tab_two.toolbar_actions.withdraw.isEnabled()
    assert stored_recommended(second) == {"P01"}


# --- the year's close ------------------------------------------------------------------------
def test_close_the_year_and_reopen_it(
    qtbot: Any, opened: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = opened()
    tab = make_tab(qtbot, admin)
    select(tab, "P04")
    tab.toolbar_actions.recommend.trigger()
    tab.toolbar_actions.close_year.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, CloseYearDialog)
    consequences = dialog.findChild(QWidget, "closeYearConsequences")
    assert consequences is not None
    text = consequences.text()  # type: ignore[attr-defined]
    assert "2026年第四季度" in text and "2026年下半年" in text  # stored with the year
    dialog.note.setText("经局考核委员会审定")
    dialog.close_button.click()
    wait_job(qtbot, tab.commands.job)
    assert tab.session.sheet is not None and tab.session.sheet.closed
    assert "closed by admin" in tab.banners.state_banner.text()
    assert not tab.toolbar_actions.recommend.isEnabled()
    assert tab.toolbar_actions.reopen_year.isEnabled()
    assert cell(tab, "P04", cols.GRADE) == "优秀"

    monkeypatch.setattr(periods_dialog, "ask_text", lambda _p, _t, _l: "更正四季度等次")
    assert tab.commands.reopen_year()
    assert tab.session.sheet is not None and not tab.session.sheet.closed
    assert not tab.banners.state_banner.shown()
    assert tab.toolbar_actions.withdraw.isEnabled()  # P04 is still selected and recommended


def test_the_close_lists_who_keeps_the_year_open(qtbot: Any, opened: Opened) -> None:
    from kaohe_desktop.ui.annual.close_year import YearBlockersDialog

    admin = opened()
    tab = make_tab(qtbot, admin)
    select(tab, "P01")
    tab.toolbar_actions.recommend.trigger()
    # At 15% the quota is ⌊8 × 15%⌋ = 1 still; P08 不参加 by hand leaves ⌊7 × 20%⌋ = 1…
    # a flag is simplest made by a grade without a reason being impossible, so make the
    # quota smaller: 不参加 for three more people gives ⌊4 × 20%⌋ = 0 and P01 is over it.
    for code in ("P07", "P08", "P09", "P10"):
        select(tab, code)
        tab.toolbar_actions.set_grade.trigger()
        dialog = tab.commands.dialog
        assert isinstance(dialog, AnnualGradeDialog)
        dialog.radios_by_label("不参加").setChecked(True)
        dialog.reason.setText("借调")
        dialog.save_button.click()
    assert counter(tab) == "优秀 quota 0 · recommended 1 · left -1"
    assert "Over the quota by 1" in tab.quota.state.text()
    assert cell(tab, "P01", cols.FLAG) == "推荐优秀超出名额"
    tab.toolbar_actions.close_year.trigger()
    blockers = tab.commands.dialog
    assert isinstance(blockers, YearBlockersDialog)
    assert blockers.list.count() == 1 and "甲一" in blockers.list.item(0).text()
    blockers.show_button.click()
    assert tab.proxy.rowCount() == 1


def test_a_year_without_quarterly_grades_says_where_they_come_from(
    qtbot: Any, opened: Opened
) -> None:
    tab = make_tab(qtbot, opened())
    tab.set_year(YEAR - 1)  # everyone was in service, nobody was graded
    assert tab.stack.is_empty
    message = tab.stack.empty_page.message.text()
    assert "2025年度 has no quarterly grades yet" in message
    assert "Quarterly assessment tab" in message
    actions = tab.toolbar_actions
    for action in (actions.set_grade, actions.note, actions.close_year, actions.export):
        assert not action.isEnabled()  # nothing on the page to act on
        assert "has no quarterly grades yet" in action.toolTip()
    tab.set_year(YEAR)
    assert actions.export.isEnabled()
    assert not tab.stack.is_empty


# --- outputs --------------------------------------------------------------------------------
def test_the_outputs_are_written_from_the_tab(
    qtbot: Any,
    opened: Opened,
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import openpyxl
    from pypdf import PdfReader

    from kaohe_desktop.ui.annual import annual_outputs
    from kaohe_desktop.ui.annual.output_dialogs import FormsScopeDialog, PostingDialog

    targets = iter([tmp_path / "年度.xlsx", tmp_path / "登记表.pdf", tmp_path / "公示.pdf"])
    monkeypatch.setattr(annual_outputs, "ask_save_path", lambda *_args: next(targets))
    tab = make_tab(qtbot, opened())
    actions = tab.toolbar_actions
    assert not actions.excellent_list.isEnabled()  # nobody recommended yet
    select(tab, "P04")
    actions.recommend.trigger()

    actions.export.trigger()
    wait_job(qtbot, tab.commands.job)
    book = openpyxl.load_workbook(tmp_path / "年度.xlsx", read_only=True)
    assert book.sheetnames == ["年度考核", "名额"]
    saved = dialogs.last("info")
    assert "年度.xlsx" in saved and "2026Q4 未关闭" in saved  # a draft, and why

    actions.forms.trigger()  # P04 is selected: their form only
    forms = tab.commands.dialog
    assert isinstance(forms, FormsScopeDialog) and forms.person.isChecked()
    forms.accept()
    wait_job(qtbot, tab.commands.job)
    pages = PdfReader(tmp_path / "登记表.pdf").pages
    assert len(pages) == 1 and "丁四" in pages[0].extract_text()

    actions.excellent_list.trigger()
    posting = tab.commands.dialog
    assert isinstance(posting, PostingDialog)
    posting.accept()
    wait_job(qtbot, tab.commands.job)
    assert "丁四" in PdfReader(tmp_path / "公示.pdf").pages[0].extract_text()
