"""The errors a screen or the command line may have to explain to a clerk.

Re-exported here so that the UI, which never touches storage, can catch them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kaohe_desktop.services.progress import Cancelled
from kaohe_desktop.storage.errors import (
    BusyError,
    ConflictError,
    CorruptFileError,
    FileExistsRefusedError,
    FileUnavailableError,
    LockHistoryError,
    NotOurFileError,
    PeriodClosedError,
    ReadOnlyError,
    StorageError,
    WalModeError,
    clerk_text,
    describe_os_error,
    nothing_kept,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kaohe_desktop.domain.edits import Conflict
    from kaohe_desktop.domain.leases import LeaseInfo
    from kaohe_desktop.domain.ledger_rules import TaskProblem
    from kaohe_desktop.domain.roles import Action


class InputError(Exception):
    """Bad input from the clerk (a workbook, a value); nothing was written."""

    def __init__(self, message: str, errors: Sequence[object] | None = None) -> None:
        super().__init__(message)
        self.errors: list[object] = list(errors or [])


class TaskInputError(InputError):
    """A 台账任务 that breaks the ledger rules; `problems` name each field, so a
    dialog can mark them. The message lists them all."""

    def __init__(self, problems: Sequence[TaskProblem]) -> None:
        super().__init__("\n".join(p.message for p in problems), list(problems))
        self.problems = list(problems)


BLOCKERS_SHOWN = 20


class QuarterNotReadyError(InputError):
    """The quarter cannot be closed yet: someone is unscored or a flag is unsettled.
    `blockers` holds one Chinese line per person (GradingSheet.blockers())."""

    def __init__(self, quarter_label: str, blockers: Sequence[str]) -> None:
        self.blockers = list(blockers)
        shown = self.blockers[:BLOCKERS_SHOWN]
        more = len(self.blockers) - len(shown)
        tail = [f"……等 {len(self.blockers)} 人"] if more > 0 else []
        super().__init__(
            "\n".join([f"{quarter_label}尚不能关闭，以下人员需先处理：", *shown, *tail]),
            list(self.blockers),
        )


class HalfNotReadyError(InputError):
    """The half year cannot be closed yet: a due check has no confirmed result or a
    tie straddling a quota line is unsettled. `blockers` holds one Chinese line each
    (科室, 序号, 任务, 期间 for a check; the department and its total for a tie)."""

    def __init__(self, half_label: str, blockers: Sequence[str]) -> None:
        self.blockers = list(blockers)
        shown = self.blockers[:BLOCKERS_SHOWN]
        more = len(self.blockers) - len(shown)
        tail = [f"……共 {len(self.blockers)} 项"] if more > 0 else []
        super().__init__(
            "\n".join([f"{half_label}尚不能关闭，以下事项需先处理：", *shown, *tail]),
            list(self.blockers),
        )


class PermissionDeniedError(Exception):
    """The signed-in account's role does not allow the action; the refusal is logged."""

    def __init__(self, message: str, *, action: Action | None = None) -> None:
        super().__init__(message)
        self.action = action


class AuthenticationError(Exception):
    """Wrong account or password, a locked or disabled account, no password given."""


class EditConflictError(StorageError):
    """The row changed since the clerk read it; `conflict` holds both versions."""

    def __init__(self, conflict: Conflict) -> None:
        self.conflict = conflict
        who = f"（{conflict.their_account}）" if conflict.their_account else ""
        if conflict.deleted:
            text = f"“{conflict.draft.label}”在您打开后已被他人删除{who}，未保存。"
        else:
            text = f"“{conflict.draft.label}”在您打开后已被他人修改{who}。请比较两个版本后再保存。"
        super().__init__(text)


class LeaseHeldError(StorageError):
    """Someone else edits this sheet; the screen opens read-only."""

    def __init__(self, info: LeaseInfo, message: str) -> None:
        super().__init__(message)
        self.info = info


class LeaseLostError(StorageError):
    """The lease was taken over (by 管理员) since this editor got it; saves are refused."""


__all__ = [
    "AuthenticationError",
    "BusyError",
    "Cancelled",
    "ConflictError",
    "CorruptFileError",
    "EditConflictError",
    "FileExistsRefusedError",
    "FileUnavailableError",
    "HalfNotReadyError",
    "InputError",
    "LeaseHeldError",
    "LeaseLostError",
    "LockHistoryError",
    "NotOurFileError",
    "PeriodClosedError",
    "PermissionDeniedError",
    "QuarterNotReadyError",
    "ReadOnlyError",
    "StorageError",
    "TaskInputError",
    "WalModeError",
    "clerk_text",
    "describe_os_error",
    "nothing_kept",
]
