"""Copying a whole database (storage/copy.py, issue 17 §3): into a new data file or an
empty server database, row for row, chain included, all or nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from tests.factories import DEMO_ROLES, CopyMaster
from tests.storage.conftest import attach_raw

from kaohe_desktop.services.progress import Cancelled, Progress, ProgressReporter
from kaohe_desktop.storage.backup import list_backups, verify_backup
from kaohe_desktop.storage.copy import (
    COPIED_FROM_KEY,
    EVIDENCE_DIR_KEY,
    copy_order,
    copy_to_file,
    copy_to_server,
)
from kaohe_desktop.storage.database import CREATING_SUFFIX, check_data_file, open_data_file
from kaohe_desktop.storage.engine import make_engine, write_engine
from kaohe_desktop.storage.errors import FileExistsRefusedError, StorageError
from kaohe_desktop.storage.evidence_store import EvidenceStore, store_dir
from kaohe_desktop.storage.identity import FILE_ID_KEY, identity_of_file
from kaohe_desktop.storage.models import MetaRow
from kaohe_desktop.storage.server_backup import backup_server_database
from kaohe_desktop.storage.server_engine import make_server_engine
from kaohe_desktop.storage.source import parse_server_url

# app_meta rows a copy sets itself; every other row is the source's.
OWN_META = {FILE_ID_KEY, COPIED_FROM_KEY, "copied_at", EVIDENCE_DIR_KEY}
META = MetaRow.__table__.name  # type: ignore[attr-defined]


def contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in key order, as Python values (app_meta as key → value)."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in copy_order():
            order = list(table.primary_key.columns) or list(table.columns)
            rows = connection.execute(select(*table.columns).order_by(*order)).all()
            found[table.name] = [tuple(row) for row in rows]
        connection.rollback()
    return found


def comparable(found: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """Without the app_meta rows a copy writes of its own (and a server's own rows)."""
    skipped = OWN_META | {"application_id", "schema_version"}
    return {**found, META: [row for row in found[META] if row[0] not in skipped]}


def meta_of(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        return dict(connection.execute(select(MetaRow.key, MetaRow.value)).all())  # type: ignore[arg-type]


@pytest.fixture
def demo(copy_master: CopyMaster, tmp_path: Path) -> Iterator[tuple[Path, Engine]]:
    path = copy_master(DEMO_ROLES, tmp_path / "源")
    engine = make_engine(path, read_only=True)
    yield path, engine
    engine.dispose()


def test_file_to_file_copies_every_row_and_the_chain(
    demo: tuple[Path, Engine], tmp_path: Path
) -> None:
    path, source = demo
    target = tmp_path / "副本" / "考核台账.kaohe"
    target.parent.mkdir()
    seen: list[Progress] = []

    result = copy_to_file(
        source, target, source_store=store_dir(path), report=ProgressReporter(seen.append).report
    )

    copied = make_engine(target, read_only=True)
    try:
        before, after = contents(source), contents(copied)
        assert comparable(after) == comparable(before)
        assert all(before[name] for name in ("person", "audit_log", "period_lock", "check_sample"))
        meta = meta_of(copied)
    finally:
        copied.dispose()
    source_id = identity_of_file(path).file_id
    assert meta[FILE_ID_KEY] == result.file_id != source_id
    assert meta[COPIED_FROM_KEY] == result.source_file_id == source_id
    assert EVIDENCE_DIR_KEY not in meta
    assert result.chain.ok and result.chain.rows == len(before["audit_log"])
    assert result.records.ok
    assert dict(result.tables)["person"] == len(before["person"])
    assert seen and seen[-1].message
    opened = open_data_file(target)  # a data file like any other: opens, passes check
    try:
        assert check_data_file(opened).ok
    finally:
        opened.close()
    assert not target.with_name(target.name + CREATING_SUFFIX).exists()


def test_an_existing_target_file_is_refused_and_untouched(
    demo: tuple[Path, Engine], tmp_path: Path
) -> None:
    _, source = demo
    target = tmp_path / "已有.kaohe"
    target.write_bytes(b"not to be touched")
    with pytest.raises(FileExistsRefusedError, match="已存在"):
        copy_to_file(source, target, source_store=None)
    assert target.read_bytes() == b"not to be touched"


def test_cancelling_midway_leaves_nothing(demo: tuple[Path, Engine], tmp_path: Path) -> None:
    path, source = demo
    target = tmp_path / "取消.kaohe"
    reporter: ProgressReporter

    def cancel_after_some_rows(progress: Progress) -> None:
        if progress.total and progress.done > progress.total // 3:
            reporter.cancel()

    reporter = ProgressReporter(cancel_after_some_rows)
    with pytest.raises(Cancelled):
        copy_to_file(source, target, source_store=store_dir(path), report=reporter.report)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["源"]


def test_a_damaged_source_chain_is_refused_and_no_target_is_made(
    demo: tuple[Path, Engine], tmp_path: Path
) -> None:
    path, source = demo
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET label = '改过' WHERE id = 3")
    raw.commit()
    raw.close()
    target = tmp_path / "副本.kaohe"
    with pytest.raises(StorageError, match="操作日志链在第 3 条断开"):
        copy_to_file(source, target, source_store=None)
    assert not target.exists()
    assert not target.with_name(target.name + CREATING_SUFFIX).exists()


def test_attachments_are_copied_into_the_new_files_store_by_hash(
    demo: tuple[Path, Engine], tmp_path: Path
) -> None:
    path, source = demo
    stored = EvidenceStore(store_dir(path)).put_bytes("佐证".encode())
    attach_raw(path, stored.sha256, "扫描件.txt")
    attach_raw(path, "f" * 64, "丢失的.pdf")  # referred to, but not in the store
    target = tmp_path / "副本.kaohe"

    result = copy_to_file(source, target, source_store=store_dir(path))

    copied = EvidenceStore(store_dir(target))
    assert copied.verify(stored.sha256).value == "ok"
    assert result.evidence is not None
    assert (result.evidence.referenced, result.evidence.copied) == (2, 1)
    assert len(result.warnings) == 1 and "丢失的.pdf" in result.warnings[0]


# --- on a PostgreSQL server -----------------------------------------------------------


@pytest.fixture
def server(pg_url: str) -> Iterator[Engine]:
    """An engine over the test's empty server database (the owner's account)."""
    engine = make_server_engine(parse_server_url(pg_url))
    yield engine
    engine.dispose()


def test_file_to_server_to_file_round_trip(
    demo: tuple[Path, Engine], tmp_path: Path, server: Engine
) -> None:
    path, source = demo
    up = copy_to_server(source, server, evidence_dir=str(store_dir(path).absolute()))
    on_server = meta_of(server)
    assert on_server[EVIDENCE_DIR_KEY] == str(store_dir(path).absolute())
    assert on_server[COPIED_FROM_KEY] == identity_of_file(path).file_id
    assert on_server["application_id"] == "KHTZ"
    assert comparable(contents(server)) == comparable(contents(source))
    back = tmp_path / "回来.kaohe"
    down = copy_to_file(server, back, source_store=store_dir(path))
    assert up.chain.ok and down.chain.ok and down.chain.rows == up.chain.rows
    assert down.source_file_id == up.file_id
    returned = make_engine(back, read_only=True)
    try:
        assert comparable(contents(returned)) == comparable(contents(source))
        assert EVIDENCE_DIR_KEY not in meta_of(returned)
    finally:
        returned.dispose()


def test_a_server_database_that_is_not_empty_is_refused_and_untouched(
    demo: tuple[Path, Engine], server: Engine
) -> None:
    _, source = demo
    with write_engine(server).begin() as connection:
        connection.exec_driver_sql("CREATE TABLE their_table (x integer)")
        connection.exec_driver_sql("INSERT INTO their_table VALUES (7)")
    with pytest.raises(StorageError, match=r"不是空的.*their_table"):
        copy_to_server(source, server, evidence_dir=None)
    with server.connect() as connection:
        tables = connection.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).scalars()
        assert list(tables) == ["their_table"]
        assert connection.exec_driver_sql("SELECT x FROM their_table").scalars().all() == [7]


def test_a_failed_copy_leaves_the_server_database_empty(
    demo: tuple[Path, Engine], server: Engine
) -> None:
    _, source = demo
    reporter = ProgressReporter(lambda p: reporter.cancel() if p.done > 100 else None)
    with pytest.raises(Cancelled):
        copy_to_server(source, server, evidence_dir=None, report=reporter.report)
    with server.connect() as connection:
        left = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public'"
        ).scalar_one()
    assert left == 0


def test_a_server_backup_is_a_data_file_that_opens_anywhere(
    demo: tuple[Path, Engine], tmp_path: Path, server: Engine
) -> None:
    _, source = demo
    copy_to_server(source, server, evidence_dir=None)
    server_id = meta_of(server)[FILE_ID_KEY]
    stand_in = Path("kaohe@127.0.0.1-5432")
    folder = tmp_path / "备份"
    backup = backup_server_database(server, stand_in, folder, "自动")
    assert backup.suffix == ".kaohe" and backup.name.startswith("kaohe@127.0.0.1-5432-")
    assert verify_backup(backup).ok
    assert identity_of_file(backup).file_id == server_id  # a backup of that database
    listed = list_backups(folder, Path("kaohe@127.0.0.1-5432.kaohe"), identity_of_file(backup))
    assert [b.path for b in listed] == [backup]
    assert [p.name for p in folder.iterdir()] == [backup.name]  # no .partial left
    opened = open_data_file(backup, force_read_only=True)
    try:
        assert check_data_file(opened).ok
    finally:
        opened.close()
