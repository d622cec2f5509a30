"""domain/annual_assessment worked by hand (DESIGN.md §4, Annual): who takes part, who is
不定等次 or 不参加 and why, 优秀资格 and 限制情形 in words, the quota ⌊participants ×
share⌋ and the grade each person's choice gives. Every expected value is a literal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from kaohe_desktop.domain.annual_assessment import (
    NO_CHOICE,
    AnnualCandidate,
    AnnualChoice,
    AnnualFlag,
    AnnualOutcome,
    AnnualStanding,
    DisciplineMark,
    Participation,
    QuarterMark,
    assess_year,
    grade_refusal,
    marks_in_order,
    quota_size,
    recommendation_refusal,
)
from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import (
    AnnualGrade,
    DisciplineType,
    NoGradeReason,
    PersonStatus,
    QuarterGrade,
)

GOOD = QuarterGrade.GOOD
FAIR = QuarterGrade.FAIRLY_GOOD
AVERAGE = QuarterGrade.AVERAGE
POOR = QuarterGrade.POOR
ACTIVE = PersonStatus.ACTIVE
RULES = AnnualRules()
YEAR = 2027


def marks(*grades: QuarterGrade | NoGradeReason | None) -> tuple[QuarterMark, ...]:
    """Quarter n's mark from the n-th argument: a grade, a 不定等次 reason or None."""
    found = []
    for n, value in enumerate(grades, start=1):
        if isinstance(value, QuarterGrade):
            found.append(QuarterMark(n, grade=value))
        elif isinstance(value, NoGradeReason):
            found.append(QuarterMark(n, no_grade_reason=value))
    return tuple(found)


def person(
    pid: int,
    *quarters: QuarterGrade | NoGradeReason | None,
    status: PersonStatus = ACTIVE,
    discipline: tuple[tuple[str, DisciplineType], ...] = (),
    choice: AnnualChoice = NO_CHOICE,
) -> AnnualCandidate:
    return AnnualCandidate(
        pid,
        status,
        marks(*quarters),
        tuple(DisciplineMark(date.fromisoformat(on), kind) for on, kind in discipline),
        choice,
    )


def one(candidate: AnnualCandidate, year: int = YEAR, rules: AnnualRules = RULES) -> AnnualStanding:
    return assess_year([candidate], rules, year).standings[candidate.person_id]


RECOMMEND = AnnualChoice(recommended=True)


# --- 优秀资格 from the quarters ----------------------------------------------------------


def test_exactly_half_good_of_four_graded_is_eligible() -> None:
    s = one(person(1, GOOD, FAIR, GOOD, FAIR))  # 好 2 of 4: 2 × 2 = 4 ≥ 4
    assert (s.participation, s.good_count, s.graded_count) == (Participation.PARTICIPANT, 2, 4)
    assert s.eligible and s.limits == ()
    assert s.grade is AnnualGrade.COMPETENT  # the default until recommended


def test_exactly_half_good_of_two_graded_is_eligible() -> None:
    s = one(person(1, FAIR, GOOD))  # Q3, Q4 not graded yet: 好 1 of 2
    assert (s.good_count, s.graded_count, s.eligible, s.limits) == (1, 2, True, ())


def test_less_than_half_good_is_not_eligible_and_says_so() -> None:
    s = one(person(1, GOOD, FAIR, FAIR))  # 好 1 of 3: 2 × 1 = 2 < 3
    assert not s.eligible
    assert s.limits == ("好次数不足一半（好 1 次，已评定 3 个季度）",)


def test_a_quarter_not_graded_is_left_out_of_the_half() -> None:
    # Q2 不定等次 (leave): 好 2 of the 3 graded quarters
    s = one(person(1, GOOD, NoGradeReason.LEAVE, GOOD, FAIR))
    assert (s.participation, s.good_count, s.graded_count, s.eligible) == (
        Participation.PARTICIPANT, 2, 3, True,
    )  # fmt: skip


def test_one_average_bars_even_with_three_good() -> None:
    s = one(person(1, GOOD, AVERAGE, GOOD, GOOD))
    assert not s.eligible
    assert s.limits == ("二季度一般",)
    assert s.limits_text() == "二季度一般"


def test_poor_and_too_few_good_are_listed_in_quarter_order() -> None:
    s = one(person(1, POOR, FAIR, AVERAGE, GOOD))  # 好 1 of 4
    assert s.limits == ("一季度较差", "三季度一般", "好次数不足一半（好 1 次，已评定 4 个季度）")
    assert s.limits_text() == "一季度较差；三季度一般；好次数不足一半（好 1 次，已评定 4 个季度）"


def test_no_graded_quarter_is_not_eligible() -> None:
    s = one(person(1))
    assert s.participation is Participation.PARTICIPANT
    assert s.limits == ("本年度没有已评定等次的季度",)


# --- discipline -----------------------------------------------------------------------


def test_warning_this_year_bars_excellent() -> None:
    s = one(person(1, GOOD, GOOD, GOOD, GOOD, discipline=(("2027-05-10", DisciplineType.WARNING),)))
    assert s.participation is Participation.PARTICIPANT
    assert not s.eligible
    assert s.limits == ("2027-05-10 警告",)


def test_warning_last_year_does_not_bar() -> None:
    s = one(person(1, GOOD, GOOD, GOOD, GOOD, discipline=(("2026-05-10", DisciplineType.WARNING),)))
    assert (s.eligible, s.limits) == (True, ())


@pytest.mark.parametrize("kind", [DisciplineType.ADMONISHMENT, DisciplineType.POST_ADJUSTMENT])
def test_admonishment_and_post_adjustment_bar_that_year(kind: DisciplineType) -> None:
    s = one(person(1, GOOD, GOOD, discipline=(("2027-02-01", kind),)))
    assert s.limits == (f"2027-02-01 {kind.label}",)


def test_criticism_education_bars_nothing() -> None:
    s = one(person(1, GOOD, GOOD, discipline=(("2027-02-01", DisciplineType.CRITICISM_EDUCATION),)))
    assert (s.participation, s.eligible) == (Participation.PARTICIPANT, True)


def test_serious_warning_this_year_is_not_graded() -> None:
    s = one(person(1, GOOD, GOOD, discipline=(("2027-03-01", DisciplineType.SERIOUS_WARNING),)))
    assert s.participation is Participation.NOT_GRADED
    assert s.grade is AnnualGrade.NOT_GRADED
    assert s.reasons == ("2027-03-01 严重警告",)
    assert s.limits == s.reasons
    assert not s.eligible


def test_serious_warning_last_year_leaves_a_participant() -> None:
    s = one(person(1, GOOD, GOOD, discipline=(("2026-03-01", DisciplineType.SERIOUS_WARNING),)))
    assert (s.participation, s.eligible, s.grade) == (
        Participation.PARTICIPANT, True, AnnualGrade.COMPETENT,
    )  # fmt: skip


def test_demerit_this_year_is_not_graded() -> None:
    s = one(person(1, GOOD, discipline=(("2027-11-30", DisciplineType.DEMERIT),)))
    assert (s.participation, s.reasons) == (Participation.NOT_GRADED, ("2027-11-30 记过",))


def test_major_demerit_last_year_is_not_graded_this_year() -> None:
    s = one(person(1, GOOD, GOOD, discipline=(("2026-10-15", DisciplineType.MAJOR_DEMERIT),)))
    assert s.participation is Participation.NOT_GRADED
    assert s.reasons == ("2026-10-15 记大过，影响至2027年",)


def test_major_demerit_two_years_ago_leaves_a_participant() -> None:
    s = one(person(1, GOOD, GOOD, discipline=(("2025-10-15", DisciplineType.MAJOR_DEMERIT),)))
    assert (s.participation, s.eligible) == (Participation.PARTICIPANT, True)


def test_major_demerit_this_year_is_not_graded_too() -> None:
    s = one(person(1, GOOD, discipline=(("2027-01-05", DisciplineType.MAJOR_DEMERIT),)))
    assert s.reasons == ("2027-01-05 记大过，影响至2028年",)


def test_several_disciplines_are_listed_by_date() -> None:
    s = one(
        person(
            1, GOOD,
            discipline=(
                ("2027-06-01", DisciplineType.DEMERIT),
                ("2026-09-01", DisciplineType.DEMOTION),
                ("2027-02-01", DisciplineType.WARNING),  # bars 优秀: not a 不定等次 reason
            ),
        )
    )  # fmt: skip
    assert s.reasons == ("2026-09-01 降级，影响至2027年", "2027-06-01 记过")


# --- probation, leave, investigation, out of service -----------------------------------


def test_probation_status_is_not_graded() -> None:
    s = one(person(1, GOOD, GOOD, status=PersonStatus.PROBATION))
    assert (s.participation, s.reasons) == (Participation.NOT_GRADED, ("试用期",))


def test_probation_in_the_latest_quarter_is_not_graded() -> None:
    s = one(person(1, GOOD, GOOD, NoGradeReason.PROBATION))
    assert s.reasons == ("试用期",)


def test_probation_earlier_in_the_year_only_is_a_participant() -> None:
    s = one(person(1, NoGradeReason.PROBATION, GOOD, GOOD, FAIR))
    assert (s.participation, s.good_count, s.graded_count) == (Participation.PARTICIPANT, 2, 3)


def test_two_quarters_of_leave_is_not_graded() -> None:
    s = one(person(1, NoGradeReason.LEAVE, GOOD, NoGradeReason.LEAVE, GOOD))
    assert (s.participation, s.reasons) == (Participation.NOT_GRADED, ("病事假累计超过半年",))


def test_one_quarter_of_leave_is_a_participant() -> None:
    s = one(person(1, NoGradeReason.LEAVE, GOOD, GOOD, FAIR))
    assert s.participation is Participation.PARTICIPANT


def test_investigation_still_open_is_not_graded() -> None:
    s = one(person(1, GOOD, GOOD, NoGradeReason.INVESTIGATION))
    assert (s.participation, s.reasons) == (Participation.NOT_GRADED, ("立案审查调查尚未结案",))


def test_investigation_closed_before_the_last_quarter_is_a_participant() -> None:
    s = one(person(1, GOOD, NoGradeReason.INVESTIGATION, GOOD))
    assert s.participation is Participation.PARTICIPANT


def test_reasons_add_up() -> None:
    s = one(
        person(
            1, NoGradeReason.LEAVE, NoGradeReason.LEAVE, NoGradeReason.PROBATION,
            status=PersonStatus.PROBATION,
            discipline=(("2027-01-05", DisciplineType.SERIOUS_WARNING),),
        )
    )  # fmt: skip
    assert s.reasons == ("2027-01-05 严重警告", "试用期", "病事假累计超过半年")


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (PersonStatus.RETIRED, "已退休"),
        (PersonStatus.TRANSFERRED, "已调出"),
        (PersonStatus.LEFT, "已离职"),
    ],
)
def test_out_of_service_does_not_participate(status: PersonStatus, reason: str) -> None:
    s = one(person(1, GOOD, GOOD, status=status, choice=RECOMMEND))
    assert (s.participation, s.reasons, s.grade) == (
        Participation.NOT_PARTICIPATING, (reason,), AnnualGrade.NOT_PARTICIPATING,
    )  # fmt: skip
    assert not s.recommended and not s.eligible


def test_seconded_takes_part() -> None:
    assert one(person(1, GOOD, status=PersonStatus.SECONDED)).participation is (
        Participation.PARTICIPANT
    )


def test_not_participating_by_hand_keeps_the_reason() -> None:
    choice = AnnualChoice(grade=AnnualGrade.NOT_PARTICIPATING, reason="  援藏一年  ")
    s = one(person(1, GOOD, choice=choice))
    assert (s.participation, s.reasons) == (Participation.NOT_PARTICIPATING, ("援藏一年",))
    blank = one(person(1, GOOD, choice=AnnualChoice(grade=AnnualGrade.NOT_PARTICIPATING)))
    assert blank.reasons == ("未注明理由",)


# --- the quota ------------------------------------------------------------------------


def roster_of_twelve(share: str = "0.2", reason: str = "") -> AnnualOutcome:
    """12 people: 10 participants, one 不定等次 (严重警告), one 不参加 (retired)."""
    people = [person(pid, GOOD, GOOD, GOOD, GOOD) for pid in range(1, 11)]
    people.append(person(11, GOOD, discipline=(("2027-04-01", DisciplineType.SERIOUS_WARNING),)))
    people.append(person(12, GOOD, status=PersonStatus.RETIRED))
    rules = AnnualRules(excellent_share=D(share), share_reason=reason)
    return assess_year(people, rules, YEAR)


@pytest.mark.parametrize(
    ("share", "quota"),
    [("0.2", 2), ("0.25", 2), ("0.15", 1)],  # ⌊10 × .2⌋ = 2, ⌊2.5⌋ = 2, ⌊1.5⌋ = 1
)
def test_quota_floor_leaves_out_not_graded_and_not_participating(share: str, quota: int) -> None:
    counter = roster_of_twelve(share, "" if share == "0.2" else "局党组会议决定").counter
    assert (counter.participants, counter.not_graded, counter.not_participating) == (10, 1, 1)
    assert (counter.share, counter.quota, counter.recommended, counter.remaining) == (
        D(share), quota, 0, quota,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("participants", "share", "quota"),
    [(0, "0.2", 0), (4, "0.2", 0), (5, "0.2", 1), (9, "0.2", 1), (19, "0.25", 4), (7, "0.15", 1),
     (6, "0.15", 0), (300, "0.2", 60)],
)  # fmt: skip
def test_quota_size_rounds_down_without_a_minimum(
    participants: int, share: str, quota: int
) -> None:
    assert quota_size(participants, D(share)) == quota


def test_recommendations_fill_the_counter() -> None:
    people = [person(pid, GOOD, GOOD, GOOD, GOOD) for pid in range(1, 11)]
    people[0] = person(1, GOOD, GOOD, GOOD, GOOD, choice=RECOMMEND)
    outcome = assess_year(people, RULES, YEAR)
    assert (outcome.counter.quota, outcome.counter.recommended, outcome.counter.remaining) == (
        2,
        1,
        1,
    )
    assert outcome.standings[1].grade is AnnualGrade.EXCELLENT
    assert outcome.standings[1].recommended
    assert outcome.flagged() == []


def test_over_quota_recommendation_is_refused() -> None:
    people = [person(pid, GOOD, GOOD, GOOD, GOOD) for pid in range(1, 11)]
    people[0] = person(1, GOOD, GOOD, GOOD, GOOD, choice=RECOMMEND)
    people[1] = person(2, GOOD, GOOD, GOOD, GOOD, choice=RECOMMEND)
    outcome = assess_year(people, RULES, YEAR)
    assert outcome.counter.remaining == 0
    assert recommendation_refusal("张三", outcome.standings[3], outcome.counter) == (
        "优秀名额已满（名额 2，已推荐 2），请先取消其他人的推荐。"
    )
    # with one recommendation withdrawn there is room again
    people[1] = person(2, GOOD, GOOD, GOOD, GOOD)
    room = assess_year(people, RULES, YEAR)
    assert room.counter.remaining == 1
    assert recommendation_refusal("张三", room.standings[3], room.counter) is None


def test_other_refusals_name_the_reason() -> None:
    outcome = assess_year(
        [
            person(1, GOOD, AVERAGE),
            person(2, GOOD, discipline=(("2027-03-01", DisciplineType.DEMERIT),)),
            person(3, GOOD, GOOD, choice=RECOMMEND),
            *(person(pid, GOOD) for pid in range(4, 11)),
        ],
        RULES,
        YEAR,
    )
    c = outcome.counter
    assert recommendation_refusal("李四", outcome.standings[1], c) == (
        "李四不符合优秀资格：二季度一般。"
    )
    assert recommendation_refusal("王五", outcome.standings[2], c) == (
        "王五本年度不定等次（2027-03-01 记过），不能推荐优秀。"
    )
    assert recommendation_refusal("赵六", outcome.standings[3], c) == "赵六已推荐为优秀。"


def test_participants_falling_below_the_recommendations_flag_them_all() -> None:
    # 5 participants → quota 1; two recommended (one made when there were 10)
    people = [
        person(1, GOOD, GOOD, choice=RECOMMEND),
        person(2, GOOD, GOOD, choice=RECOMMEND),
        *(person(pid, FAIR) for pid in range(3, 6)),
    ]
    outcome = assess_year(people, RULES, YEAR)
    assert (outcome.counter.quota, outcome.counter.recommended) == (1, 2)
    assert {s.person_id: s.flag for s in outcome.flagged()} == {
        1: AnnualFlag.OVER_QUOTA,
        2: AnnualFlag.OVER_QUOTA,
    }


# --- choices ----------------------------------------------------------------------------


def test_recommended_person_who_became_ineligible_is_flagged_and_competent() -> None:
    # recommended, then the 四季度 grade came in 一般
    s = one(person(1, GOOD, GOOD, GOOD, AVERAGE, choice=RECOMMEND))
    assert (s.grade, s.recommended, s.flag) == (
        AnnualGrade.COMPETENT, True, AnnualFlag.RECOMMENDED_NOT_ELIGIBLE,
    )  # fmt: skip
    assert s.limits == ("四季度一般",)
    # not counted against the quota
    outcome = assess_year(
        [
            person(1, GOOD, GOOD, GOOD, AVERAGE, choice=RECOMMEND),
            *(person(p, GOOD) for p in range(2, 6)),
        ],
        RULES,
        YEAR,
    )
    assert (outcome.counter.quota, outcome.counter.recommended) == (1, 0)
    assert recommendation_refusal("甲", outcome.standings[1], outcome.counter) == (
        "甲不符合优秀资格：四季度一般。"
    )


def test_recommended_person_who_became_not_graded_is_not_graded() -> None:
    s = one(
        person(
            1, GOOD, GOOD, discipline=(("2027-08-01", DisciplineType.DEMERIT),), choice=RECOMMEND
        )
    )
    assert (s.participation, s.grade, s.recommended, s.flag) == (
        Participation.NOT_GRADED, AnnualGrade.NOT_GRADED, False, None,
    )  # fmt: skip


def test_hand_grade_basically_competent_without_reason_is_flagged() -> None:
    s = one(person(1, FAIR, choice=AnnualChoice(grade=AnnualGrade.BASICALLY_COMPETENT, reason=" ")))
    assert (s.grade, s.flag) == (AnnualGrade.BASICALLY_COMPETENT, AnnualFlag.REASON_MISSING)


def test_hand_grades_with_reasons_stand() -> None:
    for grade in (AnnualGrade.BASICALLY_COMPETENT, AnnualGrade.INCOMPETENT):
        s = one(person(1, FAIR, choice=AnnualChoice(grade=grade, reason="全年迟到 12 次")))
        assert (s.grade, s.flag) == (grade, None)
    s = one(person(1, FAIR, choice=AnnualChoice(grade=AnnualGrade.COMPETENT)))
    assert (s.grade, s.flag) == (AnnualGrade.COMPETENT, None)


def test_a_hand_grade_of_excellent_is_ignored() -> None:
    s = one(person(1, GOOD, choice=AnnualChoice(grade=AnnualGrade.EXCELLENT, reason="x")))
    assert (s.grade, s.flag) == (AnnualGrade.COMPETENT, None)


def test_grade_refusal() -> None:
    assert grade_refusal("张三", AnnualGrade.EXCELLENT, "好") == (
        "张三的年度等次只能手工设为称职、基本称职、不称职、不参加（优秀请用“推荐优秀”）。"
    )
    assert grade_refusal("张三", AnnualGrade.NOT_GRADED, "x") is not None
    assert grade_refusal("张三", AnnualGrade.INCOMPETENT, "  ") == "将张三定为不称职须填写理由。"
    assert grade_refusal("张三", AnnualGrade.NOT_PARTICIPATING, None) == (
        "将张三定为不参加须填写理由。"
    )
    assert grade_refusal("张三", AnnualGrade.COMPETENT, None) is None
    assert grade_refusal("张三", AnnualGrade.BASICALLY_COMPETENT, "年度考勤") is None


def test_marks_in_order() -> None:
    q2, q4 = QuarterMark(2, grade=GOOD), QuarterMark(4, no_grade_reason=NoGradeReason.LEAVE)
    assert marks_in_order([q4, q2]) == (None, q2, None, q4)
