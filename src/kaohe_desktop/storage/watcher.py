"""Noticing other workstations' commits: PRAGMA data_version on one kept connection.

data_version changes only between two reads on the same connection, so the watcher
keeps one connection open (idle, holding no lock between polls). A poll also checks
that the path still names the file we opened: deleted or replaced underneath, the
application must stop writing and say so. "The file we opened" is the same test the
unit of work makes before each write (storage/identity.py): device and inode where
they can be trusted, and, when the file changed, its stored id (a file copied over
ours in place keeps our inode but not our id).

What changed is read from the audit log: every audited write appends rows with
contiguous ids, so the rows above the last id seen name the tables (and, when few,
the rows) written since. The ids this program committed itself are left out
(own_writes.py): its own saves never reload its own screens. Edit leases are not
audited (their heartbeat changes every few seconds); a lease taken or given back is
told by comparing who holds which scope, so a heartbeat alone reports nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kaohe_desktop.storage.identity import file_id_of, stamp_of
from kaohe_desktop.storage.own_writes import IdRange, OwnWrites
from kaohe_desktop.storage.uri import sqlite_uri

LEASE_TABLE = "edit_lease"
# Beyond this many rows written by others since the last poll, only their tables are
# told (an import by a colleague): the screens read those tables again anyway.
ROW_DETAIL = 200


class FileState(StrEnum):
    UNCHANGED = "unchanged"  # nothing, or only this program's own writes
    CHANGED = "changed"  # another connection committed something the screens show
    BUSY = "busy"  # a writer holds the lock right now; ask again later
    MISSING = "missing"  # deleted, renamed, or the share is gone
    REPLACED = "replaced"  # another file now has the name


@dataclass(frozen=True)
class ChangeSet:
    """What other workstations changed since the last poll."""

    # The audit entities written: table names (and a few event kinds, "permission" …).
    tables: frozenset[str] = frozenset()
    # (table, entity id) of each row written, or None when too many to list.
    rows: frozenset[tuple[str, str]] | None = frozenset()
    # The tables whose set of rows changed: an audit entry other than "update" (rows
    # added or removed, an import's entries, events); a screen listing which periods
    # have data reads again only for these.
    added_or_removed: frozenset[str] = frozenset()
    leases: bool = False  # an edit lease was taken, given back or taken over
    everything: bool = False  # cannot tell what (the log went back, the schema changed)

    def __bool__(self) -> bool:
        return self.everything or self.leases or bool(self.tables)

    def touches(self, tables: Collection[str] | None) -> bool:
        """Whether a screen showing rows of `tables` (None: of any) must read again."""
        if self.everything:
            return True
        if tables is None:
            return bool(self.tables)
        return not self.tables.isdisjoint(tables)

    def rows_of(self, table: str) -> frozenset[str] | None:
        """The ids of `table`'s rows written, or None when not listed (any of them)."""
        if self.rows is None:
            return None if table in self.tables else frozenset()
        return frozenset(entity_id for entity, entity_id in self.rows if entity == table)


NOTHING = ChangeSet()
EVERYTHING = ChangeSet(everything=True, rows=None)


def _busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _no_table(error: sqlite3.OperationalError) -> bool:
    return "no such table" in str(error)


@dataclass(frozen=True)
class _Marks:
    """Where the file stood at the last poll."""

    schema: int  # PRAGMA schema_version: a migration rewrites every table
    head: int  # the newest audit id
    leases: frozenset[tuple[str, str]]  # (scope, token) of every lease row


class DataVersionWatcher:
    def __init__(
        self, path: Path, file_id: str | None = None, own_writes: OwnWrites | None = None
    ) -> None:
        self.path = path
        # Device and inode where trusted (not a Windows network drive): None otherwise.
        self._stamp = stamp_of(path)
        self._own = own_writes
        # busy_timeout 0: a poll never waits for another clerk's write to finish.
        self._connection = sqlite3.connect(
            sqlite_uri(path, "ro"), uri=True, timeout=0, check_same_thread=False
        )
        # data_version first: a commit landing between the two reads is then counted
        # in the marks and only costs the next poll one look at the log.
        self._version = self._read_version()
        # None while unknown (busy now): the first change is then "everything".
        self._marks: _Marks | None = None
        with contextlib.suppress(sqlite3.OperationalError):
            self._marks = self._read_marks()
        self._file_id = file_id
        if file_id is None:
            # Busy right now: then device and inode are the only test.
            with contextlib.suppress(sqlite3.OperationalError):
                self._file_id = self._read_file_id()

    def _rows(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        # fetchall: the statement is finished and the read lock let go before we return.
        return self._connection.execute(sql, parameters).fetchall()

    def _read_version(self) -> int:
        return int(str(self._rows("PRAGMA data_version")[0][0]))

    def _read_file_id(self) -> str:
        try:
            return file_id_of(self._rows)
        except sqlite3.OperationalError as error:
            if _busy(error):
                raise
            return ""  # no app_meta: not one of our files

    def _read_marks(self) -> _Marks:
        schema = int(str(self._rows("PRAGMA schema_version")[0][0]))
        try:
            head = self._rows("SELECT max(id) FROM audit_log")[0][0]
            leases = self._rows(f"SELECT scope, token FROM {LEASE_TABLE}")
        except sqlite3.OperationalError as error:
            if not _no_table(error):
                raise
            return _Marks(schema, 0, frozenset())  # not (yet) one of our files
        pairs = frozenset((str(scope), str(token)) for scope, token in leases)
        return _Marks(schema, int(str(head or 0)), pairs)

    def poll(self) -> FileState:
        return self.poll_changes()[0]

    def poll_changes(self) -> tuple[FileState, ChangeSet]:
        """The file's state and, when CHANGED, what other workstations changed."""
        try:
            stamp = stamp_of(self.path)
        except OSError:
            return FileState.MISSING, NOTHING
        if self._stamp is not None and stamp is not None and stamp != self._stamp:
            return FileState.REPLACED, NOTHING
        try:
            version = self._read_version()
            if version == self._version:
                return FileState.UNCHANGED, NOTHING
            # A change is either another clerk's commit or another file copied over ours.
            if self._file_id is not None and self._read_file_id() != self._file_id:
                return FileState.REPLACED, NOTHING  # version kept: the next poll says so again
            marks = self._read_marks()
            change = self._what_changed(self._marks, marks)
        except sqlite3.OperationalError as error:
            # Version kept: the next poll reads the change again.
            return (FileState.BUSY if _busy(error) else FileState.MISSING), NOTHING
        except sqlite3.DatabaseError:
            return FileState.REPLACED, NOTHING
        self._version, self._marks = version, marks
        return (FileState.CHANGED, change) if change else (FileState.UNCHANGED, NOTHING)

    def _what_changed(self, before: _Marks | None, now: _Marks) -> ChangeSet:
        if before is None or now.schema != before.schema or now.head < before.head:
            return EVERYTHING
        leases = now.leases != before.leases
        if now.head == before.head:
            return ChangeSet(leases=leases)
        # Read after the head: every row of ours up to it is recorded by now (OwnWrites.lock).
        own = self._own.ranges_after(before.head) if self._own is not None else []
        change = self._others(before.head, now.head, own)
        if self._own is not None:
            self._own.forget_through(now.head)
        return ChangeSet(
            change.tables,
            change.rows,
            change.added_or_removed,
            leases=leases or LEASE_TABLE in change.tables,
        )

    def _others(self, seen: int, head: int, own: list[IdRange]) -> ChangeSet:
        """The tables (and, when few, the rows) of audit rows seen+1..head not ours."""
        where = "id > ? AND id <= ?" + " AND id NOT BETWEEN ? AND ?" * len(own)
        parameters: tuple[object, ...] = (seen, head, *(i for pair in own for i in pair))
        found = self._rows(
            f"SELECT entity, entity_id, action <> 'update' FROM audit_log WHERE {where} "
            f"LIMIT {ROW_DETAIL + 1}",
            parameters,
        )
        rows: frozenset[tuple[str, str]] | None = None
        by_table: list[tuple[object, ...]]  # (entity, whether rows were added or removed)
        if len(found) <= ROW_DETAIL:
            rows = frozenset((str(entity), str(entity_id)) for entity, entity_id, _ in found)
            by_table = [(entity, reshaped) for entity, _, reshaped in found]
        else:
            by_table = self._rows(
                # CASE rather than max(boolean): the same SQL on a server (PostgreSQL).
                "SELECT entity, max(CASE WHEN action <> 'update' THEN 1 ELSE 0 END) "
                f"FROM audit_log WHERE {where} GROUP BY entity",
                parameters,
            )
        tables = frozenset(str(entity) for entity, _ in by_table)
        reshaped = frozenset(str(entity) for entity, flag in by_table if flag)
        return ChangeSet(tables, rows, reshaped)

    def close(self) -> None:
        self._connection.close()
