"""Reading the year's 年度考核 ahead while the tab is hidden, so turning to it shows the
year at once (issue 16).

A county year takes about 0.2 s to read and assess the first time (10,000 people, four
quarters); once read, the service keeps it (services/archive/annual_cache) until the
file's inputs or decisions change, and showing it takes a few milliseconds. So when the
hidden tab is told of a file or a year it will show (DataTab marks itself out of date),
the year is read a moment later (READ_AHEAD_MS) in a worker thread. The tab's own read
of a year being read ahead waits for it (the service knows what it is assessing), it
never reads it twice.

Best effort: a year that cannot be read is left for the tab's own read to explain. The
worker never touches a widget. It is stopped (waited for) before another file is shown
or the window closes, so no read outlives its file.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer

from kaohe_desktop.services.archive.annual import AnnualService

READ_AHEAD_MS = 800


class AnnualReadAhead(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setObjectName("annualReadAhead")
        self._timer.setSingleShot(True)
        self._timer.setInterval(READ_AHEAD_MS)
        self._timer.timeout.connect(self._start)
        self._wanted: tuple[AnnualService, int] | None = None
        self._threads: list[threading.Thread] = []

    def schedule(self, annual: AnnualService, year: int) -> None:
        """Read `year` a moment from now (whatever was wanted before is dropped)."""
        self._wanted = (annual, year)
        self._timer.start()

    def cancel(self) -> None:
        """Nothing more is read (a year in hand is finished in the background)."""
        self._timer.stop()
        self._wanted = None

    def stop(self) -> None:
        """Nothing more is read, and a year in hand is waited for (before the file is
        closed or another shown)."""
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
        thread = threading.Thread(target=_read, args=wanted, name="annual read-ahead")
        thread.daemon = True
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()


def _read(annual: AnnualService, year: int) -> None:
    try:
        annual.sheet(year)  # kept by the service: the tab's read finds it there
    except Exception:  # best effort: the tab's own read of it will say why
        return
