"""The year's tasks as the 台账 tab lists them, with how far their checks have come."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.checks import standing_checks, worst_status
from kaohe_desktop.domain.deadlines import DeadlineError, parse_deadline
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.storage.models import CheckRow, TaskRow
from kaohe_desktop.storage.queries.checks import CONFIRMED
from kaohe_desktop.storage.queries.ledger import tasks_of_year


class _Recorded(NamedTuple):
    level: CheckLevel
    status: CheckStatus


_LEVELS = {level.value: level for level in CheckLevel}
_STATUSES = {status.value: status for status in CheckStatus}


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
    # A year's checks (thousands at county scale): columns through the connection, the
    # codes looked up (an unknown one still refused, as CheckLevel(code) would).
    standing = standing_checks(
        (
            (task_id, department_id, period),
            _Recorded(
                _LEVELS.get(level) or CheckLevel(level),
                _STATUSES.get(status) or CheckStatus(status),
            ),
        )
        for task_id, department_id, period, level, status in session.connection().execute(statement)
    )
    statuses: defaultdict[int, list[CheckStatus]] = defaultdict(list)
    for (task_id, _department, _period), check in standing.items():
        statuses[task_id].append(check.status)
    return statuses


def task_view(
    row: TaskRow,
    statuses: list[CheckStatus],
    windows: dict[tuple[str, int, TaskCategory], tuple[str, int]] | None = None,
) -> TaskView:
    """A task as the screens show it; `statuses` are its standing checks. `windows`:
    the deadlines already worked out (a pure function of the text, year and category:
    a year's tasks share a few dozen), kept by the caller."""
    category = TaskCategory(row.category)
    responsible = tuple(link.department.name for link in row.responsible)
    key = (row.deadline, row.year, category)
    found = windows.get(key) if windows is not None else None
    if found is None:
        try:
            window = parse_deadline(row.deadline, row.year)
            found = (window.describe(category), len(window.due_periods(category)))
        except DeadlineError:
            found = ("无法识别", 0)
        if windows is not None:
            windows[key] = found
    due, periods = found
    expected = periods * len(responsible)
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
    windows: dict[tuple[str, int, TaskCategory], tuple[str, int]] = {}
    return [task_view(row, statuses[row.id], windows) for row in rows]
