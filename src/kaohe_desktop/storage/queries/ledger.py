"""The ledger aggregate: a year's 台账任务."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.storage.models import TaskRow


def tasks_of_year(session: Session, year: int) -> list[TaskRow]:
    """The year's tasks in 序号 order."""
    return list(session.scalars(select(TaskRow).where(TaskRow.year == year).order_by(TaskRow.seq)))


def years_with_tasks(session: Session) -> list[int]:
    """The years that have tasks, ascending."""
    return list(session.scalars(select(TaskRow.year).distinct().order_by(TaskRow.year)))
