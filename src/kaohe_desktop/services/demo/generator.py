"""A deterministic demo bureau as an `ExchangeBook`.

The book goes through the same import path as a clerk's workbook, so `kaohe init
--demo`, screenshots, reports and benchmarks all start from data that looks like
a real bureau's year. The same arguments always give the same book: the only
randomness is `random.Random(seed)`, consumed in a fixed order (the checks draw from
a stream of their own, so a change to them leaves people and scores as they were),
and nothing reads the clock: the demo's today is a fixed day (_common.demo_today).

What only the 查账 services may make (三级 draws and checks, 督办单 with 整改, 通报)
is not in the book: `follow_up.follow_up_year` adds it to a file the book was
imported into.
"""

from __future__ import annotations

import random
from datetime import date

from kaohe_desktop.domain.periods import MAX_YEAR, MIN_YEAR
from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES, ExchangeBook
from kaohe_desktop.services.demo._common import DEFAULT_SEED, demo_today
from kaohe_desktop.services.demo.adjustments import build_adjustments
from kaohe_desktop.services.demo.assessments import build_assessments, build_comments
from kaohe_desktop.services.demo.every_kind import add_every_kind
from kaohe_desktop.services.demo.ledger import build_checks, build_tasks
from kaohe_desktop.services.demo.organization import build_organization
from kaohe_desktop.services.demo.rewards import build_rewards
from kaohe_desktop.services.demo.talks import build_talks

DEFAULT_BUREAU = "夏津县食品药品监督管理局"


def generate_demo_book(
    *,
    seed: int = DEFAULT_SEED,
    year: int = 2026,
    staff: int = 80,
    years: int = 1,
    bureau_name: str = DEFAULT_BUREAU,
    every_kind: bool = False,
    today: date | None = None,
) -> ExchangeBook:
    """A bureau of `staff` people with `years` complete years ending with `year`.

    staff=80 is one county bureau (9 departments, ~50 tasks a year); larger staff
    adds departments so each keeps about 8–40 people (10,000 is a whole county).
    every_kind adds one of every kind of value the screens can produce (texts at
    their limits, grades set by hand…: services/demo/every_kind) to the last year.
    The checks are those recorded by `today` (default demo_today(year)).
    Raises ValueError for arguments no bureau could have.
    """
    if years < 1:
        raise ValueError(f"年数至少为 1，而不是 {years}")
    if not MIN_YEAR <= year - years + 1 <= year <= MAX_YEAR:
        raise ValueError(f"年度 {year - years + 1}–{year} 超出范围（{MIN_YEAR}–{MAX_YEAR}）")
    rng = random.Random(seed)
    today = today or demo_today(year)
    org = build_organization(rng, year, staff)
    county = bureau_name.strip()[:1] or "夏"  # 文号 abbreviation: 夏 for 夏津县
    book = ExchangeBook(
        departments=list(org.departments),
        people=list(org.people),
        bureau_name=bureau_name,
        staff_categories=list(DEFAULT_STAFF_CATEGORIES),
    )
    for current in range(year - years + 1, year + 1):
        # A 一票否决 is rare: always one in the latest year, so the demo shows it,
        # and one in about half of the earlier years.
        veto = current == year or rng.random() < 0.5
        pairs = build_tasks(rng, org, current)
        book.tasks.extend(task for task, _ in pairs)
        checks_rng = random.Random(f"{seed}/查账/{current}")
        book.checks.extend(build_checks(checks_rng, org, pairs, today))
        # The last year's first half is scripted (catalog_half_year) for the 半年考核.
        book.adjustments.extend(
            build_adjustments(
                rng, org, current, county, veto, today=today, scripted=current == year
            )
        )
        rewards, incidents = build_rewards(rng, org, current, county)
        book.rewards.extend(rewards)
        book.assessments.extend(build_assessments(rng, org, current, incidents))
        book.comments.extend(build_comments(rng, org, current))
        book.talks.extend(build_talks(rng, org, current, incidents))
    if every_kind:
        add_every_kind(book, year)
    return book
