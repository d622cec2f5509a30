"""domain/half_year_scoring properties (hypothesis, issue 14): whatever the checks,
deductions, bonuses, vetoes, groups and decisions, every point of a total is traceable
to a source, every category stays in [0, max], the quotas hold, a higher total is never
graded lower without a veto, a decision or a tie flag, and the input order does not
matter.

Most departments get their total from one deduction out of a small pool, so equal
totals, and so ties on the quota lines, are common rather than rare."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal as D
from itertools import combinations
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    DepartmentGrade,
)
from kaohe_desktop.domain.half_year_grades import grade_value
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES, HalfYearRules
from kaohe_desktop.domain.half_year_scoring import (
    Bonus,
    Decision,
    Deduction,
    DepartmentInput,
    DepartmentResult,
    DueCheck,
    HalfYearScoring,
    Veto,
    score_half,
)

PROPERTY = settings(max_examples=300, deadline=None)
Half = tuple[list[DepartmentInput], list[Decision], HalfYearRules]

RULE_SETS = [
    HalfYearRules(),
    HalfYearRules(),
    HalfYearRules(excellent_quota=D("0.3"), good_quota=D("0.5"), bonus_cap=D(20)),
    HalfYearRules(excellent_min=D(950), good_min=D(950), poor_below=D(900)),
]
# totals 1000, 950, … : mostly on the lines' neighbourhood so the quotas bind
SIMPLE_DEDUCTIONS = st.sampled_from(["0", "-50", "-100", "-150", "-200", "-250", "-401", "-0.01"])
STATUSES = st.sampled_from([*CheckStatus, None])


@st.composite
def rich_parts(draw: st.DrawFn, did: int) -> tuple[tuple[DueCheck, ...], tuple[Deduction, ...]]:
    checks = tuple(
        DueCheck(task, task, "任务", D(draw(st.sampled_from(["2.55", "5", "10", "300"]))),
                 draw(st.sampled_from(["2026Q1", "2026Q2", "2026-03"])),
                 draw(st.sampled_from([*CheckLevel, None])), draw(STATUSES))
        for task in range(draw(st.integers(0, 4)))
    )  # fmt: skip
    deductions = tuple(
        Deduction(did * 100 + n, draw(st.sampled_from(SCORED_CATEGORIES)),
                  D(draw(st.sampled_from(["-0.5", "-5", "-40", "-120", "-800"]))), "事由",
                  draw(st.sampled_from([None, "文1"])), None,
                  draw(st.sampled_from([None, "督办〔2026〕第1号"])))
        for n in range(draw(st.integers(0, 3)))
    )  # fmt: skip
    return checks, deductions


@st.composite
def halves(draw: st.DrawFn) -> Half:
    size = draw(st.sampled_from(range(15)))  # uniform: not mostly tiny
    ids = draw(st.lists(st.integers(1, 500), min_size=size, max_size=size, unique=True))
    # a few totals per example, shared by most departments
    pool = draw(st.lists(SIMPLE_DEDUCTIONS, min_size=1, max_size=3, unique=True))
    inputs = []
    for did in ids:
        if draw(st.integers(0, 9)) < 7:
            checks: tuple[DueCheck, ...] = ()
            points = D(draw(st.sampled_from(pool)))
            deductions: tuple[Deduction, ...] = (
                Deduction(did, AdjustmentCategory.BUSINESS, points, "事由", None, None),
            )
        else:
            checks, deductions = draw(rich_parts(did))
        bonuses = tuple(
            Bonus(did * 100 + n, draw(st.sampled_from(CommendationLevel)),
                  draw(st.sampled_from([None, D(10)])), "表彰",
                  draw(st.sampled_from([None, "甲", "乙", " 甲"])), None)
            for n in range(draw(st.sampled_from([0, 0, 0, 1, 2, 4])))
        )  # fmt: skip
        vetoes = (Veto(did, "否决", None, None),) if draw(st.integers(0, 6)) == 0 else ()
        group = draw(st.sampled_from(["", "甲", "乙"]))
        inputs.append(
            DepartmentInput(did, f"科室{did}", group, checks, deductions, bonuses, vetoes)
        )
    decided = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    grades = st.sampled_from([*DepartmentGrade, DepartmentGrade.EXCELLENT, DepartmentGrade.GOOD])
    decisions = [Decision(i, draw(grades), "裁定") for i in decided]
    return inputs, decisions, draw(st.sampled_from(RULE_SETS))


def by_group(scoring: HalfYearScoring) -> dict[str, list[DepartmentResult]]:
    groups: dict[str, list[DepartmentResult]] = defaultdict(list)
    for result in scoring.results:
        groups[result.group].append(result)
    return groups


@PROPERTY
@given(halves())
def test_every_point_of_a_total_has_a_source_and_categories_stay_in_range(half: Half) -> None:
    inputs, decisions, rules = half
    for result in score_half(inputs, rules, decisions).results:
        counted = sum((s.points for s in result.sources if s.counted), D(0))
        assert rules.base + counted == result.total
        assert all(s.points == 0 for s in result.sources if not s.counted)
        for category in SCORED_CATEGORIES:
            assert 0 <= result.category(category) <= rules.category_max(category)
        assert 0 <= result.bonus <= rules.bonus_cap
        categories = sum((value for _c, value in result.categories), D(0))
        assert result.deductions_total == rules.base - categories >= 0
        assert result.total == categories + result.bonus


@PROPERTY
@given(halves())
def test_quotas_are_never_exceeded(half: Half) -> None:
    inputs, decisions, rules = half
    for members in by_group(score_half(inputs, rules, decisions)).values():
        n = len(members)
        excellent = sum(r.grade is DepartmentGrade.EXCELLENT for r in members)
        good = sum(r.grade is DepartmentGrade.GOOD for r in members)
        assert excellent <= max(1, int(n * rules.excellent_quota))
        assert good <= int(n * rules.good_quota)


@PROPERTY
@given(halves())
def test_a_higher_total_is_graded_lower_only_by_veto_decision_or_tie_flag(half: Half) -> None:
    inputs, decisions, rules = half
    for members in by_group(score_half(inputs, rules, decisions)).values():
        for a, b in combinations(members, 2):
            high, low = (a, b) if a.total > b.total else (b, a)
            if high.total == low.total or high.vetoed or high.decided or high.flagged:
                continue
            assert grade_value(high.grade) >= grade_value(low.grade), (high, low)


@PROPERTY
@given(halves())
def test_grades_keep_their_lines_and_flags_and_decisions_are_consistent(half: Half) -> None:
    inputs, decisions, rules = half
    chosen = {d.department_id: d.grade for d in decisions}
    scoring = score_half(inputs, rules, decisions)
    for members in by_group(scoring).values():
        for r in members:
            if r.grade is DepartmentGrade.EXCELLENT:
                assert r.total >= rules.excellent_min and not r.vetoed
            if r.grade is DepartmentGrade.GOOD:
                assert r.total >= rules.good_min
            assert (r.grade is DepartmentGrade.POOR) == (r.total < rules.poor_below)
            assert r.advanced == (r.grade is DepartmentGrade.EXCELLENT)
            assert not (r.flagged and r.decided)
            if r.decided:
                assert chosen[r.department_id] is r.grade
            if r.flagged:  # a tie: someone else of the group has the same total
                assert any(o.total == r.total for o in members if o is not r)
    assert scoring.closable == (not scoring.flagged() and not scoring.missing())


@PROPERTY
@given(halves())
def test_decisions_change_nothing_where_nothing_is_flagged(half: Half) -> None:
    inputs, decisions, rules = half
    plain = score_half(inputs, rules)
    assert not any(r.decided for r in plain.results)
    if not plain.flagged():
        assert score_half(inputs, rules, decisions) == plain


@PROPERTY
@given(halves(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_input_order(half: Half, random: Random) -> None:
    inputs, decisions, rules = half
    shuffled, reordered = list(inputs), list(decisions)
    random.shuffle(shuffled)
    random.shuffle(reordered)
    first = {r.department_id: r for r in score_half(inputs, rules, decisions).results}
    second = {r.department_id: r for r in score_half(shuffled, rules, reordered).results}
    assert first == second


@PROPERTY
@given(halves())
def test_ranks_count_the_strictly_higher_totals(half: Half) -> None:
    inputs, decisions, rules = half
    scoring = score_half(inputs, rules, decisions)
    for r in scoring.results:
        assert r.rank_overall == 1 + sum(o.total > r.total for o in scoring.results)
        same = [o for o in scoring.results if o.group == r.group]
        assert r.rank_in_group == 1 + sum(o.total > r.total for o in same)
