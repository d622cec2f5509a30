"""The talks a careful bureau holds, added to the demo book after the year's own, so
the due lists show a few gaps against a record that is otherwise kept:

- routine talks (谈心谈话): everyone in service at least once a year, 党政正职
  (domain/talk_rules.is_principal) twice; in the last year two 党政正职 had only one
  and one other person none (the routine list);
- a 提醒谈话 after every ended quarter graded 一般 or 较差 (graded here exactly as the
  services grade it: domain/grading), except the last one of the last year (missing);
- a 任职谈话 after each planned move that had one (services/demo/moves).

Drawn from a stream of their own, so the rest of the book is the same with or without
them. Nothing is dated after today.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from itertools import chain, count

from kaohe_desktop.domain.enums import PersonStatus, QuarterGrade, TalkKind
from kaohe_desktop.domain.grading import band, composite_score, performance_total
from kaohe_desktop.domain.periods import Quarter, Year
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.records import ExchangeBook, TalkRecord
from kaohe_desktop.domain.talk_rules import ROUTINE_KINDS, is_principal
from kaohe_desktop.services.demo._common import day_between
from kaohe_desktop.services.demo.catalog import TALK_SUMMARIES
from kaohe_desktop.services.demo.moves import PlannedMove
from kaohe_desktop.services.demo.organization import Organization
from kaohe_desktop.services.demo.talks import Talkers

SHORT_PRINCIPALS = 2  # 党政正职 with one routine talk in the last year
SHORT_OTHERS = 1  # others with none
CALLING = (QuarterGrade.AVERAGE, QuarterGrade.POOR)


def calling_codes(
    book: ExchangeBook, years: Iterable[int], today: date
) -> list[tuple[Quarter, str]]:
    """(quarter, 编号) of every quarter ended before today graded 一般 or 较差, by quarter
    and 编号. Graded as the services grade the book's rows (default rules): those two
    come from the score's band or a 较差 set by hand, never from the 好 quota."""
    rules = QuarterlyRules()
    quarters = {str(q): q for year in years for q in Year(year).quarters() if q.end < today}
    points: defaultdict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for comment in book.comments:
        points[(str(Quarter.containing(comment.date)), comment.code)] += comment.points
    found: list[tuple[Quarter, str]] = []
    for row in book.assessments:
        quarter = quarters.get(row.quarter)
        if quarter is None or row.no_grade_reason is not None:
            continue
        entered = points[(row.quarter, row.code)] + (row.comment_points or 0)
        score = composite_score(performance_total(row.performance, entered), row.leader, rules)
        if row.override is QuarterGrade.POOR or band(score, rules) in CALLING:
            found.append((quarter, row.code))
    return sorted(found, key=lambda c: (c[0].start, c[1]))


def free_day(
    taken: set[tuple[str, date, str]], code: str, day: date, talker: str, today: date
) -> date:
    """`day`, or the nearest later one up to today (else earlier) on which the talker
    has no talk with the person yet: 编号, 日期, 谈话人 are the import's key of a talk."""
    later = (day + timedelta(days=n) for n in range(max(0, (today - day).days) + 1))
    earlier = (day - timedelta(days=n) for n in count(1))
    found = next(d for d in chain(later, earlier) if (code, d, talker) not in taken)
    taken.add((code, found, talker))
    return found


def talk_keys(talks: Iterable[TalkRecord]) -> set[tuple[str, date, str]]:
    return {(t.code, t.date, t.talker) for t in talks}


def reminder_talks(
    rng: random.Random,
    org: Organization,
    book: ExchangeBook,
    years: Sequence[int],
    today: date,
    taken: set[tuple[str, date, str]],
) -> list[TalkRecord]:
    """A 提醒谈话 after each ended quarter graded 一般 or 较差 but the last of the last year."""
    talkers = Talkers(org)
    people = {p.code: p for p in org.people}
    called = [(q, code) for q, code in calling_codes(book, years, today) if code in people]
    last = max(
        (c for c in called if c[0].year == max(years)), default=None, key=lambda c: c[0].start
    )
    talks = []
    for quarter, code in called:
        if (quarter, code) == last:
            continue  # not held yet: the special list shows it, overdue
        day = min(today, quarter.end + timedelta(days=rng.randint(5, 20)))
        talker = talkers.superior(people[code])
        day = free_day(taken, code, day, talker, today)
        talks.append(
            TalkRecord(code, day, talker, TalkKind.REMINDER, rng.choice(TALK_SUMMARIES["quarter"]))
        )
    return talks


def move_talks(
    rng: random.Random,
    org: Organization,
    moves: Iterable[PlannedMove],
    today: date,
    taken: set[tuple[str, date, str]],
) -> list[TalkRecord]:
    talkers = Talkers(org)
    people = {p.code: p for p in org.people}
    talks = []
    for move in moves:
        if not move.talked:
            continue
        talker = talkers.superior(people[move.code])
        day = min(today, move.day + timedelta(days=rng.randint(3, 12)))
        day = free_day(taken, move.code, day, talker, today)
        talks.append(
            TalkRecord(
                move.code, day, talker, TalkKind.APPOINTMENT, rng.choice(TALK_SUMMARIES["move"])
            )
        )
    return talks


def short_of_talks(rng: random.Random, org: Organization) -> tuple[set[str], set[str]]:
    """(党政正职 left with one routine talk, others left with none) in the last year."""
    principals = sorted(p.code for p in org.heads.values() if is_principal(p.position))
    others = sorted(
        p.code
        for p in org.people
        if not p.key_post and not is_principal(p.position) and p not in org.leaders
        and p.status is PersonStatus.ACTIVE
    )  # fmt: skip
    return (
        set(rng.sample(principals, min(SHORT_PRINCIPALS, len(principals)))),
        set(rng.sample(others, min(SHORT_OTHERS, len(others)))),
    )


def _routine(talk: TalkRecord) -> bool:
    return talk.kind in ROUTINE_KINDS


def keep_routine_talks(
    rng: random.Random,
    org: Organization,
    talks: list[TalkRecord],
    year: int,
    today: date,
    taken: set[tuple[str, date, str]],
    short: tuple[set[str], set[str]] = (set(), set()),
) -> list[TalkRecord]:
    """The talks with the year's routine ones made up to what each person needs; the
    `short` people of the year (principals, others) keep one routine talk and none."""
    talkers = Talkers(org)
    first, last = date(year, 1, 10), min(date(year, 12, 15), today - timedelta(days=1))
    held: defaultdict[str, list[TalkRecord]] = defaultdict(list)
    for talk in talks:
        if talk.date.year == year and _routine(talk):
            held[talk.code].append(talk)
    short_principals, short_others = short
    dropped = set()
    for code in short_principals | short_others:
        keep = 1 if code in short_principals else 0
        dropped |= {id(t) for t in sorted(held[code], key=lambda t: t.date)[keep:]}
    kept = [t for t in talks if id(t) not in dropped]
    for person in org.people:
        if person.code in short_principals | short_others:
            continue
        start = max(first, (person.work_start or first) + timedelta(days=7))
        if start > last:
            continue
        needed = (2 if is_principal(person.position) else 1) - len(held[person.code])
        talker = talkers.superior(person)
        for _ in range(needed):
            day = free_day(taken, person.code, day_between(rng, start, last), talker, last)
            summary = rng.choice(TALK_SUMMARIES["heart"])
            kept.append(TalkRecord(person.code, day, talker, TalkKind.HEART_TO_HEART, summary))
    return kept
