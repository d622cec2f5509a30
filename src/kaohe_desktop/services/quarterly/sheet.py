"""Building one quarter's GradingSheet: the roster, its entries and the engine's outcome.

`build_sheet` is THE builder of a quarter's outcomes (综合得分, 等次, 排名, and for a
closed quarter what its close stored): the 季度考核 tab, the ranking workbook and PDF
(services/quarterly/ranking_export), the quarter's close, the assessment list and the
人员档案 (through `person_quarter_rows`) all read the quarter through it, so what is
printed is what was on screen. While a quarter is open its 综合得分, 等次 and 排名 are
computed here, live; they are stored only when it closes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.grading import Candidate, Grading, Outcome, grade_quarter
from kaohe_desktop.domain.periods import Quarter, parse_quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.services.files.period_locks import closed_among, is_closed
from kaohe_desktop.services.quarterly.entries import (
    NO_COMMENTS,
    NO_ENTRY,
    ZERO,
    Entry,
    entry,
    entry_columns,
    load_entries,
)
from kaohe_desktop.services.quarterly.roster import (
    Roster,
    RosterEntry,
    load_roster,
    person_rosters,
)
from kaohe_desktop.services.quarterly.scheme import rules_for, rules_for_quarters
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.storage.models import (
    CommentRow,
    QuarterlyAssessmentRow,
)
from kaohe_desktop.storage.queries.org import bureau_name, staff_categories
from kaohe_desktop.storage.unit_of_work import UnitOfWork


def _as_stored(outcome: Outcome, entry: Entry) -> Outcome:
    """A closed quarter shows what its close stored, not a recomputation: people added,
    moved or recategorised since must not change a result already posted."""
    if entry.stored_grade is None:
        return outcome
    # Outcome(...) rather than dataclasses.replace: a closed quarter of 10,000 people
    # replaces every outcome, and replace() took 50 ms of its sheet.
    return Outcome(
        outcome.person_id,
        outcome.status,
        outcome.performance_total,
        entry.stored_composite,
        outcome.band,
        entry.stored_grade,
        entry.stored_rank,
        None,
        outcome.overridden,
        # Not stored by a close: worked out from the scores, which a closed quarter keeps.
        outcome.overall_rank,
    )


def comment_totals(
    session: Session, quarter: Quarter, only: Collection[int] | None = None
) -> dict[int, tuple[Decimal, int]]:
    """Σ points and count of each person's 点评 dated inside the quarter."""
    statement = (
        select(CommentRow.person_id, func.sum(CommentRow.points), func.count())
        .where(in_quarter(quarter))
        .group_by(CommentRow.person_id)
    )
    if only is not None:
        statement = statement.where(CommentRow.person_id.in_(sorted(only)))
    return {pid: (total or ZERO, count) for pid, total, count in session.execute(statement)}


def in_quarter(quarter: Quarter) -> ColumnElement[bool]:
    """The 点评 that count in `quarter`: those dated inside it (DESIGN §4). The one
    place that says so; every query of a quarter's comments filters by it."""
    return CommentRow.commented_on.between(quarter.start, quarter.end)


class _Inputs(NamedTuple):
    """What is stored for a quarter (or some of its people), before any grading."""

    rules: QuarterlyRules
    frozen: bool
    roster: Roster
    people: list[RosterEntry]  # in department order, then 编号
    entries: dict[int, Entry]
    comments: dict[int, tuple[Decimal, int]]
    categories: list[tuple[int, str]]
    closed: bool


def _inputs(session: Session, quarter: Quarter, only: Collection[int] | None = None) -> _Inputs:
    rules, frozen = rules_for(session, quarter)
    roster = load_roster(session, quarter, only)
    entries = load_entries(session, quarter, only)
    comments = comment_totals(session, quarter, only)
    order = {department_id: n for n, (department_id, _) in enumerate(roster.departments)}
    people = sorted(roster.entries, key=lambda p: (order.get(p.department_id, len(order)), p.code))
    closed = is_closed(session, quarter)
    if closed:  # its roster is who was graded then: everyone had a row to be closed
        people = [p for p in people if p.person_id in entries]
    categories = staff_categories(session)
    return _Inputs(rules, frozen, roster, people, entries, comments, categories, closed)


def candidate(person: RosterEntry, entry: Entry, dated: Decimal, category: str) -> Candidate:
    """One person as the engine sees them; `dated`: Σ of their 点评 dated in the quarter."""
    reason = entry.no_grade_reason
    return Candidate(
        person.person_id,
        person.department_id,
        category,
        entry.performance,
        entry.leader,
        dated + (entry.comment_points or ZERO),
        entry.override,
        None if reason is None else reason.value,
    )


def _candidates(inputs: _Inputs) -> list[Candidate]:
    category_names = dict(inputs.categories)
    entries, comments = inputs.entries, inputs.comments
    return [
        candidate(
            person,
            entries.get(person.person_id, NO_ENTRY),
            comments.get(person.person_id, NO_COMMENTS)[0],
            category_names.get(person.category_id, ""),
        )
        for person in inputs.people
    ]


def grading_row(
    inputs: _Inputs,
    person: RosterEntry,
    candidate: Candidate,
    outcome: Outcome,
    department_names: dict[int, str],
) -> GradingRow:
    """One person's row of the sheet (of a closed quarter, with what its close stored)."""
    entry = inputs.entries.get(person.person_id, NO_ENTRY)
    return GradingRow(
        person_id=person.person_id,
        code=person.code,
        name=person.name,
        position=person.position,
        department_id=person.department_id,
        department=department_names.get(person.department_id, ""),
        category=candidate.category,
        moves=person.moves,
        assessment_id=entry.id,
        version=entry.version,
        performance=entry.performance,
        leader=entry.leader,
        row_comment_points=entry.comment_points,
        comment_points=candidate.comment_points,
        comment_count=inputs.comments.get(person.person_id, NO_COMMENTS)[1],
        override=entry.override,
        override_reason=entry.override_reason,
        no_grade_reason=entry.no_grade_reason,
        outcome=_as_stored(outcome, entry) if inputs.closed else outcome,
    )


def _rows(
    inputs: _Inputs, candidates: list[Candidate], outcomes: dict[int, Outcome]
) -> tuple[GradingRow, ...]:
    names = inputs.roster.department_names()
    return tuple(
        grading_row(inputs, person, candidate, outcomes[person.person_id], names)
        for person, candidate in zip(inputs.people, candidates, strict=True)
    )


def assemble(
    bureau: str, quarter: Quarter, inputs: _Inputs, rows: tuple[GradingRow, ...], grading: Grading
) -> GradingSheet:
    """The GradingSheet of graded rows (build_sheet's, and the kept sheets')."""
    used = {person.department_id for person in inputs.people}
    return GradingSheet(
        quarter=quarter,
        bureau=bureau,
        rules=inputs.rules,
        rules_frozen=inputs.frozen,
        rows=rows,
        grading=grading,
        closed=inputs.closed,
        departments=tuple((d, name) for d, name in inputs.roster.departments if d in used),
        categories=tuple(name for _, name in inputs.categories),
    )


def build_sheet(session: Session, quarter: Quarter) -> GradingSheet:
    """The quarter as the screens and reports show it, inside the caller's session."""
    inputs = _inputs(session, quarter)
    candidates = _candidates(inputs)
    grading = grade_quarter(candidates, inputs.rules)
    rows = _rows(inputs, candidates, grading.outcomes)
    return assemble(bureau_name(session), quarter, inputs, rows, grading)


def _row_alone(inputs: _Inputs, person_id: int) -> GradingRow:
    """One person's row of the quarter without grading the whole quarter, from inputs
    read for them alone, by build_sheet's own pieces. Graded alone, only the person's own
    values are right (scores, 点评, 综合得分, band, status). Of a closed quarter, _as_stored
    puts back the 等次 and 排名 its close stored; an override was honoured exactly when the
    stored grade is it (a close is refused while one is not). Of an open quarter, 等次 and
    排名 are left empty: they depend on everyone's scores, and only the grid's sheet knows
    them."""
    candidates = _candidates(inputs)
    alone = grade_quarter(candidates, inputs.rules).outcomes[person_id]
    if inputs.closed:
        entry = inputs.entries[person_id]
        honoured = entry.override is not None and entry.override == entry.stored_grade
        # Graded alone, the person would be first of everyone: 全局排名 is not stored.
        outcome = replace(alone, overridden=honoured, overall_rank=None)
    else:
        outcome = replace(
            alone, grade=None, rank=None, flag=None, overridden=False, overall_rank=None
        )
    return _rows(inputs, candidates, {person_id: outcome})[0]


def _person_comments(
    session: Session, person_id: int, quarters: list[Quarter]
) -> dict[Quarter, tuple[Decimal, int]]:
    """comment_totals of one person for each of `quarters`, in one query (a Σ and a
    count per quarter, each over in_quarter)."""
    columns = []
    for quarter in quarters:
        inside = in_quarter(quarter)
        columns += [func.sum(case((inside, CommentRow.points))), func.count(case((inside, 1)))]
    row = session.execute(select(*columns).where(CommentRow.person_id == person_id)).one()
    return {
        quarter: (row[2 * n] or ZERO, row[2 * n + 1])
        for n, quarter in enumerate(quarters)
        if row[2 * n + 1]
    }


class PersonQuarter(NamedTuple):
    quarter: Quarter
    row: GradingRow  # read for the person alone (_row_alone)
    closed: bool  # locked: the row holds what the close stored


def person_quarter_rows(session: Session, person_id: int) -> list[PersonQuarter]:
    """Each quarter the person has an entry in, oldest first, with their row read for
    them alone (_row_alone): a closed quarter exactly as its close stored it, an open
    one with the person's own scores and 综合得分 but no 等次 or 排名 yet (grading a whole
    open quarter takes 0.3 s at 10,000 people: services/archive/quarter_outcomes keeps
    them). The person's rows, stints and 点评 of every quarter are read at once, not
    quarter by quarter: a handful of queries, plus each quarter's rules and lock."""
    qa = QuarterlyAssessmentRow
    statement = (
        select(qa.quarter, *entry_columns()).where(qa.person_id == person_id).order_by(qa.quarter)
    )
    entries = {
        parse_quarter(row[0]): entry(row[1:]) for row in session.connection().execute(statement)
    }
    if not entries:
        return []
    quarters = list(entries)
    rosters = person_rosters(session, person_id, quarters)
    comments = _person_comments(session, person_id, quarters)
    categories = staff_categories(session)
    schemes = rules_for_quarters(session, quarters)
    closed_quarters = closed_among(session, quarters)
    found = []
    for quarter in quarters:
        roster = rosters.get(quarter)
        if roster is None:  # the person is gone (deleted meanwhile)
            continue
        rules, frozen = schemes[quarter]
        closed = quarter in closed_quarters
        inputs = _Inputs(
            rules, frozen, roster, roster.entries, {person_id: entries[quarter]},
            {person_id: comments[quarter]} if quarter in comments else {},
            categories, closed,
        )  # fmt: skip
        found.append(PersonQuarter(quarter, _row_alone(inputs, person_id), closed))
    return found


def load_sheet(uow: UnitOfWork, quarter: Quarter) -> GradingSheet:
    """build_sheet in its own read snapshot (for services that hold only a unit of work)."""
    with uow.read() as session:
        return build_sheet(session, quarter)
