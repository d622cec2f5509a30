from collections.abc import Callable
from datetime import date

import pytest

from kaohe_desktop.domain.periods import (
    HalfYear,
    Month,
    PeriodError,
    Quarter,
    Year,
    closable_periods,
    locks,
    parse_check_period,
    parse_half,
    parse_period,
    parse_quarter,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026", Year(2026)),
        ("2026H1", HalfYear(2026, 1)),
        ("2026h2", HalfYear(2026, 2)),
        ("2026Q2", Quarter(2026, 2)),
        (" 2026q4 ", Quarter(2026, 4)),
        ("2026-05", Month(2026, 5)),
        ("2026-5", Month(2026, 5)),
    ],
)
def test_parse_accepts_each_kind(text: str, value: object) -> None:
    assert parse_period(text) == value


@pytest.mark.parametrize("value", [Year(2026), HalfYear(2026, 1), Quarter(2026, 2), Month(2026, 5)])
def test_format_round_trips(value: object) -> None:
    assert parse_period(str(value)) == value


def test_text_forms() -> None:
    assert str(HalfYear(2026, 1)) == "2026H1"
    assert str(Quarter(2026, 2)) == "2026Q2"
    assert str(Month(2026, 5)) == "2026-05"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026Q5",
        "2026Q0",
        "2026H3",
        "2026-13",
        "2026-00",
        "26Q1",
        "二〇二六",
        "2026 Q1",
        "1999Q1",
        "Q2 2026",
        "2026-05-01",
    ],
)
def test_bad_strings_are_refused_with_a_chinese_message(text: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert "期间" in str(info.value) or "超出范围" in str(info.value)


def test_kind_specific_parsers_refuse_other_kinds() -> None:
    assert parse_half("2026H2") == HalfYear(2026, 2)
    assert parse_quarter("2026Q3") == Quarter(2026, 3)
    assert parse_check_period("2026-07") == Month(2026, 7)
    with pytest.raises(PeriodError):
        parse_half("2026Q1")
    with pytest.raises(PeriodError):
        parse_quarter("2026H1")
    with pytest.raises(PeriodError):
        parse_check_period("2026H1")


@pytest.mark.parametrize(
    ("parse", "text", "wording"),
    [
        (parse_check_period, "2026Q5", "查账期间“2026Q5”应为季度（2026Q2）或月份（2026-05）"),
        (parse_check_period, "2026年5月", "查账期间“2026年5月”应为季度（2026Q2）或月份（2026-05）"),
        (parse_quarter, "2026Q0", "“2026Q0”不是季度期间，应写作 2026Q1–2026Q4"),
        (parse_half, "2026H3", "“2026H3”不是半年期间，应写作 2026H1 或 2026H2"),
    ],
    ids=["check-no-such-quarter", "check-in-words", "no-such-quarter", "no-such-half"],
)
def test_a_kind_specific_parser_names_its_own_kind_for_text_it_cannot_read(
    parse: Callable[[str], object], text: str, wording: str
) -> None:
    # Not "应写作 2026、2026H1、2026Q2、2026-05", which offers kinds the caller refuses.
    with pytest.raises(PeriodError) as info:
        parse(text)
    assert str(info.value) == wording


def test_bounds_and_containment() -> None:
    q = Quarter(2026, 1)
    assert (q.start, q.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert Quarter(2028, 1).months()[1].end == date(2028, 2, 29)
    assert HalfYear(2026, 2).quarters() == [Quarter(2026, 3), Quarter(2026, 4)]
    assert Quarter.containing(date(2026, 8, 15)) == Quarter(2026, 3)
    assert Month(2026, 11).quarter == Quarter(2026, 4)
    assert Quarter(2026, 3).half == HalfYear(2026, 2)
    assert sorted([Quarter(2026, 3), Quarter(2025, 4), Quarter(2026, 1)]) == [
        Quarter(2025, 4),
        Quarter(2026, 1),
        Quarter(2026, 3),
    ]


def test_labels_are_chinese() -> None:
    assert Quarter(2026, 2).label() == "2026年第二季度"
    assert HalfYear(2026, 1).label() == "2026年上半年"
    assert Month(2026, 5).label() == "2026年5月"


def test_a_closed_period_locks_the_periods_wholly_inside_it() -> None:
    assert [str(p) for p in closable_periods(2026)] == [
        "2026Q1", "2026Q2", "2026Q3", "2026Q4", "2026H1", "2026H2", "2026",
    ]  # fmt: skip
    half, quarter, year = parse_period("2026H1"), parse_period("2026Q2"), parse_period("2026")
    assert locks(half, quarter) and locks(year, half) and locks(half, parse_period("2026-05"))
    assert not locks(quarter, half)  # closing a quarter leaves the half-year scores open
    assert not locks(half, parse_period("2026Q3"))
    assert not locks(half, half)  # a period is closed by its own close, not "locked with"
