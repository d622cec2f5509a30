"""The lock row of a closed period, shared by every close (PeriodService.close and the
quarter's grading close), and the full integrity_check each runs first."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.early_close import close_note, early_close
from kaohe_desktop.domain.periods import Period, Quarter, locks, month_span, parse_closable
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.engine import execute_outside_transaction
from kaohe_desktop.storage.errors import CorruptFileError
from kaohe_desktop.storage.models import PeriodLockRow, QuarterlyAssessmentRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

P = TypeVar("P", bound=Period)


def check_integrity(uow: UnitOfWork, period: str) -> None:
    """The full integrity_check every close runs before it seals a period."""
    if uow.engine.dialect.name == "postgresql":
        from kaohe_desktop.storage.server_checks import server_integrity

        problems = server_integrity(uow.engine)[0]  # every row of every table read back
    else:
        problems = [
            str(row[0])
            for row in execute_outside_transaction(uow.engine, "PRAGMA integrity_check")
        ]
    if problems != ["ok"]:
        raise CorruptFileError(
            f"完整性检查未通过（{'; '.join(problems[:3])}），未关闭期间 {period}。请先从备份恢复。"
        )


def add_period_lock(
    session: Session, period: str, closed_by: str, closed_at: datetime, note: str = ""
) -> None:
    """Inside a write: add the lock row of `period` (its text, as parse_closable gives
    it). Every close goes through here, the plain one and the quarter's grading close;
    a close before the period's last day is recorded so in the note (domain/early_close)."""
    if open_lock(session, period) is not None:
        raise InputError(f"期间 {period} 已经关闭。")
    parsed = parse_closable(period)
    first, last = month_span(parsed)
    note = close_note(note, early_close(parsed, closed_at.date()))
    session.add(
        PeriodLockRow(
            period=period,
            first_month=first,
            last_month=last,
            closed_at=closed_at.replace(microsecond=0),
            closed_by=closed_by,
            close_note=note.strip() or None,
        )
    )


def open_lock(session: Session, period: str) -> PeriodLockRow | None:
    statement = select(PeriodLockRow).where(
        PeriodLockRow.period == period, PeriodLockRow.reopened_at.is_(None)
    )
    return session.scalars(statement).first()


def quarters_left_ungraded(session: Session, period: str) -> list[Quarter]:
    """Quarters inside a half year or year that have 平时考核 rows but were not closed
    themselves. Locking them from above would freeze grades never checked or stored."""
    longer = parse_closable(period)
    found: list[Quarter] = []
    for text in session.scalars(select(QuarterlyAssessmentRow.quarter).distinct()):
        quarter = parse_closable(text)
        if not (isinstance(quarter, Quarter) and locks(longer, quarter)):
            continue
        # A quarter already locked (by itself or by a closed half year) is sealed.
        if not is_closed(session, quarter):
            found.append(quarter)
    return sorted(found, key=str)


def is_closed(session: Session, period: Period) -> bool:
    """Locked by its own close or by a closed longer period (the triggers' rule): a
    month inside a closed quarter is closed too."""
    first, last = month_span(period)
    statement = select(func.count()).where(
        PeriodLockRow.reopened_at.is_(None),
        PeriodLockRow.first_month <= first,
        PeriodLockRow.last_month >= last,
    )
    return bool(session.scalar(statement))


def closed_among(session: Session, periods: Collection[P]) -> set[P]:
    """Which of `periods` are closed: is_closed of each, over the open locks read once
    (the same comparison of month spans)."""
    locks = session.execute(
        select(PeriodLockRow.first_month, PeriodLockRow.last_month).where(
            PeriodLockRow.reopened_at.is_(None)
        )
    ).all()
    closed = set()
    for period in periods:
        first, last = month_span(period)
        if any(lock.first_month <= first and lock.last_month >= last for lock in locks):
            closed.add(period)
    return closed
