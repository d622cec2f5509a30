"""Which audit rows this program wrote itself, so that its own commits never reload
its own screens (storage/watcher.py reads the audit rows behind each change).

Every audited write appends audit_log rows with contiguous ids inside its transaction
(audit._write_entries). The ids are noted on the transaction's connection and become
"ours" only after COMMIT succeeded: the ids of a rolled-back transaction are taken by
the next writer, perhaps another workstation, and that change must still be seen.

One record per opened engine (every unit of work of one opened file in this process
shares it): a second Workspace on the same file, in this process or another, has its
own engine and so is "another workstation" to this one.
"""

from __future__ import annotations

import threading
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine

# Connection.info key: the (first, last) audit ids the open transaction wrote.
WRITTEN_KEY = "kaohe_audit_ids_written"

IdRange = tuple[int, int]


def note_written(connection: Connection, first: int, last: int) -> None:
    """Inside a write: audit rows first..last were appended on this connection.

    The note lives with the DBAPI connection. A file's engine pools nothing (NullPool,
    engine.py), so a rolled-back transaction's notes are closed with it; a server's
    engine pools, so every write first discards what its connection still carries
    (UnitOfWork.write): they never reach a later transaction's commit."""
    connection.info.setdefault(WRITTEN_KEY, []).append((first, last))


def take_written(connection: Connection) -> list[IdRange]:
    """The ranges noted on this connection's transaction, forgotten there."""
    written: list[IdRange] = connection.info.pop(WRITTEN_KEY, [])
    return written


class OwnWrites:
    """The audit id ranges this process committed to one file.

    `lock` is held by the unit of work from just before COMMIT until the ids are
    recorded, and by the watcher while it reads the ranges: a poll that can already
    see our rows therefore finds them recorded (it waits for the few lines between).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._ranges: list[IdRange] = []

    def add(self, ranges: list[IdRange]) -> None:
        """Record committed ranges; the caller holds `lock`."""
        for first, last in ranges:
            if self._ranges and self._ranges[-1][1] + 1 == first:
                # Consecutive own saves with nobody else in between: one range.
                self._ranges[-1] = (self._ranges[-1][0], last)
            else:
                self._ranges.append((first, last))

    def ranges_after(self, seen: int) -> list[IdRange]:
        """The recorded ranges with ids above `seen`."""
        with self.lock:
            return [(first, last) for first, last in self._ranges if last > seen]

    def forget_through(self, seen: int) -> None:
        """The watcher has classified every id up to `seen`: drop those ranges."""
        with self.lock:
            self._ranges = [(first, last) for first, last in self._ranges if last > seen]


_BY_ENGINE: WeakKeyDictionary[Any, OwnWrites] = WeakKeyDictionary()
_BY_ENGINE_LOCK = threading.Lock()


def own_writes_of(engine: Engine) -> OwnWrites:
    """The record shared by every unit of work over `engine` and its watcher."""
    with _BY_ENGINE_LOCK:
        record = _BY_ENGINE.get(engine)
        if record is None:
            record = _BY_ENGINE[engine] = OwnWrites()
        return record
