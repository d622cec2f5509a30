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

from PySide6.QtCore import QObject, QTimer

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading

READ_AHEAD_MS = 800


class QuarterReadAhead(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setObjectName("quarterReadAhead")
        self._timer.setSingleShot(True)
        self._timer.setInterval(READ_AHEAD_MS)
        self._timer.timeout.connect(self._start)
        self._wanted: tuple[QuarterlyGrading, tuple[Quarter, ...], int | None] | None = None
        self._threads: list[threading.Thread] = []  # the one reading, and any told to stop
        self._stop = threading.Event()

    def schedule(
        self, grading: QuarterlyGrading, quarters: Sequence[Quarter], year: int | None = None
    ) -> None:
        """Read `quarters`, then the quarter `year` opens on, a moment from now (whatever
        was wanted before is dropped)."""
        self.cancel()
        if quarters or year is not None:
            self._wanted = (grading, tuple(quarters), year)
            self._timer.start()

    def cancel(self) -> None:
        """Nothing more is read; a quarter in hand is finished in the background."""
        self._timer.stop()
        self._wanted = None
        self._stop.set()

    def stop(self) -> None:
        """Nothing more is read, and the quarter in hand is waited for (before the file
        is closed or another shown)."""
        self.cancel()
        threads, self._threads = self._threads, []
        for thread in threads:
            thread.join()

    @property
    def running(self) -> bool:
        return self._timer.isActive() or any(thread.is_alive() for thread in self._threads)

    def _start(self) -> None:
        wanted, self._wanted = self._wanted, None
        if wanted is None:
            return
        self._stop = stop = threading.Event()
        grading, quarters, year = wanted
        thread = threading.Thread(
            target=_read, args=(grading, quarters, year, stop), name="quarter read-ahead"
        )
        thread.daemon = True
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()


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
