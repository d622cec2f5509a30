"""Read-only queries behind the four tabs. Each opens one short read snapshot."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.deadlines import DeadlineError, parse_deadline
from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    Gender,
    NoGradeReason,
    PersonStatus,
    PoliticalStatus,
    QuarterGrade,
    TaskCategory,
)
from kaohe_desktop.domain.grading import composite_score, performance_total
from kaohe_desktop.domain.periods import HalfYear, Quarter, parse_period
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access import Guard, requires
from kaohe_desktop.services.grading_scheme import rules_for
from kaohe_desktop.services.labels import label_or_none
from kaohe_desktop.services.views import (
    AdjustmentView,
    AssessmentView,
    BureauSummary,
    DepartmentHalfView,
    PersonView,
    TaskView,
)
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    BureauRow,
    CheckRow,
    CommentRow,
    DepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    TaskRow,
    VetoRow,
)
from kaohe_desktop.storage.unit_of_work import UnitOfWork

# Worst first: the status a task shows when its departments disagree.
_SEVERITY = [
    CheckStatus.MISSED,
    CheckStatus.PARTIAL,
    CheckStatus.LATE,
    CheckStatus.DONE,
    CheckStatus.NOT_DUE,
]


def lead_statuses(session: Session, *where: ColumnElement[bool]) -> defaultdict[int, list[str]]:
    """First-level check statuses by task id, of the tasks selected by `where`."""
    checks: defaultdict[int, list[str]] = defaultdict(list)
    statement = (
        select(CheckRow.task_id, CheckRow.status)
        .join(TaskRow, TaskRow.id == CheckRow.task_id)
        .where(CheckRow.level == CheckLevel.LEAD.value, *where)
    )
    for task_id, status in session.execute(statement):
        checks[task_id].append(status)
    return checks


def task_view(row: TaskRow, statuses: list[str]) -> TaskView:
    """A task as the screens show it; `statuses` are its first-level checks."""
    category = TaskCategory(row.category)
    responsible = tuple(link.department.name for link in row.responsible)
    try:
        window = parse_deadline(row.deadline, row.year)
        due = window.describe(category)
        expected = len(window.due_periods(category)) * len(responsible)
    except DeadlineError:
        due, expected = "无法识别", 0
    recorded = [CheckStatus(s) for s in statuses]
    worst = min(recorded, key=_SEVERITY.index) if recorded else None
    return TaskView(
        row.id,
        row.year,
        row.seq,
        row.title,
        row.target,
        category,
        row.lead_department.name,
        responsible,
        row.deadline,
        due,
        row.points,
        row.source,
        row.note,
        len(recorded),
        expected,
        worst,
        row.version,
    )


class Queries:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.VIEW)
    def summary(self) -> BureauSummary:
        with self._uow.read() as session:
            bureau = session.scalars(select(BureauRow.name)).first() or ""
            departments = session.scalar(select(func.count()).select_from(DepartmentRow)) or 0
            people = session.scalar(select(func.count()).select_from(PersonRow)) or 0
            years: set[int] = set(session.scalars(select(TaskRow.year).distinct()))
            for quarter in session.scalars(select(QuarterlyAssessmentRow.quarter).distinct()):
                years.add(parse_period(quarter).year)
            for half in session.scalars(select(AdjustmentRow.half).distinct()):
                years.add(parse_period(half).year)
        return BureauSummary(bureau, departments, people, tuple(sorted(years, reverse=True)))

    @requires(Action.VIEW)
    def tasks(self, year: int) -> list[TaskView]:
        with self._uow.read() as session:
            rows = session.scalars(
                select(TaskRow).where(TaskRow.year == year).order_by(TaskRow.seq)
            ).all()
            checks = lead_statuses(session, TaskRow.year == year)
            return [task_view(row, checks[row.id]) for row in rows]

    @requires(Action.VIEW)
    def assessments(self, quarter: Quarter) -> list[AssessmentView]:
        with self._uow.read() as session:
            rows = session.scalars(
                select(QuarterlyAssessmentRow)
                .join(PersonRow)
                .join(DepartmentRow, DepartmentRow.id == PersonRow.department_id)
                .where(QuarterlyAssessmentRow.quarter == str(quarter))
                .order_by(DepartmentRow.sort_order, PersonRow.code)
            ).all()
            comment_sums: dict[int, Decimal] = defaultdict(Decimal)
            comments = select(CommentRow.person_id, CommentRow.points).where(
                CommentRow.commented_on.between(quarter.start, quarter.end)
            )
            for person_id, points in session.execute(comments):
                comment_sums[person_id] += points
            rules, _frozen = rules_for(session, quarter)
            return [self._assessment_view(row, comment_sums[row.person_id], rules) for row in rows]

    @staticmethod
    def _assessment_view(
        row: QuarterlyAssessmentRow, comments: Decimal, rules: QuarterlyRules
    ) -> AssessmentView:
        person = row.person
        total_comments = comments + (row.comment_points or Decimal(0))
        composite = None
        if row.performance is not None and row.leader is not None:
            performance = performance_total(row.performance, total_comments)
            composite = composite_score(performance, row.leader, rules)
        return AssessmentView(
            person.id,
            person.code,
            person.name,
            person.department.name,
            person.category.name,
            row.performance,
            total_comments,
            row.leader,
            composite,
            label_or_none(NoGradeReason, row.no_grade_reason),
            label_or_none(QuarterGrade, row.override),
        )

    @requires(Action.VIEW)
    def adjustments(self, half: HalfYear) -> list[AdjustmentView]:
        with self._uow.read() as session:
            rows = session.scalars(
                select(AdjustmentRow)
                .join(DepartmentRow)
                .where(AdjustmentRow.half == str(half))
                .order_by(DepartmentRow.sort_order, AdjustmentRow.adjusted_on, AdjustmentRow.id)
            ).all()
            vetoes = session.scalars(select(VetoRow).where(VetoRow.half == str(half))).all()
            views = [
                AdjustmentView(
                    row.id,
                    row.half,
                    row.department.name,
                    row.department.group_name,
                    AdjustmentCategory(row.category),
                    row.points,
                    label_or_none(CommendationLevel, row.level),
                    row.reason,
                    row.doc_no,
                    row.adjusted_on,
                )
                for row in rows
            ]
            views += [
                AdjustmentView(
                    -veto.id,
                    veto.half,
                    veto.department.name,
                    veto.department.group_name,
                    AdjustmentCategory.VETO,
                    Decimal(0),
                    None,
                    veto.reason,
                    veto.doc_no,
                    veto.decided_on,
                )
                for veto in vetoes
            ]
            return views

    @requires(Action.VIEW)
    def department_half(self, half: HalfYear) -> list[DepartmentHalfView]:
        adjustments = self.adjustments(half)
        periods = {str(q) for q in half.quarters()} | {str(m) for m in half.months()}
        with self._uow.read() as session:
            departments = session.scalars(
                select(DepartmentRow).order_by(DepartmentRow.sort_order, DepartmentRow.name)
            ).all()
            status_counts: dict[tuple[int, str], int] = defaultdict(int)
            statement = select(CheckRow.department_id, CheckRow.status).where(
                CheckRow.period.in_(periods), CheckRow.level == CheckLevel.LEAD.value
            )
            for department_id, status in session.execute(statement):
                status_counts[(department_id, status)] += 1
            result = []
            for department in departments:
                own = [a for a in adjustments if a.department == department.name]

                def total(category: AdjustmentCategory, own: list[AdjustmentView] = own) -> Decimal:
                    return sum((a.points for a in own if a.category is category), Decimal(0))

                result.append(
                    DepartmentHalfView(
                        department.name,
                        department.group_name,
                        total(AdjustmentCategory.BUSINESS),
                        total(AdjustmentCategory.INTEGRITY),
                        total(AdjustmentCategory.CIVILITY),
                        total(AdjustmentCategory.ATTENDANCE),
                        total(AdjustmentCategory.BONUS),
                        any(a.category is AdjustmentCategory.VETO for a in own),
                        status_counts[(department.id, CheckStatus.MISSED.value)],
                        status_counts[(department.id, CheckStatus.LATE.value)]
                        + status_counts[(department.id, CheckStatus.PARTIAL.value)],
                    )
                )
            return result

    @requires(Action.VIEW)
    def people(self) -> list[PersonView]:
        with self._uow.read() as session:
            rows = session.scalars(
                select(PersonRow)
                .join(DepartmentRow, DepartmentRow.id == PersonRow.department_id)
                .order_by(DepartmentRow.sort_order, PersonRow.code)
            ).all()
            return [
                PersonView(
                    row.id,
                    row.code,
                    row.name,
                    label_or_none(Gender, row.gender),
                    row.birth_date,
                    label_or_none(PoliticalStatus, row.political_status),
                    row.department.name,
                    row.position,
                    row.category.name,
                    row.key_post,
                    row.work_start,
                    label_or_none(PersonStatus, row.status) or row.status,
                )
                for row in rows
            ]
