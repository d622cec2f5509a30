"""台账: tasks, checks and their evidence, notices, rectification and bulletins."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
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
    # The audit log names the task, the department and the level where the writer said
    # them (services/checks: name_for_audit); the row does not load its task.
    __label_attr__ = "audit_label"
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
    # A draft is a check copied forward from the previous period for the clerk to
    # confirm: it is shown, but it never stands (domain/checks.standing_checks' callers
    # read confirmed checks only, through storage/queries/checks.CONFIRMED).
    draft: Mapped[bool] = mapped_column(Boolean, default=False)

    task: Mapped[TaskRow] = relationship(lazy="raise")
    department: Mapped[DepartmentRow] = relationship(lazy="joined", innerjoin=True)

    def name_for_audit(self, text: str) -> None:
        """What the audit log calls this row in the write that changes it."""
        self._audit_label = text

    @property
    def audit_label(self) -> str:
        return getattr(self, "_audit_label", None) or self.period


class EvidenceFileRow(Versioned, Base):
    """佐证材料 file attached to a check. The bytes are not in the data file: they are a
    write-once file named by `sha256` in the evidence store beside it (DESIGN §5,
    storage/evidence_store.py), so a year of scans does not pass through every backup."""

    __tablename__ = "evidence_file"
    __label_attr__ = "file_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("check_record.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int]
    media_type: Mapped[str] = mapped_column(String(80))
    added_by: Mapped[str] = mapped_column(String(40))
    added_at: Mapped[datetime]


class NoticeRow(Versioned, Base):
    """督办单: red / yellow / blue by urgency, with an optional immediate deduction.

    督办〔year〕第serial号: the serial is taken from app_meta's per-year counter inside
    the issuing transaction and never given again, even if the notice is withdrawn."""

    __tablename__ = "notice"
    __label_attr__ = "number"
    __table_args__ = (UniqueConstraint("year", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int]
    serial: Mapped[int]
    color: Mapped[str] = mapped_column(String(10))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    period: Mapped[str] = mapped_column(String(10))
    issued_on: Mapped[date]
    deadline: Mapped[date]
    content: Mapped[str] = mapped_column(Text)
    deduction: Mapped[Decimal | None]
    deduction_category: Mapped[str | None] = mapped_column(String(20))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    issued_by: Mapped[str] = mapped_column(String(40))

    department: Mapped[DepartmentRow] = relationship(lazy="joined", innerjoin=True)
    tasks: Mapped[list[NoticeTaskRow]] = relationship(
        cascade="all, delete-orphan", order_by="NoticeTaskRow.position", lazy="selectin"
    )


class NoticeTaskRow(Base):
    """The tasks a 督办单 concerns, each with the check it was issued from (if any)."""

    __tablename__ = "notice_task"
    __label_attr__ = None

    notice_id: Mapped[int] = mapped_column(
        ForeignKey("notice.id", ondelete="CASCADE"), primary_key=True
    )
    task_id: Mapped[int] = mapped_column(ForeignKey("ledger_task.id"), primary_key=True)
    check_id: Mapped[int | None] = mapped_column(ForeignKey("check_record.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)


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
    """通报: the bureau-wide bulletin of one check period, one row per edition.

    `content_json` is the bulletin's whole content as it was generated, so a reprint is
    identical even after later edits; 重新生成 adds the next edition under the same
    number (通报〔year〕第serial期), the earlier ones kept."""

    __tablename__ = "bulletin"
    __label_attr__ = "doc_no"
    __table_args__ = (UniqueConstraint("period", "edition"),)
    # The content (≈200 KB for a county) is frozen; the log proves it by its hash.
    __audit_digested__ = frozenset({"content_json"})

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10), index=True)
    edition: Mapped[int] = mapped_column(default=1)
    year: Mapped[int]
    serial: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    doc_no: Mapped[str] = mapped_column(String(60))
    issued_on: Mapped[date]
    summary: Mapped[str | None] = mapped_column(Text)
    content_json: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime]


class CheckSampleRow(Base):
    """A 三级 局领导抽查 draw: which of the period's checks were drawn, how, and by whom.

    Written once and never changed: the seed and the population make the draw
    reproducible (domain/check_rules.draw_sample), so it can be shown to be fair."""

    __tablename__ = "check_sample"
    __label_attr__ = "period"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10), index=True)
    seed: Mapped[str] = mapped_column(String(40))
    share_percent: Mapped[int | None]
    requested: Mapped[int | None]
    population: Mapped[int]
    drawn_json: Mapped[str] = mapped_column(Text)
    drawn_by: Mapped[str] = mapped_column(String(40))
    drawn_at: Mapped[datetime]
