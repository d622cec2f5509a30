"""The 台账 tab's use cases: the year's tasks added, deleted, copied forward from
last year, and the 台账 sheet of the exchange workbook imported and exported.

Editing one task goes through TaskEditor (services/ledger/task_editor.py), which detects a
stale save. Every change here is one short write transaction, audited by the unit of
work like any other row change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.ledger_rules import next_seq
from kaohe_desktop.domain.periods import MAX_YEAR, MIN_YEAR
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.ledger.copy_forward import copy_tasks
from kaohe_desktop.services.ledger.task_list import standing_statuses, task_view, year_tasks
from kaohe_desktop.services.ledger.task_rows import (
    checked_task,
    departments_by_name,
    row_title,
    taken_in_year,
    task_values,
    write_task,
)
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.storage.models import CheckRow, NoticeTaskRow, TaskRow
from kaohe_desktop.storage.queries.ledger import years_with_tasks
from kaohe_desktop.storage.queries.org import active_department_names
from kaohe_desktop.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    # The exchange workbook's modules (openpyxl) are imported when the 台账 sheet is
    # imported or exported, not whenever the 台账 tab shows its tasks.
    from kaohe_desktop.services.exchange.importing import ImportResult


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(f"年度 {year} 超出范围（{MIN_YEAR}–{MAX_YEAR}）")


def _missing(task_id: int) -> InputError:
    return InputError(f"找不到该台账任务（编号 {task_id}），可能已被删除。")


class LedgerService:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.VIEW)
    def departments(self) -> list[str]:
        """The departments a task may name: not retired, in the bureau's order."""
        with self._uow.read() as session:
            return active_department_names(session)

    @requires(Action.VIEW)
    def taken_seqs(self, year: int) -> set[int]:
        with self._uow.read() as session:
            return set(taken_in_year(session, year))

    @requires(Action.VIEW)
    def next_seq(self, year: int) -> int:
        with self._uow.read() as session:
            highest = session.scalar(select(func.max(TaskRow.seq)).where(TaskRow.year == year))
        return next_seq([highest] if highest is not None else [])

    @requires(Action.VIEW)
    def years(self) -> list[int]:
        """The years that have tasks, ascending."""
        with self._uow.read() as session:
            return years_with_tasks(session)

    @requires(Action.VIEW)
    def tasks(self, year: int) -> list[TaskView]:
        """The year's tasks in 序号 order, each with its checks summarised."""
        with self._uow.read() as session:
            return year_tasks(session, year)

    @requires(Action.VIEW)
    def task(self, task_id: int) -> TaskView:
        with self._uow.read() as session:
            row = session.get(TaskRow, task_id)
            if row is None:
                raise _missing(task_id)
            return task_view(row, standing_statuses(session, TaskRow.id == task_id)[task_id])

    @requires(Action.ENTER_DATA)
    def add(self, year: int, values: Mapping[str, Any]) -> TaskView:
        """A new task of `year`; TaskInputError names every problem, nothing is written."""
        _check_year(year)

        def work(session: Session) -> TaskView:
            task = checked_task(
                values,
                year=year,
                taken=taken_in_year(session, year),
                departments=active_department_names(session),
            )
            row = TaskRow(year=year)
            write_task(session, row, task, departments_by_name(session))
            session.add(row)
            session.flush()
            return task_view(row, [])

        return self._uow.write(work)

    @requires(Action.ENTER_DATA)
    def delete(self, task_id: int, version: int) -> dict[str, Any]:
        """Delete a task no check or notice refers to; return its values (for undo)."""

        def work(session: Session) -> dict[str, Any]:
            row = session.get(TaskRow, task_id)
            if row is None:
                raise _missing(task_id)
            if row.version != version:
                raise InputError(
                    f"{row_title(row)}在您打开后已被他人修改，未删除。请刷新后再决定是否删除。"
                )
            checks = session.scalar(
                select(func.count()).select_from(CheckRow).where(CheckRow.task_id == task_id)
            )
            notices = session.scalar(
                select(func.count())
                .select_from(NoticeTaskRow)
                .where(NoticeTaskRow.task_id == task_id)
            )
            if checks or notices:
                counted = ((checks, "条查账记录"), (notices, "张督办单"))
                uses = "、".join(f"{n} {unit}" for n, unit in counted if n)
                raise InputError(f"{row_title(row)}已有 {uses}，不能删除。")
            values = task_values(row)
            session.delete(row)
            session.flush()
            return values

        return self._uow.write(work)

    @requires(Action.ENTER_DATA)
    def copy_forward(
        self, from_year: int, to_year: int, task_ids: Sequence[int], renumber: bool
    ) -> list[TaskView]:
        """Copy tasks of `from_year` into `to_year` (deadlines shifted, no checks):
        all of them or, with InputError naming each problem, none."""
        _check_year(to_year)

        def work(session: Session) -> list[TaskView]:
            rows = copy_tasks(session, from_year, to_year, task_ids, renumber)
            return [task_view(row, []) for row in rows]

        return self._uow.write(work)

    @requires(Action.IMPORT)
    def import_ledger(
        self, path: Path, *, dry_run: bool = False, progress: ProgressReporter = SILENT
    ) -> ImportResult:
        """Only the 台账 sheet of an exchange workbook; all or nothing."""
        from kaohe_desktop.services.ledger.ledger_sheet import import_sheet

        return import_sheet(self._uow, Path(path), dry_run=dry_run, progress=progress)

    @requires(Action.EXPORT)
    def export_ledger(self, year: int, path: Path, *, progress: ProgressReporter = SILENT) -> int:
        """An exchange workbook whose 台账 sheet holds the year's tasks; their number."""
        from kaohe_desktop.services.ledger.ledger_sheet import export_sheet

        return export_sheet(self._uow, year, Path(path), progress=progress)
