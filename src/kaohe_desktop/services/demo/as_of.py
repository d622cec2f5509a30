"""The demo book as it stands on its today (`as_of`): what has not happened is not in it.

The generator draws whole years (so a seed gives the same people and scores whatever
the day), then keeps what had happened by `as_of`:

- nobody who joins after it, nor anything dated after it (点评, 奖惩, 谈话, 加减分,
  查账);
- the 平时考核 rows of the quarters ended before as_of's quarter; of as_of's own
  quarter, in progress, the rows the first departments (in bureau order) have handed
  in — about as many as the share of the quarter gone by, never all of them;
- no 平时考核 row nor 点评 for the 局领导 (LEADER_CATEGORY), who are not graded with
  the staff: the county's organisation department assesses them, and the demo's
  scheme lists their category in QuarterlyRules.ungraded_categories.
"""

from __future__ import annotations

from datetime import date

from kaohe_desktop.domain.periods import Quarter, parse_half, parse_quarter
from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.services.demo.catalog_people import LEADER_CATEGORY

HANDED_IN_SHARE = 0.7  # of the departments, at the quarter's end, before its last week


def entered_departments(departments: list[str], quarter: Quarter, as_of: date) -> set[str]:
    """The departments whose 平时考核 of as_of's quarter is in by as_of."""
    length = (quarter.end - quarter.start).days + 1
    gone = (as_of - quarter.start).days / length
    count = min(len(departments) - 1, int(len(departments) * gone * HANDED_IN_SHARE))
    return set(departments[: max(0, count)])


def keep_what_happened(book: ExchangeBook, as_of: date) -> ExchangeBook:
    """`book` (changed in place, and returned) as it stands on `as_of`."""
    book.people = [p for p in book.people if p.work_start is None or p.work_start <= as_of]
    present = {p.code for p in book.people}
    leaders = {p.code for p in book.people if p.category == LEADER_CATEGORY}
    department = {p.code: p.department for p in book.people}
    current = Quarter.containing(as_of)
    entered = entered_departments([d.name for d in book.departments], current, as_of)

    def in_by(quarter: str, code: str) -> bool:
        q = parse_quarter(quarter)
        return q < current or (q == current and department[code] in entered)

    book.assessments = [
        row
        for row in book.assessments
        if row.code in present and row.code not in leaders and in_by(row.quarter, row.code)
    ]
    book.comments = [
        row
        for row in book.comments
        if row.code in present and row.code not in leaders and row.date <= as_of
    ]
    book.rewards = [r for r in book.rewards if r.code in present and r.date <= as_of]
    book.talks = [t for t in book.talks if t.code in present and t.date <= as_of]
    book.adjustments = [
        row for row in book.adjustments if (row.date or parse_half(row.half).start) <= as_of
    ]
    book.checks = [c for c in book.checks if c.check_date is None or c.check_date <= as_of]
    return book
