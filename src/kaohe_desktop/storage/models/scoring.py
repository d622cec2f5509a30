"""半年考核: schemes, adjustments, vetoes and computed department scores."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kaohe_desktop.storage.models.base import Base, Versioned
from kaohe_desktop.storage.models.org import DepartmentRow


class SchemeRow(Versioned, Base):
    """考核方案: the rules of one period as JSON, frozen when the period starts."""

    __tablename__ = "scheme"
    __label_attr__ = "period"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10), unique=True)
    rules_json: Mapped[str] = mapped_column(Text)
    frozen_at: Mapped[datetime | None]


class AdjustmentRow(Versioned, Base):
    """加减分 of a department in a half year; deductions are negative."""

    __tablename__ = "adjustment"
    __label_attr__ = "reason"

    id: Mapped[int] = mapped_column(primary_key=True)
    half: Mapped[str] = mapped_column(String(10), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    category: Mapped[str] = mapped_column(String(20))
    points: Mapped[Decimal]
    level: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    doc_no: Mapped[str | None] = mapped_column(String(60))
    adjusted_on: Mapped[date | None]
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id"))

    department: Mapped[DepartmentRow] = relationship(lazy="joined", innerjoin=True)


class VetoRow(Versioned, Base):
    """一票否决: the department cannot be 优秀/先进 in that half."""

    __tablename__ = "veto"
    __label_attr__ = "reason"
    __table_args__ = (UniqueConstraint("half", "department_id", "reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    half: Mapped[str] = mapped_column(String(10), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    reason: Mapped[str] = mapped_column(Text)
    doc_no: Mapped[str | None] = mapped_column(String(60))
    decided_on: Mapped[date | None]

    department: Mapped[DepartmentRow] = relationship(lazy="joined", innerjoin=True)


class DepartmentScoreRow(Versioned, Base):
    """半年考核得分, as computed and confirmed for one department and half."""

    __tablename__ = "department_score"
    __label_attr__ = "half"
    __table_args__ = (UniqueConstraint("half", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    half: Mapped[str] = mapped_column(String(10))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    business: Mapped[Decimal]
    integrity: Mapped[Decimal]
    civility: Mapped[Decimal]
    attendance: Mapped[Decimal]
    bonus: Mapped[Decimal]
    total: Mapped[Decimal]
    rank_in_group: Mapped[int | None]
    rank_overall: Mapped[int | None]
    grade: Mapped[str | None] = mapped_column(String(20))
    advanced: Mapped[bool] = mapped_column(Boolean, default=False)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    computed_at: Mapped[datetime | None]


class ScoreDecisionRow(Versioned, Base):
    """委员会裁定: the committee's grade for a department whose equal total straddled a
    quota line in a half year, with its reason. Written before the close (the scoring
    reads it), locked with the half; the audit log keeps every change."""

    __tablename__ = "score_decision"
    __label_attr__ = "reason"
    __table_args__ = (UniqueConstraint("half", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    half: Mapped[str] = mapped_column(String(10))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    grade: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(40))
    decided_at: Mapped[datetime]
