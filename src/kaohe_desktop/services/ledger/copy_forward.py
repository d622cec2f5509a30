"""年初建账 from last year's ledger: chosen tasks copied into the new year.

All or nothing: a copy that stopped halfway would leave the clerk to find out which
tasks made it. Every problem of every task is named before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.ledger_rules import copy_forward_numbers, shift_deadline
from kaohe_desktop.services.errors import InputError, TaskInputError
from kaohe_desktop.services.ledger.task_rows import (
    checked_task,
    departments_by_name,
    taken_in_year,
    task_values,
    write_task,
)
from kaohe_desktop.storage.models import TaskRow
from kaohe_desktop.storage.queries.org import active_department_names


def _label(row: TaskRow) -> str:
    return f"序号 {row.seq}“{row.title}”"


def _refused(heading: str, problems: list[str]) -> InputError:
    return InputError("\n".join([heading, *problems]), list(problems))


def copy_tasks(
    session: Session, from_year: int, to_year: int, task_ids: Sequence[int], renumber: bool
) -> list[TaskRow]:
    """The new rows (flushed), in the old order; the copies carry no checks."""
    ids = list(dict.fromkeys(task_ids))
    if not ids:
        return []
    rows = session.scalars(select(TaskRow).where(TaskRow.id.in_(ids)).order_by(TaskRow.seq)).all()
    if len(rows) < len(ids):
        raise InputError(
            f"要复制的任务中有 {len(ids) - len(rows)} 项已不存在（可能已被删除），"
            "未复制任何任务。请刷新后重新选择。"
        )
    strangers = [_label(row) for row in rows if row.year != from_year]
    if strangers:
        raise _refused(f"以下任务不属于 {from_year} 年度，未复制任何任务：", strangers)

    retired: list[str] = []
    for row in rows:
        names = [row.lead_department] + [link.department for link in row.responsible]
        gone = list(dict.fromkeys(d.name for d in names if d.retired))
        if gone:
            shown = "、".join(f"“{name}”" for name in gone)
            retired.append(f"{_label(row)}：科室{shown}已撤销")
    if retired:
        raise _refused(
            "以下任务涉及已撤销的科室，未复制任何任务（请先改为现有科室，或不选这些任务）：",
            retired,
        )

    taken = taken_in_year(session, to_year)
    try:
        seqs = copy_forward_numbers([row.seq for row in rows], taken, renumber)
    except ValueError as exc:
        raise InputError(f"{exc}。未复制任何任务。") from exc

    active = active_department_names(session)
    departments = departments_by_name(session)
    claimed = dict(taken)
    problems: list[str] = []
    copies: list[TaskRow] = []
    for row, seq in zip(rows, seqs, strict=True):
        values = task_values(row)
        values["seq"] = seq
        values["deadline"] = shift_deadline(row.deadline, from_year, to_year)
        try:
            task = checked_task(values, year=to_year, taken=claimed, departments=active)
        except TaskInputError as error:
            problems.append(f"{_label(row)}：{'；'.join(p.message for p in error.problems)}")
            continue
        claimed[seq] = task.title
        copy = TaskRow(year=to_year)
        write_task(session, copy, task, departments)
        session.add(copy)
        copies.append(copy)
    if problems:
        raise _refused(f"以下任务不能复制到 {to_year} 年度，未复制任何任务：", problems)
    session.flush()
    return copies
