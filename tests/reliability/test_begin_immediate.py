"""Every write transaction of every service begins with BEGIN IMMEDIATE; reads use BEGIN.

Two witnesses: the engine's begin_observers (what the application asked for), and
SQLite's own statement trace on every connection (what the driver actually ran), from
which each transaction is rebuilt and checked: one that changed anything must have
started with BEGIN IMMEDIATE, and no change may run outside a transaction.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.pool import Pool
from tests.factories import ADMIN, PASSWORD, Clock, sign_in
from tests.reliability.conftest import Masters
from tests.reliability.figures import record

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.records import DepartmentRecord, ExchangeBook
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import AuthenticationError, PermissionDeniedError
from kaohe_desktop.services.workspace import begin_open, create_workspace
from kaohe_desktop.storage import engine as engine_module
from kaohe_desktop.storage.database import open_data_file

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
        pending = begin_open(path)
        with pytest.raises(AuthenticationError):
            pending.sign_in(Credentials(ADMIN.username, "wrong-password-1"))
        pending.close()

    backup_dir = tmp_path / "backups"
    backup = admin.backup(backup_dir)
    v1 = masters.copy(masters.v1, tmp_path / "v1")
    book = ExchangeBook(departments=[DepartmentRecord(name=department.values["name"], order=77)])
    writes: list[tuple[str, Callable[[], object]]] = [
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
        ("restore into new file", lambda: admin.backups.restore(backup, tmp_path / "恢复.kaohe")),
        ("migration at open", lambda: open_data_file(v1, backup_dir=backup_dir).close()),
        ("new data file", lambda: create_workspace(tmp_path / "新.kaohe", admin=ADMIN).close()),
    ]
    reads: list[tuple[str, Callable[[], object]]] = [
        ("load record", lambda: admin.departments.load(masters.departments[0])),
        ("people list", lambda: admin.people.listing()),
        ("summary", lambda: admin.bureau.summary()),
        ("audit entries", lambda: admin.audit_log.entries(AuditFilter(entity="department"))),
        ("audit verify", lambda: admin.audit_log.verify()),
        ("period history", lambda: admin.periods.history()),
        ("lease holder", lambda: admin.leases.holder(scope)),
        ("backup list", lambda: admin.backups.backups()),
        ("manual backup", lambda: admin.backup(backup_dir)),
        ("export book", lambda: admin.exporter.book()),
        ("sign in", lambda: sign_in(path, Role.REVIEWER, daily_backup=False).close()),
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
