"""One big table's share of an import (or a quarter's close), written with SQLAlchemy
Core and audited compactly.

The ORM path (an object per row, the unit of work's flush, an audit row per row built
from `inspect()`) cost a county import a minute and four fifths of the file. Here the
stored rows are read once (one Core select of the key and the compared columns); each
incoming row is compared with its stored values (the rule of `upsert.assign`: a blank
optional cell keeps the stored value, an equal value is not written); what is new is
inserted with `executemany` CHUNK rows at a time as the sheet is read, and what changed
is updated the same way, the version counter stepped as the ORM steps it. Then
storage/row_digests appends the compact audit entries: the added id ranges and the
changed rows' before and after, each with the digests of the rows as written. An
unchanged row costs one comparison and writes nothing.

The ORM never holds rows of these tables during an import, so nothing it caches goes
stale; the small sheets (科室, 台账, 加减分, 督办单, 整改) still go through the ORM.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, bindparam, func, insert, select, update

from kaohe_desktop.storage.row_digests import (
    ENTRY_ROWS,
    BulkContext,
    Changed,
    added_entries,
    changed_entries,
)
from kaohe_desktop.storage.sequences import catch_up_sequence

CHUNK = 5_000  # rows per executemany: a cancel is seen within one chunk
ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"


def stored_value(value: Any) -> Any:
    """An enum as the code it is stored as (a StrEnum is a str, but not a plain one)."""
    return value.value if isinstance(value, Enum) else value


def log_value(value: Any) -> Any:
    """A value as the audit log shows it (as storage/audit does for a row entry)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class _Row:
    """A stored row as the import knows it; `values` in the order of `compared`."""

    __slots__ = ("before", "id", "values")

    def __init__(self, row_id: int, values: list[Any]):
        self.id = row_id
        self.values = values
        self.before: dict[int, Any] | None = None  # changed columns' stored values


class BulkTable:
    """The rows of `table` an import compares and writes, keyed by `key` columns."""

    def __init__(
        self,
        connection: Connection,
        table: Table,
        what: str,
        key: tuple[str, ...],
        compared: tuple[str, ...],
        where: ColumnElement[bool] | None = None,
    ) -> None:
        self.connection = connection
        self.table = table
        self.what = what  # what the clerk calls a row: 平时考核, 谈心谈话
        self.key = key
        self.compared = compared
        self._index = {name: i for i, name in enumerate(compared)}
        statement = select(table.c.id, *(table.c[c] for c in key), *(table.c[c] for c in compared))
        if where is not None:
            statement = statement.where(where)
        width = len(key)
        self.rows: dict[tuple[Any, ...], _Row] = {}
        for row in connection.execute(statement):
            # Two stored rows with one key (entered on screen): the later one is met, as
            # the ORM's dict of rows did.
            self.rows[tuple(row[1 : 1 + width])] = _Row(row[0], list(row[1 + width :]))
        last = connection.execute(select(func.max(table.c.id))).scalar()
        self.next_id = (last or 0) + 1
        self._waiting: list[dict[str, Any]] = []  # inserts not yet executed
        # The rows this import adds, by key: only their ids are kept (a county import
        # adds 155,000 平时考核 rows); a key met again is read back (`_stored`).
        self._added: dict[tuple[Any, ...], int] = {}
        self._added_ids: list[int] = []
        self._changed: dict[int, _Row] = {}
        self._base: dict[str, Any] = {
            column.name: (
                column.default.arg  # type: ignore[attr-defined]  # a scalar default
                if column.default is not None and column.default.is_scalar
                else None
            )
            for column in table.columns
        }
        if "version" in self._base:
            self._base["version"] = 1

    def get(self, key: tuple[Any, ...], column: str) -> Any:
        """The stored (or, for a row this import adds, the new) value; None without the row."""
        row = self._stored(key)
        return None if row is None else row.values[self._index[column]]

    def has(self, key: tuple[Any, ...]) -> bool:
        return key in self.rows or key in self._added

    def _stored(self, key: tuple[Any, ...]) -> _Row | None:
        row = self.rows.get(key)
        if row is None and key in self._added:
            # A key this import added already (the book named it twice): written now and
            # read back, so that what follows changes it as a stored row.
            self._insert_waiting()
            row_id = self._added.pop(key)
            columns = [self.table.c[name] for name in self.compared]
            found = self.connection.execute(select(*columns).where(self.table.c.id == row_id)).one()
            row = self.rows[key] = _Row(row_id, list(found))
        return row

    def upsert(
        self, key: tuple[Any, ...], values: dict[str, Any], *, keep_blank: bool = True
    ) -> tuple[int, str]:
        """Add the row or change what differs; (its id, ADDED / UPDATED / UNCHANGED).
        Of a stored row, a key column is left and, with `keep_blank`, so is a column
        whose new value is blank (None)."""
        row = self._stored(key)
        if row is None:
            return self._add(key, values), ADDED
        changed = False
        index = self._index
        for name, value in values.items():
            if (value is None and keep_blank) or name not in index:
                continue
            value = stored_value(value)
            i = index[name]
            if row.values[i] != value:
                if row.before is None:
                    row.before = {}
                row.before.setdefault(i, row.values[i])
                self._changed[row.id] = row
                row.values[i] = value
                changed = True
        return row.id, UPDATED if changed else UNCHANGED

    def _add(self, key: tuple[Any, ...], values: dict[str, Any]) -> int:
        new_id = self.next_id
        self.next_id += 1
        parameters = self._base.copy()
        parameters.update(zip(self.key, key, strict=True))
        parameters.update(
            {name: v.value if isinstance(v, Enum) else v for name, v in values.items()}
        )
        parameters["id"] = new_id
        self._added[key] = new_id
        self._added_ids.append(new_id)
        self._waiting.append(parameters)
        if len(self._waiting) >= CHUNK:
            self._insert_waiting()
        return new_id

    def _insert_waiting(self) -> None:
        if self._waiting:
            self.connection.execute(insert(self.table), self._waiting)
            self._waiting = []
            catch_up_sequence(self.connection, self.table)

    @property
    def pending(self) -> int:
        """Rows added or changed (some of the added may be written already)."""
        return len(self._added_ids) + len(self._changed)

    def _changes(self) -> list[tuple[_Row, tuple[int, ...]]]:
        """Each changed row with the columns that differ from the stored values."""
        found = []
        for row in self._changed.values():
            before = row.before or {}
            differ = tuple(sorted(i for i, old in before.items() if row.values[i] != old))
            if differ:
                found.append((row, differ))
        return found

    def write(self, tick: Callable[[int], None]) -> None:
        """Insert what waits and update what changed, CHUNK rows at a time; `tick(n)`
        after each chunk of n rows (it raises Cancelled to stop)."""
        self._insert_waiting()
        groups: dict[tuple[int, ...], list[_Row]] = {}
        for row, differ in self._changes():
            groups.setdefault(differ, []).append(row)
        for differ, rows in groups.items():
            names = [self.compared[i] for i in differ]
            statement = (
                update(self.table)
                .where(self.table.c.id == bindparam("b_id"))
                .values({name: bindparam(f"b_{name}") for name in names})
            )
            if "version" in self.table.c:  # as the ORM's version counter would
                statement = statement.values(version=self.table.c.version + 1)
            for start in range(0, len(rows), CHUNK):
                part = rows[start : start + CHUNK]
                keys = [(f"b_{name}", i) for name, i in zip(names, differ, strict=True)]
                parameters = [{"b_id": r.id, **{k: r.values[i] for k, i in keys}} for r in part]
                self.connection.execute(statement, parameters)
                tick(len(part))

    def audit_entries(
        self,
        context: BulkContext,
        *,
        whole: tuple[str, ...] = (),
        of: tuple[str, ...] = (),
        rows_per_entry: int = ENTRY_ROWS,
    ) -> list[dict[str, Any]]:
        """The compact entries of what `write` wrote (call after it). `whole`: columns
        recorded for every changed row, changed or not (a close's stored outcomes, one
        entry for them all); `of`: compared columns naming each changed row's subject."""
        name = self.table.name
        entries: list[dict[str, Any]] = []
        if self._added_ids:
            entries += added_entries(self.connection, name, self.what, self._added_ids, context)
        index = self._index
        changes = []
        for row, differ in self._changes():
            before = row.before or {}
            shown = [index[c] for c in whole] if whole else list(differ)
            changes.append(
                Changed(
                    row.id,
                    {self.compared[i]: log_value(before.get(i, row.values[i])) for i in shown},
                    {self.compared[i]: log_value(row.values[i]) for i in shown},
                    {c: row.values[index[c]] for c in of},
                )
            )
        if changes:
            entries += changed_entries(
                self.connection, name, self.what, changes, context, rows_per_entry=rows_per_entry
            )
        return entries
