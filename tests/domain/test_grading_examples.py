"""domain/grading worked by hand (DESIGN.md §4): every expected value below is a literal
computed on paper, with the arithmetic in a comment, so the test does not trust the
engine's own helpers to check the engine."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import (
    GRADE_ORDER,
    Candidate,
    Flag,
    GradeStatus,
    Grading,
    QuotaCount,
    band,
    composite_score,
    grade_quarter,
    grade_value,
    performance_total,
)
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, QuotaScope

GOOD = QuarterGrade.GOOD
FAIR = QuarterGrade.FAIRLY_GOOD
AVERAGE = QuarterGrade.AVERAGE
POOR = QuarterGrade.POOR
TIE = Flag.TIE_OVER_QUOTA
MANUAL = Flag.MANUAL_GOOD_OVER_QUOTA
RULES = QuarterlyRules()
BY_DEPARTMENT = QuarterlyRules(quota_scope=QuotaScope.DEPARTMENT)


def person(
    pid: int,
    performance: str | None,
    leader: str | None,
    *,
    dept: int = 1,
    category: str = "公务员",
    points: str = "0",
    override: QuarterGrade | None = None,
    not_graded: str | None = None,
) -> Candidate:
    return Candidate(
        pid,
        dept,
        category,
        None if performance is None else D(performance),
        None if leader is None else D(leader),
        D(points),
        override,
        not_graded,
    )


def same(pid: int, score: str, **kwargs: Any) -> Candidate:
    """Both scores equal, so under the 50/50 scheme `score` is the 综合得分."""
    return person(pid, score, score, **kwargs)


def grades(grading: Grading) -> dict[int, QuarterGrade | None]:
    return {pid: o.grade for pid, o in grading.outcomes.items()}


def flags(grading: Grading) -> dict[int, Flag]:
    return {o.person_id: o.flag for o in grading.flagged() if o.flag is not None}


def counter(grading: Grading, dept: int = 1) -> tuple[int, int, int, int]:
    q = grading.quota_for(dept)
    return q.participants, q.quota, q.used, q.remaining


# --- 综合得分 and 实绩分 with 点评 (the cases of the former test_quarterly_arithmetic) ---


def test_composite_is_half_and_half_rounded_half_up() -> None:
    # 86.5 × 0.5 + 90.35 × 0.5 = 43.25 + 45.175 = 88.425 → 88.43 (half up, not banker's 88.42)
    assert composite_score(D("86.5"), D("90.35"), RULES) == D("88.43")


def test_comments_are_added_to_performance_and_clamped() -> None:
    assert performance_total(D("99"), D("4")) == D(100)  # 103 clamped to 100
    assert performance_total(D("1"), D("-4")) == D(0)  # −3 clamped to 0
    assert performance_total(D("86.5"), D("-2")) == D("84.5")
    # (80 + 2) × 0.5 + 90 × 0.5 = 41 + 45 = 86.00
    assert composite_score(performance_total(D("80"), D("2")), D("90"), RULES) == D("86.00")


def test_composite_rounds_half_up_at_the_good_line() -> None:
    # (89.97 + 90) / 2 = 89.985 → 89.99: still below 90
    assert composite_score(D("89.97"), D("90"), RULES) == D("89.99")
    # (89.99 + 90) / 2 = 89.995 → 90.00: rounding happens before the band
    assert composite_score(D("89.99"), D("90"), RULES) == D("90.00")
    # (89.9 + 90.1) / 2 = 90.00 exactly
    assert composite_score(D("89.9"), D("90.1"), RULES) == D("90.00")


def test_composite_uses_the_scheme_weights() -> None:
    rules = QuarterlyRules(performance_weight=D("0.45"), leader_weight=D("0.55"))
    # 80.1 × 0.45 + 90 × 0.55 = 36.045 + 49.5 = 85.545 → 85.55 (banker's would give 85.54)
    assert composite_score(D("80.1"), D("90"), rules) == D("85.55")


def test_bands_at_their_boundaries() -> None:
    expected = {
        "100": GOOD,
        "90.00": GOOD,
        "89.99": FAIR,
        "80.00": FAIR,
        "79.99": AVERAGE,
        "60.00": AVERAGE,
        "59.99": POOR,
        "0": POOR,
    }
    assert {text: band(D(text), RULES) for text in expected} == expected


def test_grade_values_order_good_first() -> None:
    assert [grade_value(g) for g in GRADE_ORDER] == [3, 2, 1, 0]


# --- the tie of three straddling the 40% line ---


def tie_roster(*, below: str = "88") -> list[Candidate]:
    """10 participants, quota floor(10 × 0.4) = 4: two clear 好, three equal on all three
    keys at places 3–5, then `below` and four more under 90."""
    return [
        same(1, "96"),
        same(2, "94"),
        same(3, "92"),
        same(4, "92"),
        same(5, "92"),
        same(6, below),
        same(7, "85"),
        same(8, "70"),
        same(9, "65"),
        same(10, "50"),
    ]


def test_a_tie_of_three_straddling_the_quota_all_get_fairly_good_and_a_flag() -> None:
    grading = grade_quarter(tie_roster(), RULES)
    # slots after 1 and 2: 4 − 2 = 2; three tied people do not fit 2 slots → all 较好
    assert grades(grading) == {
        1: GOOD, 2: GOOD, 3: FAIR, 4: FAIR, 5: FAIR,
        6: FAIR, 7: FAIR, 8: AVERAGE, 9: AVERAGE, 10: POOR,
    }  # fmt: skip
    assert flags(grading) == {3: TIE, 4: TIE, 5: TIE}
    assert counter(grading) == (10, 4, 2, 2)
    assert grading.quotas == (QuotaCount(None, 10, 4, 2),)
    assert [grading.outcomes[p].rank for p in (1, 2, 3, 4, 5, 6)] == [1, 2, 3, 3, 3, 6]


def test_nobody_below_a_cut_tie_passes_it() -> None:
    # the 91 at place 6 would fit the 2 free slots, but may not jump the tied 92s
    grading = grade_quarter(tie_roster(below="91"), RULES)
    assert grading.outcomes[6].grade is FAIR
    assert grading.outcomes[6].flag is None
    assert counter(grading) == (10, 4, 2, 2)


def test_equal_composites_are_ordered_by_the_leader_score() -> None:
    roster = tie_roster()
    roster[2:5] = [
        person(3, "90", "94"),  # (90 + 94) / 2 = 92.00, leader 94
        person(4, "92", "92"),  # 92.00, leader 92
        person(5, "94", "90"),  # 92.00, leader 90
    ]
    grading = grade_quarter(roster, RULES)
    # the second key decides: 3 then 4 take the two free slots, 5 is 较好 without a flag
    assert [grading.outcomes[p].grade for p in (3, 4, 5)] == [GOOD, GOOD, FAIR]
    assert flags(grading) == {}
    assert counter(grading) == (10, 4, 4, 0)
    assert [grading.outcomes[p].rank for p in (3, 4, 5)] == [3, 4, 5]


def test_equal_composite_and_leader_are_ordered_by_performance() -> None:
    # (90.02 + 90) / 2 = 90.01 and (90.01 + 90) / 2 = 90.005 → 90.01: equal composite and
    # leader, so 实绩分 decides. 3 participants → quota floor(1.2) = 1.
    roster = [person(1, "90.01", "90"), person(2, "90.02", "90"), same(3, "70")]
    grading = grade_quarter(roster, RULES)
    assert grading.outcomes[1].composite == grading.outcomes[2].composite == D("90.01")
    assert grades(grading) == {1: FAIR, 2: GOOD, 3: AVERAGE}
    assert flags(grading) == {}
    assert [grading.outcomes[p].rank for p in (2, 1, 3)] == [1, 2, 3]


def test_settling_a_tie_with_manual_good_on_two_clears_the_flag() -> None:
    roster = tie_roster()
    roster[2] = same(3, "92", override=GOOD)
    roster[3] = same(4, "92", override=GOOD)
    grading = grade_quarter(roster, RULES)
    # manual 好 2 ≤ quota 4: honoured; slots 4 − 2 = 2 go to 1 and 2; 5 is left with none
    assert [grading.outcomes[p].grade for p in (1, 2, 3, 4, 5)] == [GOOD, GOOD, GOOD, GOOD, FAIR]
    assert flags(grading) == {}
    assert counter(grading) == (10, 4, 4, 0)
    assert [grading.outcomes[p].overridden for p in (3, 4, 5)] == [True, True, False]


def test_one_manual_good_of_three_tied_still_leaves_a_tie() -> None:
    roster = tie_roster()
    roster[2] = same(3, "92", override=GOOD)
    grading = grade_quarter(roster, RULES)
    # slots 4 − 1 = 3: 1 and 2 take two, 4 and 5 are two people for the last slot
    assert flags(grading) == {4: TIE, 5: TIE}
    assert counter(grading) == (10, 4, 3, 1)


def test_settling_a_tie_with_fairly_good_for_all_three_clears_the_flag() -> None:
    roster = tie_roster()
    roster[2:5] = [same(p, "92", override=FAIR) for p in (3, 4, 5)]
    grading = grade_quarter(roster, RULES)
    assert [grading.outcomes[p].grade for p in (1, 2, 3, 4, 5, 6)] == [
        GOOD, GOOD, FAIR, FAIR, FAIR, FAIR,
    ]  # fmt: skip
    assert flags(grading) == {}
    assert counter(grading) == (10, 4, 2, 2)
    assert all(grading.outcomes[p].overridden for p in (3, 4, 5))


def test_a_tie_settled_with_fairly_good_still_holds_back_the_91_below_it() -> None:
    roster = tie_roster(below="91")
    roster[2:5] = [same(p, "92", override=FAIR) for p in (3, 4, 5)]
    grading = grade_quarter(roster, RULES)
    # The three 92s keep their place in the order: the two slots they left unused do
    # not pass to the 91 ("those ≥ 90 left out get 较好"), and nothing is flagged.
    assert grading.outcomes[6].grade is FAIR
    assert flags(grading) == {}
    assert counter(grading) == (10, 4, 2, 2)


# --- overrides ---


def ten_with_five_above_ninety(override_of_2: QuarterGrade | None = None) -> list[Candidate]:
    return [
        same(1, "97"),
        same(2, "95", override=override_of_2),
        same(3, "93"),
        same(4, "92"),
        same(5, "91"),
        same(6, "85"),
        same(7, "80"),
        same(8, "75"),
        same(9, "70"),
        same(10, "60"),
    ]


def test_without_overrides_the_four_best_are_good() -> None:
    grading = grade_quarter(ten_with_five_above_ninety(), RULES)
    # quota floor(10 × 0.4) = 4 → 97, 95, 93, 92 好; 91 is ≥ 90 but left out → 较好
    assert [grading.outcomes[p].grade for p in (1, 2, 3, 4, 5)] == [GOOD, GOOD, GOOD, GOOD, FAIR]


def test_manual_poor_above_ninety_gives_the_slot_to_the_next_in_order() -> None:
    grading = grade_quarter(ten_with_five_above_ninety(override_of_2=POOR), RULES)
    second = grading.outcomes[2]
    assert (second.grade, second.band, second.overridden) == (POOR, GOOD, True)
    assert second.composite == D("95.00")
    assert second.rank == 2  # ranked by the score, the override does not move it
    assert [grading.outcomes[p].grade for p in (1, 3, 4, 5)] == [GOOD, GOOD, GOOD, GOOD]
    assert flags(grading) == {}
    assert counter(grading) == (10, 4, 4, 0)


def test_a_manual_good_under_the_good_line_is_not_honoured_and_flagged() -> None:
    roster = [
        same(1, "95"),
        same(2, "93"),
        same(3, "85", override=GOOD),  # e.g. set at 93, then a score was corrected
        *(same(p, "70") for p in range(4, 11)),
    ]
    grading = grade_quarter(roster, RULES)
    # "≥ 90 may be 好": the hand-set 好 no longer stands; 85 is 较好 by its band
    assert [grading.outcomes[p].grade for p in (1, 2, 3)] == [GOOD, GOOD, FAIR]
    assert not grading.outcomes[3].overridden
    assert flags(grading) == {3: Flag.OVERRIDE_BELOW_LINE}
    assert counter(grading) == (10, 4, 2, 2)


def test_a_committee_fairly_good_is_not_a_lift_for_a_low_score() -> None:
    roster = [same(1, "95"), same(2, "50", override=FAIR), *(same(p, "70") for p in range(3, 6))]
    grading = grade_quarter(roster, RULES)
    assert grading.outcomes[2].grade is POOR
    assert flags(grading) == {2: Flag.OVERRIDE_BELOW_LINE}


def shrinking_roster(*, one_not_graded: bool) -> list[Candidate]:
    """Four manual 好 that filled the quota of 10 participants; then person 10 becomes
    不定等次 and the quota shrinks to floor(9 × 0.4) = 3."""
    return [
        same(1, "95"),
        same(2, "92", override=GOOD),
        same(3, "91.5", override=GOOD),
        same(4, "91", override=GOOD),
        same(5, "90.5", override=GOOD),
        *(same(p, "70") for p in range(6, 10)),
        same(10, "65", not_graded="试用期" if one_not_graded else None),
    ]


def test_manual_goods_filling_the_quota_are_honoured() -> None:
    grading = grade_quarter(shrinking_roster(one_not_graded=False), RULES)
    # 4 manual 好 ≤ quota 4: all honoured; no slot is left for the 95
    assert [grading.outcomes[p].grade for p in (1, 2, 3, 4, 5)] == [FAIR, GOOD, GOOD, GOOD, GOOD]
    assert flags(grading) == {}
    assert counter(grading) == (10, 4, 4, 0)


def test_manual_goods_beyond_a_shrunken_quota_are_none_honoured_and_all_flagged() -> None:
    grading = grade_quarter(shrinking_roster(one_not_graded=True), RULES)
    # 4 manual 好 > quota 3: none honoured; graded as if unset: 95, 92 and 91.5 take
    # the 3 automatic slots, 91 and 90.5 are left out with 较好
    assert [grading.outcomes[p].grade for p in (1, 2, 3, 4, 5)] == [GOOD, GOOD, GOOD, FAIR, FAIR]
    assert flags(grading) == {2: MANUAL, 3: MANUAL, 4: MANUAL, 5: MANUAL}
    assert not any(grading.outcomes[p].overridden for p in (2, 3, 4, 5))
    assert counter(grading) == (9, 3, 3, 0)


def test_an_override_waits_for_both_scores() -> None:
    roster = [
        person(1, "95", None, override=POOR),
        person(2, None, "95", override=GOOD),
        same(3, "91"),
        *(same(p, "70") for p in range(4, 6)),
    ]
    grading = grade_quarter(roster, RULES)
    for pid in (1, 2):
        outcome = grading.outcomes[pid]
        assert (outcome.status, outcome.grade, outcome.overridden) == (
            GradeStatus.UNSCORED, None, False,
        )  # fmt: skip
    # 5 participants (unscored included) → quota floor(2) = 2, only 91 is ≥ 90
    assert grading.outcomes[3].grade is GOOD
    assert counter(grading) == (5, 2, 1, 1)


# --- who counts for the quota ---


def test_not_graded_people_are_out_of_the_quota_base_and_not_ranked() -> None:
    roster = [
        same(1, "99", not_graded="立案调查"),
        same(2, "95"),
        same(3, "94"),
        same(4, "93"),
        same(5, "92"),
        same(6, "91"),
        *(same(p, "75") for p in range(7, 12)),
    ]
    grading = grade_quarter(roster, RULES)
    # 11 people, 1 不定等次 → 10 participants → quota floor(4.0) = 4
    assert counter(grading) == (10, 4, 4, 0)
    assert grading.outcomes[1].status is GradeStatus.NOT_GRADED
    assert (grading.outcomes[1].grade, grading.outcomes[1].rank) == (None, None)
    assert grading.outcomes[1].composite is None
    assert [grading.outcomes[p].grade for p in (2, 3, 4, 5, 6)] == [GOOD, GOOD, GOOD, GOOD, FAIR]
    assert [grading.outcomes[p].rank for p in (2, 3, 4, 5, 6, 7)] == [1, 2, 3, 4, 5, 6]


def test_one_not_graded_person_can_shrink_the_quota() -> None:
    roster = [same(p, str(100 - p)) for p in range(1, 11)]  # 99 … 90, all ≥ 90
    assert counter(grade_quarter(roster, RULES)) == (10, 4, 4, 0)  # floor(10 × 0.4) = 4
    roster[9] = same(10, "90", not_graded="请假超过半期")
    assert counter(grade_quarter(roster, RULES)) == (9, 3, 3, 0)  # floor(9 × 0.4) = 3


def test_quota_rounds_down() -> None:
    seven = [same(1, "95"), same(2, "93"), same(3, "91"), *(same(p, "70") for p in range(4, 8))]
    grading = grade_quarter(seven, RULES)
    # 7 × 0.4 = 2.8 → 2: the 91 is left out
    assert counter(grading) == (7, 2, 2, 0)
    assert [grading.outcomes[p].grade for p in (1, 2, 3)] == [GOOD, GOOD, FAIR]


def test_two_participants_have_no_good_slot_at_all() -> None:
    grading = grade_quarter([same(1, "95"), same(2, "70")], RULES)
    # 2 × 0.4 = 0.8 → 0: nobody can be 好; the 95 is 较好 and there is no tie to flag
    assert counter(grading) == (2, 0, 0, 0)
    assert grades(grading) == {1: FAIR, 2: AVERAGE}
    assert flags(grading) == {}


def test_the_quota_share_is_a_setting() -> None:
    roster = [same(p, str(100 - p)) for p in range(1, 11)]  # 99 … 90
    grading = grade_quarter(roster, QuarterlyRules(good_quota=D("0.3")))
    assert counter(grading) == (10, 3, 3, 0)  # floor(10 × 0.3) = 3


def test_per_department_scope_has_separate_quotas() -> None:
    roster = [
        # 科室 1: 5 participants → quota floor(2.0) = 2
        same(1, "95", dept=1),
        same(2, "93", dept=1),
        same(3, "91", dept=1),
        same(4, "70", dept=1),
        same(5, "70", dept=1),
        # 科室 2: 3 participants → quota floor(1.2) = 1
        same(6, "90", dept=2),
        same(7, "80", dept=2),
        same(8, "70", dept=2),
    ]
    grading = grade_quarter(roster, BY_DEPARTMENT)
    assert grading.outcomes[3].grade is FAIR  # 91 left out in 科室 1
    assert grading.outcomes[6].grade is GOOD  # 90 takes 科室 2's only slot
    assert grading.quotas == (QuotaCount(1, 5, 2, 2), QuotaCount(2, 3, 1, 1))
    assert counter(grading, dept=2) == (3, 1, 1, 0)
    # the same people bureau-wide: 8 → quota 3: 95, 93, 91 好, the 90 is left out
    bureau = grade_quarter(roster, RULES)
    assert bureau.quotas == (QuotaCount(None, 8, 3, 3),)
    assert (bureau.outcomes[3].grade, bureau.outcomes[6].grade) == (GOOD, FAIR)
    assert bureau.quota_for(2) == bureau.quota_for(1)


def test_ranks_are_bureau_wide_even_with_department_quotas() -> None:
    roster = [same(1, "95", dept=1), same(2, "93", dept=2), same(3, "94", dept=2)]
    grading = grade_quarter(roster, BY_DEPARTMENT)
    assert [grading.outcomes[p].rank for p in (1, 3, 2)] == [1, 2, 3]


# --- scores as graded ---


def test_rounding_decides_the_good_line_in_grading() -> None:
    roster = [
        person(1, "89.97", "90"),  # 89.985 → 89.99: 较好 although a slot is free
        person(2, "89.99", "90"),  # 89.995 → 90.00: 好
        person(3, "89.9", "90.1"),  # 90.00 exactly: 好
        *(same(p, "70") for p in range(4, 11)),
    ]
    grading = grade_quarter(roster, RULES)
    assert [grading.outcomes[p].composite for p in (1, 2, 3)] == [
        D("89.99"), D("90.00"), D("90.00"),
    ]  # fmt: skip
    assert [grading.outcomes[p].grade for p in (1, 2, 3)] == [FAIR, GOOD, GOOD]
    assert counter(grading) == (10, 4, 2, 2)


def test_comment_points_are_added_before_grading_and_clamped() -> None:
    roster = [
        person(1, "88", "90", points="2"),  # 实绩分 88 + 2 = 90 → (90 + 90) / 2 = 90.00 好
        person(2, "99", "95", points="4"),  # 99 + 4 = 103 → 100 → (100 + 95) / 2 = 97.50
        person(3, "61", "60", points="-2"),  # 61 − 2 = 59 → (59 + 60) / 2 = 59.50 较差
        person(4, "1", "20", points="-4"),  # 1 − 4 → 0 → (0 + 20) / 2 = 10.00
        *(same(p, "70") for p in range(5, 11)),
    ]
    grading = grade_quarter(roster, RULES)
    totals = [grading.outcomes[p].performance_total for p in (1, 2, 3, 4)]
    assert totals == [D("90"), D("100"), D("59"), D("0")]
    composites = [grading.outcomes[p].composite for p in (1, 2, 3, 4)]
    assert composites == [D("90.00"), D("97.50"), D("59.50"), D("10.00")]
    assert [grading.outcomes[p].grade for p in (1, 2, 3, 4)] == [GOOD, GOOD, POOR, POOR]


def test_bands_at_80_and_60_in_grading() -> None:
    roster = [
        person(1, "80", "80"),  # 80.00 较好
        person(2, "79.9", "80"),  # 79.95 一般
        person(3, "60", "60"),  # 60.00 一般
        person(4, "59.9", "60"),  # 59.95 较差
    ]
    assert grades(grade_quarter(roster, RULES)) == {1: FAIR, 2: AVERAGE, 3: AVERAGE, 4: POOR}


# --- ranks ---


def test_ranks_share_places_on_full_ties_per_category() -> None:
    roster = [
        same(1, "95", category="公务员"),
        same(2, "90", category="公务员"),
        same(3, "90", category="公务员"),
        same(4, "85", category="公务员"),
        same(5, "88", category="事业"),
        same(6, "88", category="事业"),
        same(7, "70", category="事业"),
        person(8, None, "99", category="公务员"),  # unscored: counted, not ranked
        person(9, "99", None, category="事业"),
    ]
    grading = grade_quarter(roster, RULES)
    ranks = {pid: o.rank for pid, o in grading.outcomes.items()}
    assert ranks == {1: 1, 2: 2, 3: 2, 4: 4, 5: 1, 6: 1, 7: 3, 8: None, 9: None}
    assert {o.person_id for o in grading.unscored()} == {8, 9}
    assert grading.outcomes[8].grade is None
    # 9 participants (both unscored included) → quota floor(3.6) = 3: 95 好; 90 and 90
    # are two people for the last 2 slots: they fit
    assert counter(grading) == (9, 3, 3, 0)


def test_only_equal_leader_scores_share_a_rank() -> None:
    roster = [person(1, "90", "94"), person(2, "94", "90"), person(3, "92", "92")]
    grading = grade_quarter(roster, RULES)
    # all 92.00; leader 94 > 92 > 90 decides
    assert [grading.outcomes[p].rank for p in (1, 3, 2)] == [1, 2, 3]


# --- edges ---


def test_an_empty_roster_has_an_empty_bureau_quota() -> None:
    grading = grade_quarter([], RULES)
    assert grading.outcomes == {}
    assert grading.quotas == (QuotaCount(None, 0, 0, 0),)
    assert grading.flagged() == [] and grading.unscored() == []


def test_not_graded_ignores_any_override() -> None:
    roster = [same(1, "95", override=GOOD, not_graded="试用期"), same(2, "91"), same(3, "70")]
    grading = grade_quarter(roster, RULES)
    assert grading.outcomes[1].status is GradeStatus.NOT_GRADED
    assert not grading.outcomes[1].overridden
    # 2 participants → quota 0: the manual 好 of a 不定等次 person does not count
    assert counter(grading) == (2, 0, 0, 0)
    assert flags(grading) == {}


@pytest.mark.parametrize("scope", list(QuotaScope))
def test_every_candidate_has_exactly_one_outcome(scope: QuotaScope) -> None:
    roster = [
        same(1, "95", dept=3),
        person(2, None, None, dept=1),
        same(3, "80", dept=2, not_graded="试用期"),
    ]
    grading = grade_quarter(roster, QuarterlyRules(quota_scope=scope))
    assert set(grading.outcomes) == {1, 2, 3}
    statuses = {pid: o.status for pid, o in grading.outcomes.items()}
    assert statuses == {1: GradeStatus.GRADED, 2: GradeStatus.UNSCORED, 3: GradeStatus.NOT_GRADED}
    keys = [q.department_id for q in grading.quotas]
    assert keys == ([None] if scope is QuotaScope.BUREAU else [1, 2, 3])
