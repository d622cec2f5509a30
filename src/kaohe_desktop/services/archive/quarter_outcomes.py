"""The change tokens: what the database proves about whether something read earlier is
still what the file holds, so what was built from it may be kept between reads.

Every write to the file writes its audit rows in the same transaction (storage/audit.py,
the ORM hooks; a bulk write's compact entries name their table too; no service writes
rows behind them), so the newest audit row among the tables a reading depends on
changes whenever what it read might. That row's id and hash are the token (the hash
tells a file restored from a backup, whose ids may come round again, from the one seen
before); writes to other tables keep it.

- `change_token`: the tables a quarter's grading reads — 平时考核 rows, 点评, people,
  their department history, departments, staff categories, the scheme rows (rules) and
  period locks. The quarters' sheets are kept on it (services/quarterly/sheet_cache,
  and through them the open quarters' outcomes of services/archive/open_outcomes).
- `tables_token`: the same for any other set of tables (the 年度考核's inputs:
  services/archive/annual_cache).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.orm import Session

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

Token = tuple[int, str] | None


def _newest_statement(tables: Iterable[str]) -> Select[int | None]:
    newest = union_all(
        *(select(func.max(AuditRow.id).label("id")).where(AuditRow.entity == t) for t in tables)
    ).subquery()
    return select(func.max(newest.c.id))


_STATEMENTS = {GRADING_TABLES: _newest_statement(GRADING_TABLES)}  # built once each
_LOCK = threading.Lock()


def tables_token(session: Session, tables: tuple[str, ...]) -> Token:
    """The id and hash of the newest audit row of `tables` (one max() per table, each
    answered from the audit log's entity index), in the caller's snapshot."""
    with _LOCK:
        statement = _STATEMENTS.get(tables)
        if statement is None:
            statement = _STATEMENTS[tables] = _newest_statement(tables)
    last = session.scalar(statement)
    if last is None:
        return None
    return last, session.scalar(select(AuditRow.hash).where(AuditRow.id == last)) or ""


def change_token(session: Session) -> Token:
    """The token of the tables grading reads (GRADING_TABLES)."""
    return tables_token(session, GRADING_TABLES)
