"""domain/scheme_fields.py: every setting of each scheme has a box, a value typed is read
or refused naming the setting, a problem of the whole scheme is placed beside the
setting at fault, and a change is said in words."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

import pytest

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, QuotaScope, RulesError
from kaohe_desktop.domain.scheme_fields import (
    ANNUAL_FIELDS,
    HALF_YEAR_FIELDS,
    QUARTERLY_FIELDS,
    SchemeField,
    field_changes,
    locate_problems,
)

FIELDS_OF: dict[type, tuple[SchemeField, ...]] = {
    QuarterlyRules: QUARTERLY_FIELDS,
    HalfYearRules: HALF_YEAR_FIELDS,
    AnnualRules: ANNUAL_FIELDS,
}


def covers_every_field(rules_type: type) -> bool:
    """Whether the form of `rules_type` has a box for each of its settings."""
    return {f.name for f in fields(rules_type)} == {f.name for f in FIELDS_OF[rules_type]}


QUOTA = next(f for f in QUARTERLY_FIELDS if f.name == "good_quota")
PRAISE = next(f for f in QUARTERLY_FIELDS if f.name == "praise_points")
TALKS = next(f for f in ANNUAL_FIELDS if f.name == "principal_talks")


@pytest.mark.parametrize("rules_type", [QuarterlyRules, HalfYearRules, AnnualRules])
def test_every_setting_has_a_box(rules_type: type) -> None:
    assert covers_every_field(rules_type)


def test_values_are_read_as_typed() -> None:
    assert QUOTA.parse("40") == Decimal("0.4")
    assert QUOTA.parse("４０％") == Decimal("0.4")  # a Chinese IME's digits and sign
    assert QUOTA.shown(Decimal("0.4")) == "40"
    assert PRAISE.parse(" 2.5 ") == Decimal("2.5")
    assert TALKS.parse("3") == Decimal(3)


@pytest.mark.parametrize(
    ("spec", "typed", "message"),
    [
        (QUOTA, "140", "“好”等次比例应在 0%–100% 之间，而不是 140%"),
        (QUOTA, "-5", "“好”等次比例应在 0%–100% 之间"),
        (QUOTA, "四十", "“好”等次比例：“四十”不是数字"),
        (PRAISE, "", "表扬加分：请填写"),
        (PRAISE, "nan", "表扬加分：“nan”不是数字"),
        (TALKS, "2.5", "党政正职每年谈话次数应为整数，而不是 2.5"),
    ],
)
def test_a_value_that_cannot_be_one_names_its_setting(
    spec: SchemeField, typed: str, message: str
) -> None:
    with pytest.raises(RulesError, match=message):
        spec.parse(typed)


def test_a_problem_of_the_whole_scheme_is_placed_beside_its_setting() -> None:
    weights = QuarterlyRules(performance_weight=Decimal("0.6"))
    assert locate_problems(QUARTERLY_FIELDS, weights) == [
        ("实绩分权重与领导测评分权重之和应为 100%，现为 110%", "leader_weight")
    ]
    bands = QuarterlyRules(fairly_good_min=Decimal(95))
    assert [at for _p, at in locate_problems(QUARTERLY_FIELDS, bands)] == ["average_min"]
    grades = HalfYearRules(good_min=Decimal(950))
    assert [at for _p, at in locate_problems(HALF_YEAR_FIELDS, grades)] == ["poor_below"]
    reason = AnnualRules(excellent_share=Decimal("0.25"))
    assert [at for _p, at in locate_problems(ANNUAL_FIELDS, reason)] == ["share_reason"]
    assert locate_problems(QUARTERLY_FIELDS, QuarterlyRules()) == []


def test_a_change_is_said_in_words() -> None:
    before = QuarterlyRules()
    after = QuarterlyRules(
        good_quota=Decimal("0.3"),
        quota_scope=QuotaScope.DEPARTMENT,
        praise_points=Decimal(3),
        ungraded_categories=("局领导",),
    )
    assert field_changes(QUARTERLY_FIELDS, before, after) == [
        ("表扬加分", "2 分", "3 分"),
        ("“好”等次比例", "40%", "30%"),
        ("名额范围", "全局统一", "按科室"),
        ("不参加平时考核的人员类别", "（空）", "局领导"),
    ]
    share = AnnualRules(excellent_share=Decimal("0.25"), share_reason="县委决定")
    assert field_changes(ANNUAL_FIELDS, AnnualRules(), share) == [
        ("优秀比例", "20%", "25%"),
        ("比例依据", "（空）", "县委决定"),
    ]
