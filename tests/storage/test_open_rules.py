"""DESIGN.md §5: what is refused at open, and what is never touched."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError
from tests.factories import fingerprint, new_data_file, sidecars
from tests.pg_contents import server_contents
from tests.pg_support import PgPlace
from tests.storage.conftest import Bare

from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.storage.database import open_data_file
from kaohe_desktop.storage.engine import write_engine
from kaohe_desktop.storage.errors import (
    FileExistsRefusedError,
    NotOurFileError,
    ReadOnlyError,
    WalModeError,
)
from kaohe_desktop.storage.migrate import SCHEMA_VERSION
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.server_database import create_server_database, open_server_database
from kaohe_desktop.storage.source import ServerAddress, parse_server_url


def test_pragmas_are_in_force(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    with opened.engine.connect() as connection:
        value = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert value("journal_mode") == "delete"
        assert value("synchronous") == 2  # FULL
        assert value("busy_timeout") == 10_000
        assert value("foreign_keys") == 1
        assert value("application_id") == 0x4B48545A
        assert value("user_version") == SCHEMA_VERSION
    opened.close()


def _write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _foreign_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "别的程序.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t(x)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    connection.close()
    return path


def _truncated(tmp_path: Path) -> Path:
    opened = new_data_file(tmp_path, "完整.kaohe")
    opened.close()
    data = (tmp_path / "完整.kaohe").read_bytes()
    return _write_bytes(tmp_path, "截断.kaohe", data[: len(data) // 2])


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: _write_bytes(d, "空.kaohe", b""), "空文件"),
        (lambda d: _write_bytes(d, "乱码.kaohe", os.urandom(8192)), "不是 SQLite"),
        (
            lambda d: _write_bytes(d, "文本.kaohe", "科室,人员\n办公室,张三\n".encode() * 50),
            "不是 SQLite",
        ),
        (_truncated, "不完整"),
        (_foreign_sqlite, "其他程序"),
    ],
    ids=["empty", "garbage", "text", "truncated", "foreign"],
)
def test_files_that_are_not_ours_are_refused_and_untouched(tmp_path: Path, make, words) -> None:
    path = make(tmp_path)
    before = fingerprint(path)
    with pytest.raises(NotOurFileError) as info:
        open_data_file(path)
    assert words in str(info.value)
    assert fingerprint(path) == before
    assert sidecars(path) == []


def test_wal_file_is_refused_and_untouched(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    opened.close()
    connection = sqlite3.connect(opened.path)
    assert connection.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    connection.close()
    before = fingerprint(opened.path)
    with pytest.raises(WalModeError) as info:
        open_data_file(opened.path)
    assert "WAL" in str(info.value)
    assert fingerprint(opened.path) == before


def test_newer_schema_opens_read_only_and_refuses_writes(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    opened.close()
    connection = sqlite3.connect(opened.path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = fingerprint(opened.path)
    newer = open_data_file(opened.path)
    assert newer.read_only
    assert "更新版本" in (newer.read_only_reason or "")
    uow = newer.unit_of_work("tester")
    with uow.read() as session:
        assert session.query(DepartmentRow).count() == 0
    with pytest.raises(ReadOnlyError):
        uow.write(lambda s: s.add(DepartmentRow(name="办公室")))
    newer.close()
    assert fingerprint(opened.path) == before


def test_new_file_never_overwrites(tmp_path: Path) -> None:
    path = _write_bytes(tmp_path, "已有.kaohe", b"clerk's notes")
    with pytest.raises(FileExistsRefusedError):
        new_data_file(tmp_path, "已有.kaohe")
    assert path.read_bytes() == b"clerk's notes"


def test_unclean_shutdown_is_rolled_back_and_fully_checked(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    opened.close()
    # A hot journal is what a workstation that died mid-write leaves behind. Make
    # one by copying the file and its journal while a transaction is open.
    path = opened.path
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=DELETE")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE bureau SET name = '写了一半'")
    writer.execute("PRAGMA cache_spill = 1")
    journal = Path(f"{path}-journal")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    writer.execute("PRAGMA cache_size = 1")
    # force the dirty page to the database file so the copy is mid-transaction
    writer.execute("CREATE TABLE filler(x)")
    writer.executemany("INSERT INTO filler VALUES (?)", [(b"x" * 4000,) for _ in range(50)])
    assert journal.exists()
    (crashed / path.name).write_bytes(path.read_bytes())
    (crashed / journal.name).write_bytes(journal.read_bytes())
    writer.execute("ROLLBACK")
    writer.close()
    reopened = open_data_file(crashed / path.name)
    assert reopened.unclean_shutdown
    assert any("未正常关闭" in w for w in reopened.warnings)
    with reopened.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT name FROM bureau").scalar() != "写了一半"
        tables = connection.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
        assert "filler" not in tables
    reopened.close()


# --- The same rules on a PostgreSQL server ------------------------------------------
# File-only above: PRAGMAs, bytes that are not SQLite, WAL, a hot journal. An older
# schema version cannot exist on a server yet: no server database existed before the
# release that made its schema start at version 6 (one baseline, Alembic 0001), and
# SCHEMA_VERSION is 6; the migration of an older server database is tested once 0007
# exists.


def _contents(bare: Bare, address: ServerAddress) -> str:
    assert bare.place is not None
    return server_contents(bare.place.cluster, address.database)


def _as_owner(bare: Bare, address: ServerAddress, sql: str) -> None:
    """Another program's tables, made by the database's owner (kaohe_app may use them)."""
    assert bare.place is not None
    bare.place.cluster.psql(sql, database=address.database, account="kaohe_owner")


def _foreign_tables(bare: Bare, address: ServerAddress) -> None:
    _as_owner(
        bare,
        address,
        "CREATE TABLE kunden (id int PRIMARY KEY, name text); INSERT INTO kunden VALUES (1, 'x')",
    )


APP_META = (
    "CREATE TABLE app_meta (key text PRIMARY KEY, value text); "
    "INSERT INTO app_meta VALUES ('application_id', 'OTHR'), ('schema_version', '6')"
)


def _foreign_app_meta(bare: Bare, address: ServerAddress) -> None:
    _foreign_tables(bare, address)
    _as_owner(bare, address, APP_META)


def _unreadable_app_meta(bare: Bare, address: ServerAddress) -> None:
    """Another program's app_meta that our accounts have no right to read."""
    _foreign_tables(bare, address)
    bare.superuser(address, APP_META)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda bare, address: None, "是空的"),
        (_foreign_tables, "其他程序"),
        (_foreign_app_meta, "其他程序"),
        (_unreadable_app_meta, "无权读取"),
    ],
    ids=["empty", "foreign-tables", "other-application-id", "unreadable-app-meta"],
)
def test_server_databases_that_are_not_ours_are_refused_and_untouched(
    pg_place: PgPlace, tmp_path: Path, make, words: str
) -> None:
    bare = Bare("postgresql", tmp_path, pg_place)
    address = bare.empty()
    make(bare, address)
    before = _contents(bare, address)
    for account in ("kaohe_app", "kaohe_owner"):  # not even the owner's rights write it
        with pytest.raises(NotOurFileError) as info:
            open_server_database(replace(address, user=account))
        assert words in str(info.value) and address.database in str(info.value)
    assert _contents(bare, address) == before


def test_a_new_bureau_is_never_made_in_a_database_that_is_not_empty(
    pg_place: PgPlace, tmp_path: Path
) -> None:
    bare = Bare("postgresql", tmp_path, pg_place)
    address = bare.empty()
    _foreign_tables(bare, address)
    before = _contents(bare, address)
    with pytest.raises(FileExistsRefusedError) as info:
        create_server_database(
            address,
            bureau_name="测试县市场监督管理局",
            account="tester",
            staff_categories=DEFAULT_STAFF_CATEGORIES,
            evidence_dir=tmp_path / "佐证材料",
        )
    assert "不是空的" in str(info.value)
    assert _contents(bare, address) == before


def test_a_newer_schema_on_a_server_opens_read_only_and_refuses_writes(
    pg_place: PgPlace, tmp_path: Path
) -> None:
    bare = Bare("postgresql", tmp_path, pg_place)
    made = bare.new()
    made.close()
    address = bare.source(made)
    assert isinstance(address, ServerAddress)
    bare.superuser(
        address,
        f"UPDATE app_meta SET value = '{SCHEMA_VERSION + 93}' WHERE key = 'schema_version'",
    )
    before = _contents(bare, address)
    newer = open_server_database(address)
    assert newer.read_only
    assert "更新版本" in (newer.read_only_reason or "")
    uow = newer.unit_of_work("tester")
    with uow.read() as session:
        assert session.query(DepartmentRow).count() == 0
    with pytest.raises(ReadOnlyError):
        uow.write(lambda s: s.add(DepartmentRow(name="办公室")))
    with pytest.raises(DBAPIError), write_engine(newer.engine).begin() as connection:
        # Below the unit of work too: the engine's transactions are READ ONLY.
        connection.exec_driver_sql("INSERT INTO department (name) VALUES ('办公室')")
    newer.close()
    assert _contents(bare, address) == before


def test_another_programs_schema_makes_the_database_not_empty(
    pg_place: PgPlace, tmp_path: Path
) -> None:
    """Another program's data in a schema of its own: a new bureau is not made there,
    and public stays empty."""
    url = pg_place.empty()
    address = parse_server_url(url)
    pg_place.cluster.psql(
        "CREATE SCHEMA erp; CREATE TABLE erp.orders (id int); INSERT INTO erp.orders VALUES (1)",
        database=address.database,
    )
    with pytest.raises(FileExistsRefusedError, match="不是空的"):
        create_server_database(
            address,
            bureau_name="测试局",
            account="tester",
            staff_categories=("一般人员",),
            evidence_dir=tmp_path / "ev",
        )
    tables = pg_place.cluster.psql(
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database=address.database
    )
    assert tables.strip() == "0"
