"""Backups of a server database: a verified `.kaohe` data file (issue 17 §4).

A backup of a server is not a dump only the server can read: it is the whole database
copied into a data file (storage/copy.py), so any workstation can open it, check it
and restore from it as from any file's backup. It keeps the database's id (it is a
backup of that database, filed under its id; a restore gives the restored file an id
of its own), is named and rotated as the file backups are, and is written under a
".partial" name, checked (header, integrity_check, audit chain) and only then named.
The 佐证材料 go beside it into the backup folder's store, as for a file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kaohe_desktop.storage.backup import name_own_copy, partial_copy, verify_backup
from kaohe_desktop.storage.copy import EVIDENCE_DIR_KEY, Report, write_file_copy
from kaohe_desktop.storage.errors import StorageError
from kaohe_desktop.storage.identity import FileIdentity

BACKUP_SUFFIX = ".kaohe"


def backup_source_name(stand_in: Path) -> Path:
    """The name a server database's backups are named after: its stand-in name
    (数据库@服务器-端口, storage/server_database.stand_in_path) with ".kaohe", so that
    the dots of a host's address are not taken for the suffix."""
    if stand_in.suffix == BACKUP_SUFFIX:
        return stand_in
    return stand_in.with_name(stand_in.name + BACKUP_SUFFIX)


def _silent(_done: int, _total: int, _message: str) -> None:
    return None


def backup_server_database(
    engine: Engine,
    source: Path,
    target_dir: Path,
    reason: str,
    now: datetime | None = None,
    owner: FileIdentity | None = None,
    report: Report = _silent,
) -> Path:
    """Write a verified data-file copy of the server database into `target_dir`; return
    its path. With `owner`, a copy whose id differs (another database restored under the
    name meanwhile) is refused and removed."""
    named = backup_source_name(source)
    with partial_copy(target_dir, named.stem, reason, now) as partial:
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            # Same id as the database (a backup of it); the server's attachments folder
            # is not the backup's: its 佐证材料 are copied into the backup folder's store.
            write_file_copy(engine, partial, lambda _source_id: {EVIDENCE_DIR_KEY: None}, report)
            verify_backup(partial)
            return name_own_copy(partial, target_dir, named, named.stem, reason, now, owner)
        except DBAPIError as error:
            raise StorageError(f"备份失败：读取数据库服务器出错（{error.orig}）。") from error
        except OSError as error:
            raise StorageError(
                f"备份失败：无法写入备份文件夹“{target_dir}”（{error}）。"
            ) from error


__all__ = ["backup_server_database", "backup_source_name"]
