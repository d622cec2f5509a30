"""Building one quarter's GradingSheet: the roster, its entries and the engine's outcome.

`build_sheet` is THE builder: the 季度考核 tab, the ranking workbook and PDF
(services/ranking_export) and the quarter's close all read the quarter through it,
so what is printed is what was on screen. While a quarter is open its 综合得分,
等次 and 排名 are computed here, live; they are stored only when it closes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import LabeledEnum, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Candidate, grade_quarter
from kaohe_desktop.domain.periods import Quarter, month_span
from kaohe_desktop.services.grading_roster import load_roster
from kaohe_desktop.services.grading_scheme import rules_for
from kaohe_desktop.services.grading_views import GradingRow, GradingSheet
from kaohe_desktop.storage.models import (
    BureauRow,
    CommentRow,
    PeriodLockRow,
    QuarterlyAssessmentRow,
    StaffCategoryRow,
)
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
        qa.override, qa.override_reason, qa.no_grade_reason,
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
        )
    return entries


def comment_totals(session: Session, quarter: Quarter) -> dict[int, tuple[Decimal, int]]:
    """Σ points and count of each person's 点评 dated inside the quarter."""
    statement = (
        select(CommentRow.person_id, func.sum(CommentRow.points), func.count())
        .where(CommentRow.commented_on.between(quarter.start, quarter.end))
        .group_by(CommentRow.person_id)
    )
    return {pid: (total or ZERO, count) for pid, total, count in session.execute(statement)}


def is_closed(session: Session, quarter: Quarter) -> bool:
    """Locked by its own close or by a closed half year or year (the triggers' rule)."""
    first, last = month_span(quarter)
    statement = select(func.count()).where(
        PeriodLockRow.reopened_at.is_(None),
        PeriodLockRow.first_month <= first,
        PeriodLockRow.last_month >= last,
    )
    return bool(session.scalar(statement))


def build_sheet(session: Session, quarter: Quarter) -> GradingSheet:
    """The quarter as the screens and reports show it, inside the caller's session."""
    rules, frozen = rules_for(session, quarter)
    roster = load_roster(session, quarter)
    entries = load_entries(session, quarter)
    comments = comment_totals(session, quarter)
    categories = [
        (cid, name)
        for cid, name in session.execute(
            select(StaffCategoryRow.id, StaffCategoryRow.name).order_by(
                StaffCategoryRow.sort_order, StaffCategoryRow.id
            )
        )
    ]
    category_names = dict(categories)
    department_names = roster.department_names()
    order = {department_id: n for n, (department_id, _) in enumerate(roster.departments)}
    people = sorted(roster.entries, key=lambda p: (order.get(p.department_id, len(order)), p.code))

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
                outcome=grading.outcomes[person.person_id],
            )
        )
    used = {person.department_id for person in people}
    bureau = session.scalars(select(BureauRow.name)).first() or ""
    return GradingSheet(
        quarter=quarter,
        bureau=bureau,
        rules=rules,
        rules_frozen=frozen,
        rows=tuple(rows),
        grading=grading,
        closed=is_closed(session, quarter),
        departments=tuple((d, name) for d, name in roster.departments if d in used),
        categories=tuple(name for _, name in categories),
    )


def load_sheet(uow: UnitOfWork, quarter: Quarter) -> GradingSheet:
    """build_sheet in its own read snapshot (for services that hold only a unit of work)."""
    with uow.read() as session:
        return build_sheet(session, quarter)
