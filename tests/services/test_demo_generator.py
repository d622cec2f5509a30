"""The demo bureau: deterministic, realistic in size, and internally consistent.

Every book the generator makes must import cleanly, so the consistency checks
below are the rules the import enforces: references resolve, upsert keys are
unique, deadlines parse, checks fall on due periods.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from tests.factories import (
    ADMIN,
    DEMO,
    DEMO_AS_OF,
    DEMO_ROLES_UNCLOSED,
    MasterFiles,
    sign_in,
)
from tests.services.on_backend import BACKENDS, master_on

from kaohe_desktop.cli import main
from kaohe_desktop.domain.check_rules import due_by
from kaohe_desktop.domain.deadlines import parse_deadline
from kaohe_desktop.domain.discipline_rules import default_impact_until
from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CommendationLevel,
    CommendationType,
    CommentKind,
    DepartmentGrade,
    DepartmentKind,
    DisciplineType,
    NoGradeReason,
    NoticeColor,
    PersonStatus,
    PoliticalStatus,
    QuarterGrade,
    TalkKind,
    TaskCategory,
)
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES, HalfYearRules
from kaohe_desktop.domain.half_year_scoring import (
    Deduction,
    DepartmentInput,
    DepartmentResult,
    HalfYearScoring,
    SourceKind,
    Veto,
    score_half,
)
from kaohe_desktop.domain.periods import (
    HalfYear,
    Month,
    Quarter,
    Year,
    parse_check_period,
    parse_half,
)
from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES, ExchangeBook
from kaohe_desktop.domain.talk_rules import ROUTINE_KINDS, is_principal
from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.demo.as_of import entered_departments
from kaohe_desktop.services.demo.half_year_tie import deduction_for, plan_tie
from kaohe_desktop.services.demo.ledger import UNRECORDED
from kaohe_desktop.services.workspace import Workspace

LEADER_POSITIONS = {"局长", "副局长", "纪检组长"}
LEADER_CATEGORY = "局领导"
TODAY = DEMO_AS_OF
LEADER_NAMES = {
    p.name for p in generate_demo_book(as_of=TODAY).people if p.position in LEADER_POSITIONS
}


@pytest.fixture(scope="module")
def full_book() -> ExchangeBook:
    """The default demo: 2025 complete, 2026 up to the demo's today."""
    return generate_demo_book(as_of=TODAY)


def of_year(book: ExchangeBook, year: int) -> ExchangeBook:
    """The rows of `book` that belong to `year` (people and departments all)."""
    text = str(year)
    return replace(
        book,
        tasks=[t for t in book.tasks if t.year == year],
        checks=[c for c in book.checks if c.year == year],
        adjustments=[a for a in book.adjustments if a.half.startswith(text)],
        assessments=[a for a in book.assessments if a.quarter.startswith(text)],
        comments=[c for c in book.comments if c.date.year == year],
        rewards=[r for r in book.rewards if r.date.year == year],
        talks=[t for t in book.talks if t.date.year == year],
    )


@pytest.fixture(scope="module")
def book(full_book: ExchangeBook) -> ExchangeBook:
    """The demo's last year, 2026: what the tests of one year's rows look at."""
    return of_year(full_book, 2026)


@pytest.fixture(scope="module")
def county() -> ExchangeBook:
    return generate_demo_book(as_of=TODAY, staff=10_000, years=4)


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
    assert book.staff_categories == [*DEFAULT_STAFF_CATEGORIES, LEADER_CATEGORY]

    for person in book.people:
        assert person.department in departments
        # The 局领导 have a category of their own (not graded with the staff).
        leader = person.position in LEADER_POSITIONS
        assert (person.category == LEADER_CATEGORY) is leader
        assert leader or person.category in DEFAULT_STAFF_CATEGORIES
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
        assert people[row.code].category != LEADER_CATEGORY
        for score in (row.performance, row.leader):
            assert Decimal(0) <= score <= Decimal(100)
            assert score == score.quantize(Decimal("0.1"))
        if row.override is not None:
            assert row.override is QuarterGrade.POOR and row.override_reason
    assert not _duplicates([(a.quarter, a.code) for a in book.assessments])

    for row in book.comments:
        assert row.code in people
        assert people[row.code].category != LEADER_CATEGORY
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
    assert generate_demo_book(as_of=TODAY, seed=7) == generate_demo_book(as_of=TODAY, seed=7)
    assert generate_demo_book(as_of=TODAY, seed=7) != generate_demo_book(as_of=TODAY, seed=8)
    assert (
        generate_demo_book(as_of=TODAY, seed=7).people
        != generate_demo_book(as_of=TODAY, seed=8).people
    )


def test_base_bureau_has_the_size_of_a_county_bureau(full_book: ExchangeBook) -> None:
    assert full_book.bureau_name == "夏津县食品药品监督管理局"
    assert 8 <= len(full_book.departments) <= 10
    assert len(full_book.people) == 80
    assert {t.year for t in full_book.tasks} == {2025, 2026}
    for year in (2025, 2026):
        tasks = of_year(full_book, year).tasks
        assert 45 <= len(tasks) <= 60
        assert [t.seq for t in tasks] == list(range(1, len(tasks) + 1))
    counts = full_book.counts()
    made_by_the_services = {"督办单", "整改"}  # follow_up, after the import
    assert all(counts[sheet] > 0 for sheet in counts.keys() - made_by_the_services)
    assert all(counts[sheet] == 0 for sheet in made_by_the_services)


def test_base_bureau_is_consistent(full_book: ExchangeBook) -> None:
    assert_consistent(full_book)


def test_the_last_year_does_not_depend_on_the_years_before_it() -> None:
    """The last year draws from the book's own stream, each earlier year from its own:
    a one-year demo's rows are the two-year demo's 2026 rows (bar the archive's story)."""
    one, two = (
        generate_demo_book(as_of=TODAY, years=1),
        of_year(generate_demo_book(as_of=TODAY), 2026),
    )
    assert one.people == two.people
    for sheet in ("tasks", "checks", "adjustments", "assessments", "comments"):
        assert getattr(one, sheet) == getattr(two, sheet), sheet


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


def _quarter_number(period: Quarter | Month) -> int:
    return period.quarter if isinstance(period, Quarter) else period.quarter.quarter


def test_checks_stand_as_on_the_demos_today(book: ExchangeBook) -> None:
    """Whatever was due before 20 December is checked at 一级, except a few pairs of
    the fourth quarter still unreported; nothing due later is checked yet."""
    assert date(2026, 12, 20) == TODAY
    lead = {(c.seq, c.department, c.period) for c in book.checks if c.level is CheckLevel.LEAD}
    missing = []
    for task in book.tasks:
        window = parse_deadline(task.deadline, task.year)
        for department in task.responsible_departments:
            for period in window.due_periods(task.category):
                key = (task.seq, department, str(period))
                if due_by(window.due, period) < TODAY:
                    if key not in lead:
                        missing.append(period)
                else:
                    assert key not in lead, key
    assert len(missing) == UNRECORDED
    assert all(_quarter_number(period) == 4 for period in missing)
    assert all(c.check_date is not None and c.check_date <= TODAY for c in book.checks)
    quarters = Counter(_quarter_number(parse_check_period(c.period)) for c in book.checks)
    # The fourth quarter: October's and November's key-task checks, a few routine ones.
    assert min(quarters[1], quarters[2], quarters[3]) > 3 * quarters[4] > 0

    statuses = Counter(c.status.label for c in book.checks if c.level is CheckLevel.LEAD)
    assert statuses["已完成"] / sum(statuses.values()) > 0.7
    assert {"逾期完成", "部分完成", "未完成"} <= set(statuses)


def test_the_supervision_checks_most_and_sometimes_changes_the_status(book: ExchangeBook) -> None:
    levels = Counter(c.level for c in book.checks)
    # 三级 checks stand only on the pairs of a recorded draw: the services make them.
    assert set(levels) == {CheckLevel.LEAD, CheckLevel.SUPERVISION}
    assert 0.7 < levels[CheckLevel.SUPERVISION] / levels[CheckLevel.LEAD] < 0.9
    first = {
        (c.seq, c.department, c.period): c.status for c in book.checks if c.level is CheckLevel.LEAD
    }
    changed = Counter(
        (first[(c.seq, c.department, c.period)].label, c.status.label)
        for c in book.checks
        if c.level is CheckLevel.SUPERVISION
        and c.status is not first[(c.seq, c.department, c.period)]
    )
    assert set(changed) == {("已完成", "部分完成"), ("部分完成", "已完成")}


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
    """Every quarter ended by the demo's today has a row for each of the staff (not the
    局领导); today's, in progress, those of the departments that have handed theirs in."""
    rows = {(a.quarter, a.code): a for a in book.assessments}
    current = Quarter.containing(TODAY)
    handed_in = entered_departments([d.name for d in book.departments], current, TODAY)
    assert 0 < len(handed_in) < len(book.departments)
    for person in book.people:
        for quarter in (Quarter(2026, q) for q in range(1, 5)):
            assert person.work_start is not None
            due = person.work_start <= quarter.end and person.category != LEADER_CATEGORY
            if quarter == current:
                due = due and person.department in handed_in
            assert ((str(quarter), person.code) in rows) is due
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

    assert all(c.date.year == 2026 for c in book.comments)
    assert {c.kind for c in book.comments} == {CommentKind.PRAISE, CommentKind.CRITICISM}
    assert len({c.code for c in book.comments}) < len(book.people)


def test_disciplines_carry_their_impact_period_by_type(full_book: ExchangeBook) -> None:
    """记大过 the year before (不定等次 2025 and 2026), 严重警告 in 2026 (不定等次), a 警告 and
    a 诫勉 each year (bar 优秀); each 影响期 as domain/discipline_rules gives it."""
    disciplines = [r for r in full_book.rewards if isinstance(r.type, DisciplineType)]
    by_year = {
        year: Counter(r.type for r in disciplines if r.date.year == year) for year in (2025, 2026)
    }
    assert by_year[2025] == Counter(
        {DisciplineType.WARNING: 1, DisciplineType.ADMONISHMENT: 1, DisciplineType.MAJOR_DEMERIT: 1}
    )
    assert by_year[2026] == Counter(
        {DisciplineType.WARNING: 1, DisciplineType.ADMONISHMENT: 1,
         DisciplineType.SERIOUS_WARNING: 1}
    )  # fmt: skip
    for row in disciplines:
        assert row.impact_until == default_impact_until(row.type, row.date), row
        assert row.reason and row.doc_no and f"〔{row.date.year}〕" in row.doc_no
    (major,) = [r for r in disciplines if r.type is DisciplineType.MAJOR_DEMERIT]
    assert major.impact_until is not None and major.impact_until.year == 2027  # 18 months
    people = {p.code: p for p in full_book.people}
    assert len({r.code for r in disciplines}) == len(disciplines)  # six different people
    (serious,) = [r for r in disciplines if r.type is DisciplineType.SERIOUS_WARNING]
    assert people[serious.code].political_status is PoliticalStatus.CPC_MEMBER  # 党纪处分
    # each decision is followed by its talk within ten days
    for row in disciplines:
        kind = TalkKind.ADMONITION if row.type is DisciplineType.ADMONISHMENT else TalkKind.REMINDER
        assert any(
            t.code == row.code and t.kind is kind and 0 <= (t.date - row.date).days <= 10
            for t in full_book.talks
        ), row


def test_talks_are_kept_up_but_for_the_few_gaps_the_due_lists_show(
    full_book: ExchangeBook,
) -> None:
    """Everyone in service talked with once a year, 党政正职 twice, except in 2026 two
    党政正职 with one routine talk and one other person with none."""
    people = {p.code: p for p in full_book.people}
    for year in (2025, 2026):
        held = Counter(t.code for t in of_year(full_book, year).talks if t.kind in ROUTINE_KINDS)
        short = {}
        for person in full_book.people:
            assert person.work_start is not None
            if person.work_start > date(year, 12, 1):
                continue
            needed = 2 if is_principal(person.position) else 1
            if held[person.code] < needed:
                short[person.code] = (needed, held[person.code])
        if year == 2025:
            assert short == {}
        else:
            assert sorted(short.values()) == [(1, 0), (2, 1), (2, 1)]
            assert all(
                is_principal(people[code].position) for code, (n, _) in short.items() if n == 2
            )
    assert all(t.date <= TODAY for t in full_book.talks)
    assert all(t.kind is not None and t.summary for t in full_book.talks)


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


def test_the_first_half_is_scripted_and_nothing_is_dated_after_today(book: ExchangeBook) -> None:
    first = [a for a in book.adjustments if a.half == "2026H1"]
    bonuses = [a for a in first if a.category is AdjustmentCategory.BONUS]
    assert {a.level for a in bonuses} == set(CommendationLevel)  # every level once at least
    raw = Counter[str]()
    for row in bonuses:
        raw[row.department] += row.points
    assert raw["办公室"] == 55  # 20 + 15 + 10 + 5 + 5: over the cap of 50
    shared = Counter((a.department, a.doc_no) for a in bonuses)
    ((department, doc_no),) = [key for key, count in shared.items() if count > 1]
    levels = {a.level for a in bonuses if (a.department, a.doc_no) == (department, doc_no)}
    assert department == "稽查大队" and levels == {
        CommendationLevel.PROVINCIAL,
        CommendationLevel.CITY,
    }
    (veto,) = [a for a in book.adjustments if a.category is AdjustmentCategory.VETO]
    assert (veto.half, veto.department) == ("2026H1", "城区监管所")
    deducted = {a.category for a in first if a.points < 0}
    assert {AdjustmentCategory.INTEGRITY, AdjustmentCategory.CIVILITY} <= deducted
    assert AdjustmentCategory.ATTENDANCE in deducted
    assert all(a.date is not None and a.date <= TODAY for a in book.adjustments)


@pytest.mark.parametrize(
    ("seed", "staff", "years"),
    [(1, 20, 1), (99, 300, 2), (2024, 1000, 1), (5, 81, 3)],
)
def test_other_sizes_are_consistent(seed: int, staff: int, years: int) -> None:
    book = generate_demo_book(seed=seed, staff=staff, years=years, as_of=date(2025, 12, 20))
    assert len(book.people) == staff
    assert {t.year for t in book.tasks} == set(range(2026 - years, 2026))
    assert_consistent(book)


def test_refuses_impossible_arguments() -> None:
    with pytest.raises(ValueError):
        generate_demo_book(as_of=TODAY, staff=5)
    with pytest.raises(ValueError):
        generate_demo_book(as_of=TODAY, years=0)
    with pytest.raises(ValueError):
        generate_demo_book(as_of=date(2101, 1, 1))


def test_a_county_of_ten_thousand_over_four_years(county: ExchangeBook) -> None:
    assert len({p.code for p in county.people}) == 10_000
    sizes = Counter(p.department for p in county.people)
    assert set(sizes) == {d.name for d in county.departments}
    assert all(8 <= size <= 40 for size in sizes.values())
    assert {t.year for t in county.tasks} == {2023, 2024, 2025, 2026}
    per_year = Counter(t.year for t in county.tasks)
    assert all(50 <= count <= 300 for count in per_year.values())
    assert_consistent(county)


# ---- the demo file: what the services add after the import (services/demo/follow_up) ----


@pytest.fixture(scope="module", params=BACKENDS)
def demo_file(
    request: pytest.FixtureRequest,
    master_files: MasterFiles,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """The demo file, and the demo bureau on a PostgreSQL server (its URL)."""
    return master_on(request, master_files, DEMO, tmp_path_factory.mktemp("demo-file"))


@pytest.fixture(scope="module")
def desk(demo_file: Path) -> Iterator[Workspace]:
    """The demo file as seen on the demo's today."""
    on_today = datetime.combine(TODAY, time(10))
    workspace = sign_in(demo_file, daily_backup=False, clock=lambda: on_today)
    yield workspace
    workspace.close()


ENDED = [*Year(2025).quarters(), *(Quarter(2026, q) for q in (1, 2, 3))]


def test_each_ended_quarter_has_a_recorded_draw_with_its_third_level_checks(
    desk: Workspace,
) -> None:
    for quarter in ENDED:
        sample = desk.checks.sample(quarter)
        assert sample is not None and sample.drawn, quarter
        assert sample.drawn_at.date() == quarter.end + timedelta(days=10)
        rows = desk.checks.due_list(quarter).rows
        recorded = [row for row in rows if row.standing is not None]
        assert sample.population == len(recorded)
        assert len(sample.drawn) == max(1, len(recorded) // 10)  # the default 10%
        third = {row.key for row in rows if row.entry(CheckLevel.LEADERSHIP) is not None}
        assert third == set(sample.drawn)
        for row in rows:
            levels = [entry for entry in row.levels if entry is not None]
            if row.key in third:  # the leaders confirm what stood before them
                assert len(levels) >= 2 and levels[-1].level is CheckLevel.LEADERSHIP
                assert levels[-1].status is levels[-2].status is row.standing
                assert levels[-1].checker in LEADER_NAMES
                assert levels[-1].check_date == quarter.end + timedelta(days=12)
    assert desk.checks.sample(Quarter(2026, 4)) is None
    month = desk.checks.due_list(Month(2026, 5)).rows
    assert all(row.entry(CheckLevel.LEADERSHIP) is None for row in month)


def test_todays_quarter_shows_the_pairs_still_unrecorded_as_overdue(desk: Workspace) -> None:
    periods: list[Quarter | Month] = [Quarter(2026, 4), *Quarter(2026, 4).months()]
    lists = [desk.checks.due_list(period) for period in periods]
    overdue = [row for listing in lists for row in listing.rows if row.overdue_unrecorded]
    assert len(overdue) == UNRECORDED
    assert all(row.due_by < TODAY for row in overdue)
    by_department = Counter(row.department for row in overdue)
    shown = Counter()
    for listing in lists:
        shown.update(dict(listing.overdue_by_department))
    assert +shown == by_department
    # Not yet due: December's key work and the routine work due at the year's end.
    december = desk.checks.due_list(Month(2026, 12)).rows
    assert december and all(row.standing is None and not row.overdue_unrecorded for row in december)


def test_notices_go_out_with_their_rectification_some_verified_one_overdue(
    desk: Workspace,
) -> None:
    notices = desk.notices.notices(year=2026)
    assert 8 <= len(notices) <= 10
    # 2025's fourth quarter went out in January: numbered in 2026's series (下达日期).
    january = [n for n in notices if n.issued_on < date(2026, 2, 1)]
    assert len(january) == 2 and {n.period[:4] for n in january} == {"2025"}
    assert len(desk.notices.notices(year=2025)) == 6  # its first three quarters, two each
    numbers = [f"督办〔2026〕第{serial}号" for serial in range(1, len(notices) + 1)]
    assert [n.number for n in notices] == numbers
    assert {n.color for n in notices} == {NoticeColor.RED, NoticeColor.YELLOW, NoticeColor.BLUE}
    assert all(n.rectification is not None for n in notices)
    assert all(n.issued_on < TODAY for n in notices)
    closed = [n for n in notices if n.closed]
    assert len(closed) >= 3
    for notice in closed:
        rectification = notice.rectification
        assert rectification is not None and rectification.verified
        assert rectification.result and rectification.verified_by
        assert rectification.verified_on is not None
        assert notice.issued_on <= rectification.verified_on <= rectification.deadline
    overdue = desk.notices.overdue()
    assert len(overdue) == 1
    (late,) = overdue
    assert not late.closed and late.rectification is not None
    assert late.rectification.deadline < TODAY and not late.rectification.result
    # A notice of an ended quarter is about its worst checks, none of them done.
    for notice in notices:
        if notice.color is not NoticeColor.BLUE:
            assert "已完成" not in notice.content.split("（")[0], notice.content


def test_deductions_of_notices_are_in_the_half_years_adjustments(desk: Workspace) -> None:
    notices = desk.notices.notices(year=2026)
    deducted = {n.number: n.deduction for n in notices if n.deduction}
    assert deducted
    halves = {n.number: parse_check_period(n.period) for n in notices}
    for number, deduction in deducted.items():
        period = halves[number]
        half = (period if isinstance(period, Quarter) else period.quarter).half
        (row,) = [a for a in desk.scoring.sheet(half).adjustments if a.doc_no == number]
        assert row.category is AdjustmentCategory.BUSINESS
        assert row.points == -deduction


def test_one_bulletin_per_ended_quarter(desk: Workspace) -> None:
    # Numbered by the year of issue: 2025's fourth quarter is 2026's first 通报.
    numbers = [f"通报〔2025〕第{n}期" for n in (1, 2, 3)]
    numbers += [f"通报〔2026〕第{n}期" for n in (1, 2, 3, 4)]
    for number, quarter in zip(numbers, ENDED, strict=True):
        (edition,) = desk.bulletins.editions(quarter)
        assert edition.doc_no == number
        assert quarter.end < edition.issued_on < quarter.end + timedelta(days=31)
    assert desk.bulletins.editions(Quarter(2026, 4)) == []


# ---- the demo's closes, 年度考核 and due lists (services/demo/year_end, moves) ----


def test_closed_quarters_halves_and_the_year_each_on_its_day(desk: Workspace) -> None:
    expected = ["2025", "2025H1", "2025H2", *(f"2025Q{n}" for n in range(1, 5))]
    expected += ["2026Q1", "2026Q2", "2026Q3", "2026H1"]  # what ended before today
    assert desk.periods.closed_periods() == sorted(expected)
    closes = {view.period: view for view in desk.periods.history()}
    for quarter in ENDED:  # a month after the quarter's end
        view = closes[str(quarter)]
        assert view.closed_at.date() == quarter.end + timedelta(days=30)
        assert view.closed_by == ADMIN.username and view.close_note
    assert closes["2025"].closed_at.date() == date(2026, 2, 10)
    assert all(view.closed_at.date() <= TODAY for view in closes.values())


def _averages(desk: Workspace, year: int) -> dict[int, Decimal]:
    scores: dict[int, list[Decimal]] = {}
    for quarter in Year(year).quarters():
        for row in desk.grading.sheet(quarter).rows:
            if row.composite is not None:
                scores.setdefault(row.person_id, []).append(row.composite)
    return {pid: sum(values, Decimal(0)) / len(values) for pid, values in scores.items()}


def _discipline(full_book: ExchangeBook, kind: DisciplineType) -> tuple[str, date]:
    (row,) = [r for r in full_book.rewards if r.type is kind]
    return row.code, row.date


def test_last_years_annual_assessment_is_decided_and_closed(
    desk: Workspace, full_book: ExchangeBook
) -> None:
    sheet = desk.annual.sheet(2025)
    assert sheet.closed and not sheet.draft and sheet.open_quarters == ()
    rows = {row.code: row for row in sheet.rows}
    counter = sheet.counter
    assert counter.participants + counter.not_graded + counter.not_participating == len(rows)
    assert (counter.not_graded, counter.not_participating) == (1, 1)
    assert counter.quota == counter.participants * 20 // 100
    # 优秀: the eligible with the most 好, then the best average 综合得分, within the quota
    averages = _averages(desk, 2025)
    eligible = sorted(
        (r for r in sheet.rows if r.eligible and r.hand_grade is None),
        key=lambda r: (-r.good_count, -averages[r.person_id], r.code),
    )
    excellent = [r for r in sheet.rows if r.grade == "优秀"]
    assert 0 < len(excellent) == min(counter.quota, len(eligible)) == counter.recommended
    assert {r.code for r in excellent} == {r.code for r in eligible[: len(excellent)]}
    assert all(r.recommended and r.eligible and r.limits == "" for r in excellent)
    assert all(r.good_count >= 2 for r in excellent)
    # two grades set by hand, each with its reason
    by_hand = {r.hand_grade: r for r in sheet.rows if r.hand_grade is not None}
    assert set(by_hand) == {"基本称职", "不参加"}
    assert all(r.reason and r.grade == r.hand_grade for r in by_hand.values())
    weakest = by_hand["基本称职"]
    assert sum(g in ("一般", "较差") for g in weakest.quarter_grades) >= 2
    seconded = {p.code for p in full_book.people if p.status is PersonStatus.SECONDED}
    assert by_hand["不参加"].code in seconded
    # the 记大过 of October: 不定等次 this year and the next
    code, on = _discipline(full_book, DisciplineType.MAJOR_DEMERIT)
    assert (rows[code].participation, rows[code].grade) == ("不定等次", "不定等次")
    assert rows[code].limits == f"{on.isoformat()} 记大过，影响至2026年"
    # everyone else 称职 by default
    assert Counter(r.grade for r in sheet.rows) == Counter(
        {"优秀": len(excellent), "基本称职": 1, "不参加": 1, "不定等次": 1,
         "称职": len(rows) - len(excellent) - 3}
    )  # fmt: skip
    warned, on = _discipline_of_year(full_book, DisciplineType.WARNING, 2025)
    assert f"{on.isoformat()} 警告" in rows[warned].limits and not rows[warned].eligible


def _discipline_of_year(
    full_book: ExchangeBook, kind: DisciplineType, year: int
) -> tuple[str, date]:
    (row,) = [r for r in full_book.rewards if r.type is kind and r.date.year == year]
    return row.code, row.date


def test_this_years_annual_assessment_is_a_draft_showing_every_limit(
    desk: Workspace, full_book: ExchangeBook
) -> None:
    sheet = desk.annual.sheet(2026)
    assert sheet.draft and sheet.open_quarters == ("2026Q4",) and not sheet.closed
    rows = {row.code: row for row in sheet.rows}
    code, on = _discipline(full_book, DisciplineType.MAJOR_DEMERIT)  # 2025's, reaching 2026
    assert rows[code].participation == "不定等次"
    assert rows[code].limits == f"{on.isoformat()} 记大过，影响至2026年"
    code, on = _discipline(full_book, DisciplineType.SERIOUS_WARNING)
    assert (rows[code].participation, rows[code].limits) == (
        "不定等次",
        f"{on.isoformat()} 严重警告",
    )
    for kind in (DisciplineType.WARNING, DisciplineType.ADMONISHMENT):
        code, on = _discipline_of_year(full_book, kind, 2026)
        assert rows[code].participation == "参加考核" and not rows[code].eligible
        assert f"{on.isoformat()} {kind.label}" in rows[code].limits
    probation = {p.code for p in full_book.people if p.status is PersonStatus.PROBATION}
    assert probation and all(rows[c].limits == "试用期" for c in probation)
    assert sheet.counter.not_graded == 2 + len(probation)
    assert sheet.counter.recommended == 0 and sheet.counter.quota > 0


def test_both_due_lists_have_something_to_show(desk: Workspace) -> None:
    lists = desk.due_lists.lists(2026)
    routine = sorted((r.principal, r.held, r.required) for r in lists.routine)
    assert routine == [(False, 0, 1), (True, 1, 2), (True, 1, 2)]
    assert all(r.last_talk is not None for r in lists.routine)
    special = {r.kind: r for r in lists.special}
    assert set(special) == {"提醒谈话", "任职谈话"}
    assert special["提醒谈话"].reason in {"2026年三季度平时考核一般", "2026年三季度平时考核较差"}
    assert special["提醒谈话"].arose_on == date(2026, 9, 30)
    move = special["任职谈话"]
    assert move.reason.startswith(move.arose_on.isoformat()) and "调入" in move.reason
    assert move.arose_on.year == 2026 and all(r.overdue for r in lists.special)
    reached = [r for r in lists.rotations if r.reached]
    assert len(reached) == 3
    assert all(r.since <= date(2021, 12, 20) and r.years == 5 for r in reached)
    (soon,) = [r for r in lists.rotations if not r.reached]
    assert (soon.since, soon.reaches_on) == (date(2021, 12, 28), date(2026, 12, 28))
    assert desk.due_lists.overdue_count() == len(lists.special) + len(reached)


def test_kaohe_check_passes_on_the_demo_file(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KAOHE_USER", ADMIN.username)
    monkeypatch.setenv("KAOHE_PASSWORD", ADMIN.password)
    assert main(["--db", str(demo_file), "check"]) == 0
    assert "完整性检查：通过" in capsys.readouterr().out


# ---- the demo's 半年考核 (services/demo/catalog_half_year, half_year_tie) ----

FIRST_HALF = HalfYear(2026, 1)


def _named(scoring: HalfYearScoring) -> dict[str, DepartmentResult]:
    return {result.name: result for result in scoring.results}


@pytest.fixture(scope="module")
def unclosed_desk(master_files: MasterFiles) -> Iterator[Workspace]:
    """The demo before anything was closed or decided (a file: the tie is the engine's
    and the follow-up's, the same on either backend)."""
    on_today = datetime.combine(TODAY, time(10))
    workspace = sign_in(master_files[DEMO_ROLES_UNCLOSED], clock=lambda: on_today)
    yield workspace
    workspace.close()


def test_the_first_half_has_a_flagged_tie_across_the_excellent_line(
    unclosed_desk: Workspace,
) -> None:
    """基层所队 (3 departments, one 优秀 place): 城区监管所 is vetoed, so the place falls
    between 稽查大队 and 乡镇监管所, tied at 970 by the 4-point deduction the follow-up
    entered for 乡镇监管所 (974 before it); both take the lower grade, flagged, until
    the committee decides (next test)."""
    sheet = unclosed_desk.scoring.sheet(FIRST_HALF)
    scoring = sheet.scoring
    assert scoring.missing() == []  # every due period of the half is checked
    flagged = {result.name: result for result in scoring.flagged()}
    assert set(flagged) == {"稽查大队", "乡镇监管所"}
    tied = list(flagged.values())
    assert {r.group for r in tied} == {"基层所队"}
    assert {r.total for r in tied} == {Decimal(970)}
    assert {r.rank_in_group for r in tied} == {2}
    assert all(r.grade is not DepartmentGrade.EXCELLENT and not r.advanced for r in tied)
    assert tied[0].grade is tied[1].grade
    assert not scoring.closable
    assert sum("待委员会裁定" in line for line in sheet.blockers()) == 2
    (made,) = [s for s in flagged["乡镇监管所"].sources if s.label.startswith("上半年政务信息报送")]
    assert made.kind is SourceKind.ADJUSTMENT and made.points == Decimal(-4) and made.counted
    assert made.on is not None and FIRST_HALF.start <= made.on <= FIRST_HALF.end


def test_the_committee_decides_the_tie_and_the_first_half_closes(desk: Workspace) -> None:
    """By today the 考核委员会 has met: 稽查大队 (no deduction of its own in the tie)
    takes the 优秀 place, which leaves 乡镇监管所 the grade below (settled by that one
    decision); the half is closed (it ended before today's half)."""
    sheet = desk.scoring.sheet(FIRST_HALF)
    assert sheet.closed and sheet.scoring.flagged() == []
    results = _named(sheet.scoring)
    upper, lower = results["稽查大队"], results["乡镇监管所"]
    assert upper.decided and not lower.flagged
    assert upper.total == lower.total == Decimal(970)
    assert upper.grade is DepartmentGrade.EXCELLENT and upper.advanced
    assert lower.grade is not DepartmentGrade.EXCELLENT


def test_the_first_half_vetoes_a_department_that_would_be_excellent(desk: Workspace) -> None:
    results = _named(desk.scoring.scoring(FIRST_HALF))
    vetoed = [r for r in results.values() if r.vetoed]
    assert [r.name for r in vetoed] == ["城区监管所"]
    (city,) = vetoed
    assert city.rank_in_group == 1 and city.total == Decimal(993)  # the group's best total
    assert city.total >= HalfYearRules().excellent_min
    assert city.grade is not DepartmentGrade.EXCELLENT and not city.advanced


def test_the_first_half_bonuses_by_level_one_document_once_and_the_cap(desk: Workspace) -> None:
    scoring = desk.scoring.scoring(FIRST_HALF)
    results = _named(scoring)
    bonuses = [
        s for r in scoring.results for s in r.sources if s.kind is SourceKind.BONUS and s.counted
    ]
    rules = scoring.rules
    assert {s.points for s in bonuses} == {rules.bonus_for(level) for level in CommendationLevel}
    # 稽查大队: one joint 通报 of the 省局 and the 市局, listed at both levels.
    case = [s for s in results["稽查大队"].sources if s.kind is SourceKind.BONUS]
    assert len({s.doc_no for s in case}) == 1
    assert sorted((s.counted, s.points) for s in case) == [(False, 0), (True, 20)]
    assert "省级" in next(s.note for s in case if not s.counted)
    assert results["稽查大队"].bonus == 20
    # 办公室: 20 + 15 + 10 + 5 + 5 = 55 commended, 50 counted.
    office = results["办公室"]
    (cap,) = [s for s in office.sources if s.kind is SourceKind.CAP]
    assert cap.points == Decimal(-5) and office.bonus == 50
    assert office.grade is DepartmentGrade.EXCELLENT and office.advanced


def test_the_first_half_deducts_in_every_category_without_emptying_one(desk: Workspace) -> None:
    scoring = desk.scoring.scoring(FIRST_HALF)
    rules = scoring.rules
    for category in SCORED_CATEGORIES:
        values = [r.category(category) for r in scoring.results]
        assert min(values) < rules.category_max(category), category
        assert min(values) > 0, category  # 扣完为止 is the engine's worked example, not the demo's
    for result in scoring.results:
        counted = sum((s.points for s in result.sources if s.counted), Decimal(0))
        assert rules.base + counted == result.total, result.name


def _group_of(totals: list[str], vetoed: int | None = None) -> list[DepartmentInput]:
    """Departments of one group whose totals are `totals` (by a 业务工作 deduction)."""
    return [
        DepartmentInput(
            i, f"第{i}科", "甲组", (),
            (Deduction(i, AdjustmentCategory.BUSINESS, Decimal(total) - 1000, "扣分", None, None),),
            (), (Veto(i, "否决", None, None),) if i == vetoed else (),
        )
        for i, total in enumerate(totals, start=1)
    ]  # fmt: skip


def test_the_tie_is_planned_on_the_smallest_gap_across_a_quota_line() -> None:
    """A group of five: one 优秀 place, two 良好. 980 优秀 | 960 950 良好 | 940 一般
    (quota, not score) | 700 一般. Across the 优秀 line the gap is 20, across the 良好
    line 10: the plan takes 10 off 950, and 950 − 10 = 940 ties with 940 for the last
    良好 place: both fall to 一般, flagged."""
    inputs = _group_of(["980", "960", "950", "940", "700"])
    plan = plan_tie(score_half(inputs, HalfYearRules()))
    assert plan is not None
    assert (plan.upper.name, plan.lower.name, plan.gap) == ("第3科", "第4科", Decimal(10))
    draft = deduction_for(plan, FIRST_HALF, "夏食药监发")
    assert draft.category is AdjustmentCategory.BUSINESS and draft.points == Decimal(-10)
    assert draft.reason == "上半年政务信息报送少于规定数量10条（每条扣1分）"
    assert draft.on is not None and FIRST_HALF.start <= draft.on <= FIRST_HALF.end
    added = Deduction(99, draft.category, draft.points, draft.reason, draft.doc_no, draft.on)
    inputs[2] = replace(inputs[2], deductions=(*inputs[2].deductions, added))
    after = score_half(inputs, HalfYearRules())
    assert [r.name for r in after.flagged()] == ["第3科", "第4科"]
    assert {r.grade for r in after.flagged()} == {DepartmentGrade.AVERAGE}


def test_the_tie_plan_skips_vetoes_and_score_lines() -> None:
    # 第1科 (990) is vetoed: 第2科 (960) takes the 优秀 place, 第1科 and 第3科 (930.5) the two
    # 良好, 第4科 (890) is 一般 by quota. Across quota lines: 2–3 (29.5) and 3–4 (40.5);
    # 1–2 is no candidate (a veto is not a quota). A group of two has no 良好 place and
    # 850 misses the 优秀 line by score: nothing to tie.
    plan = plan_tie(
        score_half(_group_of(["990", "960", "930.5", "890", "700"], 1), HalfYearRules())
    )
    assert plan is not None
    assert (plan.upper.name, plan.lower.name, plan.gap) == ("第2科", "第3科", Decimal("29.5"))
    reason = deduction_for(plan, FIRST_HALF, "夏食药监发").reason
    assert reason == "上半年执法案卷评查发现59卷文书制作不规范（每卷扣0.5分）"
    odd = replace(plan, gap=Decimal("3.25"))  # a task of 分值 12.25 can leave such a gap
    assert deduction_for(odd, FIRST_HALF, "夏食药监发").reason == (
        "上半年重点工作推进不力，经考核办核定扣3.25分"
    )
    assert plan_tie(score_half(_group_of(["990", "850"]), HalfYearRules())) is None
