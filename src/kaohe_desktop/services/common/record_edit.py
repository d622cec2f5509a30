"""Editing one record with conflict detection: the base every editor service shares.

load() gives a snapshot (values and version); save() takes the clerk's Draft and,
inside one BEGIN IMMEDIATE transaction, refuses with EditConflictError when the
row's version is no longer the draft's base (or the row is gone). Nothing is ever
written over a version the clerk has not seen.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.edits import Conflict, Draft
from kaohe_desktop.domain.enums import LabeledEnum
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.domain.text_rules import TextRule, cleaned
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.access.leases import Lease, require_lease
from kaohe_desktop.services.errors import EditConflictError, InputError
from kaohe_desktop.storage.models import AuditRow, Base
from kaohe_desktop.storage.row_digests import BULK_ACTIONS, BULK_ADD, covers, in_span
from kaohe_desktop.storage.unit_of_work import UnitOfWork

RowT = TypeVar("RowT", bound=Base)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"  # text | choice | date | bool | int
    required: bool = False
    choices: tuple[str, ...] = ()
    rule: TextRule | None = None  # a text's limit and kind, as the exchange workbook's


def code_of(enum: type[LabeledEnum], label: str | None, what: str = "") -> str | None:
    """The stored code of a chosen label; blank means none. An unknown label is refused
    in the clerk's words (the editors' choice check normally catches it first)."""
    if label is None or not label.strip():
        return None
    try:
        return enum.from_label(label.strip()).value
    except ValueError:
        choices = "、".join(enum.labels())
        raise InputError(f"{what}不能是“{label.strip()}”，应为：{choices}，或留空。") from None


@dataclass(frozen=True)
class RecordSnapshot:
    entity: str
    entity_id: int
    label: str
    version: int
    values: Mapping[str, Any]
    fields: tuple[FieldSpec, ...] = field(default=())
    changed_by: str | None = None
    changed_at: datetime | None = None

    def draft(self) -> Draft:
        return Draft(self.entity, self.entity_id, self.label, self.version, dict(self.values))


class RecordEditor(ABC, Generic[RowT]):
    """Subclasses name the row type, its fields, and how values map to the row."""

    row_type: type[RowT]
    entity_label: str

    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    # --- what a subclass provides ---------------------------------------------
    @abstractmethod
    def _fields(self, session: Session) -> tuple[FieldSpec, ...]: ...

    @abstractmethod
    def _values(self, row: RowT) -> dict[str, Any]: ...

    @abstractmethod
    def _label(self, row: RowT) -> str: ...

    @abstractmethod
    def _apply(self, session: Session, row: RowT, changes: Mapping[str, Any]) -> None: ...

    def _lease_scope(self, entity_id: int) -> str | None:
        """The edit lease that must be held to save this record (None: no lease)."""
        return None

    # --- the shared use cases -------------------------------------------------
    @requires(Action.VIEW)
    def load(self, entity_id: int) -> RecordSnapshot:
        with self._uow.read() as session:
            row = session.get(self.row_type, entity_id)
            if row is None:
                raise InputError(f"找不到该{self.entity_label}（编号 {entity_id}），可能已被删除。")
            return self._snapshot(session, row)

    @requires(Action.VIEW)
    def current_version(self, entity_id: int) -> int | None:
        """The row's version now (None if deleted): an open editor polls it."""
        with self._uow.read() as session:
            row = session.get(self.row_type, entity_id)
            return None if row is None else int(row.version)  # type: ignore[attr-defined]

    @requires(Action.ENTER_DATA)
    def save(self, draft: Draft, lease: Lease | None = None) -> RecordSnapshot:
        scope = self._lease_scope(draft.entity_id)
        if scope is not None and (lease is None or lease.scope != scope):
            raise InputError(f"保存{self.entity_label}“{draft.label}”需要先取得它的编辑锁。")

        def work(session: Session) -> RecordSnapshot:
            if lease is not None:
                require_lease(session, lease)
            row = session.get(self.row_type, draft.entity_id)
            if row is None:
                raise EditConflictError(Conflict(draft, 0, None))
            if row.version != draft.base_version:  # type: ignore[attr-defined]
                theirs = self._snapshot(session, row)
                raise EditConflictError(
                    Conflict(
                        draft,
                        theirs.version,
                        dict(theirs.values),
                        theirs.changed_by,
                        theirs.changed_at,
                    )
                )
            if draft.changes:
                self._validate(session, draft.changes)
                self._apply(session, row, draft.changes)
                session.flush()
            return self._snapshot(session, row)

        return self._uow.write(work)

    # --- helpers --------------------------------------------------------------
    def _snapshot(self, session: Session, row: RowT) -> RecordSnapshot:
        entity = self.row_type.__tablename__
        entity_id = int(row.id)  # type: ignore[attr-defined]
        last = session.execute(
            select(AuditRow.id, AuditRow.account, AuditRow.at)
            .where(AuditRow.entity == entity, AuditRow.entity_id == str(entity_id))
            .order_by(AuditRow.id.desc())
            .limit(1)
        ).first()
        # An import writes big tables in bulk (storage/row_digests): no entry names the
        # row alone, a later compact entry covering it is its last change.
        changed_by, changed_at = (last.account, last.at) if last else (None, None)
        bulk = session.execute(
            select(AuditRow.id, AuditRow.account, AuditRow.at, AuditRow.action, AuditRow.entity_id)
            .where(
                AuditRow.entity == entity,
                AuditRow.action.in_(BULK_ACTIONS),
                AuditRow.id > (last.id if last else 0),
            )
            .order_by(AuditRow.id.desc())
        ).all()
        for entry in bulk:
            if not in_span(entry.entity_id, entity_id):
                continue  # the entry's rows are elsewhere (its after is not read)
            after = None
            if entry.action != BULK_ADD:
                after = session.scalar(select(AuditRow.after_json).where(AuditRow.id == entry.id))
            if covers(entry.action, entry.entity_id, after, entity_id):
                changed_by, changed_at = entry.account, entry.at
                break
        return RecordSnapshot(
            entity,
            entity_id,
            self._label(row),
            int(row.version),  # type: ignore[attr-defined]
            self._values(row),
            self._fields(session),
            changed_by,
            changed_at,
        )

    def _validate(self, session: Session, changes: Mapping[str, Any]) -> None:
        specs = {spec.name: spec for spec in self._fields(session)}
        for name, value in changes.items():
            spec = specs.get(name)
            if spec is None:
                raise InputError(f"{self.entity_label}没有“{name}”这一项。")
            empty = value is None or (isinstance(value, str) and not value.strip())
            if spec.required and empty:
                raise InputError(f"{self.entity_label}的“{spec.label}”不能为空。")
            if empty:
                continue
            if spec.kind == "choice" and value not in spec.choices:
                raise InputError(
                    f"{self.entity_label}的“{spec.label}”不能是“{value}”，"
                    f"应为：{'、'.join(spec.choices)}。"
                )
            if spec.kind == "date" and not isinstance(value, date):
                raise InputError(f"{self.entity_label}的“{spec.label}”应为日期。")
            if spec.kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
                raise InputError(f"{self.entity_label}的“{spec.label}”应为整数。")
            if spec.rule is not None and isinstance(value, str):
                problem = spec.rule.problem(cleaned(spec.rule, value), f"“{spec.label}”")
                if problem is not None:
                    raise InputError(f"{self.entity_label}的{problem}。")
