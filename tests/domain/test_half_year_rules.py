"""domain/half_year_rules: the 半年考核 scheme's defaults (DESIGN.md §4), its checks in
Chinese, its JSON form frozen into a half, and the scheme in words."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal as D
from typing import Any

import pytest

from kaohe_desktop.domain.enums import AdjustmentCategory, CheckStatus, CommendationLevel
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES, HalfYearRules, YearTotal
from kaohe_desktop.domain.quarterly_rules import RulesError

DEFAULTS = HalfYearRules()


def test_defaults_are_the_scheme_of_design_section_4() -> None:
    assert SCORED_CATEGORIES == (
        AdjustmentCategory.BUSINESS, AdjustmentCategory.INTEGRITY,
        AdjustmentCategory.CIVILITY, AdjustmentCategory.ATTENDANCE,
    )  # fmt: skip
    assert [DEFAULTS.category_max(c) for c in SCORED_CATEGORIES] == [D(700), D(100), D(100), D(100)]
    assert DEFAULTS.base == D(1000)
    assert [DEFAULTS.bonus_for(level) for level in CommendationLevel] == [
        D(30), D(20), D(15), D(10), D(5),
    ]  # fmt: skip
    assert DEFAULTS.bonus_cap == D(50)
    assert (DEFAULTS.excellent_quota, DEFAULTS.excellent_min) == (D("0.2"), D(900))
    assert (DEFAULTS.good_quota, DEFAULTS.good_min, DEFAULTS.poor_below) == (
        D("0.4"), D(800), D(600),
    )  # fmt: skip
    assert DEFAULTS.year_total is YearTotal.AVERAGE
    assert DEFAULTS.problems() == [] and DEFAULTS.check() is DEFAULTS


@pytest.mark.parametrize(
    ("status", "share"),
    [
        (CheckStatus.DONE, D(0)),
        (CheckStatus.LATE, D("0.3")),
        (CheckStatus.PARTIAL, D("0.5")),
        (CheckStatus.MISSED, D(1)),
        (None, D(1)),  # nothing confirmed: counted as 未完成
        (CheckStatus.NOT_DUE, D(0)),
    ],
)
def test_the_share_deducted_per_status(status: CheckStatus | None, share: D) -> None:
    assert DEFAULTS.share(status) == share


def test_category_max_refuses_what_is_not_scored() -> None:
    with pytest.raises(KeyError):
        DEFAULTS.category_max(AdjustmentCategory.BONUS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"civility_max": D(-1)}, "各类别满分不能为负数"),
        ({"late_share": D("0.6")}, "扣分比例应满足 0 ≤ 逾期完成 ≤ 部分完成 ≤ 未完成 ≤ 100%"),
        ({"missed_share": D("1.1")}, "扣分比例应满足"),
        ({"city_bonus": D(25)}, "表彰加分应为非负数，且级别越高分值不低于下一级"),
        ({"county_department_bonus": D(-1)}, "表彰加分应为非负数"),
        ({"bonus_cap": D(-5)}, "加分上限不能为负数"),
        ({"good_quota": D("1.5")}, "等次比例应在 0%–100% 之间"),
        ({"good_min": D(950)}, "等次分数线应满足 优秀 ≥ 良好 ≥ 较差线 ≥ 0"),
        ({"poor_below": D(-1)}, "等次分数线应满足"),
    ],
)
def test_each_problem_is_named_in_chinese(change: dict[str, Any], message: str) -> None:
    rules = replace(DEFAULTS, **change)
    (found,) = rules.problems()
    assert found.startswith(message)
    with pytest.raises(RulesError, match=message):
        rules.check()


def test_several_problems_are_named_together() -> None:
    rules = replace(DEFAULTS, bonus_cap=D(-1), integrity_max=D(-1))
    with pytest.raises(RulesError, match="各类别满分不能为负数；加分上限不能为负数"):
        rules.check()


def test_json_round_trips_and_names_its_kind() -> None:
    rules = replace(
        DEFAULTS, business_max=D("650.5"), late_share=D("0.25"), year_total=YearTotal.SUM
    )
    text = rules.to_json()
    data = json.loads(text)
    assert data["kind"] == "half_year"
    assert (data["business_max"], data["year_total"]) == ("650.5", "sum")
    assert HalfYearRules.from_json(text) == rules
    assert HalfYearRules.from_json(DEFAULTS.to_json()) == DEFAULTS


def test_json_of_an_older_or_newer_version_keeps_the_defaults_for_what_it_lacks() -> None:
    rules = HalfYearRules.from_json('{"kind": "half_year", "bonus_cap": "40", "future": 1}')
    assert rules == replace(DEFAULTS, bonus_cap=D(40))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "考核方案无法读取："),
        ("[1, 2]", "考核方案无法读取：内容不是一组设置"),
        ('{"bonus_cap": "很多"}', "考核方案中的“bonus_cap”无法读取：很多"),
        ('{"bonus_cap": "NaN"}', "考核方案中的“bonus_cap”无法读取：NaN"),
        ('{"good_min": null}', "考核方案中的“good_min”无法读取：None"),
        ('{"year_total": "median"}', "考核方案中的“year_total”无法读取：median"),
        ('{"good_min": "950"}', "等次分数线应满足"),  # read, then checked
    ],
)
def test_unreadable_json_is_refused_in_chinese(text: str, message: str) -> None:
    with pytest.raises(RulesError, match=message):
        HalfYearRules.from_json(text)


def test_the_scheme_in_words_names_every_number() -> None:
    words = dict(DEFAULTS.describe())
    assert list(words) == ["满分", "台账扣分", "表彰加分", "等次", "全年"]
    assert (
        words["满分"]
        == "1000 分：业务工作 700，党风廉政 100，精神文明 100，考勤 100；各类别扣完为止"
    )
    assert "逾期完成 30%" in words["台账扣分"] and "未完成（含未录入）100%" in words["台账扣分"]
    assert words["表彰加分"].startswith("国家级 30，省级 20，市级 15，县委县政府 10，县直部门 5")
    assert "加分合计不超过 50" in words["表彰加分"]
    assert "优秀不超过 20%（向下取整，至少 1 个）且总分 ≥ 900" in words["等次"]
    assert "良好为其后不超过 40% 且 ≥ 800；低于 600 为较差" in words["等次"]
    assert words["全年"] == "两个半年的平均分"
    changed = dict(replace(DEFAULTS, bonus_cap=D(30), year_total=YearTotal.SUM).describe())
    assert "加分合计不超过 30" in changed["表彰加分"] and changed["全年"] == "两个半年之和"
