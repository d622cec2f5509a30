"""The demo's gravest 处分, placed where the 年度考核 shows what each does:

- the year before the last: a 记大过 in October, so its holder is 不定等次 that year
  and the next ("2025-10-15 记大过，影响至2026年" on both years' pages);
- the last year: a 严重警告 (党纪, so a party member) in spring, 不定等次 that year.

Each is followed by a 提醒谈话 within ten days. Drawn from a stream of their own, so
the rest of the book is the same with or without them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from kaohe_desktop.domain.discipline_rules import default_impact_until
from kaohe_desktop.domain.enums import DisciplineType, PersonStatus, PoliticalStatus, TalkKind
from kaohe_desktop.domain.records import PersonRecord, RewardRecord, TalkRecord
from kaohe_desktop.services.demo._common import doc_number
from kaohe_desktop.services.demo.catalog import (
    MAJOR_DEMERIT_REASONS,
    SERIOUS_WARNING_REASONS,
    TALK_SUMMARIES,
)
from kaohe_desktop.services.demo.organization import Organization
from kaohe_desktop.services.demo.talks import Talkers


def grave_kind(year: int, last_year: int) -> DisciplineType | None:
    return {
        last_year: DisciplineType.SERIOUS_WARNING,
        last_year - 1: DisciplineType.MAJOR_DEMERIT,
    }.get(year)


def _candidates(
    org: Organization, year: int, kind: DisciplineType, taken: set[str]
) -> list[PersonRecord]:
    heads = {p.code for p in org.heads.values()}
    return [
        p
        for p in org.people
        if p.work_start is not None
        and p.work_start <= date(year - 2, 1, 1)
        and p not in org.leaders
        and p.code not in heads
        and p.code not in taken
        and p.status is PersonStatus.ACTIVE
        and (
            kind is not DisciplineType.SERIOUS_WARNING
            or p.political_status is PoliticalStatus.CPC_MEMBER
        )
    ]


def grave_case(
    rng: random.Random,
    org: Organization,
    year: int,
    last_year: int,
    county: str,
    taken: set[str],
) -> tuple[RewardRecord, TalkRecord] | None:
    """The year's grave 处分 and its 提醒谈话 (None for a year without one); `taken`:
    codes already disciplined, who are not chosen again."""
    kind = grave_kind(year, last_year)
    candidates = sorted(_candidates(org, year, kind, taken), key=lambda p: p.code) if kind else []
    if kind is None or not candidates:
        return None
    person = rng.choice(candidates)
    if kind is DisciplineType.MAJOR_DEMERIT:
        day, issuer, reasons = date(year, 10, rng.randint(10, 20)), "纪发", MAJOR_DEMERIT_REASONS
    else:
        day, issuer = date(year, 5, rng.randint(6, 25)), "纪发"
        reasons = SERIOUS_WARNING_REASONS
    reward = RewardRecord(
        person.code, day, kind, rng.choice(reasons), doc_number(rng, f"{county}{issuer}", day),
        default_impact_until(kind, day),
    )  # fmt: skip
    talk = TalkRecord(
        person.code, day + timedelta(days=rng.randint(3, 10)), Talkers(org).discipline(person),
        TalkKind.REMINDER, rng.choice(TALK_SUMMARIES["reminder"]),
    )  # fmt: skip
    return reward, talk
