"""The demo half's tie: two departments of one group on equal totals across a quota line.

A tie is what the 考核委员会 meets about, so the demo must have one; but the totals it
needs are known only once the 查账 follow-up has issued its 督办单 (their deductions go
into 加减分), so it cannot be written into the book. After the half's last quarter
the follow-up asks the scoring service for the half as it stands, finds the two
neighbours in a group whose grades differ only by the quota (the lower one's total
already reaches the upper one's line) with the smallest gap between them, and enters
a deduction of exactly that gap for the upper one — what the 人事科 would enter for the
case files or 政务信息 found wanting — through the same service the tab uses. The engine
then flags the tie for the committee, and the half waits for its decision
(`settle_tie`: the 考核委员会 meets a month after the half, before the half closes).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Protocol

from kaohe_desktop.domain.adjustment_rules import AdjustmentDraft
from kaohe_desktop.domain.enums import AdjustmentCategory, DepartmentGrade
from kaohe_desktop.domain.half_year_grades import grade_value
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.half_year_scoring import DepartmentResult, HalfYearScoring
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.quarterly_rules import plain
from kaohe_desktop.services.access.leases import LeaseService
from kaohe_desktop.services.scoring.half_year_scoring import HalfYearScoringService

# What the upper department lost, as whole findings: 1-point missing 政务信息 for a whole
# gap, 0.5-point case files for a half one, else the 考核办's finding in one sum.
ONE_POINT = "上半年政务信息报送少于规定数量{n}条（每条扣1分）"
HALF_POINT = "上半年执法案卷评查发现{n}卷文书制作不规范（每卷扣0.5分）"
ANY_POINTS = "上半年重点工作推进不力，经考核办核定扣{points}分"
REVIEW_BEFORE_END = 4  # days: the half's review, dated within the half
UPHELD = "经局考核委员会研究，{name}{half}重点工作完成质量较高，在并列中评定为{grade}"
LOWERED = "经局考核委员会研究，{name}{half}工作存在扣分事项，在并列中评定为{grade}"


class ScoringDesk(Protocol):
    # Read-only: a Workspace builds each service at first use (services/workspace_services).
    @property
    def scoring(self) -> HalfYearScoringService: ...
    @property
    def leases(self) -> LeaseService: ...


@dataclass(frozen=True)
class TiePlan:
    upper: DepartmentResult  # loses `gap` and ties with `lower`
    lower: DepartmentResult
    gap: Decimal


def _line(grade: DepartmentGrade, rules: HalfYearRules) -> Decimal | None:
    """The total a grade needs besides its quota (None: a grade without quota)."""
    if grade is DepartmentGrade.EXCELLENT:
        return rules.excellent_min
    if grade is DepartmentGrade.GOOD:
        return rules.good_min
    return None


def plan_tie(scoring: HalfYearScoring) -> TiePlan | None:
    """The neighbours (by total, in one group, neither vetoed nor already tied) whose
    grades differ only because the upper one's quota ran out, with the smallest gap."""
    groups: dict[str, list[DepartmentResult]] = defaultdict(list)
    for result in scoring.results:
        if not result.vetoed:
            groups[result.group].append(result)
    best: TiePlan | None = None
    for members in groups.values():
        members.sort(key=lambda r: r.total, reverse=True)
        for upper, lower in pairwise(members):
            line = _line(upper.grade, scoring.rules)
            gap = upper.total - lower.total
            if (
                line is not None
                and gap > 0
                and lower.total >= line
                and grade_value(upper.grade) > grade_value(lower.grade)
                and (best is None or gap < best.gap)
            ):
                best = TiePlan(upper, lower, gap)
    return best


def deduction_for(plan: TiePlan, half: HalfYear, doc_prefix: str) -> AdjustmentDraft:
    """The upper department's deduction of exactly the gap, as whole findings."""
    gap = plan.gap
    if gap == gap.to_integral_value():
        reason = ONE_POINT.format(n=int(gap))
    elif gap * 2 == (gap * 2).to_integral_value():
        reason = HALF_POINT.format(n=int(gap * 2))
    else:
        reason = ANY_POINTS.format(points=plain(gap))
    day = half.end - timedelta(days=REVIEW_BEFORE_END)
    number = day.timetuple().tm_yday * 3 // 10 + 2
    return AdjustmentDraft(
        plan.upper.department_id,
        AdjustmentCategory.BUSINESS,
        -gap,
        reason,
        doc_no=f"{doc_prefix}〔{day.year}〕{number}号",
        on=day,
    )


def make_a_tie(desk: ScoringDesk, half: HalfYear, doc_prefix: str) -> TiePlan | None:
    """Enter the deduction that ties the planned pair (文号 `doc_prefix`〔year〕N号);
    returns the plan, or None when the half offers no such pair (the demo's own data
    always does: tests/services/test_demo_generator.py holds it to that, rather than
    `kaohe init --demo` failing for a clerk)."""
    plan = plan_tie(desk.scoring.scoring(half))
    if plan is None:
        return None
    lease = desk.scoring.acquire_lease(half)
    try:
        desk.scoring.add_adjustment(half, deduction_for(plan, half, doc_prefix), [lease])
    finally:
        desk.leases.release(lease)
    return plan


def settle_tie(desk: ScoringDesk, half: HalfYear) -> None:
    """The 考核委员会's decision on each department of the half's tie: the one with no
    deduction of its own for the tie (the lower of the planned pair) takes the higher
    grade the remaining place allows, the other the grade left to it."""
    flagged = desk.scoring.scoring(half).flagged()
    made = tuple(text.split("{")[0] for text in (ONE_POINT, HALF_POINT, ANY_POINTS))

    def deducted(result: DepartmentResult) -> bool:
        return any(source.label.startswith(made) for source in result.sources)

    order = sorted(flagged, key=lambda r: (deducted(r), r.name))
    for index, result in enumerate(order):
        grades = desk.scoring.decision_grades(half, result.department_id)
        if not grades:
            continue
        grade = grades[0]  # the best the committee may still give
        text = (UPHELD if index == 0 else LOWERED).format(
            name=result.name, half=half.label(), grade=grade.label
        )
        desk.scoring.decide(half, result.department_id, grade, text, None)
