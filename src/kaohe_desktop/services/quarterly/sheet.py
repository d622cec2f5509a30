"""Building one quarter's GradingSheet: the roster, its entries and the engine's outcome.

`build_sheet` is THE builder of a quarter's outcomes (综合得分, 等次, 排名, and for a
closed quarter what its close stored): the 季度考核 tab, the ranking workbook and PDF
(services/quarterly/ranking_export), the quarter's close, the assessment list and the
人员档案 (through `person_quarters`) all read the quarter through it, so what is
printed is what was on screen. While a quarter is open its 综合得分, 等次 and 排名 are
computed here, live; they are stored only when it closes.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import LabeledEnum, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Candidate, Outcome, grade_quarter
from kaohe_desktop.domain.periods import Quarter, parse_quarter
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.quarterly.roster import load_roster
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


def load_entries(session: Session, quarter: Quarter) -> dict[int, Entry]:
    qa = QuarterlyAssessmentRow
    statement = select(
        qa.person_id, qa.id, qa.version, qa.performance, qa.leader, qa.comment_points,
        qa.override, qa.override_reason, qa.no_grade_reason, qa.composite, qa.grade, qa.rank,
    ).where(qa.quarter == str(quarter))  # fmt: skip
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


def comment_totals(session: Session, quarter: Quarter) -> dict[int, tuple[Decimal, int]]:
    """Σ points and count of each person's 点评 dated inside the quarter."""
    statement = (
        select(CommentRow.person_id, func.sum(CommentRow.points), func.count())
        .where(in_quarter(quarter))
        .group_by(CommentRow.person_id)
    )
    return {pid: (total or ZERO, count) for pid, total, count in session.execute(statement)}


def in_quarter(quarter: Quarter) -> ColumnElement[bool]:
    """The 点评 that count in `quarter`: those dated inside it (DESIGN §4). The one
    place that says so; every query of a quarter's comments filters by it."""
    return CommentRow.commented_on.between(quarter.start, quarter.end)


def build_sheet(session: Session, quarter: Quarter) -> GradingSheet:
    """The quarter as the screens and reports show it, inside the caller's session."""
    rules, frozen = rules_for(session, quarter)
    roster = load_roster(session, quarter)
    entries = load_entries(session, quarter)
    comments = comment_totals(session, quarter)
    categories = staff_categories(session)
    category_names = dict(categories)
    department_names = roster.department_names()
    order = {department_id: n for n, (department_id, _) in enumerate(roster.departments)}
    people = sorted(roster.entries, key=lambda p: (order.get(p.department_id, len(order)), p.code))
    closed = is_closed(session, quarter)
    if closed:  # its roster is who was graded then: everyone had a row to be closed
        people = [p for p in people if p.person_id in entries]

    candidates = []
    for person in people:
        entry = entries.get(person.person_id, NO_ENTRY)
        dated, _count = comments.get(person.person_id, NO_COMMENTS)
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
    grading = grade_quarter(candidates, rules)
    rows = []
    for person, candidate in zip(people, candidates, strict=True):
        entry = entries.get(person.person_id, NO_ENTRY)
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
                comment_count=comments.get(person.person_id, NO_COMMENTS)[1],
                override=entry.override,
                override_reason=entry.override_reason,
                no_grade_reason=entry.no_grade_reason,
                outcome=(
                    _as_stored(grading.outcomes[person.person_id], entry)
                    if closed
                    else grading.outcomes[person.person_id]
                ),
            )
        )
    used = {person.department_id for person in people}
    bureau = bureau_name(session)
    return GradingSheet(
        quarter=quarter,
        bureau=bureau,
        rules=rules,
        rules_frozen=frozen,
        rows=tuple(rows),
        grading=grading,
        closed=closed,
        departments=tuple((d, name) for d, name in roster.departments if d in used),
        categories=tuple(name for _, name in categories),
    )


def person_quarters(session: Session, person_id: int) -> list[tuple[Quarter, GradingRow]]:
    """Each quarter the person has an entry in, oldest first, with their row of that
    quarter's sheet: the 人员档案 shows exactly what the grid and the close show."""
    quarters = session.scalars(
        select(QuarterlyAssessmentRow.quarter)
        .where(QuarterlyAssessmentRow.person_id == person_id)
        .order_by(QuarterlyAssessmentRow.quarter)
    ).all()
    found = []
    for text in quarters:
        quarter = parse_quarter(text)
        sheet = build_sheet(session, quarter)
        row = next((r for r in sheet.rows if r.person_id == person_id), None)
        if row is not None:
            found.append((quarter, row))
    return found


def load_sheet(uow: UnitOfWork, quarter: Quarter) -> GradingSheet:
    """build_sheet in its own read snapshot (for services that hold only a unit of work)."""
    with uow.read() as session:
        return build_sheet(session, quarter)
