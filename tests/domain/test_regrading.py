"""domain/regrading (issue 16): after any run of changed entries, QuarterGrader's grading
is grade_quarter's for the candidates as they now are — every outcome, in the same
order, every quota line — and `regrade` names exactly the people whose outcome moved.

A regrade that forgot a scope (someone's 好 slot taken by a rise elsewhere in the
bureau) or a category (ranks shifted in another department) fails here."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.domain.test_grading_properties import OVERRIDES, SCORES, rosters

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import Candidate, Grading, grade_quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, QuotaScope
from kaohe_desktop.domain.regrading import MovedError, QuarterGrader

PROPERTY = settings(max_examples=300, deadline=None)

# One change: whose (an index into the roster), then what it becomes.
EDITS = st.lists(
    st.tuples(
        st.integers(0, 1000),
        st.sampled_from(["performance", "leader", "comment_points", "override", "no_grade"]),
        st.one_of(st.none(), SCORES),
        OVERRIDES,
        st.sampled_from([None, None, "试用期"]),
        st.booleans(),  # also change the next person, in the same regrade (a paste)
    ),
    min_size=1,
    max_size=8,
)


def _edited(c: Candidate, what: str, score: Decimal | None, override: QuarterGrade | None,
            reason: str | None) -> Candidate:  # fmt: skip
    if what == "performance":
        return replace(c, performance=score)
    if what == "leader":
        return replace(c, leader=score)
    if what == "comment_points":
        return replace(c, comment_points=c.comment_points + Decimal(2))
    if what == "override":
        return replace(c, override=override)
    return replace(c, no_grade_reason=reason)


def assert_same(grading: Grading, expected: Grading) -> None:
    assert list(grading.outcomes.items()) == list(expected.outcomes.items())
    assert grading.quotas == expected.quotas
    assert grading.scope is expected.scope


@PROPERTY
@given(rosters(), EDITS)
def test_a_regrade_is_a_whole_grading(
    roster: tuple[list[Candidate], QuarterlyRules],
    edits: list[tuple[int, str, Decimal | None, QuarterGrade | None, str | None, bool]],
) -> None:
    people, rules = roster
    if not people:
        return
    grader = QuarterGrader(people, rules)
    assert_same(grader.grading(), grade_quarter(people, rules))
    for index, what, score, override, reason, also_next in edits:
        before = grader.grading()
        n = index % len(people)
        changed = {n: _edited(people[n], what, score, override, reason)}
        if also_next and len(people) > 1:
            m = (n + 1) % len(people)
            changed[m] = _edited(people[m], "leader", score, None, None)
        for position, candidate in changed.items():
            people[position] = candidate
        moved = grader.regrade(changed.values())
        expected = grade_quarter(people, rules)
        assert_same(grader.grading(), expected)
        assert moved == {
            pid for pid, outcome in expected.outcomes.items() if before.outcomes[pid] != outcome
        }


def test_a_rise_in_one_department_takes_a_slot_in_another_and_shifts_ranks() -> None:
    """The bureau shares one quota: a score typed in 科室 1 takes the last 好 from 科室 2,
    and everyone of the category below the new score moves down a rank."""
    rules = QuarterlyRules(good_quota=Decimal("0.4"), quota_scope=QuotaScope.BUREAU)
    people = [
        Candidate(1, 1, "公务员", Decimal(80), Decimal(80)),
        Candidate(2, 2, "公务员", Decimal(95), Decimal(95)),
        Candidate(3, 2, "公务员", Decimal(92), Decimal(92)),
        Candidate(4, 3, "公务员", Decimal(85), Decimal(85)),
        Candidate(5, 3, "事业", Decimal(70), Decimal(70)),
    ]
    grader = QuarterGrader(people, rules)
    assert grader.outcome(3).grade is QuarterGrade.GOOD
    moved = grader.regrade([replace(people[0], performance=Decimal(99), leader=Decimal(99))])
    assert grader.outcome(1).grade is QuarterGrade.GOOD
    assert grader.outcome(3).grade is QuarterGrade.FAIRLY_GOOD  # its slot went to 科室 1
    assert (grader.outcome(2).rank, grader.outcome(3).rank, grader.outcome(4).rank) == (2, 3, 4)
    assert moved == {1, 2, 3, 4}  # 5 is another category, under the line: untouched


def test_a_move_to_another_department_is_refused() -> None:
    rules = QuarterlyRules(quota_scope=QuotaScope.DEPARTMENT)
    people = [Candidate(1, 1, "公务员", Decimal(80), Decimal(80))]
    grader = QuarterGrader(people, rules)
    with pytest.raises(MovedError):
        grader.regrade([replace(people[0], department_id=2)])
    with pytest.raises(MovedError):
        grader.regrade([replace(people[0], category="事业")])
    assert_same(grader.grading(), grade_quarter(people, rules))
