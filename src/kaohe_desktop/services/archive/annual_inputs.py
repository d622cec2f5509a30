"""What the 年度考核 engine (domain/annual_assessment.assess_year) is given for a year,
read from the file: who is on the year's list, each person's four quarter marks, the
disciplines that reach the year and the clerk's decisions (annual_assessment rows).

- On the list: everyone with a 平时考核 row in the year or an annual row for it, and
  everyone in service (not 退休 / 调出 / 离职) whose department history overlaps the
  year. Someone gone with rows in the year is listed, and the engine makes them 不参加.
- A quarter's marks: a closed quarter's as its close stored them, an open one's as its
  grid grades them now (services/quarterly/sheet.build_sheet, the one outcomes
  function, or the grid's kept sheet: services/archive/open_outcomes), built only when
  the quarter has any rows.

A constant number of queries whatever the bureau's size (four quarters at most), all
selecting columns, not ORM rows; the year's 10,000 people and 40,000 marks through the
connection (issue 16). services/archive/annual_cache keeps what is read here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.annual_assessment import (
    AnnualCandidate,
    AnnualChoice,
    DisciplineMark,
    QuarterMark,
)
from kaohe_desktop.domain.discipline_rules import decision_years_reaching
from kaohe_desktop.domain.enums import (
    AnnualGrade,
    DisciplineType,
    LabeledEnum,
    NoGradeReason,
    PersonStatus,
    QuarterGrade,
)
from kaohe_desktop.domain.periods import Quarter, Year
from kaohe_desktop.services.archive.open_outcomes import QuarterOutcomes
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.quarterly.roster import GONE, ungraded_in_year
from kaohe_desktop.services.quarterly.sheet import build_sheet
from kaohe_desktop.storage.models import (
    AnnualAssessmentRow,
    DepartmentRow,
    DisciplineRow,
    PersonDepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    StaffCategoryRow,
)
from kaohe_desktop.storage.queries.org import BUREAU_ORDER

E = TypeVar("E", bound=LabeledEnum)


def enum_or_none(kind: type[E], code: str | None) -> E | None:
    """A stored code as its enum; a code of a newer program version reads as unset."""
    try:
        return None if code is None else kind(code)
    except ValueError:
        return None


class YearPerson(NamedTuple):
    """A person on the year's list, with their current department, post and category."""

    person_id: int
    code: str
    name: str
    department: str
    position: str | None
    category: str
    status: PersonStatus
    order: tuple[int, str]  # (department's place in the bureau's order, 编号)


class StoredChoice(NamedTuple):
    """The person's annual_assessment row: the clerk's decisions and, once the year was
    closed, the outcome its close stored."""

    id: int
    version: int
    grade: AnnualGrade | None
    reason: str | None
    recommended: bool
    note: str | None
    final_grade: AnnualGrade | None
    eligible: bool | None
    good_count: int | None
    limits: str | None

    def choice(self) -> AnnualChoice:
        return AnnualChoice(bool(self.recommended), self.grade, self.reason)


def _year_quarters(year: int) -> ColumnElement[bool]:
    return QuarterlyAssessmentRow.quarter.like(f"{year}Q_")


def _overlapping(year: Year) -> ColumnElement[bool]:
    return (PersonDepartmentRow.start_date <= year.end) & or_(
        PersonDepartmentRow.end_date.is_(None), PersonDepartmentRow.end_date >= year.start
    )


def year_people(
    session: Session, year: int, only: Collection[int] | None = None
) -> list[YearPerson]:
    """The year's list in department order, then 编号 (restricted to `only`, if given)."""
    return _people(session, year, only, decided=True)


def listed_people(session: Session, year: int) -> list[YearPerson]:
    """Those on the year's list whatever the clerk's decisions (in service, or with a
    平时考核 row in the year), in year_people's order; year_people adds whoever has an
    annual row for the year besides."""
    return _people(session, year, None, decided=False)


def _people(
    session: Session, year: int, only: Collection[int] | None, *, decided: bool
) -> list[YearPerson]:
    ids = None if only is None else sorted(set(only))

    def of(select_ids: Select[int], person_id: Any) -> ColumnElement[bool]:
        # `only`'s people, inside the subquery too: one person's archive reads their
        # rows, not the whole year's.
        if ids is not None:
            select_ids = select_ids.where(person_id.in_(ids))
        return PersonRow.id.in_(select_ids)

    pd, qa, aa = PersonDepartmentRow, QuarterlyAssessmentRow, AnnualAssessmentRow
    listed = [
        and_(
            of(select(pd.person_id).where(_overlapping(Year(year))), pd.person_id),
            PersonRow.status.not_in(GONE),
        ),
        of(select(qa.person_id).where(_year_quarters(year)), qa.person_id),
    ]
    if decided:
        listed.append(of(select(aa.person_id).where(aa.year == year), aa.person_id))
    statement = (
        select(
            PersonRow.id, PersonRow.code, PersonRow.name, PersonRow.position, PersonRow.status,
            DepartmentRow.id.label("department_id"), DepartmentRow.name.label("department"),
            StaffCategoryRow.name.label("category"),
        )
        .join(DepartmentRow, DepartmentRow.id == PersonRow.department_id)
        .join(StaffCategoryRow, StaffCategoryRow.id == PersonRow.category_id)
        .where(or_(*listed))
    )  # fmt: skip
    if ids is not None:
        statement = statement.where(PersonRow.id.in_(ids))
    # The 人员类别 the year's quarters leave ungraded (the 局领导): the county's
    # organisation department assesses them for the year as well, under its own 优秀
    # quota, so they are neither on the bureau's list nor in its quota's base.
    # A decided year keeps whom it decided, whatever category they are in today.
    ungraded = ungraded_in_year(session, year)
    if ungraded:
        leaving_out: ColumnElement[bool] = PersonRow.category_id.not_in(sorted(ungraded))
        if decided:
            leaving_out = or_(
                leaving_out, PersonRow.id.in_(select(aa.person_id).where(aa.year == year))
            )
        statement = statement.where(leaving_out)
    in_order = session.scalars(select(DepartmentRow.id).order_by(*BUREAU_ORDER))
    place = {department_id: n for n, department_id in enumerate(in_order)}
    last, active = len(place), PersonStatus.ACTIVE
    # Columns through the connection, not ORM rows (10,000 of them); a status of a newer
    # program version reads as 在职 (enum_or_none's rule, as before).
    people = [
        YearPerson(
            pid, code, name, department, position, category, _STATUSES.get(status, active),
            (place.get(department_id, last), code),
        )
        for pid, code, name, position, status, department_id, department, category in (
            session.connection().execute(statement)
        )
    ]  # fmt: skip
    return sorted(people, key=lambda p: p.order)


_STATUSES = {status.value: status for status in PersonStatus}


def open_quarter_marks(
    session: Session,
    quarter: Quarter,
    outcomes: QuarterOutcomes | None = None,
    only: Collection[int] | None = None,
) -> dict[int, QuarterMark]:
    """An open quarter's marks as its grid grades them now (every person on its roster
    with a grade or a 不定等次 reason). A grade depends on everyone's scores, so the
    quarter's whole sheet is built, or taken from `outcomes` (the grid's kept sheets:
    services/archive/open_outcomes)."""
    if outcomes is not None:
        cached = outcomes.outcomes(session, quarter)
        # One person's archive asks for one id: look it up, not through 10,000 outcomes.
        ids = cached.keys() if only is None else [p for p in only if p in cached]
        graded = [(p, cached[p].grade, cached[p].no_grade_reason) for p in ids]
    else:
        graded = [
            (row.person_id, row.grade, row.no_grade_reason)
            for row in build_sheet(session, quarter).rows
        ]
    return {
        person_id: _mark(quarter.quarter, grade, reason)
        for person_id, grade, reason in graded
        if grade is not None or reason is not None
    }


_GRADES: dict[str | None, QuarterGrade] = {grade.value: grade for grade in QuarterGrade}
_REASONS: dict[str | None, NoGradeReason] = {reason.value: reason for reason in NoGradeReason}
# The few marks there are (quarter × 等次 × 不定等次 reason), one object each: 40,000
# marks of a county's year are made in no time, and people with the same four
# quarters share one tuple (quarter_marks), which the sheet's labels are worked out
# once for (annual_cache).
_MARKS: dict[tuple[int, QuarterGrade | None, NoGradeReason | None], QuarterMark] = {}


def _mark(quarter: int, grade: QuarterGrade | None, reason: NoGradeReason | None) -> QuarterMark:
    key = (quarter, grade, reason)
    found = _MARKS.get(key)
    if found is None:
        found = _MARKS.setdefault(key, QuarterMark(quarter, grade, reason))
    return found


def _closed_quarter_marks(
    session: Session, quarter: Quarter, only: Collection[int] | None
) -> dict[int, QuarterMark]:
    qa = QuarterlyAssessmentRow
    statement = select(qa.person_id, qa.grade, qa.no_grade_reason).where(qa.quarter == str(quarter))
    if only is not None:
        statement = statement.where(qa.person_id.in_(sorted(set(only))))
    marks = {}
    by_codes: dict[tuple[str | None, str | None], QuarterMark | None] = {}
    for person_id, grade_code, reason_code in session.connection().execute(statement):
        codes = (grade_code, reason_code)
        if codes in by_codes:
            mark = by_codes[codes]
        else:  # enum_or_none's rule: a code of a newer program version reads as unset
            grade, reason = _GRADES.get(grade_code), _REASONS.get(reason_code)
            none = grade is None and reason is None
            mark = by_codes[codes] = None if none else _mark(quarter.quarter, grade, reason)
        if mark is not None:
            marks[person_id] = mark
    return marks


class QuarterMarks(NamedTuple):
    by_person: dict[int, tuple[QuarterMark, ...]]  # oldest quarter first
    open_quarters: tuple[str, ...]  # the year's quarters not closed ("2026Q4")


def quarter_marks(
    session: Session,
    year: int,
    only: Collection[int] | None = None,
    outcomes: QuarterOutcomes | None = None,
) -> QuarterMarks:
    """Every person's marks in the year's four quarters (of `only`, if given); open
    quarters' through `outcomes` when given. People with the same marks share one
    tuple."""
    found: defaultdict[int, list[QuarterMark]] = defaultdict(list)
    open_quarters = []
    for quarter in Year(year).quarters():
        if is_closed(session, quarter):
            marks = _closed_quarter_marks(session, quarter, only)
        else:
            open_quarters.append(str(quarter))
            marks = (
                open_quarter_marks(session, quarter, outcomes, only)
                if _has_rows(session, quarter)
                else {}
            )
        for person_id, mark in marks.items():
            if only is None or person_id in only:
                found[person_id].append(mark)
    shared: dict[tuple[int, ...], tuple[QuarterMark, ...]] = {}
    by_person = {}
    for person_id, marks_of in found.items():
        key = tuple(map(id, marks_of))  # the marks are one object per value (_mark)
        by_person[person_id] = shared.get(key) or shared.setdefault(key, tuple(marks_of))
    return QuarterMarks(by_person, tuple(open_quarters))


def _has_rows(session: Session, quarter: Quarter) -> bool:
    statement = select(QuarterlyAssessmentRow.id).where(
        QuarterlyAssessmentRow.quarter == str(quarter)
    )
    return session.scalar(statement.limit(1)) is not None


def discipline_marks(
    session: Session, year: int, only: Collection[int] | None = None
) -> dict[int, tuple[DisciplineMark, ...]]:
    """The disciplines that may reach the year (decided in one of
    discipline_rules.decision_years_reaching). Unknown types are left out."""
    d = DisciplineRow
    years = decision_years_reaching(year)
    statement = select(d.person_id, d.decided_on, d.type).where(
        d.decided_on.between(date(years[0], 1, 1), date(years[-1], 12, 31))
    )
    if only is not None:
        statement = statement.where(d.person_id.in_(sorted(set(only))))
    found: defaultdict[int, list[DisciplineMark]] = defaultdict(list)
    for person_id, decided_on, code in session.execute(statement):
        kind = enum_or_none(DisciplineType, code)
        if kind is not None:
            found[person_id].append(DisciplineMark(decided_on, kind))
    return {p: tuple(marks) for p, marks in found.items()}


def stored_choices(
    session: Session, year: int, only: Collection[int] | None = None
) -> dict[int, StoredChoice]:
    a = AnnualAssessmentRow
    statement = select(
        a.person_id, a.id, a.version, a.grade, a.reason, a.recommended, a.note, a.final_grade,
        a.eligible, a.good_count, a.limits,
    ).where(a.year == year)  # fmt: skip
    if only is not None:
        statement = statement.where(a.person_id.in_(sorted(set(only))))
    return {
        row.person_id: StoredChoice(
            row.id, row.version, enum_or_none(AnnualGrade, row.grade), row.reason,
            bool(row.recommended), row.note, enum_or_none(AnnualGrade, row.final_grade),
            row.eligible, row.good_count, row.limits,
        )
        for row in session.execute(statement)
    }  # fmt: skip


def candidate(
    person: YearPerson,
    marks: QuarterMarks,
    disciplines: dict[int, tuple[DisciplineMark, ...]],
    choices: dict[int, StoredChoice],
) -> AnnualCandidate:
    stored = choices.get(person.person_id)
    return AnnualCandidate(
        person.person_id,
        person.status,
        marks.by_person.get(person.person_id, ()),
        disciplines.get(person.person_id, ()),
        stored.choice() if stored is not None else AnnualChoice(),
    )
