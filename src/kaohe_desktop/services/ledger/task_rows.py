"""台账任务 rows ↔ the values the ledger screens edit, shared by LedgerService and
TaskEditor so that adding, editing and copying a task write it the same way."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.ledger_rules import (
    TASK_FIELDS,
    CleanTask,
    TaskProblem,
    clean_task,
    format_points,
    join_departments,
    validate_task,
)
from kaohe_desktop.services.errors import InputError, TaskInputError
from kaohe_desktop.storage.models import DepartmentRow, TaskDepartmentRow, TaskRow

ENTITY_LABEL = "台账任务"


def departments_by_name(session: Session) -> dict[str, DepartmentRow]:
    return {row.name: row for row in session.scalars(select(DepartmentRow))}


def taken_in_year(session: Session, year: int, *, but: int | None = None) -> dict[int, str]:
    """序号 → 工作任务 of the year's tasks (other than task `but`)."""
    statement = select(TaskRow.seq, TaskRow.title).where(TaskRow.year == year)
    if but is not None:
        statement = statement.where(TaskRow.id != but)
    return {seq: title for seq, title in session.execute(statement)}


def task_values(row: TaskRow) -> dict[str, Any]:
    """A task in the editor's form (TASK_FIELDS keys): what undo re-adds after a delete."""
    return {
        "seq": row.seq,
        "title": row.title,
        "target": row.target,
        "category": TaskCategory(row.category).label,
        "lead_department": row.lead_department.name,
        "responsible": join_departments([link.department.name for link in row.responsible]),
        "deadline": row.deadline,
        "points": format_points(row.points),
        "source": row.source,
        "note": row.note,
    }


def row_title(row: TaskRow) -> str:
    return f"{row.title}（{row.year}年度 序号 {row.seq}）"


def checked_task(
    values: Mapping[str, Any],
    *,
    year: int,
    taken: Mapping[int, str],
    departments: Collection[str],
    more: Sequence[TaskProblem] = (),
) -> CleanTask:
    """The task's clean values, or TaskInputError naming every problem (the rules'
    and the caller's `more`, in field order)."""
    unknown = [name for name in values if name not in TASK_FIELDS]
    if unknown:
        raise InputError(f"{ENTITY_LABEL}没有“{'、'.join(unknown)}”这一项。")
    problems = validate_task(values, year=year, taken_seqs=taken, departments=departments)
    problems += more
    if problems:
        problems.sort(key=lambda p: TASK_FIELDS.index(p.field))
        raise TaskInputError(problems)
    return clean_task(values)


def write_task(
    session: Session, row: TaskRow, task: CleanTask, departments: Mapping[str, DepartmentRow]
) -> None:
    """Set the row to `task`, writing only what differs (an equal value would still
    bump the version and leave an audit row)."""
    columns: dict[str, Any] = {
        "seq": task.seq,
        "title": task.title,
        "target": task.target,
        "category": task.category.value,
        "deadline": task.deadline,
        "points": task.points,
        "source": task.source,
        "note": task.note,
    }
    new = row.id is None
    changed = False
    for key, value in columns.items():
        if new or getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    lead = departments[task.lead_department]
    if new or row.lead_department_id != lead.id:
        row.lead_department = lead
        changed = True
    wanted = [departments[name] for name in task.responsible]
    if [link.department_id for link in row.responsible] == [d.id for d in wanted]:
        return
    if not new:
        if not changed:
            # Only the 责任科室 links change: they are rows of their own, so bump the
            # task's version by hand, or an editor open elsewhere would not see it moved.
            row.version = row.version + 1
        row.responsible.clear()
        session.flush()  # delete the old links before re-adding the same keys
    row.responsible.extend(
        TaskDepartmentRow(department=d, position=i) for i, d in enumerate(wanted)
    )
