"""The refusals of a 督办单 before it is issued or changed, each in the clerk's words.

Run inside the write transaction, before anything is written, so a refusal leaves
the file as it was and every problem is named at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.checks import level_rank
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.notice_rules import notice_problems
from kaohe_desktop.services.checks.views import NoticeDraft
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.errors import ConflictError
from kaohe_desktop.storage.models import (
    CheckRow,
    DepartmentRow,
    NoticeRow,
    TaskDepartmentRow,
    TaskRow,
)


def task_label(seq: int, title: str) -> str:
    return f"第{seq}项“{title}”"


@dataclass(frozen=True)
class CheckedDraft:
    """A draft that passed: its tasks in the clerk's order, each with its check."""

    department: DepartmentRow
    tasks: tuple[tuple[int, int | None], ...]  # (task_id, check_id)


def _department(session: Session, department_id: int, found: list[str]) -> DepartmentRow | None:
    department = session.get(DepartmentRow, department_id)
    if department is None:
        found.append(f"科室（内部编号 {department_id}）不存在，可能已被删除")
    elif department.retired:
        found.append(f"科室“{department.name}”已撤销，不能再下达督办单")
    return department


def _tasks(session: Session, draft: NoticeDraft, name: str, found: list[str]) -> list[int]:
    task_ids = list(dict.fromkeys(draft.task_ids))
    rows = {row.id: row for row in session.scalars(select(TaskRow).where(TaskRow.id.in_(task_ids)))}
    responsible = set(
        session.scalars(
            select(TaskDepartmentRow.task_id).where(
                TaskDepartmentRow.task_id.in_(task_ids),
                TaskDepartmentRow.department_id == draft.department_id,
            )
        )
    )
    year = draft.period.year
    for task_id in task_ids:
        task = rows.get(task_id)
        if task is None:
            found.append(f"台账任务（内部编号 {task_id}）不存在，可能已被删除")
        elif task.year != year:
            found.append(
                f"{task_label(task.seq, task.title)}是 {task.year} 年的任务，不是 {year} 年的"
            )
        elif task_id not in responsible:
            found.append(f"{task_label(task.seq, task.title)}的责任科室中没有“{name}”")
    return task_ids


def _checks(
    session: Session, draft: NoticeDraft, task_ids: list[int], found: list[str]
) -> dict[int, int]:
    """task_id → the check the notice was issued from (the highest level given)."""
    wanted = list(dict.fromkeys(draft.check_ids))
    rows = {row.id: row for row in session.scalars(select(CheckRow).where(CheckRow.id.in_(wanted)))}
    chosen: dict[int, CheckRow] = {}
    for check_id in wanted:
        check = rows.get(check_id)
        if check is None:
            found.append(f"查账记录（内部编号 {check_id}）不存在，可能已被删除")
            continue
        where = f"查账记录（{check.period}，{CheckLevel(check.level).label}）"
        if check.department_id != draft.department_id:
            found.append(f"{where}属于另一个科室；一张督办单只能下达给一个科室")
        elif check.period != str(draft.period):
            found.append(f"{where}不属于督办单的期间 {draft.period}")
        elif check.task_id not in task_ids:
            found.append(f"{where}的任务不在督办单涉及的任务中")
        elif check.draft:
            found.append(f"{where}是草稿，请先确认后再据此下达督办单")
        else:
            held = chosen.get(check.task_id)
            rank = level_rank(CheckLevel(check.level))
            if held is None or rank > level_rank(CheckLevel(held.level)):
                chosen[check.task_id] = check
    return {task_id: check.id for task_id, check in chosen.items()}


def check_draft(session: Session, draft: NoticeDraft) -> CheckedDraft:
    """Every refusal of a new notice, or what it refers to."""
    found = notice_problems(draft.content, draft.issued_on, draft.deadline, draft.deduction)
    department = _department(session, draft.department_id, found)
    name = department.name if department is not None else ""
    task_ids = _tasks(session, draft, name, found)
    checks = _checks(session, draft, task_ids, found)
    refuse(found)
    assert department is not None
    return CheckedDraft(department, tuple((t, checks.get(t)) for t in task_ids))


def check_open(notice: NoticeRow, expected_version: int, doing: str) -> None:
    """The notice is as the clerk saw it and still open."""
    if notice.version != expected_version:
        raise ConflictError(
            entity="督办单", entity_id=notice.number, theirs={"version": notice.version}
        )
    if notice.closed:
        raise InputError(f"督办单 {notice.number} 的整改已核实销号，不能再{doing}。")
