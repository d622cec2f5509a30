"""The database's own locks refuse alike on a SQLite file and on PostgreSQL (issue 17).

ONE table of cases, each: the period locked first (a period_lock row, or none), any
setup, the statement, and the refusal expected (the mark in the error) or None (it
must go through and touch a row). The cases run as raw SQL, bypassing the
application, on a version-6 data file and on a PostgreSQL database migrated by the
baseline (as kaohe_app, the clerks' account). Every trigger of a version-6 file is
named by at least one refused case.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import IntegrityError
from tests.factories import new_data_file
from tests.pg_scratch import APP, ScratchDatabase, scratch_database
from tests.pg_support import PgPlace

from kaohe_desktop.storage.migrate import upgrade_to_head
from kaohe_desktop.storage.migrations.postgresql_baseline import RULES

CLOSED = "KAOHE_PERIOD_CLOSED:"
HISTORY = "KAOHE_LOCK_HISTORY"
VERIFIED = "KAOHE_RECTIFICATION_VERIFIED:rectification"
SAMPLE = "KAOHE_SAMPLE_FIXED"
TS = "'2026-07-01 09:00:00'"

# Rows in force before every case (ids chosen clear of what a new file holds).
BASE = (
    "INSERT INTO department (id, name, sort_order, retired, version) VALUES "
    "(1, '甲所', 1, FALSE, 1), (2, '乙所', 2, FALSE, 1)",
    "INSERT INTO staff_category (id, name, sort_order, version) VALUES (100, '测试类别', 9, 1)",
    "INSERT INTO person (id, code, name, department_id, category_id, key_post, status, version) "
    "VALUES (1, 'P1', '张三', 1, 100, FALSE, '在职', 1), "
    "(2, 'P2', '李四', 2, 100, FALSE, '在职', 1)",
    "INSERT INTO ledger_task (id, year, seq, title, category, lead_department_id, deadline, "
    "points, version) VALUES (1, 2026, 1, '任务', '业务', 1, '年底', 100, 1), "
    "(2, 2027, 1, '任务', '业务', 1, '年底', 100, 1)",
    "INSERT INTO task_department (task_id, department_id, position) VALUES (1, 1, 0), (2, 1, 0)",
    "INSERT INTO check_record (id, task_id, department_id, period, status, level, version, draft) "
    "VALUES (1, 1, 1, '2026Q2', '完成', '一级', 1, FALSE), "
    "(2, 1, 1, '2026Q1', '完成', '一级', 1, FALSE)",
    "INSERT INTO evidence_file (id, check_id, file_name, sha256, size_bytes, media_type, "
    f"added_by, added_at, version) VALUES (1, 1, 'a.pdf', 'aa', 1, 'a/pdf', 'x', {TS}, 1), "
    f"(2, 2, 'b.pdf', 'bb', 1, 'a/pdf', 'x', {TS}, 1)",
    "INSERT INTO notice (id, number, year, serial, color, department_id, period, issued_on, "
    "deadline, content, closed, issued_by, version) VALUES (1, '督办〔2026〕第1号', 2026, 1, "
    "'黄', 1, '2026Q2', '2026-05-01', '2026-08-01', '整改', FALSE, 'x', 1)",
    "INSERT INTO notice_task (notice_id, task_id, check_id, position) VALUES (1, 1, 1, 0)",
    "INSERT INTO rectification (id, notice_id, check_id, department_id, target, items, deadline, "
    "measures, verified, version) VALUES (1, 1, NULL, 1, 't', 'i', '2026-08-01', 'm', FALSE, 1), "
    "(2, NULL, 2, 1, 't', 'i', '2026-04-01', 'm', TRUE, 1)",
    "INSERT INTO bulletin (id, period, edition, year, serial, title, doc_no, issued_on, "
    "content_json, created_by, created_at, version) VALUES (1, '2026Q2', 1, 2026, 1, '通报', "
    f"'通〔2026〕1号', '2026-07-01', '{{}}', 'x', {TS}, 1)",
    "INSERT INTO scheme (id, period, rules_json, version) VALUES (1, '2026', '{}', 1)",
    "INSERT INTO check_sample (id, period, seed, population, drawn_json, drawn_by, drawn_at) "
    f"VALUES (1, '2026Q2', 's', 3, '[]', 'x', {TS})",
    "INSERT INTO adjustment (id, half, department_id, category, points, reason, version) "
    "VALUES (1, '2026H1', 1, '加分', 100, '表彰', 1)",
    "INSERT INTO veto (id, half, department_id, reason, version) VALUES (1, '2026H1', 1, 'r', 1)",
    "INSERT INTO department_score (id, half, department_id, business, integrity, civility, "
    "attendance, bonus, total, advanced, flagged, version) VALUES "
    "(1, '2026H1', 1, 0, 0, 0, 0, 0, 0, FALSE, FALSE, 1)",
    "INSERT INTO score_decision (id, half, department_id, grade, reason, decided_by, decided_at, "
    f"version) VALUES (1, '2026H1', 1, '好', 'r', 'x', {TS}, 1)",
    "INSERT INTO quarterly_assessment (id, quarter, person_id, tie_flag, version) "
    "VALUES (1, '2026Q2', 1, FALSE, 1)",
    "INSERT INTO comment (id, person_id, commented_on, kind, points, text, version) "
    "VALUES (1, 1, '2026-05-10', '表扬', 0, 't', 1)",
    "INSERT INTO annual_assessment (id, year, person_id, recommended, version) "
    "VALUES (1, 2026, 1, FALSE, 1)",
    "INSERT INTO audit_log (id, at, account, action, entity, entity_id, prev_hash, hash) "
    f"VALUES (1000, {TS}, 'x', 'insert', 'veto', '1', 'p', 'h')",
    # 1: 2025, closed and reopened (history); 2: 2024, closed.
    "INSERT INTO period_lock (id, period, first_month, last_month, closed_at, closed_by, "
    f"reopened_at, reopened_by, reopen_reason, version) VALUES (1, '2025', '2025-01', '2025-12', "
    f"{TS}, 'x', {TS}, 'x', '补录', 2), "
    f"(2, '2024', '2024-01', '2024-12', {TS}, 'x', NULL, NULL, NULL, 1)",
)


def months(period: str) -> tuple[str, str]:
    """First and last month of a period, worked out here independently of the SQL."""
    year = period[:4]
    if period[4:5] == "Q":
        quarter = int(period[5])
        return f"{year}-{quarter * 3 - 2:02d}", f"{year}-{quarter * 3:02d}"
    if period[4:5] == "H":
        half = int(period[5])
        return f"{year}-{half * 6 - 5:02d}", f"{year}-{half * 6:02d}"
    if len(period) == 7:
        return period, period
    return f"{year}-01", f"{year}-12"


def lock_sql(period: str, lock_id: int = 50, reopened: bool = False) -> str:
    first, last = months(period)
    reopen = f"{TS}, 'x', '误关'" if reopened else "NULL, NULL, NULL"
    return (
        "INSERT INTO period_lock (id, period, first_month, last_month, closed_at, closed_by, "
        f"reopened_at, reopened_by, reopen_reason, version) VALUES ({lock_id}, '{period}', "
        f"'{first}', '{last}', {TS}, 'x', {reopen}, 1)"
    )


@dataclass(frozen=True)
class Case:
    name: str
    lock: str | None  # the period closed before the statement
    sql: str
    refused: str | None  # the mark of the refusal; None: it goes through
    trigger: str = ""  # the trigger that refuses it (for the coverage check)
    setup: tuple[str, ...] = ()


def closed(table: str, lock: str, insert: str, update: str, delete: str) -> tuple[Case, Case, Case]:
    """The three refusals of a table's closed-period triggers."""
    mark = CLOSED + table
    return (
        Case(f"{table}: 新增于已关闭期间", lock, insert, mark, f"{table}_closed_insert"),
        Case(f"{table}: 修改已关闭期间的记录", lock, update, mark, f"{table}_closed_update"),
        Case(f"{table}: 删除已关闭期间的记录", lock, delete, mark, f"{table}_closed_delete"),
    )


def reopen(reason: str) -> str:
    return (
        f"UPDATE period_lock SET reopened_at = {TS}, reopened_by = 'x', reopen_reason = {reason} "
        "WHERE id = 2"
    )


# fmt: off
CASES: tuple[Case, ...] = (
    # audit_log: append-only
    Case("操作日志不可修改", None, "UPDATE audit_log SET label = 'x' WHERE id = 1000",
         "操作日志不可修改", "audit_log_no_update"),
    Case("操作日志不可删除", None, "DELETE FROM audit_log WHERE id = 1000",
         "操作日志不可删除", "audit_log_no_delete"),
    Case("操作日志可追加", None,
         "INSERT INTO audit_log (id, at, account, action, entity, entity_id, prev_hash, hash) "
         f"VALUES (1001, {TS}, 'x', 'insert', 'veto', '2', 'h', 'h2')", None),
    # period_lock: the history is evidence
    Case("关闭记录不可删除", None, "DELETE FROM period_lock WHERE id = 2", HISTORY,
         "period_lock_no_delete"),
    Case("已重新开放的记录不可改写", None, "UPDATE period_lock SET close_note = 'x' WHERE id = 1",
         HISTORY, "period_lock_history_fixed"),
    Case("重新开放须有理由（空）", None, reopen("NULL"), HISTORY,
         "period_lock_reopen_needs_reason"),
    Case("重新开放须有理由（空白）", None, reopen("'   '"), HISTORY,
         "period_lock_reopen_needs_reason"),
    Case("有理由可重新开放", None, reopen("'关错了期间'"), None),
    Case("未重新开放的记录可补备注", None, "UPDATE period_lock SET close_note = 'n' WHERE id = 2",
         None),
    Case("可关闭新的期间", None, lock_sql("2027"), None),
    # check_sample: a draw is fixed; and it belongs to its period
    Case("抽查记录不可修改", None, "UPDATE check_sample SET seed = 'y' WHERE id = 1", SAMPLE,
         "check_sample_no_update"),
    Case("抽查记录不可删除", None, "DELETE FROM check_sample WHERE id = 1", SAMPLE,
         "check_sample_no_delete"),
    *closed("check_sample", "2026Q2",
            "INSERT INTO check_sample (id, period, seed, population, drawn_json, drawn_by, "
            f"drawn_at) VALUES (2, '2026Q2', 's', 3, '[]', 'x', {TS})",
            "UPDATE check_sample SET seed = 'y' WHERE id = 1",
            "DELETE FROM check_sample WHERE id = 1"),
    Case("抽查可在未关闭的期间新增", "2026Q1",
         "INSERT INTO check_sample (id, period, seed, population, drawn_json, drawn_by, "
         f"drawn_at) VALUES (2, '2026Q2', 's', 3, '[]', 'x', {TS})", None),
    # rectification: a verified one is fixed; its notice's period does not lock it
    Case("已核实的整改不可修改", None, "UPDATE rectification SET result = 'x' WHERE id = 2",
         VERIFIED, "rectification_verified_update"),
    Case("已核实的整改不可删除", None, "DELETE FROM rectification WHERE id = 2", VERIFIED,
         "rectification_verified_delete"),
    Case("整改在期间关闭后仍可填写", "2026Q2",
         "UPDATE rectification SET result = 'x' WHERE id = 1", None),
    Case("整改在期间关闭后可核实", "2026Q2",
         "UPDATE rectification SET verified = TRUE, verified_by = 'x' WHERE id = 1", None),
    Case("整改在期间关闭后可新增", "2026Q2",
         "INSERT INTO rectification (id, notice_id, department_id, target, items, deadline, "
         "measures, verified, version) VALUES (3, 1, 1, 't', 'i', '2026-09-01', 'm', FALSE, 1)",
         None),
    Case("未核实的整改可删除", "2026Q2", "DELETE FROM rectification WHERE id = 1", None),
    # ledger_task: its year
    *closed("ledger_task", "2026",
            "INSERT INTO ledger_task (id, year, seq, title, category, lead_department_id, "
            "deadline, points, version) VALUES (3, 2026, 2, 't', '业务', 1, '年底', 1, 1)",
            "UPDATE ledger_task SET title = 'x' WHERE id = 1",
            "DELETE FROM ledger_task WHERE id = 1"),
    Case("台账任务不可移入已关闭年度", "2026",
         "UPDATE ledger_task SET year = 2026, seq = 9 WHERE id = 2", CLOSED + "ledger_task",
         "ledger_task_closed_update"),
    Case("未关闭年度的任务可改", "2026", "UPDATE ledger_task SET title = 'x' WHERE id = 2", None),
    Case("半年关闭不锁年度任务", "2026H1", "UPDATE ledger_task SET title = 'x' WHERE id = 1", None),
    # task_department: its task's year
    *closed("task_department", "2026",
            "INSERT INTO task_department (task_id, department_id, position) VALUES (1, 2, 1)",
            "UPDATE task_department SET position = 5 WHERE task_id = 1",
            "DELETE FROM task_department WHERE task_id = 1"),
    Case("未关闭年度任务的责任单位可改", "2026",
         "UPDATE task_department SET position = 5 WHERE task_id = 2", None),
    # check_record: its period
    *closed("check_record", "2026Q2",
            "INSERT INTO check_record (id, task_id, department_id, period, status, level, "
            "version, draft) VALUES (3, 1, 2, '2026Q2', '完成', '一级', 1, FALSE)",
            "UPDATE check_record SET actual = 'x' WHERE id = 1",
            "DELETE FROM check_record WHERE id = 1"),
    Case("其他季度的查账可改", "2026Q2", "UPDATE check_record SET actual = 'x' WHERE id = 2", None),
    Case("半年关闭锁住其中的季度", "2026H1", "UPDATE check_record SET actual = 'x' WHERE id = 2",
         CLOSED + "check_record", "check_record_closed_update"),
    Case("月份关闭不锁整个季度", "2026-05", "UPDATE check_record SET actual = 'x' WHERE id = 1",
         None),
    Case("查账不可移入已关闭季度", "2026Q2",
         "UPDATE check_record SET period = '2026Q2', level = '二级' WHERE id = 2",
         CLOSED + "check_record", "check_record_closed_update"),
    Case("已重新开放的期间不再锁定", None, "UPDATE check_record SET actual = 'x' WHERE id = 1",
         None, setup=(lock_sql("2026Q2", 51, reopened=True),)),
    # evidence_file: its check's period
    *closed("evidence_file", "2026Q2",
            "INSERT INTO evidence_file (id, check_id, file_name, sha256, size_bytes, media_type, "
            f"added_by, added_at, version) VALUES (3, 1, 'c.pdf', 'cc', 1, 'a/b', 'x', {TS}, 1)",
            "UPDATE evidence_file SET description = 'x' WHERE id = 1",
            "DELETE FROM evidence_file WHERE id = 1"),
    Case("未关闭季度的佐证可改", "2026Q2",
         "UPDATE evidence_file SET description = 'x' WHERE id = 2", None),
    # notice: its period, but it may be marked 已销号
    *closed("notice", "2026Q2",
            "INSERT INTO notice (id, number, year, serial, color, department_id, period, "
            "issued_on, deadline, content, closed, issued_by, version) VALUES (2, 'N2', 2026, 2, "
            "'黄', 1, '2026Q2', '2026-05-01', '2026-08-01', 'c', FALSE, 'x', 1)",
            "UPDATE notice SET content = 'x' WHERE id = 1",
            "DELETE FROM notice WHERE id = 1"),
    Case("已关闭期间的督办单可销号", "2026Q2",
         "UPDATE notice SET closed = TRUE, version = 2 WHERE id = 1", None),
    Case("销号时不可改其他内容", "2026Q2",
         "UPDATE notice SET closed = TRUE, content = 'x' WHERE id = 1", CLOSED + "notice",
         "notice_closed_update"),
    Case("销号时空值改为有值也算改动", "2026Q2",
         "UPDATE notice SET closed = TRUE, deduction = 5 WHERE id = 1", CLOSED + "notice",
         "notice_closed_update"),
    Case("已销号不可撤销", "2026Q2", "UPDATE notice SET closed = FALSE WHERE id = 1",
         CLOSED + "notice", "notice_closed_update",
         setup=("UPDATE notice SET closed = TRUE WHERE id = 1",)),
    Case("未关闭期间的督办单可改", "2026Q3", "UPDATE notice SET content = 'x' WHERE id = 1", None),
    # notice_task: its notice's period
    *closed("notice_task", "2026Q2",
            "INSERT INTO notice_task (notice_id, task_id, check_id, position) "
            "VALUES (1, 2, NULL, 1)",
            "UPDATE notice_task SET position = 3 WHERE notice_id = 1",
            "DELETE FROM notice_task WHERE notice_id = 1"),
    Case("未关闭期间的督办任务可改", "2026Q3",
         "UPDATE notice_task SET position = 3 WHERE notice_id = 1", None),
    # bulletin: its period
    *closed("bulletin", "2026Q2",
            "INSERT INTO bulletin (id, period, edition, year, serial, title, doc_no, issued_on, "
            "content_json, created_by, created_at, version) VALUES (2, '2026Q2', 2, 2026, 2, "
            f"'通报', '通2', '2026-07-02', '{{}}', 'x', {TS}, 1)",
            "UPDATE bulletin SET summary = 'x' WHERE id = 1",
            "DELETE FROM bulletin WHERE id = 1"),
    Case("月份关闭不锁季度通报", "2026-04", "UPDATE bulletin SET summary = 'x' WHERE id = 1",
         None),
    # scheme: its period (a year)
    *closed("scheme", "2026",
            "INSERT INTO scheme (id, period, rules_json, version) VALUES (2, '2026Q3', '{}', 1)",
            "UPDATE scheme SET rules_json = '[]' WHERE id = 1",
            "DELETE FROM scheme WHERE id = 1"),
    Case("半年关闭不锁年度方案", "2026H1", "UPDATE scheme SET rules_json = '[]' WHERE id = 1",
         None),
    # the half-year tables
    *closed("adjustment", "2026H1",
            "INSERT INTO adjustment (id, half, department_id, category, points, reason, version) "
            "VALUES (2, '2026H1', 2, '加分', 1, 'r', 1)",
            "UPDATE adjustment SET points = 2 WHERE id = 1",
            "DELETE FROM adjustment WHERE id = 1"),
    Case("季度关闭不锁半年加减分", "2026Q2", "UPDATE adjustment SET points = 2 WHERE id = 1",
         None),
    Case("年度关闭锁住其中的半年", "2026", "UPDATE adjustment SET points = 2 WHERE id = 1",
         CLOSED + "adjustment", "adjustment_closed_update"),
    *closed("veto", "2026H1",
            "INSERT INTO veto (id, half, department_id, reason, version) "
            "VALUES (2, '2026H1', 2, 'r2', 1)",
            "UPDATE veto SET doc_no = 'x' WHERE id = 1",
            "DELETE FROM veto WHERE id = 1"),
    Case("下半年关闭不锁上半年否决", "2026H2", "UPDATE veto SET doc_no = 'x' WHERE id = 1", None),
    *closed("department_score", "2026H1",
            "INSERT INTO department_score (id, half, department_id, business, integrity, "
            "civility, attendance, bonus, total, advanced, flagged, version) VALUES "
            "(2, '2026H1', 2, 0, 0, 0, 0, 0, 0, FALSE, FALSE, 1)",
            "UPDATE department_score SET total = 1 WHERE id = 1",
            "DELETE FROM department_score WHERE id = 1"),
    *closed("score_decision", "2026H1",
            "INSERT INTO score_decision (id, half, department_id, grade, reason, decided_by, "
            f"decided_at, version) VALUES (2, '2026H1', 2, '好', 'r', 'x', {TS}, 1)",
            "UPDATE score_decision SET reason = 'x' WHERE id = 1",
            "DELETE FROM score_decision WHERE id = 1"),
    Case("其他年度关闭不锁委员会裁定", "2025",
         "UPDATE score_decision SET reason = 'x' WHERE id = 1", None),
    # quarterly_assessment: its quarter
    *closed("quarterly_assessment", "2026Q2",
            "INSERT INTO quarterly_assessment (id, quarter, person_id, tie_flag, version) "
            "VALUES (2, '2026Q2', 2, FALSE, 1)",
            "UPDATE quarterly_assessment SET grade = '好' WHERE id = 1",
            "DELETE FROM quarterly_assessment WHERE id = 1"),
    Case("下一季度关闭不锁本季度", "2026Q3",
         "UPDATE quarterly_assessment SET grade = '好' WHERE id = 1", None),
    # comment: the month of its date
    *closed("comment", "2026-05",
            "INSERT INTO comment (id, person_id, commented_on, kind, points, text, version) "
            "VALUES (2, 1, '2026-05-31', '表扬', 0, 't', 1)",
            "UPDATE comment SET text = 'x' WHERE id = 1",
            "DELETE FROM comment WHERE id = 1"),
    Case("季度关闭锁住其中月份的评语", "2026Q2",
         "INSERT INTO comment (id, person_id, commented_on, kind, points, text, version) "
         "VALUES (2, 1, '2026-06-30', '表扬', 0, 't', 1)", CLOSED + "comment",
         "comment_closed_insert"),
    Case("评语不可移出已关闭月份", "2026-05",
         "UPDATE comment SET commented_on = '2026-07-01' WHERE id = 1", CLOSED + "comment",
         "comment_closed_update"),
    Case("上月关闭不锁本月评语", "2026-04", "UPDATE comment SET text = 'x' WHERE id = 1", None),
    # annual_assessment: its year
    *closed("annual_assessment", "2026",
            "INSERT INTO annual_assessment (id, year, person_id, recommended, version) "
            "VALUES (2, 2026, 2, FALSE, 1)",
            "UPDATE annual_assessment SET reason = 'x' WHERE id = 1",
            "DELETE FROM annual_assessment WHERE id = 1"),
    Case("半年关闭不锁年度考核", "2026H2", "UPDATE annual_assessment SET reason = 'x' WHERE id = 1",
         None),
)
# fmt: on


def attempt(engine: Engine, case: Case) -> str:
    """What happened: the refusal's first line (with its SQLSTATE on PostgreSQL), 'ok'
    when the statement touched a row, 'no row' when it touched none."""
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            for statement in case.setup:
                connection.exec_driver_sql(statement)
            if case.lock:
                connection.exec_driver_sql(lock_sql(case.lock))
            try:
                result = connection.exec_driver_sql(case.sql)
            except IntegrityError as error:
                text = str(error.orig).splitlines()[0].strip()
                state = getattr(error.orig, "sqlstate", None)
                return text if state in (None, "23000") else f"{text} (SQLSTATE {state})"
            return "ok" if result.rowcount else "no row"
        finally:
            transaction.rollback()


def failures(engine: Engine) -> list[str]:
    with engine.begin() as connection:
        for statement in BASE:
            connection.exec_driver_sql(statement)
    wrong = []
    for case in CASES:
        expected = case.refused or "ok"
        got = attempt(engine, case)
        if got != expected:
            wrong.append(f"{case.name}: 应为 {expected}，实为 {got}")
    return wrong


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _foreign_keys(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    return engine


@pytest.fixture
def pg(pg_place: PgPlace) -> Iterator[ScratchDatabase]:
    with scratch_database(pg_place) as database:
        yield database


def test_the_cases_name_every_trigger_of_a_version_6_file(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    path = opened.path
    opened.close()
    raw = sqlite3.connect(path)
    triggers = {
        row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    raw.close()
    assert len(triggers) == 57
    assert {rule.name for rule in RULES} == triggers
    refused_by = {case.trigger for case in CASES if case.refused}
    assert triggers - refused_by == set()
    assert all(case.trigger for case in CASES if case.refused)


def test_a_data_file_refuses_as_the_cases_say(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    path = opened.path
    opened.close()
    engine = sqlite_engine(path)
    try:
        assert failures(engine) == []
    finally:
        engine.dispose()


def test_postgresql_refuses_alike_for_the_clerks_account(pg: ScratchDatabase) -> None:
    owner = pg.engine()
    with owner.begin() as connection:
        upgrade_to_head(connection)
    owner.dispose()
    engine = pg.engine(APP)
    try:
        assert failures(engine) == []
    finally:
        engine.dispose()
