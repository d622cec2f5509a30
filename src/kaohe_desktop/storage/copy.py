"""Copying a whole database into a new one: a data file, or an empty database on a
PostgreSQL server (issue 17 §3), all or nothing.

The source is read in ONE snapshot (a SQLite read transaction, which holds the file's
shared lock so no workstation commits meanwhile; on a server a REPEATABLE READ READ
ONLY transaction, which blocks nobody). The target's schema is made by the target's own
migrations (storage.migrate.upgrade_to_head), then every table is copied in an order
that satisfies the foreign keys and the closed-period triggers: a `*_closed_insert`
trigger refuses a row of a period that `period_lock` says is closed, so `period_lock`
is copied last, after every row it protects. (The other triggers — the audit log's,
check_sample's, a verified rectification's, period_lock's history — refuse updates
and deletes only.) Primary keys are kept; on a server every sequence is set past the
largest id afterwards.

Rows move in chunks of CHUNK_ROWS (a select streamed in partitions, an executemany per
partition), so memory stays bounded for the county file's hundreds of thousands of
rows. Before anything is committed, the target is checked: every table holds as many
rows as the source, the audit chain verifies, and the period closes and accounts agree
with the log (storage.audit_records). A failure or a cancel leaves nothing: on a
server the migration and the copy are one transaction (PostgreSQL's DDL is
transactional); a file is written under a temporary name and removed.

What the copy says about itself goes into its app_meta: a new `file_id` (a copy is a
database of its own), `copied_from` (the source's id) and `copied_at`. The 佐证材料 are
not in the database: a server records in `evidence_dir` the folder where they stay; a
data file gets them copied into its own store beside it, each checked by its hash.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Engine, Table, event, func, inspect, select, text

from kaohe_desktop.storage.audit import ChainReport, verify_chain
from kaohe_desktop.storage.audit_records import RecordsReport, verify_records
from kaohe_desktop.storage.backup import EvidenceCopy, copy_evidence, verify_copy
from kaohe_desktop.storage.database import CREATING_SUFFIX
from kaohe_desktop.storage.engine import execute_outside_transaction, make_engine, write_engine
from kaohe_desktop.storage.errors import FileExistsRefusedError, StorageError
from kaohe_desktop.storage.evidence_store import EvidenceStore, store_dir
from kaohe_desktop.storage.header import APPLICATION_ID
from kaohe_desktop.storage.identity import FILE_ID_KEY, file_id_of, new_file_id
from kaohe_desktop.storage.migrate import (
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    upgrade_to_head,
    user_version,
)
from kaohe_desktop.storage.models import Base, MetaRow, PeriodLockRow
from kaohe_desktop.storage.sequences import catch_up_sequence
from kaohe_desktop.storage.server_checks import APPLICATION_ID_KEY

log = logging.getLogger(__name__)

CHUNK_ROWS = 2_000
SPILL_PAGES = 2_000  # of the new file's page cache (8 MB of 4 KB pages)
COPIED_FROM_KEY = "copied_from"
COPIED_AT_KEY = "copied_at"
EVIDENCE_DIR_KEY = "evidence_dir"  # a server's 佐证材料 folder (absolute path)
# app_meta rows a database's own migrations write (on a server; a file keeps them in its
# header): the target has its own, the source's are not copied over them.
TARGET_OWN_KEYS = frozenset({APPLICATION_ID_KEY, SCHEMA_VERSION_KEY})
# Tables that belong to the database engine or to Alembic, not to the application.
NOT_COPIED = frozenset({"alembic_version", "sqlite_sequence"})

Report = Callable[[int, int, str], None]
"""`report(done, total, message)` between chunks; it may raise to cancel (as
services.progress.ProgressReporter.report raises Cancelled): the copy then unwinds
and leaves nothing."""


def _silent(_done: int, _total: int, _message: str) -> None:
    return None


@dataclass(frozen=True)
class CopyResult:
    """What a finished copy holds, verified on the target before it was committed."""

    tables: tuple[tuple[str, int], ...]  # (table, rows) in the order copied
    chain: ChainReport
    records: RecordsReport
    file_id: str  # the target's
    source_file_id: str
    evidence: EvidenceCopy | None = None  # attachments copied into a data file's store
    warnings: tuple[str, ...] = field(default=())

    @property
    def rows(self) -> int:
        return sum(rows for _, rows in self.tables)


def copy_order() -> list[Table]:
    """Every table of the schema, parents before children; period_lock last."""
    tables = [t for t in Base.metadata.sorted_tables if t.name not in NOT_COPIED]
    lock: Table = PeriodLockRow.__table__  # type: ignore[assignment]
    return [t for t in tables if t is not lock] + [lock]


# --- reading the source -------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    connection: Connection
    counts: dict[str, int]
    file_id: str
    meta: dict[str, str]


def _read_source(connection: Connection, report: Report) -> _Source:
    """Check that the source is whole and ours, count its rows (inside the snapshot)."""
    version = user_version(connection)
    if version != SCHEMA_VERSION:
        newer = version > SCHEMA_VERSION
        raise StorageError(
            f"源数据库的结构版本为 {version}，本程序为 {SCHEMA_VERSION}："
            + (
                "请先升级程序再复制。"
                if newer
                else "请先以可写方式打开一次（程序会升级它），再复制。"
            )
        )
    known = {t.name for t in copy_order()}
    present = set(inspect(connection).get_table_names())
    foreign = sorted(present - known - NOT_COPIED)
    if foreign:
        raise StorageError(
            f"源数据库中有本程序不认识的表（{'、'.join(foreign[:5])}），未复制。"
            "请先运行“检查数据文件”。"
        )
    missing = sorted(known - present)
    if missing:
        raise StorageError(f"源数据库缺少表（{'、'.join(missing[:5])}），未复制。")
    report(0, 0, "正在核对源数据库的操作日志链…")
    chain = verify_chain(connection)
    if not chain.ok:
        raise StorageError(f"源数据库的{chain}，未复制。请先运行“检查数据文件”，从备份恢复。")
    records = verify_records(connection)
    if not records.ok:
        raise StorageError(
            f"源数据库：{records}（{'；'.join(records.problems[:2])}），未复制。"
            "请先运行“检查数据文件”。"
        )
    counts = {
        t.name: int(connection.execute(select(func.count()).select_from(t)).scalar_one())
        for t in copy_order()
    }
    meta = {str(k): str(v) for k, v in connection.execute(select(MetaRow.key, MetaRow.value))}
    file_id = file_id_of(lambda sql: connection.exec_driver_sql(sql).all())
    return _Source(connection, counts, file_id, meta)


def _chunks(connection: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    keys = [column.key for column in table.columns]
    order = list(table.primary_key.columns) or list(table.columns)
    # Per statement, not on the connection (whose options every later statement and
    # a server's BEGIN would inherit).
    result = connection.execute(
        select(*table.columns).order_by(*order).execution_options(yield_per=CHUNK_ROWS)
    )
    for partition in result.partitions(CHUNK_ROWS):
        yield [dict(zip(keys, row, strict=True)) for row in partition]


# --- writing the target ---------------------------------------------------------------


def _meta_rows(source: _Source, meta: Mapping[str, str | None]) -> list[dict[str, Any]]:
    values: dict[str, str | None] = {
        k: v for k, v in source.meta.items() if k not in TARGET_OWN_KEYS
    }
    values.update(meta)
    return [{"key": k, "value": v} for k, v in sorted(values.items()) if v is not None]


def _copy_rows(
    source: _Source, target: Connection, meta: Mapping[str, str | None], report: Report
) -> tuple[tuple[str, int], ...]:
    """Create the schema on `target` and copy every row; verify before the caller commits."""
    upgrade_to_head(target)
    meta_table: Table = MetaRow.__table__  # type: ignore[assignment]
    own_meta = int(target.execute(select(func.count()).select_from(meta_table)).scalar_one())
    total = sum(source.counts.values())
    done = 0
    copied: list[tuple[str, int]] = []
    for table in copy_order():
        report(done, total, f"正在复制 {table.name}…")
        if table is meta_table:
            rows = _meta_rows(source, meta)
            if rows:
                target.execute(table.insert(), rows)
            done += source.counts[table.name]
            copied.append((table.name, len(rows)))
            continue
        count = 0
        for rows in _chunks(source.connection, table):
            target.execute(table.insert(), rows)
            count += len(rows)
            done += len(rows)
            report(done, total, f"正在复制 {table.name}…")
        copied.append((table.name, count))
    if target.dialect.name == "postgresql":
        _reset_sequences(target)
    report(total, total, "正在核对复制结果…")
    expected = dict(copied)
    expected[meta_table.name] += own_meta
    for table in copy_order():
        found = int(target.execute(select(func.count()).select_from(table)).scalar_one())
        if table is not meta_table and expected[table.name] != source.counts[table.name]:
            raise StorageError(f"复制后核对不符：表 {table.name} 读出的行数与源数据库的计数不同。")
        if found != expected[table.name]:
            raise StorageError(
                f"复制后核对不符：表 {table.name} 源数据库 {expected[table.name]} 行，"
                f"目标 {found} 行。未复制。"
            )
    return tuple(copied)


def _verify_target(target: Connection) -> tuple[ChainReport, RecordsReport]:
    chain = verify_chain(target)
    if not chain.ok:
        raise StorageError(f"复制后核对不符：目标的{chain}。未复制。")
    records = verify_records(target)
    if not records.ok:
        raise StorageError(f"复制后核对不符：目标的{records}。未复制。")
    return chain, records


def _reset_sequences(target: Connection) -> None:
    """Each serial/identity id's sequence past the largest id copied."""
    for table in copy_order():
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and keys[0].autoincrement in (True, "auto") and _integer(keys[0]):
            catch_up_sequence(target, table, keys[0].name)


def _integer(column: Column[Any]) -> bool:
    try:
        return column.type.python_type is int
    except NotImplementedError:
        return False


@contextmanager
def _snapshot(source: Engine) -> Iterator[Connection]:
    """One read transaction over the whole source (see the module's docstring)."""
    with source.connect() as connection:
        try:
            yield connection
        finally:
            connection.rollback()


def new_copy_meta(source_file_id: str, evidence_dir: str | None) -> dict[str, str | None]:
    """The app_meta a copy gets: an id of its own, where it came from and when."""
    return {
        FILE_ID_KEY: new_file_id(),
        COPIED_FROM_KEY: source_file_id,
        COPIED_AT_KEY: datetime.now().isoformat(timespec="seconds"),
        EVIDENCE_DIR_KEY: evidence_dir,
    }


MetaFor = Callable[[str], Mapping[str, str | None]]
"""Given the source's file id, the app_meta rows to set (None: leave the row out)."""


def _spill_freely(dbapi_connection: Any, _record: Any) -> None:
    """A new file nobody else reads: SQLite may write its changed pages out midway
    (storage/engine.py keeps them in memory for a shared file's sake), so memory stays
    bounded whatever the size. Set before BEGIN: a transaction keeps the threshold it
    began with."""
    dbapi_connection.execute(f"PRAGMA cache_spill = {SPILL_PAGES}")


def write_file_copy(
    source: Engine, temp: Path, meta_for: MetaFor, report: Report = _silent
) -> CopyResult:
    """Write a verified copy of `source` into the new SQLite file `temp` (which must not
    exist); on any failure, cancel included, `temp` and its journal are removed."""
    if temp.exists():
        raise FileExistsRefusedError(f"“{temp}”已存在，未覆盖。")
    engine = make_engine(temp, read_only=False, create=True)
    event.listen(engine, "connect", _spill_freely)
    try:
        execute_outside_transaction(engine, f"PRAGMA application_id = {APPLICATION_ID}")
        with _snapshot(source) as reading:
            found = _read_source(reading, report)
            meta = meta_for(found.file_id)
            with write_engine(engine).begin() as writing:
                tables = _copy_rows(found, writing, meta, report)
                chain, records = _verify_target(writing)
                file_id = str(meta.get(FILE_ID_KEY) or found.file_id)
        engine.dispose()
        verify_copy(temp)  # ours (header) and integrity_check
    except BaseException:
        engine.dispose()
        temp.unlink(missing_ok=True)
        Path(f"{temp}-journal").unlink(missing_ok=True)
        raise
    return CopyResult(tables, chain, records, file_id, found.file_id)


def copy_to_file(
    source: Engine,
    target: Path,
    *,
    source_store: Path | None,
    report: Report = _silent,
) -> CopyResult:
    """Copy `source` into the new data file `target`, its 佐证材料 into the store beside
    it (from `source_store`, each checked by its hash); refuse an existing `target`."""
    if target.exists():
        raise FileExistsRefusedError(f"“{target}”已存在。复制只写入新文件，请换一个文件名。")
    temp = target.with_name(target.name + CREATING_SUFFIX)
    temp.unlink(missing_ok=True)
    result = write_file_copy(source, temp, lambda source_id: new_copy_meta(source_id, None), report)
    store = store_dir(target)
    made_store = not store.exists()
    try:
        evidence = None
        if source_store is not None:
            report(0, 0, "正在复制佐证材料…")
            evidence = copy_evidence(temp, EvidenceStore(store), [EvidenceStore(source_store)])
        report(1, 1, "正在完成…")  # the last chance to cancel
        if target.exists():  # someone made it meanwhile: keep theirs
            raise FileExistsRefusedError(f"“{target}”已被他人创建，未覆盖。")
        os.rename(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        if made_store:
            shutil.rmtree(store, ignore_errors=True)
        raise
    warnings = evidence.problems if evidence is not None else ()
    return replace(result, evidence=evidence, warnings=warnings)


def server_tables(connection: Connection) -> list[str]:
    """What a server database already holds, in any schema but the system's: tables,
    views, sequences (another program's data in a schema of its own counts too)."""
    return [
        str(name)
        for name in connection.execute(
            text(
                "SELECT CASE WHEN n.nspname = 'public' THEN c.relname "
                "ELSE n.nspname || '.' || c.relname END "
                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
                "AND n.nspname NOT LIKE 'pg\\_%' "
                "AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') ORDER BY 1"
            )
        ).scalars()
    ]


def copy_to_server(
    source: Engine,
    target: Engine,
    *,
    evidence_dir: str | None,
    report: Report = _silent,
    where: str = "",
) -> CopyResult:
    """Copy `source` into the EMPTY server database of `target` in one transaction: a
    failure or a cancel leaves it empty. `evidence_dir` is where its 佐证材料 stay."""
    if target.dialect.name != "postgresql":
        raise StorageError("目标不是数据库服务器。")
    shown = where or str(target.url.database)
    with _snapshot(source) as reading, write_engine(target).begin() as writing:
        there = server_tables(writing)
        if there:
            listed = "、".join(there[:5]) + ("等" if len(there) > 5 else "")
            raise StorageError(
                f"目标数据库“{shown}”不是空的：已有 {len(there)} 个表或序列（{listed}）。"
                "复制只写入空数据库，未做任何改动。"
            )
        found = _read_source(reading, report)
        meta = new_copy_meta(found.file_id, evidence_dir)
        tables = _copy_rows(found, writing, meta, report)
        chain, records = _verify_target(writing)
        report(1, 1, "正在提交…")  # the last chance to cancel
    return CopyResult(tables, chain, records, str(meta[FILE_ID_KEY]), found.file_id)


__all__ = [
    "CHUNK_ROWS",
    "COPIED_AT_KEY",
    "COPIED_FROM_KEY",
    "EVIDENCE_DIR_KEY",
    "CopyResult",
    "copy_order",
    "copy_to_file",
    "copy_to_server",
    "new_copy_meta",
    "server_tables",
    "write_file_copy",
]
