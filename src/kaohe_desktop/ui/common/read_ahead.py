"""What the tabs' read-aheads share (issue 16): a read started a moment after it is asked
for (READ_AHEAD_MS, while the clerk reads, not clicks), in a worker thread that never
touches a widget, told to stop by another request and waited for before the file is
closed or another shown, so no read outlives its file.

The read itself (what is read, and keeping it) is each tab's: ui/annual/annual_read_ahead
and ui/quarterly/quarter_read_ahead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

READ_AHEAD_MS = 800

Read = Callable[[threading.Event], None]
"""A read run in the worker; the event is set when it should stop at its next step."""


class ReadAhead(QObject):
    def __init__(self, name: str, thread_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setObjectName(name)
        self._timer.setSingleShot(True)
        self._timer.setInterval(READ_AHEAD_MS)
        self._timer.timeout.connect(self._start)
        self._thread_name = thread_name
        self._wanted: Read | None = None
        self._threads: list[threading.Thread] = []  # the one reading, and any told to stop
        self._stop = threading.Event()

    def _want(self, read: Read) -> None:
        """Run `read` a moment from now (whatever was wanted before is dropped)."""
        self.cancel()
        self._wanted = read
        self._timer.start()

    def cancel(self) -> None:
        """Nothing more is read; a read in hand is finished in the background."""
        self._timer.stop()
        self._wanted = None
        self._stop.set()

    def stop(self) -> None:
        """Nothing more is read, and a read in hand is waited for (before the file is
        closed or another shown)."""
        self.cancel()
        threads, self._threads = self._threads, []
        for thread in threads:
            thread.join()

    @property
    def running(self) -> bool:
        return self._timer.isActive() or any(thread.is_alive() for thread in self._threads)

    def _start(self) -> None:
        read, self._wanted = self._wanted, None
        if read is None:
            return
        self._stop = stop = threading.Event()
        thread = threading.Thread(target=read, args=(stop,), name=self._thread_name)
        thread.daemon = True
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
