"""The demo bureau: deterministic, realistic in size, and internally consistent.

Every book the generator makes must import cleanly, so the consistency checks
below are the rules the import enforces: references resolve, upsert keys are
unique, deadlines parse, checks fall on due periods.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from kaohe_desktop.domain.deadlines import parse_deadline
from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CommendationType,
    CommentKind,
    DepartmentKind,
    DisciplineType,
    NoGradeReason,
    PersonStatus,
    QuarterGrade,
    TaskCategory,
)
from kaohe_desktop.domain.periods import Month, Quarter, parse_check_period, parse_half
from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES, ExchangeBook
from kaohe_desktop.services.demo import generate_demo_book

LEADER_POSITIONS = {"局长", "副局长", "纪检组长"}


@pytest.fixture(scope="module")
def book() -> ExchangeBook:
    return generate_demo_book()


@pytest.fixture(scope="module")
def county() -> ExchangeBook:
    return generate_demo_book(staff=10_000, years=4)


def _duplicates(keys: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [key for key, count in Counter(keys).items() if count > 1]


def assert_consistent(book: ExchangeBook) -> None:
    """Everything the import checks, plus what the design says the data must look like."""
    departments = {d.name: d for d in book.departments}
    people = {p.code: p for p in book.people}
    tasks = {(t.year, t.seq): t for t in book.tasks}
    assert len(departments) == len(book.departments)
    assert len(people) == len(book.people)
    assert len(tasks) == len(book.tasks)
    assert book.staff_categories == list(DEFAULT_STAFF_CATEGORIES)

    for person in book.people:
        assert person.department in departments
        assert person.category in DEFAULT_STAFF_CATEGORIES
        if person.category == "派出机构科级":
            assert departments[person.department].kind is DepartmentKind.BRANCH

    for task in book.tasks:
        assert task.lead_department in departments
        assert 1 <= len(task.responsible_departments) <= 4
        assert len(set(task.responsible_departments)) == len(task.responsible_departments)
        assert all(name in departments for name in task.responsible_departments)
        assert task.points in {Decimal(p) for p in (10, 15, 20, 30)}
        parse_deadline(task.deadline, task.year)  # raises if the clerk's words do not parse

    for check in book.checks:
        task = tasks[(check.year, check.seq)]
        assert check.department in task.responsible_departments
        due = parse_deadline(task.deadline, task.year).due_periods(task.category)
        period = parse_check_period(check.period)
        assert period in due
        expected_kind = Month if task.category is TaskCategory.KEY else Quarter
        assert isinstance(period, expected_kind)
        assert check.checker
        assert check.check_date is not None
        assert period.start <= check.check_date <= period.end + timedelta(days=45)
    assert not _duplicates([(c.year, c.seq, c.department, c.period, c.level) for c in book.checks])

    for row in book.adjustments:
        assert row.department in departments
        half = parse_half(row.half)
        assert row.date is not None and half.start <= row.date <= half.end
        if row.category is AdjustmentCategory.BONUS:
            assert row.level is not None and row.points > 0
        elif row.category is AdjustmentCategory.VETO:
            assert row.points == 0
        else:
            assert row.points < 0 and row.level is None
        assert row.reason and row.doc_no
    assert not _duplicates(
        [(a.half, a.department, a.category, a.reason, a.doc_no, a.date) for a in book.adjustments]
    )
    vetoes = Counter(a.half[:4] for a in book.adjustments if a.category is AdjustmentCategory.VETO)
    assert all(count <= 1 for count in vetoes.values())

    for row in book.assessments:
        assert row.code in people
        for score in (row.performance, row.leader):
            assert Decimal(0) <= score <= Decimal(100)
            assert score == score.quantize(Decimal("0.1"))
        if row.override is not None:
            assert row.override is QuarterGrade.POOR and row.override_reason
    assert not _duplicates([(a.quarter, a.code) for a in book.assessments])

    for row in book.comments:
        assert row.code in people
        expected = Decimal(2) if row.kind is CommentKind.PRAISE else Decimal(-2)
        assert row.points == expected and row.text
    assert not _duplicates([(c.code, c.date, c.kind, c.text) for c in book.comments])

    for row in book.rewards:
        assert row.code in people and row.doc_no
    assert not _duplicates([(r.code, r.date, r.type, r.doc_no) for r in book.rewards])

    leader_names = {p.name for p in book.people if p.position in LEADER_POSITIONS}
    for row in book.talks:
        assert row.code in people
        assert row.talker in leader_names
        assert row.talker != people[row.code].name
    assert not _duplicates([(t.code, t.date, t.talker) for t in book.talks])


def test_same_arguments_give_the_same_book() -> None:
    assert generate_demo_book(seed=7) == generate_demo_book(seed=7)
    assert generate_demo_book(seed=7) != generate_demo_book(seed=8)
    assert generate_demo_book(seed=7).people != generate_demo_book(seed=8).people


def test_base_bureau_has_the_size_of_a_county_bureau(book: ExchangeBook) -> None:
    assert book.bureau_name == "夏津县食品药品监督管理局"
    assert 8 <= len(book.departments) <= 10
    assert len(book.people) == 80
    assert 45 <= len(book.tasks) <= 60
    assert {t.year for t in book.tasks} == {2026}
    assert [t.seq for t in book.tasks] == list(range(1, len(book.tasks) + 1))
    counts = book.counts()
    assert all(counts[sheet] > 0 for sheet in counts)


def test_base_bureau_is_consistent(book: ExchangeBook) -> None:
    assert_consistent(book)


def test_tasks_mix_routine_and_key_work_with_the_clerks_deadlines(book: ExchangeBook) -> None:
    share = sum(t.category is TaskCategory.KEY for t in book.tasks) / len(book.tasks)
    assert 0.2 <= share <= 0.4
    by_title = {t.title: t for t in book.tasks}
    assert by_title["中药市场专项检查"].deadline == "5-6月"
    assert by_title["疫苗质量监督检查"].deadline == "9-10月"
    herbal = by_title["中药市场专项检查"]
    periods = {c.period for c in book.checks if c.seq == herbal.seq}
    assert periods == {"2026-05", "2026-06"}
    assert (
        sum(t.lead_department in t.responsible_departments for t in book.tasks)
        > len(book.tasks) // 2
    )


def test_every_due_period_is_checked_at_level_one(book: ExchangeBook) -> None:
    lead = {(c.seq, c.department, c.period) for c in book.checks if c.level is CheckLevel.LEAD}
    for task in book.tasks:
        due = parse_deadline(task.deadline, task.year).due_periods(task.category)
        for department in task.responsible_departments:
            for period in due:
                assert (task.seq, department, str(period)) in lead
    levels = Counter(c.level for c in book.checks)
    assert levels[CheckLevel.LEAD] > levels[CheckLevel.SUPERVISION] > levels[CheckLevel.LEADERSHIP]
    assert levels[CheckLevel.LEADERSHIP] > 0
    statuses = Counter(c.status.label for c in book.checks if c.level is CheckLevel.LEAD)
    assert statuses["已完成"] / sum(statuses.values()) > 0.7
    assert {"逾期完成", "部分完成", "未完成"} <= set(statuses)


def test_people_look_like_a_civil_service_roster(book: ExchangeBook) -> None:
    end = date(2026, 12, 31)
    for person in book.people:
        assert person.birth_date is not None and person.work_start is not None
        age = end.year - person.birth_date.year
        assert 23 <= age <= 59
        assert person.work_start >= person.birth_date.replace(year=person.birth_date.year + 21)
        assert person.work_start <= end
    categories = Counter(p.category for p in book.people)
    assert categories["一般公务员"] > len(book.people) / 2
    assert 0 < categories["四级调研员及以上"] <= 5
    assert categories["机关正科级"] > 0 and categories["派出机构科级"] > 0
    statuses = Counter(p.status for p in book.people)
    assert statuses[PersonStatus.ACTIVE] > 70
    assert statuses[PersonStatus.PROBATION] >= 1
    assert statuses[PersonStatus.SECONDED] <= 1
    assert 0 < sum(p.key_post for p in book.people) < len(book.people) / 3
    assert [p.position for p in book.people].count("局长") == 1


def test_quarterly_assessments_cover_everyone_active(book: ExchangeBook) -> None:
    rows = {(a.quarter, a.code): a for a in book.assessments}
    for person in book.people:
        for quarter in (Quarter(2026, q) for q in range(1, 5)):
            assert person.work_start is not None
            if person.work_start <= quarter.end:
                assert (str(quarter), person.code) in rows
    scores = [a.performance for a in book.assessments] + [a.leader for a in book.assessments]
    typical = sum(Decimal(75) <= s <= Decimal(98) for s in scores) / len(scores)
    assert typical > 0.9
    probation = {p.code for p in book.people if p.status is PersonStatus.PROBATION}
    for code in probation:
        graded = [a for a in book.assessments if a.code == code]
        assert graded and all(a.no_grade_reason is NoGradeReason.PROBATION for a in graded)
    overrides = [a for a in book.assessments if a.override is not None]
    assert len(overrides) == 1
    assert sum(a.comment_points is None for a in book.assessments) > 0.9 * len(book.assessments)


def test_rewards_talks_and_comments(book: ExchangeBook) -> None:
    types = Counter(r.type for r in book.rewards)
    assert sum(types[t] for t in CommendationType) >= 3
    warning = next(r for r in book.rewards if r.type is DisciplineType.WARNING)
    assert warning.impact_until is not None
    assert 170 <= (warning.impact_until - warning.date).days <= 190
    assert types[DisciplineType.ADMONISHMENT] == 1
    assert all(r.doc_no and "〔2026〕" in r.doc_no for r in book.rewards)

    talks = Counter(t.code for t in book.talks)
    for person in book.people:
        if person.key_post:
            assert talks[person.code] >= 2

    assert all(c.date.year == 2026 for c in book.comments)
    assert {c.kind for c in book.comments} == {CommentKind.PRAISE, CommentKind.CRITICISM}
    assert len({c.code for c in book.comments}) < len(book.people)


def test_adjustments_per_half(book: ExchangeBook) -> None:
    halves = {a.half for a in book.adjustments}
    assert halves == {"2026H1", "2026H2"}
    categories = {a.category for a in book.adjustments}
    assert AdjustmentCategory.BONUS in categories
    deductions = {
        AdjustmentCategory.BUSINESS,
        AdjustmentCategory.INTEGRITY,
        AdjustmentCategory.CIVILITY,
        AdjustmentCategory.ATTENDANCE,
    }
    assert len(categories & deductions) >= 2
    vetoes = [a for a in book.adjustments if a.category is AdjustmentCategory.VETO]
    assert len(vetoes) == 1


@pytest.mark.parametrize(
    ("seed", "staff", "years"),
    [(1, 20, 1), (99, 300, 2), (2024, 1000, 1), (5, 81, 3)],
)
def test_other_sizes_are_consistent(seed: int, staff: int, years: int) -> None:
    book = generate_demo_book(seed=seed, staff=staff, years=years, year=2025)
    assert len(book.people) == staff
    assert {t.year for t in book.tasks} == set(range(2026 - years, 2026))
    assert_consistent(book)


def test_refuses_impossible_arguments() -> None:
    with pytest.raises(ValueError):
        generate_demo_book(staff=5)
    with pytest.raises(ValueError):
        generate_demo_book(years=0)
    with pytest.raises(ValueError):
        generate_demo_book(year=2101)


def test_a_county_of_ten_thousand_over_four_years(county: ExchangeBook) -> None:
    assert len({p.code for p in county.people}) == 10_000
    sizes = Counter(p.department for p in county.people)
    assert set(sizes) == {d.name for d in county.departments}
    assert all(8 <= size <= 40 for size in sizes.values())
    assert {t.year for t in county.tasks} == {2023, 2024, 2025, 2026}
    per_year = Counter(t.year for t in county.tasks)
    assert all(50 <= count <= 300 for count in per_year.values())
    assert_consistent(county)
