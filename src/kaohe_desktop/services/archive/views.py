"""Read models handed to the screens: plain, immutable, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ArchiveEntry:
    """One line of a person's archive: a dated event of any kind."""

    date: date | None
    kind: str  # 平时考核 / 奖励 / 处分 / 谈心谈话 / 点评
    summary: str
    detail: str | None
