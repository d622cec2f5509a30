"""人员: one person's record (one editor at a time, under an edit lease) and the list
of everyone, for the 人员档案 tab."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain import text_rules
from kaohe_desktop.domain.enums import Gender, PersonStatus, PoliticalStatus, label_or_none
from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import requires
from kaohe_desktop.services.common.record_edit import FieldSpec, RecordEditor, code_of
from kaohe_desktop.services.org.moves import record_moves
from kaohe_desktop.services.org.views import PersonView
from kaohe_desktop.storage.models import DepartmentRow, PersonRow, StaffCategoryRow
from kaohe_desktop.storage.queries.org import active_department_names, staff_categories


class PersonService(RecordEditor[PersonRow]):
    row_type = PersonRow
    entity_label = "人员"

    def _lease_scope(self, entity_id: int) -> str | None:
        return person_scope(entity_id)

    def _fields(self, session: Session) -> tuple[FieldSpec, ...]:
        departments = tuple(active_department_names(session))
        categories = tuple(name for _id, name in staff_categories(session))
        return (
            FieldSpec("name", "姓名", required=True, rule=text_rules.PERSON_NAME),
            FieldSpec("gender", "性别", "choice", choices=tuple(Gender.labels())),
            FieldSpec("birth_date", "出生日期", "date"),
            FieldSpec(
                "political_status", "政治面貌", "choice", choices=tuple(PoliticalStatus.labels())
            ),
            FieldSpec("department", "科室", "choice", required=True, choices=departments),
            FieldSpec("position", "职务职级", rule=text_rules.POSITION),
            FieldSpec("category", "人员类别", "choice", required=True, choices=categories),
            FieldSpec("key_post", "关键岗位", "bool"),
            FieldSpec("work_start", "参加工作时间", "date"),
            FieldSpec(
                "status", "状态", "choice", required=True, choices=tuple(PersonStatus.labels())
            ),
        )

    def _values(self, row: PersonRow) -> dict[str, Any]:
        return {
            "name": row.name,
            "gender": label_or_none(Gender, row.gender),
            "birth_date": row.birth_date,
            "political_status": label_or_none(PoliticalStatus, row.political_status),
            "department": row.department.name,
            "position": row.position,
            "category": row.category.name,
            "key_post": row.key_post,
            "work_start": row.work_start,
            "status": label_or_none(PersonStatus, row.status),
        }

    def _label(self, row: PersonRow) -> str:
        return f"{row.name}（{row.code}）"

    def _apply(self, session: Session, row: PersonRow, changes: Mapping[str, Any]) -> None:
        if "name" in changes:
            row.name = text_rules.clean_label(str(changes["name"]))
        if "position" in changes:
            row.position = text_rules.clean_label(changes["position"] or "") or None
        for key, enum, label in (
            ("gender", Gender, "性别"),
            ("political_status", PoliticalStatus, "政治面貌"),
            ("status", PersonStatus, "状态"),
        ):
            if key in changes:
                setattr(row, key, code_of(enum, changes[key], label))
        for key in ("birth_date", "work_start"):
            if key in changes:
                setattr(row, key, changes[key])
        if "key_post" in changes:
            row.key_post = bool(changes["key_post"])
        if "category" in changes:
            row.category = session.scalars(
                select(StaffCategoryRow).where(StaffCategoryRow.name == changes["category"])
            ).one()
        if "department" in changes:
            department = session.scalars(
                select(DepartmentRow).where(DepartmentRow.name == changes["department"])
            ).one()
            if department.id != row.department_id:
                row.department = department
                session.flush()
                record_moves(session, [(row, department, date.today())], date.today())

    @requires(Action.VIEW)
    def listing(self) -> list[PersonView]:
        """Everyone, retired and transferred included, in the bureau's department order."""
        with self._uow.read() as session:
            rows = session.scalars(
                select(PersonRow)
                .join(DepartmentRow, DepartmentRow.id == PersonRow.department_id)
                .order_by(DepartmentRow.sort_order, PersonRow.code)
            ).all()
            return [person_view(row) for row in rows]


def person_view(row: PersonRow) -> PersonView:
    """A person's record as the screens show it (labels, unknown codes as they are)."""
    return PersonView(
        row.id,
        row.code,
        row.name,
        label_or_none(Gender, row.gender),
        row.birth_date,
        label_or_none(PoliticalStatus, row.political_status),
        row.department.name,
        row.position,
        row.category.name,
        row.key_post,
        row.work_start,
        label_or_none(PersonStatus, row.status) or row.status,
    )
