"""一人一档: one person's whole archive (PersonArchiveView), and everyone to find.

`load_archive` is the one reader of an archive: the 人员档案 tab (PersonArchive.archive),
the records' writes (services/archive/records, which return the fresh archive) and the
archive PDF (services/archive/archive_print) all read it, so what is printed is what
is shown. Every quarter is read through the one outcomes function
(services/quarterly/sheet.person_quarter_rows): a closed quarter as its close stored it,
an open one with the person's own scores, and the 等次 / 排名 / flag the quarter's grid
gives it, from the grid's own kept sheet (services/archive/open_outcomes: grading a
whole open quarter takes 0.3 s at 10,000 people; the archive must open at once). The
years come from services/archive/annual_sheet.person_annual. The rest is the person's own rows,
read by person_id (each table has that index): a handful of queries a person.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.discipline_rules import effects_in_words
from kaohe_desktop.domain.enums import (
    CommendationType,
    CommentKind,
    DisciplineType,
    TalkKind,
    label_or_none,
)
from kaohe_desktop.domain.grading import Outcome
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.domain.talk_rules import is_principal
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.archive.annual_sheet import person_annual
from kaohe_desktop.services.archive.archive_timeline import timeline
from kaohe_desktop.services.archive.open_outcomes import QuarterOutcomes
from kaohe_desktop.services.archive.person_finder import find_rows
from kaohe_desktop.services.archive.views import (
    ArchiveEntry,
    ArchiveQuarter,
    CommentView,
    PersonArchiveView,
    PersonFindRow,
    RewardView,
    StintView,
    TalkView,
)
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.org.people import person_view
from kaohe_desktop.services.quarterly.roster import GONE
from kaohe_desktop.services.quarterly.sheet import person_quarter_rows
from kaohe_desktop.services.quarterly.sheet_cache import QuarterSheets
from kaohe_desktop.services.quarterly.views import GradingRow
from kaohe_desktop.storage.models import (
    CommendationRow,
    CommentRow,
    DepartmentRow,
    DisciplineRow,
    PersonDepartmentRow,
    PersonRow,
    TalkRow,
)
from kaohe_desktop.storage.unit_of_work import UnitOfWork

ZERO = Decimal(0)
CENTS = Decimal("0.01")


class PersonArchive:
    def __init__(
        self, guard: Guard, uow: UnitOfWork, *, sheets: QuarterSheets | None = None
    ) -> None:
        self.guard = guard
        self._uow = uow
        # Open quarters' outcomes, shared with the records' writes (ArchiveRecords) and
        # the 年度考核 (AnnualService), from the quarters' sheets the grid keeps
        # (`sheets`: the Workspace passes the grid's, so a quarter is graded once).
        self.outcomes = QuarterOutcomes(sheets)

    @requires(Action.VIEW)
    def people(self) -> list[PersonFindRow]:
        """Everyone, out of service too (marked), in the bureau's order, with the pinyin
        initials the search matches (domain/person_search.matches)."""
        with self._uow.read() as session:
            return find_rows(session)

    @requires(Action.VIEW)
    def archive(self, person_id: int) -> PersonArchiveView:
        """The person's whole archive (InputError if there is no such person)."""
        with self._uow.read() as session:
            return load_archive(session, person_id, self.outcomes)

    @requires(Action.VIEW)
    def entries(self, person_id: int) -> list[ArchiveEntry]:
        """The archive as one dated timeline, newest first (the tab before issue 15)."""
        return timeline(self.archive(person_id))


def load_archive(session: Session, person_id: int, outcomes: QuarterOutcomes) -> PersonArchiveView:
    """The archive of `person_id` read in the caller's session (InputError if the person
    does not exist). `outcomes` keeps open quarters' grades between calls: share one
    across the people of a print."""
    row = session.get(PersonRow, person_id)
    if row is None:
        raise InputError(f"未找到该人员（内部编号 {person_id}），可能已被删除，请刷新列表。")
    commendations = session.scalars(
        select(CommendationRow)
        .where(CommendationRow.person_id == person_id)
        .order_by(CommendationRow.awarded_on.desc(), CommendationRow.id.desc())
    ).all()
    disciplines = session.scalars(
        select(DisciplineRow)
        .where(DisciplineRow.person_id == person_id)
        .order_by(DisciplineRow.decided_on.desc(), DisciplineRow.id.desc())
    ).all()
    talks = session.scalars(
        select(TalkRow)
        .where(TalkRow.person_id == person_id)
        .order_by(TalkRow.talked_on.desc(), TalkRow.id.desc())
    ).all()
    return PersonArchiveView(
        person=person_view(row),
        in_service=row.status not in GONE,
        principal=is_principal(row.position),
        stints=_stints(session, person_id),
        quarters=_quarters(session, person_id, outcomes),
        annual=person_annual(session, person_id, outcomes),
        commendations=tuple(_commendation(r) for r in commendations),
        disciplines=tuple(_discipline(r) for r in disciplines),
        talks=tuple(_talk(r) for r in talks),
        comments=_comments(session, person_id),
    )


def _stints(session: Session, person_id: int) -> tuple[StintView, ...]:
    statement = (
        select(DepartmentRow.name, PersonDepartmentRow.start_date, PersonDepartmentRow.end_date)
        .join(DepartmentRow, DepartmentRow.id == PersonDepartmentRow.department_id)
        .where(PersonDepartmentRow.person_id == person_id)
        .order_by(PersonDepartmentRow.start_date, PersonDepartmentRow.id)
    )
    return tuple(StintView(name, start, end) for name, start, end in session.execute(statement))


def _quarters(
    session: Session, person_id: int, outcomes: QuarterOutcomes
) -> tuple[ArchiveQuarter, ...]:
    found = []
    for quarter, row, closed in person_quarter_rows(session, person_id):
        outcome = row.outcome
        if not closed:  # the grid's 等次 / 排名 / flag: they depend on everyone
            graded = outcomes.outcomes(session, quarter).get(person_id)
            if graded is not None:  # always: the person's row puts them on the roster
                outcome = replace(
                    outcome, grade=graded.grade, rank=graded.rank, flag=graded.flag,
                    overridden=graded.overridden,
                )  # fmt: skip
        found.append(_quarter(quarter, row, outcome, closed))
    return tuple(found)


def _plain(value: Decimal | None) -> Decimal | None:
    """A stored number as the clerk wrote it: 70, not 7E+1 (storage normalises whole
    hundreds into exponent form)."""
    return None if value is None else Decimal(format(value, "f"))


def _quarter(quarter: Quarter, row: GradingRow, outcome: Outcome, closed: bool) -> ArchiveQuarter:
    composite = outcome.composite
    return ArchiveQuarter(
        quarter=str(quarter),
        label=quarter.label(),
        department=row.department,
        category=row.category,
        performance=_plain(row.performance),
        leader=_plain(row.leader),
        comment_points=_plain(row.comment_points) or ZERO,
        # Two places, as the grid shows it (a close stores 70.00 as 7E+1).
        composite=None if composite is None else composite.quantize(CENTS),
        grade=outcome.grade.label if outcome.grade is not None else None,
        rank=outcome.rank,
        no_grade_reason=row.no_grade_reason.label if row.no_grade_reason is not None else None,
        closed=closed,
        override_reason=row.override_reason if outcome.overridden else None,
        flag=outcome.flag.label if outcome.flag is not None else None,
    )


def _commendation(row: CommendationRow) -> RewardView:
    return RewardView(
        id=row.id,
        version=row.version,
        discipline=False,
        type_code=row.type,
        type=label_or_none(CommendationType, row.type) or row.type,
        on=row.awarded_on,
        doc_no=row.doc_no,
        reason=row.reason,
        impact_until=row.impact_until,
        effects=None,
    )


def _discipline(row: DisciplineRow) -> RewardView:
    try:
        effects = effects_in_words(DisciplineType(row.type), row.decided_on)
    except ValueError:  # a type written by a newer program version
        effects = None
    return RewardView(
        id=row.id,
        version=row.version,
        discipline=True,
        type_code=row.type,
        type=label_or_none(DisciplineType, row.type) or row.type,
        on=row.decided_on,
        doc_no=row.doc_no,
        reason=row.reason,
        impact_until=row.impact_until,
        effects=effects,
    )


def _talk(row: TalkRow) -> TalkView:
    return TalkView(
        id=row.id,
        version=row.version,
        on=row.talked_on,
        talker=row.talker,
        kind_code=row.kind,
        kind=label_or_none(TalkKind, row.kind) or TalkKind.HEART_TO_HEART.label,
        summary=row.summary,
    )


def _comments(session: Session, person_id: int) -> tuple[CommentView, ...]:
    statement = (
        select(CommentRow.commented_on, CommentRow.kind, CommentRow.points, CommentRow.text)
        .where(CommentRow.person_id == person_id)
        .order_by(CommentRow.commented_on.desc(), CommentRow.id.desc())
    )
    return tuple(
        CommentView(on, label_or_none(CommentKind, kind) or kind, _plain(points) or ZERO, text)
        for on, kind, points, text in session.execute(statement)
    )
