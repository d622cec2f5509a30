"""Rows the audit log vouches for: period closes and accounts (issue 12), and the rows
written in bulk (storage/audit_digests, issue 16).

The hash chain proves that the log itself was not edited, but a raw-SQL
`DELETE FROM period_lock` (once its trigger is dropped) or `UPDATE account SET
locked_until = NULL` leaves the log intact: it undoes a close or a lockout without a
trace in the chain. Both tables are audited row by row, so the log holds their whole
history. Replaying its insert / update / delete entries gives the rows as the
application left them; `check` compares that with the rows in the table and names
each row deleted, inserted or changed behind the application's back.

Only these two tables are replayed. They are the ones whose silent change lifts a
safeguard (a closed period, a lockout); they are small (a row per close, per
account), and their entries are found through the index on audit_log.entity.
Replaying every table would read the whole log — millions of rows in a county file —
at every check. docs/RELIABILITY.md §2 says what this cannot see.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, inspect, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.column_labels import column_label
from kaohe_desktop.storage.audit import column_values, entity_id_of
from kaohe_desktop.storage.audit_digests import verify_digests
from kaohe_desktop.storage.models import AccountRow, AuditRow, Base, PeriodLockRow

# The log does not record the version counter's step, so it is not compared.
NOT_COMPARED = frozenset({"version"})

VOUCHED: dict[type[Base], tuple[str, str]] = {
    # model: (what a row is, the column that names it)
    PeriodLockRow: ("期间关闭记录", "period"),
    AccountRow: ("账号", "username"),
}


@dataclass(frozen=True)
class RecordsReport:
    rows: int  # rows compared
    problems: tuple[str, ...]  # in Chinese, one per row deleted, inserted or changed
    digested: int = 0  # rows written in bulk, compared with their digests (audit_digests)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        if self.ok:
            text = f"期间关闭记录和账号与操作日志一致（{self.rows} 行）"
            if self.digested:  # a file from before issue 16 has no bulk entries
                text += f"；批量写入的 {self.digested:,} 行与操作日志记下的校验值一致"
            return text
        return f"期间关闭记录、账号或批量写入的行与操作日志不符（{len(self.problems)} 处）"


def replay(connection: Connection, table: str) -> dict[str, dict[str, Any]]:
    """The rows of `table` as the log's insert, update and delete entries left them."""
    rows: dict[str, dict[str, Any]] = {}
    entries = connection.execute(
        select(AuditRow.action, AuditRow.entity_id, AuditRow.after_json)
        .where(AuditRow.entity == table, AuditRow.action.in_(("insert", "update", "delete")))
        .order_by(AuditRow.id)
    )
    for action, entity_id, after_json in entries:
        if action == "delete":
            rows.pop(entity_id, None)
        else:  # an insert starts the row; an update carries only what changed
            after = json.loads(after_json or "{}")
            rows[entity_id] = after if action == "insert" else {**rows.get(entity_id, {}), **after}
    return rows


def _shown(value: Any) -> str:
    return "空" if value is None else str(value)


def _compare(
    table: str,
    what: str,
    named_by: str,
    logged: dict[str, dict[str, Any]],
    current: dict[str, dict[str, Any]],
) -> list[str]:
    def name(key: str, row: dict[str, Any]) -> str:
        return f"{what}“{_shown(row.get(named_by, '?'))}”（#{key}）"

    problems = [
        f"{name(key, row)}在操作日志中没有删除记录，却已不在文件中：被绕过程序删除"
        for key, row in logged.items()
        if key not in current
    ]
    problems += [
        f"{name(key, row)}在文件中，操作日志却没有它的新增记录：被绕过程序插入"
        for key, row in current.items()
        if key not in logged
    ]
    for key, row in current.items():
        for column, value in logged.get(key, {}).items():
            if column in NOT_COMPARED or column not in row or row[column] == value:
                continue
            problems.append(
                f"{name(key, row)}的{column_label(table, column)}与操作日志不符"
                f"（日志：{_shown(value)}；文件：{_shown(row[column])}）：被绕过程序改动"
            )
    return problems


def verify_records(connection: Connection) -> RecordsReport:
    """Compare period_lock and account with the log's history of them."""
    present = set(inspect(connection).get_table_names())
    problems: list[str] = []
    compared = 0
    with Session(bind=connection, autoflush=False) as session:
        for model, (what, named_by) in VOUCHED.items():
            table = model.__tablename__
            if table not in present:  # a schema-1 file has no period_lock yet
                continue
            current = {
                entity_id_of(row): column_values(row) for row in session.scalars(select(model))
            }
            compared += len(current)
            problems += _compare(table, what, named_by, replay(connection, table), current)
    digests = verify_digests(connection)
    return RecordsReport(compared, (*problems, *digests.problems), digests.rows)
