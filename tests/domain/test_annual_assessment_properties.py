"""domain/annual_assessment properties (hypothesis): whatever the quarters, discipline,
statuses and choices, the result does not depend on the candidates' order, the quota
never exceeds the participants, a person is eligible exactly when nothing limits them,
and 优秀 is only ever given to an eligible participant."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from kaohe_desktop.domain.annual_assessment import (
    AnnualCandidate,
    AnnualChoice,
    AnnualFlag,
    DisciplineMark,
    Participation,
    QuarterMark,
    assess_year,
    recommendation_refusal,
)
from kaohe_desktop.domain.annual_rules import ALLOWED_SHARES, AnnualRules
from kaohe_desktop.domain.enums import (
    AnnualGrade,
    DisciplineType,
    NoGradeReason,
    PersonStatus,
    QuarterGrade,
)

PROPERTY = settings(max_examples=300, deadline=None)
YEAR = 2026

# mostly 好, so that many are eligible and the quota binds
QUARTER_VALUES = st.sampled_from(
    [QuarterGrade.GOOD] * 6
    + [QuarterGrade.FAIRLY_GOOD] * 3
    + [QuarterGrade.AVERAGE, QuarterGrade.POOR, None, *NoGradeReason]
)
STATUSES = st.sampled_from([PersonStatus.ACTIVE] * 8 + list(PersonStatus))
CHOICES = st.sampled_from(
    [AnnualChoice()] * 4
    + [AnnualChoice(recommended=True)] * 3
    + [
        AnnualChoice(grade=AnnualGrade.COMPETENT),
        AnnualChoice(grade=AnnualGrade.BASICALLY_COMPETENT, reason="理由"),
        AnnualChoice(grade=AnnualGrade.BASICALLY_COMPETENT),
        AnnualChoice(grade=AnnualGrade.INCOMPETENT, reason="理由"),
        AnnualChoice(grade=AnnualGrade.NOT_PARTICIPATING, reason="借调"),
        AnnualChoice(grade=AnnualGrade.NOT_PARTICIPATING),
    ]
)
DISCIPLINE = st.builds(
    DisciplineMark,
    st.dates(date(YEAR - 2, 1, 1), date(YEAR + 1, 12, 31)),
    st.sampled_from(list(DisciplineType)),
)


@st.composite
def candidate(draw: st.DrawFn, pid: int) -> AnnualCandidate:
    values = draw(st.lists(QUARTER_VALUES, min_size=4, max_size=4))
    quarters = tuple(
        QuarterMark(n, grade=v)
        if isinstance(v, QuarterGrade)
        else QuarterMark(n, no_grade_reason=v)
        for n, v in enumerate(values, start=1)
        if v is not None
    )
    disciplines = (
        tuple(draw(st.lists(DISCIPLINE, max_size=2))) if draw(st.integers(0, 4)) == 0 else ()
    )
    return AnnualCandidate(pid, draw(STATUSES), quarters, disciplines, draw(CHOICES))


@st.composite
def rosters(draw: st.DrawFn) -> list[AnnualCandidate]:
    ids = draw(st.lists(st.integers(1, 10_000), max_size=24, unique=True))
    return [draw(candidate(pid)) for pid in ids]


RULES = st.sampled_from(
    [AnnualRules(excellent_share=s, share_reason="决定") for s in ALLOWED_SHARES]
)


@PROPERTY
@given(rosters(), RULES, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_the_order(
    roster: list[AnnualCandidate], rules: AnnualRules, rnd: Random
) -> None:
    shuffled = list(roster)
    rnd.shuffle(shuffled)
    first, second = assess_year(roster, rules, YEAR), assess_year(shuffled, rules, YEAR)
    assert dict(first.standings) == dict(second.standings)
    assert first.counter == second.counter
    # an iterator (the candidates read once) gives the same result
    assert assess_year(iter(shuffled), rules, YEAR) == second


@PROPERTY
@given(rosters(), RULES)
def test_counter_adds_up_and_the_quota_never_exceeds_participants(
    roster: list[AnnualCandidate], rules: AnnualRules
) -> None:
    outcome = assess_year(roster, rules, YEAR)
    c = outcome.counter
    assert c.participants + c.not_graded + c.not_participating == len(roster)
    assert 0 <= c.quota <= c.participants
    assert c.quota == int(Decimal(c.participants) * rules.excellent_share)  # ⌊⌋ of a positive
    excellent = [s for s in outcome.standings.values() if s.grade is AnnualGrade.EXCELLENT]
    assert c.recommended == len(excellent)
    over = {s.person_id for s in outcome.flagged() if s.flag is AnnualFlag.OVER_QUOTA}
    assert over == ({s.person_id for s in excellent} if len(excellent) > c.quota else set())


@PROPERTY
@given(rosters(), RULES)
def test_eligible_exactly_when_nothing_limits(
    roster: list[AnnualCandidate], rules: AnnualRules
) -> None:
    for s in assess_year(roster, rules, YEAR).standings.values():
        assert s.eligible == (s.limits == ())
        if s.participation is not Participation.PARTICIPANT:
            assert s.reasons and s.limits == s.reasons and not s.eligible
            assert s.grade in (AnnualGrade.NOT_GRADED, AnnualGrade.NOT_PARTICIPATING)
        else:
            assert s.reasons == ()
            assert s.good_count <= s.graded_count <= 4


@PROPERTY
@given(rosters(), RULES)
def test_excellent_only_for_an_eligible_recommended_participant(
    roster: list[AnnualCandidate], rules: AnnualRules
) -> None:
    outcome = assess_year(roster, rules, YEAR)
    for s in outcome.standings.values():
        if s.grade is AnnualGrade.EXCELLENT:
            assert s.eligible and s.recommended
            assert s.participation is Participation.PARTICIPANT
        if s.recommended and not s.eligible:
            assert s.flag is AnnualFlag.RECOMMENDED_NOT_ELIGIBLE
            assert s.grade is AnnualGrade.COMPETENT
        # a refusal is given exactly when the recommendation cannot be made
        refusal = recommendation_refusal("某人", s, outcome.counter)
        can = (
            s.participation is Participation.PARTICIPANT
            and s.eligible
            and not s.recommended
            and outcome.counter.remaining > 0
        )
        assert (refusal is None) == can


@PROPERTY
@given(rosters(), RULES)
def test_more_good_quarters_never_lose_eligibility(
    roster: list[AnnualCandidate], rules: AnnualRules
) -> None:
    """Turning a 较好 into 好 never takes 优秀资格 away."""
    before = assess_year(roster, rules, YEAR).standings
    better = [
        AnnualCandidate(
            c.person_id,
            c.status,
            tuple(
                QuarterMark(m.quarter, QuarterGrade.GOOD, None)
                if m.grade is QuarterGrade.FAIRLY_GOOD
                else m
                for m in c.quarters
            ),
            c.disciplines,
            c.choice,
        )
        for c in roster
    ]
    after = assess_year(better, rules, YEAR).standings
    for pid, s in before.items():
        assert after[pid].participation is s.participation
        if s.eligible:
            assert after[pid].eligible
