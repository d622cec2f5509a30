"""Engines over one data file with the pragmas of DESIGN.md §5.

Every connection runs in SQLite autocommit mode and we issue BEGIN ourselves, so
a write transaction can start with BEGIN IMMEDIATE: the write lock is taken up
front (or refused after busy_timeout) instead of failing half-way at the first
UPDATE, which on a network share would mean a lost edit.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from kaohe_desktop.storage.errors import WalModeError
from kaohe_desktop.storage.uri import sqlite_uri

DEFAULT_BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "kaohe_write"

# Observers of every BEGIN statement; the reliability tests register one to prove
# that each write transaction starts with BEGIN IMMEDIATE.
begin_observers: list[Callable[[str], None]] = []


SPILL_PAGES = 65_536


def _configure(dbapi_connection: sqlite3.Connection, read_only: bool, busy_ms: int) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        # A write keeps its changed pages in memory until COMMIT (up to SPILL_PAGES, 256 MB
        # of 4 KB pages) instead of spilling them into the file midway. A spill takes the
        # EXCLUSIVE lock early: the other workstations could no longer read during a long
        # import, and the check before COMMIT that the path still holds our file (another
        # file copied over it in place) could no longer open it to read its id.
        cursor.execute(f"PRAGMA cache_spill = {SPILL_PAGES}")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() == "wal":
            raise WalModeError("数据文件处于 WAL 模式，在网络共享盘上不安全，拒绝打开。")
        if not read_only and str(mode).lower() != "delete":
            cursor.execute("PRAGMA journal_mode = DELETE")
    finally:
        cursor.close()


def make_engine(
    path: str | os.PathLike[str],
    *,
    read_only: bool,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    create: bool = False,
) -> Engine:
    """An engine whose connections never create the file unless `create` is set."""
    mode = "ro" if read_only else ("rwc" if create else "rw")
    uri = sqlite_uri(path, mode)

    def connect() -> sqlite3.Connection:
        # busy timeout also applies to the connect-time lock of reading the schema.
        return sqlite3.connect(
            uri,
            uri=True,
            timeout=busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
        )

    # NullPool: a connection held idle in a pool keeps a file handle on the share;
    # opening per unit of work is cheap for SQLite and lets other clerks' renames
    # and backups proceed.
    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        _configure(dbapi_connection, read_only, busy_timeout_ms)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = bool(connection.get_execution_options().get(WRITE_OPTION))
        statement = "BEGIN IMMEDIATE" if write else "BEGIN"
        for observer in begin_observers:
            observer(statement)
        connection.exec_driver_sql(statement)

    return engine


def execute_outside_transaction(
    engine: Engine, statement: str, parameters: tuple[object, ...] = ()
) -> list[tuple[object, ...]]:
    """Run one statement on a raw autocommit connection and return its rows.

    PRAGMAs such as integrity_check, application_id and VACUUM must not run inside
    the BEGIN that a SQLAlchemy connection would issue first.
    """
    raw = engine.raw_connection()
    try:
        cursor = raw.driver_connection.execute(statement, parameters)  # type: ignore[union-attr]
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        raw.close()


def write_engine(engine: Engine) -> Engine:
    """The same engine, but every transaction it begins is BEGIN IMMEDIATE."""
    return engine.execution_options(**{WRITE_OPTION: True})
