"""domain/check_rules: what is due in a period and by when, who enters at which level,
the 督办单 colour, notice numbers, completion counts and the reproducible 三级 draw."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaohe_desktop.domain.check_rules import (
    CheckSettings,
    DuePair,
    count_statuses,
    draw_sample,
    due_pairs,
    entry_levels,
    is_overdue_unrecorded,
    level_refusal,
    notice_number,
    parse_notice_number,
    periods_with_due,
    sample_size,
    suggested_color,
)
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, NoticeColor, TaskCategory
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.domain.roles import Role

ROUTINE, KEY = TaskCategory.ROUTINE, TaskCategory.KEY
LEAD, SUPERVISION, LEADERSHIP = CheckLevel.LEAD, CheckLevel.SUPERVISION, CheckLevel.LEADERSHIP
DONE, LATE, PARTIAL = CheckStatus.DONE, CheckStatus.LATE, CheckStatus.PARTIAL
MISSED, NOT_DUE = CheckStatus.MISSED, CheckStatus.NOT_DUE
RED, YELLOW, BLUE = NoticeColor.RED, NoticeColor.YELLOW, NoticeColor.BLUE


@dataclass(frozen=True)
class Task:
    """What due_pairs needs of a task (domain/check_rules.DueTask)."""

    task_id: int
    deadline: str
    category: TaskCategory = ROUTINE
    department_ids: Sequence[int] = field(default=(7,))
    year: int = 2026


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def q(n: int) -> Quarter:
    return Quarter(2026, n)


def m(n: int) -> Month:
    return Month(2026, n)


# 完成时限 × kind → {the period it is due in: the day it is due by}, worked out by hand
# from the windows (domain/deadlines): a cut-off is due in its own period, a range in
# every period it overlaps, a recurrence in every period; the day is the window's own
# deadline when it falls inside the period, else the period's last day.
QUARTER_ENDS = {q(1): d(3, 31), q(2): d(6, 30), q(3): d(9, 30), q(4): d(12, 31)}
MONTH_ENDS = {
    m(1): d(1, 31), m(2): d(2, 28), m(3): d(3, 31), m(4): d(4, 30),
    m(5): d(5, 31), m(6): d(6, 30), m(7): d(7, 31), m(8): d(8, 31),
    m(9): d(9, 30), m(10): d(10, 31), m(11): d(11, 30), m(12): d(12, 31),
}  # fmt: skip
DUE: list[tuple[str, TaskCategory, dict[Quarter | Month, date]]] = [
    # 常规工作: checked per quarter
    ("每季度", ROUTINE, QUARTER_ENDS),
    ("每月", ROUTINE, QUARTER_ENDS),
    ("6月底前", ROUTINE, {q(2): d(6, 30)}),
    ("上半年", ROUTINE, {q(1): d(3, 31), q(2): d(6, 30)}),
    ("年底前", ROUTINE, {q(4): d(12, 31)}),
    ("5-6月", ROUTINE, {q(2): d(6, 30)}),
    ("2026-06-30", ROUTINE, {q(2): d(6, 30)}),
    ("第三季度", ROUTINE, {q(3): d(9, 30)}),
    ("6月15日前", ROUTINE, {q(2): d(6, 15)}),  # due before the quarter ends
    ("3-4月", ROUTINE, {q(1): d(3, 31), q(2): d(4, 30)}),  # straddles two quarters
    # 重点工作: checked per month
    ("每季度", KEY, {m(3): d(3, 31), m(6): d(6, 30), m(9): d(9, 30), m(12): d(12, 31)}),
    ("每月", KEY, MONTH_ENDS),
    ("6月底前", KEY, {m(6): d(6, 30)}),
    ("上半年", KEY, {p: MONTH_ENDS[p] for p in (m(1), m(2), m(3), m(4), m(5), m(6))}),
    ("年底前", KEY, {m(12): d(12, 31)}),
    ("5-6月", KEY, {m(5): d(5, 31), m(6): d(6, 30)}),
    ("2026-06-30", KEY, {m(6): d(6, 30)}),
    ("第三季度", KEY, {m(7): d(7, 31), m(8): d(8, 31), m(9): d(9, 30)}),
    ("6月15日前", KEY, {m(6): d(6, 15)}),
]


@pytest.mark.parametrize(
    ("deadline", "category", "expected"), DUE, ids=[f"{w}-{c.value}" for w, c, _ in DUE]
)
def test_a_window_is_due_in_the_periods_of_its_kind_by_the_day_worked_out(
    deadline: str, category: TaskCategory, expected: dict[Quarter | Month, date]
) -> None:
    task = Task(1, deadline, category)
    periods: list[Quarter | Month] = [q(n) for n in range(1, 5)] + [m(n) for n in range(1, 13)]
    found = {}
    for period in periods:
        pairs = due_pairs([task], period)
        if pairs:
            (pair,) = pairs
            assert (pair.task_id, pair.department_id) == (1, 7)
            found[period] = pair.due_by
    assert found == expected


def test_each_responsible_department_is_a_pair_once_in_task_order() -> None:
    tasks = [
        Task(2, "6月底前", department_ids=(5, 3, 5)),
        Task(1, "每季度", department_ids=(4,)),
    ]
    assert due_pairs(tasks, q(2)) == [
        DuePair(2, 5, d(6, 30)),
        DuePair(2, 3, d(6, 30)),
        DuePair(1, 4, d(6, 30)),
    ]


def test_other_years_other_kinds_and_unreadable_windows_are_not_due() -> None:
    tasks = [
        Task(1, "每季度", year=2025),
        Task(2, "每月", KEY),  # key tasks are checked per month, not per quarter
        Task(3, "随时"),  # not a window the ledger can read
        Task(4, "每季度"),
    ]
    assert [pair.task_id for pair in due_pairs(tasks, q(2))] == [4]
    assert [pair.task_id for pair in due_pairs(tasks, m(5))] == [2]


def test_overdue_unrecorded_only_after_the_day_and_only_without_a_check() -> None:
    pair = DuePair(1, 7, d(6, 30))
    assert not is_overdue_unrecorded(pair, False, d(6, 30))
    assert is_overdue_unrecorded(pair, False, d(7, 1))
    assert not is_overdue_unrecorded(pair, True, d(7, 1))


# --- who enters at which level -------------------------------------------------------------

AT_SUPERVISION = CheckSettings(clerk_level=SUPERVISION)
LEVELS = [
    (Role.ADMIN, CheckSettings(), (LEAD, SUPERVISION, LEADERSHIP)),
    (Role.ADMIN, AT_SUPERVISION, (SUPERVISION, LEAD, LEADERSHIP)),
    (Role.CLERK, CheckSettings(), (LEAD,)),
    (Role.CLERK, AT_SUPERVISION, (SUPERVISION,)),
    (Role.REVIEWER, CheckSettings(), (SUPERVISION, LEADERSHIP)),
    (Role.REVIEWER, AT_SUPERVISION, (SUPERVISION, LEADERSHIP)),
    (Role.VIEWER, CheckSettings(), ()),
]


@pytest.mark.parametrize(("role", "settings", "expected"), LEVELS)
def test_entry_levels_follow_the_role_and_the_clerk_level(
    role: Role, settings: CheckSettings, expected: tuple[CheckLevel, ...]
) -> None:
    assert entry_levels(role, settings) == expected


@pytest.mark.parametrize(("role", "settings", "allowed"), LEVELS)
@pytest.mark.parametrize("level", list(CheckLevel))
def test_a_level_is_refused_exactly_when_the_role_does_not_enter_it(
    role: Role, settings: CheckSettings, allowed: tuple[CheckLevel, ...], level: CheckLevel
) -> None:
    refusal = level_refusal(role, level, settings)
    assert (refusal is None) == (level in allowed)
    if refusal is not None:
        assert role.label in refusal and level.label in refusal


def test_the_refusal_names_the_role_what_it_enters_and_the_level_refused() -> None:
    assert level_refusal(Role.CLERK, SUPERVISION, CheckSettings()) == (
        "录入员只能录入一级核查，不能录入二级核查"
    )
    assert level_refusal(Role.REVIEWER, LEAD, CheckSettings()) == (
        "审核人只能录入二级、三级核查，不能录入一级核查"
    )
    assert level_refusal(Role.VIEWER, LEAD, CheckSettings()) == "只读账号不能录入一级核查"


# --- the colour a notice would take --------------------------------------------------------

DUE_DAY = d(6, 30)
COLORS = [
    # status, kind, today, colour
    (MISSED, KEY, d(6, 1), RED),  # a key task not done is red at once
    (MISSED, ROUTINE, d(7, 10), YELLOW),
    (MISSED, ROUTINE, d(7, 31), RED),  # 31 days overdue > 30
    (PARTIAL, ROUTINE, d(7, 30), YELLOW),  # exactly 30 days: not yet red
    (PARTIAL, ROUTINE, d(8, 15), RED),
    (LATE, ROUTINE, d(9, 1), YELLOW),  # done, if late: never red
    (None, ROUTINE, d(7, 5), YELLOW),  # nothing recorded, past the day
    (None, KEY, d(8, 1), RED),
    (None, ROUTINE, d(6, 20), BLUE),  # a reminder before the day
    (DONE, ROUTINE, d(8, 1), BLUE),
    (NOT_DUE, KEY, d(8, 1), BLUE),
]


@pytest.mark.parametrize(("status", "category", "today", "expected"), COLORS)
def test_the_suggested_colour(
    status: CheckStatus | None, category: TaskCategory, today: date, expected: NoticeColor
) -> None:
    assert suggested_color(status, category, DUE_DAY, today, CheckSettings()) is expected


def test_the_red_threshold_is_a_setting() -> None:
    strict = CheckSettings(red_overdue_days=5)
    assert suggested_color(MISSED, ROUTINE, DUE_DAY, d(7, 6), strict) is RED
    assert suggested_color(MISSED, ROUTINE, DUE_DAY, d(7, 5), strict) is YELLOW


# --- notice numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("督办〔2026〕第3号", (2026, 3)),
        ("督办[2026]第12号", (2026, 12)),
        ("督办【2026】第5号", (2026, 5)),
        ("督办(2026)第7号", (2026, 7)),
        ("督办（2026）第8号", (2026, 8)),
        (" 督办〔2026〕 第 9 号 ", (2026, 9)),
    ],
)
def test_a_notice_number_reads_whatever_brackets_were_typed(
    text: str, expected: tuple[int, int]
) -> None:
    assert parse_notice_number(text) == expected


@pytest.mark.parametrize(
    "text", ["督办2026第3号", "督办〔2026〕第0号", "督办〔26〕第3号", "通报〔2026〕第3期", ""]
)
def test_a_notice_number_of_another_shape_is_refused_with_the_right_form(text: str) -> None:
    with pytest.raises(ValueError, match="应写作 督办〔2026〕第3号"):
        parse_notice_number(text)


@given(st.integers(2000, 2100), st.integers(1, 99_999))
def test_a_notice_number_reads_back(year: int, serial: int) -> None:
    assert parse_notice_number(notice_number(year, serial)) == (year, serial)


# --- completion counts ---------------------------------------------------------------------


def test_counts_and_the_completion_rate() -> None:
    counts = count_statuses([DONE, DONE, LATE, PARTIAL, MISSED, NOT_DUE, None, None])
    assert (counts.due, counts.done, counts.late, counts.partial, counts.missed) == (8, 2, 1, 1, 1)
    assert (counts.not_due, counts.unrecorded) == (1, 2)
    # (已完成 2 + 逾期完成 1) ÷ (应查 8 − 未到期 1) = 3/7
    assert counts.rate == pytest.approx(3 / 7)
    assert counts.rate_text() == "42.9%"


def test_no_rate_when_nothing_is_due_yet() -> None:
    assert count_statuses([]).rate is None
    assert count_statuses([NOT_DUE, NOT_DUE]).rate_text() == "—"


# --- the 三级 sample -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "percent", "count", "expected"),
    [
        (0, 10, None, 0),
        (25, 10, None, 2),  # ⌊2.5⌋
        (5, 10, None, 1),  # at least one
        (40, 100, None, 40),
        (10, None, 3, 3),
        (2, None, 5, 2),  # never more than there are
    ],
)
def test_sample_size(
    population: int, percent: int | None, count: int | None, expected: int
) -> None:
    assert sample_size(population, percent=percent, count=count) == expected


@pytest.mark.parametrize(("percent", "count"), [(0, None), (101, None), (None, None), (None, 0)])
def test_a_sample_of_no_share_or_no_number_is_refused(
    percent: int | None, count: int | None
) -> None:
    with pytest.raises(ValueError, match="抽查"):
        sample_size(10, percent=percent, count=count)


pairs = st.lists(st.tuples(st.integers(1, 60), st.integers(1, 15)), min_size=1, max_size=80)
shares = st.integers(1, 100)


@given(pairs, st.randoms(), st.text(min_size=1, max_size=16), shares)
def test_the_same_seed_draws_the_same_pairs_whatever_the_order_read(
    population: list[tuple[int, int]], shuffler: random.Random, seed: str, percent: int
) -> None:
    shuffled = list(population) + population[:3]  # read twice: still one pair each
    shuffler.shuffle(shuffled)
    assert draw_sample(shuffled, seed, percent=percent) == draw_sample(
        population, seed, percent=percent
    )


@given(pairs, st.text(max_size=16), shares, st.none() | st.integers(1, 100))
def test_a_draw_is_a_sorted_subset_of_the_size_asked(
    population: list[tuple[int, int]], seed: str, percent: int, count: int | None
) -> None:
    asked = {"count": count} if count is not None else {"percent": percent}
    drawn = draw_sample(population, seed, **asked)  # type: ignore[arg-type]
    assert set(drawn) <= set(population)
    assert drawn == sorted(set(drawn))
    assert len(drawn) == sample_size(len(set(population)), **asked)  # type: ignore[arg-type]


def test_the_periods_with_something_due_by_kind_of_task() -> None:
    """Routine tasks give quarters, key tasks months; an unreadable 完成时限 gives none."""
    quarters, months = periods_with_due(
        [(ROUTINE, "6月底前"), (ROUTINE, "下半年"), (KEY, "5-6月"), (KEY, "某时")], 2026
    )
    assert quarters == [Quarter(2026, 2), Quarter(2026, 3), Quarter(2026, 4)]
    assert months == [Month(2026, 5), Month(2026, 6)]
