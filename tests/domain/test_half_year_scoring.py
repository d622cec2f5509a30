"""domain/half_year_scoring worked by hand (DESIGN.md §4, issue 14): every expected value
below is a literal computed on paper, with the arithmetic in a comment, so the test does
not trust the engine's own helpers to check the engine. The properties are in
test_half_year_scoring_properties.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    DepartmentGrade,
)
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.half_year_scoring import (
    Bonus,
    Decision,
    Deduction,
    DepartmentInput,
    DepartmentResult,
    DueCheck,
    HalfYearScoring,
    SourceKind,
    Veto,
    score_half,
)

RULES = HalfYearRules()
BUSINESS = AdjustmentCategory.BUSINESS
INTEGRITY = AdjustmentCategory.INTEGRITY
CIVILITY = AdjustmentCategory.CIVILITY
ATTENDANCE = AdjustmentCategory.ATTENDANCE
EXCELLENT = DepartmentGrade.EXCELLENT
GOOD = DepartmentGrade.GOOD
AVERAGE = DepartmentGrade.AVERAGE
POOR = DepartmentGrade.POOR
DOC = "夏政发〔2026〕3号"


def department(
    did: int,
    *,
    group: str = "",
    checks: tuple[DueCheck, ...] = (),
    deductions: tuple[Deduction, ...] = (),
    bonuses: tuple[Bonus, ...] = (),
    vetoes: tuple[Veto, ...] = (),
) -> DepartmentInput:
    return DepartmentInput(did, f"科室{did}", group, checks, deductions, bonuses, vetoes)


def due(
    status: CheckStatus | None,
    period: str,
    *,
    points: str = "10",
    seq: int = 1,
    level: CheckLevel | None = CheckLevel.LEAD,
) -> DueCheck:
    return DueCheck(seq, seq, f"任务{seq}", D(points), period, level, status)


def deduct(
    sid: int, category: AdjustmentCategory, points: str, notice: str | None = None
) -> Deduction:
    return Deduction(sid, category, D(points), f"事由{sid}", None, date(2026, 3, 1), notice, "张三")


def bonus(
    sid: int, level: CommendationLevel, doc_no: str | None, claimed: str | None = None
) -> Bonus:
    return Bonus(sid, level, None if claimed is None else D(claimed), f"表彰{sid}", doc_no, None)


def scoring_total(did: int, total: int, *, group: str = "", veto: bool = False) -> DepartmentInput:
    """A department whose total is `total` (300–1000): one 业务工作 deduction."""
    deductions = () if total == 1000 else (deduct(did, BUSINESS, str(total - 1000)),)
    vetoes = (Veto(did, "发生安全责任事故", None, None),) if veto else ()
    return department(did, group=group, deductions=deductions, vetoes=vetoes)


def traced(result: DepartmentResult) -> D:
    return RULES.base + sum((s.points for s in result.sources if s.counted), D(0))


def grades(scoring: HalfYearScoring) -> dict[int, DepartmentGrade]:
    return {r.department_id: r.grade for r in scoring.results}


def flagged(scoring: HalfYearScoring) -> set[int]:
    return {r.department_id for r in scoring.flagged()}


# --- points ---------------------------------------------------------------------------


def test_a_full_department_scores_the_base_and_lists_nothing_missing() -> None:
    scoring = score_half([department(1)], RULES)
    (result,) = scoring.results
    assert result.categories == ((BUSINESS, D(700)), (INTEGRITY, D(100)), (CIVILITY, D(100)),
                                 (ATTENDANCE, D(100)))  # fmt: skip
    assert (result.bonus, result.deductions_total, result.total) == (D(0), D(0), D(1000))
    assert (result.rank_in_group, result.rank_overall, result.grade) == (1, 1, EXCELLENT)
    assert result.advanced and not result.flagged and not result.decided
    assert result.sources == () and scoring.closable


def test_a_category_stops_at_zero_and_the_clamp_gives_back_the_excess() -> None:
    # 考勤 100 − 60 − 70 = −30 → 0, the clamp gives back 30; total 700 + 100 + 100 + 0
    result = score_half(
        [department(1, deductions=(deduct(1, ATTENDANCE, "-60"), deduct(2, ATTENDANCE, "-70")))],
        RULES,
    ).result(1)
    assert result.category(ATTENDANCE) == D(0)
    assert (result.total, result.deductions_total) == (D(900), D(100))
    clamp = [s for s in result.sources if s.kind is SourceKind.CLAMP]
    assert [(s.category, s.points, s.note, s.counted) for s in clamp] == [
        (ATTENDANCE, D(30), "扣完为止", True)
    ]
    assert traced(result) == D(900)


def test_a_positive_deduction_cannot_lift_a_category_over_its_maximum() -> None:
    # the service refuses it; should one slip through: 考勤 100 + 5 → 100, the clamp −5
    result = score_half([department(1, deductions=(deduct(1, ATTENDANCE, "5"),))], RULES).result(1)
    clamp = result.sources[-1]
    assert (clamp.kind, clamp.points, clamp.note) == (SourceKind.CLAMP, D(-5), "不超过满分 100")
    assert result.category(ATTENDANCE) == D(100) and result.total == traced(result) == D(1000)


def test_a_key_task_checked_monthly_deducts_its_share_per_month() -> None:
    # 分值 10: 已完成 0 + 逾期完成 30% (3) + 部分完成 50% (5) = 8; 业务工作 700 − 8 = 692
    checks = (
        due(CheckStatus.DONE, "2026-01"),
        due(CheckStatus.LATE, "2026-02"),
        due(CheckStatus.PARTIAL, "2026-03"),
    )
    result = score_half([department(1, checks=checks)], RULES).result(1)
    assert result.category(BUSINESS) == D(692)
    assert [(s.period, s.share, s.points) for s in result.sources] == [
        ("2026-01", D(0), D(0)), ("2026-02", D("0.3"), D(-3)), ("2026-03", D("0.5"), D(-5)),
    ]  # fmt: skip
    assert all(s.kind is SourceKind.CHECK and s.label == "第1项 任务1" for s in result.sources)
    assert result.missing == () and traced(result) == result.total == D(992)


def test_a_routine_quarterly_task_with_one_period_missing_counts_it_as_missed() -> None:
    # 分值 8: 2026Q1 已完成 0, 2026Q2 nothing confirmed → 未完成 100% = 8; 700 − 8 = 692
    missing = due(None, "2026Q2", points="8", level=None)
    scoring = score_half(
        [department(1, checks=(due(CheckStatus.DONE, "2026Q1", points="8"), missing))], RULES
    )
    result = scoring.result(1)
    assert result.category(BUSINESS) == D(692)
    assert result.missing == (missing,)
    assert scoring.missing() == [(result, missing)]
    assert not scoring.closable
    source = result.sources[1]
    assert (source.status, source.share, source.points, source.note) == (
        None, D(1), D(-8), "未录入，按未完成计",
    )  # fmt: skip


def test_the_standing_level_and_status_are_the_ones_shown_and_not_due_deducts_nothing() -> None:
    # The service picks the standing check (三级 over 一级); the engine deducts what it
    # is given: 部分完成 50% of 6 = 3; 未到期 0.
    checks = (
        due(CheckStatus.PARTIAL, "2026Q1", points="6", level=CheckLevel.LEADERSHIP),
        due(CheckStatus.NOT_DUE, "2026Q2", points="6", seq=2),
    )
    result = score_half([department(1, checks=checks)], RULES).result(1)
    first, second = result.sources
    assert (first.level, first.status, first.share, first.points) == (
        CheckLevel.LEADERSHIP, CheckStatus.PARTIAL, D("0.5"), D(-3),
    )  # fmt: skip
    assert (second.status, second.share, second.points) == (CheckStatus.NOT_DUE, D(0), D(0))
    assert result.category(BUSINESS) == D(697)


def test_a_check_deduction_is_rounded_half_up_to_hundredths() -> None:
    # 逾期完成 30% of 2.55 = 0.765 → 0.77; 700 − 0.77 = 699.23
    result = score_half(
        [department(1, checks=(due(CheckStatus.LATE, "2026Q1", points="2.55"),))], RULES
    ).result(1)
    assert result.sources[0].points == D("-0.77")
    assert result.category(BUSINESS) == D("699.23") and traced(result) == result.total


def test_business_sums_checks_manual_and_notice_deductions() -> None:
    # 700 − 10 (未完成) − 5 (manual) − 2 (督办单) = 683; 党风廉政 100 − 4 = 96
    deductions = (
        deduct(1, BUSINESS, "-5"),
        deduct(2, BUSINESS, "-2", notice="督办〔2026〕第3号"),
        deduct(3, INTEGRITY, "-4"),
    )
    checks = (due(CheckStatus.MISSED, "2026Q1"),)
    result = score_half([department(1, checks=checks, deductions=deductions)], RULES).result(1)
    assert (result.category(BUSINESS), result.category(INTEGRITY)) == (D(683), D(96))
    assert (result.deductions_total, result.total) == (D(21), D(979))
    kinds = [(s.kind, s.doc_no, s.entered_by) for s in result.sources[1:]]
    assert kinds == [
        (SourceKind.ADJUSTMENT, None, "张三"),
        (SourceKind.NOTICE, "督办〔2026〕第3号", "张三"),
        (SourceKind.ADJUSTMENT, None, "张三"),
    ]


def test_one_document_listed_at_two_levels_counts_once_at_the_higher() -> None:
    # 省级 20 and 市级 15 under one 文号 (one typed with a blank) → 20; plus 县直部门 5
    # without 文号 → bonus 25, total 1025
    bonuses = (
        bonus(1, CommendationLevel.CITY, DOC),
        bonus(2, CommendationLevel.PROVINCIAL, " 夏政发〔2026〕 3号"),
        bonus(3, CommendationLevel.COUNTY_DEPARTMENT, None),
    )
    result = score_half([department(1, bonuses=bonuses)], RULES).result(1)
    assert [(s.points, s.counted, s.note, s.commendation) for s in result.sources] == [
        (D(0), False, "同一文号已按省级计入", CommendationLevel.CITY),
        (D(20), True, "", CommendationLevel.PROVINCIAL),
        (D(5), True, "", CommendationLevel.COUNTY_DEPARTMENT),
    ]
    assert (result.bonus, result.total) == (D(25), D(1025))


def test_the_same_document_for_two_departments_counts_for_each() -> None:
    both = [department(1, bonuses=(bonus(1, CommendationLevel.CITY, DOC),)),
            department(2, bonuses=(bonus(2, CommendationLevel.CITY, DOC),))]  # fmt: skip
    assert [r.bonus for r in score_half(both, RULES).results] == [D(15), D(15)]


def test_the_bonus_is_capped_at_fifty() -> None:
    # 国家级 30 + 省级 20 + 市级 15 = 65 → 50; the cap takes back 15; total 1050
    bonuses = (
        bonus(1, CommendationLevel.NATIONAL, "甲"),
        bonus(2, CommendationLevel.PROVINCIAL, "乙"),
        bonus(3, CommendationLevel.CITY, "丙"),
    )
    result = score_half([department(1, bonuses=bonuses)], RULES).result(1)
    cap = result.sources[-1]
    assert (cap.kind, cap.category, cap.points, cap.note) == (
        SourceKind.CAP, AdjustmentCategory.BONUS, D(-15), "超出加分上限 50",
    )  # fmt: skip
    assert (result.bonus, result.total) == (D(50), D(1050)) and traced(result) == D(1050)


def test_the_level_decides_a_bonus_and_a_different_typed_figure_is_noted() -> None:
    result = score_half(
        [department(1, bonuses=(bonus(1, CommendationLevel.COUNTY, None, claimed="12"),))], RULES
    ).result(1)
    assert result.bonus == D(10)
    assert result.sources[0].note == "填报 12 分，按县委县政府计 10 分"


def test_a_veto_is_a_source_worth_nothing() -> None:
    result = score_half([scoring_total(1, 1000, veto=True)], RULES).result(1)
    (source,) = result.sources
    assert (source.category, source.points, source.label) == (
        AdjustmentCategory.VETO, D(0), "发生安全责任事故",
    )  # fmt: skip
    assert result.vetoed and result.total == D(1000)


# --- ranks and grades -----------------------------------------------------------------


def test_equal_totals_share_a_rank_within_the_group_and_overall() -> None:
    # 甲: 950, 900, 900.00, 850 → 1, 2, 2, 4; 乙: 920, 900 → 1, 2
    # overall: 950 1, 920 2, 900 ×3 → 3, 850 → 6
    inputs = [
        scoring_total(1, 950, group="甲"),
        scoring_total(2, 900, group="甲"),
        department(3, group="甲", deductions=(deduct(3, BUSINESS, "-100.00"),)),
        scoring_total(4, 850, group="甲"),
        scoring_total(5, 920, group="乙"),
        scoring_total(6, 900, group="乙"),
    ]
    scoring = score_half(inputs, RULES)
    assert [(r.rank_in_group, r.rank_overall) for r in scoring.results] == [
        (1, 1), (2, 3), (2, 3), (4, 6), (1, 2), (2, 3),
    ]  # fmt: skip


def test_a_veto_on_the_top_total_passes_excellent_to_the_next() -> None:
    # group of 5: 优秀 ⌊5 × 20%⌋ = 1, 良好 ⌊5 × 40%⌋ = 2
    # 980 vetoed → not 优秀, uses no place; 950 takes it; 良好: 980, 920; 850 and 700 一般
    inputs = [scoring_total(1, 980, veto=True), scoring_total(2, 950), scoring_total(3, 920),
              scoring_total(4, 850), scoring_total(5, 700)]  # fmt: skip
    scoring = score_half(inputs, RULES)
    assert grades(scoring) == {1: GOOD, 2: EXCELLENT, 3: GOOD, 4: AVERAGE, 5: AVERAGE}
    assert [r.advanced for r in scoring.results] == [False, True, False, False, False]
    assert scoring.result(1).rank_in_group == 1 and not flagged(scoring)


def test_equal_totals_straddling_the_good_line_both_fall_and_are_flagged() -> None:
    # group of 5: 950 优秀; 良好 2 places: 880 takes one, 860 and 860 for the last one
    # → both 一般, flagged; 700 一般
    inputs = [scoring_total(1, 950), scoring_total(2, 880), scoring_total(3, 860),
              scoring_total(4, 860), scoring_total(5, 700)]  # fmt: skip
    scoring = score_half(inputs, RULES)
    assert grades(scoring) == {1: EXCELLENT, 2: GOOD, 3: AVERAGE, 4: AVERAGE, 5: AVERAGE}
    assert flagged(scoring) == {3, 4} and not scoring.closable

    settled = score_half(inputs, RULES, [Decision(3, GOOD, "委员会会议纪要第2号")])
    assert grades(settled) == {1: EXCELLENT, 2: GOOD, 3: GOOD, 4: AVERAGE, 5: AVERAGE}
    assert [(r.decided, r.flagged) for r in settled.results[2:4]] == [(True, False), (False, False)]
    assert settled.closable

    # both to 良好 would exceed the quota: neither stands, both stay flagged
    over = score_half(inputs, RULES, [Decision(3, GOOD, "甲"), Decision(4, GOOD, "乙")])
    assert grades(over) == grades(scoring) and flagged(over) == {3, 4}
    assert not any(r.decided for r in over.results)


def test_a_decision_for_a_department_in_no_tie_is_ignored() -> None:
    inputs = [scoring_total(1, 950), scoring_total(2, 880), scoring_total(3, 870),
              scoring_total(4, 860), scoring_total(5, 700)]  # fmt: skip
    scoring = score_half(inputs, RULES, [Decision(4, GOOD, "无并列"), Decision(1, AVERAGE, "")])
    assert grades(scoring) == {1: EXCELLENT, 2: GOOD, 3: GOOD, 4: AVERAGE, 5: AVERAGE}
    assert not any(r.decided for r in scoring.results)


def test_a_tie_on_the_excellent_line_falls_to_good_and_a_decision_splits_it() -> None:
    # group of 5: two 950 for one 优秀 place → both 良好 (2 places), flagged
    inputs = [scoring_total(1, 950), scoring_total(2, 950), scoring_total(3, 900),
              scoring_total(4, 850), scoring_total(5, 700)]  # fmt: skip
    scoring = score_half(inputs, RULES)
    assert grades(scoring) == {1: GOOD, 2: GOOD, 3: AVERAGE, 4: AVERAGE, 5: AVERAGE}
    assert flagged(scoring) == {1, 2}
    # the committee names 2 优秀: 1 takes 良好 with it, 900 takes the other 良好 place
    settled = score_half(inputs, RULES, [Decision(2, EXCELLENT, "会议纪要")])
    assert grades(settled) == {1: GOOD, 2: EXCELLENT, 3: GOOD, 4: AVERAGE, 5: AVERAGE}
    assert [r.department_id for r in settled.results if r.decided] == [2]
    assert settled.closable


def test_a_decision_to_stay_below_the_line_lets_the_rest_of_the_tie_have_it() -> None:
    # group of 5: 950, 950 for 1 优秀 place; the committee keeps 1 at 良好: the place
    # goes to 2 (in the tie, undecided), 1 is 良好 by decision; 900 takes the other 良好
    inputs = [scoring_total(1, 950), scoring_total(2, 950), scoring_total(3, 900),
              scoring_total(4, 850), scoring_total(5, 700)]  # fmt: skip
    scoring = score_half(inputs, RULES, [Decision(1, GOOD, "会议纪要")])
    assert grades(scoring) == {1: GOOD, 2: EXCELLENT, 3: GOOD, 4: AVERAGE, 5: AVERAGE}
    assert [(r.decided, r.flagged) for r in scoring.results[:3]] == [
        (True, False), (False, False), (False, False),
    ]  # fmt: skip


def test_places_a_settled_tie_leaves_unused_pass_to_nobody_below() -> None:
    # as above, but the committee puts 1 at 一般: the two 良好 places stay unused rather
    # than go to 900 and 850 (as the quarterly 等次调整: a decision never lifts others)
    inputs = [scoring_total(1, 950), scoring_total(2, 950), scoring_total(3, 900),
              scoring_total(4, 850), scoring_total(5, 700)]  # fmt: skip
    decisions = [Decision(1, AVERAGE, "会议纪要"), Decision(2, EXCELLENT, "会议纪要")]
    scoring = score_half(inputs, RULES, decisions)
    assert grades(scoring) == {1: AVERAGE, 2: EXCELLENT, 3: AVERAGE, 4: AVERAGE, 5: AVERAGE}
    assert [r.decided for r in scoring.results] == [True, True, False, False, False]
    assert scoring.closable


def test_decisions_that_the_lower_quota_cannot_hold_are_not_honoured() -> None:
    # group of 5: four 950 for 1 优秀 and 2 良好 places; the committee names 1 优秀 and
    # three 良好: three do not fit two places, so only the 优秀 stands and the three
    # are still a tie on the 良好 line (一般, flagged)
    inputs = [*(scoring_total(i, 950) for i in (1, 2, 3, 4)), scoring_total(5, 700)]
    decisions = [Decision(1, EXCELLENT, ""), *(Decision(i, GOOD, "") for i in (2, 3, 4))]
    scoring = score_half(inputs, RULES, decisions)
    assert grades(scoring) == {1: EXCELLENT, 2: AVERAGE, 3: AVERAGE, 4: AVERAGE, 5: AVERAGE}
    assert flagged(scoring) == {2, 3, 4}
    assert [r.department_id for r in scoring.results if r.decided] == [1]
    # two of them fit: settled, the third is 一般 by the committee's choice of the two
    settled = score_half(inputs, RULES, decisions[:3])
    assert grades(settled) == {1: EXCELLENT, 2: GOOD, 3: GOOD, 4: AVERAGE, 5: AVERAGE}
    assert settled.closable


def test_a_group_of_two_has_one_excellent_and_no_good_place() -> None:
    # 优秀 max(1, ⌊2 × 20%⌋) = 1; 良好 ⌊2 × 40%⌋ = 0
    scoring = score_half([scoring_total(1, 950), scoring_total(2, 890)], RULES)
    assert grades(scoring) == {1: EXCELLENT, 2: AVERAGE}


def test_lines_and_quotas_of_a_group_of_ten() -> None:
    # 优秀 ⌊10 × 20%⌋ = 2 and ≥ 900; 良好 ⌊10 × 40%⌋ = 4 and ≥ 800; < 600 较差
    totals = [1000, 990, 980, 899, 850, 820, 810, 799, 600, 599]
    scoring = score_half([scoring_total(i, t) for i, t in enumerate(totals)], RULES)
    assert [r.grade for r in scoring.results] == [
        EXCELLENT, EXCELLENT, GOOD, GOOD, GOOD, GOOD, AVERAGE, AVERAGE, AVERAGE, POOR,
    ]  # fmt: skip


def test_nobody_is_excellent_below_nine_hundred_and_the_place_does_not_pass_to_good() -> None:
    # group of 5: best 890 → 良好 (2 places: 890, 880); 870 一般 though 优秀 went unused
    inputs = [scoring_total(i, t) for i, t in enumerate([890, 880, 870, 860, 700])]
    assert [r.grade for r in score_half(inputs, RULES).results] == [
        GOOD, GOOD, AVERAGE, AVERAGE, AVERAGE,
    ]  # fmt: skip


def test_groups_are_graded_apart() -> None:
    inputs = [scoring_total(1, 950, group="甲"), scoring_total(2, 940, group="乙")]
    assert grades(score_half(inputs, RULES)) == {1: EXCELLENT, 2: EXCELLENT}


def test_results_keep_the_input_order_and_an_empty_half_is_closable() -> None:
    scoring = score_half([scoring_total(3, 900), scoring_total(1, 950)], RULES)
    assert [r.department_id for r in scoring.results] == [3, 1]
    assert scoring.result(1).total == D(950)
    with pytest.raises(KeyError):
        scoring.result(2)
    empty = score_half([], RULES)
    assert empty.results == () and empty.closable


def test_a_department_given_twice_or_a_deduction_outside_the_four_is_refused() -> None:
    with pytest.raises(ValueError, match="科室重复：科室1"):
        score_half([scoring_total(1, 900), scoring_total(1, 900)], RULES)
    with pytest.raises(ValueError, match="扣分类别"):
        score_half([department(1, deductions=(deduct(1, AdjustmentCategory.BONUS, "-1"),))], RULES)


def test_other_rules_are_read_from_the_scheme() -> None:
    # 部分完成 40% of 10 = 4; bonus 市级 15 capped at 10; 优秀 line 950
    rules = HalfYearRules(partial_share=D("0.4"), excellent_min=D(950), bonus_cap=D(10))
    inputs = [
        department(1, checks=(due(CheckStatus.PARTIAL, "2026Q1"),),
                   bonuses=(bonus(1, CommendationLevel.CITY, None),)),
        scoring_total(2, 940, group="乙"),
    ]  # fmt: skip
    scoring = score_half(inputs, rules)
    result = scoring.result(1)
    # 1000 − 4 + min(15, 10) = 1006 → 优秀; 940 < 950 and a group of one has no 良好 place
    assert (result.category(BUSINESS), result.bonus, result.total) == (D(696), D(10), D(1006))
    assert grades(scoring) == {1: EXCELLENT, 2: AVERAGE}
