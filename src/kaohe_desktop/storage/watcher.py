"""Noticing other workstations' commits: PRAGMA data_version on one kept connection.

data_version changes only between two reads on the same connection, so the watcher
keeps one connection open (idle, holding no lock between polls). A poll also checks
that the path still names the file we opened: deleted or replaced underneath, the
application must stop writing and say so. "The file we opened" is the same test the
unit of work makes before each write (storage/identity.py): device and inode where
they can be trusted, and, when the file changed, its stored id (a file copied over
ours in place keeps our inode but not our id).
"""

from __future__ import annotations

import contextlib
import sqlite3
from enum import StrEnum
from pathlib import Path

from kaohe_desktop.storage.identity import file_id_of, stamp_of
from kaohe_desktop.storage.uri import sqlite_uri


class FileState(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"  # another connection committed
    BUSY = "busy"  # a writer holds the lock right now; ask again later
    MISSING = "missing"  # deleted, renamed, or the share is gone
    REPLACED = "replaced"  # another file now has the name


def _busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


class DataVersionWatcher:
    def __init__(self, path: Path, file_id: str | None = None) -> None:
        self.path = path
        # Device and inode where trusted (not a Windows network drive): None otherwise.
        self._stamp = stamp_of(path)
        # busy_timeout 0: a poll never waits for another clerk's write to finish.
        self._connection = sqlite3.connect(
            sqlite_uri(path, "ro"), uri=True, timeout=0, check_same_thread=False
        )
        self._version = self._read_version()
        self._file_id = file_id
        if file_id is None:
            # Busy right now: then device and inode are the only test.
            with contextlib.suppress(sqlite3.OperationalError):
                self._file_id = self._read_file_id()

    def _read_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def _read_file_id(self) -> str:
        try:
            return file_id_of(lambda sql: self._connection.execute(sql).fetchall())
        except sqlite3.OperationalError as error:
            if _busy(error):
                raise
            return ""  # no app_meta: not one of our files

    def poll(self) -> FileState:
        try:
            stamp = stamp_of(self.path)
        except OSError:
            return FileState.MISSING
        if self._stamp is not None and stamp is not None and stamp != self._stamp:
            return FileState.REPLACED
        try:
            version = self._read_version()
            # A change is either another clerk's commit or another file copied over ours.
            changed = version != self._version and self._file_id is not None
            if changed and self._read_file_id() != self._file_id:
                return FileState.REPLACED  # version kept: the next poll says so again
        except sqlite3.OperationalError as error:
            return FileState.BUSY if _busy(error) else FileState.MISSING
        except sqlite3.DatabaseError:
            return FileState.REPLACED
        if version != self._version:
            self._version = version
            return FileState.CHANGED
        return FileState.UNCHANGED

    def close(self) -> None:
        self._connection.close()
