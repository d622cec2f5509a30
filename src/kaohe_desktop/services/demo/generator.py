"""A deterministic demo bureau as an `ExchangeBook`.

The book goes through the same import path as a clerk's workbook, so `kaohe init
--demo`, screenshots, reports and benchmarks all start from data that looks like
a real bureau's years (by default two: last year complete, this year up to the demo's
today, `as_of`: services/demo/as_of keeps only what had happened by then). The same
arguments always give the same book: the only randomness is
`random.Random(seed)` and streams named after it, consumed in a fixed order (the last
year draws from the book's own stream, each earlier year, the checks and the archive's
additions from streams of their own, so adding a year or changing one of them leaves
the last year's people and scores as they were), and nothing reads the clock: the
caller gives the demo's today (`kaohe init --demo --as-of`, the program's today).

The archive's story (services/demo/grave_cases, moves, talk_upkeep): a 记大过 the year
before the last and a 严重警告 in the last (不定等次), department history with a few
key posts due for rotation and a move whose 任职谈话 is missing, talks kept up but for
a few gaps, so both due lists have something to show.

What only the 查账 services may make (三级 draws and checks, 督办单 with 整改, 通报)
is not in the book: `follow_up.follow_up_year` adds it to a file the book was
imported into.
"""

from __future__ import annotations

import random
from datetime import date

from kaohe_desktop.domain.enums import DisciplineType
from kaohe_desktop.domain.periods import MAX_YEAR, MIN_YEAR
from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES, ExchangeBook
from kaohe_desktop.services.demo._common import DEFAULT_SEED, unique_by
from kaohe_desktop.services.demo.adjustments import build_adjustments
from kaohe_desktop.services.demo.as_of import keep_what_happened
from kaohe_desktop.services.demo.assessments import build_assessments, build_comments
from kaohe_desktop.services.demo.catalog_people import LEADER_CATEGORY
from kaohe_desktop.services.demo.every_kind import add_every_kind
from kaohe_desktop.services.demo.grave_cases import grave_case
from kaohe_desktop.services.demo.ledger import build_checks, build_tasks
from kaohe_desktop.services.demo.moves import planned_moves
from kaohe_desktop.services.demo.organization import Organization, build_organization
from kaohe_desktop.services.demo.rewards import build_rewards
from kaohe_desktop.services.demo.talk_upkeep import (
    keep_routine_talks,
    move_talks,
    reminder_talks,
    short_of_talks,
    talk_keys,
)
from kaohe_desktop.services.demo.talks import build_talks

DEFAULT_BUREAU = "夏津县食品药品监督管理局"


def generate_demo_book(
    *,
    as_of: date,
    seed: int = DEFAULT_SEED,
    staff: int = 80,
    years: int = 2,
    bureau_name: str = DEFAULT_BUREAU,
    every_kind: bool = False,
) -> ExchangeBook:
    """A bureau of `staff` people over `years` years ending with as_of's (the last
    up to `as_of`, the earlier ones complete): nothing in it is dated after as_of.

    staff=80 is one county bureau (9 departments, ~50 tasks a year); larger staff
    adds departments so each keeps about 8–40 people (10,000 is a whole county).
    every_kind adds one of every kind of value the screens can produce (texts at
    their limits, grades set by hand…: services/demo/every_kind) to the last year.
    Raises ValueError for arguments no bureau could have.
    """
    year, today = as_of.year, as_of
    if years < 1:
        raise ValueError(f"年数至少为 1，而不是 {years}")
    if not MIN_YEAR <= year - years + 1 <= year <= MAX_YEAR:
        raise ValueError(f"年度 {year - years + 1}–{year} 超出范围（{MIN_YEAR}–{MAX_YEAR}）")
    rng = random.Random(seed)
    org = build_organization(rng, year, staff)
    county = bureau_name.strip()[:1] or "夏"  # 文号 abbreviation: 夏 for 夏津县
    book = ExchangeBook(
        departments=list(org.departments),
        people=list(org.people),
        bureau_name=bureau_name,
        staff_categories=[*DEFAULT_STAFF_CATEGORIES, LEADER_CATEGORY],
    )
    spanned = range(year - years + 1, year + 1)
    for current in spanned:
        # The last year continues the book's stream; an earlier one has its own.
        year_rng = rng if current == year else random.Random(f"{seed}/{current}")
        # A 一票否决 is rare: always one in the latest year, so the demo shows it,
        # and one in about half of the earlier years.
        veto = current == year or year_rng.random() < 0.5
        pairs = build_tasks(year_rng, org, current)
        book.tasks.extend(task for task, _ in pairs)
        checks_rng = random.Random(f"{seed}/查账/{current}")
        book.checks.extend(build_checks(checks_rng, org, pairs, today))
        # The last year's first half is scripted (catalog_half_year) for the 半年考核.
        book.adjustments.extend(
            build_adjustments(
                year_rng, org, current, county, veto, today=today, scripted=current == year
            )
        )
        rewards, incidents = build_rewards(year_rng, org, current, county)
        book.rewards.extend(rewards)
        book.assessments.extend(build_assessments(year_rng, org, current, incidents, today))
        book.comments.extend(build_comments(year_rng, org, current))
        book.talks.extend(build_talks(year_rng, org, current, incidents))
    _add_archive_story(book, org, spanned, today, seed, county)
    keep_what_happened(book, as_of)
    if every_kind:
        add_every_kind(book, year)
    return book


def _add_archive_story(
    book: ExchangeBook, org: Organization, years: range, today: date, seed: int, county: str
) -> None:
    """The grave 处分, and the talks kept up but for the few gaps the due lists show."""
    for current in years:
        disciplined = {r.code for r in book.rewards if isinstance(r.type, DisciplineType)}
        rng = random.Random(f"{seed}/档案/{current}")
        case = grave_case(rng, org, current, years[-1], county, disciplined)
        if case is not None:
            book.rewards.append(case[0])
            book.talks.append(case[1])
    rng = random.Random(f"{seed}/谈话")
    taken = talk_keys(book.talks)
    moves = planned_moves(book, today, seed)
    book.talks.extend(move_talks(rng, org, moves, today, taken))
    book.talks.extend(reminder_talks(rng, org, book, list(years), today, taken))
    talks = book.talks
    for current in years:
        short = short_of_talks(rng, org) if current == years[-1] else (set(), set())
        talks = keep_routine_talks(rng, org, talks, current, today, taken, short)
    book.talks = unique_by(talks, lambda t: (t.code, t.date, t.talker))
