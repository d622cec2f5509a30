"""What a 处分·组织处理 or a 奖励 means over time: its default impact period (影响期)
and, for a discipline, what it does to the annual assessment of each year it touches.

Sources: 公务员法 / 行政机关公务员处分条例 (警告 6 months, 记过 12, 记大过 18, 降级 and
撤职 24); 中国共产党纪律处分条例 (严重警告 12 months); 关于党内政治生活… / 诫勉 practice
(诫勉 and 调整职务 6 and 12 months); 公务员考核规定 2020 (the annual effects, DESIGN.md §4:
警告 / 诫勉 / 调整职务 bar 优秀 that year; 严重警告 / 记过 mean 不定等次 that year;
记大过 / 降级 / 撤职 mean 不定等次 that year and the next). The annual effects follow
the year the decision was made, not the impact period: that is how the rules are worded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from kaohe_desktop.domain.enums import CommendationType, DisciplineType, LabeledEnum

# 影响期 in months; a type not listed has none (批评教育).
IMPACT_MONTHS: dict[DisciplineType, int] = {
    DisciplineType.WARNING: 6,
    DisciplineType.SERIOUS_WARNING: 12,
    DisciplineType.DEMERIT: 12,
    DisciplineType.MAJOR_DEMERIT: 18,
    DisciplineType.DEMOTION: 24,
    DisciplineType.DISMISSAL_FROM_POST: 24,
    DisciplineType.ADMONISHMENT: 6,
    DisciplineType.POST_ADJUSTMENT: 12,
}


class AnnualEffect(LabeledEnum):
    """What a discipline does to one year's 年度考核."""

    BARS_EXCELLENT = ("bars_excellent", "不得评为优秀")
    NOT_GRADED = ("not_graded", "不定等次")


# The years after the decision's year that each type reaches (0: that year only).
_EFFECTS: dict[DisciplineType, tuple[AnnualEffect, int]] = {
    DisciplineType.WARNING: (AnnualEffect.BARS_EXCELLENT, 0),
    DisciplineType.ADMONISHMENT: (AnnualEffect.BARS_EXCELLENT, 0),
    DisciplineType.POST_ADJUSTMENT: (AnnualEffect.BARS_EXCELLENT, 0),
    DisciplineType.SERIOUS_WARNING: (AnnualEffect.NOT_GRADED, 0),
    DisciplineType.DEMERIT: (AnnualEffect.NOT_GRADED, 0),
    DisciplineType.MAJOR_DEMERIT: (AnnualEffect.NOT_GRADED, 1),
    DisciplineType.DEMOTION: (AnnualEffect.NOT_GRADED, 1),
    DisciplineType.DISMISSAL_FROM_POST: (AnnualEffect.NOT_GRADED, 1),
}


def default_impact_until(kind: DisciplineType | CommendationType, on: date) -> date | None:
    """The last day of the record's impact period by its type (the dialog's default;
    the clerk may change it). A commendation has none."""
    if not isinstance(kind, DisciplineType):
        return None
    months = IMPACT_MONTHS.get(kind)
    if months is None:
        return None
    return on + relativedelta(months=months) - timedelta(days=1)


@dataclass(frozen=True)
class YearEffect:
    year: int
    effect: AnnualEffect


def annual_effects(kind: DisciplineType, decided_on: date) -> tuple[YearEffect, ...]:
    """The years whose 年度考核 this discipline changes, and how."""
    found = _EFFECTS.get(kind)
    if found is None:
        return ()
    effect, later_years = found
    return tuple(YearEffect(decided_on.year + n, effect) for n in range(later_years + 1))


def decision_years_reaching(year: int) -> tuple[int, ...]:
    """The years whose decisions can change `year`'s 年度考核, oldest first: the year
    itself and as many before it as the longest-reaching type reaches on."""
    reach = max(later for _effect, later in _EFFECTS.values())
    return tuple(range(year - reach, year + 1))


def effect_in(kind: DisciplineType, decided_on: date, year: int) -> AnnualEffect | None:
    return next((e.effect for e in annual_effects(kind, decided_on) if e.year == year), None)


def limit_text(kind: DisciplineType, decided_on: date) -> str:
    """The discipline as a 限制情形 reads: "2027-05-10 警告", or for one that reaches into
    a later year "2026-10-15 记大过，影响至2027年"."""
    effects = annual_effects(kind, decided_on)
    text = f"{decided_on.isoformat()} {kind.label}"
    if effects and effects[-1].year > decided_on.year:
        text += f"，影响至{effects[-1].year}年"
    return text


def effects_in_words(kind: DisciplineType, decided_on: date) -> str | None:
    """What the record bars, for the archive: "2026年度不定等次；2027年度不定等次"."""
    effects = annual_effects(kind, decided_on)
    if not effects:
        return None
    return "；".join(f"{e.year}年度{e.effect.label}" for e in effects)
