"""What a 加减分 or 一票否决 entered by hand for a half year may hold (DESIGN §4, §6).

One place for the dialog, which checks as the clerk types, and for the scoring
service, which checks again inside its write: category, the sign of the points,
their range (no more than the category can lose, a bonus no more than the half's
cap), two decimals, the level of a bonus, 事由, 文号 and a date inside the half. Each
problem names its field, so a dialog can mark the field at fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from kaohe_desktop.domain.enums import AdjustmentCategory, CommendationLevel
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES, HalfYearRules
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.quarterly_rules import plain
from kaohe_desktop.domain.text_rules import DOC_NO, OVERRIDE_REASON, REASON, cleaned

HUNDREDTH = Decimal("0.01")


class EntryField(StrEnum):
    """The fields of the 加减分 / 一票否决 dialog."""

    DEPARTMENT = "department"
    CATEGORY = "category"
    POINTS = "points"
    LEVEL = "level"
    REASON = "reason"
    DOC_NO = "doc_no"
    DATE = "date"


@dataclass(frozen=True)
class EntryProblem:
    field: EntryField
    message: str


@dataclass(frozen=True)
class AdjustmentDraft:
    """A 扣分 (category one of the four scored, points negative) or a 表彰加分
    (category BONUS, a level, points positive; None takes the level's value)."""

    department_id: int
    category: AdjustmentCategory
    points: Decimal | None
    reason: str
    level: CommendationLevel | None = None
    doc_no: str | None = None
    on: date | None = None

    def cleaned(self) -> AdjustmentDraft:
        """Texts as they are stored (trimmed, invisible characters removed)."""
        doc_no = cleaned(DOC_NO, self.doc_no or "") or None
        return AdjustmentDraft(
            self.department_id,
            self.category,
            self.points,
            cleaned(REASON, self.reason),
            self.level,
            doc_no,
            self.on,
        )

    def points_for(self, rules: HalfYearRules) -> Decimal:
        """The points stored: as typed, or the level's value for a bonus left blank."""
        if self.points is not None:
            return self.points
        if self.category is AdjustmentCategory.BONUS and self.level is not None:
            return rules.bonus_for(self.level)
        raise ValueError("points missing")  # adjustment_problems refuses it first


@dataclass(frozen=True)
class VetoDraft:
    department_id: int
    reason: str
    doc_no: str | None = None
    on: date | None = None

    def cleaned(self) -> VetoDraft:
        doc_no = cleaned(DOC_NO, self.doc_no or "") or None
        return VetoDraft(self.department_id, cleaned(REASON, self.reason), doc_no, self.on)


def _text_problems(reason: str, doc_no: str | None) -> list[EntryProblem]:
    found = []
    if not reason:
        found.append(EntryProblem(EntryField.REASON, "事由不能为空"))
    else:
        too_long = REASON.problem(reason, "事由")
        if too_long is not None:
            found.append(EntryProblem(EntryField.REASON, too_long))
    if doc_no is not None:
        wrong = DOC_NO.problem(doc_no, "依据文号")
        if wrong is not None:
            found.append(EntryProblem(EntryField.DOC_NO, wrong))
    return found


def _date_problem(on: date | None, half: HalfYear) -> list[EntryProblem]:
    if on is None or half.start <= on <= half.end:
        return []
    return [
        EntryProblem(
            EntryField.DATE,
            f"日期 {on:%Y-%m-%d} 不在{half.label()}（{half.start:%m-%d} 至 {half.end:%m-%d}）内",
        )
    ]


def _points_problems(draft: AdjustmentDraft, rules: HalfYearRules) -> list[EntryProblem]:
    category, points = draft.category, draft.points
    if points is None:
        if category is AdjustmentCategory.BONUS:
            return []  # the level's value
        return [EntryProblem(EntryField.POINTS, f"请填写{category.label}的扣分分值（负数）")]
    if not points.is_finite() or points != points.quantize(HUNDREDTH):
        return [EntryProblem(EntryField.POINTS, f"分值 {points} 最多保留两位小数")]
    if category is AdjustmentCategory.BONUS:
        if points <= 0:
            return [EntryProblem(EntryField.POINTS, "表彰加分的分值应为正数")]
        if points > rules.bonus_cap:
            return [
                EntryProblem(
                    EntryField.POINTS,
                    f"表彰加分 {plain(points)} 超过半年加分上限 {plain(rules.bonus_cap)}",
                )
            ]
        return []
    if points >= 0:
        return [EntryProblem(EntryField.POINTS, f"{category.label}是扣分项，分值应为负数")]
    most = rules.category_max(category)
    if -points > most:
        return [
            EntryProblem(
                EntryField.POINTS,
                f"扣分 {plain(points)} 超过{category.label}满分 {plain(most)}",
            )
        ]
    return []


def adjustment_problems(
    draft: AdjustmentDraft, half: HalfYear, rules: HalfYearRules
) -> list[EntryProblem]:
    """Every problem of a (cleaned) draft, in the dialog's field order; [] when it may
    be saved. A 一票否决 is not a 加减分 (it has no points): it has its own draft."""
    category = draft.category
    if category is AdjustmentCategory.VETO:
        return [EntryProblem(EntryField.CATEGORY, "一票否决请在“一票否决”中录入，不计分值")]
    if category is not AdjustmentCategory.BONUS and category not in SCORED_CATEGORIES:
        return [EntryProblem(EntryField.CATEGORY, f"类别“{category}”不能录入")]
    found = _points_problems(draft, rules)
    if category is AdjustmentCategory.BONUS and draft.level is None:
        found.append(EntryProblem(EntryField.LEVEL, "表彰加分必须填写级别"))
    elif category is not AdjustmentCategory.BONUS and draft.level is not None:
        found.append(EntryProblem(EntryField.LEVEL, "只有表彰加分填写级别"))
    found += _text_problems(draft.reason, draft.doc_no)
    found += _date_problem(draft.on, half)
    return found


def veto_problems(draft: VetoDraft, half: HalfYear) -> list[EntryProblem]:
    return _text_problems(draft.reason, draft.doc_no) + _date_problem(draft.on, half)


def decision_problem(reason: str) -> str | None:
    """Why a 委员会裁定's reason cannot be taken (it goes into the record and the log)."""
    text = reason.strip()
    if not text:
        return "委员会裁定必须填写理由（将记入操作日志）"
    return OVERRIDE_REASON.problem(text, "裁定理由")
