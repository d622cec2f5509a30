"""Closing a year's 年度考核: store every person's outcome before the year is locked.

PeriodService.close calls `store_ready_year` inside the year's closing write, after
the year's open quarters were stored (so the quarter marks read here are final) and
before the lock row is added (after it, the triggers refuse the annual rows). It
refuses, naming everyone, while anything is flagged (an 优秀 over the quota or not
eligible, a grade set by hand without its reason), else freezes the year's rules and
stores each listed person's grade, 优秀资格, 好次数 and 限制情形, adding a row for
whoever has none. A closed year shows what was stored here (annual_sheet); after a
reopen it is computed again, and the next close overwrites what is stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, raiseload

from kaohe_desktop.domain.annual_assessment import AnnualFlag, AnnualOutcome
from kaohe_desktop.domain.leases import annual_scope
from kaohe_desktop.domain.periods import Year
from kaohe_desktop.services.access.leases import held_elsewhere
from kaohe_desktop.services.archive.annual_scheme import freeze_annual_rules
from kaohe_desktop.services.archive.annual_sheet import YearAssessment, assess
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.exchange.upsert import assign
from kaohe_desktop.storage.models import AnnualAssessmentRow, QuarterlyAssessmentRow


def _refuse_while_others_decide(session: Session, year: int, now: datetime) -> None:
    """A clerk deciding on another workstation would lose the decision to the lock: the
    close waits until their annual lease is released or has gone stale."""
    info = held_elsewhere(session, annual_scope(year), now)
    if info is not None:
        raise InputError(
            f"{year}年度暂不能关闭：其他工作站正在录入年度考核。\n{info.describe(now)}",
            [info.describe(now)],
        )


def _blockers(assessment: YearAssessment) -> list[str]:
    outcome: AnnualOutcome = assessment.outcome
    counter = outcome.counter
    lines = []
    for person in assessment.people:
        standing = outcome.standings[person.person_id]
        if standing.flag is None:
            continue
        what = standing.flag.label
        if standing.flag is AnnualFlag.OVER_QUOTA:
            what += f"（名额 {counter.quota}，已推荐 {counter.recommended}，请取消多出的推荐）"
        elif standing.flag is AnnualFlag.RECOMMENDED_NOT_ELIGIBLE:
            what += f"（{standing.limits_text()}）"
        lines.append(
            f"{assessment.year}年度考核尚不能关闭：{person.department} {person.name}"
            f"（{person.code}）{what}"
        )
    return lines


def _has_quarterly_rows(session: Session, year: int) -> bool:
    qa = QuarterlyAssessmentRow
    statement = select(qa.id).where(qa.quarter.in_([str(q) for q in Year(year).quarters()]))
    return session.scalar(statement.limit(1)) is not None


def store_ready_year(session: Session, year: int, closed_at: datetime) -> None:
    """Inside the year's closing write: refuse while anything is flagged, else freeze
    the year's rules and store every listed person's outcome."""
    assessment = assess(session, year)
    if assessment.closed or not assessment.people:
        return  # closed already: the lock's own refusal says so
    if not _has_quarterly_rows(session, year) and not any(
        c.recommended or c.grade for c in assessment.choices.values()
    ):
        # A year closed for its ledger alone (no 平时考核 and no decision in it) has
        # nothing to assess: storing 称职 for everyone would invent a year's results.
        return
    _refuse_while_others_decide(session, year, closed_at)
    refuse(_blockers(assessment))
    freeze_annual_rules(session, year, closed_at)
    rows = {
        row.person_id: row
        for row in session.scalars(
            select(AnnualAssessmentRow)
            .options(raiseload(AnnualAssessmentRow.person))
            .where(AnnualAssessmentRow.year == year)
        )
    }
    for person in assessment.people:
        standing = assessment.outcome.standings[person.person_id]
        row = rows.get(person.person_id)
        if row is None:
            row = AnnualAssessmentRow(year=year, person_id=person.person_id, recommended=False)
            session.add(row)
        # Unchanged values are not written: a close after a reopen touches what moved.
        assign(
            row,
            {
                "final_grade": standing.grade.value,
                "eligible": standing.eligible,
                "good_count": standing.good_count,
                "limits": standing.limits_text(),
            },
            keep_blank=False,
        )
