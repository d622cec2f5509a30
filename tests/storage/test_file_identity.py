"""The data file's identity holds from the start of a write to its end.

Each file carries an id in app_meta; every unit of work reads it after BEGIN IMMEDIATE
and again through a fresh connection before COMMIT, and compares device and inode where
they can be trusted. Another file at the path aborts the write with "数据文件已被替换",
nothing written, and the unit of work turns read-only. (Two processes, one replacing the
file while the other is inside its transaction: tests/reliability/test_file_replaced.py.)
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import fingerprint, new_data_file, sidecars

from kaohe_desktop.storage import identity as identity_module
from kaohe_desktop.storage.database import OpenedFile, create_data_file, open_data_file
from kaohe_desktop.storage.errors import FileReplacedError, ReadOnlyError
from kaohe_desktop.storage.identity import FILE_ID_KEY, identity_of_file
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork
from kaohe_desktop.storage.watcher import DataVersionWatcher, FileState

REPLACED = "数据文件已被替换"


def _other_bureau(directory: Path) -> Path:
    """Another bureau's file of the same name, made the same way."""
    directory.mkdir()
    opened = create_data_file(
        directory / "考核台账.kaohe",
        bureau_name="乙县市场监督管理局",
        account="乙",
        staff_categories=("一般公务员",),
    )
    opened.close()
    return opened.path


def _add(uow: UnitOfWork, name: str) -> None:
    uow.write(lambda session: session.add(DepartmentRow(name=name)))


def _names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM department ORDER BY id")]
    finally:
        connection.close()


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenedFile]:
    (tmp_path / "甲").mkdir()
    file = new_data_file(tmp_path / "甲")
    yield file
    file.close()


def test_a_new_file_has_an_id_and_its_bureau(opened: OpenedFile) -> None:
    identity = opened.identity
    assert identity is not None and identity.bureau == "测试县市场监督管理局"
    assert uuid.UUID(hex=identity.file_id).version == 4
    assert identity_of_file(opened.path) == identity.__class__(identity.file_id, identity.bureau)
    assert identity.stamp is not None and identity.stamp.inode == opened.path.stat().st_ino


def test_a_file_made_before_ids_gets_one_at_its_first_writable_open(tmp_path: Path) -> None:
    old = new_data_file(tmp_path).path
    connection = sqlite3.connect(old)
    connection.execute("DELETE FROM app_meta WHERE key = ?", (FILE_ID_KEY,))
    connection.commit()
    connection.close()
    before = fingerprint(old)

    viewer = open_data_file(old, force_read_only=True)  # a read-only open writes nothing
    assert viewer.identity is not None
    derived = viewer.identity.file_id
    viewer.close()
    assert fingerprint(old) == before

    writer = open_data_file(old)
    assert writer.identity is not None and writer.identity.file_id == derived
    writer.close()
    connection = sqlite3.connect(old)
    stored = connection.execute("SELECT value FROM app_meta WHERE key = ?", (FILE_ID_KEY,))
    assert stored.fetchone() == (derived,)  # the same id its earlier backups were named by
    connection.close()


def test_another_file_moved_over_it_between_writes_is_refused(
    opened: OpenedFile, tmp_path: Path
) -> None:
    uow = opened.unit_of_work("张科员")
    _add(uow, "办公室")
    other = _other_bureau(tmp_path / "乙")
    theirs = fingerprint(other)
    os.replace(other, opened.path)

    with pytest.raises(FileReplacedError) as raised:
        _add(uow, "人事科")
    assert str(raised.value).startswith(REPLACED)
    assert "测试县市场监督管理局" in str(raised.value)  # whose file was expected
    assert fingerprint(opened.path) == theirs and sidecars(opened.path) == []
    assert uow.read_only and REPLACED in (uow.read_only_reason or "")
    with pytest.raises(ReadOnlyError, match=REPLACED):  # refused before touching the file
        _add(uow, "人事科")
    assert fingerprint(opened.path) == theirs


def test_the_stored_id_is_enough_where_inodes_cannot_be_trusted(
    opened: OpenedFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Windows network drive: file ids from the share are not trusted, so only the id
    stored in the file tells the two files apart."""
    monkeypatch.setattr(identity_module, "inode_trusted", lambda path: False)
    reopened = open_data_file(opened.path)
    assert reopened.identity is not None and reopened.identity.stamp is None
    uow = reopened.unit_of_work("张科员")
    _add(uow, "办公室")
    os.replace(_other_bureau(tmp_path / "乙"), opened.path)
    with pytest.raises(FileReplacedError, match=REPLACED):
        _add(uow, "人事科")
    assert _names(opened.path) == []
    reopened.close()


def test_a_copy_pasted_over_it_in_place_is_refused(opened: OpenedFile, tmp_path: Path) -> None:
    """Explorer's copy over an existing file keeps its inode: only the id differs."""
    uow = opened.unit_of_work("张科员")
    _add(uow, "办公室")
    inode = opened.path.stat().st_ino
    other = _other_bureau(tmp_path / "乙")
    shutil.copyfile(other, opened.path)
    assert opened.path.stat().st_ino == inode
    with pytest.raises(FileReplacedError, match=REPLACED):
        _add(uow, "人事科")
    assert fingerprint(opened.path) == fingerprint(other)


def test_a_replacement_during_the_transaction_is_refused_before_commit(
    opened: OpenedFile, tmp_path: Path
) -> None:
    """Moved over after BEGIN IMMEDIATE: the transaction's connection still has the old
    file, so its own reads see nothing wrong; the check before COMMIT does."""
    uow = opened.unit_of_work("张科员")
    other = _other_bureau(tmp_path / "乙")
    theirs = fingerprint(other)
    kept = tmp_path / "甲的原文件.kaohe"
    os.link(opened.path, kept)  # the opened file, still reachable after the move

    def work(session: Session) -> None:
        session.add(DepartmentRow(name="办公室"))
        session.flush()
        os.replace(other, opened.path)

    with pytest.raises(FileReplacedError, match=REPLACED):
        uow.write(work)
    assert fingerprint(opened.path) == theirs
    assert _names(kept) == []  # rolled back in the opened file too: nothing written anywhere


def test_a_foreign_key_failure_on_a_file_overwritten_mid_write_says_replaced(
    opened: OpenedFile, tmp_path: Path
) -> None:
    """The issue's traceback: a copy pasted over the file mid-write leaves the write's
    rows pointing at rows the other file lacks. The failure now names its cause."""
    uow = opened.unit_of_work("张科员")
    other = _other_bureau(tmp_path / "乙")

    def work(session: Session) -> None:
        shutil.copyfile(other, opened.path)
        session.connection().exec_driver_sql(
            "INSERT INTO task_department (task_id, department_id, position) VALUES (7, 7, 0)"
        )

    with pytest.raises(FileReplacedError, match=REPLACED) as raised:
        uow.write(work)
    assert "FOREIGN KEY" in str(raised.value.__cause__)
    assert fingerprint(opened.path) == fingerprint(other)
    assert uow.read_only


def test_the_same_file_written_by_others_is_not_a_replacement(opened: OpenedFile) -> None:
    first = opened.unit_of_work("甲")
    second = open_data_file(opened.path)
    _add(second.unit_of_work("乙"), "办公室")
    _add(first, "人事科")
    with first.read() as session:
        names = session.scalars(select(DepartmentRow.name).order_by(DepartmentRow.id))
        assert list(names) == ["办公室", "人事科"]
    second.close()


def test_the_watcher_reports_a_copy_pasted_over_it(opened: OpenedFile, tmp_path: Path) -> None:
    watcher = DataVersionWatcher(opened.path)
    colleague = open_data_file(opened.path)
    try:
        _add(colleague.unit_of_work("乙"), "办公室")
        assert watcher.poll() is FileState.CHANGED  # a colleague's commit
        shutil.copyfile(_other_bureau(tmp_path / "乙"), opened.path)
        assert watcher.poll() is FileState.REPLACED
        assert watcher.poll() is FileState.REPLACED  # and again: the GUI waits for two
    finally:
        watcher.close()
        colleague.close()


def test_an_undisturbed_save_does_not_pay_for_a_fresh_connection(
    opened: OpenedFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fresh connection parses the whole schema (milliseconds): it is only opened
    when the file changed since BEGIN, or after a write failed."""
    probes: list[Path] = []
    real = identity_module.probe_file_id
    monkeypatch.setattr(identity_module, "probe_file_id", lambda p: probes.append(p) or real(p))
    uow = opened.unit_of_work("张科员")
    for name in ("办公室", "人事科", "法规科"):
        _add(uow, name)
    assert probes == []
    assert _names(opened.path) == ["办公室", "人事科", "法规科"]
