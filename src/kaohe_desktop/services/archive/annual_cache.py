"""The 年度考核 of a year kept between reads (issue 16): a tab shown again, F5, a year
changed back, and above all a decision (推荐优秀, 取消, a grade by hand, a 备注, the
share) do not read the year's 10,000 people and four quarters again.

What a year's assessment reads is kept in two parts, each keyed by a change token
(services/archive/quarter_outcomes.tables_token: the id and hash of the newest audit
row of its tables; every write, this workstation's or another's, writes its audit
rows in its own transaction, so the token is what the database proves):

- the inputs — who is listed whatever the decisions, their quarter marks, their
  discipline, the rules, whether the year is closed — keyed by the grading tables and
  the discipline table (YEAR_TABLES);
- the decisions (annual_assessment rows), keyed by that table alone: another
  workstation's decision reads them again, and only them.

Everyone's own standing (domain/annual_assessment.own_standing) is kept by candidate,
and the sheet's rows by what they are made of, so a changed decision recomputes one
person and settles the quota (`settle`) over the kept standings.

A decision made here (annual_writes, under the year's lease, inside its write) reads
the tokens when it begins (nothing else can write until it commits), checks against
the kept year, and after its change reads back only the person's decision and the
rules (`after_decision`): the write changes nothing else the year reads (an
annual_assessment row, the year's own scheme row), so the inputs, re-keyed to the
token it commits, stay right. The year is kept only once the write has committed
(`keep`).

Bounded: the `keep` years used last. Safe to share between threads.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import NamedTuple

from sqlalchemy.orm import Session

from kaohe_desktop.domain.annual_assessment import (
    NO_CHOICE,
    AnnualCandidate,
    AnnualStanding,
    DisciplineMark,
    QuarterMark,
    own_standing,
    settle,
)
from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import PersonStatus
from kaohe_desktop.domain.periods import Year
from kaohe_desktop.services.archive.annual_inputs import (
    QuarterMarks,
    StoredChoice,
    YearPerson,
    discipline_marks,
    listed_people,
    quarter_marks,
    stored_choices,
    year_people,
)
from kaohe_desktop.services.archive.annual_scheme import annual_rules_for
from kaohe_desktop.services.archive.annual_sheet import (
    QuarterLabels,
    YearAssessment,
    annual_row,
    quarter_labels,
    shown_standings,
)
from kaohe_desktop.services.archive.open_outcomes import QuarterOutcomes
from kaohe_desktop.services.archive.quarter_outcomes import GRADING_TABLES, Token, tables_token
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.storage.models import AnnualAssessmentRow, DisciplineRow
from kaohe_desktop.storage.queries.org import bureau_name

YEAR_TABLES = (*GRADING_TABLES, DisciplineRow.__tablename__)
DECISION_TABLES = (AnnualAssessmentRow.__tablename__,)
DEFAULT_KEEP = 2  # the year worked and the one before


class _Inputs(NamedTuple):
    """All a year's assessment reads but the decisions, as of `token`."""

    token: Token
    rules: AnnualRules
    frozen: bool
    closed: bool
    listed: list[YearPerson]  # on the list whatever the decisions, in order
    marks: QuarterMarks
    disciplines: dict[int, tuple[DisciplineMark, ...]]


@dataclass
class _Kept:
    """One year as of (inputs.token, decisions), and what it was assessed from."""

    inputs: _Inputs
    decisions: Token
    assessment: YearAssessment
    # person id → (their decision, their candidate, its own standing): made again only
    # for a person whose decision changed.
    own: dict[int, tuple[StoredChoice | None, AnnualCandidate, AnnualStanding]]
    rows: dict[int, _Row]  # by person id
    sheet: AnnualSheetView


class _Row(NamedTuple):
    """A row of the sheet and what it was made of."""

    person: YearPerson
    standing: AnnualStanding
    choice: StoredChoice | None
    marks: tuple[QuarterMark, ...] | None
    row: AnnualRowView


class Pending(NamedTuple):
    """A decision's year, read inside its write, to be kept once it committed."""

    year: int
    kept: _Kept


class AnnualYears:
    def __init__(self, outcomes: QuarterOutcomes, keep: int = DEFAULT_KEEP) -> None:
        self.outcomes = outcomes  # the open quarters' grades (the grid's sheets)
        self.keep = keep
        self._kept: OrderedDict[int, _Kept] = OrderedDict()
        self._building: dict[int, tuple[tuple[Token, Token], threading.Event]] = {}
        self._lock = threading.Lock()
        self.reads = 0  # years whose inputs were read (for tests and benchmarks)

    # --- reading ------------------------------------------------------------------------
    def assessment(self, session: Session, year: int) -> YearAssessment:
        """The year as the engine sees it now, in the caller's snapshot (inside a write:
        before it changes anything)."""
        return self._current(session, year).assessment

    def sheet(self, session: Session, year: int) -> AnnualSheetView:
        """The year's sheet (services/archive/annual_sheet.sheet_of), in the caller's
        snapshot."""
        sheet = self._current(session, year).sheet
        bureau = bureau_name(session)  # not in the tokens: read each time
        return sheet if sheet.bureau == bureau else replace(sheet, bureau=bureau)

    def _current(self, session: Session, year: int) -> _Kept:
        inputs_token = tables_token(session, YEAR_TABLES)
        decisions = tables_token(session, DECISION_TABLES)
        while True:
            with self._lock:
                kept = self._kept.get(year)
                if kept is not None:
                    self._kept.move_to_end(year)
                    if (kept.inputs.token, kept.decisions) == (inputs_token, decisions):
                        return kept
                # The same year of the same file being assessed by another thread (the
                # tab's read ahead): wait for it rather than assess it twice.
                building = self._building.get(year)
                if building is None or building[0] != (inputs_token, decisions):
                    done = threading.Event()
                    self._building[year] = ((inputs_token, decisions), done)
                    break
            building[1].wait()  # then it is kept (or failed there: assessed here)
        try:
            with _no_collection():
                if kept is not None and kept.inputs.token == inputs_token:
                    inputs = kept.inputs  # another workstation's decision: only those read
                else:
                    inputs = self._inputs(session, year, inputs_token)
                    kept = None
                choices = stored_choices(session, year)
                fresh = _assess(session, year, inputs, decisions, choices, kept)
            with self._lock:
                self._kept[year] = fresh
                self._kept.move_to_end(year)
                while len(self._kept) > self.keep:
                    self._kept.popitem(last=False)
        finally:
            with self._lock:
                if self._building.get(year, (None, None))[1] is done:
                    del self._building[year]
            done.set()
        return fresh

    def _inputs(self, session: Session, year: int, token: Token) -> _Inputs:
        rules, frozen = annual_rules_for(session, year)
        with self._lock:
            self.reads += 1
        return _Inputs(
            token,
            rules,
            frozen,
            is_closed(session, Year(year)),
            listed_people(session, year),
            quarter_marks(session, year, outcomes=self.outcomes),
            discipline_marks(session, year),
        )

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    # --- this workstation's decisions ----------------------------------------------------
    def after_decision(
        self, session: Session, before: YearAssessment, people: Collection[int]
    ) -> Pending:
        """Inside a decision's write, after its change: the year again, `people`'s
        decisions and the rules read back, the rest as `before` (what `assessment` gave
        the write to check against)."""
        with self._lock:
            kept = self._kept.get(before.year)
        if kept is None or kept.assessment is not before:
            # Dropped or replaced meanwhile (another thread's read): read it all again,
            # inside the write (its tokens are the write's: kept, they stand or fall
            # with its commit like any other).
            return Pending(before.year, self._current(session, before.year))
        rules, frozen = annual_rules_for(session, before.year)
        choices = dict(before.choices)
        changed = stored_choices(session, before.year, only=people)
        for person_id in people:
            if person_id in changed:
                choices[person_id] = changed[person_id]
            else:
                choices.pop(person_id, None)
        # The write changed an annual_assessment row and the year's scheme row, nothing
        # else: the inputs stand, as of the token it commits (read back here, flushed).
        inputs = kept.inputs._replace(
            token=tables_token(session, YEAR_TABLES), rules=rules, frozen=frozen
        )
        decisions = tables_token(session, DECISION_TABLES)
        return Pending(before.year, _assess(session, before.year, inputs, decisions, choices, kept))

    def keep_committed(self, pending: Pending) -> AnnualSheetView:
        """After the decision's write committed: its year kept; its sheet."""
        with self._lock:
            self._kept[pending.year] = pending.kept
            self._kept.move_to_end(pending.year)
            while len(self._kept) > self.keep:
                self._kept.popitem(last=False)
        return pending.kept.sheet


_GC = threading.Lock()
_gc_held = [0, False]  # threads inside _no_collection, and whether the collector was on


@contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector off while a year is read and assessed: 10,000
    people make some 150,000 objects, hardly any in a cycle, and the collections
    they set off were a quarter of the time (45 of 185 ms at county scale). Reference
    counting frees them as ever; the collector is back on when the last thread leaves."""
    with _GC:
        if _gc_held[0] == 0:
            _gc_held[1] = gc.isenabled()
            gc.disable()
        _gc_held[0] += 1
    try:
        yield
    finally:
        with _GC:
            _gc_held[0] -= 1
            if _gc_held[0] == 0 and _gc_held[1]:
                gc.enable()


def _assess(
    session: Session,
    year: int,
    inputs: _Inputs,
    decisions: Token,
    choices: dict[int, StoredChoice],
    before: _Kept | None,
) -> _Kept:
    """The year from its inputs and decisions, reusing what `before` made of the same
    inputs for everyone whose decision is unchanged."""
    people = inputs.listed
    listed = {p.person_id for p in people}
    extra = [p for p in choices if p not in listed]
    if extra:  # listed only for a decision (gone, with no 平时考核 row in the year)
        people = sorted([*people, *year_people(session, year, only=extra)], key=lambda p: p.order)
    known = before.own if before is not None else {}
    own = {}
    marks, disciplines = inputs.marks.by_person, inputs.disciplines
    # Most people have no discipline and no decision, and share their four marks (one
    # tuple: annual_inputs.quarter_marks) with many others: their own standing is the
    # same but for the person id, worked out once per (status, marks).
    alike: dict[tuple[PersonStatus, int], AnnualStanding] = {}
    for person in people:
        person_id = person.person_id
        stored = choices.get(person_id)
        found = known.get(person_id)
        if found is not None and found[0] == stored:
            own[person_id] = found
            continue
        quarters = marks.get(person_id, ())
        punished = disciplines.get(person_id, ())
        choice = stored.choice() if stored is not None else NO_CHOICE
        candidate = AnnualCandidate(person_id, person.status, quarters, punished, choice)
        if punished or stored is not None:
            standing = own_standing(candidate, year)
        else:
            shape = (person.status, id(quarters))
            same = alike.get(shape)
            if same is None:
                standing = alike[shape] = own_standing(candidate, year)
            else:
                standing = AnnualStanding(
                    person_id, same.participation, same.reasons, same.good_count,
                    same.graded_count, same.eligible, same.limits, same.grade, same.recommended,
                    same.flag,
                )  # fmt: skip
        own[person_id] = (stored, candidate, standing)
    outcome = settle({p: found[2] for p, found in own.items()}, inputs.rules)
    assessment = YearAssessment(
        year,
        inputs.rules,
        inputs.frozen,
        inputs.closed,
        people,
        inputs.marks,
        choices,
        {p: found[1] for p, found in own.items()},
        outcome,
    )
    rows = before.rows if before is not None else {}
    sheet, rows = _sheet_of(assessment, rows, bureau_name(session))
    return _Kept(inputs, decisions, assessment, own, rows, sheet)


def _sheet_of(
    assessment: YearAssessment, known: dict[int, _Row], bureau: str
) -> tuple[AnnualSheetView, dict[int, _Row]]:
    """annual_sheet.sheet_of, with each row made again only when what it is made of
    changed (the person, their standing, decision and quarter marks); and the rows."""
    people, standings, counter = shown_standings(assessment)
    marks, choices = assessment.marks.by_person, assessment.choices
    rows: dict[int, _Row] = {}
    # People with the same quarter marks share one tuple (annual_inputs.quarter_marks).
    labels: dict[int, QuarterLabels] = {}
    for person in people:
        person_id = person.person_id
        standing, choice = standings[person_id], choices.get(person_id)
        quarters = marks.get(person_id)
        found = known.get(person_id)
        if (
            found is not None
            and found.person is person
            and found.standing is standing
            and found.marks is quarters
            and found.choice == choice
        ):
            rows[person_id] = found
            continue
        label = labels.get(id(quarters))
        if label is None:
            label = labels[id(quarters)] = quarter_labels(quarters or ())
        row = annual_row(person, standing, assessment, label)
        rows[person_id] = _Row(person, standing, choice, quarters, row)
    sheet = AnnualSheetView(
        year=assessment.year,
        bureau=bureau,
        rules=assessment.rules,
        rules_frozen=assessment.frozen,
        closed=assessment.closed,
        counter=counter,
        rows=tuple(found.row for found in rows.values()),
        open_quarters=assessment.marks.open_quarters,
    )
    return sheet, rows
