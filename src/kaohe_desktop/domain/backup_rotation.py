"""Which automatic backups to keep: the newest of each of the last 14 days that have
one, and the newest of each of the last 12 months that have one.

Only automatic backups rotate; a backup made by hand or before a migration or a
restore is the clerk's to delete. The rotation also clears what a killed backup left
behind (a half-written copy and its SQLite journal), never a copy still being written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

DAILY_KEPT = 14
MONTHLY_KEPT = 12


@dataclass(frozen=True)
class BackupEntry:
    name: str
    taken_at: datetime


def to_delete(
    entries: Iterable[BackupEntry], daily: int = DAILY_KEPT, monthly: int = MONTHLY_KEPT
) -> list[BackupEntry]:
    newest_first = sorted(entries, key=lambda e: (e.taken_at, e.name), reverse=True)
    keep: set[str] = set()
    days: list[object] = []
    months: list[object] = []
    for entry in newest_first:
        day = entry.taken_at.date()
        month = (entry.taken_at.year, entry.taken_at.month)
        if day not in days and len(days) < daily:
            days.append(day)
            keep.add(entry.name)
        if month not in months and len(months) < monthly:
            months.append(month)
            keep.add(entry.name)
    return [entry for entry in newest_first if entry.name not in keep]


# A copy in progress is rewritten continuously, so anything a day old is left over from
# a backup that was killed; no backup of a county's file takes that long.
STALE_AFTER_SECONDS = 24 * 3600
PARTIAL_SUFFIX = ".partial"
JOURNAL_SUFFIX = "-journal"  # SQLite's rollback journal of a copy: "<copy>.partial-journal"


def stale_leftovers(
    modified: dict[str, float], now: float, stale_after: float = STALE_AFTER_SECONDS
) -> list[str]:
    """Which of the half-written copies (".partial") and their SQLite journals
    (".partial-journal") in `modified` (name → modification time, seconds) to delete.

    A copy and its journal go together, and only when both (whichever exist) are older
    than `stale_after`: a journal whose copy is still being written is live, and so is a
    copy whose journal is. Names that are neither are never returned."""
    groups: dict[str, list[str]] = {}
    for name in modified:
        base = name.removesuffix(JOURNAL_SUFFIX)
        if base.endswith(PARTIAL_SUFFIX):
            groups.setdefault(base, []).append(name)
    doomed = [
        name
        for names in groups.values()
        if all(now - modified[name] > stale_after for name in names)
        for name in names
    ]
    return sorted(doomed)
