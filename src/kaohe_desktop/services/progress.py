"""Progress reports and cancellation for long work (imports, exports, demo data).

Services call `report` between steps; a cancelled token makes the next report
raise `Cancelled`, which unwinds the write transaction so nothing is half-written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    """The clerk cancelled; the work was rolled back."""

    def __init__(self) -> None:
        super().__init__("操作已取消，未写入任何数据。")


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str


class ProgressReporter:
    def __init__(
        self,
        callback: Callable[[Progress], None] | None = None,
        cancel_event: threading.Event | None = None,
    ) -> None:
        self._callback = callback
        self._cancel = cancel_event or threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, message: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        if self._callback is not None:
            self._callback(Progress(done, total, message))


SILENT = ProgressReporter()
