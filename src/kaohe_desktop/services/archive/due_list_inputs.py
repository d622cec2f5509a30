"""What the due lists are given: the stored facts, read as domain/talk_rules values.

Every reader here takes the people in service only (not 退休 / 调出 / 离职: the rosters'
GONE), and reads only what its list needs, so the status bar's count
(`DueListService.overdue_count`, on every refresh) stays a handful of small queries:
- the special talk events arising in a year → `year_events` (closed quarters graded
  一般 / 较差, disciplines decided in the year, moves to another department in the year);
- the talks that may answer them, or count towards the year → `load_talks`;
- the people with their department history → `load_subjects` (all, or only the key
  posts who have been in the bureau long enough to be due for rotation).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import DisciplineType, QuarterGrade, TalkKind
from kaohe_desktop.domain.periods import Quarter, Year
from kaohe_desktop.domain.talk_rules import (
    CALLING_GRADES,
    Stint,
    TalkEvent,
    TalkFact,
    TalkSubject,
    discipline_event,
    move_events,
    quarter_event,
)
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.quarterly.roster import GONE
from kaohe_desktop.storage.models import (
    DepartmentRow,
    DisciplineRow,
    PersonDepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    TalkRow,
)
from kaohe_desktop.storage.queries.org import BUREAU_ORDER

# Only the rows quarter_event may turn into a 提醒谈话 are read.
_CALLING_CODES = sorted(grade.value for grade in CALLING_GRADES)
SPECIAL_KINDS = frozenset({TalkKind.REMINDER, TalkKind.ADMONITION, TalkKind.APPOINTMENT})


def in_service() -> ColumnElement[bool]:
    return PersonRow.status.not_in(GONE)


@dataclass(frozen=True)
class PersonLine:
    """What a due list shows of a person: 编号, 姓名, current 科室, 职务职级."""

    code: str
    name: str
    department: str
    department_order: int  # the bureau's order of the current department
    position: str | None


def people_lines(session: Session) -> dict[int, PersonLine]:
    """The people in service by id."""
    order = {
        department_id: n
        for n, department_id in enumerate(
            session.scalars(select(DepartmentRow.id).order_by(*BUREAU_ORDER))
        )
    }
    statement = (
        select(PersonRow.id, PersonRow.code, PersonRow.name, DepartmentRow.id, DepartmentRow.name,
               PersonRow.position)
        .join(DepartmentRow, DepartmentRow.id == PersonRow.department_id)
        .where(in_service())
    )  # fmt: skip
    lines = {}
    for person_id, code, name, department_id, department, position in session.connection().execute(
        statement
    ):
        place = order.get(department_id, len(order))
        lines[person_id] = PersonLine(code, name, department, place, position)
    return lines


# -- department history --------------------------------------------------------------------
def load_stints(session: Session, ids: Select[Any] | None = None) -> dict[int, list[Stint]]:
    """Each person's stints with department names, oldest first (people in service, or
    those `ids` selects)."""
    pd = PersonDepartmentRow
    statement = (
        select(pd.person_id, DepartmentRow.name, pd.start_date, pd.end_date)
        .join(DepartmentRow, DepartmentRow.id == pd.department_id)
        .order_by(pd.person_id, pd.start_date, pd.id)
    )
    if ids is None:
        statement = statement.join(PersonRow, PersonRow.id == pd.person_id).where(in_service())
    else:
        statement = statement.where(pd.person_id.in_(ids))
    stints: defaultdict[int, list[Stint]] = defaultdict(list)
    for person_id, department, start, end in session.connection().execute(statement):
        stints[person_id].append(Stint(department, start, end))
    return stints


def load_subjects(session: Session, *, key_posts_since: date | None = None) -> list[TalkSubject]:
    """The people in service as the rules need them. With `key_posts_since`, only the
    key posts in the bureau since that day or earlier: nobody else can have been in one
    department long enough (rotation_cutoff)."""
    people = select(PersonRow.id, PersonRow.position, PersonRow.key_post).where(in_service())
    stint_ids: Select[Any] | None = None
    if key_posts_since is not None:
        people = people.where(PersonRow.key_post.is_(True))
        stint_ids = people.with_only_columns(PersonRow.id)
    stints = load_stints(session, stint_ids)
    if key_posts_since is not None:
        return [
            TalkSubject(person_id, position, True, tuple(stints[person_id]))
            for person_id, position, _key_post in session.connection().execute(people)
            if stints.get(person_id) and stints[person_id][0].start <= key_posts_since
        ]
    return [
        TalkSubject(person_id, position, bool(key_post), tuple(stints.get(person_id, ())))
        for person_id, position, key_post in session.connection().execute(people)
    ]


def rotation_cutoff(until: date, years: int) -> date:
    """A start late enough that no stay from it is `years` long by `until` comes after
    this day (a few days' margin for 29 February: it only narrows what is read)."""
    return until - relativedelta(years=years) + timedelta(days=3)


# -- talks ---------------------------------------------------------------------------------
def _kind(code: str | None) -> TalkKind | None:
    try:
        return None if code is None else TalkKind(code)
    except ValueError:
        return None  # a kind of a newer program version: read as a plain 谈心谈话


def load_talks(
    session: Session, *, since: date | None = None, kinds: Collection[TalkKind] | None = None
) -> list[TalkFact]:
    """Every talk, or those on or after `since` of `kinds` (talks of people out of
    service are read too: the rules ask only about the people they are given)."""
    statement = select(TalkRow.person_id, TalkRow.talked_on, TalkRow.kind)
    if since is not None:
        statement = statement.where(TalkRow.talked_on >= since)
    if kinds is not None:
        statement = statement.where(TalkRow.kind.in_(sorted(kind.value for kind in kinds)))
    return [
        TalkFact(person_id, talked_on, _kind(kind))
        for person_id, talked_on, kind in session.connection().execute(statement)
    ]


# -- the events of a year ------------------------------------------------------------------
def closed_quarters(session: Session, year: int) -> list[Quarter]:
    """The year's quarters whose grades are final (closed, by themselves or from above)."""
    return [quarter for quarter in Year(year).quarters() if is_closed(session, quarter)]


def _quarter_events(session: Session, year: int) -> list[TalkEvent]:
    quarters = {str(quarter): quarter for quarter in closed_quarters(session, year)}
    if not quarters:
        return []
    qa = QuarterlyAssessmentRow
    statement = (
        select(qa.person_id, qa.quarter, qa.grade)
        .join(PersonRow, PersonRow.id == qa.person_id)
        .where(qa.quarter.in_(sorted(quarters)), qa.grade.in_(_CALLING_CODES), in_service())
    )
    events = []
    for person_id, text, grade in session.connection().execute(statement):
        quarter = quarters[text]
        event = quarter_event(person_id, year, quarter.quarter, QuarterGrade(grade), quarter.end)
        if event is not None:
            events.append(event)
    return events


def _discipline_events(session: Session, year: int) -> list[TalkEvent]:
    statement = (
        select(DisciplineRow.person_id, DisciplineRow.decided_on, DisciplineRow.type)
        .join(PersonRow, PersonRow.id == DisciplineRow.person_id)
        .where(DisciplineRow.decided_on.between(date(year, 1, 1), date(year, 12, 31)))
        .where(in_service())
    )
    events = []
    for person_id, decided_on, code in session.connection().execute(statement):
        try:
            kind = DisciplineType(code)
        except ValueError:
            continue  # a type of a newer program version: no rule says which talk
        events.append(discipline_event(person_id, decided_on, kind))
    return events


def _move_events(session: Session, year: int) -> list[TalkEvent]:
    """Moves to another department starting in the year (the whole history of those
    who have a stint starting in it is read, to know where they came from)."""
    pd = PersonDepartmentRow
    started = (
        select(pd.person_id)
        .join(PersonRow, PersonRow.id == pd.person_id)
        .where(pd.start_date.between(date(year, 1, 1), date(year, 12, 31)), in_service())
    )
    events = []
    for person_id, stints in load_stints(session, started).items():
        events += [e for e in move_events(person_id, stints) if e.arose_on.year == year]
    return events


def year_events(session: Session, year: int) -> list[TalkEvent]:
    """The special talk events of people in service arising in `year`."""
    return [
        *_quarter_events(session, year),
        *_discipline_events(session, year),
        *_move_events(session, year),
    ]
