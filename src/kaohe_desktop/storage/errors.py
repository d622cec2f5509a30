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


# Tables a closed period locks, in the words of the screens and workbooks.
TABLE_LABELS = {
    "ledger_task": "台账任务",
    "task_department": "任务的责任科室",
    "check_record": "查账记录",
    "evidence_file": "佐证材料",
    "notice": "督办单",
    "rectification": "整改",
    "bulletin": "通报",
    "scheme": "考核方案",
    "adjustment": "加减分",
    "veto": "一票否决",
    "department_score": "科室得分",
    "quarterly_assessment": "平时考核",
    "comment": "点评",
    "annual_assessment": "年度考核",
}


class PeriodClosedError(StorageError):
    """A change to a row of a closed period, refused by the database's triggers."""

    def __init__(self, table: str) -> None:
        self.table = table
        what = TABLE_LABELS.get(table, table)
        super().__init__(
            f"未保存：要修改的“{what}”属于已关闭的期间，数据库拒绝了修改。"
            "如确需更正，请管理员先重新开放该期间（需填写理由）。"
        )


class LockHistoryError(StorageError):
    """An attempt to delete or rewrite the history of period closes."""
