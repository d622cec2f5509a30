"""The audit ids a unit of work appended become this program's own only once COMMIT
succeeded: a rolled-back write's ids are reused by the next writer, and when that is
another workstation the watcher must still tell its change. On a file (PRAGMA
data_version) and on a server (storage/server_watcher.py: the audit head, polled)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session
from tests.storage.conftest import Bare

from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.database import OpenedFile
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.server_watcher import ServerWatcher
from kaohe_desktop.storage.unit_of_work import UnitOfWork
from kaohe_desktop.storage.watcher import ROW_DETAIL, ChangeSet, DataVersionWatcher, FileState


class Refused(Exception):
    pass


@pytest.fixture
def two(bare: Bare) -> Iterator[tuple[OpenedFile, OpenedFile]]:
    ours = bare.new()
    theirs = bare.open(bare.source(ours))
    yield ours, theirs
    theirs.close()
    ours.close()


def _add(uow: UnitOfWork, name: str) -> None:
    uow.write(lambda session: session.add(DepartmentRow(name=name)))


def _watcher(opened: OpenedFile, uow: UnitOfWork | None) -> DataVersionWatcher:
    """What services.workspace.Workspace.change_watcher makes for this database."""
    file_id = opened.identity.file_id if opened.identity is not None else None
    own = uow.own_writes if uow is not None else None
    if opened.server is not None:
        return ServerWatcher(opened.engine, file_id, own_writes=own)
    return DataVersionWatcher(opened.path, file_id, own_writes=own)


def test_every_unit_of_work_of_one_opened_file_shares_the_record(
    two: tuple[OpenedFile, OpenedFile],
) -> None:
    ours, theirs = two
    assert ours.unit_of_work("甲").own_writes is ours.unit_of_work("乙").own_writes
    assert ours.unit_of_work("甲").own_writes is not theirs.unit_of_work("甲").own_writes


def test_our_commits_are_ours_theirs_are_told(two: tuple[OpenedFile, OpenedFile]) -> None:
    ours, theirs = two
    uow = ours.unit_of_work("甲")
    watcher = _watcher(ours, uow)
    try:
        _add(uow, "办公室")
        _add(ours.unit_of_work("甲"), "人事科")  # another unit of work of the same file
        assert watcher.poll_changes() == (FileState.UNCHANGED, ChangeSet())
        _add(theirs.unit_of_work("乙"), "财务科")
        state, change = watcher.poll_changes()
        assert state is FileState.CHANGED and change.tables == {"department"}
        assert not change.leases and change.rows_of("department") is not None
        assert change.added_or_removed == {"department"}  # a row added: the years may change
    finally:
        watcher.close()


def test_a_rolled_back_writes_ids_are_not_taken_for_ours(
    two: tuple[OpenedFile, OpenedFile],
) -> None:
    ours, theirs = two
    uow = ours.unit_of_work("甲")
    watcher = _watcher(ours, uow)

    def audited_then_refused(session: Session) -> None:
        session.add(DepartmentRow(name="未保存科"))
        session.flush()  # its audit row is written (and its id noted) here
        record_event(session.connection(), "甲", "test", "department", 0, None)
        raise Refused

    try:
        with pytest.raises(Refused):
            uow.write(audited_then_refused)
        _add(theirs.unit_of_work("乙"), "财务科")  # takes the ids that were rolled back
        state, change = watcher.poll_changes()
        assert state is FileState.CHANGED and change.tables == {"department"}
        _add(uow, "办公室")  # and our next commit is still ours
        assert watcher.poll_changes() == (FileState.UNCHANGED, ChangeSet())
    finally:
        watcher.close()


def test_many_rows_elsewhere_are_told_by_their_tables(
    two: tuple[OpenedFile, OpenedFile],
) -> None:
    ours, theirs = two
    watcher = _watcher(ours, ours.unit_of_work("甲"))
    try:
        names = [f"科室{n}" for n in range(ROW_DETAIL + 1)]
        theirs.unit_of_work("乙").write(
            lambda session: session.add_all(DepartmentRow(name=name) for name in names)
        )
        state, change = watcher.poll_changes()
        assert state is FileState.CHANGED and change.tables == {"department"}
        assert change.rows is None and change.rows_of("department") is None
        assert change.added_or_removed == {"department"}
    finally:
        watcher.close()


def test_a_schema_change_elsewhere_is_everything(
    bare: Bare, two: tuple[OpenedFile, OpenedFile]
) -> None:
    ours, _ = two
    watcher = _watcher(ours, ours.unit_of_work("甲"))
    try:
        if ours.server is not None:  # a migration elsewhere raises the schema version
            bare.superuser(
                ours.server,
                "UPDATE app_meta SET value = (value::int + 1)::text WHERE key = 'schema_version'",
            )
        else:
            connection = sqlite3.connect(ours.path)
            with connection:
                connection.execute("CREATE TABLE scratch (x)")  # as a migration elsewhere would
            connection.close()
        state, change = watcher.poll_changes()
        assert state is FileState.CHANGED and change.everything
        assert change.touches(frozenset()) and change.touches(None)
    finally:
        watcher.close()


def test_a_watcher_without_a_record_tells_every_commit(bare: Bare) -> None:
    made = bare.new()
    made.close()
    opened = bare.open(bare.source(made))
    watcher = _watcher(opened, None)
    try:
        _add(opened.unit_of_work("甲"), "办公室")
        state, change = watcher.poll_changes()
        assert state is FileState.CHANGED and change.tables == {"department"}
    finally:
        watcher.close()
        opened.close()


def test_a_rolled_back_writes_ids_do_not_ride_on_to_our_next_commit(
    two: tuple[OpenedFile, OpenedFile],
) -> None:
    """Our next commit lands before the poll: on a server its pooled connection still
    carries the refused write's notes, which must not make theirs look like ours."""
    ours, theirs = two
    uow = ours.unit_of_work("甲")
    watcher = _watcher(ours, uow)

    def audited_then_refused(session: Session) -> None:
        session.add(DepartmentRow(name="未保存科"))
        session.flush()
        raise Refused

    try:
        with pytest.raises(Refused):
            uow.write(audited_then_refused)
        _add(theirs.unit_of_work("乙"), "财务科")  # takes the ids that were rolled back
        _add(uow, "办公室")  # ours, on the same pooled connection, before any poll
        state, change = watcher.poll_changes()
        assert state is FileState.CHANGED and change.tables == {"department"}
        assert (
            change.rows_of("department") is not None
            and len(change.rows_of("department") or ()) == 1
        )
    finally:
        watcher.close()
