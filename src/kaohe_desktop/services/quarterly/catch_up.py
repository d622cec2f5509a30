"""What other workstations changed since a kept sheet was read, told by the audit log
(issue 16), so a colleague's typed score changes a few rows here, not the whole quarter.

The kept sheet's change token is the id and hash of the newest audit row among the
grading tables (services/archive/quarter_outcomes.change_token). Every write appends
its audit rows in its own transaction, with contiguous ids, so the grading rows above
that id are exactly what was written since. `touched_since` reads them and answers
whose 平时考核 row (by quarter) and whose 点评 (by day) changed — or None when it
cannot say for sure, and the quarter is then read whole:

- the kept row is not there with its hash (a file restored from a backup);
- more than LIMIT rows (an import: reading everything is as quick);
- a row of any other grading table (people, departments, stints, categories, rules,
  locks: they change rosters and scopes), an entry it does not know (an import's
  compact entry, an event), or a 平时考核 row removed (the roster may shrink).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.archive.quarter_outcomes import GRADING_TABLES, Token
from kaohe_desktop.storage.models import AuditRow, CommentRow, QuarterlyAssessmentRow

LIMIT = 200
_ASSESSMENT = QuarterlyAssessmentRow.__tablename__
_COMMENT = CommentRow.__tablename__


class Touched(NamedTuple):
    """Whose entries changed: 平时考核 rows by quarter, 点评 by the day they are dated."""

    assessments: dict[str, set[int]]  # quarter ("2026Q4") → person ids
    comments: set[tuple[int, date]]  # (person id, day), before and after a change

    def people_in(self, quarter: Quarter) -> set[int]:
        dated = {pid for pid, day in self.comments if quarter.contains(day)}
        return self.assessments.get(str(quarter), set()) | dated


class _Unknown(Exception):
    """Something the log says that this module does not follow: read the quarter whole."""


def touched_since(session: Session, kept: Token, now: Token) -> Touched | None:
    """What the grading rows written after `kept` up to `now` touched, or None."""
    if kept is None or now is None or now[0] < kept[0]:
        return None
    found = session.scalar(select(AuditRow.hash).where(AuditRow.id == kept[0]))
    if found != kept[1]:
        return None  # another file, or the log went back
    rows = session.execute(
        select(AuditRow.action, AuditRow.entity, AuditRow.entity_id, AuditRow.before_json)
        .where(AuditRow.id > kept[0], AuditRow.id <= now[0], AuditRow.entity.in_(GRADING_TABLES))
        .order_by(AuditRow.id)
        .limit(LIMIT + 1)
    ).all()
    if len(rows) > LIMIT:
        return None
    try:
        return _touched(session, rows)
    except (_Unknown, ValueError, TypeError, KeyError):
        return None


def _touched(session: Session, rows: Iterable[Any]) -> Touched:
    assessments: set[int] = set()
    befores: list[tuple[int, dict[str, Any]]] = []  # (comment id, what it held before)
    for action, entity, entity_id, before_json in rows:
        if action not in ("insert", "update", "delete"):
            raise _Unknown(action)
        before = json.loads(before_json) if before_json else {}
        if entity == _ASSESSMENT:
            if action == "delete" or "quarter" in before or "person_id" in before:
                raise _Unknown("a row left a quarter or a person: the roster may change")
            assessments.add(int(entity_id))
        elif entity == _COMMENT:
            befores.append((int(entity_id), before))
        else:
            raise _Unknown(entity)
    by_quarter: dict[str, set[int]] = {}
    if assessments:
        qa = QuarterlyAssessmentRow
        found = session.execute(
            select(qa.id, qa.person_id, qa.quarter).where(qa.id.in_(sorted(assessments)))
        ).all()
        if len(found) != len(assessments):
            raise _Unknown("a row written since is gone")
        for _id, person_id, quarter in found:
            by_quarter.setdefault(quarter, set()).add(person_id)
    days: set[tuple[int, date]] = set()
    if befores:
        c = CommentRow
        ids = sorted({comment_id for comment_id, _ in befores})
        now = {
            comment_id: (person_id, day)
            for comment_id, person_id, day in session.execute(
                select(c.id, c.person_id, c.commented_on).where(c.id.in_(ids))
            )
        }
        days.update(now.values())
        for comment_id, before in befores:
            # A removed 点评's whole row is in `before`; a changed one's, what changed.
            person, day = now.get(comment_id, (None, None))
            if "person_id" in before:
                person = int(before["person_id"])
            if "commented_on" in before:
                day = date.fromisoformat(before["commented_on"])
            if person is None or day is None:
                if not before:
                    continue  # added, then removed: the removal's entry holds its row
                raise _Unknown("a 点评 that is gone, without its day")
            days.add((person, day))
    return Touched(by_quarter, days)
