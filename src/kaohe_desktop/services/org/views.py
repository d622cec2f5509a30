"""Read models handed to the screens: plain, immutable, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PersonView:
    id: int
    code: str
    name: str
    gender: str | None
    birth_date: date | None
    political_status: str | None
    department: str
    position: str | None
    category: str
    key_post: bool
    work_start: date | None
    status: str


@dataclass(frozen=True)
class BureauSummary:
    bureau_name: str
    departments: int
    people: int
    years: tuple[int, ...]  # years that have any data, newest first
