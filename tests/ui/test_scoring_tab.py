"""The 半年考核 tab on the small bureau of tests/services/checks/check_bureau.py.

Four departments without 组别 (one group of four: 优秀 1 place, 良好 1 place). Every
due period of 2026H1 is checked 已完成 except 综合科's Q1 check of task 1 (逾期完成,
30% of 10 = −3); 质量科 lost 10 党风廉政 and 督查室 20 精神文明 by hand:

| 科室 | 业务工作 | 党风廉政 | 精神文明 | 总分 | 排名 | 等次 |
|---|---|---|---|---|---|---|
| 综合科 | 697 | 100 | 100 | 997 | 2 | 良好 |
| 市场科 | 700 | 100 | 100 | 1000 | 1 | 优秀 |
| 质量科 | 700 | 90 | 100 | 990 | 3 | 一般 |
| 督查室 | 700 | 100 | 80 | 980 | 4 | 一般 |
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.checks.check_bureau import CHECK_BUREAU, Q1, T0, record
from tests.services.scoring.score_helpers import (
    H1,
    LATE,
    LEAD,
    add,
    deduction,
    record_all_h1,
)
from tests.ui.checks_fixture import send_text
from tests.ui.helpers import Dialogs, wait_job

from kaohe_desktop.domain.enums import AdjustmentCategory, DepartmentGrade
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.half_year_scoring import (
    Deduction,
    DepartmentInput,
    DepartmentResult,
    SourceKind,
    score_half,
)
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.scoring.views import HalfAdjustmentView, HalfYearSheet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common.data_tab import Guidance
from kaohe_desktop.ui.scoring import score_model as cols
from kaohe_desktop.ui.scoring import score_outputs
from kaohe_desktop.ui.scoring.close_half import CloseHalfDialog, HalfBlockersDialog
from kaohe_desktop.ui.scoring.decide_dialog import DecideDialog
from kaohe_desktop.ui.scoring.drill_sources import cell_sum, lines_for
from kaohe_desktop.ui.scoring.entry_dialog import AdjustmentDialog
from kaohe_desktop.ui.scoring.scoring_tab import ScoringTab

INTEGRITY, CIVILITY = AdjustmentCategory.INTEGRITY, AdjustmentCategory.CIVILITY


class Opened:
    """Workspaces of the test on one copy of the bureau, closed at its end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.all: list[Workspace] = []

    def __call__(self, role: Role = Role.ADMIN) -> Workspace:
        workspace = sign_in(self.path, role, daily_backup=False, clock=Clock(T0))
        self.all.append(workspace)
        return workspace


@pytest.fixture
def opened(copy_master: CopyMaster) -> Iterator[Opened]:
    workspaces = Opened(copy_master(CHECK_BUREAU))
    yield workspaces
    for workspace in workspaces.all:
        workspace.close()


@pytest.fixture
def scored(opened: Opened) -> Opened:
    """The half of the module docstring."""
    admin = opened()
    record_all_h1(admin)
    record(admin, Q1, [(1, "综合科", LEAD, LATE)])
    add(admin, deduction(admin, "质量科", "-10", INTEGRITY, "廉政风险点排查不到位"))
    add(admin, deduction(admin, "督查室", "-20", CIVILITY, "文明创建测评落后"))
    return opened


def make_tab(qtbot: Any, workspace: Workspace, half: int = 1) -> ScoringTab:
    # The tab inside a window of its own: closing that window gives the lease back.
    window = QWidget()
    tab = ScoringTab(Guidance())
    QVBoxLayout(window).addWidget(tab)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    tab.set_workspace(workspace, 2026)
    tab.set_half(half)
    return tab


def result(tab: ScoringTab, name: str) -> DepartmentResult:
    return next(r for r in tab.departments.rows() if r.name == name)


def cell(tab: ScoringTab, name: str, column: int) -> str:
    for row in range(tab.department_proxy.rowCount()):
        index = tab.department_proxy.index(row, column)
        if tab.department_proxy.row_object(index).name == name:
            return str(index.data())
    raise KeyError(name)


def go_to(tab: ScoringTab, name: str, column: int) -> None:
    assert tab.grid.select(result(tab, name).department_id, column)


def test_the_table_shows_the_half_as_worked_out_by_hand(qtbot: Any, scored: Opened) -> None:
    tab = make_tab(qtbot, scored())
    expected = {  # 业务工作, 党风廉政, 精神文明, 考勤, 总分, 组内排名, 等次
        "综合科": ("697.00", "100.00", "100.00", "100.00", "997.00", "2", "良好"),
        "市场科": ("700.00", "100.00", "100.00", "100.00", "1000.00", "1", "优秀"),
        "质量科": ("700.00", "90.00", "100.00", "100.00", "990.00", "3", "一般"),
        "督查室": ("700.00", "100.00", "80.00", "100.00", "980.00", "4", "一般"),
    }
    columns = [*range(cols.FIRST_CATEGORY, cols.BONUS), cols.TOTAL, cols.RANK_IN_GROUP, cols.GRADE]
    for name, values in expected.items():
        assert tuple(cell(tab, name, c) for c in columns) == values
    assert cell(tab, "市场科", cols.ADVANCED) != ""  # 先进科室 = 优秀
    assert cell(tab, "综合科", cols.DEDUCTIONS) == "3.00"
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    total = tab.department_proxy.index(0, cols.TOTAL)
    assert total.data(Qt.ItemDataRole.TextAlignmentRole) == int(right.value)
    assert "can be closed" in tab.pending.heading.text()  # nothing missing, no tie
    assert tab.pending.model.rowCount() == 0


def test_models_keep_the_qt_contract(qtbot: Any, qtmodeltester: Any, scored: Opened) -> None:
    def check(models: list[Any], *, filled: bool) -> None:
        for model in models:
            assert (model.rowCount() > 0) is filled, model
            qtmodeltester.check(model)  # Qt's own QAbstractItemModelTester
            qtmodeltester.check(model, force_py=True)  # pytest-qt's stricter type checks

    empty = ScoringTab(Guidance())
    qtbot.addWidget(empty)
    check(
        [empty.departments, empty.drill.model, empty.pending.model, empty.year_view.model],
        filled=False,
    )
    # A model tester stays attached: each tab is checked once it shows what it will show.
    year = make_tab(qtbot, scored(), half=0)  # 全年
    check([year.year_view.model, year.year_view.proxy], filled=True)
    tab = make_tab(qtbot, scored())
    go_to(tab, "综合科", cols.FIRST_CATEGORY)
    check([tab.departments, tab.department_proxy, tab.drill.model, tab.drill.proxy], filled=True)


def test_a_deduction_typed_at_the_keyboard_moves_total_rank_and_grade(
    qtbot: Any, scored: Opened
) -> None:
    tab = make_tab(qtbot, scored())
    go_to(tab, "市场科", cols.FIRST_CATEGORY + 3)  # the 考勤 cell: the dialog starts there
    tab.toolbar_actions.add_points.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, AdjustmentDialog)
    qtbot.waitExposed(dialog)
    form = dialog.form
    assert form.chosen_category() is AdjustmentCategory.ATTENDANCE
    assert form.department.currentText() == "市场科"
    # Every key goes where the dialog's focus is, as a clerk's keyboard would send it.
    assert dialog.focusWidget() is form.category
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Home)  # 业务工作, the first category
    assert form.chosen_category() is AdjustmentCategory.BUSINESS
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is form.points
    qtbot.keyClicks(dialog.focusWidget(), "8")
    assert "8" in form.points_hint.text()  # says the 8 points are taken off 业务工作
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # the level is for bonuses only
    assert dialog.focusWidget() is form.reason
    send_text(dialog.focusWidget(), "双随机检查台账不全")
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    assert dialog.result() == dialog.DialogCode.Accepted
    # 市场科 1000 − 8 = 992 falls behind 综合科 997: 优秀 and 良好 change places.
    assert cell(tab, "市场科", cols.FIRST_CATEGORY) == "692.00"
    assert cell(tab, "市场科", cols.TOTAL) == "992.00"
    assert cell(tab, "市场科", cols.RANK_IN_GROUP) == "2"
    assert result(tab, "市场科").grade is DepartmentGrade.GOOD
    assert result(tab, "综合科").grade is DepartmentGrade.EXCELLENT
    assert cell(tab, "综合科", cols.RANK_OVERALL) == "1"
    stored = tab.session.sheet
    assert stored is not None
    (entry,) = [a for a in stored.adjustments if a.reason == "双随机检查台账不全"]
    assert (entry.category, entry.points) == (AdjustmentCategory.BUSINESS, Decimal("-8"))
    # The drill-down of the cell still selected shows the new deduction at once.
    go_to(tab, "市场科", cols.FIRST_CATEGORY)
    labels = [line.source.label for line in tab.drill.model.rows()]
    assert "双随机检查台账不全" in labels


def test_the_drill_down_of_business_work_adds_up_to_the_cell(qtbot: Any, scored: Opened) -> None:
    tab = make_tab(qtbot, scored())
    go_to(tab, "综合科", cols.FIRST_CATEGORY)
    lines = tab.drill.model.rows()
    # Task 1 is due in Q1 and Q2 (task 4 only in Q4): two checks, one late.
    assert [(line.source.kind, line.source.period) for line in lines] == [
        (SourceKind.CHECK, "2026Q1"),
        (SourceKind.CHECK, "2026Q2"),
    ]
    assert [line.source.points for line in lines] == [Decimal("-3"), Decimal(0)]
    assert tab.drill.proxy.index(0, 2).data() == "第1项 食品安全抽检"
    assert tab.drill.proxy.index(0, 5).data() == "逾期完成"
    assert tab.drill.proxy.index(0, 6).data() == "30%"
    assert tab.drill.proxy.index(0, 7).data() == "−3.00"
    shown = Decimal(cell(tab, "综合科", cols.FIRST_CATEGORY))
    assert Decimal(700) + tab.drill.model.total() == shown
    assert "697.00" in tab.drill.footer.text() and "700.00" in tab.drill.footer.text()

    go_to(tab, "质量科", cols.TOTAL)  # 总分: every source of the department
    kinds = [line.source.kind for line in tab.drill.model.rows()]
    assert kinds.count(SourceKind.CHECK) == 6 and SourceKind.ADJUSTMENT in kinds
    assert Decimal(1000) + tab.drill.model.total() == Decimal("990")
    (entry_line,) = [line for line in tab.drill.model.rows() if line.entry is not None]
    assert entry_line.editable and entry_line.entered_by  # who entered it is shown


def test_closing_is_refused_with_the_missing_checks_listed(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())  # nothing checked yet
    # Due in H1 and not checked: 综合科 1·Q1, 1·Q2; 市场科 1·Q1, 1·Q2, 2·Q2; 质量科 3·Jan–Jun.
    assert tab.pending.model.rowCount() == 11
    assert "11" in tab.pending.heading.text()
    tab.toolbar_actions.close_half.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, HalfBlockersDialog)
    lines = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    assert len(lines) == 11
    assert any("综合科" in line and "第1项" in line and "食品安全抽检" in line for line in lines)
    assert any("市场科" in line and "第2项" in line and "2026年第二季度" in line for line in lines)
    dialog.show_button.click()  # only these departments: 督查室 has nothing due
    names = {tab.department_proxy.row_object(tab.department_proxy.index(n, 0)).name
             for n in range(tab.department_proxy.rowCount())}  # fmt: skip
    assert names == {"综合科", "市场科", "质量科"}
    assert tab.filter_banner.shown()
    assert tab.session.sheet is not None and not tab.session.sheet.closed


def test_a_viewer_can_look_but_opens_no_dialog(
    qtbot: Any, scored: Opened, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, scored(Role.VIEWER))
    go_to(tab, "质量科", cols.TOTAL)
    actions = tab.toolbar_actions
    for action in (actions.add_points, actions.veto, actions.decide, actions.close_half):
        assert not action.isEnabled(), action.text()
        assert action.toolTip()  # says why
    assert actions.export.isEnabled()  # looking and printing are everyone's
    assert tab.state_banner.shown()
    assert tab.commands.add_points(result(tab, "质量科").department_id) is None
    assert tab.commands.add_veto(None) is None
    assert tab.commands.decide(result(tab, "质量科")) is None
    (line,) = [line for line in tab.drill.model.rows() if line.entry is not None]
    assert not tab.drill.edit_button.isEnabled()
    assert tab.commands.edit(line) is None
    assert tab.session.leases.held() == set()  # no lease was even asked for


def test_an_entry_is_changed_and_deleted_from_the_drill_down(
    qtbot: Any, scored: Opened, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, scored())
    go_to(tab, "督查室", cols.FIRST_CATEGORY + 2)  # 精神文明 80
    assert tab.drill.select_first_entry() is not None
    tab.drill.edit_button.click()
    dialog = tab.commands.dialog
    assert isinstance(dialog, AdjustmentDialog)
    assert dialog.form.points.text() == "20"  # the sign is the category's, not typed
    dialog.form.points.setText("5")
    dialog.form.points.textEdited.emit("5")
    dialog.save()
    assert cell(tab, "督查室", cols.FIRST_CATEGORY + 2) == "95.00"
    assert cell(tab, "督查室", cols.TOTAL) == "995.00"

    assert tab.drill.select_first_entry() is not None
    tab.drill.delete_button.click()
    assert dialogs.kinds()[-1] == "ask"
    assert cell(tab, "督查室", cols.TOTAL) == "1000.00"
    assert tab.session.sheet is not None
    assert not [a for a in tab.session.sheet.adjustments if a.department == "督查室"]


@pytest.fixture
def tied(opened: Opened) -> Opened:
    """综合科 997 优秀; 市场科 and 质量科 990 straddle the single 良好 place (both 一般,
    flagged); 督查室 980 一般."""
    admin = opened()
    record_all_h1(admin)
    record(admin, Q1, [(1, "综合科", LEAD, LATE)])
    add(admin, deduction(admin, "市场科", "-10", INTEGRITY, "廉政风险点排查不到位"))
    add(admin, deduction(admin, "质量科", "-10", INTEGRITY, "廉政风险点排查不到位"))
    add(admin, deduction(admin, "督查室", "-20", CIVILITY, "文明创建测评落后"))
    return opened


def test_the_reviewer_settles_a_tie_in_the_committee_dialog(qtbot: Any, tied: Opened) -> None:
    tab = make_tab(qtbot, tied(Role.REVIEWER))
    assert [p.department for p in tab.pending.model.rows()] == ["市场科", "质量科"]
    assert "Awaiting decision" in cell(tab, "市场科", cols.FLAGS)
    go_to(tab, "督查室", cols.TOTAL)
    assert not tab.toolbar_actions.decide.isEnabled()  # not in a tie
    assert not tab.toolbar_actions.add_points.isEnabled()  # 审核人 does not enter points
    go_to(tab, "市场科", cols.TOTAL)
    assert tab.toolbar_actions.decide.isEnabled()
    tab.toolbar_actions.decide.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, DecideDialog)
    offered = [g for g, radio in dialog.radios.items() if radio.isEnabled()]
    assert offered == [DepartmentGrade.GOOD, DepartmentGrade.AVERAGE]  # the two of the tie
    dialog.radios[DepartmentGrade.GOOD].setChecked(True)
    assert "良好" in dialog.reason.text()  # the suggested reason follows the grade
    assert dialog.save() is not None
    market, quality = result(tab, "市场科"), result(tab, "质量科")
    assert (market.grade, market.decided, market.flagged) == (DepartmentGrade.GOOD, True, False)
    assert quality.grade is DepartmentGrade.AVERAGE and not quality.flagged
    assert "Decided by the committee" in cell(tab, "市场科", cols.FLAGS)
    assert tab.pending.model.rowCount() == 0


def test_closing_stores_the_half_and_leaves_it_read_only(
    qtbot: Any, scored: Opened, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, scored())
    tab.toolbar_actions.close_half.trigger()
    dialog = tab.commands.dialog
    assert isinstance(dialog, CloseHalfDialog)
    dialog.close_button.click()
    assert tab.commands.closing is not None
    wait_job(qtbot, tab.commands.closing.job)
    qtbot.waitUntil(lambda: tab.session.sheet is not None and tab.session.sheet.closed)
    assert ("info", "Close 2026年上半年", "2026年上半年 is closed.") in dialogs.shown
    assert tab.state_banner.shown() and "closed" in tab.state_banner.text()
    assert not tab.toolbar_actions.add_points.isEnabled()
    assert tab.toolbar_actions.reopen_half.isEnabled()  # 管理员
    assert cell(tab, "市场科", cols.TOTAL) == "1000.00"  # as stored by the close
    go_to(tab, "质量科", cols.TOTAL)
    assert tab.drill.select_first_entry() is not None
    assert not tab.drill.edit_button.isEnabled()


def test_the_half_entered_elsewhere_is_refused_and_named(qtbot: Any, scored: Opened) -> None:
    other = scored(Role.CLERK)
    lease = other.scoring.acquire_lease(H1)
    tab = make_tab(qtbot, scored())
    assert tab.commands.add_points(None) is None
    assert tab.lease_banner.shown()
    assert other.actor.display_name in tab.lease_banner.text()
    assert not tab.toolbar_actions.add_points.isEnabled()
    other.leases.release(lease)
    tab.lease_banner.buttons["retryScoringLease"].click()
    assert tab.toolbar_actions.add_points.isEnabled()
    assert isinstance(tab.commands.add_points(None), AdjustmentDialog)


def test_the_whole_year_shows_both_halves_and_their_average(qtbot: Any, scored: Opened) -> None:
    tab = make_tab(qtbot, scored(), half=0)
    rows = {r.name: r for r in tab.year_view.model.rows()}
    # Nothing is due in H2 before its quarters are checked: the 2026 H2 totals are the
    # service's; the year's is their average, by hand from the two halves shown.
    market = rows["市场科"]
    assert market.first == Decimal(1000)
    assert market.second is not None
    assert market.total == ((market.first + market.second) / 2).quantize(Decimal("0.01"))
    assert "average" in tab.year_view.note.text() or "平均" in tab.year_view.note.text()
    assert not tab.toolbar_actions.add_points.isEnabled()
    assert tab.toolbar_actions.export.isEnabled()  # the year's workbook


def test_export_writes_the_workbook_and_the_pdf(
    qtbot: Any, scored: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "得分表.xlsx"
    monkeypatch.setattr(score_outputs, "ask_save_path", lambda *_args: target)
    tab = make_tab(qtbot, scored())
    tab.toolbar_actions.export.trigger()
    wait_job(qtbot, tab.commands.job)
    assert target.exists() and target.with_suffix(".pdf").exists()
    book = openpyxl.load_workbook(target, read_only=True)
    assert "科室得分" in book.sheetnames


def test_a_notice_deduction_is_listed_but_changed_only_through_its_notice() -> None:
    rules = HalfYearRules()
    notice = Deduction(
        7, AdjustmentCategory.BUSINESS, Decimal(-2), "逾期未报", None, None, "督办〔2026〕第3号"
    )
    scoring = score_half([DepartmentInput(1, "综合科", "", (), (notice,), (), ())], rules)
    entry = HalfAdjustmentView(
        7, 1, 1, "综合科", "", AdjustmentCategory.BUSINESS, Decimal(-2), None, "逾期未报",
        None, None, "督办〔2026〕第3号", "张敏",
    )  # fmt: skip
    sheet = HalfYearSheet(H1, scoring, False, False, (entry,), (), ())
    (line,) = lines_for(scoring.results[0], AdjustmentCategory.BUSINESS, sheet)
    assert line.source.kind is SourceKind.NOTICE and line.entry is entry
    assert not line.editable
    assert line.read_only_reason is not None and "督办〔2026〕第3号" in line.read_only_reason
    total = cell_sum(scoring.results[0], AdjustmentCategory.BUSINESS, rules)
    assert (total.start, total.sources, total.cell) == (Decimal(700), Decimal(-2), Decimal(698))
