"""The numbers of the 半年考核 scheme (DESIGN.md §4, department half-year score), one
frozen value per half year.

Every number the scoring engine (domain/half_year_scoring.py) uses lives here, so a
bureau whose scheme differs changes data, not code. A half keeps the rules it started
with: the service writes them into the half's `scheme` row (period "2026H1") at its
first scoring entry, as the quarterly rules are frozen into "2026Q2".

Sources: 夏津 practice (1000 points by deduction, the four categories and their
maxima, the shares per status, bonus levels); ours (the 50-point bonus cap, the grade
quotas and lines, the year as the average of its halves).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckStatus,
    CommendationLevel,
    LabeledEnum,
)
from kaohe_desktop.domain.quarterly_rules import (
    RulesError,
    percent,
    plain,
    round_half_up,
    rules_values_from_json,
)

# The four scored categories, in the order of the score sheet.
SCORED_CATEGORIES: tuple[AdjustmentCategory, ...] = (
    AdjustmentCategory.BUSINESS,
    AdjustmentCategory.INTEGRITY,
    AdjustmentCategory.CIVILITY,
    AdjustmentCategory.ATTENDANCE,
)


class YearTotal(LabeledEnum):
    """How the year's total (年底算账) is made of its two halves."""

    AVERAGE = ("average", "两个半年的平均分")
    SUM = ("sum", "两个半年之和")


@dataclass(frozen=True)
class HalfYearRules:
    business_max: Decimal = Decimal(700)  # 业务工作 (the ledger)
    integrity_max: Decimal = Decimal(100)  # 党风廉政
    civility_max: Decimal = Decimal(100)  # 精神文明
    attendance_max: Decimal = Decimal(100)  # 考勤
    # Share of a task's 分值 deducted per due period by the standing check's status;
    # a due period with no confirmed check counts as 未完成.
    late_share: Decimal = Decimal("0.3")  # 逾期完成
    partial_share: Decimal = Decimal("0.5")  # 部分完成
    missed_share: Decimal = Decimal("1")  # 未完成
    national_bonus: Decimal = Decimal(30)  # 国家级
    provincial_bonus: Decimal = Decimal(20)  # 省级
    city_bonus: Decimal = Decimal(15)  # 市级
    county_bonus: Decimal = Decimal(10)  # 县委县政府
    county_department_bonus: Decimal = Decimal(5)  # 县直部门
    bonus_cap: Decimal = Decimal(50)  # the half's bonus at most
    excellent_quota: Decimal = Decimal("0.2")  # 优秀 ≤ 20% of the group, ⌊⌋, at least 1
    excellent_min: Decimal = Decimal(900)  # and total ≥
    good_quota: Decimal = Decimal("0.4")  # 良好: the next ≤ 40%
    good_min: Decimal = Decimal(800)  # and total ≥
    poor_below: Decimal = Decimal(600)  # 较差 below
    year_total: YearTotal = YearTotal.AVERAGE

    def category_max(self, category: AdjustmentCategory) -> Decimal:
        maxima = {
            AdjustmentCategory.BUSINESS: self.business_max,
            AdjustmentCategory.INTEGRITY: self.integrity_max,
            AdjustmentCategory.CIVILITY: self.civility_max,
            AdjustmentCategory.ATTENDANCE: self.attendance_max,
        }
        return maxima[category]

    @property
    def base(self) -> Decimal:
        """The full score before deductions (1000 by default)."""
        return sum((self.category_max(c) for c in SCORED_CATEGORIES), Decimal(0))

    def share(self, status: CheckStatus | None) -> Decimal:
        """The share of 分值 deducted for a due period whose standing status is `status`
        (None: nothing confirmed, counted as 未完成). 未到期 deducts nothing."""
        if status is None or status is CheckStatus.MISSED:
            return self.missed_share
        if status is CheckStatus.PARTIAL:
            return self.partial_share
        if status is CheckStatus.LATE:
            return self.late_share
        return Decimal(0)

    def bonus_for(self, level: CommendationLevel) -> Decimal:
        points = {
            CommendationLevel.NATIONAL: self.national_bonus,
            CommendationLevel.PROVINCIAL: self.provincial_bonus,
            CommendationLevel.CITY: self.city_bonus,
            CommendationLevel.COUNTY: self.county_bonus,
            CommendationLevel.COUNTY_DEPARTMENT: self.county_department_bonus,
        }
        return points[level]

    def year_total_of(self, totals: Iterable[Decimal]) -> Decimal:
        """The year's total (年底算账) of the halves a department was scored in: their
        average (to 0.01, half up) or their sum, as `year_total` says."""
        values = list(totals)
        total = sum(values, Decimal(0))
        if self.year_total is YearTotal.AVERAGE and values:
            total = round_half_up(total / len(values))
        return total

    def problems(self) -> list[str]:
        found = []
        if any(self.category_max(c) < 0 for c in SCORED_CATEGORIES):
            found.append("各类别满分不能为负数")
        if not (0 <= self.late_share <= self.partial_share <= self.missed_share <= 1):
            found.append("扣分比例应满足 0 ≤ 逾期完成 ≤ 部分完成 ≤ 未完成 ≤ 100%")
        bonuses = [self.bonus_for(level) for level in CommendationLevel]
        if any(b < 0 for b in bonuses) or bonuses != sorted(bonuses, reverse=True):
            found.append("表彰加分应为非负数，且级别越高分值不低于下一级")
        if self.bonus_cap < 0:
            found.append("加分上限不能为负数")
        if not (0 <= self.excellent_quota <= 1 and 0 <= self.good_quota <= 1):
            found.append("等次比例应在 0%–100% 之间")
        if not (self.excellent_min >= self.good_min >= self.poor_below >= 0):
            found.append("等次分数线应满足 优秀 ≥ 良好 ≥ 较差线 ≥ 0")
        return found

    def check(self) -> HalfYearRules:
        found = self.problems()
        if found:
            raise RulesError("；".join(found))
        return self

    def to_json(self) -> str:
        values = {k: str(v) for k, v in asdict(self).items()}
        values["year_total"] = self.year_total.value
        return json.dumps({"kind": "half_year", **values}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> HalfYearRules:
        """Rules written by this or an older version; unknown keys keep their defaults."""
        values = rules_values_from_json(text, cls, {"year_total": YearTotal})
        return replace(cls(), **values).check()

    def describe(self) -> list[tuple[str, str]]:
        """The scheme in words (the tab, the score-sheet PDF)."""
        maxima = "，".join(f"{c.label} {plain(self.category_max(c))}" for c in SCORED_CATEGORIES)
        levels = "，".join(f"{lv.label} {plain(self.bonus_for(lv))}" for lv in CommendationLevel)
        shares = (
            f"逾期完成 {percent(self.late_share)}、部分完成 {percent(self.partial_share)}、"
            f"未完成（含未录入）{percent(self.missed_share)}"
        )
        grades = (
            f"组内优秀不超过 {percent(self.excellent_quota)}（向下取整，至少 1 个）且总分 ≥ "
            f"{plain(self.excellent_min)}、无一票否决；良好为其后不超过 "
            f"{percent(self.good_quota)} 且 ≥ {plain(self.good_min)}；"
            f"低于 {plain(self.poor_below)} 为较差；其余一般；优秀即先进科室"
        )
        return [
            ("满分", f"{plain(self.base)} 分：{maxima}；各类别扣完为止"),
            ("台账扣分", f"按应查期间的认定结果扣任务分值的 {shares}"),
            (
                "表彰加分",
                f"{levels}；同一文号按最高级别计一次，加分合计不超过 {plain(self.bonus_cap)}",
            ),
            ("等次", grades),
            ("全年", self.year_total.label),
        ]
