"""A hand-made half for the score-sheet tests: eight departments in two groups, scored
by the engine (domain/half_year_scoring.score_half), with totals worked out by hand.

综合组 (five):
- 办公室: Q1 第1项 (10 分) 已完成 → 0; Q2 第1项 部分完成 at 二级 → −5; 2026-03 第2项 (20 分)
  not recorded → −20 (missing); 党风廉政 −3; 省级 20 and 县直部门 of the same 文号 →
  +20 (the lower one listed at 0) → 992.
- 法规科: 党风廉政 −120 → the category stops at 0 (a 扣完为止 line of +20) → 900.
- 综合科: two 国家级 commendations (60) capped at 50, and a veto → 1050, never 优秀.
- 财务科: nothing → 1000.
- 人事科: 第3项 (10 分) 逾期完成 → −3 → 997.
执法组 (three): 稽查大队 −250 业务工作 → 750; 食品科 −1 考勤 → 999; 药品科 "-迟到" −5 考勤
  (a reason Excel would take for a formula) → 995.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
)
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.half_year_scoring import (
    Bonus,
    Deduction,
    DepartmentInput,
    DueCheck,
    HalfYearScoring,
    Veto,
    score_half,
)
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.reports.score_sheet_content import ScoreSheet, score_sheet

BUREAU = "夏津县市场监督管理局"
HALF = HalfYear(2026, 1)
PRINTED = date(2026, 7, 6)
EXPECTED_TOTALS = {
    "办公室": Decimal(992),
    "法规科": Decimal(900),
    "综合科": Decimal(1050),
    "财务科": Decimal(1000),
    "人事科": Decimal(997),
    "稽查大队": Decimal(750),
    "食品科": Decimal(999),
    "药品科": Decimal(995),
}
FORMULA_LIKE_REASON = "-迟到早退"

_ON = date(2026, 3, 15)


def _check(seq: int, points: int, period: str, status: CheckStatus | None,
           level: CheckLevel | None = CheckLevel.LEAD) -> DueCheck:  # fmt: skip
    return DueCheck(seq, seq, f"任务{seq}", Decimal(points), period,
                    None if status is None else level, status)  # fmt: skip


def _deduct(source_id: int, category: AdjustmentCategory, points: int, reason: str) -> Deduction:
    return Deduction(
        source_id, category, Decimal(points), reason, f"夏市监〔2026〕{source_id}号", _ON
    )


def _bonus(
    source_id: int, level: CommendationLevel, reason: str, doc_no: str, claimed: int | None = None
) -> Bonus:
    points = None if claimed is None else Decimal(claimed)
    return Bonus(source_id, level, points, reason, doc_no, _ON)


def _department(
    department_id: int, name: str, group: str, *, checks: Sequence[DueCheck] = (),
    deductions: Sequence[Deduction] = (), bonuses: Sequence[Bonus] = (),
    vetoes: Sequence[Veto] = (),
) -> DepartmentInput:  # fmt: skip
    return DepartmentInput(department_id, name, group, tuple(checks), tuple(deductions),
                           tuple(bonuses), tuple(vetoes))  # fmt: skip


def sample_inputs(*, with_missing: bool = True) -> list[DepartmentInput]:
    office_checks = [
        _check(1, 10, "2026Q1", CheckStatus.DONE),
        _check(1, 10, "2026Q2", CheckStatus.PARTIAL, CheckLevel.SUPERVISION),
        _check(2, 20, "2026-03", None if with_missing else CheckStatus.MISSED),
    ]
    integrity = AdjustmentCategory.INTEGRITY
    attendance = AdjustmentCategory.ATTENDANCE
    return [
        _department(
            1,
            "办公室",
            "综合组",
            checks=office_checks,
            deductions=[_deduct(11, integrity, -3, "廉政谈话未按时开展")],
            bonuses=[
                _bonus(21, CommendationLevel.PROVINCIAL, "省级表彰", "鲁政〔2026〕8号", 20),
                _bonus(22, CommendationLevel.COUNTY_DEPARTMENT, "县局转发表彰", "鲁政〔2026〕8号"),
            ],
        ),
        _department(2, "法规科", "综合组", deductions=[_deduct(12, integrity, -120, "违纪")]),
        _department(
            3,
            "综合科",
            "综合组",
            bonuses=[
                _bonus(23, CommendationLevel.NATIONAL, "全国先进", "国市监〔2026〕1号"),
                _bonus(24, CommendationLevel.NATIONAL, "全国示范", "国市监〔2026〕2号"),
            ],
            vetoes=[Veto(31, "发生重大安全责任事故", "夏政〔2026〕5号", _ON)],
        ),
        _department(4, "财务科", "综合组"),
        _department(5, "人事科", "综合组", checks=[_check(3, 10, "2026Q2", CheckStatus.LATE)]),
        _department(
            6,
            "稽查大队",
            "执法组",
            deductions=[_deduct(13, AdjustmentCategory.BUSINESS, -250, "办案超期")],
        ),
        _department(7, "食品科", "执法组", deductions=[_deduct(14, attendance, -1, "迟到")]),
        _department(
            8, "药品科", "执法组", deductions=[_deduct(15, attendance, -5, FORMULA_LIKE_REASON)]
        ),
    ]


def sample_scoring(*, with_missing: bool = True) -> HalfYearScoring:
    return score_half(sample_inputs(with_missing=with_missing), HalfYearRules())


def sample_sheet(*, with_missing: bool = True, closed: bool = False) -> ScoreSheet:
    return score_sheet(
        sample_scoring(with_missing=with_missing), bureau=BUREAU, half=HALF, printed_on=PRINTED,
        closed=closed,
    )  # fmt: skip
