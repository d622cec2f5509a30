"""A verified backup of whatever is open: a file's copy (backup.py), or a server
database written as a data file (server_backup.py). Kept apart from both so neither
imports the other."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from kaohe_desktop.storage.backup import backup_database
from kaohe_desktop.storage.identity import FileIdentity
from kaohe_desktop.storage.server_backup import backup_server_database


def backup_any(
    engine: Engine,
    source: Path,
    target_dir: Path,
    reason: str,
    now: datetime | None = None,
    owner: FileIdentity | None = None,
) -> Path:
    """backup_database of a file, backup_server_database of a server (a .kaohe file)."""
    if engine.dialect.name == "sqlite":
        return backup_database(engine, source, target_dir, reason, now, owner)
    return backup_server_database(engine, source, target_dir, reason, now, owner)
