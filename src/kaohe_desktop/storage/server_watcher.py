"""Noticing other workstations' commits on a server: a change counter, polled.

A file has PRAGMA data_version; a server has the audit log's newest id, which every
audited commit raises inside its own transaction (the writer lock makes the ids
contiguous and committed in order), plus who holds which edit lease (not audited:
their heartbeats would fill the log). One small query per poll reads both, so the
live refresh costs the server one round trip every poll (two seconds) per workstation.

Polling rather than LISTEN/NOTIFY: a notification is lost while the connection is
down (a laptop asleep, the network dropped) and the poll must be there anyway to
notice that the server is gone; the poll also needs no trigger that every write
would have to fire. What changed is then told by the same code as on a file
(watcher.DataVersionWatcher._what_changed), own writes left out.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kaohe_desktop.storage.identity import file_id_of
from kaohe_desktop.storage.migrate import SCHEMA_VERSION_KEY
from kaohe_desktop.storage.own_writes import OwnWrites
from kaohe_desktop.storage.server_engine import is_retryable
from kaohe_desktop.storage.watcher import (
    LEASE_TABLE,
    NOTHING,
    ChangeSet,
    DataVersionWatcher,
    FileState,
    _Marks,
)

_UNIT, _RECORD = "\x1f", "\x1e"

MARKS_SQL = (
    f"SELECT (SELECT value FROM app_meta WHERE key = '{SCHEMA_VERSION_KEY}'), "
    "(SELECT max(id) FROM audit_log), "
    f"(SELECT string_agg(scope || chr(31) || token, chr(30) ORDER BY scope) FROM {LEASE_TABLE})"
)


class ServerWatcher(DataVersionWatcher):
    def __init__(
        self, engine: Engine, file_id: str | None = None, own_writes: OwnWrites | None = None
    ) -> None:
        # Not DataVersionWatcher.__init__: there is no file to stat or connect to.
        self._engine = engine
        self._own = own_writes
        self._file_id = file_id
        self._marks: _Marks | None = None
        try:
            self._marks = self._read_marks()
        except DBAPIError:
            self._marks = None  # unreachable now: the first change is "everything"

    def _rows(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._engine.connect() as connection:
            rows = connection.exec_driver_sql(sql.replace("?", "%s"), parameters).all()
            connection.rollback()
        return [tuple(row) for row in rows]

    def _read_marks(self) -> _Marks:
        schema, head, leases = self._rows(MARKS_SQL)[0]
        pairs = frozenset(
            tuple(item.split(_UNIT, 1)) for item in str(leases).split(_RECORD) if leases
        )
        return _Marks(int(str(schema or 0)), int(str(head or 0)), pairs)  # type: ignore[arg-type]

    def poll_changes(self) -> tuple[FileState, ChangeSet]:
        """The database's state and, when CHANGED, what other workstations changed."""
        try:
            marks = self._read_marks()
            if marks == self._marks:
                return FileState.UNCHANGED, NOTHING
            if self._file_id is not None and file_id_of(self._rows) != self._file_id:
                return FileState.REPLACED, NOTHING  # restored or recreated under the name
            change = self._what_changed(self._marks, marks)
        except DBAPIError as error:
            # Marks kept: the next poll reads the change again.
            return (FileState.BUSY if is_retryable(error) else FileState.MISSING), NOTHING
        self._marks = marks
        return (FileState.CHANGED, change) if change else (FileState.UNCHANGED, NOTHING)

    def close(self) -> None:
        """Nothing of its own to close: it borrows the workspace's engine."""
