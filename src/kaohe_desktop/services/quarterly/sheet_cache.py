"""The quarters' sheets kept between reads, and changed in place by this workstation's
own writes (issue 16).

Building a quarter's sheet reads and grades everyone (0.3 s at 10,000 people). Kept
here with what it was built from — the roster, the entries, the 点评 totals, the
grading state (domain/regrading.QuarterGrader) — it is:

- read again only when the file's grading inputs changed. The key is the change token
  of services/archive/quarter_outcomes: the id and hash of the newest audit row among
  the tables a grading reads. Every write, this workstation's or another's, writes its
  audit rows in its own transaction, so the token is what the database proves about
  the inputs, not a guess; a read that finds another token builds the sheet again.
- brought up to date from the audit log when another workstation changed only some
  people's entries or 点评 (catch_up.py): the rows written since the kept token say
  whose; a quarter none of it touches is kept as it is;
- changed in place by a write of this workstation: the write reads the token when it
  begins (under BEGIN IMMEDIATE, so nothing else can write until it commits), and if
  that is the kept sheet's token, the kept sheet is the file as the write found it.
  After its own changes (flushed) it reads back the few entries and 点评 totals it
  changed and the new token (`written`); once committed, `take` regrades only those
  people's scope and category and replaces only the rows that moved. The sheet it
  returns says which rows those are (GradingSheet.changes) for the grid.

Closed quarters are kept too (a close or a reopen writes a lock row, which is in the
token); they are never written, so they keep no grading state.

Bounded: the `keep` quarters used last. Safe to share between threads.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy.orm import Session

from kaohe_desktop.domain.grading import Candidate, grade_quarter
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.regrading import MovedError, QuarterGrader
from kaohe_desktop.services.archive.quarter_outcomes import Token, change_token
from kaohe_desktop.services.quarterly.catch_up import touched_since
from kaohe_desktop.services.quarterly.entries import NO_COMMENTS, NO_ENTRY, Entry, load_entries
from kaohe_desktop.services.quarterly.roster import RosterEntry
from kaohe_desktop.services.quarterly.scheme import rules_for
from kaohe_desktop.services.quarterly.sheet import (
    _candidates,
    _Inputs,
    _inputs,
    assemble,
    candidate,
    comment_totals,
    grading_row,
)
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet, RowChanges
from kaohe_desktop.storage.queries.org import bureau_name

DEFAULT_KEEP = 8  # two years of quarters: a clerk going back and forth between years


@dataclass
class _Editable:
    """What an open quarter's sheet is changed in place from (`take`)."""

    inputs: _Inputs  # its entries and comments dicts are changed in place
    candidates: dict[int, Candidate]
    grader: QuarterGrader
    positions: dict[int, int]  # person id → index in sheet.rows
    people: dict[int, RosterEntry]  # the roster by person id


@dataclass
class _Kept:
    """One quarter's sheet as of `token` (and, open, what it was built from)."""

    token: Token
    sheet: GradingSheet
    editable: _Editable | None  # None: a closed quarter, never written (half the memory)


class Written(NamedTuple):
    """What a write of this workstation changed, read back inside its transaction."""

    quarter: Quarter
    base: Token  # the token when the write began
    token: Token  # the token it commits
    entries: dict[int, Entry]  # the changed people's entries (NO_ENTRY: none)
    comments: dict[int, tuple[Decimal, int]] | None  # their 点评 totals, if those changed
    rules: QuarterlyRules
    frozen: bool


class QuarterSheets:
    def __init__(self, keep: int = DEFAULT_KEEP) -> None:
        self.keep = keep
        self._kept: OrderedDict[Quarter, _Kept] = OrderedDict()
        # A quarter being built, and of which file state: another thread asking for the
        # same waits for it (a read ahead, services' callers) rather than building twice.
        self._building: dict[Quarter, tuple[Token, threading.Event]] = {}
        self._lock = threading.Lock()
        self.builds = 0  # quarters built whole (for tests and benchmarks)
        self.updates = 0  # sheets changed in place

    # --- reading ----------------------------------------------------------------------
    def sheet(
        self, session: Session, quarter: Quarter, *, release: Callable[[], object] | None = None
    ) -> GradingSheet:
        """The quarter's sheet as `session` sees the file: kept, or built and kept.
        Inside a write, call it before changing anything. `release`: ends a read
        transaction once what the sheet is built from has been read, so the file's
        shared lock is not held while it is graded (other workstations' commits wait
        for it: the file is not in WAL mode)."""
        token = change_token(session)
        bureau = bureau_name(session)  # not a grading input (not in the token): read each time
        with self._lock:
            stale = self._kept.get(quarter)
        if stale is not None and stale.token != token:
            caught = self._catch_up(session, quarter, stale, token)
            if caught is not None:
                with self._lock:
                    return self._kept_sheet(caught, bureau)
        while True:
            with self._lock:
                kept = self._kept.get(quarter)
                if kept is not None and kept.token == token:
                    self._kept.move_to_end(quarter)
                    return self._kept_sheet(kept, bureau)
                building = self._building.get(quarter)
                if building is None or building[0] != token:
                    done = threading.Event()
                    self._building[quarter] = (token, done)
                    break
            building[1].wait()  # then it is kept (or failed there: built here)
        try:
            kept = self._build(session, quarter, token, bureau, release)
            with self._lock:
                self.builds += 1
                self._kept[quarter] = kept
                self._kept.move_to_end(quarter)
                while len(self._kept) > self.keep:
                    self._kept.popitem(last=False)
        finally:
            with self._lock:
                if self._building.get(quarter, (None, None))[1] is done:
                    del self._building[quarter]
            done.set()
        return kept.sheet

    @staticmethod
    def _kept_sheet(kept: _Kept, bureau: str) -> GradingSheet:
        """Under the lock: the kept sheet, with the bureau's name as read now."""
        if kept.sheet.bureau != bureau:  # renamed meanwhile (the only input not in the token)
            kept.sheet = replace(kept.sheet, bureau=bureau, changes=None)
        return kept.sheet

    def _catch_up(
        self, session: Session, quarter: Quarter, kept: _Kept, token: Token
    ) -> _Kept | None:
        """The kept sheet brought up to `token` from what the audit log says was written
        since (catch_up.py): unchanged if none of it is this quarter's, changed in place
        if it is some people's entries or 点评; None: read the quarter whole."""
        base = kept.token
        touched = touched_since(session, base, token)
        if touched is None:
            return None
        people = touched.people_in(quarter)
        if not people:
            with self._lock:
                if self._kept.get(quarter) is not kept or kept.token != base:
                    return None
                kept.token = token
                self._kept.move_to_end(quarter)
                return kept
        state = kept.editable
        if state is None or not people <= state.people.keys():
            return None  # closed, or someone new on the roster
        ids = sorted(people)
        entries = load_entries(session, quarter, ids)
        totals = comment_totals(session, quarter, ids)
        rules, frozen = rules_for(session, quarter)
        written = Written(
            quarter,
            base,
            token,
            {pid: entries.get(pid, NO_ENTRY) for pid in ids},
            {pid: totals.get(pid, NO_COMMENTS) for pid in ids},
            rules,
            frozen,
        )
        if self.take(written, own=False) is None:
            return None
        return kept

    def _build(
        self,
        session: Session,
        quarter: Quarter,
        token: Token,
        bureau: str,
        release: Callable[[], object] | None,
    ) -> _Kept:
        inputs = _inputs(session, quarter)
        if release is not None:
            release()  # all is read; the rest is grading
        candidates = _candidates(inputs)
        grader = None if inputs.closed else QuarterGrader(candidates, inputs.rules)
        grading = grade_quarter(candidates, inputs.rules) if grader is None else grader.grading()
        names = inputs.roster.department_names()
        outcomes = grading.outcomes
        rows = tuple(
            grading_row(inputs, person, c, outcomes[person.person_id], names)
            for person, c in zip(inputs.people, candidates, strict=True)
        )
        sheet = assemble(bureau, quarter, inputs, rows, grading)
        if grader is None:
            return _Kept(token, sheet, None)
        editable = _Editable(
            inputs,
            {c.person_id: c for c in candidates},
            grader,
            {row.person_id: n for n, row in enumerate(rows)},
            {person.person_id: person for person in inputs.people},
        )
        return _Kept(token, sheet, editable)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    # --- this workstation's writes ------------------------------------------------------
    @staticmethod
    def written(
        session: Session,
        quarter: Quarter,
        base: Token,
        people: Collection[int],
        *,
        comments: bool = False,
    ) -> Written:
        """Inside a write, after its changes: what they did to `people` (their entries,
        and their 点评 totals when `comments`), read back from the transaction."""
        session.flush()  # the rows and their audit rows, so the token below is the new one
        ids = sorted(set(people))
        entries = load_entries(session, quarter, ids) if ids else {}
        totals = comment_totals(session, quarter, ids) if comments and ids else None
        rules, frozen = rules_for(session, quarter)
        return Written(
            quarter,
            base,
            change_token(session),
            {pid: entries.get(pid, NO_ENTRY) for pid in ids},
            None if totals is None else {pid: totals.get(pid, NO_COMMENTS) for pid in ids},
            rules,
            frozen,
        )

    def take(self, written: Written, *, own: bool = True) -> GradingSheet | None:
        """After the write committed: the kept sheet changed in place, or None when no
        sheet of the file as the write found it is kept (read the quarter again).
        `own`: a write of this workstation's QuarterlyGrading (not what another's did)."""
        with self._lock:
            if own:
                # The write changed only its quarter's entries, 点评 dated in it and its
                # scheme row (QuarterlyGrading._write): no input of another quarter's
                # sheet (a frozen scheme row holds the rules later quarters inherited
                # anyway). So the quarters kept as of the file it found stay right.
                for quarter, other in self._kept.items():
                    if quarter != written.quarter and other.token == written.base:
                        other.token = written.token
            kept = self._kept.get(written.quarter)
            if kept is None or kept.token != written.base:
                return None
            if not written.entries and written.token == kept.token:
                return kept.sheet  # nothing was written
            try:
                sheet = self._change(kept, written)
            except MovedError:  # not from a grading write; read the quarter again
                sheet = None
            if sheet is None:
                del self._kept[written.quarter]
                return None
            self.updates += 1
            kept.token, kept.sheet = written.token, sheet
            self._kept.move_to_end(written.quarter)
            return sheet

    @staticmethod
    def _change(kept: _Kept, written: Written) -> GradingSheet | None:
        state, before = kept.editable, kept.sheet
        if state is None or written.rules != state.inputs.rules:
            return None  # closed (a write was refused anyway) or new rules: build again
        if not written.entries.keys() <= state.people.keys():
            return None  # someone off the kept roster: the write should have refused
        inputs = state.inputs
        inputs.entries.update(written.entries)
        if written.comments is not None:
            inputs.comments.update(written.comments)
        changed = []
        for pid, entry in written.entries.items():
            dated = inputs.comments.get(pid, NO_COMMENTS)[0]
            fresh = candidate(state.people[pid], entry, dated, state.candidates[pid].category)
            state.candidates[pid] = fresh
            changed.append(fresh)
        moved = state.grader.regrade(changed)
        state.inputs = inputs = inputs._replace(frozen=written.frozen)
        names = inputs.roster.department_names()
        rows: list[GradingRow] = list(before.rows)
        positions = sorted(state.positions[pid] for pid in written.entries.keys() | moved)
        # Whose entry and 点评 are as they were changed only in their outcome (a rank):
        # the row they had with it (thousands of them when a score shifts the 全局排名).
        written_to = written.entries.keys() | (written.comments or {}).keys()
        for n in positions:
            pid = rows[n].person_id
            outcome = state.grader.outcome(pid)
            if pid not in written_to:
                rows[n] = rows[n]._replace(outcome=outcome)
                continue
            person = state.people[pid]
            rows[n] = grading_row(inputs, person, state.candidates[pid], outcome, names)
        return replace(
            before,
            rows=tuple(rows),
            grading=state.grader.grading(),
            rules_frozen=written.frozen,
            changes=RowChanges(weakref.ref(before), tuple(positions)),
        )
