"""The record editors of this release: 科室 (saved with conflict detection) and
人员 (one person's record: one editor at a time, under an edit lease)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import DepartmentKind, Gender, PersonStatus, PoliticalStatus
from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.labels import label_or_none
from kaohe_desktop.services.person_moves import record_moves
from kaohe_desktop.services.record_edit import FieldSpec, RecordEditor
from kaohe_desktop.storage.models import DepartmentRow, PersonRow, StaffCategoryRow


def _code_of(enum: Any, label: str | None) -> str | None:
    return None if label in (None, "") else enum.from_label(label).value


class DepartmentEditor(RecordEditor[DepartmentRow]):
    row_type = DepartmentRow
    entity_label = "科室"

    def _fields(self, session: Session) -> tuple[FieldSpec, ...]:
        return (
            FieldSpec("name", "科室名称", required=True),
            FieldSpec("group_name", "组别"),
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
            name = str(changes["name"]).strip()
            clash = session.scalars(
                select(DepartmentRow).where(DepartmentRow.name == name, DepartmentRow.id != row.id)
            ).first()
            if clash is not None:
                raise InputError(f"已有名为“{name}”的科室，科室名称不能重复。")
            row.name = name
        if "group_name" in changes:
            row.group_name = (changes["group_name"] or "").strip() or None
        if "kind" in changes:
            row.kind = _code_of(DepartmentKind, changes["kind"])
        if "sort_order" in changes:
            row.sort_order = int(changes["sort_order"])
        if "retired" in changes:
            row.retired = bool(changes["retired"])


class PersonEditor(RecordEditor[PersonRow]):
    row_type = PersonRow
    entity_label = "人员"

    def _lease_scope(self, entity_id: int) -> str | None:
        return person_scope(entity_id)

    def _fields(self, session: Session) -> tuple[FieldSpec, ...]:
        departments = tuple(
            session.scalars(
                select(DepartmentRow.name)
                .where(DepartmentRow.retired.is_(False))
                .order_by(DepartmentRow.sort_order, DepartmentRow.id)
            )
        )
        categories = tuple(
            session.scalars(select(StaffCategoryRow.name).order_by(StaffCategoryRow.sort_order))
        )
        return (
            FieldSpec("name", "姓名", required=True),
            FieldSpec("gender", "性别", "choice", choices=tuple(Gender.labels())),
            FieldSpec("birth_date", "出生日期", "date"),
            FieldSpec(
                "political_status", "政治面貌", "choice", choices=tuple(PoliticalStatus.labels())
            ),
            FieldSpec("department", "科室", "choice", required=True, choices=departments),
            FieldSpec("position", "职务职级"),
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
            row.name = str(changes["name"]).strip()
        if "position" in changes:
            row.position = (changes["position"] or "").strip() or None
        for key, enum in (
            ("gender", Gender),
            ("political_status", PoliticalStatus),
            ("status", PersonStatus),
        ):
            if key in changes:
                setattr(row, key, _code_of(enum, changes[key]))
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
