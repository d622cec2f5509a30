"""Opening a database on a PostgreSQL server, with the checks a data file gets (§5).

The order matches open_data_file: first what is there is identified (our app_meta
row with our application id, or nothing is written), then the schema version decides
read-only (newer) or migration (older, after a backup), then the schema fingerprint
(triggers included) is compared, and any difference opens it read-only.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from kaohe_desktop.storage.copy import EVIDENCE_DIR_KEY, server_tables
from kaohe_desktop.storage.database import OpenedFile, default_backup_dir, seed_rows
from kaohe_desktop.storage.engine import DEFAULT_BUSY_TIMEOUT_MS, write_engine
from kaohe_desktop.storage.errors import FileExistsRefusedError, NotOurFileError, StorageError
from kaohe_desktop.storage.identity import FileIdentity, bureau_of, file_id_of
from kaohe_desktop.storage.migrate import SCHEMA_VERSION, SCHEMA_VERSION_KEY, upgrade_to_head
from kaohe_desktop.storage.models import MetaRow
from kaohe_desktop.storage.schema_check import check_schema

# app_meta rows a server database carries instead of the file header's fields.
from kaohe_desktop.storage.server_checks import APPLICATION_ID_KEY, APPLICATION_ID_VALUE
from kaohe_desktop.storage.server_engine import (
    INSUFFICIENT_PRIVILEGE,
    make_server_engine,
    server_words,
    sqlstate,
)
from kaohe_desktop.storage.source import ServerAddress
from kaohe_desktop.storage.unit_of_work import UnitOfWork


class PasswordNeededError(StorageError):
    """The server asks for a password and none was given (no PGPASSWORD, no pgpass)."""


class WrongPasswordError(StorageError):
    """The server refused the account or its password."""


def connect_error(error: DBAPIError | Exception, address: ServerAddress) -> StorageError:
    """What went wrong connecting to `address`, in words the clerk (or the IT person
    they call) can act on."""
    state = sqlstate(error)
    detail = server_words(error, 200)
    where = f"{address.host}:{address.port}"
    if "no password supplied" in detail:
        return PasswordNeededError(f"数据库服务器 {where} 要求输入账号“{address.user}”的密码。")
    if state == "28P01" or "password authentication failed" in detail:
        return WrongPasswordError(
            f"数据库服务器 {where} 拒绝了账号“{address.user}”：密码错误或账号不存在。"
        )
    if state == "28000":
        return WrongPasswordError(
            f"数据库服务器 {where} 不允许账号“{address.user}”从本机连接（pg_hba.conf），"
            "请联系服务器管理员。"
        )
    # A refused connection carries no SQLSTATE: the server's words tell it.
    if state == "3D000" or f'database "{address.database}" does not exist' in detail:
        return StorageError(
            f"数据库服务器 {where} 上没有数据库“{address.database}”。"
            "请确认数据库名，或请服务器管理员按 RELIABILITY.md §8 创建。"
        )
    # The usual reasons need no driver English: nothing listens there, no such host,
    # no answer within the connect timeout.
    known = ("Connection refused", "could not translate host name", "timeout expired")
    told = "" if any(words in detail for words in known) else f"（{detail}）"
    return StorageError(
        f"无法连接数据库服务器 {where}{told}。"
        "请检查服务器是否启动、网络是否连通、防火墙是否放行该端口。"
    )


def _public_tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public'"
        ).all()
        connection.rollback()
    return {str(row[0]) for row in rows}


def _meta(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT key, value FROM app_meta").all()
        connection.rollback()
    return {str(key): str(value) for key, value in rows}


def server_identity(engine: Engine) -> FileIdentity:
    with engine.connect() as connection:

        def query(sql: str) -> list[tuple[object, ...]]:
            return [tuple(row) for row in connection.exec_driver_sql(sql).all()]

        identity = FileIdentity(file_id_of(query), bureau_of(query))
        connection.rollback()
    return identity


def stand_in_path(address: ServerAddress) -> Path:
    """A name for the names of exports and backups (never opened): 数据库@服务器-端口.kaohe,
    which every file system accepts; the suffix keeps a host's dots out of its stem."""
    host = address.host.replace(":", "_")
    return Path(f"{address.database}@{host}-{address.port}.kaohe")


def open_server_database(
    address: ServerAddress,
    password: str | None = None,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    backup_dir: Path | None = None,
    force_read_only: bool = False,
) -> OpenedFile:
    """Open our database on a server, refusing anything that is not safely ours."""
    engine = make_server_engine(address, password, busy_timeout_ms=busy_timeout_ms)
    try:
        try:
            tables = _public_tables(engine)
        except DBAPIError as error:
            raise connect_error(error, address) from error
        name = address.display
        if not tables:
            raise NotOurFileError(
                f"数据库“{name}”是空的，还没有考核台账的数据。请先用“管理 → 迁移到数据库服务器…”"
                "或 kaohe copy 把数据文件复制上去。"
            )
        try:
            meta = _meta(engine) if "app_meta" in tables else {}
        except DBAPIError as error:
            if sqlstate(error) != INSUFFICIENT_PRIVILEGE:
                raise
            # Not readable: another program's table, or our database without the
            # grants of RELIABILITY.md §8. Either way nothing is written.
            raise NotOurFileError(
                f"账号“{address.user}”无权读取数据库“{name}”的 app_meta 表：它可能是其他程序的"
                "数据库，或该账号缺少服务器管理员应授予的权限（RELIABILITY.md §8）。"
                "为避免损坏，程序不会修改它。"
            ) from error
        if meta.get(APPLICATION_ID_KEY) != APPLICATION_ID_VALUE:
            raise NotOurFileError(
                f"数据库“{name}”是其他程序的数据库，不是考核台账的数据；"
                "为避免损坏，程序不会修改它。"
            )
        version = int(meta.get(SCHEMA_VERSION_KEY, "0"))
        read_only_reason: str | None = None
        if version > SCHEMA_VERSION:
            read_only_reason = (
                f"该数据库由更新版本的考核台账创建（结构版本 {version}，本程序为 "
                f"{SCHEMA_VERSION}），只能只读打开。请升级程序后再编辑。"
            )
        elif force_read_only:
            read_only_reason = "按要求以只读方式打开。"
        schema = check_schema(engine, version)
        warnings: list[str] = []
        if not schema.ok:  # triggers dropped or disabled, tables changed by another tool
            read_only_reason = schema.read_only_reason()
            warnings.append(read_only_reason)
        read_only = read_only_reason is not None
        if read_only:
            engine.dispose()
            engine = make_server_engine(
                address, password, read_only=True, busy_timeout_ms=busy_timeout_ms
            )
        path = stand_in_path(address)
        opened = OpenedFile(path, engine, read_only, read_only_reason, version, False)
        opened.server = address
        opened.evidence_root = _evidence_root(meta)
        if opened.evidence_root is None:
            warnings.append(
                f"该数据库没有设定共享的佐证材料文件夹，附件只保存在本机“{opened.evidence_dir}”，"
                "其他工作站看不到。请由管理员用 kaohe copy 迁移时设定，或联系管理员。"
            )
        opened.warnings.extend(warnings)
        if version < SCHEMA_VERSION and not read_only:
            from kaohe_desktop.storage.server_backup import backup_server_database

            opened.migration_backup = backup_server_database(
                engine, path, backup_dir or default_backup_dir(path), "升级前"
            )
            with write_engine(engine).begin() as connection:
                upgrade_to_head(connection)
            opened.migrated_from = version
            opened.schema_version = SCHEMA_VERSION
        opened.identity = server_identity(engine)
        return opened
    except BaseException:
        engine.dispose()
        raise


def create_server_database(
    address: ServerAddress,
    password: str | None = None,
    *,
    bureau_name: str,
    account: str,
    staff_categories: tuple[str, ...],
    evidence_dir: Path,
) -> OpenedFile:
    """A new bureau in an EMPTY database: the schema and the first rows in one
    transaction, so a failure leaves the database as empty as it was. `evidence_dir`:
    the shared folder every workstation reaches for the 佐证材料."""
    engine = make_server_engine(address, password)
    try:
        try:
            with engine.connect() as connection:
                tables = server_tables(connection)  # in any schema, not only public
                connection.rollback()
        except DBAPIError as error:
            raise connect_error(error, address) from error
        if tables:
            raise FileExistsRefusedError(
                f"数据库“{address.display}”不是空的（已有 {len(tables)} 张表），"
                "新建不会写入已有数据的数据库。请让服务器管理员新建一个空数据库。"
            )
        if not _may_create_tables(engine):
            raise StorageError(
                f"账号“{address.user}”无权在数据库“{address.display}”中建表。新建（和迁移）"
                "须用数据库所有者的账号（如 kaohe_owner），录入账号只能读写数据"
                "（RELIABILITY.md §8）。"
            )

        def make(session: Session) -> None:
            upgrade_to_head(session.connection())
            seed_rows(session, account, bureau_name, staff_categories)
            session.add(MetaRow(key=EVIDENCE_DIR_KEY, value=str(evidence_dir.absolute())))

        UnitOfWork(engine, account=account).write(make)
    finally:
        engine.dispose()
    return open_server_database(address, password)


def _may_create_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        allowed = connection.exec_driver_sql(
            "SELECT has_schema_privilege(current_user, 'public', 'CREATE')"
        ).scalar()
        connection.rollback()
    return bool(allowed)


def _evidence_root(meta: dict[str, str]) -> Path | None:
    """The 佐证材料 folder the database names (set when a file was moved up to it):
    a folder on the share that every workstation reaches."""
    folder = meta.get(EVIDENCE_DIR_KEY)
    return Path(folder) if folder else None
