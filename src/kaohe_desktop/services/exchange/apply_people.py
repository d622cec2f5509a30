"""The sheets of an exchange book that are keyed by 编号: 平时考核, 点评, 奖惩, 谈心谈话.

A part of BookApplier (services/exchange/apply), kept apart to keep each module
short; the same upsert rules hold (see there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import CommendationType
from kaohe_desktop.domain.periods import parse_quarter
from kaohe_desktop.domain.records import CellError, ExchangeBook
from kaohe_desktop.services.exchange.overrides import PendingGrade, needs_grid_check, settle_grades
from kaohe_desktop.services.exchange.upsert import ApplyCounts
from kaohe_desktop.services.quarterly.scheme import freeze_rules
from kaohe_desktop.storage.models import (
    CommendationRow,
    CommentRow,
    DisciplineRow,
    PersonRow,
    QuarterlyAssessmentRow,
    TalkRow,
)


class PersonSheets:
    """Mixed into BookApplier, which provides the state and the two helpers below."""

    s: Session
    book: ExchangeBook
    counts: ApplyCounts
    now: datetime
    people: dict[str, PersonRow]
    _updated_rows: set[Any]
    _pending: list[PendingGrade]
    _unchanged_rows: set[int]  # 平时考核 rows the upsert left as they were
    refused: list[CellError]  # grades set by hand that the grid would refuse

    def _upsert(
        self, sheet: str, existing: Any, make: Callable[[], Any], values: dict[str, Any]
    ) -> Any:
        raise NotImplementedError

    def _tick(self, message: str) -> None:
        raise NotImplementedError

    def _by_person(
        self, rows: Iterable[Any], key: Callable[[Any], tuple[Any, ...]]
    ) -> dict[tuple[Any, ...], Any]:
        return {key(r): r for r in rows}

    def _assessments(self) -> None:
        quarters = {r.quarter for r in self.book.assessments}
        existing = self._by_person(
            self.s.scalars(
                select(QuarterlyAssessmentRow).where(QuarterlyAssessmentRow.quarter.in_(quarters))
            ),
            lambda a: (a.quarter, a.person_id),
        )
        counts = self.counts.sheet("平时考核")
        written: set[str] = set()
        for index, record in enumerate(self.book.assessments):
            person = self.people[record.code]
            key = (record.quarter, person.id)
            before = counts.added + counts.updated
            stored = existing.get(key)
            values = {
                "quarter": record.quarter,
                "performance": record.performance,
                "leader": record.leader,
                "comment_points": record.comment_points,
                "override": record.override,
                "override_reason": record.override_reason,
                "no_grade_reason": record.no_grade_reason,
            }
            if needs_grid_check(record.override, stored.override if stored else None):
                # Set once the whole book is in, if the grid would allow it then.
                del values["override"], values["override_reason"]
                self._pending.append(
                    PendingGrade(
                        index,
                        record.quarter,
                        person.id,
                        record.override,  # type: ignore[arg-type]
                        record.override_reason or "",
                    )
                )
            self._upsert(
                "平时考核",
                stored,
                partial(QuarterlyAssessmentRow, person_id=person.id),
                values,
            )
            if stored is not None and stored not in self._updated_rows:
                self._unchanged_rows.add(index)
            if counts.added + counts.updated > before:
                written.add(record.quarter)
            self._tick("平时考核")
        # A quarter whose entries the workbook changed grades by the rules it has now,
        # as if they had been typed in (services/grading_scheme).
        for quarter in sorted(written):
            freeze_rules(self.s, parse_quarter(quarter), self.now)

    def _settle_grades(self) -> None:
        """好 and 较好 by hand, checked as the grid checks them (services/exchange/overrides)."""
        if not self._pending:
            return
        self.refused, changed = settle_grades(self.s, self.book, self._pending, self.now)
        counts = self.counts.sheet("平时考核")
        moved = len(changed & self._unchanged_rows)  # counted unchanged before the grade
        counts.unchanged -= moved
        counts.updated += moved

    def _comments(self) -> None:
        existing = self._by_person(
            self.s.scalars(select(CommentRow)),
            lambda c: (c.person_id, c.commented_on, c.kind, c.text),
        )
        for record in self.book.comments:
            person = self.people[record.code]
            key = (person.id, record.date, record.kind.value, record.text)
            self._upsert(
                "点评",
                existing.get(key),
                partial(CommentRow, person_id=person.id),
                {
                    "commented_on": record.date,
                    "kind": record.kind,
                    "points": record.points,
                    "text": record.text,
                },
            )
            self._tick("点评")

    def _rewards(self) -> None:
        commendations = self._by_person(
            self.s.scalars(select(CommendationRow)),
            lambda r: (r.person_id, r.awarded_on, r.type, r.doc_no),
        )
        disciplines = self._by_person(
            self.s.scalars(select(DisciplineRow)),
            lambda r: (r.person_id, r.decided_on, r.type, r.doc_no),
        )
        for record in self.book.rewards:
            person = self.people[record.code]
            key = (person.id, record.date, record.type.value, record.doc_no)
            values = {
                "type": record.type,
                "reason": record.reason,
                "doc_no": record.doc_no,
                "impact_until": record.impact_until,
            }
            if isinstance(record.type, CommendationType):
                self._upsert(
                    "奖惩",
                    commendations.get(key),
                    partial(CommendationRow, person_id=person.id),
                    {**values, "awarded_on": record.date},
                )
            else:
                self._upsert(
                    "奖惩",
                    disciplines.get(key),
                    partial(DisciplineRow, person_id=person.id),
                    {**values, "decided_on": record.date},
                )
            self._tick("奖惩")

    def _talks(self) -> None:
        existing = self._by_person(
            self.s.scalars(select(TalkRow)), lambda t: (t.person_id, t.talked_on, t.talker)
        )
        for record in self.book.talks:
            person = self.people[record.code]
            key = (person.id, record.date, record.talker)
            self._upsert(
                "谈心谈话",
                existing.get(key),
                partial(TalkRow, person_id=person.id),
                {
                    "talked_on": record.date,
                    "talker": record.talker,
                    "kind": record.kind,
                    "summary": record.summary,
                },
            )
            self._tick("谈心谈话")
