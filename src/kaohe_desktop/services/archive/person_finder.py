"""The 人员档案 tab's list: everyone (retired, transferred and departed people too,
marked out of service). Each row's pinyin initials, for the search
(domain/person_search.matches), are worked out when a search first asks
(services/archive/pinyin_initials), not here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import PersonStatus
from kaohe_desktop.services.archive.pinyin_initials import initials
from kaohe_desktop.services.archive.views import PersonFindRow
from kaohe_desktop.services.quarterly.roster import GONE
from kaohe_desktop.storage.models import DepartmentRow, PersonRow, StaffCategoryRow
from kaohe_desktop.storage.queries.org import BUREAU_ORDER

__all__ = ["find_rows", "initials"]

_STATUS = {status.value: status.label for status in PersonStatus}


def find_rows(session: Session) -> list[PersonFindRow]:
    """Everyone in the bureau's department order, then by 编号."""
    statement = (
        select(
            PersonRow.id,
            PersonRow.code,
            PersonRow.name,
            DepartmentRow.name.label("department"),
            PersonRow.position,
            StaffCategoryRow.name.label("category"),
            PersonRow.status,
            PersonRow.key_post,
        )
        .join(DepartmentRow, DepartmentRow.id == PersonRow.department_id)
        .join(StaffCategoryRow, StaffCategoryRow.id == PersonRow.category_id)
        .order_by(*BUREAU_ORDER, PersonRow.code)
    )
    # Columns through the connection, not ORM rows; a status of a newer program
    # version shows as stored (label_or_none's rule).
    return [
        PersonFindRow(
            pid, code, name, department, position, category, _STATUS.get(status, status),
            status not in GONE, key_post,
        )
        for pid, code, name, department, position, category, status, key_post in (
            session.connection().execute(statement)
        )
    ]  # fmt: skip
