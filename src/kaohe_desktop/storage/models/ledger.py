"""台账: tasks, checks and their evidence, notices, rectification and bulletins."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kaohe_desktop.storage.models.base import Base, Versioned
from kaohe_desktop.storage.models.org import DepartmentRow


class TaskDepartmentRow(Base):
    """责任科室 of a task, in the order the clerk listed them."""

    __tablename__ = "task_department"
    __label_attr__ = None

    task_id: Mapped[int] = mapped_column(
        ForeignKey("ledger_task.id", ondelete="CASCADE"), primary_key=True
    )
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    department: Mapped[DepartmentRow] = relationship(lazy="joined", innerjoin=True)


class TaskRow(Versioned, Base):
    """台账任务. 年度 + 序号 is the natural key."""

    __tablename__ = "ledger_task"
    __label_attr__ = "title"
    __table_args__ = (UniqueConstraint("year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    seq: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    target: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    lead_department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    deadline: Mapped[str] = mapped_column(String(40))
    points: Mapped[Decimal]
    source: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)

    lead_department: Mapped[DepartmentRow] = relationship(lazy="joined", innerjoin=True)
    responsible: Mapped[list[TaskDepartmentRow]] = relationship(
        cascade="all, delete-orphan", order_by="TaskDepartmentRow.position", lazy="selectin"
    )


class CheckRow(Versioned, Base):
    """查账记录: task × responsible department × period × level."""

    __tablename__ = "check_record"
    __label_attr__ = "period"
    __table_args__ = (UniqueConstraint("task_id", "department_id", "period", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("ledger_task.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    period: Mapped[str] = mapped_column(String(10), index=True)
    status: Mapped[str] = mapped_column(String(20))
    actual: Mapped[str | None] = mapped_column(Text)
    evidence_text: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(20), default="lead")
    checker: Mapped[str | None] = mapped_column(String(40))
    check_date: Mapped[date | None]

    task: Mapped[TaskRow] = relationship(lazy="raise")
    department: Mapped[DepartmentRow] = relationship(lazy="joined", innerjoin=True)


class EvidenceFileRow(Versioned, Base):
    """佐证材料 file attached to a check, stored inside the data file so it travels with it."""

    __tablename__ = "evidence_file"
    __label_attr__ = "file_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("check_record.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class NoticeRow(Versioned, Base):
    """督办单: red / yellow / blue by urgency, with an optional immediate deduction."""

    __tablename__ = "notice"
    __label_attr__ = "number"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    color: Mapped[str] = mapped_column(String(10))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_task.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    period: Mapped[str] = mapped_column(String(10))
    issued_on: Mapped[date]
    deadline: Mapped[date]
    content: Mapped[str] = mapped_column(Text)
    deduction: Mapped[Decimal | None]
    deduction_category: Mapped[str | None] = mapped_column(String(20))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class RectificationRow(Versioned, Base):
    """整改: target, items, deadline and measures; verified by the supervising office."""

    __tablename__ = "rectification"
    __label_attr__ = "target"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id"))
    check_id: Mapped[int | None] = mapped_column(ForeignKey("check_record.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    target: Mapped[str] = mapped_column(Text)
    items: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date]
    measures: Mapped[str] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_by: Mapped[str | None] = mapped_column(String(40))
    verified_on: Mapped[date | None]


class BulletinRow(Versioned, Base):
    """通报: the bureau-wide bulletin of one check period."""

    __tablename__ = "bulletin"
    __label_attr__ = "period"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    doc_no: Mapped[str | None] = mapped_column(String(60))
    issued_on: Mapped[date | None]
    summary: Mapped[str | None] = mapped_column(Text)
