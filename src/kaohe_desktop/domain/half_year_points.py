"""The points of one department's half (DESIGN.md §4, issue 14): what the service
gathers (DepartmentInput) and every source of its score (PointSource), so that
rules.base + Σ counted sources == total. Ranks and grades: half_year_grades.py; the
whole half: half_year_scoring.py (which re-exports these types).

Each rule has one home:

- a due period's deduction, share × 分值, by status     → `_check_source`
- a manual or 督办单 deduction                           → `_deduction_source`
- each category stops at 0 (扣完为止)                    → `_clamp_source`
- a bonus worth its level; one 文号 once, at its highest → `_bonus_sources`
- the half's bonus at most 50                            → `_cap_source`
- 一票否决                                               → `_veto_source`

Choices of ours, where DESIGN is silent:
- Points are hundredths: each due period's deduction is rounded half up to 0.01 (30%
  of 2.55 is 0.77), so a stored result adds up as the live one. Nothing else rounds.
- A due period with no confirmed check counts as 未完成 and is listed in `missing`;
  未到期 and 已完成 deduct 0 but are listed as sources (nothing counted is hidden).
- A category never leaves [0, max]: a CLAMP source gives back what went below 0 (or
  takes what a positive "deduction" would add over the maximum).
- A bonus is worth `rules.bonus_for(level)`; the points typed are only compared and a
  difference noted. The 文号 rule is per department (one document may commend
  several), comparing 文号 without blanks; bonuses without 文号 each count. Among
  entries of one 文号 the highest level counts, then the lowest source id.
- Vetoes are sources worth 0 (the drill-down of 一票否决 lists them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    LabeledEnum,
)
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES, HalfYearRules
from kaohe_desktop.domain.quarterly_rules import plain, round_half_up


class SourceKind(LabeledEnum):
    """Where a point of a department's score comes from (the drill-down, sheet 明细)."""

    CHECK = ("check", "查账")
    ADJUSTMENT = ("adjustment", "加减分")
    NOTICE = ("notice", "督办单")
    BONUS = ("bonus", "表彰")
    CLAMP = ("clamp", "扣完为止")
    CAP = ("cap", "加分上限")


@dataclass(frozen=True)
class DueCheck:
    """One due period of one task for one department, with its standing check.

    `status` None: nothing confirmed at any level; counted as 未完成 and listed as
    missing (the half cannot close while any is)."""

    task_id: int
    seq: int  # the task's 序号 in the ledger
    title: str
    points: Decimal  # the task's 分值
    period: str  # "2026Q2" (routine) or "2026-05" (key)
    level: CheckLevel | None  # the level whose status stands
    status: CheckStatus | None


@dataclass(frozen=True)
class Deduction:
    """A manual 扣分 (or one from a 督办单 when `notice_number` is set)."""

    source_id: int  # the adjustment row
    category: AdjustmentCategory  # one of SCORED_CATEGORIES
    points: Decimal  # negative
    reason: str
    doc_no: str | None
    on: date | None
    notice_number: str | None = None  # 督办〔2026〕第N号 when it comes from a notice
    entered_by: str | None = None


@dataclass(frozen=True)
class Bonus:
    """A 表彰加分: worth `rules.bonus_for(level)`; `points_claimed` is what was typed,
    kept only to show a mismatch."""

    source_id: int
    level: CommendationLevel
    points_claimed: Decimal | None
    reason: str
    doc_no: str | None  # the same 文号 counts once, at its highest level
    on: date | None
    entered_by: str | None = None


@dataclass(frozen=True)
class Veto:
    """一票否决: the department cannot be 优秀 this half."""

    source_id: int
    reason: str
    doc_no: str | None
    on: date | None


@dataclass(frozen=True)
class DepartmentInput:
    department_id: int
    name: str
    group: str  # 组别; "" when none (then all such departments form one group)
    checks: tuple[DueCheck, ...]
    deductions: tuple[Deduction, ...]
    bonuses: tuple[Bonus, ...]
    vetoes: tuple[Veto, ...]


@dataclass(frozen=True)
class PointSource:
    """One line of a department's score: every counted source's `points` summed onto
    `rules.base` gives the total."""

    department_id: int
    category: AdjustmentCategory  # BONUS for bonuses and the cap
    kind: SourceKind
    points: Decimal  # signed effect on the total; 0 when not counted
    label: str  # "第12项 xxx" for a check, the reason otherwise
    period: str | None
    level: CheckLevel | None
    status: CheckStatus | None
    share: Decimal | None  # the share of 分值 deducted (checks)
    doc_no: str | None
    on: date | None
    counted: bool
    note: str  # "" or e.g. "同一文号已按省级计入", "扣完为止", "超出加分上限 50"
    # Added beyond the agreed list (defaults keep positional construction working):
    # the drill-down shows who entered an adjustment and a bonus's level.
    entered_by: str | None = None
    commendation: CommendationLevel | None = None


def _check_source(department_id: int, check: DueCheck, rules: HalfYearRules) -> PointSource:
    share = rules.share(check.status)
    points = -round_half_up(share * check.points)
    note = "未录入，按未完成计" if check.status is None else ""
    return PointSource(
        department_id, AdjustmentCategory.BUSINESS, SourceKind.CHECK, points,
        f"第{check.seq}项 {check.title}", check.period, check.level, check.status, share,
        None, None, True, note,
    )  # fmt: skip


def _deduction_source(department_id: int, deduction: Deduction) -> PointSource:
    if deduction.category not in SCORED_CATEGORIES:
        raise ValueError(
            f"扣分类别应为业务工作、党风廉政、精神文明或考勤：{deduction.category.label}"
        )
    kind = SourceKind.ADJUSTMENT if deduction.notice_number is None else SourceKind.NOTICE
    return PointSource(
        department_id, deduction.category, kind, deduction.points, deduction.reason, None,
        None, None, None, deduction.doc_no or deduction.notice_number, deduction.on, True, "",
        deduction.entered_by,
    )  # fmt: skip


def _clamp_source(
    department_id: int, category: AdjustmentCategory, raw: Decimal, rules: HalfYearRules
) -> PointSource | None:
    """What brings a category back into [0, max] (扣完为止), if anything."""
    maximum = rules.category_max(category)
    if raw < 0:
        points, note = -raw, "扣完为止"
    elif raw > maximum:
        points, note = maximum - raw, f"不超过满分 {plain(maximum)}"
    else:
        return None
    return PointSource(
        department_id, category, SourceKind.CLAMP, points, f"{category.label}{note}", None,
        None, None, None, None, None, True, note,
    )  # fmt: skip


def _doc_key(doc_no: str | None) -> str | None:
    key = "".join((doc_no or "").split())
    return key or None


def _bonus_sources(
    department_id: int, bonuses: Sequence[Bonus], rules: HalfYearRules
) -> list[PointSource]:
    """Each bonus at its level's worth; of the bonuses sharing a 文号 only the highest
    level counts (the others are listed with 0 and a note). Sources in input order."""
    levels = list(CommendationLevel)

    def precedence(index: int) -> tuple[int, int]:
        return levels.index(bonuses[index].level), bonuses[index].source_id

    counted: dict[str, int] = {}  # 文号 → the index of the bonus it counts as
    for index, bonus in enumerate(bonuses):
        key = _doc_key(bonus.doc_no)
        if key is not None and (key not in counted or precedence(index) < precedence(counted[key])):
            counted[key] = index
    sources = []
    for index, bonus in enumerate(bonuses):
        worth = rules.bonus_for(bonus.level)
        key = _doc_key(bonus.doc_no)
        winner = index if key is None else counted[key]
        notes = [] if winner == index else [f"同一文号已按{bonuses[winner].level.label}计入"]
        if bonus.points_claimed is not None and bonus.points_claimed != worth:
            notes.append(
                f"填报 {plain(bonus.points_claimed)} 分，按{bonus.level.label}计 {plain(worth)} 分"
            )
        sources.append(
            PointSource(
                department_id, AdjustmentCategory.BONUS, SourceKind.BONUS,
                worth if winner == index else Decimal(0), bonus.reason, None, None, None, None,
                bonus.doc_no, bonus.on, winner == index, "；".join(notes), bonus.entered_by,
                bonus.level,
            )
        )  # fmt: skip
    return sources


def _cap_source(department_id: int, bonus: Decimal, rules: HalfYearRules) -> PointSource | None:
    """The half's bonus at most `bonus_cap`: what is over it, taken back."""
    if bonus <= rules.bonus_cap:
        return None
    cap = plain(rules.bonus_cap)
    return PointSource(
        department_id, AdjustmentCategory.BONUS, SourceKind.CAP, rules.bonus_cap - bonus,
        f"表彰加分合计 {plain(bonus)}，上限 {cap}", None, None, None, None, None, None, True,
        f"超出加分上限 {cap}",
    )  # fmt: skip


def _veto_source(department_id: int, veto: Veto) -> PointSource:
    return PointSource(
        department_id, AdjustmentCategory.VETO, SourceKind.ADJUSTMENT, Decimal(0), veto.reason,
        None, None, None, None, veto.doc_no, veto.on, True, "一票否决：不得评为优秀、先进科室",
    )  # fmt: skip


@dataclass(frozen=True)
class DepartmentPoints:
    """One department's categories (clamped), bonus (capped) and every source."""

    department: DepartmentInput
    categories: tuple[tuple[AdjustmentCategory, Decimal], ...]
    bonus: Decimal
    sources: tuple[PointSource, ...]

    @property
    def total(self) -> Decimal:
        return sum((value for _c, value in self.categories), self.bonus)


def department_points(department: DepartmentInput, rules: HalfYearRules) -> DepartmentPoints:
    """Every source of one department's points, and its categories and bonus."""
    did = department.department_id
    sources = [_check_source(did, check, rules) for check in department.checks]
    sources += [_deduction_source(did, deduction) for deduction in department.deductions]
    raws = {category: rules.category_max(category) for category in SCORED_CATEGORIES}
    for source in sources:
        raws[source.category] += source.points
    categories = []
    for category, raw in raws.items():
        clamp = _clamp_source(did, category, raw, rules)
        if clamp is not None:
            sources.append(clamp)
            raw += clamp.points
        categories.append((category, raw))
    bonuses = _bonus_sources(did, department.bonuses, rules)
    bonus = sum((s.points for s in bonuses), Decimal(0))
    cap = _cap_source(did, bonus, rules)
    if cap is not None:
        bonuses.append(cap)
        bonus += cap.points
    sources += bonuses
    sources += [_veto_source(did, veto) for veto in department.vetoes]
    return DepartmentPoints(department, tuple(categories), bonus, tuple(sources))
