"""The half's score table: one row per department, the columns of the score sheet
(DESIGN §7) plus the ranks and the 标记 that keep the half from closing.

Numbers are right-aligned with two decimals and sort as numbers. Each column knows
which of a department's point sources make its number (`column_scope`), so selecting
a cell can list them (the drill-down).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QObject

from kaohe_desktop.domain.enums import AdjustmentCategory, DepartmentGrade
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES, HalfYearRules
from kaohe_desktop.domain.half_year_scoring import DepartmentResult, HalfYearScoring
from kaohe_desktop.domain.quarterly_rules import plain
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.scoring.score_texts import (
    BONUS_COLOR,
    DEDUCTION_COLOR,
    FLAG_COLOR,
    flag_text,
    flag_tooltip,
    two_decimals,
)

DEPARTMENT, GROUP = 0, 1
FIRST_CATEGORY = 2  # 业务工作, 党风廉政, 精神文明, 考勤 follow in SCORED_CATEGORIES order
BONUS = FIRST_CATEGORY + len(SCORED_CATEGORIES)
DEDUCTIONS, VETO, TOTAL = BONUS + 1, BONUS + 2, BONUS + 3
RANK_IN_GROUP, RANK_OVERALL, GRADE, ADVANCED, FLAGS = range(TOTAL + 1, TOTAL + 6)

# What a column's number is made of, for the drill-down.
ALL_SOURCES = "all"  # 总分 and the columns that are about the whole department
SCORED = "scored"  # 扣分合计: every source of the four scored categories
VETOES = "vetoes"  # 一票否决: the department's vetoes (no points)
Scope = AdjustmentCategory | str

_GRADE_COLORS = {
    DepartmentGrade.EXCELLENT: BONUS_COLOR,
    DepartmentGrade.POOR: DEDUCTION_COLOR,
}


def column_scope(column: int) -> Scope:
    """The sources a cell of `column` lists: one category, the scored ones, vetoes or all."""
    if FIRST_CATEGORY <= column < BONUS:
        return SCORED_CATEGORIES[column - FIRST_CATEGORY]
    if column == BONUS:
        return AdjustmentCategory.BONUS
    if column == DEDUCTIONS:
        return SCORED
    if column == VETO:
        return VETOES
    return ALL_SOURCES


class ScoreTableModel(RowTableModel[DepartmentResult]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._rules = HalfYearRules()
        self.set_columns(self._columns_spec())

    def set_scoring(self, scoring: HalfYearScoring | None) -> None:
        """The half's results (None: nothing shown); the headers name the half's maxima."""
        if scoring is not None and scoring.rules != self._rules:
            self._rules = scoring.rules
            self.set_columns(self._columns_spec())
        self.set_rows(scoring.results if scoring is not None else [])

    def row_of(self, department_id: int) -> int | None:
        for row, result in enumerate(self.rows()):
            if result.department_id == department_id:
                return row
        return None

    def _number(
        self,
        header: str,
        read: Callable[[DepartmentResult], Decimal],
        tip: str,
        color: Callable[[DepartmentResult], str | None] | None = None,
        bold: Callable[[DepartmentResult], bool] | None = None,
    ) -> Column[DepartmentResult]:
        return Column(
            header,
            lambda r: two_decimals(read(r)),
            numeric=True,
            sort=read,
            header_tooltip=tip,
            color=color,
            bold=bold,
        )

    def _category(self, category: AdjustmentCategory) -> Column[DepartmentResult]:
        maximum = plain(self._rules.category_max(category))
        tip = self.tr(
            "{0}: full marks {1} less its deductions, never below 0. Select a cell to see "
            "every deduction."
        ).format(category.label, maximum)
        return self._number(
            category.label,
            lambda r: r.category(category),
            tip,
            color=lambda r: DEDUCTION_COLOR if r.category(category) == 0 else None,
        )

    def _columns_spec(self) -> list[Column[DepartmentResult]]:
        return [
            Column(self.tr("Department"), lambda r: r.name, tooltip=lambda r: r.name),
            Column(self.tr("Group"), lambda r: r.group),
            *(self._category(category) for category in SCORED_CATEGORIES),
            self._number(
                self.tr("Bonus"),
                lambda r: r.bonus,
                self.tr("Commendation bonus after the cap"),
                color=lambda r: BONUS_COLOR if r.bonus > 0 else None,
            ),
            self._number(
                self.tr("Deductions"),
                lambda r: r.deductions_total,
                self.tr("Full marks less the four categories (扣分合计)"),
                color=lambda r: DEDUCTION_COLOR if r.deductions_total > 0 else None,
            ),
            Column(
                self.tr("Veto"),
                lambda r: self.tr("Yes") if r.vetoed else "",
                center=True,
                color=lambda r: DEDUCTION_COLOR if r.vetoed else None,
                bold=lambda r: r.vetoed,
                sort=lambda r: r.vetoed,
                header_tooltip=self.tr("一票否决: cannot be 优秀 or 先进科室 this half"),
            ),
            self._number(
                self.tr("Total"),
                lambda r: r.total,
                self.tr("The four categories plus the bonus; may exceed the full marks"),
                bold=lambda _r: True,
            ),
            Column(
                self.tr("Rank in group"),
                lambda r: r.rank_in_group,
                numeric=True,
                header_tooltip=self.tr("Equal totals share a rank (1, 2, 2, 4)"),
            ),
            Column(self.tr("Overall rank"), lambda r: r.rank_overall, numeric=True),
            Column(
                self.tr("Grade"),
                lambda r: r.grade.label,
                center=True,
                color=lambda r: _GRADE_COLORS.get(r.grade),
                sort=lambda r: list(DepartmentGrade).index(r.grade),
            ),
            Column(
                self.tr("Advanced"),
                lambda r: self.tr("Advanced") if r.advanced else "",
                center=True,
                color=lambda r: BONUS_COLOR if r.advanced else None,
                sort=lambda r: r.advanced,
                header_tooltip=self.tr("先进科室 = 优秀"),
            ),
            Column(
                self.tr("Flags"),
                flag_text,
                tooltip=flag_tooltip,
                color=lambda r: FLAG_COLOR if (r.flagged or r.missing) else None,
            ),
        ]
