"""Read models of the 1000-point 半年考核 handed to the screens: plain, immutable, no
ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from kaohe_desktop.domain.enums import AdjustmentCategory, CommendationLevel, DepartmentGrade
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.half_year_scoring import HalfYearScoring
from kaohe_desktop.domain.periods import HalfYear, parse_check_period

# --- the 1000-point scoring -----------------------------------------------------------


@dataclass(frozen=True)
class HalfAdjustmentView:
    """One 加减分 of the half: a 扣分 (negative) or a 表彰加分 (positive, with a level)."""

    id: int
    version: int
    department_id: int
    department: str
    group: str
    category: AdjustmentCategory
    points: Decimal
    level: CommendationLevel | None
    reason: str
    doc_no: str | None
    on: date | None
    notice_number: str | None  # set: made by that 督办单, changed only through it
    entered_by: str | None  # who first entered it (the audit log), None if unknown

    @property
    def from_notice(self) -> bool:
        return self.notice_number is not None


@dataclass(frozen=True)
class VetoView:
    id: int
    version: int
    department_id: int
    department: str
    group: str
    reason: str
    doc_no: str | None
    on: date | None
    entered_by: str | None
    # A 一票否决 written as a 加减分 row of category 一票否决 (outside this program):
    # shown and counted; its `id` is then minus that row's id (never a veto row's), and
    # update_veto / delete_veto change or remove that row.
    adjustment_id: int | None = None


@dataclass(frozen=True)
class DecisionView:
    """A 委员会裁定 of the half (the grade the committee gave a tied department)."""

    id: int
    version: int
    department_id: int
    department: str
    grade: DepartmentGrade
    reason: str
    decided_by: str
    decided_at: datetime


@dataclass(frozen=True)
class HalfYearSheet:
    """The half as the 半年考核 tab shows it: the engine's scoring and what was entered.
    Every write of the service returns a fresh one (the tab never reloads itself)."""

    half: HalfYear
    scoring: HalfYearScoring  # of a closed half: what its close stored
    rules_frozen: bool
    closed: bool
    adjustments: tuple[HalfAdjustmentView, ...]  # in department order, then date
    vetoes: tuple[VetoView, ...]
    decisions: tuple[DecisionView, ...]

    @property
    def rules(self) -> HalfYearRules:
        return self.scoring.rules

    def decision(self, department_id: int) -> DecisionView | None:
        return next((d for d in self.decisions if d.department_id == department_id), None)

    def blockers(self) -> list[str]:
        """One line per reason the half cannot close yet (none once it is closable)."""
        return half_blockers(self.scoring)


def half_blockers(scoring: HalfYearScoring) -> list[str]:
    """The missing checks (科室, 序号, 任务, 期间) and the unsettled ties, in words."""
    lines = [
        f"{result.name}：第{check.seq}项“{check.title}”"
        f"{parse_check_period(check.period).label()}未录入查账结果"
        for result, check in scoring.missing()
    ]
    lines += [
        f"{result.name}：总分 {result.total} 与同组科室并列且跨越等次名额，待委员会裁定"
        for result in scoring.flagged()
    ]
    return lines


@dataclass(frozen=True)
class YearScoreRow:
    """One department in the year (年底算账): its halves side by side."""

    department_id: int
    name: str
    group: str
    first: Decimal | None  # 上半年总分 (None: not scored that half)
    second: Decimal | None
    first_grade: DepartmentGrade | None
    second_grade: DepartmentGrade | None
    total: Decimal  # by the scheme's year_total over the halves it was scored in
    rank_in_group: int
    rank_overall: int


@dataclass(frozen=True)
class YearScores:
    year: int
    rules: HalfYearRules  # the second half's (its year_total makes the year's total)
    closed: tuple[bool, bool]  # 上半年, 下半年 closed
    rows: tuple[YearScoreRow, ...]  # in the bureau's department order
