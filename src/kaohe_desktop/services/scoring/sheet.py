"""Building one half year's scoring: THE builder of a half's results.

The 半年考核 tab, the score workbook and PDF, the year (年底算账) and the half's close
all read a half through `build_sheet` / `build_scoring`, so what is printed is what
was on screen. While a half is open, its results are computed live from the ledger's
checks and the entries; they are stored (department_score) only when it closes, and a
closed half shows what its close stored, not a recomputation: a task's 分值 or a
department's 组别 changed since (the year may still be open) must not change a result
already posted. Its sources (the drill-down) are still those of the locked entries.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import AdjustmentCategory, DepartmentGrade
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES
from kaohe_desktop.domain.half_year_scoring import (
    DepartmentResult,
    HalfYearScoring,
    score_half,
)
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.services.exchange.upsert import assign
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.scoring.inputs import (
    decisions_of,
    engine_inputs,
    load_entries,
)
from kaohe_desktop.services.scoring.scheme import rules_for
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    DepartmentScoreRow,
    SchemeRow,
    ScoreDecisionRow,
    VetoRow,
)
from kaohe_desktop.storage.unit_of_work import UnitOfWork

# department_score's columns of the four scored categories.
COLUMNS = {
    AdjustmentCategory.BUSINESS: "business",
    AdjustmentCategory.INTEGRITY: "integrity",
    AdjustmentCategory.CIVILITY: "civility",
    AdjustmentCategory.ATTENDANCE: "attendance",
}


def build_sheet(session: Session, half: HalfYear, today: date) -> HalfYearSheet:
    """The half as the screens and reports show it, inside the caller's session."""
    rules, frozen = rules_for(session, half)
    entries = load_entries(session, half)
    inputs = engine_inputs(session, half, today, entries)
    scoring = score_half(inputs, rules, decisions_of(entries))
    closed = is_closed(session, half)
    if closed:
        scoring = _as_stored(session, half, scoring)
    return HalfYearSheet(
        half=half,
        scoring=scoring,
        rules_frozen=frozen,
        closed=closed,
        adjustments=tuple(entries.adjustments),
        vetoes=tuple(entries.vetoes),
        decisions=tuple(entries.decisions),
    )


def load_sheet(uow: UnitOfWork, half: HalfYear, today: date) -> HalfYearSheet:
    with uow.read() as session:
        return build_sheet(session, half, today)


def build_scoring(session: Session, half: HalfYear, today: date) -> HalfYearScoring:
    return build_sheet(session, half, today).scoring


def _grade(code: str | None) -> DepartmentGrade | None:
    try:
        return None if code is None else DepartmentGrade(code)
    except ValueError:
        return None


def _stored(result: DepartmentResult, row: DepartmentScoreRow, base: Decimal) -> DepartmentResult:
    categories = tuple((c, getattr(row, COLUMNS[c])) for c in SCORED_CATEGORIES)
    grade = _grade(row.grade) or result.grade
    return replace(
        result,
        categories=categories,
        bonus=row.bonus,
        deductions_total=base - sum((v for _, v in categories), Decimal(0)),
        total=row.total,
        rank_in_group=row.rank_in_group or result.rank_in_group,
        rank_overall=row.rank_overall or result.rank_overall,
        grade=grade,
        advanced=row.advanced,
        flagged=False,  # a close is refused while a tie is unsettled
        missing=(),  # and while a check is missing
    )


def _as_stored(session: Session, half: HalfYear, scoring: HalfYearScoring) -> HalfYearScoring:
    """The results the close stored, for the departments it stored. A half closed
    before the scoring existed (nothing stored) shows the recomputation."""
    rows = {
        row.department_id: row
        for row in session.scalars(
            select(DepartmentScoreRow).where(DepartmentScoreRow.half == str(half))
        )
    }
    if not rows:
        return scoring
    base = scoring.rules.base
    results = tuple(
        _stored(result, rows[result.department_id], base)
        for result in scoring.results
        if result.department_id in rows
    )
    return replace(scoring, results=results)


def is_scored(session: Session, half: HalfYear, scoring: HalfYearScoring) -> bool:
    """Whether the half has a scoring to check and store at its close: something due in
    it, something entered for it, or its rules frozen. A bureau that keeps no ledger
    and enters nothing (only 平时考核) closes its halves as before."""
    if any(result.sources for result in scoring.results):
        return True
    text = str(half)
    entered = (
        exists().where(AdjustmentRow.half == text),
        exists().where(VetoRow.half == text),
        exists().where(ScoreDecisionRow.half == text),
        # A scheme only set ahead (not frozen) is no entry.
        exists().where(SchemeRow.period == text, SchemeRow.frozen_at.is_not(None)),
    )
    return any(session.scalar(select(clause)) for clause in entered)


def store_results(
    session: Session, half: HalfYear, scoring: HalfYearScoring, now: datetime
) -> None:
    """Inside the closing write: every department's result as department_score rows.
    Unchanged values are not written (a close after a reopen touches what moved)."""
    stored = {
        row.department_id: row
        for row in session.scalars(
            select(DepartmentScoreRow).where(DepartmentScoreRow.half == str(half))
        )
    }
    for result in scoring.results:
        values: dict[str, object] = {COLUMNS[c]: v for c, v in result.categories}
        values.update(
            bonus=result.bonus,
            total=result.total,
            rank_in_group=result.rank_in_group,
            rank_overall=result.rank_overall,
            grade=result.grade.value,
            advanced=result.advanced,
            # A flag blocks the close, so what is kept is the tie the committee settled.
            flagged=result.decided,
        )
        row = stored.pop(result.department_id, None)
        if row is None:
            row = DepartmentScoreRow(half=str(half), department_id=result.department_id)
            session.add(row)
        if assign(row, values, keep_blank=False) or row.computed_at is None:
            row.computed_at = now.replace(microsecond=0)
    for row in stored.values():  # a department no longer scored in the half
        session.delete(row)
    session.flush()
