"""Rules the services used to restate, now asked of their one home in the domain:
the 优秀 counter of a list of standings (the live year and a closed year's stored
grades count alike), which decision years a discipline can reach a year from, which
quarter grades call for a 提醒谈话, and why someone out of service is 不参加. Every
expected value is worked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kaohe_desktop.domain.annual_assessment import (
    AnnualStanding,
    Participation,
    QuotaCounter,
    count_quota,
    out_of_service,
)
from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.discipline_rules import annual_effects, decision_years_reaching
from kaohe_desktop.domain.enums import AnnualGrade, DisciplineType, PersonStatus, QuarterGrade
from kaohe_desktop.domain.talk_rules import CALLING_GRADES, quarter_event, special_rule_text


def _standing(pid: int, participation: Participation, grade: AnnualGrade) -> AnnualStanding:
    return AnnualStanding(pid, participation, (), 0, 0, False, (), grade, False)


def test_the_counter_of_standings_leaves_the_not_counted_out_of_the_base() -> None:
    p, ng, np = Participation.PARTICIPANT, Participation.NOT_GRADED, Participation.NOT_PARTICIPATING
    standings = [
        *(_standing(n, p, AnnualGrade.COMPETENT) for n in range(1, 9)),  # 8 participants
        _standing(9, p, AnnualGrade.EXCELLENT),
        _standing(10, p, AnnualGrade.EXCELLENT),
        _standing(11, ng, AnnualGrade.NOT_GRADED),
        _standing(12, np, AnnualGrade.NOT_PARTICIPATING),
    ]
    # 10 participants: ⌊10 × 25%⌋ = 2 places, 2 recommended.
    assert count_quota(standings, Decimal("0.25")) == QuotaCounter(10, 1, 1, Decimal("0.25"), 2, 2)
    assert count_quota([], Decimal("0.2")) == QuotaCounter(0, 0, 0, Decimal("0.2"), 0, 0)


def test_a_discipline_reaches_its_own_year_and_the_next() -> None:
    # 记大过 / 降级 / 撤职 reach one year on: a year reads decisions of it and the year before.
    assert decision_years_reaching(2026) == (2025, 2026)
    # Every type's years fall within that reach.
    for kind in DisciplineType:
        years = {e.year for e in annual_effects(kind, date(2024, 6, 1))}
        assert years <= set(range(2024, 2024 + len(decision_years_reaching(2026))))


def test_average_and_poor_call_for_a_reminder_talk_good_ones_do_not() -> None:
    assert frozenset({QuarterGrade.AVERAGE, QuarterGrade.POOR}) == CALLING_GRADES
    for grade in QuarterGrade:
        called = quarter_event(1, 2026, 2, grade, date(2026, 6, 30)) is not None
        assert called is (grade in CALLING_GRADES)


def test_out_of_service_in_words() -> None:
    assert out_of_service(PersonStatus.RETIRED) == "已退休"
    assert out_of_service(PersonStatus.TRANSFERRED) == "已调出"
    assert out_of_service(PersonStatus.LEFT) == "已离职"
    assert out_of_service(PersonStatus.ACTIVE) is None
    assert out_of_service(None) is None


def test_the_special_talk_rule_in_words_follows_the_rules() -> None:
    words = special_rule_text(AnnualRules(special_talk_days=Decimal(15)))
    assert words == (
        "季度平时考核为一般或较差、受处分或组织处理的，进行提醒谈话（诫勉的进行诫勉谈话）；"
        "调入其他科室的，进行任职谈话；均应在发生之日起 15 天内谈话，此后为已逾期；"
        "发生之日或之后同类谈话即为已谈"
    )
