"""Verified backups: VACUUM INTO a new file, check the copy, then give it its name.

A copy is written under a ".partial" name and renamed only after integrity_check
and the identity check pass, so a backup killed half-way can never be mistaken
for a good one.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from kaohe_desktop.domain.backup_rotation import BackupEntry, to_delete
from kaohe_desktop.storage.audit import ChainReport, verify_chain
from kaohe_desktop.storage.engine import execute_outside_transaction, make_engine
from kaohe_desktop.storage.errors import CorruptFileError, FileExistsRefusedError, StorageError
from kaohe_desktop.storage.header import read_header
from kaohe_desktop.storage.uri import sqlite_uri

PARTIAL_SUFFIX = ".partial"
AUTOMATIC = "自动"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[^-.]+)(?:-\d+)?\.[^.]+$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str

    @property
    def automatic(self) -> bool:
        return self.reason == AUTOMATIC


def backup_name(source: Path, reason: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{source.stem}-{stamp}-{reason}{source.suffix or '.kaohe'}"


def verify_copy(path: Path) -> None:
    """Raise unless `path` is one of our files and passes integrity_check."""
    read_header(path)
    connection = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:  # too damaged for the check to finish
        result = [str(error)]
    finally:
        connection.close()
    if result != ["ok"]:
        raise CorruptFileError(f"备份文件“{path.name}”未通过完整性检查：{'; '.join(result[:3])}")


def backup_database(
    engine: Engine, source: Path, target_dir: Path, reason: str, now: datetime | None = None
) -> Path:
    """Write a verified copy of the open data file into `target_dir`; return its path."""
    target_dir.mkdir(parents=True, exist_ok=True)
    name = backup_name(source, reason, now)
    # A name of its own for the copy in progress: two workstations backing up into one
    # folder in the same second must never write into the same file.
    partial = target_dir / f"{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}{PARTIAL_SUFFIX}"
    try:
        execute_outside_transaction(engine, "VACUUM INTO ?", (str(partial),))
        verify_copy(partial)
        return _give_name(partial, target_dir / name)
    except sqlite3.Error as error:
        raise StorageError(f"备份失败：{error}") from error
    except OSError as error:
        raise StorageError(f"备份失败：无法写入备份文件夹“{target_dir}”（{error}）。") from error
    finally:
        partial.unlink(missing_ok=True)


def _give_name(partial: Path, wanted: Path) -> Path:
    """Name the verified copy without ever replacing another backup: a hard link fails
    if the name is taken (then the next "-n" is tried); where links are not supported,
    an existence check is the best we have."""
    final, counter = wanted, 1
    while True:
        try:
            os.link(partial, final)
            return final
        except FileExistsError:
            pass
        except OSError:
            if not final.exists():
                os.replace(partial, final)
                return final
        final = wanted.with_stem(f"{wanted.stem}-{counter}")
        counter += 1


def list_backups(directory: Path, source: Path) -> list[BackupFile]:
    """The finished backups of `source` in `directory`, newest first. A ".partial"
    (a backup killed half-way) is never listed."""
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if match is None or match["stem"] != source.stem or not path.is_file():
            continue
        taken_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        found.append(BackupFile(path, taken_at, match["reason"]))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


STALE_PARTIAL_SECONDS = 24 * 3600


def rotate(directory: Path, source: Path) -> list[Path]:
    """Delete the automatic backups the rotation rule no longer keeps, and copies
    left half-written (".partial") by a backup killed more than a day ago."""
    for leftover in directory.glob(f"{source.stem}-*{PARTIAL_SUFFIX}"):
        try:
            if time.time() - leftover.stat().st_mtime > STALE_PARTIAL_SECONDS:
                leftover.unlink()
        except OSError:
            continue  # another workstation's copy in progress, or already gone
    automatic = {b.path.name: b for b in list_backups(directory, source) if b.automatic}
    doomed = to_delete(BackupEntry(name, b.taken_at) for name, b in automatic.items())
    removed = []
    for entry in doomed:
        path = automatic[entry.name].path
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def verify_backup(path: Path) -> ChainReport:
    """A backup fit to restore: ours, integrity_check ok, and its audit chain intact."""
    verify_copy(path)
    engine = make_engine(path, read_only=True)
    try:
        with engine.connect() as connection:
            report = verify_chain(connection)
            connection.rollback()
    finally:
        engine.dispose()
    if not report.ok:
        raise CorruptFileError(f"备份文件“{path.name}”的{report}，不能用于恢复。")
    return report


def restore_copy(backup: Path, target: Path) -> None:
    """Copy a verified backup to a new file; never over an existing one."""
    if target.exists():
        raise FileExistsRefusedError(f"“{target}”已存在。恢复只写入新文件，请换一个文件名。")
    verify_backup(backup)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(sqlite_uri(backup, "ro"), uri=True)
    try:
        source.execute("VACUUM INTO ?", (str(partial),))
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"恢复失败：{error}") from error
    finally:
        source.close()
    try:
        verify_copy(partial)
    except StorageError:
        partial.unlink(missing_ok=True)
        raise
    if target.exists():
        partial.unlink(missing_ok=True)
        raise FileExistsRefusedError(f"“{target}”已被他人创建，未覆盖。")
    os.rename(partial, target)
