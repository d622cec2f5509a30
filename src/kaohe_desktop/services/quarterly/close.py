"""Closing a quarter of 平时考核: store what the sheet computed, then lock it.

Refused while anyone is unscored or a flag is unsettled (GradingSheet.blockers).
The outcomes and the lock row are written in ONE transaction, after the same full
integrity_check every close runs (services/periods), so a quarter is never locked
with stale or missing results, nor results stored for a quarter left open.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, raiseload

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import GradeStatus, Grading
from kaohe_desktop.domain.leases import LeaseState
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.leases import lease_info, this_workstation
from kaohe_desktop.services.errors import InputError, QuarterNotReadyError
from kaohe_desktop.services.exchange.upsert import assign
from kaohe_desktop.services.files.period_locks import add_period_lock, check_integrity
from kaohe_desktop.services.quarterly.scheme import freeze_rules
from kaohe_desktop.services.quarterly.sheet import build_sheet, load_sheet
from kaohe_desktop.storage.models import EditLeaseRow, QuarterlyAssessmentRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork


def _ready(closed: bool, blockers: list[str], quarter: Quarter) -> None:
    if closed:
        raise InputError(f"{quarter.label()}已关闭（或所在的半年、年度已关闭），无需再关闭。")
    if blockers:
        raise QuarterNotReadyError(quarter.label(), blockers)


def store_outcomes(session: Session, quarter: Quarter, grading: Grading) -> None:
    """综合得分, 等次, 排名 and the tie flag of every row of the quarter, as computed.
    不定等次 rows keep none of them. Unchanged values are not written (a close after
    a reopen touches only what moved)."""
    rows = session.scalars(
        select(QuarterlyAssessmentRow)
        .options(raiseload(QuarterlyAssessmentRow.person))
        .where(QuarterlyAssessmentRow.quarter == str(quarter))
    )
    for row in rows:
        outcome = grading.outcomes.get(row.person_id)
        values: dict[str, object] = {"composite": None, "grade": None, "rank": None}
        if outcome is not None and outcome.status is GradeStatus.GRADED:
            grade = outcome.grade.value if outcome.grade is not None else None
            values = {"composite": outcome.composite, "grade": grade, "rank": outcome.rank}
        # A flag blocks the close, so what is kept is the tie the committee settled:
        # someone ≥ 90 held at 较好 by hand (the 备注 carries its reason).
        settled = (
            outcome is not None
            and outcome.overridden
            and outcome.grade is QuarterGrade.FAIRLY_GOOD
            and outcome.band is QuarterGrade.GOOD
        )
        assign(row, {**values, "tie_flag": settled}, keep_blank=False)


def _refuse_while_others_grade(session: Session, quarter: Quarter, now: datetime) -> None:
    """A clerk typing on another workstation would lose the cell in hand to the lock:
    the close waits until their grading lease is released or has gone stale."""
    rows = session.scalars(
        select(EditLeaseRow).where(
            EditLeaseRow.scope.startswith(f"grading:{quarter}:", autoescape=True),
            EditLeaseRow.workstation != this_workstation(),
        )
    )
    held = [
        info.describe(now)
        for info in (lease_info(r) for r in rows)
        if info.state(now) is LeaseState.ACTIVE
    ]  # fmt: skip
    if held:
        raise InputError(
            f"{quarter.label()}暂不能关闭：其他工作站正在录入评分。\n" + "\n".join(held),
            held,
        )


def store_ready_quarter(session: Session, quarter: Quarter, now: datetime) -> None:
    """Inside the closing write: refuse unless the quarter is ready, else store its
    outcomes. Read again here, since a score may have come in since any check before."""
    sheet = build_sheet(session, quarter)
    _ready(sheet.closed, sheet.blockers(), quarter)
    freeze_rules(session, quarter, now)
    store_outcomes(session, quarter, sheet.grading)
    session.flush()


def close_quarter(
    uow: UnitOfWork, quarter: Quarter, closed_by: str, now: datetime, note: str
) -> None:
    first = load_sheet(uow, quarter)
    _ready(first.closed, first.blockers(), quarter)
    check_integrity(uow, str(quarter))

    def work(session: Session) -> None:
        _refuse_while_others_grade(session, quarter, now)
        store_ready_quarter(session, quarter, now)
        add_period_lock(session, str(quarter), closed_by, now, note)

    uow.write(work)
