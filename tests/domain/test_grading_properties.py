"""domain/grading properties (hypothesis): whatever the scores, overrides, 不定等次,
departments and scheme, the quota holds, a better score is never graded worse without
a recorded reason, ranks follow the order, and the input order does not matter.

Scores are drawn from a small pool of distinct values per example so that equal
scores, and so ties on the quota line, are common rather than rare."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import (
    Candidate,
    Flag,
    GradeStatus,
    Grading,
    Outcome,
    band,
    composite_score,
    grade_quarter,
    grade_value,
    performance_total,
)
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, QuotaScope

Roster = tuple[list[Candidate], QuarterlyRules]
Key = tuple[Decimal, Decimal, Decimal]

PROPERTY = settings(max_examples=300, deadline=None)

# mostly on a coarse grid above the 好 line, so the quota binds and ties on it are
# common; some anywhere, and the band lines themselves
GRID = st.integers(180, 200).map(lambda n: n * 5)  # 90.0, 90.5, … 100.0
SCORES = st.one_of(
    GRID, GRID, GRID, st.integers(0, 1000), st.sampled_from([900, 899, 800, 799, 600, 599])
).map(lambda tenths: Decimal(tenths).scaleb(-1))
OVERRIDES = st.sampled_from(
    [None] * 9 + [QuarterGrade.GOOD, QuarterGrade.FAIRLY_GOOD, QuarterGrade.POOR]
)
# (实绩分, 领导测评分): (0, 1) and (1, 0) make the second and third keys decide often
WEIGHTS = st.sampled_from(
    [("0.5", "0.5"), ("0.5", "0.5"), ("0.4", "0.6"), ("0.45", "0.55"), ("0", "1"), ("1", "0")]
)


@st.composite
def rosters(draw: st.DrawFn, max_size: int = 16) -> Roster:
    pool = draw(st.lists(SCORES, min_size=1, max_size=4, unique=True))
    # between one score in four and one in ten still missing (None among the pool)
    score = st.sampled_from([*pool, *pool]) | st.sampled_from([*pool, None])
    # people mostly share one of a few score pairs: full ties on all three keys
    pairs = draw(st.lists(st.tuples(score, score), min_size=1, max_size=4))
    departments = draw(st.integers(1, 3))
    people = []
    size = draw(st.sampled_from(range(max_size + 1)))  # uniform: not mostly tiny
    ids = st.lists(st.integers(1, 10_000), min_size=size, max_size=size, unique=True)
    for pid in draw(ids):
        performance, leader = draw(st.sampled_from(pairs) | st.tuples(score, score))
        people.append(
            Candidate(
                person_id=pid,
                department_id=draw(st.integers(1, departments)),
                category=draw(st.sampled_from(["公务员", "参公", "事业"])),
                performance=performance,
                leader=leader,
                comment_points=Decimal(draw(st.sampled_from([0] * 9 + [2, -2, 4]))),
                override=draw(OVERRIDES),
                no_grade_reason=draw(st.sampled_from([None] * 7 + ["试用期"])),
            )
        )
    performance_weight, leader_weight = draw(WEIGHTS)
    rules = QuarterlyRules(
        performance_weight=Decimal(performance_weight),
        leader_weight=Decimal(leader_weight),
        good_quota=Decimal(draw(st.sampled_from(["0.2", "0.3", "0.4", "0.5"]))),
        quota_scope=draw(st.sampled_from(list(QuotaScope))),
    )
    return people, rules.check()


def scope_of(candidate: Candidate, rules: QuarterlyRules) -> int | None:
    return candidate.department_id if rules.quota_scope is QuotaScope.DEPARTMENT else None


def by_scope(people: list[Candidate], rules: QuarterlyRules) -> dict[int | None, list[Candidate]]:
    scopes: dict[int | None, list[Candidate]] = defaultdict(list)
    for c in people:
        scopes[scope_of(c, rules)].append(c)
    return scopes


def key(candidate: Candidate, outcome: Outcome) -> Key:
    """The order of DESIGN §4, higher first: 综合得分, 领导测评分, 实绩分 with 点评."""
    assert outcome.composite is not None and outcome.performance_total is not None
    assert candidate.leader is not None
    return (outcome.composite, candidate.leader, outcome.performance_total)


def graded(people: list[Candidate], grading: Grading) -> list[tuple[Candidate, Outcome]]:
    pairs = [(c, grading.outcomes[c.person_id]) for c in people]
    return [(c, o) for c, o in pairs if o.status is GradeStatus.GRADED]


def value(outcome: Outcome) -> int:
    assert outcome.grade is not None
    return grade_value(outcome.grade)


@PROPERTY
@given(rosters())
def test_the_quota_is_never_exceeded(roster: Roster) -> None:
    people, rules = roster
    grading = grade_quarter(people, rules)
    scopes = by_scope(people, rules)
    assert {q.department_id for q in grading.quotas} == (set(scopes) or {None})
    for count in grading.quotas:
        members = scopes.get(count.department_id, [])
        participants = sum(1 for c in members if c.no_grade_reason is None)
        goods = sum(1 for c in members if grading.outcomes[c.person_id].grade is QuarterGrade.GOOD)
        assert count.participants == participants
        assert count.quota == int(participants * rules.good_quota)  # int() rounds down here
        assert count.used == goods
        assert 0 <= count.used <= count.quota
        assert count.remaining == count.quota - count.used


@PROPERTY
@given(rosters())
def test_a_higher_composite_is_never_graded_lower_without_a_reason(roster: Roster) -> None:
    people, rules = roster
    grading = grade_quarter(people, rules)
    scored = graded(people, grading)
    for (a, x), (b, y) in combinations(scored, 2):
        if scope_of(a, rules) != scope_of(b, rules):
            continue
        assert x.composite is not None and y.composite is not None
        if x.composite == y.composite:
            continue
        hi, lo = (x, y) if x.composite > y.composite else (y, x)
        if value(hi) < value(lo):
            assert hi.overridden or lo.overridden or hi.flag is Flag.TIE_OVER_QUOTA, (a, b)


@PROPERTY
@given(rosters())
def test_equal_people_are_graded_alike(roster: Roster) -> None:
    """Equal on all three keys and neither overridden: same grade, same flag kind."""
    people, rules = roster
    grading = grade_quarter(people, rules)
    for (a, x), (b, y) in combinations(graded(people, grading), 2):
        if scope_of(a, rules) != scope_of(b, rules) or key(a, x) != key(b, y):
            continue
        if x.overridden or y.overridden:
            continue
        assert x.grade is y.grade
        assert (x.flag is Flag.TIE_OVER_QUOTA) == (y.flag is Flag.TIE_OVER_QUOTA)


@PROPERTY
@given(rosters())
def test_grades_follow_the_band_unless_overridden(roster: Roster) -> None:
    people, rules = roster
    grading = grade_quarter(people, rules)
    for candidate, outcome in graded(people, grading):
        assert outcome.composite is not None
        assert candidate.performance is not None and candidate.leader is not None
        total = performance_total(candidate.performance, candidate.comment_points)
        assert outcome.performance_total == total
        assert outcome.composite == composite_score(total, candidate.leader, rules)
        assert outcome.band is band(outcome.composite, rules)
        if outcome.overridden:
            assert outcome.grade is candidate.override
            assert outcome.flag is None
        elif outcome.band is QuarterGrade.GOOD:
            assert outcome.grade in (QuarterGrade.GOOD, QuarterGrade.FAIRLY_GOOD)
        else:
            assert outcome.grade is outcome.band
        if outcome.flag is Flag.TIE_OVER_QUOTA:
            assert (outcome.grade, outcome.band) == (QuarterGrade.FAIRLY_GOOD, QuarterGrade.GOOD)


@PROPERTY
@given(rosters())
def test_flags_say_why(roster: Roster) -> None:
    """A tie flag marks one group of equals per scope that is larger than the slots it
    leaves unused; a manual-好 flag marks every manual 好 when they do not all fit."""
    people, rules = roster
    grading = grade_quarter(people, rules)
    pairs = graded(people, grading)
    for scope, members in by_scope(people, rules).items():
        count = grading.quota_for(members[0].department_id)
        mine = [(c, o) for c, o in pairs if scope_of(c, rules) == scope]
        tied = [(c, o) for c, o in mine if o.flag is Flag.TIE_OVER_QUOTA]
        if tied:
            assert len({key(c, o) for c, o in tied}) == 1
            assert 0 < count.remaining < len(tied)
        manual = [(c, o) for c, o in mine if c.override is QuarterGrade.GOOD]
        in_band = [(c, o) for c, o in manual if o.band is QuarterGrade.GOOD]
        honoured = len(in_band) <= count.quota
        for _c, o in in_band:
            assert o.overridden is honoured
            if not honoured and o.flag is not Flag.TIE_OVER_QUOTA:
                assert o.flag is Flag.MANUAL_GOOD_OVER_QUOTA
        for c, o in mine:  # 好 / 较好 by hand under the 好 line: never a lift
            by_hand = c.override in (QuarterGrade.GOOD, QuarterGrade.FAIRLY_GOOD)
            if by_hand and o.band is not QuarterGrade.GOOD:
                assert not o.overridden and o.flag is Flag.OVERRIDE_BELOW_LINE
        if honoured:
            assert all(o.flag is not Flag.MANUAL_GOOD_OVER_QUOTA for _c, o in mine)


@PROPERTY
@given(rosters())
def test_good_slots_are_left_unused_only_over_a_flagged_tie(roster: Roster) -> None:
    """Free slots while someone ≥ 90 without an override is not 好: only because a tie
    was cut or settled by hand with 较好, and then nobody below that tie is 好 without an
    override either."""
    people, rules = roster
    grading = grade_quarter(people, rules)
    pairs = graded(people, grading)
    for scope, members in by_scope(people, rules).items():
        count = grading.quota_for(members[0].department_id)
        mine = [(c, o) for c, o in pairs if scope_of(c, rules) == scope]
        left_out = [
            o
            for _c, o in mine
            if not o.overridden and o.band is QuarterGrade.GOOD and o.grade is not QuarterGrade.GOOD
        ]
        barriers = [key(c, o) for c, o in mine if o.flag is Flag.TIE_OVER_QUOTA] + [
            key(c, o)
            for c, o in mine
            if o.overridden and o.grade is QuarterGrade.FAIRLY_GOOD and o.band is QuarterGrade.GOOD
        ]
        if left_out and count.remaining > 0:
            assert barriers
        for c, o in mine:
            if barriers and key(c, o) < max(barriers) and o.grade is QuarterGrade.GOOD:
                assert o.overridden


@PROPERTY
@given(rosters())
def test_ranks_follow_the_order_within_each_category(roster: Roster) -> None:
    people, rules = roster
    grading = grade_quarter(people, rules)
    categories: dict[str, list[tuple[Key, int]]] = defaultdict(list)
    for candidate, outcome in graded(people, grading):
        assert outcome.rank is not None
        categories[candidate.category].append((key(candidate, outcome), outcome.rank))
    for members in categories.values():
        ordered = sorted(members, key=lambda m: m[0], reverse=True)
        ranks = [rank for _key, rank in ordered]
        assert ranks == sorted(ranks)
        assert ranks[0] == 1
        for k, rank in members:
            assert rank == 1 + sum(1 for other, _ in members if other > k)
        for (k1, r1), (k2, r2) in combinations(members, 2):
            assert (k1 == k2) == (r1 == r2)


@PROPERTY
@given(st.data())
def test_results_do_not_depend_on_input_order(data: st.DataObject) -> None:
    people, rules = data.draw(rosters())
    shuffled = data.draw(st.permutations(people))
    first, second = grade_quarter(people, rules), grade_quarter(shuffled, rules)
    assert first.outcomes == second.outcomes
    assert first.quotas == second.quotas


@PROPERTY
@given(rosters())
def test_statuses_and_participants(roster: Roster) -> None:
    people, rules = roster
    grading = grade_quarter(people, rules)
    assert set(grading.outcomes) == {c.person_id for c in people}
    for candidate in people:
        outcome = grading.outcomes[candidate.person_id]
        if candidate.no_grade_reason is not None:
            expected = GradeStatus.NOT_GRADED
        elif candidate.performance is None or candidate.leader is None:
            expected = GradeStatus.UNSCORED
        else:
            expected = GradeStatus.GRADED
        assert outcome.status is expected
        if expected is not GradeStatus.GRADED:
            assert (outcome.grade, outcome.rank, outcome.composite) == (None, None, None)
            assert outcome.flag is None and not outcome.overridden
    participants = sum(1 for c in people if c.no_grade_reason is None)
    assert sum(q.participants for q in grading.quotas) == participants
    assert {o.person_id for o in grading.unscored()} == {
        c.person_id
        for c in people
        if c.no_grade_reason is None and (c.performance is None or c.leader is None)
    }
