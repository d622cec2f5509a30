"""The 等次, 排名 and flag of everyone in an OPEN quarter, as the quarter's grid shows
them, kept between reads so one person's archive does not regrade the whole quarter
(0.3 s at 10,000 people) on every click.

An open quarter's 等次 depends on everyone's scores (the 好 quota, ties, ranks), so
the only right answer is build_sheet's (services/quarterly/sheet.py, the one outcomes
function). A closed quarter never comes here: its close stored each person's values,
and person_quarters reads them for the person alone.

When to grade again: every write to the file writes its audit rows in the same
transaction (storage/audit.py, the ORM hooks; no service writes rows behind them), so
the newest audit row among the tables a quarter's grading reads — 平时考核 rows, 点评,
people, their department history, departments, staff categories, the scheme rows
(rules) and period locks — changes whenever a grade might. That row's id and hash
are the change token (the hash tells a file restored from a backup, whose ids may
come round again, from the one seen before); writes elsewhere (a 谈话, a 处分) keep the
token, so the archive that a record's save returns is built from what is kept.

Bounded: the `keep` latest quarters (4 by default, a year) are kept.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import NamedTuple

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Flag
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.quarterly.sheet import build_sheet
from kaohe_desktop.storage.models import (
    AuditRow,
    CommentRow,
    DepartmentRow,
    PeriodLockRow,
    PersonDepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    SchemeRow,
    StaffCategoryRow,
)

DEFAULT_KEEP = 4

# The tables build_sheet reads: a change to any of them may change a grade.
GRADING_TABLES: tuple[str, ...] = tuple(
    model.__tablename__
    for model in (
        QuarterlyAssessmentRow,
        CommentRow,
        PersonRow,
        PersonDepartmentRow,
        DepartmentRow,
        StaffCategoryRow,
        SchemeRow,
        PeriodLockRow,
    )
)


class OpenOutcome(NamedTuple):
    """One person's result in an open quarter, as its grid shows it."""

    grade: QuarterGrade | None  # None: unscored or 不定等次
    rank: int | None
    flag: Flag | None  # 并列超出名额 … (what keeps the quarter from closing)
    overridden: bool  # a grade set by hand, honoured
    no_grade_reason: NoGradeReason | None  # 不定等次


Token = tuple[int, str] | None


def _newest_statement() -> Select[int | None]:
    newest = union_all(
        *(
            select(func.max(AuditRow.id).label("id")).where(AuditRow.entity == table)
            for table in GRADING_TABLES
        )
    ).subquery()
    return select(func.max(newest.c.id))


_NEWEST = _newest_statement()  # built once: it is asked at every archive


def change_token(session: Session) -> Token:
    """The id and hash of the newest audit row of the tables grading reads (one max()
    per table, each answered from the audit log's entity index)."""
    last = session.scalar(_NEWEST)
    if last is None:
        return None
    return last, session.scalar(select(AuditRow.hash).where(AuditRow.id == last)) or ""


class QuarterOutcomes:
    """Open quarters' outcomes by person, kept while the file's grading inputs have not
    changed. Safe to share between threads (a read worker and the screen)."""

    def __init__(self, keep: int = DEFAULT_KEEP) -> None:
        self.keep = keep
        self._kept: dict[Quarter, tuple[Token, Mapping[int, OpenOutcome]]] = {}
        self._lock = threading.Lock()
        self.builds = 0  # how many quarters were graded (for tests and benchmarks)

    def outcomes(
        self, session: Session, quarter: Quarter, token: Token = None
    ) -> Mapping[int, OpenOutcome]:
        """Everyone's outcome in `quarter` (open), read in the caller's snapshot.
        `token`: change_token(session), when the caller asks for several quarters."""
        if token is None:
            token = change_token(session)
        with self._lock:
            kept = self._kept.get(quarter)
        if kept is not None and kept[0] == token:
            return kept[1]
        sheet = build_sheet(session, quarter)
        found = {
            row.person_id: OpenOutcome(
                row.grade, row.rank, row.flag, row.outcome.overridden, row.no_grade_reason
            )
            for row in sheet.rows
        }
        with self._lock:
            self.builds += 1
            self._kept[quarter] = (token, found)
            for old in sorted(self._kept)[: max(0, len(self._kept) - self.keep)]:
                del self._kept[old]
        return found

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def open_quarter_grades(
    session: Session, quarter: Quarter, cache: QuarterOutcomes, token: Token = None
) -> Mapping[int, OpenOutcome]:
    """The grid's 等次 / 排名 / flag of everyone in the open `quarter` (person id →
    OpenOutcome), graded once per change of the file's grading inputs. For a closed
    quarter read person_quarters / build_sheet instead: its stored values stand."""
    return cache.outcomes(session, quarter, token)
