"""The 人员档案 tab's list: everyone (retired, transferred and departed people too,
marked out of service), with the pinyin initials of each name for the search
(domain/person_search.matches).

The initials come from pypinyin, imported on first use (its dictionaries take a
tenth of a second to load) and kept per name for the process: a county file's
10,000 names are worked out once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import PersonStatus, label_or_none
from kaohe_desktop.services.archive.views import PersonFindRow
from kaohe_desktop.services.quarterly.roster import GONE
from kaohe_desktop.storage.models import DepartmentRow, PersonRow, StaffCategoryRow
from kaohe_desktop.storage.queries.org import BUREAU_ORDER

_INITIALS: dict[str, str] = {}


def initials(name: str) -> str:
    """The first letter of each character's pinyin, lower case: "zsf" for 张三丰. A
    character of several readings takes its usual one (pypinyin's default: 单 → d);
    letters, digits and marks that are not Chinese stay as they are, lower-cased."""
    found = _INITIALS.get(name)
    if found is None:
        from pypinyin import Style, lazy_pinyin

        found = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
        _INITIALS[name] = found
    return found


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
    return [
        PersonFindRow(
            id=row.id,
            code=row.code,
            name=row.name,
            initials=initials(row.name),
            department=row.department,
            position=row.position,
            category=row.category,
            status=label_or_none(PersonStatus, row.status) or row.status,
            in_service=row.status not in GONE,
            key_post=row.key_post,
        )
        for row in session.execute(statement)
    ]
