"""The demo bureau's department history (任职科室历史): who moved, from where, when.

The exchange workbook knows only each person's current department, so the import
opens one stint from 参加工作时间 for everyone; left so, every key post would have sat
in one department since joining and the rotation list would hold them all. The plan
below gives most key posts a move into their department one to four and a half years
ago (交流轮岗 done, each with its 任职谈话), and leaves a few for the due lists:

- ROTATION_DUE key posts still where they started, more than five years on;
- one key post whose five years fall due a week after today;
- two moves in the last year: one in April with its 任职谈话, one in early November
  whose 任职谈话 has not been held (overdue on today).

A pure function of the roster, today and the seed: the generator adds the 任职谈话
(talk_upkeep), the follow-up writes the plan into the file (services/demo/history).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import PersonStatus
from kaohe_desktop.domain.records import ExchangeBook, PersonRecord
from kaohe_desktop.services.demo._common import day_between

ROTATION_DUE = 3  # key posts left in their department past the rotation years
SOON_DAYS = 8  # the key post whose years are full this many days after today


@dataclass(frozen=True)
class PlannedMove:
    code: str
    before: str  # the department left
    day: date  # the first day in the current department
    talked: bool  # a 任职谈话 followed


def _elsewhere(rng: random.Random, departments: Sequence[str], person: PersonRecord) -> str:
    return rng.choice([name for name in departments if name != person.department])


def planned_moves(book: ExchangeBook, today: date, seed: int) -> list[PlannedMove]:
    """The plan of the demo `book` (generate_demo_book's, without every_kind's rows):
    the generator adds its talks, the follow-up writes it into the file."""
    departments = [d.name for d in book.departments]
    return plan_moves(random.Random(f"{seed}/调动"), book.people, departments, today)


def plan_moves(
    rng: random.Random, people: Sequence[PersonRecord], departments: Sequence[str], today: date
) -> list[PlannedMove]:
    """Every move of the plan, by 编号 within each kind (deterministic for a seed)."""
    years = int(AnnualRules().rotation_years)
    rotation_start = today - relativedelta(years=years)
    long_ago = rotation_start - relativedelta(years=1)
    key_posts = sorted(
        (p for p in people if p.key_post and p.work_start and p.work_start <= long_ago),
        key=lambda p: p.code,
    )
    left = set(rng.sample(range(len(key_posts)), min(ROTATION_DUE + 1, len(key_posts))))
    soon = min(left, default=None)  # the first of them falls due soon instead
    moves = []
    for index, person in enumerate(key_posts):
        if index == soon:
            day = rotation_start + timedelta(days=SOON_DAYS)
        elif index in left:
            continue
        else:
            day = day_between(rng, today - relativedelta(months=54), today - relativedelta(years=1))
        moves.append(PlannedMove(person.code, _elsewhere(rng, departments, person), day, True))

    # Rank and file (department heads and 局领导 are key posts).
    movers = sorted(
        (
            p
            for p in people
            if not p.key_post
            and p.status is PersonStatus.ACTIVE
            and p.work_start is not None
            and p.work_start <= today - relativedelta(years=3)
        ),
        key=lambda p: p.code,
    )
    days = (
        # In April, or (a today before it) two months before today.
        (min(date(today.year, 4, rng.randint(1, 20)), today - timedelta(days=60)), True),
        (today - timedelta(days=rng.randint(40, 50)), False),  # its talk overdue by today
    )
    for person, (day, talked) in zip(rng.sample(movers, min(2, len(movers))), days, strict=False):
        moves.append(PlannedMove(person.code, _elsewhere(rng, departments, person), day, talked))
    return moves
