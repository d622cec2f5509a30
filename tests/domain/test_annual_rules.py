"""domain/annual_rules: the 年度考核 scheme's numbers, their checks in the clerk's words,
and the JSON a year's scheme row keeps."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaohe_desktop.domain.annual_rules import ALLOWED_SHARES, STANDARD_SHARE, AnnualRules
from kaohe_desktop.domain.quarterly_rules import RulesError


def test_defaults_are_the_design() -> None:
    r = AnnualRules()
    assert (r.excellent_share, r.share_reason) == (D("0.2"), "")
    assert (r.principal_talks, r.other_talks, r.rotation_years, r.special_talk_days) == (
        D(2), D(1), D(5), D(30),
    )  # fmt: skip
    assert r.problems() == []
    assert D("0.2") == STANDARD_SHARE


def test_json_round_trip_keeps_every_value() -> None:
    rules = AnnualRules(
        excellent_share=D("0.25"),
        share_reason="市人社局〔2026〕12号",
        principal_talks=D(3),
        other_talks=D(2),
        rotation_years=D(6),
        special_talk_days=D(15),
    )
    text = rules.to_json()
    assert '"kind": "annual"' in text
    assert "市人社局〔2026〕12号" in text  # ensure_ascii=False: readable in the data file
    assert AnnualRules.from_json(text) == rules
    assert AnnualRules.from_json(AnnualRules().to_json()) == AnnualRules()


def test_json_from_an_older_version_keeps_defaults_and_skips_unknown_keys() -> None:
    rules = AnnualRules.from_json('{"kind": "annual", "rotation_years": "6", "later": 1}')
    assert rules == AnnualRules(rotation_years=D(6))


def test_share_of_30_percent_is_refused() -> None:
    rules = AnnualRules(excellent_share=D("0.3"), share_reason="局党组决定")
    assert rules.problems() == ["优秀比例只能是 15%、20%、25%，而不是 30%"]
    with pytest.raises(RulesError, match="而不是 30%"):
        rules.check()
    with pytest.raises(RulesError, match="而不是 30%"):
        AnnualRules.from_json('{"excellent_share": "0.3"}')


@pytest.mark.parametrize("share", ["0.25", "0.15"])
def test_other_share_without_reason_is_refused(share: str) -> None:
    percent = f"{int(D(share) * 100)}%"
    assert AnnualRules(excellent_share=D(share), share_reason="  ").problems() == [
        f"优秀比例 {percent} 须注明依据（文件或决定），否则按 20%"
    ]
    assert AnnualRules(excellent_share=D(share), share_reason="局党组会议纪要").problems() == []


def test_standard_share_needs_no_reason_and_equal_decimals_count() -> None:
    assert AnnualRules(excellent_share=D("0.20")).problems() == []
    assert D("0.250") in ALLOWED_SHARES


def test_talk_and_rotation_numbers_must_be_whole_and_in_range() -> None:
    rules = AnnualRules(
        principal_talks=D("2.5"), other_talks=D(13), rotation_years=D(0), special_talk_days=D(400)
    )
    assert rules.problems() == [
        "党政正职每年谈话次数应为 0–12 之间的整数，而不是 2.5",
        "其他人员每年谈话次数应为 0–12 之间的整数，而不是 13",
        "关键岗位轮岗年限应为 1–30 之间的整数，而不是 0",
        "专项谈话期限（天）应为 1–365 之间的整数，而不是 400",
    ]
    with pytest.raises(RulesError) as raised:
        rules.check()
    assert str(raised.value).count("；") == 3  # all four in one message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"excellent_share": "abc"}', "考核方案中的“excellent_share”无法读取：abc"),
        ('{"rotation_years": "NaN"}', "考核方案中的“rotation_years”无法读取：NaN"),
        ("[1]", "考核方案无法读取：内容不是一组设置"),
        ("{", "考核方案无法读取"),
    ],
)
def test_unreadable_json_names_the_key(text: str, message: str) -> None:
    with pytest.raises(RulesError, match=message):
        AnnualRules.from_json(text)


def test_describe_reads_as_the_clerk_would() -> None:
    lines = dict(AnnualRules().describe())
    assert list(lines) == ["优秀名额", "优秀资格", "不定等次", "谈心谈话", "交流轮岗"]
    assert lines["优秀名额"] == "参加考核人数的 20%（向下取整）"
    assert lines["谈心谈话"] == "党政正职每年不少于 2 次，其他人员不少于 1 次"
    assert lines["交流轮岗"] == "关键岗位在同一科室连续满 5 年"
    wider = dict(AnnualRules(excellent_share=D("0.25"), share_reason=" 市人社局文件 ").describe())
    assert wider["优秀名额"] == "参加考核人数的 25%（向下取整），依据：市人社局文件"


VALID = st.builds(
    AnnualRules,
    excellent_share=st.sampled_from(ALLOWED_SHARES),
    share_reason=st.text(min_size=1, max_size=20).filter(str.strip),
    principal_talks=st.integers(0, 12).map(D),
    other_talks=st.integers(0, 12).map(D),
    rotation_years=st.integers(1, 30).map(D),
    special_talk_days=st.integers(1, 365).map(D),
)


@settings(max_examples=200, deadline=None)
@given(VALID)
def test_any_valid_rules_round_trip(rules: AnnualRules) -> None:
    assert rules.problems() == []
    assert AnnualRules.from_json(rules.to_json()) == rules
