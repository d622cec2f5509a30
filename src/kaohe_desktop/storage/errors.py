"""Storage errors. Every message is Chinese and says what the clerk can do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class StorageError(Exception):
    """Base of every refusal or failure of the data file."""


class NotOurFileError(StorageError):
    """The file is empty, garbage, truncated or another program's database."""


class WalModeError(StorageError):
    """The file is in WAL mode, which is unsafe on a network share."""


class CorruptFileError(StorageError):
    """quick_check or integrity_check failed."""


class ReadOnlyError(StorageError):
    """A write was attempted on a file opened read-only."""


class FileUnavailableError(StorageError):
    """The data file could not be read or written: the share dropped, the file was
    deleted or replaced, the disk is full."""


class BusyError(StorageError):
    """The write lock could not be had within the bound; the edit is kept."""


class FileExistsRefusedError(StorageError):
    """A new data file would overwrite an existing file."""


@dataclass
class ConflictError(StorageError):
    """A save whose row changed (or vanished) since it was read."""

    entity: str
    entity_id: Any
    mine: dict[str, Any] = field(default_factory=dict)
    theirs: dict[str, Any] | None = None

    def __str__(self) -> str:
        if self.theirs is None:
            return f"保存冲突：{self.entity} #{self.entity_id} 已被他人删除"
        return f"保存冲突：{self.entity} #{self.entity_id} 在您读取后已被他人修改"
