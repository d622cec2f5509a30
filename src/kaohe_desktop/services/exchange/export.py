"""Export of the whole data file as an exchange workbook, and the blank template."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    CommendationType,
    CommentKind,
    DepartmentKind,
    DisciplineType,
    Gender,
    LabeledEnum,
    NoGradeReason,
    PersonStatus,
    PoliticalStatus,
    QuarterGrade,
    TalkKind,
    TaskCategory,
)
from kaohe_desktop.domain.records import (
    AdjustmentRecord,
    AssessmentRecord,
    CheckRecord,
    CommentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
    RewardRecord,
    TalkRecord,
    TaskRecord,
)
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.reports.excel_template import write_template as _write_template
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.exchange.export_notices import attachment_names, notice_records
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    BureauRow,
    CheckRow,
    CommendationRow,
    CommentRow,
    DepartmentRow,
    DisciplineRow,
    PersonRow,
    QuarterlyAssessmentRow,
    StaffCategoryRow,
    TalkRow,
    TaskRow,
    VetoRow,
)
from kaohe_desktop.storage.queries.checks import CONFIRMED
from kaohe_desktop.storage.unit_of_work import UnitOfWork

E = TypeVar("E", bound=LabeledEnum)


def _opt(enum: type[E], code: str | None) -> E | None:
    return None if code is None else enum(code)


def write_template(path: Path) -> None:
    """The empty workbook with headers, dropdowns and the 填写说明 sheet."""
    _write_template(path)


class ExchangeExport:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.EXPORT)
    def book(self) -> ExchangeBook:
        with self._uow.read() as session:
            return _read_book(session)

    @requires(Action.EXPORT)
    def export_workbook(self, path: Path, *, progress: ProgressReporter = SILENT) -> None:
        progress.report(0, 2, "正在读取数据")
        book = self.book()
        progress.report(1, 2, "正在写入工作簿")
        write_workbook(book, path)  # beside the target, then renamed: never a half file
        progress.report(2, 2, "完成")


def _read_book(s: Session) -> ExchangeBook:
    departments = s.scalars(
        select(DepartmentRow).order_by(DepartmentRow.sort_order, DepartmentRow.id)
    ).all()
    dept_names = {d.id: d.name for d in departments}
    people = s.scalars(select(PersonRow).order_by(PersonRow.code)).all()
    codes = {p.id: p.code for p in people}
    tasks = s.scalars(select(TaskRow).order_by(TaskRow.year, TaskRow.seq)).all()
    task_keys = {t.id: (t.year, t.seq) for t in tasks}
    book = ExchangeBook(
        bureau_name=s.scalars(select(BureauRow.name)).first(),
        staff_categories=list(
            s.scalars(select(StaffCategoryRow.name).order_by(StaffCategoryRow.sort_order))
        ),
    )
    book.departments = [
        DepartmentRecord(d.name, d.group_name, _opt(DepartmentKind, d.kind), d.sort_order)
        for d in departments
    ]
    book.people = [
        PersonRecord(
            p.code,
            p.name,
            dept_names[p.department_id],
            p.category.name,
            _opt(Gender, p.gender),
            p.birth_date,
            _opt(PoliticalStatus, p.political_status),
            p.position,
            p.key_post,
            p.work_start,
            PersonStatus(p.status),
        )
        for p in people
    ]
    book.tasks = [
        TaskRecord(
            t.year,
            t.seq,
            t.title,
            TaskCategory(t.category),
            dept_names[t.lead_department_id],
            tuple(dept_names[link.department_id] for link in t.responsible),
            t.deadline,
            t.points,
            t.target,
            t.source,
            t.note,
        )
        for t in tasks
    ]
    # A draft (copied forward, not yet confirmed) is no record: the workbook would bring
    # it back as a confirmed check.
    checks = s.scalars(
        select(CheckRow)
        .where(CONFIRMED)
        .order_by(CheckRow.task_id, CheckRow.department_id, CheckRow.period, CheckRow.id)
    ).all()
    attachments = attachment_names(s)
    book.checks = [
        CheckRecord(
            *task_keys[c.task_id],
            dept_names[c.department_id],
            c.period,
            CheckStatus(c.status),
            c.actual,
            c.evidence_text,
            CheckLevel(c.level),
            c.checker,
            c.check_date,
            attachments.get(c.id, ()),
        )
        for c in checks
    ]
    book.notices, book.rectifications = notice_records(s, dept_names, task_keys)
    book.adjustments = [
        AdjustmentRecord(
            a.half,
            dept_names[a.department_id],
            AdjustmentCategory(a.category),
            a.points,
            a.reason,
            _opt(CommendationLevel, a.level),
            a.doc_no,
            a.adjusted_on,
        )
        # A notice's deduction is written with the notice (督办单 sheet), not here.
        for a in s.scalars(
            select(AdjustmentRow)
            .where(AdjustmentRow.notice_id.is_(None))
            .order_by(AdjustmentRow.half, AdjustmentRow.id)
        )
    ] + [
        AdjustmentRecord(
            v.half,
            dept_names[v.department_id],
            AdjustmentCategory.VETO,
            Decimal(0),
            v.reason,
            None,
            v.doc_no,
            v.decided_on,
        )
        for v in s.scalars(select(VetoRow).order_by(VetoRow.half, VetoRow.id))
    ]
    book.assessments = [
        AssessmentRecord(
            a.quarter,
            codes[a.person_id],
            a.performance,
            a.leader,
            a.comment_points,
            _opt(QuarterGrade, a.override),
            a.override_reason,
            _opt(NoGradeReason, a.no_grade_reason),
        )
        for a in s.scalars(
            select(QuarterlyAssessmentRow).order_by(
                QuarterlyAssessmentRow.quarter, QuarterlyAssessmentRow.id
            )
        )
        if a.performance is not None and a.leader is not None
    ]
    book.comments = [
        CommentRecord(codes[c.person_id], c.commented_on, CommentKind(c.kind), c.points, c.text)
        for c in s.scalars(select(CommentRow).order_by(CommentRow.commented_on, CommentRow.id))
    ]
    book.rewards = [
        RewardRecord(
            codes[r.person_id],
            r.awarded_on,
            CommendationType(r.type),
            r.reason,
            r.doc_no,
            r.impact_until,
        )
        for r in s.scalars(
            select(CommendationRow).order_by(CommendationRow.awarded_on, CommendationRow.id)
        )
    ] + [
        RewardRecord(
            codes[r.person_id],
            r.decided_on,
            DisciplineType(r.type),
            r.reason,
            r.doc_no,
            r.impact_until,
        )
        for r in s.scalars(
            select(DisciplineRow).order_by(DisciplineRow.decided_on, DisciplineRow.id)
        )
    ]
    book.talks = [
        TalkRecord(codes[t.person_id], t.talked_on, t.talker, _opt(TalkKind, t.kind), t.summary)
        for t in s.scalars(select(TalkRow).order_by(TalkRow.talked_on, TalkRow.id))
    ]
    return book
