"""奖惩 of the demo year: commendations of people, and a couple of disciplines.

Disciplines are returned as incidents too, because they shape the rest of the
year: the 警告 quarter is the one override to 较差, the quarter before it was
under investigation (不定等次), and each one is followed by a talk.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from kaohe_desktop.domain.discipline_rules import default_impact_until
from kaohe_desktop.domain.enums import (
    CommendationType,
    DisciplineType,
    PersonStatus,
    PoliticalStatus,
)
from kaohe_desktop.domain.records import PersonRecord, RewardRecord
from kaohe_desktop.services.demo._common import day_between, doc_number, unique_by
from kaohe_desktop.services.demo.catalog import (
    ADMONISHMENT_REASONS,
    CRITICISM_EDUCATION_REASONS,
    DEMERIT_REASONS,
    HONOUR_REASONS,
    HONOUR_REASONS_PARTY,
    PRAISE_BULLETIN_REASONS,
    WARNING_REASONS,
)
from kaohe_desktop.services.demo.organization import Organization

DISCIPLINE_REASONS = {
    DisciplineType.WARNING: WARNING_REASONS,
    DisciplineType.ADMONISHMENT: ADMONISHMENT_REASONS,
    DisciplineType.CRITICISM_EDUCATION: CRITICISM_EDUCATION_REASONS,
    DisciplineType.DEMERIT: DEMERIT_REASONS,
}


@dataclass(frozen=True)
class Incident:
    person: PersonRecord
    day: date
    type: DisciplineType
    doc_no: str
    reason: str


def _veterans(org: Organization, since: date) -> list[PersonRecord]:
    return [p for p in org.people if p.work_start is not None and p.work_start <= since]


def build_rewards(
    rng: random.Random, org: Organization, year: int, county: str
) -> tuple[list[RewardRecord], list[Incident]]:
    staff = len(org.people)
    rows: list[RewardRecord] = []
    veterans = _veterans(org, date(year - 1, 1, 1))

    # 嘉奖 for last year's 优秀, 记三等功 for three 优秀 years in a row: one document in March.
    day = date(year, 3, rng.randint(10, 28))
    doc = doc_number(rng, f"{county}人社字", day)
    excellent = rng.sample(veterans, min(len(veterans), max(3, round(staff * 0.05))))
    long_serving = [p for p in excellent if p.work_start and p.work_start <= date(year - 3, 1, 1)]
    merit = {p.code for p in long_serving[: max(1, round(staff * 0.008))]}
    for person in excellent:
        if person.code in merit:
            rows.append(
                RewardRecord(
                    person.code,
                    day,
                    CommendationType.MERIT_3,
                    f"{year - 3}—{year - 1}年度连续三年考核被确定为优秀等次",
                    doc,
                )
            )
        else:
            rows.append(
                RewardRecord(
                    person.code,
                    day,
                    CommendationType.COMMENDATION,
                    f"{year - 1}年度考核被确定为优秀等次",
                    doc,
                )
            )

    # 通报表扬 after special campaigns, by the bureau.
    for reason in rng.sample(PRAISE_BULLETIN_REASONS, 2):
        day = day_between(rng, date(year, 2, 1), date(year, 12, 15))
        doc = doc_number(rng, f"{county}食药监发", day)
        count = max(1, round(staff * 0.01 * rng.uniform(0.5, 1.5)))
        for person in rng.sample(veterans, min(len(veterans), count)):
            rows.append(RewardRecord(person.code, day, CommendationType.NOTICE_PRAISE, reason, doc))

    # 授予称号 around 七一.
    day = date(year, 6, 28)
    doc = doc_number(rng, f"{county}发", day)
    for person in rng.sample(veterans, min(len(veterans), max(1, round(staff * 0.005)))):
        party = person.political_status is PoliticalStatus.CPC_MEMBER
        reason = rng.choice(HONOUR_REASONS_PARTY if party else HONOUR_REASONS)
        rows.append(RewardRecord(person.code, day, CommendationType.HONOUR, reason, doc))

    # Disciplines: always one 警告 and one 诫勉, more in a larger system.
    commended = {row.code for row in rows}
    candidates = [
        p
        for p in _veterans(org, date(year - 1, 12, 31))
        if p not in org.leaders
        and p.code not in commended
        and p.status is not PersonStatus.SECONDED
    ]
    count = min(len(candidates), max(2, round(staff * 0.004)))
    kinds = [DisciplineType.WARNING, DisciplineType.ADMONISHMENT]
    kinds += rng.choices(
        [
            DisciplineType.WARNING,
            DisciplineType.ADMONISHMENT,
            DisciplineType.CRITICISM_EDUCATION,
            DisciplineType.DEMERIT,
        ],
        weights=[4, 3, 3, 1],
        k=max(0, count - 2),
    )
    incidents: list[Incident] = []
    for person, kind in zip(rng.sample(candidates, count), kinds[:count], strict=True):
        day = day_between(rng, date(year, 2, 1), date(year, 11, 30))
        issuer = {
            DisciplineType.WARNING: "纪发",
            DisciplineType.DEMERIT: "纪发",
            DisciplineType.ADMONISHMENT: "食药监党组发",
        }.get(kind, "食药监发")
        doc = doc_number(rng, f"{county}{issuer}", day)
        reason = rng.choice(DISCIPLINE_REASONS[kind])
        until = default_impact_until(kind, day)  # 影响期 by type; 批评教育 has none
        rows.append(RewardRecord(person.code, day, kind, reason, doc, until))
        incidents.append(Incident(person, day, kind, doc, reason))
    rows = unique_by(rows, lambda r: (r.code, r.date, r.type, r.doc_no))
    return rows, incidents
