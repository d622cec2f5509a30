"""Editing one 台账任务 with conflict detection (the task dialog and inline edits).

The ledger rules look at the task as a whole (a new 序号 must be free in its year,
a lead department must exist), so a save checks the merged values — the row as it
is now plus the clerk's changes — not the changed fields alone. The base class
refuses a stale save before that (EditConflictError) and the unit of work audits
every change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.ledger_rules import (
    TASK_FIELD_LABELS,
    TASK_FIELDS,
    TaskProblem,
    split_departments,
)
from kaohe_desktop.services.common.record_edit import FieldSpec, RecordEditor
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.ledger.task_rows import (
    ENTITY_LABEL,
    checked_task,
    departments_by_name,
    row_title,
    taken_in_year,
    task_values,
    write_task,
)
from kaohe_desktop.storage.models import TaskRow
from kaohe_desktop.storage.queries.org import active_department_names

_KINDS = {"seq": "int", "category": "choice", "lead_department": "choice"}
_REQUIRED = frozenset(
    {"seq", "title", "category", "lead_department", "responsible", "deadline", "points"}
)


class TaskEditor(RecordEditor[TaskRow]):
    row_type = TaskRow
    entity_label = ENTITY_LABEL

    def _fields(self, session: Session) -> tuple[FieldSpec, ...]:
        choices: dict[str, tuple[str, ...]] = {
            "category": tuple(TaskCategory.labels()),
            "lead_department": tuple(active_department_names(session)),
        }
        return tuple(
            FieldSpec(
                name,
                TASK_FIELD_LABELS[name],
                _KINDS.get(name, "text"),
                name in _REQUIRED,
                choices.get(name, ()),
            )
            for name in TASK_FIELDS
        )

    def _values(self, row: TaskRow) -> dict[str, Any]:
        return task_values(row)

    def _label(self, row: TaskRow) -> str:
        return row_title(row)

    def _validate(self, session: Session, changes: Mapping[str, Any]) -> None:
        # The base checks each changed field alone; it has no row to merge with, so the
        # whole-task check runs first thing in _apply, still before anything is written.
        unknown = [name for name in changes if name not in TASK_FIELDS]
        if unknown:
            raise InputError(f"{ENTITY_LABEL}没有“{'、'.join(unknown)}”这一项。")

    def _apply(self, session: Session, row: TaskRow, changes: Mapping[str, Any]) -> None:
        merged = {**task_values(row), **changes}
        active = set(active_department_names(session))
        lead = row.lead_department.name
        responsible = {link.department.name for link in row.responsible}
        task = checked_task(
            merged,
            year=row.year,
            taken=taken_in_year(session, row.year, but=row.id),
            # A department retired since the task was written may stay on it ...
            departments=active | {lead} | responsible,
            more=_retired_moves(merged, lead, responsible, active),
        )
        write_task(session, row, task, departments_by_name(session))


def _retired_moves(
    merged: Mapping[str, Any], lead: str, responsible: set[str], active: set[str]
) -> list[TaskProblem]:
    """... but may not take a new place on it (the choices offer only active ones)."""
    problems = []
    new_lead = str(merged.get("lead_department") or "").strip()
    on_task = responsible | {lead}
    if new_lead != lead and new_lead in on_task - active:
        problems.append(TaskProblem("lead_department", f"牵头科室“{new_lead}”已撤销，不能改为牵头"))
    added = [
        name
        for name in split_departments(merged.get("responsible"))
        if name not in responsible and name in on_task - active
    ]
    if added:
        names = "、".join(f"“{name}”" for name in added)
        problems.append(TaskProblem("responsible", f"责任科室{names}已撤销，不能新增"))
    return problems
