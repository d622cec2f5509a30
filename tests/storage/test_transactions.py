"""Unit of work: BEGIN IMMEDIATE (on a server: the writer lock), stale saves become
conflicts, audit in the same transaction, reads are snapshots. On both backends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text
from tests.factories import new_data_file
from tests.pg_support import PgPlace
from tests.storage.conftest import Bare

from kaohe_desktop.storage import engine as engine_module
from kaohe_desktop.storage.audit import verify_chain
from kaohe_desktop.storage.errors import (
    BusyError,
    ConflictError,
    FileUnavailableError,
    StorageError,
)
from kaohe_desktop.storage.models import AuditRow, DepartmentRow
from kaohe_desktop.storage.server_engine import WRITER_LOCK
from kaohe_desktop.storage.unit_of_work import UnitOfWork


@pytest.fixture
def uow(bare: Bare):
    opened = bare.new()
    yield opened.unit_of_work("张科员")
    opened.close()


def _add_department(uow: UnitOfWork, name: str) -> DepartmentRow:
    def work(session):
        row = DepartmentRow(name=name, group_name="综合科室")
        session.add(row)
        session.flush()
        return row

    return uow.write(work)


def test_every_write_begins_immediate(uow: UnitOfWork, monkeypatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(engine_module, "begin_observers", [seen.append])
    _add_department(uow, "办公室")
    with uow.read() as session:
        session.scalars(select(DepartmentRow)).all()
    assert seen == ["BEGIN IMMEDIATE", "BEGIN"]


HOLDS_WRITER_LOCK = (
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
    f"AND objid = {WRITER_LOCK} AND pid = pg_backend_pid()"
)


def test_a_server_write_holds_the_writer_lock_and_a_read_does_not(
    pg_place: PgPlace, tmp_path: Path
) -> None:
    opened = Bare("postgresql", tmp_path, pg_place).new()
    uow = opened.unit_of_work("张科员")
    try:
        assert uow.write(lambda s: s.execute(text(HOLDS_WRITER_LOCK)).scalar()) == 1
        with uow.read() as session:
            assert session.execute(text(HOLDS_WRITER_LOCK)).scalar() == 0
            assert session.execute(text("SHOW transaction_isolation")).scalar() == (
                "repeatable read"
            )
            assert session.execute(text("SHOW transaction_read_only")).scalar() == "on"
    finally:
        opened.close()


def test_stale_save_raises_conflict_and_keeps_the_other_edit(uow: UnitOfWork) -> None:
    _add_department(uow, "办公室")
    with uow.read() as session:
        mine = session.scalars(select(DepartmentRow)).one()
    with uow.read() as session:
        theirs = session.scalars(select(DepartmentRow)).one()

    def save(row: DepartmentRow, group: str):
        def work(session):
            session.add(row)
            row.group_name = group

        return work

    uow.write(save(theirs, "业务科室"))
    with pytest.raises(ConflictError) as info:
        uow.write(save(mine, "基层所队"))
    assert "已被他人修改" in str(info.value) or "department" in str(info.value.entity)
    with uow.read() as session:
        stored = session.scalars(select(DepartmentRow)).one()
        assert (stored.group_name, stored.version) == ("业务科室", 2)


def test_one_audit_row_per_change_with_before_and_after(uow: UnitOfWork) -> None:
    with uow.read() as session:
        start = session.scalar(select(AuditRow.id).order_by(AuditRow.id.desc()).limit(1))
    row = _add_department(uow, "办公室")

    def rename(session):
        stored = session.get(DepartmentRow, row.id)
        stored.name = "综合办公室"

    uow.write(rename)
    uow.write(lambda session: session.delete(session.get(DepartmentRow, row.id)))
    with uow.read() as session:
        audit = session.scalars(select(AuditRow).where(AuditRow.id > start)).all()
        assert [a.action for a in audit] == ["insert", "update", "delete"]
        assert {a.account for a in audit} == {"张科员"}
        assert all(a.entity == "department" for a in audit)
        assert '"办公室"' in audit[1].before_json and '"综合办公室"' in audit[1].after_json
        assert verify_chain(session.connection()).ok


def test_a_rolled_back_change_leaves_no_audit_row(uow: UnitOfWork) -> None:
    with uow.read() as session:
        before = session.query(AuditRow).count()

    def fails(session):
        session.add(DepartmentRow(name="办公室"))
        session.flush()
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        uow.write(fails)
    with uow.read() as session:
        assert session.query(AuditRow).count() == before
        assert session.query(DepartmentRow).count() == 0


@pytest.mark.file_only("a SQLite connection holds the file's lock")
def test_busy_file_is_reported_after_bounded_retries(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    from kaohe_desktop.storage.database import open_data_file

    short = open_data_file(opened.path, busy_timeout_ms=50)
    uow = UnitOfWork(short.engine, account="李科员", attempts=2, backoff_seconds=0.01)
    blocker = sqlite3.connect(opened.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BusyError) as info:
            uow.write(lambda s: s.add(DepartmentRow(name="办公室")))
        assert "修改已保留" in str(info.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    uow.write(lambda s: s.add(DepartmentRow(name="办公室")))  # the retry on request succeeds
    short.close()
    opened.close()


@pytest.mark.file_only("the file is deleted")
def test_file_deleted_underneath_is_reported_and_not_recreated(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    uow = opened.unit_of_work("张科员")
    opened.path.unlink()
    with pytest.raises(FileUnavailableError) as info:
        uow.write(lambda s: s.add(DepartmentRow(name="办公室")))
    assert "无法访问" in str(info.value)
    with pytest.raises(FileUnavailableError), uow.read() as session:
        session.scalars(select(DepartmentRow)).all()
    assert not opened.path.exists()  # mode=rw never creates an empty file in its place
    opened.close()


def test_busy_server_is_reported_after_bounded_retries(pg_place: PgPlace, tmp_path: Path) -> None:
    """Another session holding the writer lock is what a workstation in the middle of
    a save is: lock_timeout, bounded retries, BusyError; the save after it succeeds."""
    bare = Bare("postgresql", tmp_path, pg_place)
    opened = bare.new()
    assert opened.server is not None
    short = bare.open(opened.server, busy_timeout_ms=50)
    uow = UnitOfWork(short.engine, account="李科员", attempts=2, backoff_seconds=0.01)
    blocker = opened.engine.connect()
    blocker.exec_driver_sql(f"SELECT pg_advisory_lock({WRITER_LOCK})").all()
    try:
        with pytest.raises(BusyError) as info:
            uow.write(lambda s: s.add(DepartmentRow(name="办公室")))
        assert "修改已保留" in str(info.value) and "数据库" in str(info.value)
    finally:
        blocker.exec_driver_sql(f"SELECT pg_advisory_unlock({WRITER_LOCK})").all()
        blocker.rollback()
        blocker.close()
    uow.write(lambda s: s.add(DepartmentRow(name="办公室")))  # the retry on request succeeds
    short.close()
    opened.close()


def test_a_read_is_one_snapshot(bare: Bare) -> None:
    """Another writer's commit never shows half-way through a read: on a server the
    read does not see it (REPEATABLE READ); a file's writer cannot commit until the
    read has ended (its SHARED lock), and says it is busy."""
    opened = bare.new()
    other = bare.open(bare.source(opened), busy_timeout_ms=50)
    writer = UnitOfWork(other.engine, account="李科员", attempts=1, backoff_seconds=0.01)
    _add_department(opened.unit_of_work("张科员"), "办公室")
    try:
        with opened.unit_of_work("张科员").read() as session:
            first = session.query(DepartmentRow).count()
            if bare.on_server:
                _add_department(writer, "财务科")
            else:
                with pytest.raises(BusyError):
                    _add_department(writer, "财务科")
            assert session.query(DepartmentRow).count() == first == 1
        with opened.unit_of_work("张科员").read() as session:
            assert session.query(DepartmentRow).count() == (2 if bare.on_server else 1)
    finally:
        other.close()
        opened.close()


def test_a_missing_grant_is_said_and_keeps_the_server_writable(
    pg_place: PgPlace, tmp_path: Path
) -> None:
    """An account without a grant is the server's administrator's to fix, not the server
    gone: the save is refused naming the rights, the edit is kept, nothing turns read-only."""
    bare = Bare("postgresql", tmp_path, pg_place)
    opened = bare.new()
    assert opened.server is not None
    bare.superuser(opened.server, "REVOKE INSERT ON department FROM kaohe_app")
    uow = opened.unit_of_work("李科员")
    with pytest.raises(StorageError) as refusal:
        uow.write(lambda s: s.add(DepartmentRow(name="办公室")))
    assert "没有所需的权限" in str(refusal.value) and "修改已保留" in str(refusal.value)
    assert not isinstance(refusal.value, FileUnavailableError)
    assert not uow.read_only
    bare.superuser(opened.server, "GRANT INSERT ON department TO kaohe_app")
    uow.write(lambda s: s.add(DepartmentRow(name="办公室")))
    opened.close()


def test_a_value_the_server_refuses_is_said_and_keeps_it_writable(
    pg_place: PgPlace, tmp_path: Path
) -> None:
    """A statement the server refuses (here a name longer than its column, which a file
    would store) is not the server gone: a Chinese refusal, the edit kept, still writable."""
    bare = Bare("postgresql", tmp_path, pg_place)
    opened = bare.new()
    uow = opened.unit_of_work("李科员")
    with pytest.raises(StorageError) as refusal:
        uow.write(lambda s: s.add(DepartmentRow(name="科" * 500)))
    assert "超过了数据库允许的长度" in str(refusal.value) and "修改已保留" in str(refusal.value)
    assert not isinstance(refusal.value, FileUnavailableError) and not uow.read_only
    uow.write(lambda s: s.add(DepartmentRow(name="办公室")))
    opened.close()


def test_a_stalled_server_writer_is_ended_by_the_server(pg_place: PgPlace, tmp_path: Path) -> None:
    """A workstation frozen inside its write must not hold the writer lock for hours:
    every write transaction carries the server-side idle limit (and the lock limit)."""
    bare = Bare("postgresql", tmp_path, pg_place)
    opened = bare.new()
    settings = opened.unit_of_work("李科员").write(
        lambda s: (
            s.execute(text("SHOW idle_in_transaction_session_timeout")).scalar(),
            s.execute(text("SHOW lock_timeout")).scalar(),
        )
    )
    assert settings == ("1min", "10s")
    with opened.engine.connect() as connection:  # a read leaves both as they were
        assert connection.execute(text("SHOW idle_in_transaction_session_timeout")).scalar() == "0"
        connection.rollback()
    opened.close()
