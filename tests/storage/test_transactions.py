"""Unit of work: BEGIN IMMEDIATE, stale saves become conflicts, audit in the same transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.factories import new_data_file

from kaohe_desktop.storage import engine as engine_module
from kaohe_desktop.storage.audit import verify_chain
from kaohe_desktop.storage.errors import BusyError, ConflictError, FileUnavailableError
from kaohe_desktop.storage.models import AuditRow, DepartmentRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork


@pytest.fixture
def uow(tmp_path: Path):
    opened = new_data_file(tmp_path)
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
