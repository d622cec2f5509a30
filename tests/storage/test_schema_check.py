"""The schema fingerprint: its constants follow the migrations, and differences are
named in Chinese (issue 12)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine
from tests.factories import new_data_file

from kaohe_desktop.storage.migrate import (
    SCHEMA_VERSION,
    alembic_config,
    head_revision,
)
from kaohe_desktop.storage.schema_check import (
    EXPECTED_FINGERPRINTS,
    REVISIONS,
    SchemaObject,
    check_schema,
    describe,
    differences,
    fingerprint,
    migrated_schema,
    normalise_sql,
)


def test_the_constants_are_what_the_migrations_make() -> None:
    """Fails when a migration changes the schema without its constant: migrate an
    empty database to each revision and compare. The message gives the new value."""
    assert set(EXPECTED_FINGERPRINTS) == set(range(SCHEMA_VERSION + 1))
    assert REVISIONS[SCHEMA_VERSION] == head_revision()
    regenerated = {
        version: fingerprint(migrated_schema(version)) for version in EXPECTED_FINGERPRINTS
    }
    assert regenerated == EXPECTED_FINGERPRINTS, f"EXPECTED_FINGERPRINTS = {regenerated}"


def test_each_revision_leaves_its_own_user_version() -> None:
    for version, revision in REVISIONS.items():
        engine = create_engine("sqlite://")
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
            assert connection.exec_driver_sql("PRAGMA user_version").scalar() == version
        engine.dispose()


def test_layout_does_not_count_but_content_does() -> None:
    one = "CREATE TABLE t (\n\tid INTEGER NOT NULL, \n\tCONSTRAINT pk_t PRIMARY KEY (id)\n)"
    two = "CREATE TABLE t(id INTEGER NOT NULL,  CONSTRAINT pk_t PRIMARY KEY(id))"
    assert normalise_sql(one) == normalise_sql(two)
    assert normalise_sql(one) != normalise_sql(two.replace("NOT NULL", ""))


def test_differences_are_named_in_chinese() -> None:
    expected = migrated_schema(SCHEMA_VERSION)
    actual = dict(expected)
    del actual[("trigger", "quarterly_assessment_closed_update")]
    del actual[("trigger", "period_lock_no_delete")]
    changed = actual[("trigger", "audit_log_no_delete")]
    actual[("trigger", "audit_log_no_delete")] = changed._replace(sql=changed.sql + " ")
    actual[("index", "ix_mine")] = SchemaObject(
        "index", "ix_mine", "person", "CREATE INDEX ix_mine"
    )
    assert differences(expected, actual) == [
        "缺少触发器 period_lock_no_delete（期间关闭记录不可删除）",
        "缺少触发器 quarterly_assessment_closed_update（已关闭期间的锁定：平时考核的修改）",
        "多出索引 ix_mine（表 person 上）",
        "触发器 audit_log_no_delete（操作日志不可删除）的定义被改动",
    ]
    assert describe(expected[("table", "period_lock")]) == "表 period_lock（期间关闭记录）"


def test_an_untouched_new_file_matches_and_a_dropped_trigger_is_named(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    try:
        report = check_schema(opened.engine, SCHEMA_VERSION)
        assert report.ok and report.checked
        assert str(report) == "结构核对：表、索引和触发器与本程序的迁移一致"
        raw = sqlite3.connect(opened.path, isolation_level=None)
        raw.execute("DROP TRIGGER check_record_closed_delete")
        raw.close()
        report = check_schema(opened.engine, SCHEMA_VERSION)
        assert report.problems == (
            "缺少触发器 check_record_closed_delete（已关闭期间的锁定：查账记录的删除）",
        )
        assert "check_record_closed_delete" in report.read_only_reason()
        assert "只读" in report.read_only_reason()
    finally:
        opened.close()


def test_a_newer_version_is_not_judged(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    try:
        report = check_schema(opened.engine, SCHEMA_VERSION + 1)
        assert report.ok and not report.checked
        assert "比本程序新" in str(report)
    finally:
        opened.close()
