"""An older file is backed up, then migrated; backups are verified copies."""

from __future__ import annotations

import functools
import shutil
import sqlite3
from pathlib import Path

import pytest
from tests.factories import new_data_file

from kaohe_desktop.storage import database
from kaohe_desktop.storage.backup import PARTIAL_SUFFIX, backup_database, verify_copy
from kaohe_desktop.storage.database import open_data_file
from kaohe_desktop.storage.header import read_header
from kaohe_desktop.storage.migrate import MIGRATIONS_DIR, SCHEMA_VERSION, upgrade_to_head
from kaohe_desktop.storage.models import DepartmentRow

NEXT_REVISION = '''
"""test revision: adds a column"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("department") as batch:
        batch.add_column(sa.Column("phone", sa.String(20), nullable=True))
    op.execute("PRAGMA user_version = {version}")
'''


def pretend_newer_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend this program is one schema version ahead of the files it opens."""
    from kaohe_desktop.storage.migrate import head_revision

    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_test.py").write_text(
        NEXT_REVISION.format(head=head_revision(), version=SCHEMA_VERSION + 1), encoding="utf-8"
    )
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(
        database, "upgrade_to_head", functools.partial(upgrade_to_head, script_location=scripts)
    )
    return scripts


def test_older_file_is_backed_up_then_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = new_data_file(tmp_path)
    old.unit_of_work("tester").write(lambda s: s.add(DepartmentRow(name="办公室")))
    old.close()
    pretend_newer_program(tmp_path, monkeypatch)
    backups = tmp_path / "backups"
    migrated = open_data_file(old.path, backup_dir=backups)
    assert migrated.migrated_from == SCHEMA_VERSION
    assert migrated.schema_version == SCHEMA_VERSION + 1
    assert migrated.migration_backup is not None and migrated.migration_backup.parent == backups
    assert read_header(migrated.migration_backup).user_version == SCHEMA_VERSION
    with migrated.engine.connect() as connection:
        columns = [r[1] for r in connection.exec_driver_sql("PRAGMA table_info(department)")]
        assert "phone" in columns
        assert connection.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION + 1
        assert connection.exec_driver_sql("SELECT name FROM department").scalar() == "办公室"
    migrated.close()
    copy = sqlite3.connect(migrated.migration_backup)
    assert copy.execute("SELECT name FROM department").fetchone()[0] == "办公室"
    copy.close()


def test_backup_is_a_verified_identical_copy(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    opened.unit_of_work("tester").write(lambda s: s.add(DepartmentRow(name="稽查大队")))
    target = tmp_path / "备份"
    copy = backup_database(opened.engine, opened.path, target, "手动")
    opened.close()
    verify_copy(copy)
    assert read_header(copy).application_id == 0x4B48545A
    assert not list(target.glob(f"*{PARTIAL_SUFFIX}"))
    connection = sqlite3.connect(copy)
    assert connection.execute("SELECT name FROM department").fetchall() == [("稽查大队",)]
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


def test_a_partial_backup_is_never_taken_for_a_good_one(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    target = tmp_path / "备份"
    target.mkdir()
    half = target / ("考核台账-20260101-000000-手动.kaohe" + PARTIAL_SUFFIX)
    half.write_bytes(opened.path.read_bytes()[:4096])
    copy = backup_database(opened.engine, opened.path, target, "手动")
    opened.close()
    assert copy.suffix == ".kaohe" and not copy.name.endswith(PARTIAL_SUFFIX)
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do
        verify_copy(half)
