"""THE outcomes of a year's 年度考核: `build_annual_sheet` (the 年度考核 tab, the annual
workbook and forms, the year's close, the decisions' checks) and `person_annual` (the
人员档案's annual results) both read a year through `assess`, so what is printed is
what was on screen.

While the year is open, every grade is computed here, live, from the quarters, the
disciplines and the clerk's decisions (services/archive/annual_inputs). The year's
close stores each person's outcome (services/archive/annual_close); a closed year
shows what was stored, not a recomputation: a discipline entered or a quarter
reopened since must not change a result already posted. Reopened, the year is
computed again (the stored values stay until the next close overwrites them).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.annual_assessment import (
    AnnualCandidate,
    AnnualOutcome,
    AnnualStanding,
    Participation,
    QuarterMark,
    QuotaCounter,
    assess_year,
    count_quota,
    marks_in_order,
    standing_refusal,
)
from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import AnnualGrade
from kaohe_desktop.domain.periods import Year
from kaohe_desktop.services.archive.annual_inputs import (
    QuarterMarks,
    StoredChoice,
    YearPerson,
    candidate,
    discipline_marks,
    quarter_marks,
    stored_choices,
    year_people,
)
from kaohe_desktop.services.archive.annual_scheme import annual_rules_for
from kaohe_desktop.services.archive.open_outcomes import QuarterOutcomes
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView, ArchiveAnnual
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.storage.models import AnnualAssessmentRow, QuarterlyAssessmentRow
from kaohe_desktop.storage.queries.org import bureau_name

_NOT_COUNTED = {
    AnnualGrade.NOT_GRADED: Participation.NOT_GRADED,
    AnnualGrade.NOT_PARTICIPATING: Participation.NOT_PARTICIPATING,
}


class YearAssessment(NamedTuple):
    """A year's inputs and the engine's outcome of them (computed, even when closed)."""

    year: int
    rules: AnnualRules
    frozen: bool
    closed: bool
    people: list[YearPerson]  # department order, then 编号
    marks: QuarterMarks
    choices: dict[int, StoredChoice]
    candidates: dict[int, AnnualCandidate]
    outcome: AnnualOutcome

    def person(self, person_id: int) -> YearPerson | None:
        return next((p for p in self.people if p.person_id == person_id), None)


def assess(
    session: Session,
    year: int,
    only: Collection[int] | None = None,
    outcomes: QuarterOutcomes | None = None,
) -> YearAssessment:
    """The year as the engine sees it now (restricted to `only`: their standings alone,
    right but for the quota, which depends on everyone). Open quarters' grades come from
    `outcomes` when given (kept between reads), else from their grids built here."""
    rules, frozen = annual_rules_for(session, year)
    people = year_people(session, year, only)
    marks = quarter_marks(session, year, only, outcomes)
    disciplines = discipline_marks(session, year, only)
    choices = stored_choices(session, year, only)
    candidates = {p.person_id: candidate(p, marks, disciplines, choices) for p in people}
    outcome = assess_year(candidates.values(), rules, year)
    closed = is_closed(session, Year(year))
    return YearAssessment(year, rules, frozen, closed, people, marks, choices, candidates, outcome)


def _stored_standing(computed: AnnualStanding, stored: StoredChoice) -> AnnualStanding:
    """What the year's close stored for the person, as a standing."""
    grade = stored.final_grade or computed.grade
    participation = _NOT_COUNTED.get(grade, Participation.PARTICIPANT)
    limits = tuple(part for part in (stored.limits or "").split("；") if part)
    return AnnualStanding(
        computed.person_id,
        participation,
        limits if participation is not Participation.PARTICIPANT else (),
        stored.good_count if stored.good_count is not None else computed.good_count,
        computed.graded_count,
        bool(stored.eligible),
        limits,
        grade,
        stored.recommended and participation is Participation.PARTICIPANT,
        None,  # a close is refused while anything is flagged
    )


Shown = tuple[list[YearPerson], dict[int, AnnualStanding], QuotaCounter]
QuarterLabels = tuple[str | None, str | None, str | None, str | None]


def shown_standings(assessment: YearAssessment) -> Shown:
    """Who the sheet lists and how: of a closed year whose close stored its outcomes,
    the people it stored, as stored; otherwise everyone as computed now."""
    standings = dict(assessment.outcome.standings)
    people = assessment.people
    stored = {p: c for p, c in assessment.choices.items() if c.final_grade is not None}
    if not (assessment.closed and stored):
        return people, standings, assessment.outcome.counter
    people = [p for p in people if p.person_id in assessment.choices]
    for person_id, choice in stored.items():
        if person_id in standings:
            standings[person_id] = _stored_standing(standings[person_id], choice)
    shown = [standings[p.person_id] for p in people]
    return people, standings, count_quota(shown, assessment.rules.excellent_share)


def quarter_labels(marks: tuple[QuarterMark, ...]) -> QuarterLabels:
    """The four quarters as the sheet prints them: 好 / 较好 / 一般 / 较差, 不定等次, or
    None where nothing is graded."""
    a, b, c, d = (
        None if m is None
        else m.grade.label if m.grade is not None
        else "不定等次" if m.no_grade_reason is not None
        else None
        for m in marks_in_order(marks)
    )  # fmt: skip
    return a, b, c, d


def annual_row(
    person: YearPerson,
    standing: AnnualStanding,
    assessment: YearAssessment,
    labels: QuarterLabels | None = None,
) -> AnnualRowView:
    """The person's row; `labels`: their quarter_labels, when the caller has them."""
    stored = assessment.choices.get(person.person_id)
    hand = stored.grade if stored is not None else None
    if labels is None:
        labels = quarter_labels(assessment.marks.by_person.get(person.person_id, ()))
    return AnnualRowView(
        person_id=person.person_id,
        code=person.code,
        name=person.name,
        department=person.department,
        position=person.position,
        category=person.category,
        quarter_grades=labels,
        good_count=standing.good_count,
        participation=standing.participation.label,
        eligible=standing.eligible,
        limits=standing.limits_text(),
        recommended=standing.recommended,
        hand_grade=hand.label if hand is not None else None,
        reason=stored.reason if stored is not None else None,
        grade=standing.grade.label,
        note=stored.note if stored is not None else None,
        flag=standing.flag.label if standing.flag is not None else None,
        assessment_id=stored.id if stored is not None else None,
        version=stored.version if stored is not None else None,
        recommend_refusal=standing_refusal(person.name, standing),
    )


def sheet_of(session: Session, assessment: YearAssessment) -> AnnualSheetView:
    people, standings, counter = shown_standings(assessment)
    return AnnualSheetView(
        year=assessment.year,
        bureau=bureau_name(session),
        rules=assessment.rules,
        rules_frozen=assessment.frozen,
        closed=assessment.closed,
        counter=counter,
        rows=tuple(annual_row(p, standings[p.person_id], assessment) for p in people),
        open_quarters=assessment.marks.open_quarters,
    )


def build_annual_sheet(
    session: Session, year: int, outcomes: QuarterOutcomes | None = None
) -> AnnualSheetView:
    """The year as the screens and files show it, inside the caller's session (open
    quarters' grades through `outcomes`, when given)."""
    return sheet_of(session, assess(session, year, outcomes=outcomes))


def _person_years(session: Session, person_id: int) -> list[int]:
    quarters = session.scalars(
        select(QuarterlyAssessmentRow.quarter)
        .where(QuarterlyAssessmentRow.person_id == person_id)
        .distinct()
    )
    annual = session.scalars(
        select(AnnualAssessmentRow.year).where(AnnualAssessmentRow.person_id == person_id)
    )
    return sorted({int(text[:4]) for text in quarters if text[:4].isdigit()} | set(annual))


def person_annual(
    session: Session, person_id: int, outcomes: QuarterOutcomes | None = None
) -> tuple[ArchiveAnnual, ...]:
    """The person's years (those with a 平时考核 or an annual row), oldest first: a closed
    year as its close stored it, an open one as the person stands now, assessed alone
    (their 优秀资格 and grade do not depend on anyone else; only the quota does). An open
    quarter's grade is its grid's: pass the archive's `outcomes` so it is not graded
    again for every person looked at."""
    found = []
    for year in _person_years(session, person_id):
        assessment = assess(session, year, only={person_id}, outcomes=outcomes)
        standing = assessment.outcome.standings.get(person_id)
        stored = assessment.choices.get(person_id)
        if standing is None:
            continue
        closed = assessment.closed and stored is not None and stored.final_grade is not None
        if closed and stored is not None:
            standing = _stored_standing(standing, stored)
        found.append(
            ArchiveAnnual(
                year=year,
                grade=standing.grade.label,
                closed=closed,
                good_count=standing.good_count,
                eligible=standing.eligible,
                limits=standing.limits_text(),
                reason=stored.reason if stored is not None else None,
                note=stored.note if stored is not None else None,
            )
        )
    return tuple(found)
