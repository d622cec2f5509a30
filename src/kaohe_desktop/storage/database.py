"""Opening, creating and checking a data file (DESIGN.md §5).

The order of checks matters: the header is read by hand first, so a file that is
not ours is refused before SQLite could touch it; only then is a connection made.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kaohe_desktop.app import portable_backup_dir
from kaohe_desktop.storage.audit import ChainReport, verify_chain
from kaohe_desktop.storage.audit_records import RecordsReport, verify_records
from kaohe_desktop.storage.backup import backup_database
from kaohe_desktop.storage.engine import (
    DEFAULT_BUSY_TIMEOUT_MS,
    execute_outside_transaction,
    make_engine,
    write_engine,
)
from kaohe_desktop.storage.errors import (
    CorruptFileError,
    FileExistsRefusedError,
    NotOurFileError,
    StorageError,
    WalModeError,
)
from kaohe_desktop.storage.evidence_store import store_dir
from kaohe_desktop.storage.header import APPLICATION_ID, HeaderInfo, read_header
from kaohe_desktop.storage.identity import (
    FILE_ID_KEY,
    FileIdentity,
    SameDatabase,
    SameFile,
    establish_identity,
    new_file_id,
    stamp_of,
)
from kaohe_desktop.storage.migrate import SCHEMA_VERSION, upgrade_to_head, user_version
from kaohe_desktop.storage.models import BureauRow, MetaRow, StaffCategoryRow
from kaohe_desktop.storage.schema_check import SchemaReport, check_schema
from kaohe_desktop.storage.source import ServerAddress
from kaohe_desktop.storage.unit_of_work import UnitOfWork

CREATING_SUFFIX = ".creating"


@dataclass
class OpenedFile:
    """An open data file: its engine and what was found while opening it."""

    path: Path
    engine: Engine
    read_only: bool
    read_only_reason: str | None
    schema_version: int
    unclean_shutdown: bool
    migrated_from: int | None = None
    migration_backup: Path | None = None
    warnings: list[str] = field(default_factory=list)
    identity: FileIdentity | None = None  # which file this is: every write checks it
    # On a PostgreSQL server: its address. `path` is then only a name (数据库@服务器-端口)
    # for titles and the names of exports and backups, never a file.
    server: ServerAddress | None = None
    # On a server: the 佐证材料 folder the database names (app_meta evidence_dir).
    evidence_root: Path | None = None

    @property
    def location(self) -> str:
        """Where the data is, as the title bar and the status line say it."""
        return self.server.display if self.server is not None else str(self.path)

    @property
    def name(self) -> str:
        """Short: the file's name, or the database's name and server."""
        return self.server.display if self.server is not None else self.path.name

    @property
    def evidence_dir(self) -> Path:
        """The 佐证材料 folder: beside a file; on a server the shared folder it names
        (a database made without one keeps them in this user's folder, and says so
        at open: server_database.open_server_database)."""
        if self.server is not None:
            return self.evidence_root or local_evidence_dir(self.path)
        return store_dir(self.path)

    def unit_of_work(self, account: str) -> UnitOfWork:
        same_file: SameFile | SameDatabase | None = None
        if self.identity is not None:
            same_file = (
                SameDatabase(self.identity)
                if self.server is not None
                else SameFile(self.path, self.identity)
            )
        uow = UnitOfWork(
            self.engine, account=account, read_only=self.read_only, same_file=same_file
        )
        if self.read_only_reason:
            uow.read_only_reason = self.read_only_reason
        return uow

    def close(self) -> None:
        self.engine.dispose()


def local_evidence_dir(stand_in: Path) -> Path:
    """Where a server database that names no shared 佐证材料 folder keeps them."""
    return Path.home() / "考核台账佐证材料" / stand_in.name


def default_backup_dir(path: Path) -> Path:
    """Backups before a migration go to a local folder, not next to the shared file."""
    base = os.environ.get("KAOHE_BACKUP_DIR")
    if base:
        return Path(base)
    return portable_backup_dir() or Path.home() / "考核台账备份"


def _run_check(engine: Engine, full: bool) -> list[str]:
    pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
    try:
        return [str(row[0]) for row in execute_outside_transaction(engine, pragma)]
    except sqlite3.DatabaseError as error:  # a page so damaged the check cannot finish
        return [str(error)]


def open_data_file(
    path: str | os.PathLike[str],
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    backup_dir: Path | None = None,
    force_read_only: bool = False,
) -> OpenedFile:
    """Open an existing data file, refusing anything that is not safely ours."""
    file = Path(path)
    if not file.exists():
        raise StorageError(f"找不到数据文件“{file}”。")
    journal = Path(f"{file}-journal")
    unclean = journal.exists() and journal.stat().st_size > 0
    header: HeaderInfo = read_header(file, journal_pending=unclean)
    if Path(f"{file}-wal").exists():
        raise WalModeError(f"“{file.name}”旁有 WAL 日志文件，说明它曾以 WAL 模式打开，拒绝打开。")

    read_only_reason: str | None = None
    if header.user_version > SCHEMA_VERSION:
        read_only_reason = (
            f"该文件由更新版本的考核台账创建（结构版本 {header.user_version}，本程序为 "
            f"{SCHEMA_VERSION}），只能只读打开。请升级程序后再编辑。"
        )
    elif not os.access(file, os.W_OK) or not os.access(file.parent, os.W_OK):
        read_only_reason = "没有写入该文件或其所在文件夹的权限，已以只读方式打开。"
    elif force_read_only:
        read_only_reason = "按要求以只读方式打开。"
    read_only = read_only_reason is not None
    if unclean and read_only:
        raise StorageError(
            f"“{file.name}”上次未正常关闭，需要回滚未完成的写入，但当前只能只读打开。"
        )

    stamp = stamp_of(file)  # before the first connection: the file that connection opens
    engine = make_engine(file, read_only=read_only, busy_timeout_ms=busy_timeout_ms)
    try:
        problems = _run_check(engine, full=unclean)
        if problems != ["ok"]:
            raise CorruptFileError(
                f"“{file.name}”未通过{'完整性' if unclean else '快速'}检查："
                f"{'; '.join(problems[:3])}。请从备份恢复。"
            )
        if unclean:  # rolled back now: the header and its lengths must hold again
            header = read_header(file)
        schema = check_schema(engine, header.user_version)
        if not schema.ok:  # triggers dropped or tables changed by another tool
            read_only_reason = schema.read_only_reason()
            if not read_only:
                read_only = True
                engine.dispose()
                engine = make_engine(file, read_only=True, busy_timeout_ms=busy_timeout_ms)
        opened = OpenedFile(file, engine, read_only, read_only_reason, header.user_version, unclean)
        if unclean:
            opened.warnings.append("上次未正常关闭：已回滚未完成的写入，并通过了完整性检查。")
        if not schema.ok:
            opened.warnings.append(schema.read_only_reason())
        if header.user_version < SCHEMA_VERSION and not read_only:
            opened.migration_backup = backup_database(
                engine, file, backup_dir or default_backup_dir(file), "升级前"
            )
            with write_engine(engine).begin() as connection:
                upgrade_to_head(connection)
            opened.migrated_from = header.user_version
            opened.schema_version = SCHEMA_VERSION
        opened.identity = establish_identity(engine, file, stamp, writable=not read_only)
        return opened
    except BaseException:
        engine.dispose()
        raise


def create_data_file(
    path: str | os.PathLike[str],
    *,
    bureau_name: str,
    account: str,
    staff_categories: tuple[str, ...],
) -> OpenedFile:
    """Create a new data file; never writes into a file that already exists."""
    file = Path(path)
    if file.exists():
        raise FileExistsRefusedError(
            f"“{file}”已存在。新建数据文件不会覆盖已有文件，请换一个文件名。"
        )
    temp = file.with_name(file.name + CREATING_SUFFIX)
    temp.unlink(missing_ok=True)
    engine = make_engine(temp, read_only=False, create=True)
    try:
        execute_outside_transaction(engine, f"PRAGMA application_id = {APPLICATION_ID}")
        with write_engine(engine).begin() as connection:
            upgrade_to_head(connection)
        _seed(UnitOfWork(engine, account=account), bureau_name, staff_categories)
    finally:
        engine.dispose()
    if file.exists():  # someone created it meanwhile: keep theirs
        temp.unlink(missing_ok=True)
        raise FileExistsRefusedError(f"“{file}”已被他人创建，未覆盖。")
    os.rename(temp, file)
    return open_data_file(file)


def _seed(uow: UnitOfWork, bureau_name: str, categories: tuple[str, ...]) -> None:
    uow.write(lambda session: seed_rows(session, uow.account, bureau_name, categories))


def seed_rows(
    session: Session, account: str, bureau_name: str, categories: tuple[str, ...]
) -> None:
    """What every new data file or server database starts with."""
    session.add(BureauRow(name=bureau_name))
    for order, name in enumerate(categories, start=1):
        session.add(StaffCategoryRow(name=name, sort_order=order))
    session.add(MetaRow(key="created_at", value=datetime.now().isoformat(timespec="seconds")))
    session.add(MetaRow(key="created_by", value=account))
    session.add(MetaRow(key=FILE_ID_KEY, value=new_file_id()))


@dataclass(frozen=True)
class CheckReport:
    path: Path
    integrity: list[str]
    application_id_ok: bool
    schema_version: int
    chain: ChainReport
    schema: SchemaReport
    records: RecordsReport

    @property
    def ok(self) -> bool:
        return (
            self.integrity == ["ok"]
            and self.application_id_ok
            and self.chain.ok
            and self.schema.ok
            and self.records.ok
        )


def check_data_file(opened: OpenedFile) -> CheckReport:
    """Full integrity_check, identity, schema version and schema (triggers included),
    the audit chain, and the period closes and accounts against the chain's record."""
    if opened.server is not None:
        from kaohe_desktop.storage.server_checks import server_integrity

        integrity, app_id_ok = server_integrity(opened.engine)
    else:
        integrity = _run_check(opened.engine, full=True)
        app_id = execute_outside_transaction(opened.engine, "PRAGMA application_id")[0][0]
        app_id_ok = app_id == APPLICATION_ID
    with opened.engine.connect() as connection:
        version = user_version(connection)
        chain = verify_chain(connection)
        records = verify_records(connection)
        connection.rollback()
    schema = check_schema(opened.engine, version)
    return CheckReport(opened.path, integrity, app_id_ok, version, chain, schema, records)


__all__ = [
    "CheckReport",
    "NotOurFileError",
    "OpenedFile",
    "check_data_file",
    "create_data_file",
    "open_data_file",
]
