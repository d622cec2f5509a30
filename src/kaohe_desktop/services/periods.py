"""Closing and reopening periods. The lock itself lives in the database (triggers
of revision 0002); this service records who closed or reopened what and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.periods import PeriodError, month_span, parse_closable
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access import Guard, requires
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.engine import execute_outside_transaction
from kaohe_desktop.storage.errors import CorruptFileError
from kaohe_desktop.storage.models import PeriodLockRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class PeriodLockView:
    period: str
    closed_at: datetime
    closed_by: str
    close_note: str | None
    reopened_at: datetime | None
    reopened_by: str | None
    reopen_reason: str | None

    @property
    def closed(self) -> bool:
        return self.reopened_at is None


def _view(row: PeriodLockRow) -> PeriodLockView:
    return PeriodLockView(
        row.period,
        row.closed_at,
        row.closed_by,
        row.close_note,
        row.reopened_at,
        row.reopened_by,
        row.reopen_reason,
    )


def _parse(text: str) -> str:
    try:
        return str(parse_closable(text))
    except PeriodError as error:
        raise InputError(str(error)) from None


class PeriodService:
    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Clock = datetime.now) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock

    @requires(Action.VIEW)
    def history(self) -> list[PeriodLockView]:
        """Every close, newest first; reopened ones carry who and why."""
        with self._uow.read() as session:
            rows = session.scalars(select(PeriodLockRow).order_by(PeriodLockRow.id.desc())).all()
            return [_view(row) for row in rows]

    @requires(Action.VIEW)
    def closed_periods(self) -> list[str]:
        return sorted({view.period for view in self.history() if view.closed})

    @requires(Action.CLOSE_PERIOD)
    def close(self, period_text: str, note: str = "") -> None:
        """Lock every row of the period. A full integrity_check runs first (DESIGN §5):
        a period is not sealed over a damaged file."""
        period = _parse(period_text)
        problems = [
            str(row[0])
            for row in execute_outside_transaction(self._uow.engine, "PRAGMA integrity_check")
        ]
        if problems != ["ok"]:
            raise CorruptFileError(
                f"完整性检查未通过（{'; '.join(problems[:3])}），"
                f"未关闭期间 {period}。请先从备份恢复。"
            )
        first, last = month_span(parse_closable(period))

        def work(session: Session) -> None:
            if _open_lock(session, period) is not None:
                raise InputError(f"期间 {period} 已经关闭。")
            session.add(
                PeriodLockRow(
                    period=period,
                    first_month=first,
                    last_month=last,
                    closed_at=self._clock().replace(microsecond=0),
                    closed_by=self.guard.actor.username,
                    close_note=note.strip() or None,
                )
            )

        self._uow.write(work)

    @requires(Action.REOPEN_PERIOD)
    def reopen(self, period_text: str, reason: str) -> None:
        period = _parse(period_text)
        if not reason.strip():
            raise InputError(f"重新开放期间 {period} 必须填写理由（将记入操作日志）。")

        def work(session: Session) -> None:
            row = _open_lock(session, period)
            if row is None:
                raise InputError(f"期间 {period} 没有关闭，无需重新开放。")
            row.reopened_at = self._clock().replace(microsecond=0)
            row.reopened_by = self.guard.actor.username
            row.reopen_reason = reason.strip()

        self._uow.write(work)


def _open_lock(session: Session, period: str) -> PeriodLockRow | None:
    statement = select(PeriodLockRow).where(
        PeriodLockRow.period == period, PeriodLockRow.reopened_at.is_(None)
    )
    return session.scalars(statement).first()
