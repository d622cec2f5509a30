"""A new file filled with the demo bureau, on the demo's calendar.

`play_demo` runs on a Workspace whose services read a DemoClock (and inside
storage.audit.stamped_by of that clock, so the log's times are the demo's days too):
the accounts and the scheme on the first day of the demo's first year, then the book
imported as a clerk's workbook would be — each quarter's 平时考核 handed in after the
quarter, on its day — then the years followed up through the services
(services/demo/follow_up), up to the demo's today and never after it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Protocol

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.services.access.accounts import AccountService
from kaohe_desktop.services.demo.accounts import add_demo_accounts
from kaohe_desktop.services.demo.catalog_people import LEADER_CATEGORY
from kaohe_desktop.services.demo.follow_up import CheckDesk, DemoClock, follow_up_year
from kaohe_desktop.services.exchange.importing import ExchangeImport
from kaohe_desktop.services.progress import SILENT, ProgressReporter

SET_UP_ON = (1, 4)  # (month, day) of the first year: accounts, scheme, the import


class DemoDesk(CheckDesk, Protocol):
    @property
    def accounts(self) -> AccountService: ...
    @property
    def importer(self) -> ExchangeImport: ...


def demo_clock(book: ExchangeBook, as_of: date) -> DemoClock:
    """The demo's clock, on the first day of the book's first year."""
    first = min(task.year for task in book.tasks)
    return DemoClock(as_of, date(first, *SET_UP_ON))


def demo_rules() -> QuarterlyRules:
    """The demo's 平时考核 scheme: the defaults, the 局领导 not graded with the staff."""
    return QuarterlyRules(ungraded_categories=(LEADER_CATEGORY,))


def play_demo(
    desk: DemoDesk,
    clock: DemoClock,
    book: ExchangeBook,
    *,
    progress: ProgressReporter = SILENT,
    closes: bool = True,
    accounts: bool = True,
) -> None:
    """Fill the file `desk` works on with `book` and its years (see the module)."""
    first = min(task.year for task in book.tasks)
    if accounts:
        add_demo_accounts(desk.accounts)
    # Set ahead on the first quarter, before any entry: every later quarter inherits it.
    desk.grading.set_rules(Quarter(first, 1), demo_rules())
    # The 平时考核 of each quarter is handed in after it (follow_up's hand_in), not on
    # the first day: a quarter's first entry freezes its scheme, shown "已于 … 冻结".
    desk.importer.apply(replace(book, assessments=[]), progress=progress)

    def hand_in(quarter: Quarter) -> None:
        rows = [row for row in book.assessments if row.quarter == str(quarter)]
        if rows:
            desk.importer.apply(ExchangeBook(assessments=rows))

    follow_up_year(desk, clock, book, progress=progress, closes=closes, hand_in=hand_in)
