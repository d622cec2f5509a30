"""Compact audit entries for rows written in bulk (an import, a quarter's close), and the
short digests that let `check` prove each such row is still what was written.

A per-row audit entry copies every column of the row into the log: at county scale
(10,000 people × 4 years) that made the log four fifths of the file. A bulk write
instead appends, in the same hash chain (storage/audit._write_entries), one entry per
table and up to ``ENTRY_ROWS`` rows:

- ``bulk_add``: rows added, ids ``first``–``last`` (the writer gives contiguous ids);
- ``bulk_edit``: rows changed, their ids, the changed columns' values before and after
  (columnar: one list per column, in the order of ``ids``);

each with the digest of every row as the file holds it after the write. A digest is the
first ``DIGEST_CHARS`` hex digits of the SHA-256 of the row's stored values, in the
order of the entry's ``columns``, as compact JSON (`row_digest`): anyone with sqlite3
and a SHA-256 tool can recompute it. docs/RELIABILITY.md §7 says what this shows an
auditor and what it does not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Connection

from kaohe_desktop.domain.column_labels import column_label

DIGEST_CHARS = 16  # 64 bits: chance, not an adversary, is what a digest here guards against
ENTRY_ROWS = 10_000  # rows per entry: the 操作日志 viewer reads one entry at a time
BULK_ADD, BULK_EDIT = "bulk_add", "bulk_edit"
BULK_ACTIONS = (BULK_ADD, BULK_EDIT)
_IDS_PER_SELECT = 500  # bound parameters of one `id IN (...)`
T = TypeVar("T")


# json.dumps(row, ensure_ascii=False, separators=(",", ":")), without building an
# encoder for every row (a county import digests a quarter of a million)
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def row_digest(values: Sequence[Any]) -> str:
    """The digest of one stored row: its values in column order, as compact JSON."""
    if any(isinstance(value, bytes) for value in values):
        values = [value.hex() if isinstance(value, bytes) else value for value in values]
    text = _ENCODE(list(values))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def table_columns(connection: Connection, table: str) -> list[str]:
    """The table's columns in the database's own order (a migration may append some)."""
    if connection.dialect.name == "postgresql":
        rows = connection.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
            (table,),
        )
        return [str(row[0]) for row in rows]
    return [str(row[1]) for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')]


def as_file_stores(value: Any) -> Any:
    """A value read from a server as a data file stores it, so that a row's digest is
    the same on both and survives `kaohe copy` either way: booleans as 0/1, dates
    and times as SQLAlchemy writes them into SQLite, and a NUMERIC as SQLite's
    numeric affinity keeps it (an integral 90.00 as the integer 90)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stored_rows(
    connection: Connection, table: str, columns: Sequence[str], ids: Sequence[int]
) -> dict[int, tuple[Any, ...]]:
    """The rows `ids` of `table` as SQLite holds them (no type conversion), by id."""
    listed = ", ".join(f'"{column}"' for column in columns)
    select = f'SELECT id, {listed} FROM "{table}" WHERE '
    found: dict[int, tuple[Any, ...]] = {}
    # the driver's own cursor, on the transaction's connection: plain tuples, as stored
    cursor = connection.connection.cursor()
    server = connection.dialect.name == "postgresql"
    mark = "%s" if server else "?"

    def keep(rows: Iterable[Sequence[Any]]) -> None:
        if server:
            found.update((row[0], tuple(as_file_stores(v) for v in row[1:])) for row in rows)
        else:
            found.update((row[0], tuple(row[1:])) for row in rows)

    try:
        if ids and ids[-1] - ids[0] + 1 == len(ids) and list(ids) == sorted(ids):
            cursor.execute(select + f"id BETWEEN {mark} AND {mark}", (ids[0], ids[-1]))
            keep(cursor.fetchall())
            return found
        for part in _chunks(ids, _IDS_PER_SELECT):
            cursor.execute(select + f"id IN ({', '.join([mark] * len(part))})", tuple(part))
            keep(cursor.fetchall())
    finally:
        cursor.close()
    return found


def digests_of(
    connection: Connection, table: str, columns: Sequence[str], ids: Sequence[int]
) -> str:
    """The digests of rows `ids`, concatenated in the order of `ids`."""
    rows = stored_rows(connection, table, columns, ids)
    return "".join(row_digest(rows[i]) for i in ids)


def encode_ids(ids: Iterable[int]) -> list[int | list[int]]:
    """Ascending ids as runs: [1, 2, 3, 7] → [[1, 3], 7]."""
    runs: list[int | list[int]] = []
    start = end = None
    for value in ids:
        if end is not None and value == end + 1:
            end = value
            continue
        if start is not None and end is not None:
            runs.append(start if start == end else [start, end])
        start = end = value
    if start is not None and end is not None:
        runs.append(start if start == end else [start, end])
    return runs


def decode_ids(runs: Iterable[int | list[int]]) -> list[int]:
    ids: list[int] = []
    for run in runs:
        if isinstance(run, list):
            ids.extend(range(run[0], run[1] + 1))
        else:
            ids.append(run)
    return ids


def written_ids(action: str, after: dict[str, Any]) -> Sequence[int]:
    """The rows a bulk entry (its action and parsed after) wrote: every id of a
    bulk_add's [first, last], the ids a bulk_edit lists."""
    if action == BULK_ADD:
        first, last = after["ids"]
        return range(first, last + 1)
    return decode_ids(after["ids"])


def in_span(entity_id: str, row_id: int) -> bool:
    """Whether a bulk entry's entity_id ("first-last", `id_span`) spans row `row_id`."""
    first, _, last = entity_id.partition("-")
    try:
        return int(first) <= row_id <= int(last or first)
    except ValueError:
        return False


def covers(action: str, entity_id: str, after_json: str | None, row_id: int) -> bool:
    """Whether a bulk entry (its action, entity_id and after) wrote row `row_id`: a
    bulk_add every id of its span, a bulk_edit only the ids it lists."""
    if not in_span(entity_id, row_id):
        return False
    if action == BULK_ADD:
        return True
    after = json.loads(after_json or "{}")
    return "ids" in after and row_id in written_ids(action, after)


def id_span(ids: Sequence[int]) -> str:
    """What the log's entity_id says of an entry's rows: "1-10000" (first-last)."""
    return str(ids[0]) if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"


@dataclass(frozen=True)
class BulkContext:
    """Why rows were written in bulk, recorded in each of the write's entries."""

    via: str  # "import" or "close"
    label: str  # what the log calls the write, in Chinese: "导入", "关闭2025年第一季度"
    detail: dict[str, Any] | None = None  # e.g. {"file": …, "sha256": …} of an import


def _compact(value: dict[str, Any]) -> str:
    # Pre-serialised: _write_entries stores a string as it is (its own dumps spaces out).
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def added_entries(
    connection: Connection, table: str, what: str, ids: Sequence[int], context: BulkContext
) -> list[dict[str, Any]]:
    """The entries of rows `ids` (contiguous, ascending) just added to `table`, whose
    rows the clerk calls `what` (平时考核)."""
    columns = table_columns(connection, table)
    entries = []
    for part in _chunks(ids, ENTRY_ROWS):
        after = {
            "via": context.via,
            "rows": len(part),
            "ids": [part[0], part[-1]],
            "columns": columns,
            "digests": digests_of(connection, table, columns, part),
            **(context.detail or {}),
        }
        label = f"{context.label}：新增{what} {len(part):,} 条（记录号 {part[0]}–{part[-1]}）"
        entries.append(_entry(BULK_ADD, table, part, label, None, after))
    return entries


@dataclass(frozen=True)
class Changed:
    """One row changed in bulk: its id and the changed columns' values (as the log
    shows values: plain JSON, Decimal as text); `of`: columns naming what the row is
    about, recorded beside it (a quarter's close: person_id)."""

    id: int
    before: dict[str, Any]
    after: dict[str, Any]
    of: dict[str, Any] = field(default_factory=dict)


def _columnar(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> dict[str, Any]:
    """{column: [value of each row]}, or {column: {"all": value}} when every row has the
    same value there (a first close has no stored value before it: all null)."""
    found: dict[str, Any] = {}
    for column in columns:
        values = [row.get(column) for row in rows]
        first = values[0]
        same = all(value == first and type(value) is type(first) for value in values)
        found[column] = {"all": first} if same and len(values) > 1 else values
    return found


def changed_entries(
    connection: Connection,
    table: str,
    what: str,
    changes: Sequence[Changed],
    context: BulkContext,
    *,
    rows_per_entry: int = ENTRY_ROWS,
) -> list[dict[str, Any]]:
    """The entries of rows just changed in `table`: one per set of changed columns and
    up to `rows_per_entry` rows, with the before and after values in columns."""
    columns = table_columns(connection, table)
    groups: dict[tuple[str, ...], list[Changed]] = {}
    for change in sorted(changes, key=lambda c: c.id):
        groups.setdefault(tuple(sorted(change.after)), []).append(change)
    entries = []
    for changed_columns, group in groups.items():
        for part in _chunks(group, rows_per_entry):
            ids = [change.id for change in part]
            after = {
                "via": context.via,
                "rows": len(part),
                "ids": encode_ids(ids),
                "changed": list(changed_columns),
                "after": _columnar([change.after for change in part], changed_columns),
                "columns": columns,
                "digests": digests_of(connection, table, columns, ids),
                **(context.detail or {}),
            }
            named_by = sorted(part[0].of)
            if named_by:
                after["of"] = {c: encode_ids([change.of[c] for change in part]) for c in named_by}
            before = {"before": _columnar([change.before for change in part], changed_columns)}
            named = "、".join(column_label(table, c) for c in changed_columns)
            label = f"{context.label}：修改{what} {len(part):,} 条（{named}）"
            entries.append(_entry(BULK_EDIT, table, ids, label, before, after))
    return entries


def _entry(
    action: str,
    table: str,
    ids: Sequence[int],
    label: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> dict[str, Any]:
    return {
        "action": action,
        "entity": table,
        "entity_id": id_span(ids),
        "label": label,
        "before": None if before is None else _compact(before),
        "after": _compact(after),
    }
