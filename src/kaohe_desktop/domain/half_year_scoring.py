"""The 半年考核 scoring engine: every department's half-year score, ranks and grade.

Pure function of its inputs (DESIGN.md §4, issue 14): `score_half(inputs, rules,
decisions)`. The service gathers DepartmentInput; the tab, the score sheet and the
close read HalfYearScoring. The rules live in three modules:

- the half's numbers (maxima, shares, bonuses, cap, quotas, lines) → half_year_rules.py
- one department's points and their sources (checks, deductions,
  扣完为止, bonuses by 文号, the cap, vetoes)                       → half_year_points.py
- ranks (1, 2, 2, 4) and grades with quotas, ties and decisions     → half_year_grades.py

Invariant: for every result, rules.base + Σ(p.points for p in sources if p.counted)
== total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kaohe_desktop.domain.enums import AdjustmentCategory, DepartmentGrade
from kaohe_desktop.domain.half_year_grades import Standing, place
from kaohe_desktop.domain.half_year_points import (
    Bonus,
    Deduction,
    DepartmentInput,
    DueCheck,
    PointSource,
    SourceKind,
    Veto,
    department_points,
)
from kaohe_desktop.domain.half_year_rules import HalfYearRules

__all__ = [
    "Bonus",
    "Decision",
    "Deduction",
    "DepartmentInput",
    "DepartmentResult",
    "DueCheck",
    "HalfYearScoring",
    "PointSource",
    "SourceKind",
    "Veto",
    "score_half",
]


@dataclass(frozen=True)
class Decision:
    """The committee settling a flagged tie by hand (委员会裁定)."""

    department_id: int
    grade: DepartmentGrade
    reason: str


@dataclass(frozen=True)
class DepartmentResult:
    department_id: int
    name: str
    group: str
    # The four scored categories in SCORED_CATEGORIES order, each clamped at 0.
    categories: tuple[tuple[AdjustmentCategory, Decimal], ...]
    bonus: Decimal  # after the cap
    deductions_total: Decimal  # 扣分合计 = base − Σ categories, ≥ 0
    vetoed: bool
    total: Decimal
    rank_in_group: int
    rank_overall: int
    grade: DepartmentGrade
    advanced: bool  # 先进科室 = 优秀
    flagged: bool  # an equal total straddling a quota line, not settled
    decided: bool  # grade set by a Decision
    missing: tuple[DueCheck, ...]  # due periods with nothing confirmed
    sources: tuple[PointSource, ...]

    def category(self, category: AdjustmentCategory) -> Decimal:
        for key, value in self.categories:
            if key is category:
                return value
        raise KeyError(category)


@dataclass(frozen=True)
class HalfYearScoring:
    rules: HalfYearRules
    results: tuple[DepartmentResult, ...]  # in input order

    def result(self, department_id: int) -> DepartmentResult:
        for result in self.results:
            if result.department_id == department_id:
                return result
        raise KeyError(department_id)

    def flagged(self) -> list[DepartmentResult]:
        return [r for r in self.results if r.flagged]

    def missing(self) -> list[tuple[DepartmentResult, DueCheck]]:
        return [(r, check) for r in self.results for check in r.missing]

    @property
    def closable(self) -> bool:
        """No due period without a confirmed check and no unsettled tie."""
        return not any(r.missing or r.flagged for r in self.results)


def score_half(
    inputs: Iterable[DepartmentInput],
    rules: HalfYearRules,
    decisions: Iterable[Decision] = (),
) -> HalfYearScoring:
    """Score, rank and grade the half's departments. A decision stands only where it
    settles a tie within the quota (see domain/half_year_grades.py); the last
    decision given for a department is the one read."""
    scored = [department_points(department, rules) for department in inputs]
    seen: set[int] = set()
    for p in scored:
        if p.department.department_id in seen:
            raise ValueError(f"科室重复：{p.department.name}")
        seen.add(p.department.department_id)
    standings = [
        Standing(p.department.department_id, p.department.group, p.total, bool(p.department.vetoes))
        for p in scored
    ]
    placings = place(standings, rules, {d.department_id: d.grade for d in decisions})
    base = rules.base
    results = []
    for p, standing in zip(scored, standings, strict=True):
        department, placing = p.department, placings[standing.department_id]
        results.append(
            DepartmentResult(
                department.department_id, department.name, department.group, p.categories,
                p.bonus, base - sum((v for _c, v in p.categories), Decimal(0)), standing.vetoed,
                p.total, placing.rank_in_group, placing.rank_overall, placing.grade,
                placing.grade is DepartmentGrade.EXCELLENT, placing.flagged, placing.decided,
                tuple(c for c in department.checks if c.status is None), p.sources,
            )
        )  # fmt: skip
    return HalfYearScoring(rules, tuple(results))
