"""基础数据 · 科室: the one service for the bureau's departments.

Listing (with where each is used), adding, reordering, retiring and deleting, and
editing one department's name, group, kind and order with conflict detection (the
RecordEditor base). People, tasks and checks point at the department's id, never at
its name, so a rename shows in every one of them at once. A department that anything
points at is never deleted: it is retired, and stays for the history.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain import text_rules
from kaohe_desktop.domain.enums import DepartmentKind, label_or_none
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import requires
from kaohe_desktop.services.common.record_edit import FieldSpec, RecordEditor, code_of
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.org import names
from kaohe_desktop.services.org.department_uses import (
    DepartmentItem,
    DepartmentUses,
    count_uses,
    department_items,
)
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.queries.org import departments_in_order

# The exchange workbook's rules (domain/text_rules): a name saved here imports back.
MAX_NAME = text_rules.DEPARTMENT_NAME.limit
MAX_GROUP = text_rules.GROUP_NAME.limit


def name_problem(name: str, taken: Collection[str]) -> str | None:
    """What is wrong with a new department's name (None: nothing); the add dialog
    shows it while the clerk types, add() refuses with it. Names are compared as the
    import compares them: "执法１队" is the 执法1队 already there."""
    return names.name_problem(name, taken, text_rules.DEPARTMENT_NAME, "科室")


def in_use_message(name: str, uses: DepartmentUses) -> str:
    """Why a department cannot be deleted; the screen shows it without asking first."""
    return f"科室“{name}”仍被 {uses.describe()}使用，不能删除，只能撤销。"


def _group(group: str | None) -> str | None:
    cleaned = text_rules.clean_name(group or "") or None
    problem = None if cleaned is None else text_rules.GROUP_NAME.problem(cleaned, "组别")
    if problem is not None:
        raise InputError(f"{problem}。")
    return cleaned


def _department(session: Session, department_id: int) -> DepartmentRow:
    row = session.get(DepartmentRow, department_id)
    if row is None:
        raise InputError(f"找不到该科室（编号 {department_id}），可能已被删除。")
    return row


def _renumber(session: Session, ordered: list[DepartmentRow] | None = None) -> None:
    """排序 becomes 1..n in the bureau's order (retired ones last)."""
    names.renumber(departments_in_order(session) if ordered is None else ordered)


class DepartmentService(RecordEditor[DepartmentRow]):
    """基础数据 · 科室: list, add, edit (with conflict detection), reorder, retire, delete."""

    row_type = DepartmentRow
    entity_label = "科室"

    def _fields(self, session: Session) -> tuple[FieldSpec, ...]:
        return (
            FieldSpec("name", "科室名称", required=True, rule=text_rules.DEPARTMENT_NAME),
            FieldSpec("group_name", "组别", rule=text_rules.GROUP_NAME),
            FieldSpec("kind", "类型", "choice", choices=tuple(DepartmentKind.labels())),
            FieldSpec("sort_order", "排序", "int", required=True),
            FieldSpec("retired", "已撤销", "bool"),
        )

    def _values(self, row: DepartmentRow) -> dict[str, Any]:
        return {
            "name": row.name,
            "group_name": row.group_name,
            "kind": label_or_none(DepartmentKind, row.kind),
            "sort_order": row.sort_order,
            "retired": row.retired,
        }

    def _label(self, row: DepartmentRow) -> str:
        return row.name

    def _apply(self, session: Session, row: DepartmentRow, changes: Mapping[str, Any]) -> None:
        if "name" in changes:
            name = text_rules.clean_name(str(changes["name"]))
            others = select(DepartmentRow.name).where(DepartmentRow.id != row.id)
            problem = name_problem(name, set(session.scalars(others)))
            if problem is not None:
                raise InputError(problem)
            row.name = name
        if "group_name" in changes:
            row.group_name = _group(changes["group_name"])
        if "kind" in changes:
            row.kind = code_of(DepartmentKind, changes["kind"], "科室类型")
        if "sort_order" in changes:
            row.sort_order = int(changes["sort_order"])
        if "retired" in changes:
            row.retired = bool(changes["retired"])

    @requires(Action.VIEW)
    def listing(self) -> list[DepartmentItem]:
        """Every department in the bureau's order; retired ones last, each with its uses."""
        with self._uow.read() as session:
            return department_items(session, departments_in_order(session))

    @requires(Action.ENTER_DATA)
    def add(self, name: str, group: str | None = None, kind: str | None = None) -> DepartmentItem:
        """A new department in use, placed after the last one in use."""
        group_name, kind_code = _group(group), code_of(DepartmentKind, kind, "科室类型")

        def work(session: Session) -> DepartmentItem:
            # Checked inside the write transaction: no other workstation can add the
            # same name between the check and the insert.
            problem = name_problem(name, set(session.scalars(select(DepartmentRow.name))))
            if problem is not None:
                raise InputError(problem)
            last = session.scalar(select(func.max(DepartmentRow.sort_order))) or 0
            row = DepartmentRow(
                name=text_rules.clean_name(name),
                group_name=group_name,
                kind=kind_code,
                sort_order=last + 1,
                retired=False,
            )
            session.add(row)
            session.flush()
            _renumber(session)  # the retired ones move down one place below it
            return department_items(session, [row], with_uses=False)[0]

        return self._uow.write(work)

    @requires(Action.ENTER_DATA)
    def move(self, department_id: int, offset: int) -> None:
        """Move up (-1) or down (+1) among the departments in use (or among the retired
        ones); at either end nothing changes. 排序 becomes 1..n in the new order, so
        no two departments share a place."""

        def work(session: Session) -> None:
            row = _department(session, department_id)
            ordered = departments_in_order(session)
            group = [index for index, other in enumerate(ordered) if other.retired == row.retired]
            here = ordered.index(row)
            target = min(max(here + offset, group[0]), group[-1])
            if target == here:
                return
            ordered.insert(target, ordered.pop(here))
            _renumber(session, ordered)

        self._uow.write(work)

    @requires(Action.ENTER_DATA)
    def set_retired(self, department_id: int, retired: bool) -> None:
        """Retire (left out of every chooser, kept for history; listed and numbered
        below those in use) or bring back (after renumbering: below the last in use)."""

        def work(session: Session) -> None:
            row = _department(session, department_id)
            if row.retired != retired:
                row.retired = retired
                session.flush()
                _renumber(session)

        self._uow.write(work)

    @requires(Action.ENTER_DATA)
    def delete(self, department_id: int) -> None:
        """Only a department nothing points at; otherwise refuse, naming the uses."""

        def work(session: Session) -> None:
            row = _department(session, department_id)
            uses = count_uses(session, only=department_id).get(department_id)
            if uses is not None and uses.in_use:
                raise InputError(in_use_message(row.name, uses))
            session.delete(row)

        self._uow.write(work)
