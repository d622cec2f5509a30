"""Noticing other workstations' commits: PRAGMA data_version on one kept connection.

data_version changes only between two reads on the same connection, so the watcher
keeps one connection open (idle, holding no lock between polls). A poll also checks
that the path still names the file we opened: deleted or replaced underneath, the
application must stop writing and say so.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kaohe_desktop.storage.uri import sqlite_uri


class FileState(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"  # another connection committed
    BUSY = "busy"  # a writer holds the lock right now; ask again later
    MISSING = "missing"  # deleted, renamed, or the share is gone
    REPLACED = "replaced"  # another file now has the name


@dataclass(frozen=True)
class _Identity:
    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> _Identity:
        stat = path.stat()
        return cls(stat.st_dev, stat.st_ino)

    def differs_from(self, other: _Identity) -> bool:
        # Some network file systems report no file id (0): then only a changed id counts.
        if not self.inode or not other.inode:
            return False
        return (self.device, self.inode) != (other.device, other.inode)


class DataVersionWatcher:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity = _Identity.of(path)
        # busy_timeout 0: a poll never waits for another clerk's write to finish.
        self._connection = sqlite3.connect(
            sqlite_uri(path, "ro"), uri=True, timeout=0, check_same_thread=False
        )
        self._version = self._read_version()

    def _read_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def poll(self) -> FileState:
        try:
            identity = _Identity.of(self.path)
        except OSError:
            return FileState.MISSING
        if identity.differs_from(self._identity):
            return FileState.REPLACED
        try:
            version = self._read_version()
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return FileState.BUSY
            return FileState.MISSING
        except sqlite3.DatabaseError:
            return FileState.REPLACED
        if version != self._version:
            self._version = version
            return FileState.CHANGED
        return FileState.UNCHANGED

    def close(self) -> None:
        self._connection.close()
