"""Closing a half year: check its scoring, store every department's result, lock it.

Refused while a due check has no confirmed result or a tie straddling a quota line is
unsettled (HalfNotReadyError names each: 科室, 序号, 任务, 期间; the tied department).
The results and the lock row are written in ONE transaction, after the full
integrity_check every close runs, so a half is never locked with stale or missing
results. Its open quarters are sealed with it, as before (services/quarterly/close).
A half with nothing to score (no ledger, no entries) closes as it always did.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.leases import scoring_scope
from kaohe_desktop.domain.periods import HalfYear, Year
from kaohe_desktop.services.access.leases import held_elsewhere
from kaohe_desktop.services.errors import HalfNotReadyError, InputError
from kaohe_desktop.services.files.period_locks import (
    add_period_lock,
    check_integrity,
    is_closed,
    quarters_left_ungraded,
)
from kaohe_desktop.services.quarterly.close import store_ready_quarter
from kaohe_desktop.services.scoring.scheme import freeze_rules
from kaohe_desktop.services.scoring.sheet import build_sheet, is_scored, store_results
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.storage.unit_of_work import UnitOfWork


def _refuse_while_others_score(session: Session, half: HalfYear, now: datetime) -> None:
    """A clerk typing a 加减分 on another workstation would lose it to the lock: the
    close waits until their lease is released or has gone stale."""
    info = held_elsewhere(session, scoring_scope(str(half)), now)
    if info is not None:
        raise InputError(
            f"{half.label()}暂不能关闭：其他工作站正在录入加减分。\n{info.describe(now)}",
            [info.describe(now)],
        )


def _ready(session: Session, half: HalfYear, now: datetime) -> HalfYearSheet | None:
    """The half's sheet when it is to be stored at the close, None when it has nothing
    to score; refuse when it is closed already or not ready."""
    sheet = build_sheet(session, half, now.date())
    if sheet.closed:
        raise InputError(f"{half.label()}已关闭（或所在的年度已关闭），无需再关闭。")
    if not is_scored(session, half, sheet.scoring):
        return None
    blockers = sheet.blockers()
    if blockers:
        raise HalfNotReadyError(half.label(), blockers)
    return sheet


def store_ready_half(session: Session, half: HalfYear, now: datetime) -> None:
    """Inside the closing write: refuse unless the half is ready, else freeze its rules
    and store its results. Read again here: an entry may have come in since."""
    sheet = _ready(session, half, now)
    if sheet is not None:
        freeze_rules(session, half, now)
        store_results(session, half, sheet.scoring, now)


def halves_left_unscored(session: Session, year: Year) -> list[HalfYear]:
    """The halves of a year not closed themselves: a year's close seals them, so their
    results are stored then (or the year's close is refused)."""
    return [half for half in year.halves() if not is_closed(session, half)]


def close_half(uow: UnitOfWork, half: HalfYear, closed_by: str, now: datetime, note: str) -> None:
    with uow.read() as session:  # refuse early, before the integrity_check reads it all
        _ready(session, half, now)
    check_integrity(uow, str(half))

    def work(session: Session) -> None:
        _refuse_while_others_score(session, half, now)
        for quarter in quarters_left_ungraded(session, str(half)):
            store_ready_quarter(session, quarter, now)
        store_ready_half(session, half, now)
        add_period_lock(session, str(half), closed_by, now, note)

    uow.write(work)
