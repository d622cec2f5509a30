"""Schema version 6 on PostgreSQL: the frozen baseline, its fingerprint, what the
schema check names, and what the clerks' account may do (issue 17)."""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.exc import DBAPIError, IntegrityError
from tests.factories import new_data_file
from tests.pg_scratch import APP, ScratchDatabase, scratch_database
from tests.pg_support import PgPlace

from kaohe_desktop.storage.migrate import (
    MIGRATIONS_DIR,
    SCHEMA_VERSION,
    set_schema_version,
    upgrade_to_head,
    user_version,
)
from kaohe_desktop.storage.migrations import postgresql_baseline
from kaohe_desktop.storage.schema_check import (
    EXPECTED_PG_FINGERPRINTS,
    check_schema,
    digested,
    expected_schema,
    pg_fingerprint,
    server_schema,
)

REGENERATE = "run `python devtools/pg_schema_constants.py` and copy its fingerprints"


@pytest.fixture
def pg(pg_place: PgPlace) -> Iterator[ScratchDatabase]:
    with scratch_database(pg_place) as database:
        yield database


def migrated(pg: ScratchDatabase) -> Engine:
    """The owner's engine on `pg`, migrated to the newest version (dispose it)."""
    engine = pg.engine()
    with engine.begin() as connection:
        upgrade_to_head(connection)
    return engine


@pytest.fixture
def v6_file(tmp_path: Path) -> Path:
    opened = new_data_file(tmp_path)
    opened.close()
    return opened.path


# --- (b) the migration on an empty database -------------------------------------------


def test_an_empty_database_migrates_to_version_6_with_the_expected_schema(
    pg: ScratchDatabase,
) -> None:
    engine = pg.engine()
    try:
        with engine.begin() as connection:
            assert user_version(connection) == 0
            upgrade_to_head(connection)
            assert user_version(connection) == SCHEMA_VERSION == 6
        with engine.connect() as connection:
            meta = dict(connection.exec_driver_sql("SELECT key, value FROM app_meta").all())
            head = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert meta == {"application_id": "KHTZ", "schema_version": "6"}
        assert head == "0006"
        report = check_schema(engine, 6)
        assert report.ok and report.checked
        objects = digested(server_schema(engine))
        assert objects == expected_schema(6), REGENERATE
        assert pg_fingerprint(objects.values()) == EXPECTED_PG_FINGERPRINTS[6], REGENERATE
    finally:
        engine.dispose()


def test_the_expected_constants_agree() -> None:
    assert set(EXPECTED_PG_FINGERPRINTS) == {0, *range(6, SCHEMA_VERSION + 1)}
    for version, fingerprint in EXPECTED_PG_FINGERPRINTS.items():
        assert pg_fingerprint(expected_schema(version).values()) == fingerprint, REGENERATE


def test_an_empty_database_is_version_0_and_checks_out(pg: ScratchDatabase) -> None:
    engine = pg.engine()
    try:
        report = check_schema(engine, 0)
        assert report.ok and report.checked
        assert not check_schema(engine, 3).ok  # no server database is ever at 1-5
        assert not check_schema(engine, SCHEMA_VERSION + 1).checked  # a newer program's
    finally:
        engine.dispose()


def test_set_schema_version_is_what_user_version_reads(pg: ScratchDatabase) -> None:
    engine = migrated(pg)
    try:
        with engine.connect() as connection:
            set_schema_version(connection, 7)
            assert user_version(connection) == 7
            connection.rollback()
            assert user_version(connection) == 6
    finally:
        engine.dispose()


def _plain(sql_type: Any) -> str:
    return str(sql_type).replace(' COLLATE "C"', "")


def _structure(engine: Engine) -> dict[str, Any]:
    """Tables, columns (in order), constraint names and indexes as the inspector sees
    them, with SQLite's and PostgreSQL's spellings of the same thing made equal."""
    same = {"DATETIME": "TIMESTAMP", "0": "false"}
    found = inspect(engine)
    structure: dict[str, Any] = {}
    for table in sorted(found.get_table_names()):
        columns = [
            # Every text column of the server is COLLATE "C": SQLite's BINARY order.
            (c["name"], same.get(_plain(c["type"]), _plain(c["type"])), c["nullable"],
             None if c["default"] is None or "nextval" in str(c["default"])
             else same.get(str(c["default"]), str(c["default"])))
            for c in found.get_columns(table)
        ]  # fmt: skip
        primary = found.get_pk_constraint(table)
        foreign = sorted(
            (f["name"], tuple(f["constrained_columns"]), f["referred_table"],
             tuple(f["referred_columns"]), (f["options"] or {}).get("ondelete"))
            for f in found.get_foreign_keys(table)
        )  # fmt: skip
        unique = sorted(
            (u["name"], tuple(u["column_names"])) for u in found.get_unique_constraints(table)
        )
        own = {primary["name"], *(name for name, _ in unique)}  # PostgreSQL lists them
        indexes = sorted(
            (i["name"], tuple(i["column_names"]), bool(i["unique"]))
            for i in found.get_indexes(table)
            if i["name"] not in own
        )
        structure[table] = (
            columns,
            (primary["name"], tuple(primary["constrained_columns"])),
            foreign,
            unique,
            indexes,
        )
    return structure


def test_the_tables_are_those_of_a_version_6_file(pg: ScratchDatabase, v6_file: Path) -> None:
    server = migrated(pg)
    file = create_engine(f"sqlite:///{v6_file}")
    try:
        assert _structure(server) == _structure(file)
        with server.connect() as connection:
            on_server = {
                (row[0], row[1])
                for row in connection.exec_driver_sql(
                    "SELECT t.tgname, c.relname FROM pg_trigger t "
                    "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
                )
            }
        raw = sqlite3.connect(v6_file)
        in_file = set(
            raw.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        )
        raw.close()
        assert on_server == in_file
        assert len(in_file) == 57
    finally:
        server.dispose()
        file.dispose()


def _revision_0002() -> ModuleType:
    path = MIGRATIONS_DIR / "versions" / "0002_leases_and_period_locks.py"
    spec = importlib.util.spec_from_file_location("revision_0002", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PERIODS = (
    "2026", "2026Q1", "2026Q2", "2026Q3", "2026Q4", "2026H1", "2026H2", "2026-01", "2026-12",
    "2026-13", "2026Q5", "2026Q0", "2026H3", "2026q1", "2026h1", "26", "20260", "2026Q12",
    " 2026", "2026 ", "2026-1", "2026/05", "", "abcd", "２０２６",
)  # fmt: skip


def test_period_bounds_are_sqlites_case(pg: ScratchDatabase) -> None:
    """kaohe_period_first_month/last_month give what 0002's CASE gives SQLite."""
    revision = _revision_0002()
    raw = sqlite3.connect(":memory:")
    expected = {
        p: raw.execute(
            f"SELECT {revision._first_month('?1')}, {revision._last_month('?1')}", (p,)
        ).fetchone()
        for p in PERIODS
    }
    raw.close()
    engine = migrated(pg)
    try:
        with engine.connect() as connection:
            got = {
                p: tuple(
                    connection.exec_driver_sql(
                        "SELECT kaohe_period_first_month(%(p)s), kaohe_period_last_month(%(p)s)",
                        {"p": p},
                    ).one()
                )
                for p in PERIODS
            }
    finally:
        engine.dispose()
    assert got == expected
    assert expected["2026Q2"] == ("2026-04", "2026-06")


# --- (c) a dropped or disabled trigger is named ---------------------------------------


def test_a_dropped_disabled_or_rewritten_lock_is_named(pg: ScratchDatabase) -> None:
    engine = migrated(pg)
    try:
        pg.psql(
            "DROP TRIGGER check_record_closed_delete ON check_record; "
            "ALTER TABLE quarterly_assessment DISABLE TRIGGER quarterly_assessment_closed_update; "
            "CREATE OR REPLACE FUNCTION kaohe_audit_log_no_delete() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$; "
            "ALTER TABLE veto DISABLE TRIGGER ALL; "
            "CREATE INDEX ix_mine ON person (name)"
        )
        report = check_schema(engine, 6)
        assert report.problems == (
            "缺少触发器 check_record_closed_delete（已关闭期间的锁定：查账记录的删除）",
            "多出索引 ix_mine（表 person 上）",
            "函数 kaohe_audit_log_no_delete（触发器 audit_log_no_delete 所调用）的定义被改动",
            "触发器 quarterly_assessment_closed_update（已关闭期间的锁定：平时考核的修改）已被停用",
            "触发器 veto_closed_delete（已关闭期间的锁定：一票否决的删除）已被停用",
            "触发器 veto_closed_insert（已关闭期间的锁定：一票否决的新增）已被停用",
            "触发器 veto_closed_update（已关闭期间的锁定：一票否决的修改）已被停用",
            "约束 fk_veto_department_id_department（表 一票否决 上）的检查已被停用",
        ), report.problems
        assert "服务器数据库" in report.read_only_reason()
        pg.psql(
            "ALTER TABLE veto ENABLE TRIGGER ALL; "
            "ALTER TABLE quarterly_assessment ENABLE TRIGGER quarterly_assessment_closed_update"
        )
        assert len(check_schema(engine, 6).problems) == 3
    finally:
        engine.dispose()


# --- (d) the clerks' account: rows, never the schema ----------------------------------

FORBIDDEN = (
    "DROP TRIGGER ledger_task_closed_update ON ledger_task",
    "ALTER TABLE ledger_task DISABLE TRIGGER ledger_task_closed_update",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "DROP TABLE audit_log",
    "TRUNCATE audit_log",
    "TRUNCATE period_lock CASCADE",
    "CREATE OR REPLACE FUNCTION kaohe_period_locked(period text) RETURNS boolean "
    "LANGUAGE sql AS $$ SELECT false $$",
    "CREATE OR REPLACE FUNCTION kaohe_audit_log_no_delete() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
    "DROP FUNCTION kaohe_period_locked(text) CASCADE",
    "ALTER FUNCTION kaohe_period_locked(text) RENAME TO kaohe_gone",
    "CREATE TRIGGER mine BEFORE UPDATE ON veto FOR EACH ROW "
    "EXECUTE FUNCTION kaohe_veto_closed_update()",
    "CREATE RULE mine AS ON DELETE TO audit_log DO INSTEAD NOTHING",
    "CREATE TABLE mine (id integer)",
    "ALTER TABLE audit_log OWNER TO kaohe_app",
    "SET session_replication_role = replica",
)


def test_the_clerks_account_writes_rows_but_cannot_touch_the_locks(pg: ScratchDatabase) -> None:
    migrated(pg).dispose()
    engine = pg.engine(APP)
    try:
        with engine.begin() as connection:  # rows: all four, ids from the sequences
            connection.exec_driver_sql(
                "INSERT INTO department (name, sort_order, retired, version) "
                "VALUES ('甲所', 1, FALSE, 1), ('乙所', 2, FALSE, 1)"
            )
            connection.exec_driver_sql("UPDATE department SET version = 2 WHERE name = '甲所'")
            connection.exec_driver_sql("DELETE FROM department WHERE name = '乙所'")
            assert connection.exec_driver_sql("SELECT name, version FROM department").all() == [
                ("甲所", 2)
            ]
            assert user_version(connection) == 6
        allowed = []
        for statement in FORBIDDEN:
            with engine.connect() as connection:
                try:
                    connection.exec_driver_sql(statement)
                    allowed.append(statement)
                except DBAPIError as error:
                    state = getattr(error.orig, "sqlstate", None)
                    if state != "42501":  # insufficient_privilege (also "must be owner")
                        allowed.append(f"{statement}: SQLSTATE {state} {error.orig}")
                connection.rollback()
        assert allowed == []
    finally:
        engine.dispose()


def test_a_temporary_period_lock_table_does_not_hide_the_locks(pg: ScratchDatabase) -> None:
    """pg_temp comes first in a session's search_path unless named: the lock functions
    name it last, so a clerk's empty TEMP TABLE period_lock does not shadow the real one."""
    migrated(pg).dispose()
    engine = pg.engine(APP)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO department (id, name, sort_order, retired, version) "
                "VALUES (1, '甲所', 1, FALSE, 1)"
            )
            connection.exec_driver_sql(
                "INSERT INTO ledger_task (id, year, seq, title, category, lead_department_id, "
                "deadline, points, version) VALUES (1, 2026, 1, 't', '业务', 1, '年底', 1, 1)"
            )
            connection.exec_driver_sql(
                "INSERT INTO period_lock (period, first_month, last_month, closed_at, "
                "closed_by, version) VALUES ('2026', '2026-01', '2026-12', now(), 'x', 1)"
            )
        with engine.connect() as connection:
            connection.exec_driver_sql(
                "CREATE TEMP TABLE period_lock (id integer, period text, first_month text, "
                "last_month text, reopened_at timestamp)"
            )
            connection.exec_driver_sql("SET search_path = pg_temp, public")
            with pytest.raises(IntegrityError, match="KAOHE_PERIOD_CLOSED:ledger_task"):
                connection.exec_driver_sql("UPDATE ledger_task SET title = 'x' WHERE id = 1")
    finally:
        engine.dispose()


def test_the_baseline_is_frozen_text() -> None:
    """The tables come from the committed SQL file, not from today's models."""
    statements = postgresql_baseline.statements()
    assert sum(s.startswith("CREATE TABLE") for s in statements) == 30
    assert sum(s.startswith("CREATE INDEX") for s in statements) == 23
    assert sum(s.startswith("CREATE TRIGGER") for s in statements) == 57
    assert "create_all" not in Path(postgresql_baseline.__file__).read_text(encoding="utf-8")
