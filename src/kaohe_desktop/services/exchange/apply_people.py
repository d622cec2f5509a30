"""The sheets of an exchange book that are keyed by 编号: 人员, 平时考核, 点评, 奖惩, 谈心谈话.

A part of BookApplier (services/exchange/apply), kept apart to keep each module
short; the same upsert rules hold (see there). These are the big sheets of a county
(10,000 people, 155,000 quarterly rows): each is written through services/exchange/bulk
(SQLAlchemy Core, audited compactly), never as ORM objects.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import CommendationType
from kaohe_desktop.domain.periods import parse_quarter
from kaohe_desktop.domain.records import CellError, ExchangeBook
from kaohe_desktop.services.exchange.bulk import ADDED, UNCHANGED, BulkTable
from kaohe_desktop.services.exchange.overrides import PendingGrade, needs_grid_check, settle_grades
from kaohe_desktop.services.exchange.upsert import ApplyCounts
from kaohe_desktop.services.quarterly.refusals import person_label, ungraded_line
from kaohe_desktop.services.quarterly.roster import ungraded_categories
from kaohe_desktop.services.quarterly.scheme import freeze_rules
from kaohe_desktop.storage.models import (
    CommendationRow,
    CommentRow,
    DepartmentRow,
    DisciplineRow,
    PersonDepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    StaffCategoryRow,
    TalkRow,
)

PERSON_COLUMNS = (
    "name",
    "gender",
    "birth_date",
    "political_status",
    "position",
    "key_post",
    "work_start",
    "status",
    "department_id",
    "category_id",
)


class PersonSheets:
    """Mixed into BookApplier, which provides the state and the helpers below."""

    s: Session
    book: ExchangeBook
    counts: ApplyCounts
    now: datetime
    today: date
    departments: dict[str, DepartmentRow]
    categories: dict[str, StaffCategoryRow]
    people: dict[str, int]  # 编号 → person id
    _pending: list[PendingGrade]
    _unchanged_rows: set[int]  # 平时考核 rows the upsert left as they were
    refused: list[CellError]  # grades set by hand that the grid would refuse

    def _table(
        self, model: Any, what: str, key: tuple[str, ...], compared: tuple[str, ...], where: Any
    ) -> BulkTable:
        raise NotImplementedError

    def _store(self, table: BulkTable) -> None:
        raise NotImplementedError

    def _tick(self, message: str) -> None:
        raise NotImplementedError

    def _count(self, sheet: str, outcome: str) -> None:
        counts = self.counts.sheet(sheet)
        if outcome == ADDED:
            counts.added += 1
        elif outcome == UNCHANGED:
            counts.unchanged += 1
        else:
            counts.updated += 1

    def _people(self) -> None:
        people = self._table(PersonRow, "人员", ("code",), PERSON_COLUMNS, None)
        self.people = {key[0]: row.id for key, row in people.rows.items()}
        moves: list[tuple[int, int, date | None]] = []  # (person, department, start)
        for record in self.book.people:
            department_id = self.departments[record.department].id
            was_in = people.get((record.code,), "department_id")
            person_id, outcome = people.upsert(
                (record.code,),
                {
                    "name": record.name,
                    "gender": record.gender,
                    "birth_date": record.birth_date,
                    "political_status": record.political_status,
                    "position": record.position,
                    "key_post": record.key_post,
                    "work_start": record.work_start,
                    "status": record.status,
                    "department_id": department_id,
                    "category_id": self.categories[record.category].id,
                },
            )
            if outcome == ADDED:  # the first stint starts when the person started work
                moves.append((person_id, department_id, None))
            elif was_in != department_id:
                moves.append((person_id, department_id, self.today))
            self._count("人员", outcome)
            self.people[record.code] = person_id
            self._tick("人员")
        self._store(people)
        starts = {record.code: record.work_start for record in self.book.people}
        self._record_moves(moves, {self.people[c]: start for c, start in starts.items()})

    def _record_moves(
        self, moves: list[tuple[int, int, date | None]], work_starts: dict[int, date | None]
    ) -> None:
        """任职科室历史 as services/org/moves.record_moves keeps it: a move closes the open
        stint and opens a new one; a new person's first stint starts at 参加工作时间."""
        if not moves:
            return
        moved = {person for person, _, start in moves if start is not None}
        stints = PersonDepartmentRow.__table__
        open_stints = self._table(
            PersonDepartmentRow, "任职科室", ("id",), ("person_id", "end_date"),
            stints.c.end_date.is_(None),
        )  # fmt: skip
        for key, row in list(open_stints.rows.items()):
            if row.values[0] in moved:  # person_id
                open_stints.upsert(key, {"end_date": self.today})
        self._store(open_stints)
        new_stints = self._table(
            PersonDepartmentRow, "任职科室", ("person_id", "department_id", "start_date"), (),
            false(),
        )  # fmt: skip
        for person, department, start in moves:
            begins = start or work_starts.get(person) or self.today
            new_stints.upsert((person, department, begins), {"end_date": None})
        self._store(new_stints)

    def _assessments(self) -> None:
        quarters = {r.quarter for r in self.book.assessments}
        table = QuarterlyAssessmentRow.__table__
        rows = self._table(
            QuarterlyAssessmentRow,
            "平时考核",
            ("quarter", "person_id"),
            (
                "performance",
                "leader",
                "comment_points",
                "override",
                "override_reason",
                "no_grade_reason",
            ),
            table.c.quarter.in_(sorted(quarters)),
        )
        written: set[str] = set()
        ungraded = self._ungraded(quarters)
        for index, record in enumerate(self.book.assessments):
            person_id = self.people[record.code]
            if person_id in ungraded.get(record.quarter, {}):
                self._refuse_ungraded(index, record.quarter, ungraded[record.quarter][person_id])
                continue
            key = (record.quarter, person_id)
            stored = rows.has(key)
            values: dict[str, Any] = {
                "performance": record.performance,
                "leader": record.leader,
                "comment_points": record.comment_points,
                "override": record.override,
                "override_reason": record.override_reason,
                "no_grade_reason": record.no_grade_reason,
            }
            if needs_grid_check(record.override, rows.get(key, "override")):
                # Set once the whole book is in, if the grid would allow it then.
                del values["override"], values["override_reason"]
                self._pending.append(
                    PendingGrade(
                        index,
                        record.quarter,
                        person_id,
                        record.override,  # type: ignore[arg-type]
                        record.override_reason or "",
                    )
                )
            _, outcome = rows.upsert(key, values)
            if stored and outcome == UNCHANGED:
                self._unchanged_rows.add(index)
            if outcome != UNCHANGED:
                written.add(record.quarter)
            self._count("平时考核", outcome)
            self._tick("平时考核")
        self._store(rows)
        # A quarter whose entries the workbook changed grades by the rules it has now,
        # as if they had been typed in (services/grading_scheme).
        for quarter in sorted(written):
            freeze_rules(self.s, parse_quarter(quarter), self.now)

    def _ungraded(self, quarters: set[str]) -> dict[str, dict[int, tuple[str, str]]]:
        """Per quarter of the book, the people (id → (label, category)) of a 人员类别 its
        scheme leaves ungraded (services/quarterly/roster): their rows are refused."""
        by_quarter = {q: ungraded_categories(self.s, parse_quarter(q)) for q in sorted(quarters)}
        wanted = {c for categories in by_quarter.values() for c in categories}
        if not wanted:
            return {}
        people = self.s.execute(
            select(PersonRow.id, PersonRow.name, PersonRow.code, PersonRow.category_id).where(
                PersonRow.category_id.in_(sorted(wanted))
            )
        ).all()
        return {
            quarter: {
                pid: (person_label(name, code), categories[category_id])
                for pid, name, code, category_id in people
                if category_id in categories
            }
            for quarter, categories in by_quarter.items()
        }

    def _refuse_ungraded(self, index: int, quarter: str, who: tuple[str, str]) -> None:
        reason = ungraded_line(who[0], who[1], parse_quarter(quarter)) + "，不能导入"
        row = self.book.row_of("平时考核", index)
        self.refused.append(CellError("平时考核", row, "编号", reason))

    def _settle_grades(self) -> None:
        """好 and 较好 by hand, checked as the grid checks them (services/exchange/overrides)."""
        if not self._pending:
            return
        refused, changed = settle_grades(self.s, self.book, self._pending, self.now)
        self.refused.extend(refused)
        counts = self.counts.sheet("平时考核")
        moved = len(changed & self._unchanged_rows)  # counted unchanged before the grade
        counts.unchanged -= moved
        counts.updated += moved

    def _comments(self) -> None:
        rows = self._table(
            CommentRow, "点评", ("person_id", "commented_on", "kind", "text"), ("points",), None
        )
        for record in self.book.comments:
            key = (self.people[record.code], record.date, record.kind.value, record.text)
            _, outcome = rows.upsert(key, {"points": record.points})
            self._count("点评", outcome)
            self._tick("点评")
        self._store(rows)

    def _rewards(self) -> None:
        key = ("person_id", "awarded_on", "type", "doc_no")
        compared = ("reason", "impact_until")
        commendations = self._table(CommendationRow, "奖励", key, compared, None)
        disciplines = self._table(
            DisciplineRow, "处分", ("person_id", "decided_on", "type", "doc_no"), compared, None
        )
        for record in self.book.rewards:
            rows = commendations if isinstance(record.type, CommendationType) else disciplines
            _, outcome = rows.upsert(
                (self.people[record.code], record.date, record.type.value, record.doc_no),
                {"reason": record.reason, "impact_until": record.impact_until},
            )
            self._count("奖惩", outcome)
            self._tick("奖惩")
        self._store(commendations)
        self._store(disciplines)

    def _talks(self) -> None:
        rows = self._table(
            TalkRow, "谈心谈话", ("person_id", "talked_on", "talker"), ("kind", "summary"), None
        )
        for record in self.book.talks:
            _, outcome = rows.upsert(
                (self.people[record.code], record.date, record.talker),
                {"kind": record.kind, "summary": record.summary},
            )
            self._count("谈心谈话", outcome)
            self._tick("谈心谈话")
        self._store(rows)
