"""The errors a screen or the command line may have to explain to a clerk.

Re-exported here so that the UI, which never touches storage, can catch them.
"""

from kaohe_desktop.services.progress import Cancelled
from kaohe_desktop.storage.errors import (
    BusyError,
    ConflictError,
    CorruptFileError,
    FileExistsRefusedError,
    FileUnavailableError,
    NotOurFileError,
    ReadOnlyError,
    StorageError,
    WalModeError,
)


class InputError(Exception):
    """Bad input from the clerk (a workbook, a value); nothing was written."""

    def __init__(self, message: str, errors: list[object] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


__all__ = [
    "BusyError",
    "Cancelled",
    "ConflictError",
    "CorruptFileError",
    "FileExistsRefusedError",
    "FileUnavailableError",
    "InputError",
    "NotOurFileError",
    "ReadOnlyError",
    "StorageError",
    "WalModeError",
]
