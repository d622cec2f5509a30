"""The 等次, 排名 and flag of everyone in an OPEN quarter, as the quarter's grid shows
them, for the 人员档案 and the 年度考核: read from the quarter sheets the grid keeps
(services/quarterly/sheet_cache.QuarterSheets), so a quarter is graded once for every
tab, not once per tab (issue 16).

An open quarter's 等次 depends on everyone's scores (the 好 quota, ties, ranks), so
the only right answer is the grid's sheet. When it is read again is the sheets' one
rule (their change token, services/archive/quarter_outcomes; changed in place by the
grid's own writes, brought up to date from the audit log after another
workstation's): nothing here decides whether a grade is still right. What is kept
here is only each sheet's rows by person, made from that very sheet object and made
again whenever the sheets hand out another one.

A closed quarter never comes here: its close stored each person's values, and
person_quarter_rows reads them for the person alone.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import NamedTuple

from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Flag
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.quarterly.sheet_cache import DEFAULT_KEEP, QuarterSheets
from kaohe_desktop.services.quarterly.views import GradingSheet


class OpenOutcome(NamedTuple):
    """One person's result in an open quarter, as its grid shows it."""

    grade: QuarterGrade | None  # None: unscored or 不定等次
    rank: int | None
    flag: Flag | None  # 并列超出名额 … (what keeps the quarter from closing)
    overridden: bool  # a grade set by hand, honoured
    no_grade_reason: NoGradeReason | None  # 不定等次


class QuarterOutcomes:
    """Open quarters' outcomes by person, from `sheets` (the Workspace passes the grid's,
    so the tabs share one cache; alone, it keeps its own). Safe to share between
    threads (a read worker and the screen)."""

    def __init__(self, sheets: QuarterSheets | None = None, *, keep: int = DEFAULT_KEEP) -> None:
        self.sheets = sheets if sheets is not None else QuarterSheets(keep)
        # quarter → (the sheet, its outcomes by person): the sheet object is the key.
        self._by_person: dict[Quarter, tuple[GradingSheet, Mapping[int, OpenOutcome]]] = {}
        self._lock = threading.Lock()

    @property
    def builds(self) -> int:
        """Quarters graded whole (for tests and benchmarks)."""
        return self.sheets.builds

    def sheet(self, session: Session, quarter: Quarter) -> GradingSheet:
        """The quarter's sheet as `session` sees the file (kept, or built and kept)."""
        return self.sheets.sheet(session, quarter)

    def outcomes(self, session: Session, quarter: Quarter) -> Mapping[int, OpenOutcome]:
        """Everyone's outcome in `quarter` (open), read in the caller's snapshot. Inside a
        write, ask before changing anything (QuarterSheets.sheet)."""
        sheet = self.sheets.sheet(session, quarter)
        with self._lock:
            kept = self._by_person.get(quarter)
        if kept is not None and kept[0] is sheet:
            return kept[1]
        found = {
            row.person_id: OpenOutcome(
                row.grade, row.rank, row.flag, row.outcome.overridden, row.no_grade_reason
            )
            for row in sheet.rows
        }
        with self._lock:
            self._by_person.pop(quarter, None)  # the latest made last
            self._by_person[quarter] = (sheet, found)
            # As many as the sheets keep: the others' sheets are gone there anyway.
            for old in list(self._by_person)[: max(0, len(self._by_person) - self.sheets.keep)]:
                del self._by_person[old]
        return found

    def clear(self) -> None:
        self.sheets.clear()
        with self._lock:
            self._by_person.clear()
