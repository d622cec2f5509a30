"""Storage errors. Every message is Chinese and says what the clerk can do."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kaohe_desktop.storage.driver_text import clerk_text, describe_os_error


class StorageError(Exception):
    """Base of every refusal or failure of the data file.

    Its message is put through `clerk_text`: the places that raise one often format
    SQLite's or the OS's English into it, and a clerk must never read that.
    """

    def __init__(self, *args: object) -> None:
        super().__init__(*(clerk_text(arg) if isinstance(arg, str) else arg for arg in args))


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


class FileReplacedError(FileUnavailableError):
    """The path now names another file than the one opened (another bureau's file moved
    over it, or a copy pasted over it): the unit of work wrote nothing."""

    def __init__(self, file_name: str, bureau: str, detail: str) -> None:
        self.detail = detail
        whose = f"（{bureau}）" if bureau else ""
        super().__init__(
            f"数据文件已被替换：“{file_name}”{whose}已不是打开时的那个文件（{detail}），"
            "本次未保存，已转为只读；您的修改已保留，可导出。请确认共享盘上的文件后重新打开。"
        )


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
    "notice_task": "督办单涉及的任务",
    "check_sample": "局领导抽查记录",
    "rectification": "整改",
    "bulletin": "通报",
    "scheme": "考核方案",
    "adjustment": "加减分",
    "veto": "一票否决",
    "department_score": "科室得分",
    "score_decision": "委员会裁定",
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
    """An attempt to delete or rewrite recorded history: period closes, a verified 整改."""


# What a failed save tells a clerk whose edit stays on screen. A caller that held no
# edit (the command line, an import, a period close) must not promise one.
_KEPT_EDIT = re.compile(r"[，,]?(?:数据文件)?已转为只读；您的修改已保留，可导出。")
_KEPT_RETRY = "您的修改已保留，请稍后再保存。"


def nothing_kept(message: str) -> str:
    """`message` for a caller that had no edit to keep: "您的修改已保留，可导出" (and the
    read-only turn that only matters to an open window) become "未写入任何内容"."""
    message = _KEPT_EDIT.sub("；未写入任何内容。", message)
    return message.replace(_KEPT_RETRY, "未写入任何内容，请稍后再试。")


__all__ = [
    "BusyError",
    "ConflictError",
    "CorruptFileError",
    "FileExistsRefusedError",
    "FileReplacedError",
    "FileUnavailableError",
    "LockHistoryError",
    "NotOurFileError",
    "PeriodClosedError",
    "ReadOnlyError",
    "StorageError",
    "WalModeError",
    "clerk_text",
    "describe_os_error",
    "nothing_kept",
]
