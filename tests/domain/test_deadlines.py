"""完成时限 in the clerk's words → deadline windows and due periods."""

from __future__ import annotations

from datetime import date

import pytest

from kaohe_desktop.domain.deadlines import DeadlineError, Recurrence, parse_deadline
from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.periods import Month, Quarter

ONCE, QUARTERLY, MONTHLY = Recurrence.ONCE, Recurrence.QUARTERLY, Recurrence.MONTHLY

# text → (first month, last month, recurrence, due date, is a range)
GOOD = [
    ("5-6月", 5, 6, ONCE, date(2026, 6, 30), True),
    ("5 - 6 月", 5, 6, ONCE, date(2026, 6, 30), True),
    ("5—6月", 5, 6, ONCE, date(2026, 6, 30), True),
    ("5~6月", 5, 6, ONCE, date(2026, 6, 30), True),
    ("5～6月份", 5, 6, ONCE, date(2026, 6, 30), True),
    ("五至六月", 5, 6, ONCE, date(2026, 6, 30), True),
    ("7到9月底前", 7, 9, ONCE, date(2026, 9, 30), True),
    ("10-12月", 10, 12, ONCE, date(2026, 12, 31), True),
    ("6月", 6, 6, ONCE, date(2026, 6, 30), False),
    (" 6 月 ", 6, 6, ONCE, date(2026, 6, 30), False),
    ("6月份", 6, 6, ONCE, date(2026, 6, 30), False),
    ("6月底前", 6, 6, ONCE, date(2026, 6, 30), False),
    ("6月中旬", 6, 6, ONCE, date(2026, 6, 30), False),
    ("六月", 6, 6, ONCE, date(2026, 6, 30), False),
    ("十一月", 11, 11, ONCE, date(2026, 11, 30), False),
    ("十二月底", 12, 12, ONCE, date(2026, 12, 31), False),
    ("2月", 2, 2, ONCE, date(2026, 2, 28), False),
    ("2026-06-30", 6, 6, ONCE, date(2026, 6, 30), False),
    ("2026-6-15", 6, 6, ONCE, date(2026, 6, 15), False),
    ("2026/6/30前", 6, 6, ONCE, date(2026, 6, 30), False),
    ("2026.6.30", 6, 6, ONCE, date(2026, 6, 30), False),
    ("2026年6月30日", 6, 6, ONCE, date(2026, 6, 30), False),
    ("上半年", 1, 6, ONCE, date(2026, 6, 30), True),
    ("下半年", 7, 12, ONCE, date(2026, 12, 31), True),
    ("全年", 1, 12, ONCE, date(2026, 12, 31), True),
    ("年内", 1, 12, ONCE, date(2026, 12, 31), True),
    ("年底前", 12, 12, ONCE, date(2026, 12, 31), False),
    ("年底", 12, 12, ONCE, date(2026, 12, 31), False),
    ("每季度", 1, 12, QUARTERLY, date(2026, 12, 31), True),
    ("每季", 1, 12, QUARTERLY, date(2026, 12, 31), True),
    ("每月", 1, 12, MONTHLY, date(2026, 12, 31), True),
]


@pytest.mark.parametrize(("text", "first", "last", "recurrence", "due", "is_range"), GOOD)
def test_good_deadlines(text, first, last, recurrence, due, is_range):
    window = parse_deadline(text, 2026)
    assert (window.first_month, window.last_month) == (first, last)
    assert window.recurrence is recurrence
    assert window.due == due
    assert window.is_range is is_range
    assert window.year == 2026
    assert window.text == text.strip()


def test_leap_year_february():
    assert parse_deadline("2月", 2028).due == date(2028, 2, 29)


BAD = [
    ("", "完成时限不能为空"),
    ("   ", "完成时限不能为空"),
    ("明天", "无法识别完成时限“明天”"),
    ("6", "无法识别完成时限“6”"),
    ("Q2", "无法识别完成时限“Q2”"),
    ("13月", "月份“13”不在 1–12 之间"),
    ("0月", "月份“0”不在 1–12 之间"),
    ("6-5月", "完成时限“6-5月”的起始月份晚于结束月份"),
    ("2026-02-30", "完成时限“2026-02-30”不是有效日期"),
    ("2026-13-01", "完成时限“2026-13-01”不是有效日期"),
    ("2025-06-30", "完成时限“2025-06-30”不在任务年度 2026 内"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_deadlines(text, message):
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text, 2026)
    assert str(caught.value).startswith(message)


def test_unrecognised_text_lists_examples():
    with pytest.raises(DeadlineError, match="可写作 5-6月、6月、6月底前、2026-06-30"):
        parse_deadline("尽快", 2026)


@pytest.mark.parametrize(
    ("text", "due", "quarters"),
    [
        ("5－6月", date(2026, 6, 30), ["2026Q2"]),  # full-width dash from an input method
        ("5月-6月", date(2026, 6, 30), ["2026Q2"]),
        ("6月30日前", date(2026, 6, 30), ["2026Q2"]),
        ("第三季度", date(2026, 9, 30), ["2026Q3"]),
    ],
)
def test_common_clerk_forms_are_recognised(text, due, quarters):
    window = parse_deadline(text, 2026)
    assert window.due == due
    assert [str(p) for p in window.due_periods(TaskCategory.ROUTINE)] == quarters


# text → (due periods of a routine task, due periods of a key task)
DUE = [
    ("5-6月", [Quarter(2026, 2)], [Month(2026, 5), Month(2026, 6)]),
    ("3-4月", [Quarter(2026, 1), Quarter(2026, 2)], [Month(2026, 3), Month(2026, 4)]),
    ("6月", [Quarter(2026, 2)], [Month(2026, 6)]),
    ("2026-08-15", [Quarter(2026, 3)], [Month(2026, 8)]),
    ("上半年", [Quarter(2026, 1), Quarter(2026, 2)], [Month(2026, m) for m in range(1, 7)]),
    ("年底前", [Quarter(2026, 4)], [Month(2026, 12)]),
    (
        "每季度",
        Quarter(2026, 1).half.quarters() + Quarter(2026, 3).half.quarters(),
        [Month(2026, 3), Month(2026, 6), Month(2026, 9), Month(2026, 12)],
    ),
    ("每月", [Quarter(2026, q) for q in range(1, 5)], [Month(2026, m) for m in range(1, 13)]),
]


@pytest.mark.parametrize(("text", "routine", "key"), DUE)
def test_due_periods(text, routine, key):
    window = parse_deadline(text, 2026)
    assert window.due_periods(TaskCategory.ROUTINE) == routine
    assert window.due_periods(TaskCategory.KEY) == key


def test_describe():
    window = parse_deadline("5-6月", 2026)
    assert window.describe(TaskCategory.ROUTINE) == "第二季度"
    assert window.describe(TaskCategory.KEY) == "5月、6月"


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("5-6月", {5, 6}),
        ("上半年", set(range(1, 7))),
        ("每季度", set(range(1, 13))),
        ("每月", set(range(1, 13))),
        ("6月底前", {6}),
        ("2026-06-30", {6}),
        ("年底前", {12}),
        ("第三季度", {7, 8, 9}),
    ],
)
def test_a_window_covers_exactly_its_months(text: str, months: set[int]) -> None:
    window = parse_deadline(text, 2026)
    assert {m for m in range(1, 13) if window.covers(m)} == months
