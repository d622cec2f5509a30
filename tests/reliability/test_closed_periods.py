"""A closed period is locked in the database itself: the application refuses to change
it, and so does a raw sqlite3 connection that bypasses the application entirely."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy.exc import DBAPIError
from tests.factories import fingerprint, sign_in
from tests.pg_support import PgPlace
from tests.reliability.conftest import Masters
from tests.services.scoring.score_helpers import settle_ties

from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import InputError, PeriodClosedError, PermissionDeniedError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.engine import write_engine
from kaohe_desktop.storage.source import parse_server_url

CLOSED_MARK = "KAOHE_PERIOD_CLOSED"
T = TypeVar("T")


def _edit_first(records: list[T], pick: Callable[[T], bool], edit: Callable[[T], T]) -> list[T]:
    """All `records`, with the first one `pick` selects edited (as a clerk edits a cell)."""
    index = next(i for i, record in enumerate(records) if pick(record))
    return [*records[:index], edit(records[index]), *records[index + 1 :]]


def _only_changed(edited: list[T], original: list[T]) -> list[T]:
    return [record for record in edited if record not in original]


def _refused(workspace: Workspace, path: Path, book: ExchangeBook) -> str:
    """Importing `book` is refused as a closed period and writes nothing at all."""
    before = fingerprint(path)
    with pytest.raises(PeriodClosedError) as refusal:
        workspace.importer.apply(book)
    assert fingerprint(path) == before
    return str(refusal.value)


def _raw_refusals(path: Path, table: str, where: str) -> list[str]:
    """UPDATE, INSERT and DELETE of the rows `where` selects, on a raw connection."""
    connection = sqlite3.connect(path, isolation_level=None)
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    copied = ", ".join(c for c in columns if c != "id")
    attempts = [
        f"UPDATE {table} SET version = version + 1 WHERE {where}",
        f"INSERT INTO {table} ({copied}) SELECT {copied} FROM {table} WHERE {where} LIMIT 1",
        f"DELETE FROM {table} WHERE {where}",
    ]
    messages = []
    try:
        for statement in attempts:
            with pytest.raises(sqlite3.IntegrityError) as refusal:
                connection.execute(statement)
            messages.append(str(refusal.value))
    finally:
        connection.close()
    return messages


def _raw_update_works(path: Path, table: str, where: str) -> int:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        changed = connection.execute(f"UPDATE {table} SET version = version WHERE {where}").rowcount
        connection.execute("ROLLBACK")
    finally:
        connection.close()
    return changed


def test_closed_period_is_refused_by_the_application_and_by_the_database(
    tmp_path: Path, masters: Masters
) -> None:
    path = masters.copy(masters.demo, tmp_path)
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    clerk = sign_in(path, Role.CLERK, daily_backup=False)
    reviewer = sign_in(path, Role.REVIEWER, daily_backup=False)
    book = admin.exporter.book()
    more_leader = lambda a: dataclasses.replace(a, leader=a.leader + 1)  # noqa: E731
    assessments_q2 = _edit_first(book.assessments, lambda a: a.quarter == "2026Q2", more_leader)
    q1 = _only_changed(
        _edit_first(book.assessments, lambda a: a.quarter == "2026Q1", more_leader),
        book.assessments,
    )
    may = _only_changed(
        _edit_first(
            book.checks,
            lambda c: c.period == "2026-05",
            lambda c: dataclasses.replace(c, actual="补录：已完成"),
        ),
        book.checks,
    )
    more_points = lambda a: dataclasses.replace(a, points=a.points + 1)  # noqa: E731
    h1 = _only_changed(
        _edit_first(book.adjustments, lambda a: a.half == "2026H1", more_points), book.adjustments
    )

    reviewer.periods.close("2026Q2", "二季度结账")
    assert admin.periods.closed_periods() == ["2026Q2"]

    # The clerk's re-import of an exported workbook with one 2026Q2 cell changed.
    workbook = tmp_path / "改了二季度.xlsx"
    write_workbook(dataclasses.replace(book, assessments=assessments_q2), workbook)
    before = fingerprint(path)
    with pytest.raises(PeriodClosedError) as refusal:
        clerk.importer.import_workbook(workbook)
    assert "已关闭" in str(refusal.value) and "平时考核" in str(refusal.value)
    assert fingerprint(path) == before
    assert "查账记录" in _refused(clerk, path, ExchangeBook(checks=may))
    # Outside the closed period, life goes on.
    assert clerk.importer.apply(ExchangeBook(assessments=q1)).changed == 1
    assert clerk.importer.apply(ExchangeBook(adjustments=h1)).changed == 1

    # Bypassing the application does not help: the triggers refuse it.
    for table, where in (
        ("quarterly_assessment", "quarter = '2026Q2'"),
        ("check_record", "period = '2026-05'"),
    ):
        messages = _raw_refusals(path, table, where)
        assert all(f"{CLOSED_MARK}:{table}" in m for m in messages), messages
    assert _raw_update_works(path, "quarterly_assessment", "quarter = '2026Q1'") > 0
    connection = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("DELETE FROM period_lock")
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("UPDATE period_lock SET reopened_at = '2026-11-20 10:00:00'")
    connection.close()

    # Reopening: 管理员 only, with a reason, and logged.
    with pytest.raises(PermissionDeniedError):
        reviewer.periods.reopen("2026Q2", "想改")
    with pytest.raises(InputError):
        admin.periods.reopen("2026Q2", "  ")
    admin.periods.reopen("2026Q2", "更正二季度领导测评录入错误")
    reopened = [
        e
        for e in admin.audit_log.entries(AuditFilter(entity="period_lock"))
        if e.action == "update"
    ]
    assert len(reopened) == 1 and "更正二季度领导测评录入错误" in (reopened[0].after_json or "")
    assert reopened[0].account == "admin"
    q2 = _only_changed(assessments_q2, book.assessments)
    assert clerk.importer.apply(ExchangeBook(assessments=q2)).changed == 1

    # An adjustment of 2026H1 is locked once 2026H1 itself is closed.
    settle_ties(admin)  # the demo's half has a tie for the committee
    admin.periods.close("2026H1", "上半年结账")
    h1_again = [more_points(h1[0])]
    assert "加减分" in _refused(clerk, path, ExchangeBook(adjustments=h1_again))
    messages = _raw_refusals(path, "adjustment", "half = '2026H1'")
    assert all(f"{CLOSED_MARK}:adjustment" in m for m in messages), messages
    for workspace in (admin, clerk, reviewer):
        workspace.close()


def test_the_clerks_server_account_cannot_lift_a_closed_period(
    tmp_path: Path, masters: Masters, pg_place: PgPlace
) -> None:
    """On a server the whole application runs as kaohe_app, the least-privileged account
    of docs/RELIABILITY.md §8 (no superuser, owns nothing): it closes a period through
    the services, and the same account, bypassing the application, can neither switch
    the closed-period triggers off, nor drop them, nor delete the close."""
    url = pg_place.clone(masters.demo, tmp_path / "佐证材料")
    assert parse_server_url(url).user == "kaohe_app"
    admin = sign_in(url, Role.ADMIN, daily_backup=False)  # type: ignore[arg-type]
    admin.periods.close("2026Q2", "二季度结账")
    with write_engine(admin.opened.engine).connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user"
        ).one()
        connection.rollback()
    assert tuple(row) == (False, False, False)
    attempts = {
        "ALTER TABLE quarterly_assessment DISABLE TRIGGER USER": "42501",
        "DROP TRIGGER quarterly_assessment_closed_update ON quarterly_assessment": "42501",
        "ALTER TABLE period_lock DISABLE TRIGGER ALL": "42501",
        "DELETE FROM period_lock": "23000",  # the trigger's refusal: KAOHE_LOCK_HISTORY
        "UPDATE quarterly_assessment SET version = version + 1 WHERE quarter = '2026Q2'": "23000",
    }
    refused: dict[str, str | None] = {}
    for statement in attempts:
        with write_engine(admin.opened.engine).connect() as connection:
            with pytest.raises(DBAPIError) as refusal:
                connection.exec_driver_sql(statement)
            connection.rollback()
        refused[statement] = getattr(refusal.value.orig, "sqlstate", None)
    assert refused == attempts
    assert admin.periods.closed_periods() == ["2026Q2"]
    admin.close()
