"""Every write transaction of every service begins with BEGIN IMMEDIATE; reads use BEGIN.

Two witnesses: the engine's begin_observers (what the application asked for), and
SQLite's own statement trace on every connection (what the driver actually ran), from
which each transaction is rebuilt and checked: one that changed anything must have
started with BEGIN IMMEDIATE, and no change may run outside a transaction.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool
from tests.factories import ADMIN, PASSWORD, Clock, sign_in
from tests.pg_support import PgPlace
from tests.reliability.conftest import Masters
from tests.reliability.figures import record

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.records import DepartmentRecord, ExchangeBook
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import AuthenticationError, BusyError, PermissionDeniedError
from kaohe_desktop.services.workspace import Workspace, begin_open, create_workspace
from kaohe_desktop.storage import engine as engine_module
from kaohe_desktop.storage.audit import verify_chain
from kaohe_desktop.storage.database import OpenedFile, open_data_file
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.server_engine import (
    READ_BEGIN,
    WRITE_BEGIN,
    WRITER_LOCK,
    make_server_engine,
)
from kaohe_desktop.storage.source import parse_server_url
from kaohe_desktop.storage.unit_of_work import DEFAULT_ATTEMPTS, UnitOfWork

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)
T0 = datetime(2026, 11, 20, 9, 0, 0)


@dataclass
class Trace:
    """Statements SQLite ran, per connection, rebuilt into transactions."""

    statements: list[tuple[int, str]] = field(default_factory=list)

    def transactions(self) -> list[tuple[str | None, list[str]]]:
        """(the BEGIN that opened it, or None for autocommit statements; what ran)."""
        open_by: dict[int, tuple[str, list[str]]] = {}
        done: list[tuple[str | None, list[str]]] = []
        for connection, statement in self.statements:
            text = statement.strip().rstrip(";")
            word = text.split(None, 1)[0].upper() if text else ""
            if word == "BEGIN":
                open_by[connection] = (text.upper(), [])
            elif word in ("COMMIT", "ROLLBACK", "END") and connection in open_by:
                done.append(open_by.pop(connection))
            elif connection in open_by:
                open_by[connection][1].append(text)
            else:
                done.append((None, [text]))
        done.extend(open_by.values())
        return done


@pytest.fixture
def trace() -> Iterator[Trace]:
    found = Trace()

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        key = id(dbapi_connection)
        dbapi_connection.set_trace_callback(lambda sql: found.statements.append((key, sql)))

    event.listen(Pool, "connect", on_connect)
    yield found
    event.remove(Pool, "connect", on_connect)


Calls = list[tuple[str, Callable[[], object]]]


def service_calls(
    source: Path | str,
    admin: Workspace,
    clerk: Workspace,
    viewer: Workspace,
    masters: Masters,
    clock: Clock,
    backup_dir: Path,
) -> tuple[Calls, Calls]:
    """The writes (each must begin as a writer) and reads (never) that both backends
    make the same way, on the data at `source` (a file path or a server URL)."""
    department_id = masters.departments[0]
    department = admin.departments.load(department_id)
    scope = person_scope(masters.person)
    leases: dict[str, Any] = {}

    def save_department() -> None:
        snapshot = admin.departments.load(department_id)
        admin.departments.save(snapshot.draft().with_value("sort_order", 90))

    def save_person() -> None:
        snapshot = clerk.people.load(masters.person)
        clerk.people.save(snapshot.draft().with_value("position", "四级主任科员"), leases["clerk"])

    def take_over() -> None:
        clock.now = T0 + timedelta(minutes=10)  # the clerk's lease went stale
        leases["admin"] = admin.leases.take_over(scope, "人员")

    def refused() -> None:
        with pytest.raises(PermissionDeniedError):
            viewer.departments.save(department.draft().with_value("sort_order", 60))

    def failed_sign_in() -> None:
        pending = begin_open(source)
        with pytest.raises(AuthenticationError):
            pending.sign_in(Credentials(ADMIN.username, "wrong-password-1"))
        pending.close()

    book = ExchangeBook(departments=[DepartmentRecord(name=department.values["name"], order=77)])
    writes: Calls = [
        ("import", lambda: admin.importer.apply(book)),
        ("department save", save_department),
        ("lease acquire", lambda: leases.__setitem__("clerk", clerk.leases.acquire(scope, "人员"))),
        ("lease heartbeat", lambda: clerk.leases.heartbeat(leases["clerk"])),
        ("person save under lease", save_person),
        ("lease take over", take_over),
        ("lease release", lambda: admin.leases.release(leases["admin"])),
        ("period close", lambda: admin.periods.close("2026Q1", "季度结账")),
        ("period reopen", lambda: admin.periods.reopen("2026Q1", "更正录入错误")),
        (
            "account add",
            lambda: admin.accounts.add_account("clerk9", "新录入员", Role.CLERK, PASSWORD),
        ),
        (
            "account update",
            lambda: admin.accounts.update_account(
                "clerk9", display_name="录入员九", role=Role.CLERK, active=True
            ),
        ),
        ("password reset", lambda: admin.accounts.reset_password("clerk9", "another-pass-2")),
        ("account unlock", lambda: admin.accounts.unlock("clerk9")),
        ("refusal logged", refused),
        ("failed sign-in logged", failed_sign_in),
        ("backup folder setting", lambda: admin.backups.set_folder(backup_dir)),
    ]
    reads: Calls = [
        ("load record", lambda: admin.departments.load(department_id)),
        ("people list", lambda: admin.people.listing()),
        ("summary", lambda: admin.bureau.summary()),
        ("audit entries", lambda: admin.audit_log.entries(AuditFilter(entity="department"))),
        ("audit verify", lambda: admin.audit_log.verify()),
        ("period history", lambda: admin.periods.history()),
        ("lease holder", lambda: admin.leases.holder(scope)),
        ("export book", lambda: admin.exporter.book()),
        ("sign in", lambda: sign_in(source, Role.REVIEWER, daily_backup=False).close()),  # type: ignore[arg-type]
    ]
    return writes, reads


def test_every_service_write_begins_immediate(
    tmp_path: Path, masters: Masters, trace: Trace, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    monkeypatch.setattr(engine_module, "begin_observers", [seen.append])
    path = masters.copy(masters.demo, tmp_path)
    clock = Clock(T0)
    admin = sign_in(path, Role.ADMIN, clock=clock, daily_backup=False)
    clerk = sign_in(path, Role.CLERK, clock=clock, daily_backup=False)
    viewer = sign_in(path, Role.VIEWER, daily_backup=False)
    backup_dir = tmp_path / "backups"
    backup = admin.backup(backup_dir)
    v1 = masters.copy(masters.v1, tmp_path / "v1")
    writes, reads = service_calls(path, admin, clerk, viewer, masters, clock, backup_dir)
    writes += [
        ("restore into new file", lambda: admin.backups.restore(backup, tmp_path / "恢复.kaohe")),
        ("migration at open", lambda: open_data_file(v1, backup_dir=backup_dir).close()),
        ("new data file", lambda: create_workspace(tmp_path / "新.kaohe", admin=ADMIN).close()),
    ]
    reads += [
        ("backup list", lambda: admin.backups.backups()),
        ("manual backup", lambda: admin.backup(backup_dir)),
    ]
    immediate = deferred = 0
    for name, call in writes:
        seen.clear()
        call()
        assert "BEGIN IMMEDIATE" in seen, f"{name}: {seen}"
        immediate += seen.count("BEGIN IMMEDIATE")
    for name, call in reads:
        seen.clear()
        call()
        # A read opens deferred transactions only (a backup none: VACUUM INTO runs alone).
        assert set(seen) <= {"BEGIN"}, f"{name}: {seen}"
        deferred += len(seen)
    for workspace in (admin, clerk, viewer):
        workspace.close()

    transactions = trace.transactions()
    changed = [(begin, sql) for begin, sql in transactions if any(WRITE.match(s) for s in sql)]
    assert changed, "the trace saw no write at all"
    wrong = [(begin, sql[:3]) for begin, sql in changed if begin != "BEGIN IMMEDIATE"]
    assert wrong == []
    assert deferred > 0 and any(begin == "BEGIN" for begin, _ in transactions)
    record(
        "BEGIN IMMEDIATE",
        service_writes=len(writes),
        service_reads=len(reads),
        immediate_begins=immediate,
        deferred_begins_in_reads=deferred,
        write_transactions_traced=len(changed),
        writes_not_immediate=len(wrong),
    )


# --- On a PostgreSQL server (issue 17): BEGIN, then the one writer lock --------------

LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (\w+):  (.*)$")
STATEMENT = re.compile(r"^(?:statement|execute [^:]+): (.*)$", re.DOTALL)


class ServerLog:
    """The server's own witness, as SQLite's trace is the file's: every statement the
    database's sessions ran (log_statement = all, for this database only), from the
    cluster's log, per backend process."""

    def __init__(self, place: PgPlace, url: str) -> None:
        self.path = place.cluster.folder / "server.log"
        if not self.path.exists():
            pytest.skip(f"the cluster's log is not at {self.path} (an attached cluster)")
        database = parse_server_url(url).database
        place.cluster.psql(f"ALTER DATABASE {database} SET log_statement = 'all'")
        self.start = self.path.stat().st_size

    def trace(self) -> Trace:
        text = self.path.read_bytes()[self.start :].decode("utf-8", "replace")
        found = Trace()
        last: list[Any] | None = None
        for line in text.splitlines():
            matched = LOG_LINE.match(line)
            if matched is None:
                if last is not None and line.startswith("\t"):
                    last[1] += "\n" + line[1:]
                continue
            pid, level, message = matched.groups()
            statement = STATEMENT.match(message) if level == "LOG" else None
            last = [int(pid), statement.group(1)] if statement else None
            if last is not None:
                found.statements.append(last)  # type: ignore[arg-type]
        found.statements = [(pid, sql) for pid, sql in found.statements]
        return found


def _current_user(workspace: Workspace) -> tuple[str, bool]:
    with workspace.opened.engine.connect() as connection:
        name, superuser = connection.exec_driver_sql(
            "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).one()
        connection.rollback()
    return str(name), bool(superuser)


def test_every_service_write_on_a_server_takes_the_writer_lock(
    tmp_path: Path, masters: Masters, pg_place: PgPlace, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_place.clone(masters.demo, tmp_path / "佐证材料")
    server_log = ServerLog(pg_place, url)
    seen: list[str] = []
    monkeypatch.setattr(engine_module, "begin_observers", [seen.append])
    clock = Clock(T0)
    admin = sign_in(url, Role.ADMIN, clock=clock, daily_backup=False)  # type: ignore[arg-type]
    clerk = sign_in(url, Role.CLERK, clock=clock, daily_backup=False)  # type: ignore[arg-type]
    viewer = sign_in(url, Role.VIEWER, daily_backup=False)  # type: ignore[arg-type]
    # The clerks' least-privileged account, no superuser (docs/RELIABILITY.md §8).
    assert _current_user(clerk) == ("kaohe_app", False)
    backup_dir = tmp_path / "backups"
    writes, reads = service_calls(url, admin, clerk, viewer, masters, clock, backup_dir)
    begins = 0
    for name, call in writes:
        seen.clear()
        call()
        assert "BEGIN IMMEDIATE" in seen, f"{name}: {seen}"
        begins += seen.count("BEGIN IMMEDIATE")
    for name, call in reads:
        seen.clear()
        call()
        assert set(seen) <= {"BEGIN"}, f"{name}: {seen}"
    # A backup reads the server and writes only its own local .kaohe file.
    admin.backup(backup_dir)
    for workspace in (admin, clerk, viewer):
        workspace.close()

    transactions = server_log.trace().transactions()
    lock = f"SELECT pg_advisory_xact_lock({WRITER_LOCK})"
    changed = [(begin, sql) for begin, sql in transactions if any(WRITE.match(s) for s in sql)]
    assert changed, "the server's log shows no write at all"
    # Every transaction that wrote: READ COMMITTED, then its lock_timeout and stalled-
    # writer timeout, then the lock,
    # before its first read or write; never a write outside a transaction.
    wrong = [
        (begin, sql[:3])
        for begin, sql in changed
        if begin != WRITE_BEGIN
        or not sql[:1]
        or not sql[0].startswith("SELECT set_config('lock_timeout'")
        or sql[1:2] != [lock]
    ]
    assert wrong == []
    # Reads: a REPEATABLE READ READ ONLY snapshot each. The one exception is the
    # driver's own type lookup when a connection is first made (SQLAlchemy's psycopg
    # dialect, a plain BEGIN reading pg_type), which reads no row of ours.
    reading = [(begin, sql) for begin, sql in transactions if begin is not None and lock not in sql]
    connect_time = [
        sql for begin, sql in reading if begin == "BEGIN" and all("pg_type" in s for s in sql)
    ]
    others = {begin for begin, sql in reading if sql not in connect_time}
    assert others == {READ_BEGIN}
    record(
        "writer lock postgresql",
        service_writes=len(writes),
        service_reads=len(reads) + 1,
        write_begins=begins,
        write_transactions_logged=len(changed),
        writes_without_lock=len(wrong),
    )


def test_a_second_server_writer_waits_for_the_first(
    tmp_path: Path, masters: Masters, pg_place: PgPlace
) -> None:
    """While one write transaction holds the writer lock, another's BEGIN waits in
    pg_advisory_xact_lock (pg_locks shows it) and its UPDATE runs only after the first
    committed: the two never interleave."""
    url = pg_place.clone(masters.demo, tmp_path / "佐证材料")
    opened = begin_open(url).opened
    first, second = opened.unit_of_work("admin"), opened.unit_of_work("clerk")
    department = masters.departments[0]
    order: list[str] = []
    inside, release = threading.Event(), threading.Event()

    def hold(session: Session) -> None:
        row = session.get(DepartmentRow, department)
        assert row is not None
        row.sort_order += 1
        session.flush()
        order.append("first wrote")
        inside.set()
        assert release.wait(60)
        order.append("first commits")

    def follow(session: Session) -> int:
        row = session.get(DepartmentRow, department)
        assert row is not None
        order.append("second reads")
        row.sort_order += 1
        return row.sort_order

    holder = threading.Thread(target=lambda: first.write(hold))
    holder.start()
    assert inside.wait(60)
    results: list[int] = []
    waiter = threading.Thread(target=lambda: results.append(second.write(follow)))
    waiter.start()
    deadline = time.monotonic() + 60
    while _waiting_for_writer_lock(opened) == 0:
        assert time.monotonic() < deadline, "the second writer never queued for the lock"
        time.sleep(0.01)
    assert order == ["first wrote"]  # queued, not interleaved
    release.set()
    holder.join(60)
    waiter.join(60)
    assert order == ["first wrote", "first commits", "second reads"]
    with opened.unit_of_work("check").read() as session:
        row = session.get(DepartmentRow, department)
        assert row is not None and results == [row.sort_order]
        assert verify_chain(session.connection()).ok
    opened.close()


def _waiting_for_writer_lock(opened: OpenedFile) -> int:
    with opened.engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND objid::bigint = %s",
            (WRITER_LOCK,),
        ).scalar()
        connection.rollback()
    return int(found or 0)


def _raise_sql(sqlstate: str) -> str:
    return f"DO $$ BEGIN RAISE EXCEPTION 'injected' USING ERRCODE = '{sqlstate}'; END $$"


@pytest.mark.parametrize(
    "sqlstate", ["40001", "40P01", "55P03"], ids=["serialization", "deadlock", "lock-timeout"]
)
def test_a_retryable_server_error_is_retried_within_the_bound_then_busy(
    tmp_path: Path, masters: Masters, pg_place: PgPlace, sqlstate: str
) -> None:
    """The server rolls a writer back with a SQLSTATE meaning "try again": the unit of
    work runs the whole write again, up to its bound, then says 正被其他同事写入 with
    nothing written and the edit kept."""
    url = pg_place.clone(masters.demo, tmp_path / "佐证材料")
    opened = begin_open(url).opened
    identity = opened.unit_of_work("admin")._same_file
    uow = UnitOfWork(opened.engine, account="admin", backoff_seconds=0.01, same_file=identity)
    department = masters.departments[0]
    attempts: list[int] = []

    def failing(times: int) -> Callable[[Session], int]:
        def work(session: Session) -> int:
            attempts.append(1)
            row = session.get(DepartmentRow, department)
            assert row is not None
            row.sort_order += 1
            session.flush()
            if len(attempts) <= times:
                session.execute(text(_raise_sql(sqlstate)))
            return row.sort_order

        return work

    with uow.read() as session:
        start = session.get(DepartmentRow, department)
        assert start is not None
        value, version = start.sort_order, start.version
    # Refused twice, then through on the third (the last) attempt: written once.
    assert uow.write(failing(DEFAULT_ATTEMPTS - 1)) == value + 1
    assert len(attempts) == DEFAULT_ATTEMPTS
    # Refused every time: BusyError after exactly the bound, nothing written.
    attempts.clear()
    with pytest.raises(BusyError) as busy:
        uow.write(failing(DEFAULT_ATTEMPTS))
    assert len(attempts) == DEFAULT_ATTEMPTS
    assert "多次重试" in str(busy.value) and "您的修改已保留" in str(busy.value)
    assert not uow.read_only  # busy is not unavailable: the next save may go through
    with uow.read() as session:
        row = session.get(DepartmentRow, department)
        assert row is not None and (row.sort_order, row.version) == (value + 1, version + 1)
        chain = verify_chain(session.connection())
    assert chain.ok
    opened.close()


def test_a_streamed_read_on_a_server_still_begins_as_a_read_snapshot(pg_url: str) -> None:
    """A read that streams its rows (yield_per: the audit chain's walk) begins the
    transaction itself; the BEGIN must not go through the server-side cursor."""
    engine = make_server_engine(parse_server_url(pg_url))
    try:
        with engine.connect() as connection:
            streamed = connection.execution_options(yield_per=2)
            numbers = streamed.exec_driver_sql("SELECT generate_series(1, 5)").scalars().all()
            mode = streamed.exec_driver_sql(
                "SELECT current_setting('transaction_isolation'), "
                "current_setting('transaction_read_only')"
            ).one()
            connection.rollback()
    finally:
        engine.dispose()
    assert numbers == [1, 2, 3, 4, 5]
    assert tuple(mode) == ("repeatable read", "on")
