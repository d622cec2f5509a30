"""The departments as a list to pick one from (with ids), for the 科室 editing screen.

The exchange book and the tab queries name departments only; editing needs the id
the DepartmentEditor loads by, and the retired ones too (they stay for history).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kaohe_desktop.domain.enums import DepartmentKind
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access import Guard, requires
from kaohe_desktop.services.labels import label_or_none
from kaohe_desktop.storage.models import DepartmentRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class DepartmentItem:
    id: int
    name: str
    group: str | None
    kind: str | None  # the Chinese label (机关科室 …)
    sort_order: int
    retired: bool


class DepartmentList:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.VIEW)
    def departments(self) -> list[DepartmentItem]:
        """Every department in the bureau's order; retired ones last."""
        with self._uow.read() as session:
            rows = session.scalars(
                select(DepartmentRow).order_by(
                    DepartmentRow.retired, DepartmentRow.sort_order, DepartmentRow.id
                )
            ).all()
            return [
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
