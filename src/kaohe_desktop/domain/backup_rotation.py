"""Which automatic backups to keep: the newest of each of the last 14 days that have
one, and the newest of each of the last 12 months that have one.

Only automatic backups rotate; a backup made by hand or before a migration or a
restore is the clerk's to delete.
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
