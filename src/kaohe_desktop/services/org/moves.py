"""任职科室历史: a move closes the open stint and opens a new one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.storage.models import DepartmentRow, PersonDepartmentRow, PersonRow


def record_moves(
    session: Session, moves: Sequence[tuple[PersonRow, DepartmentRow, date | None]], today: date
) -> None:
    """`moves`: (person, new department, start); start None marks a new person's first
    stint (nothing to close)."""
    moved_ids = [person.id for person, _, start in moves if start is not None]
    if moved_ids:
        for stint in session.scalars(
            select(PersonDepartmentRow).where(
                PersonDepartmentRow.person_id.in_(moved_ids),
                PersonDepartmentRow.end_date.is_(None),
            )
        ):
            stint.end_date = today
    for person, department, start in moves:
        session.add(
            PersonDepartmentRow(
                person_id=person.id,
                department_id=department.id,
                start_date=start or person.work_start or today,
            )
        )
