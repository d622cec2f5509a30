"""一人一档: commendations, discipline and talks of a person."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kaohe_desktop.storage.models.base import Base, Versioned


class _NamedForAudit:
    """The audit log names the person where the writer says it (services/archive/
    records: name_for_audit, "张三（A001）嘉奖 2026-03-01"); a row written without it
    (the workbook import) is named by `__audit_fallback__`, as before."""

    __audit_fallback__ = ""

    def name_for_audit(self, text: str) -> None:
        """What the audit log calls this row in the write that changes it."""
        self._audit_label = text

    @property
    def audit_label(self) -> str:
        return getattr(self, "_audit_label", None) or str(getattr(self, self.__audit_fallback__))


class CommendationRow(_NamedForAudit, Versioned, Base):
    """奖励 of a person."""

    __tablename__ = "commendation"
    __label_attr__ = "audit_label"
    __audit_fallback__ = "type"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    awarded_on: Mapped[date]
    type: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text)
    doc_no: Mapped[str | None] = mapped_column(String(60))
    impact_until: Mapped[date | None]


class DisciplineRow(_NamedForAudit, Versioned, Base):
    """处分 or 组织处理 of a person; its impact period matters for annual grading."""

    __tablename__ = "discipline"
    __label_attr__ = "audit_label"
    __audit_fallback__ = "type"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    decided_on: Mapped[date]
    type: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text)
    doc_no: Mapped[str | None] = mapped_column(String(60))
    impact_until: Mapped[date | None]


class TalkRow(_NamedForAudit, Versioned, Base):
    """谈心谈话."""

    __tablename__ = "talk"
    __label_attr__ = "audit_label"
    __audit_fallback__ = "talker"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    talked_on: Mapped[date]
    talker: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str | None] = mapped_column(String(30))
    summary: Mapped[str | None] = mapped_column(Text)
