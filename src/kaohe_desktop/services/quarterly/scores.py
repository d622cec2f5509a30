"""Writing 实绩分 and 领导测评分: the one transaction behind a typed cell or a paste.

All or nothing: every change is checked (on the roster, 0–100 with one decimal,
the department's lease held, the row unchanged since the clerk saw it) before any is
written, and the refusal names every person and field at fault.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, raiseload

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import ScoreError, check_score
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.quarterly.refusals import (
    not_on_roster,
    person_label,
    require_grading_leases,
    stale,
)
from kaohe_desktop.services.quarterly.roster import load_roster
from kaohe_desktop.services.quarterly.scheme import freeze_rules
from kaohe_desktop.services.quarterly.views import ScoreChange
from kaohe_desktop.storage.models import QuarterlyAssessmentRow


def stored_rows(
    session: Session, quarter: Quarter, person_ids: Sequence[int]
) -> dict[int, QuarterlyAssessmentRow]:
    """The quarter's rows of these people, by person (the person itself not loaded)."""
    rows = session.scalars(
        select(QuarterlyAssessmentRow)
        .options(raiseload(QuarterlyAssessmentRow.person))
        .where(
            QuarterlyAssessmentRow.quarter == str(quarter),
            QuarterlyAssessmentRow.person_id.in_(sorted(set(person_ids))),
        )
    )
    return {row.person_id: row for row in rows}


def new_row(session: Session, quarter: Quarter, person_id: int) -> QuarterlyAssessmentRow:
    row = QuarterlyAssessmentRow(quarter=str(quarter), person_id=person_id, tie_flag=False)
    session.add(row)
    return row


def write_scores(
    session: Session,
    quarter: Quarter,
    changes: Sequence[ScoreChange],
    leases: Sequence[Lease],
    now: datetime,
) -> None:
    """Inside a write: check every change, then apply them and freeze the rules."""
    ids = [change.person_id for change in changes]
    roster = load_roster(session, quarter, only=ids)
    people = roster.by_person()
    problems = not_on_roster(session, quarter, [i for i in ids if i not in people])
    values = []
    for change in changes:
        person = people.get(change.person_id)
        if person is None:
            continue
        label = f"{person_label(person.name, person.code)}的{change.field.label}"
        try:
            values.append(
                (change, None if change.value is None else check_score(change.value, label))
            )
        except ScoreError as error:
            problems.append(str(error))
    refuse(problems)
    require_grading_leases(session, quarter, {people[i].department_id for i in ids}, roster, leases)
    rows = stored_rows(session, quarter, ids)
    moved = [
        person_label(people[c.person_id].name, people[c.person_id].code)
        for c in changes
        if c.expected_version != (rows[c.person_id].version if c.person_id in rows else None)
    ]
    refuse([stale(label) for label in dict.fromkeys(moved)])
    changed = False
    for change, value in values:
        row = rows.get(change.person_id)
        if row is None and value is None:
            continue  # clearing a cell nobody has filled
        if row is None:
            row = rows[change.person_id] = new_row(session, quarter, change.person_id)
        if getattr(row, change.field.value) != value:
            setattr(row, change.field.value, value)
            changed = True
    if changed:
        freeze_rules(session, quarter, now)
