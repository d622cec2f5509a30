"""Rows that coordinate several workstations: edit leases and closed periods."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kaohe_desktop.storage.models.base import Base, Versioned


class EditLeaseRow(Base):
    """编辑锁: who edits a whole sheet now. The heartbeat changes every few seconds,
    so leases are not audited row by row; taking one over is logged as an event."""

    __tablename__ = "edit_lease"
    __audited__ = False

    scope: Mapped[str] = mapped_column(String(80), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    holder: Mapped[str] = mapped_column(String(40))
    holder_name: Mapped[str] = mapped_column(String(40))
    workstation: Mapped[str] = mapped_column(String(120))
    token: Mapped[str] = mapped_column(String(36))
    acquired_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]


class PeriodLockRow(Versioned, Base):
    """期间关闭: while reopened_at is empty, triggers refuse every change to rows whose
    period lies within first_month..last_month. Rows are history: never deleted."""

    __tablename__ = "period_lock"
    __label_attr__ = "period"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10), index=True)
    first_month: Mapped[str] = mapped_column(String(7))
    last_month: Mapped[str] = mapped_column(String(7))
    closed_at: Mapped[datetime]
    closed_by: Mapped[str] = mapped_column(String(40))
    close_note: Mapped[str | None] = mapped_column(Text)
    reopened_at: Mapped[datetime | None]
    reopened_by: Mapped[str | None] = mapped_column(String(40))
    reopen_reason: Mapped[str | None] = mapped_column(Text)
