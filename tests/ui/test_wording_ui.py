"""The wording of issue 18 on screen, in Chinese: the grid's 类别内排名 and 全局排名, the
等次调整 dialog's rule and its 综合得分 as the grid shows it, the question before a
quarter closes early, the close banner naming who by display name, and the wall-chart
dialog naming its font instead of a path.

On the small grading bureau of the service tests: P01–P03 and P05 一般公务员, P04 alone
in 机关正科级; 2026Q2, 好 quota 2."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from tests.factories import Clock, sign_in
from tests.services.grading_bureau import Q2, score
from tests.services.grading_fixtures import ALL, admin, leases, path
from tests.ui.helpers import Dialogs, wait_job

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.reports.pdf_fonts import FALLBACK_FONT, PdfFont
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.ledger import wall_chart_dialog
from kaohe_desktop.ui.ledger.wall_chart_dialog import WallChartDialog
from kaohe_desktop.ui.periods import periods_dialog
from kaohe_desktop.ui.periods.periods_dialog import PeriodsDialog
from kaohe_desktop.ui.quarterly import grading_banners
from kaohe_desktop.ui.quarterly import grading_model as cols
from kaohe_desktop.ui.quarterly.close_quarter import CloseQuarterDialog, QuarterClosing
from kaohe_desktop.ui.quarterly.grade_dialog import GradeDialog
from kaohe_desktop.ui.quarterly.grading_model import GradingTableModel
from kaohe_desktop.ui.settings import Settings

__all__ = ["admin", "leases", "path"]  # the fixtures, imported for pytest

JUNE_20 = datetime(2026, 6, 20, 10, 0, 0)
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
HORIZONTAL = Qt.Orientation.Horizontal


@pytest.fixture
def clock() -> Clock:
    return Clock(JUNE_20)


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def cell(model: GradingTableModel, code: str, column: int, role: Any = DISPLAY) -> Any:
    row = next(n for n, r in enumerate(model.rows()) if r.code == code)
    return model.index(row, column).data(role)


def test_the_rank_columns_say_which_rank_they_are(
    chinese: None, qtbot: Any, admin: Workspace, leases: list[Lease]
) -> None:
    model = GradingTableModel()
    model.set_sheet(score(admin, ALL, leases))
    assert model.headerData(cols.RANK, HORIZONTAL) == "类别内排名"
    assert model.headerData(cols.OVERALL_RANK, HORIZONTAL) == "全局排名"
    assert "各类别分别排名" in model.headerData(cols.RANK, HORIZONTAL, TOOLTIP)
    assert "不分人员类别" in model.headerData(cols.OVERALL_RANK, HORIZONTAL, TOOLTIP)
    # 85.00 is first of 机关正科级 while 91.00 is third of 一般公务员: 4th of everyone.
    assert (cell(model, "P04", cols.RANK), cell(model, "P04", cols.OVERALL_RANK)) == ("1", "4")
    assert cell(model, "P04", cols.RANK, TOOLTIP) == "在“机关正科级”类别中排第 1 名"
    assert cell(model, "P04", cols.OVERALL_RANK, TOOLTIP) == "在本季度全部已评分人员中排第 4 名"
    assert (cell(model, "P05", cols.RANK), cell(model, "P05", cols.OVERALL_RANK)) == ("4", "5")


def test_a_score_updates_only_the_rows_whose_ranks_it_moves(
    qtbot: Any, admin: Workspace, leases: list[Lease]
) -> None:
    model = GradingTableModel()
    model.set_sheet(score(admin, ALL, leases))
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    model.modelReset.connect(lambda: changed.append((-1, -1)))
    sheet = score(admin, {"P05": ("88", "88")}, leases)  # 70 → 88: past P04 (85) only
    model.set_sheet(sheet)
    rows = {r.code: n for n, r in enumerate(model.rows())}
    touched = {n for first, last in changed for n in range(first, last + 1)}
    assert touched == {rows["P04"], rows["P05"]}  # not the quarter: two rows
    assert cell(model, "P05", cols.OVERALL_RANK) == "4"
    assert cell(model, "P04", cols.OVERALL_RANK) == "5"
    assert cell(model, "P04", cols.RANK) == "1"  # alone in its category, as before


def test_the_grade_dialog_says_the_rule_and_shows_the_score_as_the_grid(
    chinese: None, parent: QWidget, admin: Workspace, leases: list[Lease]
) -> None:
    sheet = score(admin, {**ALL, "P03": ("90.6", "90")}, leases)  # 90.30
    row = next(r for r in sheet.rows if r.code == "P03")
    dialog = GradeDialog(admin, admin.grading, admin.leases, sheet, row, leases, parent)
    grid = GradingTableModel()
    grid.set_sheet(sheet)
    assert dialog.composite.text() == cell(grid, "P03", cols.COMPOSITE) == "90.30"
    rule = dialog.rule.text()
    assert "录入员或管理员" in rule and "必须填写理由" in rule and "90" in rule
    texts = " ".join(w.text() for w in (dialog.poor_note, dialog.fairly_good_note, dialog.rule))
    assert "新余" not in texts and "只有" not in texts
    assert dialog.poor_note.text() == "任何分数均可定为较差，须填写理由。"
    assert dialog.fairly_good_note.text().startswith("较好只用于与好等次最后一个名额并列")
    dialog.reject()


def test_closing_before_the_quarter_ends_asks_first(
    chinese: None, qtbot: Any, parent: QWidget, admin: Workspace, leases: list[Lease], clock: Clock
) -> None:
    sheet = score(admin, ALL, leases)
    closing = QuarterClosing(
        parent, admin, admin.grading, admin.periods, sheet, changed=lambda _s: None,
        show_only=lambda _ids: None,
    )  # fmt: skip
    dialog = closing.close()
    assert isinstance(dialog, CloseQuarterDialog)
    assert not dialog.early.isHidden()
    assert dialog.early.text() == (
        "本季度到 2026-06-30 结束，今天是 2026-06-20。"
        "提前关闭后本季度的分数、点评和等次不能再修改（管理员可重新开启）。仍要关闭吗？"
    )
    dialog.reject()
    clock.now = datetime(2026, 7, 1, 9, 0, 0)  # the quarter is over: nothing to ask
    dialog = closing.close()
    assert isinstance(dialog, CloseQuarterDialog) and dialog.early.isHidden()
    dialog.reject()


def test_the_periods_dialog_asks_before_an_early_close(
    chinese: None, qtbot: Any, admin: Workspace, leases: list[Lease], dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    score(admin, ALL, leases)
    monkeypatch.setattr(periods_dialog, "ask_text", lambda _p, _t, _l: "")
    dialog = PeriodsDialog(admin, admin.periods, 2026)
    qtbot.addWidget(dialog)
    dialog.select_period("2026Q2")
    dialogs.answer = False  # "no": nothing is closed
    assert dialog.close_selected() is None
    question, detail = dialogs.last("ask")
    assert question.startswith("本季度到 2026-06-30 结束，今天是 2026-06-20。")
    assert question.endswith("仍要关闭吗？") and "只读" in detail
    assert admin.periods.closed_periods() == []
    dialogs.answer = True
    wait_job(qtbot, dialog.close_selected())
    assert admin.periods.history()[0].close_note == "提前关闭（季度末为 2026-06-30）"


def test_the_close_banner_names_who_by_display_name(
    chinese: None, path: Path, admin: Workspace, leases: list[Lease], clock: Clock
) -> None:
    score(admin, ALL, leases)
    reviewer = sign_in(path, Role.REVIEWER, daily_backup=False, clock=clock)
    try:
        reviewer.grading.close_quarter(Q2, "已核对")
    finally:
        reviewer.close()
    text = grading_banners.closed_text(admin, admin.periods, admin.grading.sheet(Q2))
    assert "已由审核人reviewer（reviewer）于 2026-06-20 10:00 关闭" in text
    assert "提前关闭（季度末为 2026-06-30）；已核对" in text


def test_the_wall_chart_dialog_names_its_font(
    chinese: None, qtbot: Any, admin: Workspace, settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    embedded = PdfFont("CJK-x", Path("/fonts/wqy-zenhei.ttc"), True, "嵌入字体 wqy-zenhei.ttc")
    monkeypatch.setattr(PdfFont, "family", property(lambda f: "文泉驿正黑" if f.path else f.name))
    monkeypatch.setattr(wall_chart_dialog, "pdf_font", lambda _path: embedded)
    dialog = WallChartDialog(admin.wall_charts, 2026, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.font_note.text() == "文泉驿正黑（已嵌入 PDF）"
    assert dialog.font_note.toolTip() == "嵌入字体 wqy-zenhei.ttc"  # the file, for whoever asks
    fallback = PdfFont(FALLBACK_FONT, None, False, "未找到可嵌入的中文 TrueType 字体")
    monkeypatch.setattr(wall_chart_dialog, "pdf_font", lambda _path: fallback)
    dialog = WallChartDialog(admin.wall_charts, 2026, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.font_note.text() == ("STSong-Light（未嵌入：在其他电脑上可能显示为其他字体）")
