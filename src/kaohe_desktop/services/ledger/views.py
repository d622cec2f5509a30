"""Read models handed to the screens: plain, immutable, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kaohe_desktop.domain.enums import CheckStatus, TaskCategory


@dataclass(frozen=True)
class TaskView:
    id: int
    year: int
    seq: int
    title: str
    target: str | None
    category: TaskCategory
    lead_department: str
    responsible_departments: tuple[str, ...]
    deadline: str
    due_periods: str  # the deadline shown back as periods, e.g. "第二季度"
    points: Decimal
    source: str | None
    note: str | None
    checks_recorded: int  # department × period pairs with a check recorded
    checks_expected: int  # responsible departments × due periods
    worst_status: CheckStatus | None  # the worst status of the checks that stand
    version: int = 0  # the row's version: a delete (or an undo) names the one it saw
