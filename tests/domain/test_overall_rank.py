"""全局排名 beside the 类别内排名 (issue 18): one rule, `grading._category_ranks`, over a
category and over everyone scored; kept in step by QuarterGrader without sorting again.

The grid's complaint: 86.60 showed rank 1 beside 90.00 with rank 2, because each rank is
within its own 人员类别. The overall rank puts them in one order."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from kaohe_desktop.domain.grading import Candidate, grade_quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.regrading import QuarterGrader

RULES = QuarterlyRules()


def _person(pid: int, category: str, score: str, leader: str | None = None) -> Candidate:
    return Candidate(pid, 1, category, Decimal(score), Decimal(leader or score))


def test_the_category_rank_and_the_overall_rank_side_by_side() -> None:
    people = [
        _person(1, "科员", "86.6"),
        _person(2, "中层", "95"),
        _person(3, "中层", "90"),
        _person(4, "科员", "80"),
    ]
    outcomes = grade_quarter(people, RULES).outcomes
    ranks = {pid: (o.rank, o.overall_rank) for pid, o in outcomes.items()}
    # 86.60 is first of the 科员 but third of everyone, behind both 中层.
    assert ranks == {1: (1, 3), 2: (1, 1), 3: (2, 2), 4: (2, 4)}


def test_overall_ties_are_shared_as_the_category_ties_are() -> None:
    # Equal on 综合得分, 领导测评分 and 实绩分: one rank, the next skips (1, 2, 2, 4).
    people = [
        _person(1, "科员", "92"),
        _person(2, "中层", "88"),
        _person(3, "科员", "88"),
        _person(4, "工勤", "70"),
        # Same 综合得分 as 2 and 3 but a lower 领导测评分: after them.
        Candidate(5, 1, "工勤", Decimal("90"), Decimal("86")),
    ]
    outcomes = grade_quarter(people, RULES).outcomes
    assert {pid: o.overall_rank for pid, o in outcomes.items()} == {1: 1, 2: 2, 3: 2, 5: 4, 4: 5}


def test_unscored_and_not_graded_people_have_no_overall_rank() -> None:
    people = [
        _person(1, "科员", "90"),
        Candidate(2, 1, "科员", None, Decimal(90)),
        replace(_person(3, "科员", "99"), no_grade_reason="试用期"),
    ]
    outcomes = grade_quarter(people, RULES).outcomes
    assert [outcomes[pid].overall_rank for pid in (1, 2, 3)] == [1, None, None]


def test_a_regrade_moves_only_the_overall_ranks_it_passes() -> None:
    people = [_person(pid, "科员" if pid % 2 else "中层", str(60 + pid)) for pid in range(1, 31)]
    grader = QuarterGrader(people, RULES)
    # Person 5 (65) rises to 80.5: past the 15 people of 66…80, who each drop one place
    # (overall, and the 科员 among them in their category); the ten above keep theirs.
    moved = grader.regrade([_person(5, "科员", "80.5")])
    now = [*people[:4], _person(5, "科员", "80.5"), *people[5:]]
    assert grader.grading() == grade_quarter(now, RULES)
    assert moved == set(range(5, 21))
    assert grader.outcome(5).overall_rank == 11
    assert grader.outcome(20).overall_rank == 12  # was 11
    assert grader.outcome(21).overall_rank == 10  # unchanged, above 80.5
    assert 21 not in moved and 4 not in moved
    # Someone leaving the scored moves everyone after them up one.
    moved = grader.regrade([Candidate(30, 1, "中层", None, Decimal(90))])
    assert grader.outcome(29).overall_rank == 1 and 29 in moved
    assert grader.outcome(30).overall_rank is None
