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

from PySide6.QtCore import QObject

from kaohe_desktop.services.archive.annual import AnnualService
from kaohe_desktop.ui.common.read_ahead import ReadAhead


class AnnualReadAhead(ReadAhead):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("annualReadAhead", "annual read-ahead", parent)

    def schedule(self, annual: AnnualService, year: int) -> None:
        """Read `year` a moment from now (whatever was wanted before is dropped)."""
        self._want(lambda _stop: _read(annual, year))  # one step: nothing to stop between


def _read(annual: AnnualService, year: int) -> None:
    try:
        annual.sheet(year)  # kept by the service: the tab's read finds it there
    except Exception:  # best effort: the tab's own read of it will say why
        return
