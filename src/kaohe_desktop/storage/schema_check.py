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

from sqlalchemy import Engine, create_engine

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
        return (
            f"数据文件的结构与本程序不符（{shown}{more}），可能被其他工具改动过，"
            "已以只读方式打开。请运行“检查数据文件”查看详情，并从备份恢复。"
        )


def check_schema(engine: Engine, version: int) -> SchemaReport:
    """Compare the file's schema with the one its version should have."""
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
