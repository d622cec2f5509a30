"""Reading the year's other quarters ahead, so choosing one shows it at once (issue 16).

A county quarter takes about 0.25 s to read and grade the first time; once read, the
service keeps it (services/quarterly/sheet_cache) until the file's grading inputs
change, and showing it again takes a few milliseconds. So a moment after the clerk has
a quarter on screen (READ_AHEAD_MS, when they are reading it, not clicking), the other
quarters of the year that have begun are read in a worker thread, nearest first, then
the quarter the year before opens on (a clerk comparing with last year). A quarter
chosen while it is being read is waited for, not read twice (the service's kept sheets
know what is being built); the service keeps eight quarters, so this reads none of
them out.

Best effort: a quarter that cannot be read is left for the clerk's own read to explain.
The worker never touches a widget. It is stopped before another file is shown or the
window closes (waiting for the quarter in hand, so no read outlives its file); another
year only tells it to stop after that quarter.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading
from kaohe_desktop.ui.common.read_ahead import ReadAhead


class QuarterReadAhead(ReadAhead):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("quarterReadAhead", "quarter read-ahead", parent)

    def schedule(
        self, grading: QuarterlyGrading, quarters: Sequence[Quarter], year: int | None = None
    ) -> None:
        """Read `quarters`, then the quarter `year` opens on, a moment from now (whatever
        was wanted before is dropped)."""
        self.cancel()
        if quarters or year is not None:
            wanted = tuple(quarters)
            self._want(lambda stop: _read(grading, wanted, year, stop))


def _read(
    grading: QuarterlyGrading,
    quarters: tuple[Quarter, ...],
    year: int | None,
    stop: threading.Event,
) -> None:
    try:
        for quarter in quarters:
            if stop.is_set():
                return
            grading.sheet(quarter)  # kept by the service: the clerk's choice finds it there
        if year is not None and not stop.is_set():
            grading.sheet(grading.default_quarter(year))
    except Exception:  # best effort: the clerk's own read of it will say why
        return
