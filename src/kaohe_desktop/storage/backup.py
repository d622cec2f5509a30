"""Verified backups: VACUUM INTO a new file, check the copy, then give it its name.

A copy is written under a ".partial" name and renamed only after integrity_check
and the identity check pass, so a backup killed half-way can never be mistaken
for a good one.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from kaohe_desktop.storage.engine import execute_outside_transaction
from kaohe_desktop.storage.errors import CorruptFileError, StorageError
from kaohe_desktop.storage.header import read_header
from kaohe_desktop.storage.uri import sqlite_uri

PARTIAL_SUFFIX = ".partial"


def backup_name(source: Path, reason: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{source.stem}-{stamp}-{reason}{source.suffix or '.kaohe'}"


def verify_copy(path: Path) -> None:
    """Raise unless `path` is one of our files and passes integrity_check."""
    read_header(path)
    connection = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()
    if result != ["ok"]:
        raise CorruptFileError(f"备份文件“{path.name}”未通过完整性检查：{'; '.join(result[:3])}")


def backup_database(engine: Engine, source: Path, target_dir: Path, reason: str) -> Path:
    """Write a verified copy of the open data file into `target_dir`; return its path."""
    target_dir.mkdir(parents=True, exist_ok=True)
    final = target_dir / backup_name(source, reason)
    counter = 1
    while final.exists():  # two backups within one second keep both
        final = target_dir / f"{final.stem}-{counter}{final.suffix}"
        counter += 1
    partial = final.with_name(final.name + PARTIAL_SUFFIX)
    partial.unlink(missing_ok=True)
    try:
        execute_outside_transaction(engine, "VACUUM INTO ?", (str(partial),))
        verify_copy(partial)
        os.replace(partial, final)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"备份失败：{error}") from error
    except StorageError:
        partial.unlink(missing_ok=True)
        raise
    return final
