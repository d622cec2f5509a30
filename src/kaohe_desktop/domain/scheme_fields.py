"""Every setting of a period's scheme as the clerk reads and types it: its name, how it
is shown (a share as "40%", points as "2") and read back from what was typed.

One list per kind of scheme (季度 / 半年 / 年度) in the order of the editor's form. The
scheme editor builds its form from these, reads each field as typed (`parse`, refusing
in words naming the field), and the audit log's line of a change names the fields that
changed with both values (`field_changes`), in the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from kaohe_desktop.domain.annual_rules import ALLOWED_SHARES
from kaohe_desktop.domain.half_year_rules import YearTotal
from kaohe_desktop.domain.quarterly_rules import (
    QuotaScope,
    RulesError,
    percent,
    plain,
)


class FieldKind(Enum):
    PERCENT = "percent"  # stored as a share (0.4), typed and shown as 40
    NUMBER = "number"  # points, scores
    WHOLE = "whole"  # a count of talks, years, days
    CHOICE = "choice"  # one of `choices`
    TEXT = "text"
    NAMES = "names"  # a set of 人员类别 names


@dataclass(frozen=True)
class SchemeField:
    name: str  # the rules dataclass field
    label: str  # the clerk's words, used by the form and the audit log
    kind: FieldKind
    unit: str = ""  # shown after the box: %, 分, 次, 年, 天
    group: str = ""  # the form's section
    choices: tuple[tuple[Any, str], ...] = ()  # (value, label) of a CHOICE
    hint: str = ""  # the tooltip: what the number means

    def shown(self, value: Any) -> str:
        """The value as the form's box holds it (a share without its % sign)."""
        if self.kind is FieldKind.PERCENT:
            return plain(Decimal(value) * 100)
        if self.kind in (FieldKind.NUMBER, FieldKind.WHOLE):
            return plain(Decimal(value))
        if self.kind is FieldKind.NAMES:
            return "、".join(value)
        if self.kind is FieldKind.CHOICE:
            return next((label for v, label in self.choices if v == value), str(value))
        return str(value)

    def in_words(self, value: Any) -> str:
        """The value in the audit log's words: 40%, 2 分, (空)."""
        if self.kind is FieldKind.PERCENT:
            return percent(Decimal(value))
        if self.kind is FieldKind.CHOICE and isinstance(value, Decimal):
            return percent(value)
        text = self.shown(value)
        if not text:
            return "（空）"
        return f"{text} {self.unit}" if self.unit and self.unit != "%" else text

    def parse(self, text: str) -> Any:
        """The value of what was typed (NUMBER, WHOLE, PERCENT, TEXT); RulesError naming
        the field when it cannot be one. Ranges across fields are the rules' own
        check (problems())."""
        if self.kind is FieldKind.TEXT:
            return text.strip()
        cleaned = text.strip().translate(_FULL_WIDTH).removesuffix("%").strip()
        if not cleaned:
            raise RulesError(f"{self.label}：请填写")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise RulesError(f"{self.label}：“{text.strip()}”不是数字") from None
        if not value.is_finite():
            raise RulesError(f"{self.label}：“{text.strip()}”不是数字")
        if self.kind is FieldKind.PERCENT:
            if not 0 <= value <= 100:
                raise RulesError(f"{self.label}应在 0%–100% 之间，而不是 {plain(value)}%")
            return value / 100
        if self.kind is FieldKind.WHOLE and value != value.to_integral_value():
            raise RulesError(f"{self.label}应为整数，而不是 {plain(value)}")
        return value


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋％", "0123456789.-+%")

_P, _N, _W = FieldKind.PERCENT, FieldKind.NUMBER, FieldKind.WHOLE

QUARTERLY_FIELDS: tuple[SchemeField, ...] = (
    SchemeField("performance_weight", "实绩分权重", _P, "%", "综合得分"),
    SchemeField("leader_weight", "领导测评分权重", _P, "%", "综合得分",
                hint="两项权重之和应为 100%"),
    SchemeField("praise_points", "表扬加分", _N, "分", "点评", hint="每次表扬加的分数"),
    SchemeField("criticism_points", "批评减分", _N, "分", "点评",
                hint="每次批评减的分数，填负数，如 -2"),
    SchemeField("good_min", "“好”分数线", _N, "分", "分数线", hint="综合得分不低于此分可评“好”"),
    SchemeField("fairly_good_min", "“较好”分数线", _N, "分", "分数线"),
    SchemeField("average_min", "“一般”分数线", _N, "分", "分数线", hint="低于此分为“较差”"),
    SchemeField("good_quota", "“好”等次比例", _P, "%", "好等次名额",
                hint="“好”不超过参加考核人数的此比例（向下取整）"),
    SchemeField("quota_scope", "名额范围", FieldKind.CHOICE, "", "好等次名额",
                tuple((scope, scope.label) for scope in QuotaScope)),
    SchemeField("ungraded_categories", "不参加平时考核的人员类别", FieldKind.NAMES, "",
                "参加人员", hint="勾选的人员类别不列入本季度的考核、名额和排名（如局领导）"),
)  # fmt: skip

HALF_YEAR_FIELDS: tuple[SchemeField, ...] = (
    SchemeField("business_max", "业务工作满分", _N, "分", "满分"),
    SchemeField("integrity_max", "党风廉政满分", _N, "分", "满分"),
    SchemeField("civility_max", "精神文明满分", _N, "分", "满分"),
    SchemeField("attendance_max", "考勤满分", _N, "分", "满分"),
    SchemeField("late_share", "逾期完成扣分比例", _P, "%", "台账扣分", hint="扣任务分值的比例"),
    SchemeField("partial_share", "部分完成扣分比例", _P, "%", "台账扣分"),
    SchemeField("missed_share", "未完成扣分比例", _P, "%", "台账扣分", hint="含未录入核查结果"),
    SchemeField("national_bonus", "国家级表彰加分", _N, "分", "表彰加分"),
    SchemeField("provincial_bonus", "省级表彰加分", _N, "分", "表彰加分"),
    SchemeField("city_bonus", "市级表彰加分", _N, "分", "表彰加分"),
    SchemeField("county_bonus", "县委县政府表彰加分", _N, "分", "表彰加分"),
    SchemeField("county_department_bonus", "县直部门表彰加分", _N, "分", "表彰加分"),
    SchemeField("bonus_cap", "加分上限", _N, "分", "表彰加分", hint="半年的表彰加分合计至多"),
    SchemeField("excellent_quota", "优秀比例", _P, "%", "等次",
                hint="组内优秀不超过此比例（向下取整，至少 1 个）"),
    SchemeField("excellent_min", "优秀最低总分", _N, "分", "等次"),
    SchemeField("good_quota", "良好比例", _P, "%", "等次"),
    SchemeField("good_min", "良好最低总分", _N, "分", "等次"),
    SchemeField("poor_below", "较差线", _N, "分", "等次", hint="总分低于此分为较差"),
    SchemeField("year_total", "全年总分", FieldKind.CHOICE, "", "全年",
                tuple((total, total.label) for total in YearTotal)),
)  # fmt: skip

ANNUAL_FIELDS: tuple[SchemeField, ...] = (
    SchemeField("excellent_share", "优秀比例", FieldKind.CHOICE, "", "优秀名额",
                tuple((share, percent(share)) for share in ALLOWED_SHARES),
                hint="一般为 20%；15% 或 25% 须注明依据"),
    SchemeField("share_reason", "比例依据", FieldKind.TEXT, "", "优秀名额",
                hint="文件文号或决定，如 县考核委员会〔2026〕3号"),
    SchemeField("principal_talks", "党政正职每年谈话次数", _W, "次", "谈心谈话"),
    SchemeField("other_talks", "其他人员每年谈话次数", _W, "次", "谈心谈话"),
    SchemeField("special_talk_days", "专项谈话期限", _W, "天", "谈心谈话",
                hint="事由发生后多少天内须完成专项谈话"),
    SchemeField("rotation_years", "关键岗位轮岗年限", _W, "年", "交流轮岗"),
)  # fmt: skip

# The annual 优秀 share stays open after the year is frozen: it is decided during the
# year (a county decision for 15% / 25% may come at year end) and checked against the
# recommendations already made, so changing it rescores nothing by surprise.
ANNUAL_OPEN_FIELDS = frozenset({"excellent_share", "share_reason"})


def field_changes(
    form: Sequence[SchemeField], before: object, after: object
) -> list[tuple[str, str, str]]:
    """(label, before, after) in words of each field of `form` that differs."""
    return [
        (f.label, f.in_words(getattr(before, f.name)), f.in_words(getattr(after, f.name)))
        for f in form
        if getattr(before, f.name) != getattr(after, f.name)
    ]


def locate_problems(form: Sequence[SchemeField], rules: Any) -> list[tuple[str, str | None]]:
    """Each of rules.problems() with the field to show it beside: the last field of the
    form's group (权重, 分数线 …) whose default values make it go away; None when no
    one group is at fault."""
    defaults = type(rules)()
    groups: dict[str, list[str]] = {}
    for spec in form:
        groups.setdefault(spec.group, []).append(spec.name)
    located: list[tuple[str, str | None]] = []
    for problem in rules.problems():
        at = None
        for names in groups.values():
            trial = replace(rules, **{name: getattr(defaults, name) for name in names})
            if problem not in trial.problems():
                at = names[-1]
                break
        located.append((problem, at))
    return located
