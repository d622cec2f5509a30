"""谈心谈话 of the demo year.

Key posts (关键岗位) are talked with at least twice a year (廉政谈话 in spring,
谈心谈话 in summer), as key-post cadre supervision requires; others now and then;
new hires on joining; disciplined people when the decision is served.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from kaohe_desktop.domain.enums import DisciplineType, PersonStatus, TalkKind
from kaohe_desktop.domain.records import PersonRecord, TalkRecord
from kaohe_desktop.services.demo._common import day_between, unique_by
from kaohe_desktop.services.demo.catalog import TALK_SUMMARIES
from kaohe_desktop.services.demo.catalog_people import DISCIPLINE_SECRETARY
from kaohe_desktop.services.demo.organization import Organization
from kaohe_desktop.services.demo.rewards import Incident


class Talkers:
    """Who talks with whom: the 分管领导 with staff, the 局长 with department heads
    and the other 局领导, the 纪检组长 with the 局长 and in 诫勉 cases."""

    def __init__(self, org: Organization) -> None:
        self.org = org
        self.chief = org.leaders[0]
        secretary = org.leader_named(DISCIPLINE_SECRETARY)
        # Whoever is first here and is not the person talked with does the talking.
        self.for_chief = [p for p in (secretary, *org.leaders) if p is not None]
        self.for_discipline = [p for p in (secretary, self.chief) if p is not None]
        self.head_codes = {p.code for p in org.heads.values()}

    def superior(self, person: PersonRecord) -> str:
        if person.code == self.chief.code:
            return next(p.name for p in self.for_chief if p.code != person.code)
        if person in self.org.leaders or person.code in self.head_codes:
            return self.chief.name
        return self.org.in_charge[person.department]

    def discipline(self, person: PersonRecord) -> str:
        return next(p.name for p in self.for_discipline if p.code != person.code)


def build_talks(
    rng: random.Random, org: Organization, year: int, incidents: list[Incident]
) -> list[TalkRecord]:
    talkers = Talkers(org)
    rows: list[TalkRecord] = []

    def talk(person: PersonRecord, day: date, talker: str, kind: TalkKind, topic: str) -> None:
        if person.work_start is None or person.work_start <= day:
            rows.append(
                TalkRecord(person.code, day, talker, kind, rng.choice(TALK_SUMMARIES[topic]))
            )

    for person in org.people:
        start = person.work_start or date(year - 1, 1, 1)
        if person.key_post and start <= date(year, 2, 1):
            spring = day_between(rng, date(year, 2, 10), date(year, 3, 31))
            summer = day_between(rng, date(year, 7, 1), date(year, 9, 30))
            talk(person, spring, talkers.superior(person), TalkKind.KEY_POST, "key_post")
            talk(person, summer, talkers.superior(person), TalkKind.HEART_TO_HEART, "heart")
            if rng.random() < 0.25:
                autumn = day_between(rng, date(year, 11, 1), date(year, 12, 20))
                talk(person, autumn, talkers.superior(person), TalkKind.HEART_TO_HEART, "heart")
        elif start.year == year and person.status is PersonStatus.PROBATION:
            day = start + timedelta(days=rng.randint(3, 14))
            talk(person, day, talkers.superior(person), TalkKind.APPOINTMENT, "appointment")
        elif rng.random() < 0.25:
            day = day_between(rng, date(year, 1, 10), date(year, 12, 20))
            talk(person, day, talkers.superior(person), TalkKind.HEART_TO_HEART, "heart")

    for incident in incidents:
        person = incident.person
        if incident.type is DisciplineType.ADMONISHMENT:
            talk(
                person, incident.day, talkers.discipline(person), TalkKind.ADMONITION, "admonition"
            )
        else:
            day = incident.day + timedelta(days=rng.randint(3, 10))
            talk(person, day, talkers.superior(person), TalkKind.REMINDER, "reminder")
    return unique_by(rows, lambda r: (r.code, r.date, r.talker))
