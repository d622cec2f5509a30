"""The bureau at a glance, for the window title and `kaohe` status lines."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.periods import parse_period
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.org.views import BureauSummary
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    DepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    TaskRow,
)
from kaohe_desktop.storage.queries.org import bureau_name
from kaohe_desktop.storage.unit_of_work import UnitOfWork


def bureau_summary(session: Session) -> BureauSummary:
    bureau = bureau_name(session)
    departments = session.scalar(select(func.count()).select_from(DepartmentRow)) or 0
    people = session.scalar(select(func.count()).select_from(PersonRow)) or 0
    years: set[int] = set(session.scalars(select(TaskRow.year).distinct()))
    for quarter in session.scalars(select(QuarterlyAssessmentRow.quarter).distinct()):
        years.add(parse_period(quarter).year)
    for half in session.scalars(select(AdjustmentRow.half).distinct()):
        years.add(parse_period(half).year)
    return BureauSummary(bureau, departments, people, tuple(sorted(years, reverse=True)))


class BureauService:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.VIEW)
    def summary(self) -> BureauSummary:
        """The bureau's name, how many departments and people, and the years with data."""
        with self._uow.read() as session:
            return bureau_summary(session)
