"""半年考核 as it stands before the 1000-point scoring: each half's adjustments (加减分,
一票否决) and, per department, their totals by category and the checks that went wrong."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    label_or_none,
)
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.scoring.views import AdjustmentView, DepartmentHalfView
from kaohe_desktop.storage.models import AdjustmentRow, CheckRow, DepartmentRow, VetoRow
from kaohe_desktop.storage.queries.checks import CONFIRMED
from kaohe_desktop.storage.queries.org import departments_in_order
from kaohe_desktop.storage.unit_of_work import UnitOfWork


class HalfYearView:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.VIEW)
    def adjustments(self, half: HalfYear) -> list[AdjustmentView]:
        with self._uow.read() as session:
            rows = session.scalars(
                select(AdjustmentRow)
                .join(DepartmentRow)
                .where(AdjustmentRow.half == str(half))
                .order_by(DepartmentRow.sort_order, AdjustmentRow.adjusted_on, AdjustmentRow.id)
            ).all()
            vetoes = session.scalars(select(VetoRow).where(VetoRow.half == str(half))).all()
            views = [
                AdjustmentView(
                    row.id,
                    row.half,
                    row.department.name,
                    row.department.group_name,
                    AdjustmentCategory(row.category),
                    row.points,
                    label_or_none(CommendationLevel, row.level),
                    row.reason,
                    row.doc_no,
                    row.adjusted_on,
                )
                for row in rows
            ]
            views += [
                AdjustmentView(
                    -veto.id,
                    veto.half,
                    veto.department.name,
                    veto.department.group_name,
                    AdjustmentCategory.VETO,
                    Decimal(0),
                    None,
                    veto.reason,
                    veto.doc_no,
                    veto.decided_on,
                )
                for veto in vetoes
            ]
            return views

    @requires(Action.VIEW)
    def departments(self, half: HalfYear) -> list[DepartmentHalfView]:
        adjustments = self.adjustments(half)
        periods = {str(q) for q in half.quarters()} | {str(m) for m in half.months()}
        with self._uow.read() as session:
            departments = departments_in_order(session)
            status_counts: dict[tuple[int, str], int] = defaultdict(int)
            statement = select(CheckRow.department_id, CheckRow.status).where(
                CONFIRMED,
                CheckRow.period.in_(periods),
                CheckRow.level == CheckLevel.LEAD.value
            )
            for department_id, status in session.execute(statement):
                status_counts[(department_id, status)] += 1
            result = []
            for department in departments:
                own = [a for a in adjustments if a.department == department.name]

                def total(category: AdjustmentCategory, own: list[AdjustmentView] = own) -> Decimal:
                    return sum((a.points for a in own if a.category is category), Decimal(0))

                result.append(
                    DepartmentHalfView(
                        department.name,
                        department.group_name,
                        total(AdjustmentCategory.BUSINESS),
                        total(AdjustmentCategory.INTEGRITY),
                        total(AdjustmentCategory.CIVILITY),
                        total(AdjustmentCategory.ATTENDANCE),
                        total(AdjustmentCategory.BONUS),
                        any(a.category is AdjustmentCategory.VETO for a in own),
                        status_counts[(department.id, CheckStatus.MISSED.value)],
                        status_counts[(department.id, CheckStatus.LATE.value)]
                        + status_counts[(department.id, CheckStatus.PARTIAL.value)],
                    )
                )
            return result
