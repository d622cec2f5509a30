"""`check`: every row written in bulk is still what its compact audit entry says.

A bulk write (an import, a quarter's close; storage/row_digests) records each row's
digest instead of its values. The hash chain proves those entries were not edited;
this proves the rows were not: each row whose last audited write was a bulk entry
must hash to that entry's digest. A row written row by row since (a score typed in, a
talk edited or deleted on screen) has that later entry in the log and is not compared
here; its change is named there. What is reported:

- a row whose stored values no longer match its digest: changed behind the program's
  back (raw SQL, another tool);
- a row the log wrote in bulk and never deleted that is no longer in the file.

A row added behind the program's back is not seen here (no entry names it); nor is a
change to a row the log last wrote row by row (storage/audit_records explains why only
period closes and accounts are replayed). docs/RELIABILITY.md §7 says it all.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, select

from kaohe_desktop.storage.errors import TABLE_LABELS
from kaohe_desktop.storage.models import AuditRow
from kaohe_desktop.storage.row_digests import (
    BULK_ACTIONS,
    DIGEST_CHARS,
    as_file_stores,
    row_digest,
    table_columns,
    written_ids,
)

# The tables written in bulk that storage/errors does not name (it names the period ones).
_LABELS = {
    **TABLE_LABELS,
    "person": "人员",
    "person_department": "任职科室",
    "commendation": "奖励",
    "discipline": "处分",
    "talk": "谈心谈话",
}
ROW_ACTIONS = ("insert", "update", "delete")


@dataclass(frozen=True, slots=True)
class _Expected:
    entry: int  # the audit entry that wrote the row last
    digest: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class DigestReport:
    rows: int  # rows compared with their digests
    problems: tuple[str, ...]


def _expected(connection: Connection) -> dict[str, dict[int, _Expected]]:
    """Each bulk-written row's digest, by table and row id, from the newest bulk entry."""
    found: dict[str, dict[int, _Expected]] = defaultdict(dict)
    entries = connection.execute(
        select(AuditRow.id, AuditRow.action, AuditRow.entity, AuditRow.after_json)
        .where(AuditRow.action.in_(BULK_ACTIONS))
        .order_by(AuditRow.id)
    )
    for entry_id, action, table, after_json in entries:
        after = json.loads(after_json or "{}")
        ids = written_ids(action, after)
        digests, columns = after["digests"], tuple(after["columns"])
        rows = found[table]
        for i, row_id in enumerate(ids):
            rows[row_id] = _Expected(
                entry_id, digests[i * DIGEST_CHARS : (i + 1) * DIGEST_CHARS], columns
            )
    return found


def _forget_rewritten(connection: Connection, table: str, rows: dict[int, _Expected]) -> None:
    """Leave out the rows an audited row-by-row change wrote after their bulk entry."""
    later = connection.execute(
        select(AuditRow.id, AuditRow.entity_id).where(
            AuditRow.entity == table, AuditRow.action.in_(ROW_ACTIONS)
        )
    )
    for entry_id, entity_id in later:
        if entity_id.isdigit():
            expected = rows.get(int(entity_id))
            if expected is not None and entry_id > expected.entry:
                del rows[int(entity_id)]


def _compare(
    connection: Connection,
    table: str,
    what: str,
    columns: tuple[str, ...],
    expected: dict[int, _Expected],
    problems: list[str],
) -> None:
    """Stream the table's rows past their digests (a county's 155,000 平时考核 rows are
    not held at once); what is left in `expected` is gone from the file."""
    listed = ", ".join(f'"{column}"' for column in columns)
    cursor = connection.connection.cursor()  # plain tuples, as the file holds them
    server = connection.dialect.name == "postgresql"  # values then as a file holds them
    try:
        cursor.execute(f'SELECT id, {listed} FROM "{table}"')
        while rows := cursor.fetchmany(5_000):
            for row in rows:
                found = expected.pop(row[0], None)
                values = tuple(map(as_file_stores, row[1:])) if server else row[1:]
                if found is not None and row_digest(values) != found.digest:
                    problems.append(
                        f"{what} #{row[0]} 与操作日志第 {found.entry} 条记下的校验值不符："
                        "被绕过程序改动"
                    )
    finally:
        cursor.close()
    for row_id, found in sorted(expected.items()):
        problems.append(
            f"{what} #{row_id} 由操作日志第 {found.entry} 条写入，之后没有删除记录，"
            "却已不在文件中：被绕过程序删除"
        )


def verify_digests(connection: Connection) -> DigestReport:
    """Compare every row whose last audited write was a bulk entry with its digest."""
    compared = 0
    problems: list[str] = []
    for table, rows in _expected(connection).items():
        _forget_rewritten(connection, table, rows)
        what = _LABELS.get(table, table)
        present = set(table_columns(connection, table))
        by_columns: dict[tuple[str, ...], dict[int, _Expected]] = defaultdict(dict)
        for row_id, expected in rows.items():
            by_columns[expected.columns][row_id] = expected
        for columns, expected_rows in by_columns.items():
            missing = [column for column in columns if column not in present]
            if missing:  # a later version dropped a column: these digests cannot be checked
                gone = "、".join(missing)
                problems.append(f"{what}：{len(expected_rows)} 行的校验值无法核对（缺少列 {gone}）")
                continue
            compared += len(expected_rows)
            _compare(connection, table, what, columns, expected_rows, problems)
    return DigestReport(compared, tuple(problems))
