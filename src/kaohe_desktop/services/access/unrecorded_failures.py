"""Failed sign-ins a data file could not record, counted by this process instead.

A file on a read-only share (or a full disk, or one too busy) cannot take the failure
count or the lockout of accounts.authenticate. Without a count of its own, the program
would let anyone guess passwords at leisure on such a file; with it, the lockout holds
for as long as the process runs (the GUI's sign-in dialog retries within one process).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kaohe_desktop.domain.account_rules import lockout_after_failure

# (the data file's path as SQLite opened it, username)
Key = tuple[str, str]


@dataclass
class _Unrecorded:
    # What the file held when the counting began: it counts towards the lockout,
    # exactly as it would have in the file.
    recorded: int
    failures: int = 0
    locked_until: datetime | None = None


_unrecorded: dict[Key, _Unrecorded] = {}


def locked_until(key: Key) -> datetime | None:
    """The end of a lockout this process imposed, if any."""
    entry = _unrecorded.get(key)
    return entry.locked_until if entry else None


def count_failure(key: Key, recorded: int, now: datetime) -> None:
    """One more failure the file did not take; `recorded` is the file's own count."""
    entry = _unrecorded.setdefault(key, _Unrecorded(recorded))
    entry.failures += 1
    until = lockout_after_failure(entry.recorded + entry.failures, now)
    if until is not None:  # as in the file: locked, and the count starts again
        entry.locked_until, entry.recorded, entry.failures = until, 0, 0


def forget(key: Key) -> None:
    """A good sign-in forgives the failures, as the file does."""
    _unrecorded.pop(key, None)
