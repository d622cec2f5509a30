"""domain/talk_rules on a table of talk dates and department histories, worked by hand:
who is 党政正职, whose routine talks are short this year, which special talks are
still owed (and overdue), and which key posts are due for 交流轮岗."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import DisciplineType, QuarterGrade, TalkKind
from kaohe_desktop.domain.talk_rules import (
    RotationDue,
    RoutineShortfall,
    SpecialTalkDue,
    Stint,
    TalkEvent,
    TalkFact,
    TalkSubject,
    continuous_since,
    discipline_event,
    is_principal,
    move_events,
    quarter_event,
    rotations_due,
    routine_shortfalls,
    special_dues,
)

RULES = AnnualRules()
d = date.fromisoformat
HEART = TalkKind.HEART_TO_HEART
REMINDER = TalkKind.REMINDER
APPOINTMENT = TalkKind.APPOINTMENT


@pytest.mark.parametrize(
    "position",
    [
        "局长",
        "科长",
        "大队长",
        "所长",
        "主任",
        "办公室主任",
        "执法大队大队长",
        "城关所所长",
        "党组书记、局长",
        "局长、党组副书记",
        " 科长 ",
    ],
)
def test_principal_posts(position: str) -> None:
    assert is_principal(position)


@pytest.mark.parametrize(
    "position",
    [
        "副科长",
        "副局长",
        "一级主任科员",
        "四级调研员",
        "纪检组长",
        "科员",
        "",
        None,
        "  ",
        "办公室副主任",
        "执法大队副大队长",
        "城关所副所长",
        "副局长、党组成员",
        "副主任科员",
    ],
)
def test_not_principal(position: str | None) -> None:
    assert not is_principal(position)


# --- routine talks ---------------------------------------------------------------------

SUBJECTS = [
    TalkSubject(1, "科长", key_post=False),  # principal: 2 a year
    TalkSubject(2, "一级科员", key_post=False),  # others: 1
    TalkSubject(3, "局长", key_post=False),
    TalkSubject(4, "副科长", key_post=False),
    TalkSubject(5, "所长", key_post=False),
]
TALKS = [
    TalkFact(1, d("2026-03-01"), HEART),  # principal, one routine talk: short
    TalkFact(1, d("2026-09-01"), REMINDER),  # special: does not count, but is the last talk
    TalkFact(2, d("2026-05-01"), None),  # a talk without a kind counts as routine
    TalkFact(3, d("2026-02-01"), HEART),
    TalkFact(3, d("2026-11-01"), TalkKind.KEY_POST),  # 关键岗位廉政谈话 counts
    TalkFact(4, d("2025-12-31"), HEART),  # last year's does not count this year
    # 5: no talk at all
]


def test_routine_shortfalls_worked_by_hand() -> None:
    assert routine_shortfalls(SUBJECTS, TALKS, 2026, RULES) == [
        RoutineShortfall(1, required=2, held=1, last_talk=d("2026-09-01")),
        RoutineShortfall(4, required=1, held=0, last_talk=d("2025-12-31")),
        RoutineShortfall(5, required=2, held=0, last_talk=None),
    ]


def test_routine_shortfalls_follow_the_settings() -> None:
    rules = AnnualRules(principal_talks=D(1), other_talks=D(2))
    assert [s.person_id for s in routine_shortfalls(SUBJECTS, TALKS, 2026, rules)] == [2, 4, 5]
    none_needed = AnnualRules(principal_talks=D(0), other_talks=D(0))
    assert routine_shortfalls(SUBJECTS, TALKS, 2026, none_needed) == []


def test_last_talk_is_of_any_kind_and_any_year() -> None:
    talks = [TalkFact(2, d("2027-01-05"), APPOINTMENT), TalkFact(2, d("2026-05-01"), HEART)]
    assert routine_shortfalls([SUBJECTS[1]], talks, 2027, RULES) == [
        RoutineShortfall(2, 1, 0, d("2027-01-05"))
    ]


# --- special talks ----------------------------------------------------------------------


def test_events_worded() -> None:
    assert quarter_event(1, 2026, 2, QuarterGrade.AVERAGE, d("2026-06-30")) == TalkEvent(
        1, d("2026-06-30"), REMINDER, "2026年二季度平时考核一般"
    )
    assert quarter_event(1, 2026, 4, QuarterGrade.POOR, d("2026-12-31")) == TalkEvent(
        1, d("2026-12-31"), REMINDER, "2026年四季度平时考核较差"
    )
    assert quarter_event(1, 2026, 1, QuarterGrade.GOOD, d("2026-03-31")) is None
    assert quarter_event(1, 2026, 1, QuarterGrade.FAIRLY_GOOD, d("2026-03-31")) is None
    assert discipline_event(2, d("2026-04-03"), DisciplineType.ADMONISHMENT) == TalkEvent(
        2, d("2026-04-03"), TalkKind.ADMONITION, "2026-04-03 诫勉"
    )
    assert discipline_event(2, d("2026-04-03"), DisciplineType.WARNING).kind is REMINDER


def test_move_events_only_for_another_department() -> None:
    stints = [
        Stint("办公室", d("2015-07-01"), d("2019-12-31")),
        Stint("办公室", d("2020-01-01"), d("2023-02-28")),  # a new record, same department
        Stint("执法一队", d("2023-03-01"), d("2026-04-30")),
        Stint("法规科", d("2026-05-01"), None),
    ]
    assert move_events(7, stints) == [
        TalkEvent(7, d("2023-03-01"), APPOINTMENT, "2023-03-01 由办公室调入执法一队"),
        TalkEvent(7, d("2026-05-01"), APPOINTMENT, "2026-05-01 由执法一队调入法规科"),
    ]
    assert move_events(7, stints[:1]) == []


def test_special_dues_answered_only_by_a_talk_of_its_kind_on_or_after_the_day() -> None:
    events = [
        TalkEvent(1, d("2026-06-30"), REMINDER, "2026年二季度平时考核一般"),
        TalkEvent(2, d("2026-06-30"), REMINDER, "2026年二季度平时考核一般"),
        TalkEvent(3, d("2026-06-30"), REMINDER, "2026年二季度平时考核一般"),
        TalkEvent(4, d("2026-11-25"), APPOINTMENT, "2026-11-25 由办公室调入法规科"),
        TalkEvent(5, d("2026-06-30"), REMINDER, "2026年二季度平时考核一般"),
    ]
    talks = [
        TalkFact(1, d("2026-06-30"), REMINDER),  # the same day: answered
        TalkFact(2, d("2026-06-29"), REMINDER),  # the day before: not
        TalkFact(3, d("2026-07-10"), HEART),  # another kind: not
        TalkFact(5, d("2026-07-01"), None),  # no kind: not
    ]
    today = d("2026-12-20")
    assert special_dues(events, talks, RULES, today) == [
        SpecialTalkDue(events[1], d("2026-07-30"), overdue=True),
        SpecialTalkDue(events[2], d("2026-07-30"), overdue=True),
        SpecialTalkDue(events[4], d("2026-07-30"), overdue=True),
        SpecialTalkDue(events[3], d("2026-12-25"), overdue=False),  # 25 days: not yet
    ]


def test_overdue_after_the_days_not_on_the_last_day() -> None:
    event = TalkEvent(1, d("2026-01-01"), REMINDER, "x")
    due = d("2026-01-31")  # 2026-01-01 + 30 days
    assert special_dues([event], [], RULES, due) == [SpecialTalkDue(event, due, False)]
    assert special_dues([event], [], RULES, d("2026-02-01")) == [SpecialTalkDue(event, due, True)]
    week = AnnualRules(special_talk_days=D(7))
    assert special_dues([event], [], week, d("2026-01-09"))[0] == SpecialTalkDue(
        event, d("2026-01-08"), True
    )


def test_one_later_talk_answers_every_earlier_event_of_its_kind() -> None:
    events = [
        TalkEvent(1, d("2026-03-31"), REMINDER, "2026年一季度平时考核一般"),
        TalkEvent(1, d("2026-06-30"), REMINDER, "2026年二季度平时考核一般"),
        TalkEvent(1, d("2026-09-30"), REMINDER, "2026年三季度平时考核一般"),
    ]
    talks = [TalkFact(1, d("2026-07-15"), REMINDER)]
    assert [s.event for s in special_dues(events, talks, RULES, d("2026-12-20"))] == [events[2]]


# --- rotation ---------------------------------------------------------------------------


def test_continuous_since_merges_consecutive_stints_in_one_department() -> None:
    stints = (
        Stint("执法一队", d("2015-01-01"), d("2018-12-31")),
        Stint("执法一队", d("2019-01-01"), None),
    )
    assert continuous_since(stints) == Stint("执法一队", d("2015-01-01"), None)
    # overlapping records merge too, and the input order does not matter
    overlapping = (
        Stint("执法一队", d("2019-01-01"), None),
        Stint("执法一队", d("2015-01-01"), d("2019-06-30")),
    )
    assert continuous_since(overlapping) == Stint("执法一队", d("2015-01-01"), None)


def test_continuous_since_stops_at_a_gap() -> None:
    stints = (
        Stint("执法一队", d("2015-01-01"), d("2018-12-30")),  # a day missing before 2019-01-01
        Stint("执法一队", d("2019-01-01"), None),
    )
    assert continuous_since(stints) == Stint("执法一队", d("2019-01-01"), None)


def test_continuous_since_stops_at_another_department() -> None:
    stints = (
        Stint("执法一队", d("2008-01-01"), d("2012-12-31")),
        Stint("办公室", d("2013-01-01"), d("2016-12-31")),
        Stint("执法一队", d("2017-01-01"), d("2020-06-30")),
        Stint("执法一队", d("2020-07-01"), None),
    )
    assert continuous_since(stints) == Stint("执法一队", d("2017-01-01"), None)


def test_continuous_since_needs_a_current_stint() -> None:
    assert continuous_since(()) is None
    assert continuous_since((Stint("办公室", d("2015-01-01"), d("2020-01-01")),)) is None


def key_post(pid: int, since: str, *, key: bool = True) -> TalkSubject:
    return TalkSubject(pid, "科员", key, (Stint("稽查局", d(since), None),))


def test_rotation_due_at_exactly_five_years() -> None:
    today = d("2026-12-20")
    subjects = [
        key_post(1, "2021-12-20"),  # five years today: due, reached
        key_post(2, "2021-12-21"),  # five years tomorrow
        key_post(3, "2010-03-01"),  # long overdue
        key_post(4, "2015-01-01", key=False),  # not a key post
        TalkSubject(5, "科员", True, ()),  # no department history
    ]
    assert rotations_due(subjects, RULES, today, today) == [
        RotationDue(3, "稽查局", d("2010-03-01"), d("2015-03-01"), True),
        RotationDue(1, "稽查局", d("2021-12-20"), d("2026-12-20"), True),
    ]
    year_end = d("2026-12-31")
    assert [(r.person_id, r.reached) for r in rotations_due(subjects, RULES, year_end, today)] == [
        (3, True), (1, True), (2, False),
    ]  # fmt: skip


def test_rotation_follows_the_setting_and_the_leap_day() -> None:
    subjects = [key_post(1, "2020-02-29")]
    three = AnnualRules(rotation_years=D(3))
    # 2020-02-29 + 3 years = 2023-02-28 (relativedelta keeps to the month's last day)
    assert rotations_due(subjects, three, d("2023-02-28"), d("2023-02-28")) == [
        RotationDue(1, "稽查局", d("2020-02-29"), d("2023-02-28"), True)
    ]
    assert rotations_due(subjects, three, d("2023-02-27"), d("2023-02-27")) == []


STINT_LISTS = st.lists(
    st.tuples(st.sampled_from(["甲", "乙"]), st.integers(1, 400), st.integers(0, 3)),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(STINT_LISTS)
def test_continuous_since_is_the_earliest_unbroken_start(parts: list[tuple[str, int, int]]) -> None:
    """Stints laid end to end (with gaps of 0–3 days); the answer is the first day of the
    last run of one department without a gap, checked day by day."""
    stints, day = [], d("2010-01-01")
    for department, length, gap in parts:
        start = day
        end = date.fromordinal(start.toordinal() + length)
        stints.append(Stint(department, start, end))
        day = date.fromordinal(end.toordinal() + 1 + gap)
    last = stints[-1]
    stints[-1] = Stint(last.department, last.start, None)
    expected = last.start
    for before, after in zip(reversed(stints[:-1]), reversed(stints[1:]), strict=True):
        assert before.end is not None
        if before.department != last.department or (after.start - before.end).days > 1:
            break
        expected = before.start
    assert continuous_since(stints) == Stint(last.department, expected, None)


def test_no_routine_talk_is_due_from_someone_who_joined_after_the_year() -> None:
    joined_2026 = TalkSubject(7, "一级科员", False, (Stint("办公室", d("2026-03-01"), None),))
    assert routine_shortfalls([joined_2026], [], 2025, RULES) == []
    assert [s.person_id for s in routine_shortfalls([joined_2026], [], 2026, RULES)] == [7]
