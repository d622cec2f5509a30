"""Who is graded in a quarter, and under which department (DESIGN §4, issue 5).

- Everyone with a 任职科室 stint overlapping the quarter is on the roster, once.
- Their department is the one of the stint covering the quarter's last day; failing
  that (they left every department before it), the latest stint begun by then.
- Department changes inside the quarter are listed with the row.
- Someone with no stint in the quarter but with a 平时考核 row for it (entered from a
  workbook) is still listed, under their current department.
- Nobody of a 人员类别 the quarter's scheme leaves ungraded (QuarterlyRules.
  ungraded_categories: the 局领导, assessed by the county's organisation department) is
  listed, whatever rows they have: the grid, the scores, the 好 quota, the ranking, the
  close and the workbook import all take the quarter's people from here. The 人员类别
  is today's; a closed quarter keeps whom its close graded (made 局领导 since).

A constant number of queries whatever the bureau's size, selecting columns only: the
sheet of 10,000 people is built on every keystroke's save.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import PersonStatus
from kaohe_desktop.domain.periods import Quarter, Year
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.quarterly.scheme import rules_for
from kaohe_desktop.services.quarterly.views import RosterMove
from kaohe_desktop.storage.models import (
    DepartmentRow,
    PersonDepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    StaffCategoryRow,
)
from kaohe_desktop.storage.queries.org import BUREAU_ORDER


class RosterEntry(NamedTuple):
    person_id: int
    code: str
    name: str
    position: str | None
    category_id: int
    department_id: int  # at quarter end
    moves: tuple[RosterMove, ...]


class _Stint(NamedTuple):
    department_id: int
    start: date
    end: date | None


@dataclass(frozen=True)
class Roster:
    entries: list[RosterEntry]  # in no particular order
    departments: list[tuple[int, str]]  # every department, in bureau order

    def by_person(self) -> dict[int, RosterEntry]:
        return {entry.person_id: entry for entry in self.entries}

    def department_names(self) -> dict[int, str]:
        return dict(self.departments)


def _overlapping(quarter: Quarter) -> ColumnElement[bool]:
    return (PersonDepartmentRow.start_date <= quarter.end) & or_(
        PersonDepartmentRow.end_date.is_(None), PersonDepartmentRow.end_date >= quarter.start
    )


def _overlaps(stint: _Stint, quarter: Quarter) -> bool:
    """_overlapping in Python, for stints already read (person_rosters)."""
    return stint.start <= quarter.end and (stint.end is None or stint.end >= quarter.start)


def _department_at_end(stints: list[_Stint], quarter: Quarter) -> int:
    """`stints` ordered by start: the last one covering the quarter's last day (a move
    on that day ends one stint and starts the next), else the latest begun."""
    covering = [s for s in stints if s.end is None or s.end >= quarter.end]
    return (covering or stints)[-1].department_id


def _moves(stints: list[_Stint], quarter: Quarter, names: dict[int, str]) -> tuple[RosterMove, ...]:
    return tuple(
        RosterMove(
            after.start, names.get(before.department_id, ""), names.get(after.department_id, "")
        )
        for before, after in pairwise(stints)
        if quarter.start <= after.start <= quarter.end
        and before.department_id != after.department_id
    )


GONE = (PersonStatus.RETIRED.value, PersonStatus.TRANSFERRED.value, PersonStatus.LEFT.value)


def ungraded_categories(session: Session, quarter: Quarter) -> dict[int, str]:
    """id → name of the 人员类别 the quarter's scheme leaves ungraded (a name the file
    does not have is ignored: nobody can be of it)."""
    names = rules_for(session, quarter)[0].ungraded_categories
    if not names:
        return {}
    return {
        category_id: name
        for category_id, name in session.execute(
            select(StaffCategoryRow.id, StaffCategoryRow.name).where(
                StaffCategoryRow.name.in_(names)
            )
        )
    }


def ungraded_in_year(session: Session, year: int) -> dict[int, str]:
    """ungraded_categories of any of the year's quarters: the 年度考核 leaves them off
    too (services/archive/annual_inputs), since the same body assesses them all year."""
    found: dict[int, str] = {}
    for quarter in Year(year).quarters():
        found.update(ungraded_categories(session, quarter))
    return found


def _graded_at_close() -> ColumnElement[bool]:
    """A row the quarter's close stored a result in (a 等次, or 不定等次 with its reason)."""
    return or_(
        QuarterlyAssessmentRow.grade.is_not(None),
        QuarterlyAssessmentRow.no_grade_reason.is_not(None),
    )


def load_roster(session: Session, quarter: Quarter, only: Collection[int] | None = None) -> Roster:
    """The quarter's roster (restricted to the people `only`, when given)."""
    departments = [
        (row.id, row.name)
        for row in session.execute(
            select(DepartmentRow.id, DepartmentRow.name).order_by(*BUREAU_ORDER)
        )
    ]
    names = dict(departments)
    stint_query = select(
        PersonDepartmentRow.person_id,
        PersonDepartmentRow.department_id,
        PersonDepartmentRow.start_date,
        PersonDepartmentRow.end_date,
    ).where(_overlapping(quarter))
    assessed = select(QuarterlyAssessmentRow.person_id).where(
        QuarterlyAssessmentRow.quarter == str(quarter)
    )
    people_query = select(
        PersonRow.id,
        PersonRow.code,
        PersonRow.name,
        PersonRow.position,
        PersonRow.category_id,
        PersonRow.department_id,
    ).where(
        or_(
            and_(
                PersonRow.id.in_(stint_query.with_only_columns(PersonDepartmentRow.person_id)),
                # Nothing dates a 退休/调出/离职, so whoever has gone stays off every
                # roster unless a row was entered for them (their last quarter).
                PersonRow.status.not_in(GONE),
            ),
            PersonRow.id.in_(assessed),
        )
    )
    ungraded = ungraded_categories(session, quarter)
    if ungraded:
        # By today's 人员类别; but a closed quarter keeps whom its close graded (made a
        # 局领导 since, they stay in the quarter as it was decided).
        off: ColumnElement[bool] = PersonRow.category_id.not_in(sorted(ungraded))
        if is_closed(session, quarter):
            off = or_(off, PersonRow.id.in_(assessed.where(_graded_at_close())))
        people_query = people_query.where(off)
    if only is not None:
        ids = sorted(set(only))
        stint_query = stint_query.where(PersonDepartmentRow.person_id.in_(ids))
        people_query = people_query.where(PersonRow.id.in_(ids))
    stints: defaultdict[int, list[_Stint]] = defaultdict(list)
    ordered = stint_query.order_by(
        PersonDepartmentRow.person_id, PersonDepartmentRow.start_date, PersonDepartmentRow.id
    )
    # .all(): one fetch, not 10,000 (iterating a result fetches row by row).
    for person_id, department_id, start, end in session.connection().execute(ordered).all():
        stints[person_id].append(_Stint(department_id, start, end))
    entries = []
    people = session.connection().execute(people_query).all()
    moves: tuple[RosterMove, ...]
    for person_id, code, name, position, category_id, current in people:
        own = stints.get(person_id)
        if not own:
            department_id, moves = current, ()
        elif len(own) == 1:  # most people: one stint, no move (what the two below give)
            department_id, moves = own[0].department_id, ()
        else:
            department_id = _department_at_end(own, quarter)
            moves = _moves(own, quarter, names)
        entries.append(
            RosterEntry(person_id, code, name, position, category_id, department_id, moves)
        )
    return Roster(entries, departments)


def person_rosters(
    session: Session, person_id: int, quarters: Collection[Quarter]
) -> dict[Quarter, Roster]:
    """load_roster(session, quarter, only={person_id}) for each of `quarters` the person
    has a 平时考核 row in (so is on the roster whatever their status), in three queries
    whatever the number of quarters: one person's archive reads all their quarters."""
    departments = [
        (row.id, row.name)
        for row in session.execute(
            select(DepartmentRow.id, DepartmentRow.name).order_by(*BUREAU_ORDER)
        )
    ]
    names = dict(departments)
    person = session.execute(
        select(
            PersonRow.code, PersonRow.name, PersonRow.position, PersonRow.category_id,
            PersonRow.department_id,
        ).where(PersonRow.id == person_id)
    ).first()  # fmt: skip
    if person is None:
        return {}
    stints = [
        _Stint(department_id, start, end)
        for department_id, start, end in session.connection().execute(
            select(
                PersonDepartmentRow.department_id,
                PersonDepartmentRow.start_date,
                PersonDepartmentRow.end_date,
            )
            .where(PersonDepartmentRow.person_id == person_id)
            .order_by(PersonDepartmentRow.start_date, PersonDepartmentRow.id)
        )
    ]
    rosters = {}
    for quarter in quarters:
        own = [s for s in stints if _overlaps(s, quarter)]
        department_id = person.department_id if not own else _department_at_end(own, quarter)
        moves = _moves(own, quarter, names) if own else ()
        entry = RosterEntry(
            person_id, person.code, person.name, person.position, person.category_id,
            department_id, moves,
        )  # fmt: skip
        rosters[quarter] = Roster([entry], departments)
    return rosters
