"""平时考核 of the demo year: quarterly scores and the bi-weekly 点评.

Each person has a usual level (Organization.ability) and scatters around it from
quarter to quarter, so rankings are stable enough to look real and still move.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from kaohe_desktop.domain.enums import CommentKind, DisciplineType, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.periods import Quarter, Year
from kaohe_desktop.domain.records import AssessmentRecord, CommentRecord, PersonRecord
from kaohe_desktop.services.demo._common import clamp, one_decimal, unique_by
from kaohe_desktop.services.demo.catalog import CRITICISMS, PRAISES
from kaohe_desktop.services.demo.organization import Organization
from kaohe_desktop.services.demo.rewards import Incident

PRAISE_POINTS = Decimal("2")
CRITICISM_POINTS = Decimal("-2")


def _start(person: PersonRecord) -> date:
    return person.work_start or date(2000, 1, 1)


def _on_probation(probation_end: date, quarter: Quarter) -> bool:
    """Probation (one year from joining) covers most of the quarter: 不定等次."""
    middle = quarter.start + (quarter.end - quarter.start) / 2
    return probation_end > middle


def build_assessments(
    rng: random.Random, org: Organization, year: int, incidents: list[Incident], as_of: date
) -> list[AssessmentRecord]:
    # The first 警告 of the year is the one set to 较差 by hand; its quarter before
    # was spent under investigation (立案调查), which leaves that quarter ungraded.
    overrides: dict[tuple[str, Quarter], str] = {}
    investigated: set[tuple[str, Quarter]] = set()
    warning = next(
        (i for i in incidents if i.type is DisciplineType.WARNING and i.day <= as_of), None
    )
    if warning is not None:
        quarter = Quarter.containing(warning.day)
        overrides[(warning.person.code, quarter)] = f"本季度受到警告处分（{warning.doc_no}）"
        if quarter.quarter > 1:
            investigated.add((warning.person.code, Quarter(year, quarter.quarter - 1)))
    active = [p for p in org.people if _start(p) <= date(year, 12, 31)]
    leave = {
        (p.code, rng.choice(Year(year).quarters()))
        for p in rng.sample(active, min(len(active), max(1, round(len(org.people) * 0.01))))
    }  # e.g. maternity leave over half a quarter

    probation_ends = {p.code: _start(p) + relativedelta(years=1) for p in org.people}
    rows: list[AssessmentRecord] = []
    for quarter in Year(year).quarters():
        for person in org.people:
            if _start(person) > quarter.end:
                continue
            level = org.ability[person.code]
            performance = clamp(level + rng.gauss(0, 2.5), 40, 99.5)
            leader = clamp(level + rng.gauss(0, 2.5), 40, 99.5)
            if rng.random() < 0.02:  # a bad quarter
                drop = rng.uniform(10, 20)
                performance, leader = performance - drop, leader - drop * 0.8
            key = (person.code, quarter)
            reason = overrides.get(key)
            if reason:
                performance, leader = rng.uniform(62, 70), rng.uniform(60, 70)
            no_grade = None
            if _on_probation(probation_ends[person.code], quarter):
                no_grade = NoGradeReason.PROBATION
            elif key in investigated:
                no_grade = NoGradeReason.INVESTIGATION
            elif key in leave:
                no_grade = NoGradeReason.LEAVE
            comment_points = None
            if rng.random() < 0.02:  # entered on the row by the department head
                comment_points = Decimal(rng.choice(("1", "2", "-1", "-2")))
            rows.append(
                AssessmentRecord(
                    quarter=str(quarter),
                    code=person.code,
                    performance=one_decimal(performance),
                    leader=one_decimal(leader),
                    comment_points=comment_points,
                    override=QuarterGrade.POOR if reason and not no_grade else None,
                    override_reason=reason if not no_grade else None,
                    no_grade_reason=no_grade,
                )
            )
    return rows


def build_comments(rng: random.Random, org: Organization, year: int) -> list[CommentRecord]:
    """点评 every other Friday: a few people praised (+2), fewer criticised (−2)."""
    people = sorted(org.people, key=_start)
    starts = [_start(p) for p in people]
    staff = len(org.people)
    day = date(year, 1, 8)
    day += timedelta(days=(4 - day.weekday()) % 7)  # the first Friday after New Year week
    rows: list[CommentRecord] = []
    while day.year == year:
        active = people[: bisect_right(starts, day)]
        praised = max(1, round(staff * 0.02 * rng.uniform(0.5, 1.5)))
        criticised = round(staff * 0.008 * rng.uniform(0, 2))
        chosen = rng.sample(active, min(len(active), praised + criticised))
        for index, person in enumerate(chosen):
            if index < praised:
                rows.append(
                    CommentRecord(
                        person.code, day, CommentKind.PRAISE, PRAISE_POINTS, rng.choice(PRAISES)
                    )
                )
            else:
                rows.append(
                    CommentRecord(
                        person.code,
                        day,
                        CommentKind.CRITICISM,
                        CRITICISM_POINTS,
                        rng.choice(CRITICISMS),
                    )
                )
        day += timedelta(days=14)
    return unique_by(rows, lambda r: (r.code, r.date, r.kind, r.text))
