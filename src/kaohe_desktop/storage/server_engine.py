"""Engines over a PostgreSQL server, with the file's transaction rules (DESIGN.md §5).

Writers are serialised, exactly as SQLite's BEGIN IMMEDIATE serialises them on a file:
every write transaction takes one transaction-scoped advisory lock
(`pg_advisory_xact_lock(WRITER_LOCK)`) before its first read, waiting at most
`lock_timeout`. Why one lock rather than SERIALIZABLE:

- every write appends to the one audit chain, so any two writers conflict on its head
  anyway; SERIALIZABLE would let both run and abort one at COMMIT, after the clerk's
  whole save had been computed, and the chain head would still need a lock;
- the application's rules (a 好-quota over a department, a quarter's close, a notice
  number) read many rows and then write: under one lock they read what is committed,
  with the same reasoning as on a file, and no rule has to be re-proved for PostgreSQL;
- a clerk's write takes milliseconds, so at 5–20 workstations the wait is short
  (docs/PERFORMANCE.md measures 5 concurrent writers).

Reads run REPEATABLE READ, READ ONLY: one consistent snapshot per read, as a SQLite
read transaction gives, never blocking a writer.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

from kaohe_desktop.storage import engine as file_engine
from kaohe_desktop.storage.engine import DEFAULT_BUSY_TIMEOUT_MS, WRITE_OPTION
from kaohe_desktop.storage.source import ServerAddress

# "KHTZ" (考核台账), as the file's application_id: the one lock every writer takes.
WRITER_LOCK = 0x4B48545A
CONNECT_TIMEOUT_S = 5
STALLED_WRITER_MS = 60_000  # a write transaction idle this long is ended by the server
APPLICATION_NAME = "kaohe-desktop"

WRITE_BEGIN = "BEGIN ISOLATION LEVEL READ COMMITTED"
READ_BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

# The BEGIN and the lock are never streamed, even when the transaction begins at a
# streamed read (yield_per on the connection): a server-side cursor cannot run them.
NOT_STREAMED = {"stream_results": False, "yield_per": None}

# SQLSTATEs that mean "try again": lock_timeout, serialization failure, deadlock.
RETRY_STATES = frozenset({"55P03", "40001", "40P01"})
# The account lacks a grant (RELIABILITY.md §8).
INSUFFICIENT_PRIVILEGE = "42501"
# Connection and server-side trouble: the server is unreachable or going away.
UNREACHABLE_CLASSES = ("08", "57")


def make_server_engine(
    address: ServerAddress,
    password: str | None = None,
    *,
    read_only: bool = False,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    pool_size: int = 3,
) -> Engine:
    """An engine whose write transactions (storage.engine.write_engine) take the
    writer lock. Without `password`, libpq's PGPASSWORD or pgpass file applies."""
    connect_args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": APPLICATION_NAME,
        # The unit of work reads SQLSTATEs and our triggers' marks, never the server's
        # own (locale-dependent) wording. Dates are stored naive, as on a file. Only
        # `public`: a schema named after the account ("$user", first in the default
        # search_path) must not receive our tables or shadow them.
        "options": "-c TimeZone=UTC -c search_path=public",
        # Never send the password in clear, whatever the server asks (md5 and SCRAM
        # are challenges; TLS is libpq's PGSSLMODE, RELIABILITY.md §8).
        "require_auth": "!password",
        # A workstation whose network goes away is noticed in about a minute.
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
    }
    if password is not None:
        connect_args["password"] = password
    # A pool (unlike a file's NullPool): a server connection costs a TCP and SCRAM
    # round trip, and keeping one open holds nothing on anyone else's disk.
    # pre_ping: after a server restart the first use reconnects instead of failing.
    engine = create_engine(
        address.url,
        connect_args=connect_args,
        pool_size=pool_size,
        max_overflow=4,
        pool_pre_ping=True,
        # We send BEGIN ourselves (below), as the file engine does.
        isolation_level="AUTOCOMMIT",
    )

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = bool(connection.get_execution_options().get(WRITE_OPTION))
        statement = WRITE_BEGIN if write else READ_BEGIN
        if read_only and write:
            statement = "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY"
        # Looked up at each BEGIN, as the file engine does: an observer list put in
        # place later (a test's monkeypatch) is seen here too.
        for observer in file_engine.begin_observers:
            observer("BEGIN IMMEDIATE" if write else "BEGIN")
        connection.exec_driver_sql(statement, execution_options=NOT_STREAMED)
        if write and not read_only:
            # One statement for both settings (a round trip each otherwise). A writer that
            # stalls holding the lock (a workstation frozen, its network gone without a
            # reset) is ended by the server after STALLED_WRITER_MS instead of blocking
            # every other clerk's save until TCP gives up (two hours by default).
            connection.exec_driver_sql(
                "SELECT set_config('lock_timeout', %s, true), "
                "set_config('idle_in_transaction_session_timeout', %s, true)",
                (str(int(busy_timeout_ms)), str(STALLED_WRITER_MS)),
                execution_options=NOT_STREAMED,
            )
            connection.exec_driver_sql(
                f"SELECT pg_advisory_xact_lock({WRITER_LOCK})", execution_options=NOT_STREAMED
            )

    return engine


def sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE of a psycopg error (wrapped by SQLAlchemy or not)."""
    original = getattr(error, "orig", error)
    state = getattr(original, "sqlstate", None)
    return str(state) if state else None


def server_words(error: BaseException, limit: int) -> str:
    """The first line of what the server or the driver said (wrapped by SQLAlchemy or
    not), at most `limit` characters; "" when it said nothing."""
    text = str(getattr(error, "orig", error)).strip()
    return text.splitlines()[0][:limit] if text else ""


def is_retryable(error: BaseException) -> bool:
    return sqlstate(error) in RETRY_STATES


def is_unreachable(error: BaseException) -> bool:
    state = sqlstate(error)
    if state is None:  # no SQLSTATE: the connection itself failed (refused, timed out)
        return True
    return state.startswith(UNREACHABLE_CLASSES)
