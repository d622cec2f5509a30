"""Closing a quarter of 平时考核: store what the sheet computed, then lock it.

Refused while anyone is unscored or a flag is unsettled (GradingSheet.blockers).
The outcomes and the lock row are written in ONE transaction, after the same full
integrity_check every close runs (services/periods), so a quarter is never locked
with stale or missing results, nor results stored for a quarter left open.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import GradeStatus, Grading
from kaohe_desktop.domain.leases import LeaseState
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.leases import lease_info, this_workstation
from kaohe_desktop.services.errors import InputError, QuarterNotReadyError
from kaohe_desktop.services.exchange.bulk import BulkTable
from kaohe_desktop.services.files.period_locks import add_period_lock, check_integrity
from kaohe_desktop.services.quarterly.scheme import freeze_rules
from kaohe_desktop.services.quarterly.sheet import build_sheet, load_sheet
from kaohe_desktop.storage.audit import ACCOUNT_KEY, record_entries
from kaohe_desktop.storage.models import EditLeaseRow, QuarterlyAssessmentRow
from kaohe_desktop.storage.row_digests import BulkContext
from kaohe_desktop.storage.unit_of_work import UnitOfWork

QUARTER_ENTRY = 1_000_000  # a quarter's close is one audit entry, whatever the staff
OUTCOME_COLUMNS = ("composite", "grade", "rank", "tie_flag")


def _ready(closed: bool, blockers: list[str], quarter: Quarter) -> None:
    if closed:
        raise InputError(f"{quarter.label()}已关闭（或所在的半年、年度已关闭），无需再关闭。")
    if blockers:
        raise QuarterNotReadyError(quarter.label(), blockers)


def store_outcomes(session: Session, quarter: Quarter, grading: Grading) -> None:
    """综合得分, 等次, 排名 and the tie flag of every row of the quarter, as computed.
    不定等次 rows keep none of them. Unchanged values are not written (a close after
    a reopen touches only what moved).

    Written with SQLAlchemy Core and audited in one compact entry for the quarter
    (services/exchange/bulk, storage/row_digests): the stored values of each changed
    row by person id, what they were before, and each row's digest. A county quarter
    stores 10,000 rows; as an ORM flush with an audit row each it took a second and
    2.5 MB of the file."""
    session.flush()  # what the close wrote before (the frozen scheme) goes first
    table = cast(Table, QuarterlyAssessmentRow.__table__)
    rows = BulkTable(
        session.connection(),
        table,
        "平时考核",
        ("id",),
        ("person_id", *OUTCOME_COLUMNS),
        table.c.quarter == str(quarter),
    )
    for key in list(rows.rows):
        outcome = grading.outcomes.get(rows.get(key, "person_id"))
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
        rows.upsert(key, {**values, "tie_flag": settled}, keep_blank=False)
    if not rows.pending:
        return
    rows.write(lambda _rows: None)
    account = session.info.get(ACCOUNT_KEY)
    if account is not None:  # as storage/audit: a session without one is not audited
        context = BulkContext("close", f"关闭{quarter.label()}", {"period": str(quarter)})
        entries = rows.audit_entries(
            context, whole=OUTCOME_COLUMNS, of=("person_id",), rows_per_entry=QUARTER_ENTRY
        )
        record_entries(session.connection(), str(account), entries)
    # The ORM may hold rows of the quarter read before (the sheet): they are stale now.
    for held in list(session.identity_map.values()):
        if isinstance(held, QuarterlyAssessmentRow) and held.quarter == str(quarter):
            session.expire(held)


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
