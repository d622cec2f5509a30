"""The data file as exchange records, read with plain column selects.

A county file holds 10,000 people, 155,000 quarterly scores and 54,000 talks: loading
them as ORM rows (identity map, joined departments, lazy-load state) took 6.5 s and
600 MB. Here each sheet is one select of the columns it needs; names and 编号 come
from small id → name maps read first, so no row is joined and no ORM object is made.
The records are the same as the ORM read made (tests compare `book()` before and
after an import), in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    DepartmentKind,
    Gender,
    PersonStatus,
    PoliticalStatus,
    TaskCategory,
)
from kaohe_desktop.domain.exchange_sheets import CODECS
from kaohe_desktop.domain.records import (
    AdjustmentRecord,
    AssessmentRecord,
    CheckRecord,
    CommentRecord,
    DepartmentRecord,
    ExchangeBook,
    NoticeRecord,
    PersonRecord,
    RectificationRecord,
    RewardRecord,
    TalkRecord,
    TaskRecord,
)
from kaohe_desktop.services.exchange import export_person_records as person_records
from kaohe_desktop.services.exchange.export_notices import attachment_names, notice_records
from kaohe_desktop.services.exchange.export_person_records import optional
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    BureauRow,
    CheckRow,
    DepartmentRow,
    PersonRow,
    StaffCategoryRow,
    TaskDepartmentRow,
    TaskRow,
    VetoRow,
)
from kaohe_desktop.storage.queries.checks import CONFIRMED


def read_book(s: Session) -> ExchangeBook:
    """Every sheet's records, read in the one snapshot `s` holds."""
    reader = BookReader(s)
    book = ExchangeBook(bureau_name=reader.bureau_name, staff_categories=reader.staff_categories)
    for codec in CODECS:
        setattr(book, codec.attr, list(reader.records(codec.attr)))
    return book


class BookReader:
    """The records of each sheet (by its ExchangeBook attribute, as the codecs name
    it), as iterators over one select each."""

    def __init__(self, s: Session) -> None:
        self._s = s
        # Core execution on the session's connection: plain rows, no ORM loading step
        # (the session's transaction is the snapshot every sheet is read in).
        self._connection = s.connection()
        self._run = run = self._connection.execute
        self.bureau_name = run(select(BureauRow.name)).scalars().first()
        self.staff_categories = list(
            run(select(StaffCategoryRow.name).order_by(StaffCategoryRow.sort_order)).scalars()
        )
        self._departments = run(
            select(
                DepartmentRow.id,
                DepartmentRow.name,
                DepartmentRow.group_name,
                DepartmentRow.kind,
                DepartmentRow.sort_order,
            ).order_by(DepartmentRow.sort_order, DepartmentRow.id)
        ).all()
        self._dept_names = {d.id: d.name for d in self._departments}
        self._codes: dict[int, str] = dict(run(select(PersonRow.id, PersonRow.code)).all())
        self._task_keys: dict[int, tuple[int, int]] = {
            t.id: (t.year, t.seq) for t in run(select(TaskRow.id, TaskRow.year, TaskRow.seq))
        }
        self._notices: tuple[list[NoticeRecord], list[RectificationRecord]] | None = None

    def records(self, attr: str) -> Iterator[Any]:
        """The records of the ExchangeBook list `attr` ("people", "assessments" …)."""
        if attr in ("notices", "rectifications"):
            if self._notices is None:  # both sheets come from one read of the notices
                self._notices = self.notices()
            notices, rectifications = self._notices
            return iter(notices if attr == "notices" else rectifications)
        read: Callable[[], Iterator[Any]] = getattr(self, attr)
        return read()

    def departments(self) -> Iterator[DepartmentRecord]:
        for d in self._departments:
            yield DepartmentRecord(
                d.name, d.group_name, optional(DepartmentKind, d.kind), d.sort_order
            )

    def people(self) -> Iterator[PersonRecord]:
        dept_names = self._dept_names
        category = StaffCategoryRow
        categories = dict(self._run(select(category.id, category.name)).all())
        rows = self._run(
            select(
                PersonRow.code,
                PersonRow.name,
                PersonRow.department_id,
                PersonRow.category_id,
                PersonRow.gender,
                PersonRow.birth_date,
                PersonRow.political_status,
                PersonRow.position,
                PersonRow.key_post,
                PersonRow.work_start,
                PersonRow.status,
            ).order_by(PersonRow.code)
        )
        # unpacked as tuples, as in export_person_records
        for code, name, dept, kind, gender, born, party, post, key, start, status in rows:
            yield PersonRecord(
                code,
                name,
                dept_names[dept],
                categories[kind],
                optional(Gender, gender),
                born,
                optional(PoliticalStatus, party),
                post,
                key,
                start,
                PersonStatus(status),
            )

    def tasks(self) -> Iterator[TaskRecord]:
        dept_names = self._dept_names
        responsible: dict[int, list[str]] = defaultdict(list)
        for task_id, department_id in self._run(
            select(TaskDepartmentRow.task_id, TaskDepartmentRow.department_id).order_by(
                TaskDepartmentRow.task_id, TaskDepartmentRow.position
            )
        ):
            responsible[task_id].append(dept_names[department_id])
        rows = self._run(
            select(
                TaskRow.id,
                TaskRow.year,
                TaskRow.seq,
                TaskRow.title,
                TaskRow.category,
                TaskRow.lead_department_id,
                TaskRow.deadline,
                TaskRow.points,
                TaskRow.target,
                TaskRow.source,
                TaskRow.note,
            ).order_by(TaskRow.year, TaskRow.seq)
        )
        for task_id, year, seq, title, kind, lead, deadline, points, target, source, note in rows:
            yield TaskRecord(
                year,
                seq,
                title,
                TaskCategory(kind),
                dept_names[lead],
                tuple(responsible.get(task_id, ())),
                deadline,
                points,
                target,
                source,
                note,
            )

    def checks(self) -> Iterator[CheckRecord]:
        dept_names, task_keys = self._dept_names, self._task_keys
        attachments = attachment_names(self._s)
        # A draft (copied forward, not yet confirmed) is no record: the workbook would
        # bring it back as a confirmed check.
        rows = self._run(
            select(
                CheckRow.id,
                CheckRow.task_id,
                CheckRow.department_id,
                CheckRow.period,
                CheckRow.status,
                CheckRow.actual,
                CheckRow.evidence_text,
                CheckRow.level,
                CheckRow.checker,
                CheckRow.check_date,
            )
            .where(CONFIRMED)
            .order_by(CheckRow.task_id, CheckRow.department_id, CheckRow.period, CheckRow.id)
        )
        for check_id, task_id, dept, period, status, actual, text, level, checker, day in rows:
            yield CheckRecord(
                *task_keys[task_id],
                dept_names[dept],
                period,
                CheckStatus(status),
                actual,
                text,
                CheckLevel(level),
                checker,
                day,
                attachments.get(check_id, ()),
            )

    def notices(self) -> tuple[list[NoticeRecord], list[RectificationRecord]]:
        return notice_records(self._s, self._dept_names, self._task_keys)

    def adjustments(self) -> Iterator[AdjustmentRecord]:
        dept_names = self._dept_names
        # A notice's deduction is written with the notice (督办单 sheet), not here.
        for a in self._run(
            select(
                AdjustmentRow.half,
                AdjustmentRow.department_id,
                AdjustmentRow.category,
                AdjustmentRow.points,
                AdjustmentRow.reason,
                AdjustmentRow.level,
                AdjustmentRow.doc_no,
                AdjustmentRow.adjusted_on,
            )
            .where(AdjustmentRow.notice_id.is_(None))
            .order_by(AdjustmentRow.half, AdjustmentRow.id)
        ):
            yield AdjustmentRecord(
                a.half,
                dept_names[a.department_id],
                AdjustmentCategory(a.category),
                a.points,
                a.reason,
                optional(CommendationLevel, a.level),
                a.doc_no,
                a.adjusted_on,
            )
        veto = VetoRow
        for v in self._run(
            select(
                veto.half, veto.department_id, veto.reason, veto.doc_no, veto.decided_on
            ).order_by(veto.half, veto.id)
        ):
            yield AdjustmentRecord(
                v.half,
                dept_names[v.department_id],
                AdjustmentCategory.VETO,
                Decimal(0),
                v.reason,
                None,
                v.doc_no,
                v.decided_on,
            )

    # The sheets keyed by 编号 (export_person_records).
    def assessments(self) -> Iterator[AssessmentRecord]:
        return person_records.assessments(self._connection, self._codes)

    def comments(self) -> Iterator[CommentRecord]:
        return person_records.comments(self._connection, self._codes)

    def rewards(self) -> Iterator[RewardRecord]:
        return person_records.rewards(self._connection, self._codes)

    def talks(self) -> Iterator[TalkRecord]:
        return person_records.talks(self._connection, self._codes)
