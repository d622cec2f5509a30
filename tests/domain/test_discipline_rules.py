"""domain/discipline_rules worked by hand: each type's default 影响期, the years of 年度考核
it changes and how, and the words the annual sheet and the archive print."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaohe_desktop.domain.discipline_rules import (
    IMPACT_MONTHS,
    AnnualEffect,
    YearEffect,
    annual_effects,
    default_impact_until,
    effect_in,
    effects_in_words,
    limit_text,
)
from kaohe_desktop.domain.enums import CommendationType, DisciplineType

T = DisciplineType
BARS = AnnualEffect.BARS_EXCELLENT
NOT_GRADED = AnnualEffect.NOT_GRADED


@pytest.mark.parametrize(
    ("kind", "on", "until"),
    [
        (T.WARNING, "2026-01-31", "2026-07-30"),  # +6 months = 07-31, the day before
        (T.WARNING, "2026-08-31", "2027-02-27"),  # +6 = 2027-02-28 (end of month), −1
        (T.SERIOUS_WARNING, "2026-03-01", "2027-02-28"),  # +12
        (T.DEMERIT, "2024-02-29", "2025-02-27"),  # +12 = 2025-02-28, −1
        (T.MAJOR_DEMERIT, "2026-10-15", "2028-04-14"),  # +18 = 2028-04-15, −1
        (T.DEMOTION, "2025-01-01", "2026-12-31"),  # +24
        (T.DISMISSAL_FROM_POST, "2025-06-30", "2027-06-29"),
        (T.ADMONISHMENT, "2026-05-20", "2026-11-19"),  # +6
        (T.POST_ADJUSTMENT, "2026-12-20", "2027-12-19"),  # +12
    ],
)
def test_default_impact_until(kind: DisciplineType, on: str, until: str) -> None:
    assert default_impact_until(kind, date.fromisoformat(on)) == date.fromisoformat(until)


def test_criticism_education_and_commendations_have_no_impact_period() -> None:
    assert default_impact_until(T.CRITICISM_EDUCATION, date(2026, 3, 1)) is None
    for kind in CommendationType:
        assert default_impact_until(kind, date(2026, 3, 1)) is None


def test_every_type_but_criticism_education_has_months() -> None:
    assert set(IMPACT_MONTHS) == set(DisciplineType) - {T.CRITICISM_EDUCATION}


@pytest.mark.parametrize(
    ("kind", "effects"),
    [
        (T.WARNING, ((2026, BARS),)),
        (T.ADMONISHMENT, ((2026, BARS),)),
        (T.POST_ADJUSTMENT, ((2026, BARS),)),
        (T.SERIOUS_WARNING, ((2026, NOT_GRADED),)),
        (T.DEMERIT, ((2026, NOT_GRADED),)),
        (T.MAJOR_DEMERIT, ((2026, NOT_GRADED), (2027, NOT_GRADED))),
        (T.DEMOTION, ((2026, NOT_GRADED), (2027, NOT_GRADED))),
        (T.DISMISSAL_FROM_POST, ((2026, NOT_GRADED), (2027, NOT_GRADED))),
        (T.CRITICISM_EDUCATION, ()),
    ],
)
def test_annual_effects_follow_the_decision_year(
    kind: DisciplineType, effects: tuple[tuple[int, AnnualEffect], ...]
) -> None:
    # decided late in the year: the effects follow the year, not the impact period
    assert annual_effects(kind, date(2026, 12, 30)) == tuple(YearEffect(y, e) for y, e in effects)


def test_effect_in_a_year() -> None:
    on = date(2026, 10, 15)
    assert effect_in(T.MAJOR_DEMERIT, on, 2025) is None
    assert effect_in(T.MAJOR_DEMERIT, on, 2026) is NOT_GRADED
    assert effect_in(T.MAJOR_DEMERIT, on, 2027) is NOT_GRADED
    assert effect_in(T.MAJOR_DEMERIT, on, 2028) is None
    assert effect_in(T.WARNING, date(2027, 5, 10), 2027) is BARS
    assert effect_in(T.WARNING, date(2026, 5, 10), 2027) is None
    assert effect_in(T.CRITICISM_EDUCATION, on, 2026) is None


@pytest.mark.parametrize(
    ("kind", "on", "text"),
    [
        (T.MAJOR_DEMERIT, "2026-10-15", "2026-10-15 记大过，影响至2027年"),
        (T.WARNING, "2027-05-10", "2027-05-10 警告"),
        (T.SERIOUS_WARNING, "2026-03-01", "2026-03-01 严重警告"),
        (T.DEMOTION, "2025-01-02", "2025-01-02 降级，影响至2026年"),
        (T.CRITICISM_EDUCATION, "2026-03-01", "2026-03-01 批评教育"),
    ],
)
def test_limit_text(kind: DisciplineType, on: str, text: str) -> None:
    assert limit_text(kind, date.fromisoformat(on)) == text


def test_effects_in_words() -> None:
    assert effects_in_words(T.MAJOR_DEMERIT, date(2026, 10, 15)) == (
        "2026年度不定等次；2027年度不定等次"
    )
    assert effects_in_words(T.ADMONISHMENT, date(2026, 4, 1)) == "2026年度不得评为优秀"
    assert effects_in_words(T.CRITICISM_EDUCATION, date(2026, 4, 1)) is None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(DisciplineType)), st.dates(date(1990, 1, 1), date(2090, 12, 31)))
def test_impact_period_starts_on_the_decision_and_covers_whole_months(
    kind: DisciplineType, on: date
) -> None:
    until = default_impact_until(kind, on)
    if kind is T.CRITICISM_EDUCATION:
        assert until is None
        return
    assert until is not None and until >= on
    months = IMPACT_MONTHS[kind]
    # between months × 28 and months × 31 days (the day before the same date n months on)
    assert months * 28 - 1 <= (until - on).days <= months * 31
    # the effects start in the decision's year and are consecutive years
    years = [e.year for e in annual_effects(kind, on)]
    assert years == list(range(on.year, on.year + len(years)))
