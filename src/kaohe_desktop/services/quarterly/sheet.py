"""Building one quarter's GradingSheet: the roster, its entries and the engine's outcome.

`build_sheet` is THE builder of a quarter's outcomes (综合得分, 等次, 排名, and for a
closed quarter what its close stored): the 季度考核 tab, the ranking workbook and PDF
(services/quarterly/ranking_export), the quarter's close, the assessment list and the
人员档案 (through `person_quarters`) all read the quarter through it, so what is
printed is what was on screen. While a quarter is open its 综合得分, 等次 and 排名 are
computed here, live; they are stored only when it closes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import LabeledEnum, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Candidate, Outcome, grade_quarter
from kaohe_desktop.domain.periods import Quarter, parse_quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.quarterly.roster import Roster, RosterEntry, load_roster
from kaohe_desktop.services.quarterly.scheme import rules_for
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.storage.models import (
    CommentRow,
    QuarterlyAssessmentRow,
)
from kaohe_desktop.storage.queries.org import bureau_name, staff_categories
from kaohe_desktop.storage.unit_of_work import UnitOfWork

E = TypeVar("E", bound=LabeledEnum)
ZERO = Decimal(0)


class Entry(NamedTuple):
    """What is stored for one person in the quarter (columns, not an ORM row; a tuple,
    as 10,000 of them are made for every sheet)."""

    id: int | None  # None: nothing stored yet (NO_ENTRY)
    version: int | None
    performance: Decimal | None
    leader: Decimal | None
    comment_points: Decimal | None
    override: QuarterGrade | None
    override_reason: str | None
    no_grade_reason: NoGradeReason | None
    # What the quarter's close stored (None while open, or for a close before issue 5).
    stored_composite: Decimal | None = None
    stored_grade: QuarterGrade | None = None
    stored_rank: int | None = None


NO_ENTRY = Entry(None, None, None, None, None, None, None, None)
NO_COMMENTS = (ZERO, 0)


def _enum(kind: type[E], code: str | None) -> E | None:
    # A code written by a newer program version is read as "not set" rather than
    # stopping the whole sheet.
    try:
        return None if code is None else kind(code)
    except ValueError:
        return None


def load_entries(
    session: Session, quarter: Quarter, only: Collection[int] | None = None
) -> dict[int, Entry]:
    qa = QuarterlyAssessmentRow
    statement = select(
        qa.person_id, qa.id, qa.version, qa.performance, qa.leader, qa.comment_points,
        qa.override, qa.override_reason, qa.no_grade_reason, qa.composite, qa.grade, qa.rank,
    ).where(qa.quarter == str(quarter))  # fmt: skip
    if only is not None:
        statement = statement.where(qa.person_id.in_(sorted(only)))
    entries = {}
    for row in session.connection().execute(statement):
        entries[row.person_id] = Entry(
            row.id,
            row.version,
            row.performance,
            row.leader,
            row.comment_points,
            _enum(QuarterGrade, row.override),
            row.override_reason,
            _enum(NoGradeReason, row.no_grade_reason),
            row.composite,
            _enum(QuarterGrade, row.grade),
            row.rank,
        )
    return entries


def _as_stored(outcome: Outcome, entry: Entry) -> Outcome:
    """A closed quarter shows what its close stored, not a recomputation: people added,
    moved or recategorised since must not change a result already posted."""
    if entry.stored_grade is None:
        return outcome
    return replace(
        outcome,
        composite=entry.stored_composite,
        grade=entry.stored_grade,
        rank=entry.stored_rank,
        flag=None,
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


def _candidates(inputs: _Inputs) -> list[Candidate]:
    category_names = dict(inputs.categories)
    candidates = []
    for person in inputs.people:
        entry = inputs.entries.get(person.person_id, NO_ENTRY)
        dated, _count = inputs.comments.get(person.person_id, NO_COMMENTS)
        reason = entry.no_grade_reason
        candidates.append(
            Candidate(
                person.person_id,
                person.department_id,
                category_names.get(person.category_id, ""),
                entry.performance,
                entry.leader,
                dated + (entry.comment_points or ZERO),
                entry.override,
                None if reason is None else reason.value,
            )
        )
    return candidates


def _rows(
    inputs: _Inputs, candidates: list[Candidate], outcomes: dict[int, Outcome]
) -> tuple[GradingRow, ...]:
    department_names = inputs.roster.department_names()
    rows = []
    for person, candidate in zip(inputs.people, candidates, strict=True):
        entry = inputs.entries.get(person.person_id, NO_ENTRY)
        outcome = outcomes[person.person_id]
        rows.append(
            GradingRow(
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
        )
    return tuple(rows)


def build_sheet(session: Session, quarter: Quarter) -> GradingSheet:
    """The quarter as the screens and reports show it, inside the caller's session."""
    inputs = _inputs(session, quarter)
    candidates = _candidates(inputs)
    grading = grade_quarter(candidates, inputs.rules)
    used = {person.department_id for person in inputs.people}
    return GradingSheet(
        quarter=quarter,
        bureau=bureau_name(session),
        rules=inputs.rules,
        rules_frozen=inputs.frozen,
        rows=_rows(inputs, candidates, dict(grading.outcomes)),
        grading=grading,
        closed=inputs.closed,
        departments=tuple((d, name) for d, name in inputs.roster.departments if d in used),
        categories=tuple(name for _, name in inputs.categories),
    )


def _row_alone(session: Session, quarter: Quarter, person_id: int) -> GradingRow | None:
    """One person's row of the quarter without grading the whole quarter, built by
    build_sheet's own pieces. Graded alone, only the person's own values are right
    (scores, 点评, 综合得分, band, status). Of a closed quarter, _as_stored puts back the
    等次 and 排名 its close stored; an override was honoured exactly when the stored grade
    is it (a close is refused while one is not). Of an open quarter, 等次 and 排名 are
    left empty: they depend on everyone's scores, and only the grid's sheet knows them."""
    inputs = _inputs(session, quarter, only={person_id})
    if not inputs.people:
        return None
    candidates = _candidates(inputs)
    alone = grade_quarter(candidates, inputs.rules).outcomes[person_id]
    if inputs.closed:
        entry = inputs.entries[person_id]
        honoured = entry.override is not None and entry.override == entry.stored_grade
        outcome = replace(alone, overridden=honoured)
    else:
        outcome = replace(alone, grade=None, rank=None, flag=None, overridden=False)
    return _rows(inputs, candidates, {person_id: outcome})[0]


def person_quarters(session: Session, person_id: int) -> list[tuple[Quarter, GradingRow]]:
    """Each quarter the person has an entry in, oldest first, with their row read for
    them alone (_row_alone): a closed quarter exactly as its close stored it, an open
    one with the person's own scores and 综合得分 but no 等次 or 排名 yet. Grading a whole
    open quarter for one person's archive took 0.3 s a quarter at 10,000 people."""
    quarters = session.scalars(
        select(QuarterlyAssessmentRow.quarter)
        .where(QuarterlyAssessmentRow.person_id == person_id)
        .order_by(QuarterlyAssessmentRow.quarter)
    ).all()
    found = []
    for text in quarters:
        quarter = parse_quarter(text)
        row = _row_alone(session, quarter, person_id)
        if row is not None:
            found.append((quarter, row))
    return found


def load_sheet(uow: UnitOfWork, quarter: Quarter) -> GradingSheet:
    """build_sheet in its own read snapshot (for services that hold only a unit of work)."""
    with uow.read() as session:
        return build_sheet(session, quarter)
