"""The year's tasks as the 台账 tab lists them, with how far their checks have come."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.checks import standing_checks, worst_status
from kaohe_desktop.domain.deadlines import DeadlineError, parse_deadline
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.storage.models import CheckRow, TaskRow
from kaohe_desktop.storage.queries.checks import CONFIRMED
from kaohe_desktop.storage.queries.ledger import tasks_of_year


@dataclass(frozen=True)
class _Recorded:
    level: CheckLevel
    status: CheckStatus


def standing_statuses(
    session: Session, *where: ColumnElement[bool]
) -> defaultdict[int, list[CheckStatus]]:
    """Per task id (of the tasks selected by `where`), the status of the check that
    stands for each responsible department and period recorded."""
    statement = (
        select(CheckRow.task_id, CheckRow.department_id, CheckRow.period, CheckRow.level)
        .add_columns(CheckRow.status)
        .join(TaskRow, TaskRow.id == CheckRow.task_id)
        .where(CONFIRMED, *where)
        .order_by(CheckRow.id)
    )
    standing = standing_checks(
        ((task_id, department_id, period), _Recorded(CheckLevel(level), CheckStatus(status)))
        for task_id, department_id, period, level, status in session.execute(statement)
    )
    statuses: defaultdict[int, list[CheckStatus]] = defaultdict(list)
    for (task_id, _department, _period), check in standing.items():
        statuses[task_id].append(check.status)
    return statuses


def task_view(row: TaskRow, statuses: list[CheckStatus]) -> TaskView:
    """A task as the screens show it; `statuses` are its standing checks."""
    category = TaskCategory(row.category)
    responsible = tuple(link.department.name for link in row.responsible)
    try:
        window = parse_deadline(row.deadline, row.year)
        due = window.describe(category)
        expected = len(window.due_periods(category)) * len(responsible)
    except DeadlineError:
        due, expected = "无法识别", 0
    return TaskView(
        row.id,
        row.year,
        row.seq,
        row.title,
        row.target,
        category,
        row.lead_department.name,
        responsible,
        row.deadline,
        due,
        row.points,
        row.source,
        row.note,
        len(statuses),
        expected,
        worst_status(statuses),
        row.version,
    )


def year_tasks(session: Session, year: int) -> list[TaskView]:
    rows = tasks_of_year(session, year)
    statuses = standing_statuses(session, TaskRow.year == year)
    return [task_view(row, statuses[row.id]) for row in rows]
