"""The schema a file carries, compared with what the migrations make (issue 12).

Whoever can write the file can drop the closed-period or append-only triggers with a
raw sqlite3 session and then change rows the application would refuse. So at every
open and in `check`, the file's schema — every table, index, trigger and view in
sqlite_master except SQLite's own `sqlite_*` objects — is reduced to one SHA-256
fingerprint and compared with that of a freshly migrated empty file of the same
schema version. A file that differs opens read-only, and the differences are named.

The expected fingerprints are constants (EXPECTED_FINGERPRINTS), not computed at
each open: migrating an in-memory database costs about 0.2 s cold (importing Alembic
and running every revision), which every `kaohe` command would pay, while reading
sqlite_master and hashing it costs under 10 ms (bench/bench_schema_check.py). Only a
file whose fingerprint is not the expected one pays for the in-memory migration, to
name what is missing, extra or changed. tests/storage/test_schema_check.py migrates
to each revision and fails when a migration changes the schema without its constant.

The SQL is compared with its layout normalised, so re-indented DDL from another
SQLAlchemy version still matches; a release whose SQLAlchemy renders DDL differently
in substance would need the old files' fingerprints accepted too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Connection, Engine, create_engine

from kaohe_desktop.storage.engine import execute_outside_transaction
from kaohe_desktop.storage.errors import TABLE_LABELS

# user_version → the Alembic revision that leaves a file at it (0: before any).
REVISIONS: dict[int, str] = {1: "0001", 2: "0002", 3: "0003", 4: "0004", 5: "0005", 6: "0006"}

# user_version → fingerprint of a freshly migrated empty file at that version. Version
# 0 is the empty schema: a file claiming it while holding tables was tampered with.
EXPECTED_FINGERPRINTS: dict[int, str] = {
    0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    1: "3a81d50ffc6e84147a3a69ee43b8a31ae611d61ab847283561051427ada3cb6d",
    2: "7db8a11b539d259585b673841afcf3030c2d51be3dc5304961b70102a97359f3",
    3: "1379ec56ab3e47b7e73974aa49961884af11f6946f1134249c590a236ceeea54",
    4: "0465af62babe17246ff08463053448bf7c5d19b58026e1c463c6463a83c02fd9",
    5: "dbd4785a4fc03b3c3ec7377ecc43442538a10b5e2def71e4c2394f41e299b807",
    6: "6c75c86dec91b4d1e14396537249efc72cc64c9972efc408eae4db7f1937851d",
}

SCHEMA_QUERY = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master "
    "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"
)


class SchemaObject(NamedTuple):
    type: str  # table, index, trigger, view
    name: str
    table: str  # the table it belongs to (tbl_name)
    sql: str  # normalised CREATE statement


Schema = dict[tuple[str, str], SchemaObject]


_BESIDE_PUNCTUATION = re.compile(r" ?([(),]) ?")


def normalise_sql(sql: object) -> str:
    """The CREATE statement without layout: runs of white space become one space and
    none is kept beside brackets and commas, so re-indented DDL compares equal."""
    text = "" if sql is None else str(sql)
    return _BESIDE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def schema_of(rows: Iterable[tuple[object, ...]]) -> Schema:
    objects = (
        SchemaObject(str(kind), str(name), str(table), normalise_sql(sql))
        for kind, name, table, sql in rows
    )
    return {(o.type, o.name): o for o in objects}


def fingerprint(schema: Schema) -> str:
    lines = sorted("\t".join(o) for o in schema.values())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def file_schema(engine: Engine) -> Schema:
    return schema_of(execute_outside_transaction(engine, SCHEMA_QUERY))


def migrated_schema(version: int) -> Schema:
    """The schema the migrations make at `version`, on an in-memory database."""
    from alembic import command

    from kaohe_desktop.storage.migrate import alembic_config

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            if version in REVISIONS:
                command.upgrade(alembic_config(connection), REVISIONS[version])
            rows = connection.exec_driver_sql(SCHEMA_QUERY).all()
    finally:
        engine.dispose()
    return schema_of(tuple(row) for row in rows)


@dataclass(frozen=True)
class SchemaReport:
    version: int
    checked: bool  # False for a file from a newer program: nothing to compare with
    problems: tuple[str, ...]  # in Chinese: what is missing, extra or changed
    server: bool = False  # a PostgreSQL database (see the end of this module)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        if not self.checked:
            return f"结构核对：结构版本 {self.version} 比本程序新，无法核对"
        if self.ok:
            return "结构核对：表、索引和触发器与本程序的迁移一致"
        return f"结构核对：与本程序的迁移不符（{len(self.problems)} 处），可能被其他工具改动过"

    def read_only_reason(self) -> str:
        shown = "；".join(self.problems[:3])
        more = f"等 {len(self.problems)} 处" if len(self.problems) > 3 else ""
        if self.server:
            return (
                f"服务器数据库的结构与本程序不符（{shown}{more}），可能被其他工具改动过，"
                "已以只读方式打开。请运行“检查数据文件”查看详情，并请管理员从备份恢复。"
            )
        return (
            f"数据文件的结构与本程序不符（{shown}{more}），可能被其他工具改动过，"
            "已以只读方式打开。请运行“检查数据文件”查看详情，并从备份恢复。"
        )


def check_schema(engine: Engine, version: int) -> SchemaReport:
    """Compare the file's schema with the one its version should have."""
    if engine.dialect.name == "postgresql":
        return check_server_schema(engine, version)
    expected = EXPECTED_FINGERPRINTS.get(version)
    if expected is None:  # every version up to ours has a constant: a newer program's file
        return SchemaReport(version, False, ())
    actual = file_schema(engine)
    if fingerprint(actual) == expected:
        return SchemaReport(version, True, ())
    problems = differences(migrated_schema(version), actual)
    # Unnamed differences cannot happen while the constants match the migrations
    # (the test holds that); if they ever do, the file is still not what we expect.
    return SchemaReport(version, True, tuple(problems) or ("结构校验值与本程序的迁移不符",))


KIND = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}
ORDER = {"table": 0, "trigger": 1, "view": 2, "index": 3}
# Only PostgreSQL's catalog has these (see the end of this module).
KIND |= {"constraint": "约束", "function": "函数", "rule": "规则", "policy": "行级安全策略"}
ORDER |= {"function": 1, "constraint": 4, "rule": 5, "policy": 5}
OTHER_TABLES = {
    "period_lock": "期间关闭记录",
    "audit_log": "操作日志",
    "app_meta": "文件信息",
    "account": "账号",
    "edit_lease": "编辑锁",
    "alembic_version": "结构版本记录",
}
TRIGGER_PURPOSE = {
    "period_lock_no_delete": "期间关闭记录不可删除",
    "period_lock_history_fixed": "已重新开放的关闭记录不可改写",
    "period_lock_reopen_needs_reason": "重新开放期间须填写理由",
    "audit_log_no_update": "操作日志不可修改",
    "audit_log_no_delete": "操作日志不可删除",
}
CLOSED_KIND = {"insert": "新增", "update": "修改", "delete": "删除"}


def _table_label(table: str) -> str:
    return TABLE_LABELS.get(table) or OTHER_TABLES.get(table) or table


def describe(obj: SchemaObject) -> str:
    """The object in a clerk's words: "触发器 x（已关闭期间的锁定：平时考核的修改）"."""
    head = f"{KIND.get(obj.type, obj.type)} {obj.name}"
    if obj.type == "trigger":
        purpose = TRIGGER_PURPOSE.get(obj.name)
        stem, _, kind = obj.name.rpartition("_closed_")
        if purpose is None and stem and kind in CLOSED_KIND:
            purpose = f"已关闭期间的锁定：{_table_label(stem)}的{CLOSED_KIND[kind]}"
        return f"{head}（{purpose or '表 ' + _table_label(obj.table) + ' 上'}）"
    if obj.type == "table":
        label = _table_label(obj.name)
        return head if label == obj.name else f"{head}（{label}）"
    return f"{head}（表 {_table_label(obj.table)} 上）"


def _in_order(schema: Schema) -> list[tuple[tuple[str, str], SchemaObject]]:
    # Tables first, then the triggers that guard them, then the rest.
    return sorted(schema.items(), key=lambda item: (ORDER.get(item[0][0], 9), item[0][1]))


def differences(expected: Schema, actual: Schema) -> list[str]:
    problems = [f"缺少{describe(o)}" for key, o in _in_order(expected) if key not in actual]
    problems += [f"多出{describe(o)}" for key, o in _in_order(actual) if key not in expected]
    problems += [
        f"{describe(o)}的定义被改动"
        for key, o in _in_order(expected)
        if key in actual and actual[key] != o
    ]
    return problems


# --- PostgreSQL (issue 17) -----------------------------------------------------------------------
#
# The schema of a PostgreSQL database, compared with what the baseline makes (issue 17).
#
# The PostgreSQL side of storage/schema_check.py. The public schema is read from
# pg_catalog — tables with their columns (type, NOT NULL, default), constraints,
# indexes (pg_get_indexdef), triggers (pg_get_triggerdef and whether they are enabled:
# ALTER TABLE … DISABLE TRIGGER is as good as a drop), functions (language, volatility,
# settings and body, prosrc), views, rules and row-security policies — with
# `search_path = ''` so every name comes out schema-qualified whatever the session's.
#
# Each object is reduced to the SHA-256 of its normalised text, and the schema to one
# fingerprint over (type, name, table, digest): EXPECTED_PG_FINGERPRINTS[version].
# Naming what differs needs the expected objects. On SQLite they come from migrating an
# in-memory database; on a server that would need a scratch database or schema, i.e.
# CREATE rights the clerks' account must not have. So the expected objects of each
# version are a frozen constant (schema_check_pg_expected.py, digests only, written by
# devtools/pg_schema_constants.py from a freshly migrated database);
# tests/storage/test_postgresql_schema.py fails when the baseline or a revision changes
# the schema without it. Digests come from pg_get_*def texts, which PostgreSQL has kept
# stable since version 11; a server whose texts differ would report every object as
# changed, and the constants of that server version would need to be accepted too.

# The versions a PostgreSQL database can carry: 0 (empty) and 6 (the baseline) onwards.
EXPECTED_PG_FINGERPRINTS: dict[int, str] = {
    0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    6: "dada5c850c144e9a24d3c60bbcf17a3ffa61e40503994484f759e79dd95c943d",
}
FIRST_SERVER_VERSION = 6

ENABLED = "O"  # pg_trigger.tgenabled of a trigger that fires (D: disabled; R, A: replica)
FK_DISABLED = "TRIGGERS=DISABLED"  # a foreign key's internal triggers (DISABLE TRIGGER ALL)

_PG_PUBLIC = "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'"

PG_TABLES = f"""
SELECT c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity
FROM pg_class c {_PG_PUBLIC} WHERE c.relkind IN ('r', 'p', 'f')"""

PG_COLUMNS = f"""
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, co.collname
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid {_PG_PUBLIC}
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum"""

# A foreign key also counts as changed when its internal triggers are disabled.
PG_CONSTRAINTS = f"""
SELECT k.conname, c.relname, pg_get_constraintdef(k.oid),
       EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgconstraint = k.oid AND t.tgenabled <> 'O')
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid {_PG_PUBLIC}"""

# Indexes of primary keys and unique constraints are the constraints' own.
PG_INDEXES = f"""
SELECT i.relname, c.relname, pg_get_indexdef(i.oid)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
{_PG_PUBLIC}
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k
                  WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))"""

PG_TRIGGERS = f"""
SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid), t.tgenabled
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid {_PG_PUBLIC}
WHERE NOT t.tgisinternal"""

PG_FUNCTIONS = """
SELECT p.proname, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid),
       l.lanname, p.provolatile, p.prosecdef, array_to_string(p.proconfig, ';'), p.prosrc
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public'
JOIN pg_language l ON l.oid = p.prolang"""

PG_VIEWS = f"""
SELECT c.relname, c.relkind, pg_get_viewdef(c.oid)
FROM pg_class c {_PG_PUBLIC} WHERE c.relkind IN ('v', 'm')"""

PG_RULES = """
SELECT rulename, tablename, definition FROM pg_rules WHERE schemaname = 'public'"""

PG_POLICIES = """
SELECT policyname, tablename, permissive || ' ' || cmd || ' ' || array_to_string(roles, ',')
       || ' USING ' || COALESCE(qual, '') || ' CHECK ' || COALESCE(with_check, '')
FROM pg_policies WHERE schemaname = 'public'"""


def _rows(connection: Connection, query: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in connection.exec_driver_sql(query).all()]


def read_server_schema(connection: Connection) -> Schema:
    """The public schema's objects with their normalised definitions."""
    connection.exec_driver_sql("SET LOCAL search_path = ''")
    columns: dict[str, list[str]] = {}
    for table, name, sql_type, not_null, default, identity, generated, collation in _rows(
        connection, PG_COLUMNS
    ):
        # The collation counts: the services compare texts byte by byte ("C").
        text = f"{name} {sql_type}" + (f' COLLATE "{collation}"' if collation else "")
        text += " NOT NULL" if not_null else ""
        text += f" DEFAULT {default}" if default is not None else ""
        text += f" IDENTITY {identity}" if identity else ""
        text += f" GENERATED {generated}" if generated else ""
        columns.setdefault(str(table), []).append(text)
    objects: list[SchemaObject] = []
    for table, kind, persistence, security, forced in _rows(connection, PG_TABLES):
        flags = f" KIND {kind}" if kind != "r" else ""
        flags += f" PERSISTENCE {persistence}" if persistence != "p" else ""
        flags += " ROW SECURITY" if security else ""
        flags += " FORCE ROW SECURITY" if forced else ""
        body = ", ".join(columns.get(str(table), []))
        objects.append(_object("table", table, table, f"TABLE {table} ({body}){flags}"))
    for name, table, definition, disabled in _rows(connection, PG_CONSTRAINTS):
        suffix = f" {FK_DISABLED}" if disabled else ""
        objects.append(_object("constraint", name, table, f"{definition}{suffix}"))
    objects += [_object("index", n, t, d) for n, t, d in _rows(connection, PG_INDEXES)]
    for name, table, definition, enabled in _rows(connection, PG_TRIGGERS):
        objects.append(_object("trigger", name, table, f"{definition} ENABLED={enabled}"))
    for name, arguments, result, language, volatility, definer, config, source in _rows(
        connection, PG_FUNCTIONS
    ):
        key = f"{name}({arguments})" if arguments else str(name)
        text = (
            f"FUNCTION {key} RETURNS {result} LANGUAGE {language} VOLATILITY {volatility}"
            f"{' SECURITY DEFINER' if definer else ''} SET {config or ''} AS {source}"
        )
        objects.append(_object("function", key, "", text))
    objects += [_object("view", n, n, f"{k} {d}") for n, k, d in _rows(connection, PG_VIEWS)]
    objects += [_object("rule", n, t, d) for n, t, d in _rows(connection, PG_RULES)]
    objects += [_object("policy", n, t, d) for n, t, d in _rows(connection, PG_POLICIES)]
    return {(o.type, o.name): o for o in objects}


def _object(kind: str, name: object, table: object, sql: object) -> SchemaObject:
    return SchemaObject(kind, str(name), str(table), normalise_sql(sql))


def digest(sql: str) -> str:
    return hashlib.sha256(sql.encode()).hexdigest()


def digested(schema: Schema) -> Schema:
    """The same objects with their definitions replaced by their SHA-256."""
    return {key: o._replace(sql=digest(o.sql)) for key, o in schema.items()}


def expected_schema(version: int) -> Schema:
    from kaohe_desktop.storage.schema_check_pg_expected import EXPECTED_OBJECTS

    objects = (SchemaObject(*row) for row in EXPECTED_OBJECTS.get(version, ()))
    return {(o.type, o.name): o for o in objects}


def pg_fingerprint(digests: Iterable[SchemaObject]) -> str:
    lines = sorted("\t".join(o) for o in digests)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def server_schema(engine: Engine) -> Schema:
    with engine.connect() as connection:
        try:
            return read_server_schema(connection)
        finally:
            connection.rollback()


def check_server_schema(engine: Engine, version: int) -> SchemaReport:
    """check_schema for a PostgreSQL engine."""
    expected = EXPECTED_PG_FINGERPRINTS.get(version)
    if expected is None:
        if version > max(EXPECTED_PG_FINGERPRINTS):  # a newer program's database
            return SchemaReport(version, False, (), server=True)
        problem = f"结构版本 {version} 不是服务器数据库可能有的版本"
        return SchemaReport(version, True, (problem,), server=True)
    actual = server_schema(engine)
    if pg_fingerprint(digested(actual).values()) == expected:
        return SchemaReport(version, True, (), server=True)
    problems = server_differences(expected_schema(version), actual)
    major = _server_major(engine)
    if major != RECORDED_ON_MAJOR:
        # Definitions are compared as the server prints them; another major version may
        # print the same definition differently. Say so first: it is the likelier cause.
        problems.insert(
            0,
            f"服务器为 PostgreSQL {major}，本程序的结构校验值按 PostgreSQL "
            f"{RECORDED_ON_MAJOR} 记录（定义的写法可能不同；请服务器管理员确认后"
            "用 devtools/pg_schema_constants.py 重新生成）",
        )
    return SchemaReport(
        version, True, tuple(problems) or ("结构校验值与本程序的迁移不符",), server=True
    )


# The PostgreSQL major version EXPECTED_PG_FINGERPRINTS were recorded on (CI's, Debian's).
RECORDED_ON_MAJOR = 15


def _server_major(engine: Engine) -> int:
    with engine.connect() as connection:
        number = int(connection.exec_driver_sql("SHOW server_version_num").scalar_one())
        connection.rollback()
    return number // 10_000


PG_TRIGGER_HELPERS = {
    "kaohe_period_first_month(period text)": "期间的第一个月",
    "kaohe_period_last_month(period text)": "期间的最后一个月",
    "kaohe_period_locked(period text)": "期间是否已关闭",
}


def describe_server(obj: SchemaObject) -> str:
    if obj.type == "function":
        purpose = PG_TRIGGER_HELPERS.get(obj.name)
        if purpose is None and obj.name.startswith("kaohe_"):
            purpose = f"触发器 {obj.name.removeprefix('kaohe_')} 所调用"
        return f"函数 {obj.name}（{purpose or '非本程序所建'}）"
    return describe(obj)


def _enabled_form(obj: SchemaObject) -> SchemaObject | None:
    """A disabled trigger (or a foreign key whose checks are disabled) as it would be
    enabled; None when it is not disabled."""
    if obj.type == "trigger" and not obj.sql.endswith(f"ENABLED={ENABLED}"):
        definition, _, _ = obj.sql.rpartition("ENABLED=")
        return obj._replace(sql=f"{definition}ENABLED={ENABLED}")
    if obj.type == "constraint" and obj.sql.endswith(FK_DISABLED):
        return obj._replace(sql=obj.sql.removesuffix(FK_DISABLED).rstrip())
    return None


def server_differences(expected: Schema, actual: Schema) -> list[str]:
    """What is missing, extra, disabled or changed; `expected` holds digests,
    `actual` the full definitions (a disabled trigger is told apart from a changed one)."""

    def in_order(schema: Schema) -> list[tuple[tuple[str, str], SchemaObject]]:
        return sorted(schema.items(), key=lambda item: (ORDER.get(item[0][0], 9), item[0][1]))

    problems = [f"缺少{describe_server(o)}" for key, o in in_order(expected) if key not in actual]
    problems += [f"多出{describe_server(o)}" for key, o in in_order(actual) if key not in expected]
    for key, o in in_order(expected):
        found = actual.get(key)
        if found is None or digest(found.sql) == o.sql:
            continue
        enabled = _enabled_form(found)
        if enabled is not None:
            problems.append(
                f"{describe_server(o)}{'已被停用' if o.type == 'trigger' else '的检查已被停用'}"
            )
            if digest(enabled.sql) == o.sql:
                continue
        problems.append(f"{describe_server(o)}的定义被改动")
    return problems
