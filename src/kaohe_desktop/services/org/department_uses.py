"""Where each department is used, and the department as the 科室 screen lists it.

Each item says where the department is used, so the screen can tell before the clerk
tries whether it may be deleted (DepartmentService.delete counts again when deleting).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace

from sqlalchemy import func, select, union
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql import Select

from kaohe_desktop.domain.enums import DepartmentKind, PersonStatus, label_or_none
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    CheckRow,
    DepartmentRow,
    DepartmentScoreRow,
    NoticeRow,
    PersonDepartmentRow,
    PersonRow,
    RectificationRow,
    TaskDepartmentRow,
    TaskRow,
    VetoRow,
)

# Still on the department's roll: a seconded person comes back to it, so retiring the
# department leaves them without a home just as it does the others.
ON_POST = (PersonStatus.ACTIVE.value, PersonStatus.PROBATION.value, PersonStatus.SECONDED.value)


@dataclass(frozen=True)
class DepartmentUses:
    """How many records point at one department (every ForeignKey("department.id"))."""

    people: int = 0  # current or former members (person and 任职科室 history), distinct
    tasks: int = 0  # 台账任务 led by it or with it among the 责任科室, distinct
    checks: int = 0
    notices: int = 0
    rectifications: int = 0
    adjustments: int = 0
    vetoes: int = 0
    scores: int = 0

    @property
    def in_use(self) -> bool:
        return any(getattr(self, spec.name) for spec in fields(self))

    def describe(self) -> str:
        """“12 名人员、3 项台账任务” — only the kinds that occur; "" when unused."""
        return "、".join(
            f"{getattr(self, spec.name)} {_UNITS[spec.name]}"
            for spec in fields(self)
            if getattr(self, spec.name)
        )


_UNITS = {
    "people": "名人员",
    "tasks": "项台账任务",
    "checks": "条查账记录",
    "notices": "份督办单",
    "rectifications": "条整改记录",
    "adjustments": "条加减分",
    "vetoes": "条一票否决",
    "scores": "条考核得分",
}


@dataclass(frozen=True)
class DepartmentItem:
    id: int
    name: str
    group: str | None
    kind: str | None  # the Chinese label (机关科室 …)
    sort_order: int
    retired: bool
    uses: DepartmentUses = field(default_factory=DepartmentUses)
    on_post: int = 0  # people on its roll now (在岗): retiring it should warn about them


def _counts(statement: Select[int, int], session: Session) -> dict[int, int]:
    return {int(key): int(count) for key, count in session.execute(statement)}


def _per_department(column: InstrumentedAttribute[int], only: int | None) -> Select[int, int]:
    statement = select(column, func.count()).group_by(column)
    return statement if only is None else statement.where(column == only)


def _distinct_pairs(
    first: Select[int, int], second: Select[int, int], only: int | None
) -> Select[int, int]:
    # UNION (not UNION ALL) drops the pairs both sources name: a person counts once
    # though their current department also appears in their history.
    pairs = union(first, second).subquery()
    department, _other = pairs.c
    statement = select(department, func.count()).group_by(department)
    return statement if only is None else statement.where(department == only)


def count_uses(session: Session, only: int | None = None) -> dict[int, DepartmentUses]:
    """The uses of every department (or of `only`), keyed by id; unused ones are absent."""
    people = _distinct_pairs(
        select(PersonRow.department_id, PersonRow.id),
        select(PersonDepartmentRow.department_id, PersonDepartmentRow.person_id),
        only,
    )
    tasks = _distinct_pairs(
        select(TaskRow.lead_department_id, TaskRow.id),
        select(TaskDepartmentRow.department_id, TaskDepartmentRow.task_id),
        only,
    )
    counted: dict[str, dict[int, int]] = {
        "people": _counts(people, session),
        "tasks": _counts(tasks, session),
        "checks": _counts(_per_department(CheckRow.department_id, only), session),
        "notices": _counts(_per_department(NoticeRow.department_id, only), session),
        "rectifications": _counts(_per_department(RectificationRow.department_id, only), session),
        "adjustments": _counts(_per_department(AdjustmentRow.department_id, only), session),
        "vetoes": _counts(_per_department(VetoRow.department_id, only), session),
        "scores": _counts(_per_department(DepartmentScoreRow.department_id, only), session),
    }
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for kind, per_department in counted.items():
        for department_id, count in per_department.items():
            found[department_id][kind] = count
    return {key: DepartmentUses(**values) for key, values in found.items()}


def count_on_post(session: Session, only: int | None = None) -> dict[int, int]:
    statement = _per_department(PersonRow.department_id, only).where(PersonRow.status.in_(ON_POST))
    return _counts(statement, session)


def department_items(
    session: Session, rows: Iterable[DepartmentRow], *, with_uses: bool = True
) -> list[DepartmentItem]:
    items = [
        DepartmentItem(
            row.id,
            row.name,
            row.group_name,
            label_or_none(DepartmentKind, row.kind),
            row.sort_order,
            row.retired,
        )
        for row in rows
    ]
    if not with_uses:
        return items
    uses, on_post = count_uses(session), count_on_post(session)
    return [
        replace(item, uses=uses.get(item.id, DepartmentUses()), on_post=on_post.get(item.id, 0))
        for item in items
    ]
