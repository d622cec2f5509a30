"""The audit log: one row per changed row, written in the same transaction as the
change and chained by SHA-256 so that an edited, deleted or inserted audit row is
detected (DESIGN.md §5).

The chain head (last hash and row count) is also kept in app_meta, so removing
the newest rows is detected as well.

Rows written in bulk (an import's big sheets, a quarter's close) are logged by a few
compact entries instead (storage/row_digests), appended through the same
`_write_entries`: one chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, text
from sqlalchemy.orm import Session, UOWTransaction

from kaohe_desktop.storage.audit_subjects import label_rows
from kaohe_desktop.storage.models import AuditRow, Base, MetaRow
from kaohe_desktop.storage.own_writes import note_written

GENESIS = "0" * 64
HEAD_KEY = "audit_head"
COUNT_KEY = "audit_count"
ACCOUNT_KEY = "account"  # Session.info key naming who is acting
# When entries are stamped: the wall clock, except while the demo plays its bureau's
# past on its own calendar (services/demo: `stamped_by`), so its log reads as its days.
_STAMP_CLOCK: ContextVar[Callable[[], datetime]] = ContextVar("audit_clock", default=datetime.now)


@contextmanager
def stamped_by(clock: Callable[[], datetime]) -> Iterator[None]:
    """Within the block (this thread), audit entries take their time from `clock`."""
    token = _STAMP_CLOCK.set(clock)
    try:
        yield
    finally:
        _STAMP_CLOCK.reset(token)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes sha256:{hashlib.sha256(value).hexdigest()[:16]}>"
    return value


def row_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


def _hashed_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: _plain(row[key])
        for key in (
            "id",
            "at",
            "account",
            "action",
            "entity",
            "entity_id",
            "label",
            "before_json",
            "after_json",
        )
    }


REDACTED = "（已隐去）"


def _shown(obj: Base, key: str, value: Any) -> Any:
    # Secrets (password hashes) are recorded as changed, never copied into the log.
    if value is not None and key in type(obj).__audit_redacted__:
        return REDACTED
    if value is not None and key in type(obj).__audit_digested__:
        return "sha256:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()
    return _plain(value)


def column_values(obj: Base) -> dict[str, Any]:
    """Every column of `obj` as the log records it (check compares rows with this)."""
    state = inspect(obj)
    return {
        attr.key: _shown(obj, attr.key, state.attrs[attr.key].value)
        for attr in state.mapper.column_attrs
    }


def _changed_values(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.added or history.deleted:
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                before[attr.key] = _shown(obj, attr.key, old)
                after[attr.key] = _shown(obj, attr.key, new)
    return before, after


def entity_id_of(obj: Base) -> str:
    state = inspect(obj)
    # A row inserted in this flush has no identity key yet, but its primary key is set.
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    parts = [part for part in identity if part is not None]
    return "/".join(str(part) for part in parts) if parts else "?"


def _pending_entries(session: Session) -> list[dict[str, Any]]:
    changes: list[tuple[str, Base, Any, Any]] = []

    def audited(objects: Iterable[object]) -> list[Base]:
        return [o for o in objects if isinstance(o, Base) and type(o).__audited__]

    for obj in audited(session.new):
        changes.append(("insert", obj, None, column_values(obj)))
    for obj in audited(session.dirty):
        if not session.is_modified(obj, include_collections=False):
            continue
        before, after = _changed_values(obj)
        if after:
            changes.append(("update", obj, before, after))
    for obj in audited(session.deleted):
        changes.append(("delete", obj, column_values(obj), None))
    if not changes:
        return []
    # Each line names the person, task or department its row concerns (audit_subjects):
    # one query per kind of subject for the whole flush, not one per row.
    labels = label_rows(session.connection(), [obj for _action, obj, _b, _a in changes])
    return [
        {
            "action": action,
            "entity": type(obj).__tablename__,
            "entity_id": entity_id_of(obj),
            "label": labels[id(obj)],
            "before": before,
            "after": after,
        }
        for action, obj, before, after in changes
    ]


def _dump(value: dict[str, Any] | str | None) -> str | None:
    if value is None or isinstance(value, str):  # a compact entry comes serialised
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _write_entries(connection: Connection, account: str, entries: list[dict[str, Any]]) -> None:
    last = connection.execute(
        select(AuditRow.id, AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)
    ).first()
    next_id, prev_hash = (last.id + 1, last.hash) if last else (1, GENESIS)
    now = _STAMP_CLOCK.get()().replace(microsecond=0)
    rows = []
    for entry in entries:
        row = {
            "id": next_id,
            "at": now,
            "account": account,
            "action": entry["action"],
            "entity": entry["entity"],
            "entity_id": str(entry["entity_id"])[:40],
            "label": None if entry["label"] is None else str(entry["label"])[:200],
            "before_json": _dump(entry["before"]),
            "after_json": _dump(entry["after"]),
            "prev_hash": prev_hash,
        }
        row["hash"] = prev_hash = row_hash(prev_hash, _hashed_fields(row))
        rows.append(row)
        next_id += 1
    connection.execute(insert(AuditRow), rows)
    # Which ids this transaction wrote: after COMMIT they are this program's own, and
    # its live refresh does not take them for another workstation's (own_writes.py).
    note_written(connection, next_id - len(rows), next_id - 1)
    count = next_id - 1  # ids are contiguous from 1, so the last id is the count
    meta = MetaRow.__tablename__
    for key, value in ((HEAD_KEY, prev_hash), (COUNT_KEY, str(count))):
        connection.execute(
            text(
                f"INSERT INTO {meta}(key, value) VALUES (:k, :v) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
            ),
            {"k": key, "v": value},
        )


def record_entries(connection: Connection, account: str, entries: list[dict[str, Any]]) -> None:
    """Append prepared entries — the compact ones of a bulk write (storage/row_digests) —
    to the one chain, inside the caller's write transaction."""
    if entries:
        _write_entries(connection, account, entries)


def record_event(
    connection: Connection,
    account: str,
    action: str,
    entity: str,
    entity_id: object,
    label: str | None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append an event that is not a row change (a login, a refusal, a lease taken
    over) to the same chain, inside the caller's write transaction."""
    _write_entries(
        connection,
        account,
        [
            {
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "label": label,
                "before": None,
                "after": detail,
            }
        ],
    )


@event.listens_for(Session, "after_flush")
def _audit_after_flush(session: Session, _flush_context: UOWTransaction) -> None:
    # Only sessions opened by our unit of work carry an account; others (Alembic,
    # tests building fixtures on purpose) are not audited.
    account = session.info.get(ACCOUNT_KEY)
    if account is None:
        return
    entries = _pending_entries(session)
    if entries:
        _write_entries(session.connection(), str(account), entries)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    first_broken_id: int | None
    reason: str

    def __str__(self) -> str:
        if self.ok:
            return f"操作日志链完整（{self.rows} 条）"
        where = f"第 {self.first_broken_id} 条" if self.first_broken_id else "末尾"
        return f"操作日志链在{where}断开：{self.reason}"


def verify_chain(connection: Connection) -> ChainReport:
    """Walk the log in id order; name the first row whose hash or link is wrong."""
    prev_hash = GENESIS
    expected_id = 1
    count = 0
    # Streamed: a server's driver would otherwise fetch the whole log (hundreds of
    # thousands of rows in a county database) before the first row is looked at.
    result = connection.execute(
        select(AuditRow.__table__).order_by(AuditRow.id).execution_options(yield_per=2_000)
    )
    for row in result.mappings():
        count += 1
        if row["id"] != expected_id:
            return ChainReport(False, count, row["id"], f"缺少第 {expected_id} 条（被删除或插入）")
        if row["prev_hash"] != prev_hash:
            return ChainReport(False, count, row["id"], "与上一条的链接不符（前一条被改动或删除）")
        fields = _hashed_fields({**row, "at": row["at"]})
        if row_hash(prev_hash, fields) != row["hash"]:
            return ChainReport(False, count, row["id"], "内容与校验值不符（该条被改动）")
        prev_hash = row["hash"]
        expected_id += 1
    meta = dict(connection.execute(select(MetaRow.key, MetaRow.value)).all())
    head, stored_count = meta.get(HEAD_KEY, GENESIS), int(meta.get(COUNT_KEY, "0"))
    if head != prev_hash or stored_count != count:
        return ChainReport(False, count, None, f"记录应有 {stored_count} 条，实有 {count} 条")
    return ChainReport(True, count, None, "")
