"""The numbers of the 平时考核 scheme (DESIGN.md §4), one frozen value per quarter.

Every number the grading engine uses lives here, so a bureau whose scheme differs
changes data, not code. A quarter keeps the rules it started with: the service
writes them into the quarter's `scheme` row at its first score.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from kaohe_desktop.domain.enums import CommentKind, LabeledEnum

HUNDREDTH = Decimal("0.01")
SCORE_MIN = Decimal(0)
SCORE_MAX = Decimal(100)


class QuotaScope(LabeledEnum):
    """Who shares one 好 quota: the whole bureau (default) or each department."""

    BUREAU = ("bureau", "全局统一")
    DEPARTMENT = ("department", "按科室")


class RulesError(ValueError):
    """A scheme whose numbers do not make sense; the message is Chinese."""


class ScoreError(ValueError):
    """A score the clerk typed that cannot be taken; the message is Chinese."""


@dataclass(frozen=True)
class QuarterlyRules:
    performance_weight: Decimal = Decimal("0.5")  # 实绩分 50% (新余 practice)
    leader_weight: Decimal = Decimal("0.5")  # 领导测评分 50%
    praise_points: Decimal = Decimal("2")  # one 表扬 at the bi-weekly review
    criticism_points: Decimal = Decimal("-2")  # one 批评
    good_min: Decimal = Decimal("90")  # ≥ may be 好
    fairly_good_min: Decimal = Decimal("80")  # ≥ 较好
    average_min: Decimal = Decimal("60")  # ≥ 一般, below: 较差
    good_quota: Decimal = Decimal("0.4")  # 好 ≤ 40% of participants, rounded down
    quota_scope: QuotaScope = QuotaScope.BUREAU
    # 人员类别 not graded with the staff (the 局领导, assessed by the county's
    # organisation department): left off the quarter's roster, its quota and ranking.
    ungraded_categories: tuple[str, ...] = ()

    def problems(self) -> list[str]:
        found = []
        if self.performance_weight < 0 or self.leader_weight < 0:
            found.append("权重不能为负数")
        if self.performance_weight + self.leader_weight != 1:
            found.append(
                f"实绩分权重与领导测评分权重之和应为 100%，现为 "
                f"{percent(self.performance_weight + self.leader_weight)}"
            )
        if self.praise_points < 0:
            found.append("表扬加分不能为负数")
        if self.criticism_points > 0:
            found.append("批评减分应为负数或 0")
        if not (SCORE_MAX >= self.good_min > self.fairly_good_min > self.average_min >= 0):
            found.append("等次分数线应满足 100 ≥ 好 > 较好 > 一般 ≥ 0")
        if not (0 <= self.good_quota <= 1):
            found.append("好等次比例应在 0%–100% 之间")
        return found

    def check(self) -> QuarterlyRules:
        found = self.problems()
        if found:
            raise RulesError("；".join(found))
        return self

    def comment_points(self, kind: CommentKind) -> Decimal:
        return self.praise_points if kind is CommentKind.PRAISE else self.criticism_points

    def to_json(self) -> str:
        values: dict[str, Any] = {k: str(v) for k, v in asdict(self).items()}
        values["ungraded_categories"] = list(self.ungraded_categories)
        return json.dumps({"kind": "quarterly", **values}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> QuarterlyRules:
        """Rules written by this or an older version; keys it does not know are kept at
        their defaults so an older file still grades."""
        values = rules_values_from_json(
            text, cls, {"quota_scope": QuotaScope, "ungraded_categories": _category_names}
        )
        return replace(cls(), **values).check()

    def describe(self) -> list[tuple[str, str]]:
        """The scheme as the clerk reads it (the tab's 方案 line, the PDF's footnote)."""
        return [
            ("综合得分", f"实绩分 × {percent(self.performance_weight)} + 领导测评分 × "
             f"{percent(self.leader_weight)}"),
            ("点评", f"表扬 {signed(self.praise_points)}，批评 {signed(self.criticism_points)}"),
            ("分数线", f"好 ≥ {plain(self.good_min)}，较好 ≥ {plain(self.fairly_good_min)}，"
             f"一般 ≥ {plain(self.average_min)}"),
            ("好等次名额", f"参加考核人数的 {percent(self.good_quota)}（向下取整），"
             f"{self.quota_scope.label}"),
            *([("不参加平时考核", "、".join(self.ungraded_categories))]
              if self.ungraded_categories else []),
        ]  # fmt: skip


def _category_names(raw: Any) -> tuple[str, ...]:
    """ungraded_categories as stored: a JSON list of category names."""
    if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
        raise ValueError(raw)
    return tuple(raw)


def rules_values_from_json(
    text: str, rules_type: type[Any], enum_fields: Mapping[str, Callable[[Any], Any]]
) -> dict[str, Any]:
    """The field values a scheme's JSON gives for the dataclass `rules_type`: a field in
    `enum_fields` through its parser, every other one as a finite Decimal. Keys the type
    does not know are skipped, so rules written by an older version keep the defaults
    for what it lacked. Raises RulesError naming the key that cannot be read."""
    try:
        data: dict[str, Any] = json.loads(text)
    except ValueError as error:
        raise RulesError(f"考核方案无法读取：{error}") from None
    if not isinstance(data, dict):
        raise RulesError("考核方案无法读取：内容不是一组设置")
    known = {f.name for f in fields(rules_type)}
    values: dict[str, Any] = {}
    key, raw = "", None
    try:
        for key, raw in data.items():
            if key not in known:
                continue
            parse = enum_fields.get(key)
            value = parse(raw) if parse is not None else Decimal(str(raw))
            # NaN would make problems() raise InvalidOperation instead of listing it.
            if isinstance(value, Decimal) and not value.is_finite():
                raise ValueError(raw)
            values[key] = value
    except (ValueError, InvalidOperation):
        raise RulesError(f"考核方案中的“{key}”无法读取：{raw}") from None
    return values


def round_half_up(value: Decimal, places: Decimal = HUNDREDTH) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def floor_int(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def two_decimals(value: Decimal) -> str:
    """A 综合得分 as the grid, its dialogs and refusals show it: always two decimals
    (86.30, not 86.3), as the rule rounds it; the half year's 912.50 too. Never "-0.00"."""
    text = f"{value.quantize(HUNDREDTH):f}"
    return "0.00" if text == "-0.00" else text


def signed(value: Decimal) -> str:
    return "0" if value == 0 else f"{value.normalize():+f}"


def percent(value: Decimal) -> str:
    return f"{plain(value * 100)}%"


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")


def score_from_text(text: str, label: str = "分数") -> Decimal | None:
    """A 实绩分 or 领导测评分 as typed or pasted: 0–100 with at most one decimal.
    Empty means "not scored yet". Full-width digits (a Chinese IME) are taken."""
    cleaned = str(text).strip().translate(_FULL_WIDTH)
    if not cleaned:
        return None
    if not _NUMBER.match(cleaned):
        raise ScoreError(f"{label}“{text}”不是数字，应填 0–100 之间的分数，如 86.5")
    return check_score(Decimal(cleaned), label)


def check_score(value: Decimal, label: str = "分数") -> Decimal:
    if not (SCORE_MIN <= value <= SCORE_MAX):
        raise ScoreError(f"{label} {plain(value)} 超出范围，应在 0–100 之间")
    if value != value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP):
        raise ScoreError(f"{label} {plain(value)} 最多保留一位小数")
    return value.quantize(Decimal("0.1"))
