"""一人一档: commendations, discipline and talks of a person."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kaohe_desktop.storage.models.base import Base, Versioned


class CommendationRow(Versioned, Base):
    """奖励 of a person."""

    __tablename__ = "commendation"
    __label_attr__ = "type"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    awarded_on: Mapped[date]
    type: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text)
    doc_no: Mapped[str | None] = mapped_column(String(60))
    impact_until: Mapped[date | None]


class DisciplineRow(Versioned, Base):
    """处分 or 组织处理 of a person; its impact period matters for annual grading."""

    __tablename__ = "discipline"
    __label_attr__ = "type"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    decided_on: Mapped[date]
    type: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text)
    doc_no: Mapped[str | None] = mapped_column(String(60))
    impact_until: Mapped[date | None]


class TalkRow(Versioned, Base):
    """谈心谈话."""

    __tablename__ = "talk"
    __label_attr__ = "talker"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    talked_on: Mapped[date]
    talker: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str | None] = mapped_column(String(30))
    summary: Mapped[str | None] = mapped_column(Text)
