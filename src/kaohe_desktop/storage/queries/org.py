"""The organisation aggregate: the bureau, its departments and staff categories."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.storage.models import BureauRow, DepartmentRow, StaffCategoryRow

# The order every screen lists departments in: those in use first, then by 排序.
BUREAU_ORDER = (DepartmentRow.retired, DepartmentRow.sort_order, DepartmentRow.id)


def bureau_name(session: Session) -> str:
    return session.scalars(select(BureauRow.name)).first() or ""


def departments_in_order(session: Session) -> list[DepartmentRow]:
    """Every department, retired ones last."""
    return list(session.scalars(select(DepartmentRow).order_by(*BUREAU_ORDER)))


def active_department_names(session: Session) -> list[str]:
    """Names of the departments not retired, in the bureau's order: what a task or a
    person may be given."""
    return list(
        session.scalars(
            select(DepartmentRow.name)
            .where(DepartmentRow.retired.is_(False))
            .order_by(*BUREAU_ORDER)
        )
    )


def staff_categories(session: Session) -> list[tuple[int, str]]:
    """(id, name) of the staff categories in their order."""
    statement = select(StaffCategoryRow.id, StaffCategoryRow.name).order_by(
        StaffCategoryRow.sort_order, StaffCategoryRow.id
    )
    return [(category_id, name) for category_id, name in session.execute(statement)]
