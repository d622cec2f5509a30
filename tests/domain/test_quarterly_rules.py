"""domain/quarterly_rules: the 平时考核 scheme's defaults (DESIGN.md §4), its checks in
Chinese, its JSON form frozen into a quarter, and a score as the clerk types it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import Decimal as D

import pytest

from kaohe_desktop.domain.enums import CommentKind
from kaohe_desktop.domain.quarterly_rules import (
    QuarterlyRules,
    QuotaScope,
    RulesError,
    ScoreError,
    check_score,
    percent,
    plain,
    round_half_up,
    score_from_text,
    signed,
)

DEFAULTS = QuarterlyRules()


def test_defaults_are_the_scheme_of_design_section_4() -> None:
    assert (DEFAULTS.performance_weight, DEFAULTS.leader_weight) == (D("0.5"), D("0.5"))
    assert (DEFAULTS.praise_points, DEFAULTS.criticism_points) == (D(2), D(-2))
    assert (DEFAULTS.good_min, DEFAULTS.fairly_good_min, DEFAULTS.average_min) == (
        D(90), D(80), D(60),
    )  # fmt: skip
    assert DEFAULTS.good_quota == D("0.4")
    assert DEFAULTS.quota_scope is QuotaScope.BUREAU
    assert DEFAULTS.problems() == []
    assert DEFAULTS.check() is DEFAULTS


def test_comment_points_by_kind() -> None:
    assert DEFAULTS.comment_points(CommentKind.PRAISE) == D(2)
    assert DEFAULTS.comment_points(CommentKind.CRITICISM) == D(-2)
    rules = QuarterlyRules(praise_points=D("1.5"), criticism_points=D(-3))
    assert rules.comment_points(CommentKind.PRAISE) == D("1.5")
    assert rules.comment_points(CommentKind.CRITICISM) == D(-3)


def test_describe_reads_as_the_clerk_would_write_it() -> None:
    assert DEFAULTS.describe() == [
        ("综合得分", "实绩分 × 50% + 领导测评分 × 50%"),
        ("点评", "表扬 +2，批评 -2"),
        ("分数线", "好 ≥ 90，较好 ≥ 80，一般 ≥ 60"),
        ("好等次名额", "参加考核人数的 40%（向下取整），全局统一"),
    ]
    other = QuarterlyRules(
        performance_weight=D("0.6"),
        leader_weight=D("0.4"),
        good_quota=D("0.25"),
        quota_scope=QuotaScope.DEPARTMENT,
    )
    assert other.describe()[0] == ("综合得分", "实绩分 × 60% + 领导测评分 × 40%")
    assert other.describe()[3] == ("好等次名额", "参加考核人数的 25%（向下取整），按科室")


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"performance_weight": D("0.6")}, "实绩分权重与领导测评分权重之和应为 100%，现为 110%"),
        ({"leader_weight": D("0.4")}, "实绩分权重与领导测评分权重之和应为 100%，现为 90%"),
        ({"performance_weight": D("-0.5"), "leader_weight": D("1.5")}, "权重不能为负数"),
        ({"praise_points": D(-1)}, "表扬加分不能为负数"),
        ({"criticism_points": D(1)}, "批评减分应为负数或 0"),
        ({"good_min": D(80)}, "等次分数线应满足 100 ≥ 好 > 较好 > 一般 ≥ 0"),
        ({"good_min": D(101)}, "等次分数线应满足 100 ≥ 好 > 较好 > 一般 ≥ 0"),
        ({"fairly_good_min": D(60)}, "等次分数线应满足 100 ≥ 好 > 较好 > 一般 ≥ 0"),
        ({"average_min": D(-1)}, "等次分数线应满足 100 ≥ 好 > 较好 > 一般 ≥ 0"),
        ({"good_quota": D("1.5")}, "好等次比例应在 0%–100% 之间"),
        ({"good_quota": D("-0.1")}, "好等次比例应在 0%–100% 之间"),
    ],
)
def test_each_problem_is_named(changes: dict[str, D], problem: str) -> None:
    rules = replace(DEFAULTS, **changes)
    assert rules.problems() == [problem]
    with pytest.raises(RulesError, match=re.escape(problem)):
        rules.check()


def test_the_extremes_are_allowed() -> None:
    rules = QuarterlyRules(
        performance_weight=D(0),
        leader_weight=D(1),
        praise_points=D(0),
        criticism_points=D(0),
        good_min=D(100),
        average_min=D(0),
        good_quota=D(0),
    )
    assert rules.problems() == []
    assert replace(rules, good_quota=D(1)).problems() == []


def test_every_problem_at_once() -> None:
    rules = QuarterlyRules(praise_points=D(-1), good_quota=D(2))
    with pytest.raises(RulesError) as raised:
        rules.check()
    assert str(raised.value) == "表扬加分不能为负数；好等次比例应在 0%–100% 之间"


def test_json_round_trip() -> None:
    rules = QuarterlyRules(
        performance_weight=D("0.45"),
        leader_weight=D("0.55"),
        praise_points=D("1.5"),
        criticism_points=D("-3"),
        good_min=D("92"),
        fairly_good_min=D("82.5"),
        average_min=D("65"),
        good_quota=D("0.3"),
        quota_scope=QuotaScope.DEPARTMENT,
    )
    text = rules.to_json()
    assert json.loads(text)["kind"] == "quarterly"
    assert json.loads(text)["quota_scope"] == "department"
    assert QuarterlyRules.from_json(text) == rules
    assert QuarterlyRules.from_json(DEFAULTS.to_json()) == DEFAULTS


def test_json_keeps_numbers_exact() -> None:
    # "0.1" must not become the float 0.1000000000000000055…
    assert json.loads(QuarterlyRules(good_quota=D("0.1")).to_json())["good_quota"] == "0.1"


def test_unknown_keys_are_ignored_and_missing_keys_default() -> None:
    text = json.dumps({"kind": "quarterly", "good_quota": "0.3", "from_a_newer_version": 7})
    assert QuarterlyRules.from_json(text) == QuarterlyRules(good_quota=D("0.3"))
    assert QuarterlyRules.from_json("{}") == DEFAULTS


def test_json_numbers_are_taken_too() -> None:
    assert QuarterlyRules.from_json('{"good_quota": 0.3}').good_quota == D("0.3")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "考核方案无法读取"),
        ("[]", "考核方案无法读取"),
        ("null", "考核方案无法读取"),
        ('{"good_quota": "四成"}', "考核方案中的“good_quota”无法读取"),
        ('{"good_quota": null}', "考核方案中的“good_quota”无法读取"),
        ('{"good_quota": "NaN"}', "考核方案中的“good_quota”无法读取"),
        ('{"leader_weight": "Infinity"}', "考核方案中的“leader_weight”无法读取"),
        ('{"quota_scope": "county"}', "考核方案中的“quota_scope”无法读取"),
        ('{"good_quota": "2"}', "好等次比例应在 0%–100% 之间"),
        ('{"performance_weight": "0.6"}', "之和应为 100%"),
    ],
)
def test_bad_json_is_a_rules_error(text: str, message: str) -> None:
    with pytest.raises(RulesError, match=re.escape(message)):
        QuarterlyRules.from_json(text)


# --- a score as typed ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("86", D("86.0")),
        ("86.5", D("86.5")),
        ("８６．５", D("86.5")),  # full-width, as a Chinese IME types it
        (" 90 ", D("90.0")),
        ("\u300090\u3000", D("90.0")),  # ideographic spaces
        ("0", D("0.0")),
        ("100", D("100.0")),
        ("100.0", D("100.0")),
        ("86.50", D("86.5")),  # a trailing zero is not a second decimal
        (".5", D("0.5")),
        ("+86", D("86.0")),
    ],
)
def test_scores_that_are_taken(text: str, expected: D) -> None:
    score = score_from_text(text)
    assert score == expected
    assert score is not None and str(score) == str(expected)  # one decimal kept


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_empty_means_not_scored(text: str) -> None:
    assert score_from_text(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("86.55", "实绩分 86.55 最多保留一位小数"),
        ("101", "实绩分 101 超出范围，应在 0–100 之间"),
        ("100.1", "实绩分 100.1 超出范围，应在 0–100 之间"),
        ("-1", "实绩分 -1 超出范围，应在 0–100 之间"),
        ("abc", "实绩分“abc”不是数字，应填 0–100 之间的分数，如 86.5"),
        ("8 6", "实绩分“8 6”不是数字"),
        ("1e2", "实绩分“1e2”不是数字"),
        ("86,5", "实绩分“86,5”不是数字"),
        ("NaN", "实绩分“NaN”不是数字"),
    ],
)
def test_scores_that_are_refused_say_why(text: str, message: str) -> None:
    with pytest.raises(ScoreError) as raised:
        score_from_text(text, "实绩分")
    assert str(raised.value).startswith(message)


def test_the_label_defaults_to_score() -> None:
    with pytest.raises(ScoreError, match=r"^分数 101 超出范围"):
        score_from_text("101")


def test_check_score_on_numbers() -> None:
    assert check_score(D("86.50"), "领导测评分") == D("86.5")
    with pytest.raises(ScoreError, match=re.escape("领导测评分 86.55 最多保留一位小数")):
        check_score(D("86.55"), "领导测评分")
    with pytest.raises(ScoreError, match=re.escape("领导测评分 100.5 超出范围")):
        check_score(D("100.5"), "领导测评分")


def test_number_helpers() -> None:
    assert round_half_up(D("88.425")) == D("88.43")
    assert round_half_up(D("88.415")) == D("88.42")
    assert round_half_up(D("2.5"), D(1)) == D(3)
    assert [plain(D("90.0")), plain(D("82.50")), plain(D("100"))] == ["90", "82.5", "100"]
    assert [signed(D(2)), signed(D("-2.0")), signed(D(0))] == ["+2", "-2", "0"]
    assert [percent(D("0.4")), percent(D("0.125")), percent(D(1))] == ["40%", "12.5%", "100%"]
