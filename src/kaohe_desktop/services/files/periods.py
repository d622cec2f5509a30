"""Closing and reopening periods. The lock itself lives in the database (triggers
of revision 0002); this service records who closed or reopened what and why."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.account_rules import account_label
from kaohe_desktop.domain.early_close import early_close
from kaohe_desktop.domain.periods import (
    HalfYear,
    Period,
    PeriodError,
    Quarter,
    closable_periods,
    locks,
    parse_closable,
)
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.archive.annual_close import store_ready_year
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.files.period_locks import (
    add_period_lock,
    check_integrity,
    open_lock,
    quarters_left_ungraded,
)
from kaohe_desktop.services.quarterly.close import close_quarter, store_ready_quarter
from kaohe_desktop.services.scoring.close import close_half, halves_left_unscored, store_ready_half
from kaohe_desktop.storage.models import AccountRow, PeriodLockRow
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
    # Who, as the screens name them: 张科长（admin） (the account's display name).
    closed_by_label: str = ""
    reopened_by_label: str | None = None

    @property
    def closed(self) -> bool:
        return self.reopened_at is None


def _view(row: PeriodLockRow, names: Mapping[str, str]) -> PeriodLockView:
    reopened_by = row.reopened_by
    return PeriodLockView(
        row.period,
        row.closed_at,
        row.closed_by,
        row.close_note,
        row.reopened_at,
        reopened_by,
        row.reopen_reason,
        account_label(row.closed_by, names.get(row.closed_by)),
        None if reopened_by is None else account_label(reopened_by, names.get(reopened_by)),
    )


class PeriodState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    REOPENED = "reopened"  # open again, after a close
    COVERED = "covered"  # open itself, but inside a closed longer period


@dataclass(frozen=True)
class PeriodStatus:
    period: str
    label: str
    state: PeriodState
    who: str | None = None  # 张科长（admin）
    at: datetime | None = None
    text: str | None = None  # the close note, or the reason for reopening
    covered_by: str | None = None

    @property
    def closed(self) -> bool:
        return self.state is PeriodState.CLOSED


def period_statuses(year: int, history: Sequence[PeriodLockView]) -> list[PeriodStatus]:
    """Where each quarter, half and the year stands; `history` is newest first. A period
    is locked by its own close or by a closed longer one (domain.periods.locks, the
    rule the triggers apply), and the screens say which."""
    open_closes = [view for view in history if view.closed]
    rows = []
    for period in closable_periods(year):
        text = str(period)
        latest = next((view for view in history if view.period == text), None)
        if latest is not None and latest.closed:
            rows.append(
                PeriodStatus(
                    text,
                    period.label(),
                    PeriodState.CLOSED,
                    latest.closed_by_label or latest.closed_by,
                    latest.closed_at,
                    latest.close_note,
                )
            )
            continue
        cover = next((view for view in open_closes if _locks(view.period, period)), None)
        if cover is not None:
            rows.append(
                PeriodStatus(
                    text,
                    period.label(),
                    PeriodState.COVERED,
                    cover.closed_by_label or cover.closed_by,
                    cover.closed_at,
                    cover.close_note,
                    cover.period,
                )
            )
        elif latest is not None:
            rows.append(
                PeriodStatus(
                    text,
                    period.label(),
                    PeriodState.REOPENED,
                    latest.reopened_by_label or latest.reopened_by,
                    latest.reopened_at,
                    latest.reopen_reason,
                )
            )
        else:
            rows.append(PeriodStatus(text, period.label(), PeriodState.OPEN))
    return rows


def _locks(closed_text: str, period: Period) -> bool:
    try:
        return locks(parse_closable(closed_text), period)
    except PeriodError:
        return False  # a period text from a newer program version: not ours to judge


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
            names = {
                u: n
                for u, n in session.execute(select(AccountRow.username, AccountRow.display_name))
            }
            return [_view(row, names) for row in rows]

    @requires(Action.VIEW)
    def closed_periods(self) -> list[str]:
        return sorted({view.period for view in self.history() if view.closed})

    @requires(Action.VIEW)
    def early_close_warning(self, period_text: str) -> str | None:
        """What closing the period today would lock before its last day (本季度到 … 结束，
        今天是 …), for the closing dialogs to ask and the command line to print; None
        when its last day has come. The close itself records it (add_period_lock)."""
        early = early_close(parse_closable(_parse(period_text)), self._clock().date())
        return None if early is None else early.warning()

    @requires(Action.CLOSE_PERIOD)
    def close(self, period_text: str, note: str = "") -> None:
        """Lock every row of the period. A full integrity_check runs first (DESIGN §5):
        a period is not sealed over a damaged file."""
        period = _parse(period_text)
        closed_at, closed_by = self._clock(), self.guard.actor.username
        parsed = parse_closable(period)
        if isinstance(parsed, Quarter):
            # A quarter's grades are checked and stored as it closes, whichever screen
            # (or command) closes it.
            close_quarter(self._uow, parsed, closed_by, closed_at, note)
            return
        if isinstance(parsed, HalfYear):
            # So is a half year's scoring (missing checks, unsettled ties refuse it).
            close_half(self._uow, parsed, closed_by, closed_at, note)
            return
        check_integrity(self._uow, period)

        def work(session: Session) -> None:
            # Its open quarters and halves are sealed with it: their grades and scores
            # are stored as their own close would store them, or the close is refused.
            for quarter in quarters_left_ungraded(session, period):
                store_ready_quarter(session, quarter, closed_at)
            for half in halves_left_unscored(session, parsed):
                store_ready_half(session, half, closed_at)
            # The year's 年度考核 last, its quarters' marks final now: every grade is
            # stored (or the close refused while a recommendation is over the quota …).
            store_ready_year(session, parsed.year, closed_at)
            add_period_lock(session, period, closed_by, closed_at, note)

        self._uow.write(work)

    @requires(Action.REOPEN_PERIOD)
    def reopen(self, period_text: str, reason: str) -> None:
        period = _parse(period_text)
        if not reason.strip():
            raise InputError(f"重新开放期间 {period} 必须填写理由（将记入操作日志）。")

        def work(session: Session) -> None:
            row = open_lock(session, period)
            if row is None:
                raise InputError(f"期间 {period} 没有关闭，无需重新开放。")
            row.reopened_at = self._clock().replace(microsecond=0)
            row.reopened_by = self.guard.actor.username
            row.reopen_reason = reason.strip()

        self._uow.write(work)
