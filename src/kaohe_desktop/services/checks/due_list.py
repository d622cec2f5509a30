"""The 查账 due list of one period: every task × responsible department due in it, with
its checks at each level, the status that stands, 逾期未录, the 三级 draw and notices.

One read of the period: the year's tasks (with their responsible departments), the
period's checks (drafts included: the page shows them, they never stand), the count of
evidence files per check, the notices of the period and the latest draw. The 通报 and
the half-year scoring read the same function, so a count on the screen is the count
printed.

`load_due_rows(..., only=pairs)` reads the same rows for a few pairs only: a write
returns the fresh rows of what it touched, and the page replaces just those (a change
to one cell never reads the whole period again).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import (
    CheckPeriod,
    CheckSettings,
    due_pairs,
    is_overdue_unrecorded,
)
from kaohe_desktop.domain.checks import LEVEL_ORDER, level_rank
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.periods import Month
from kaohe_desktop.services.checks.settings import read_check_settings
from kaohe_desktop.services.checks.views import (
    CheckEntryView,
    DueCheckRow,
    DueList,
    SampleView,
    standing_entry,
)
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.storage.models import (
    CheckRow,
    CheckSampleRow,
    EvidenceFileRow,
    NoticeRow,
    NoticeTaskRow,
    TaskDepartmentRow,
    TaskRow,
)
from kaohe_desktop.storage.queries.org import departments_in_order


class _Task:
    """What domain.check_rules.due_pairs needs of a task, read without the ORM graph."""

    __slots__ = (
        "category",
        "deadline",
        "department_ids",
        "lead",
        "points",
        "seq",
        "task_id",
        "title",
        "year",
    )

    def __init__(self, row: tuple[int, int, int, str, str, str, object, int]) -> None:
        self.task_id, self.year, self.seq, self.title, category, self.deadline, points, lead = row
        self.category = TaskCategory(category)
        self.points = points
        self.lead = lead
        self.department_ids: list[int] = []


Pairs = Collection[tuple[int, int]]


def _task_ids(only: Pairs | None) -> list[int] | None:
    return None if only is None else sorted({task_id for task_id, _ in only})


def _tasks(session: Session, period: CheckPeriod, task_ids: list[int] | None) -> dict[int, _Task]:
    wanted = TaskCategory.KEY if isinstance(period, Month) else TaskCategory.ROUTINE
    statement = (
        select(
            TaskRow.id,
            TaskRow.year,
            TaskRow.seq,
            TaskRow.title,
            TaskRow.category,
            TaskRow.deadline,
            TaskRow.points,
            TaskRow.lead_department_id,
        )
        .where(TaskRow.year == period.year, TaskRow.category == wanted.value)
        .order_by(TaskRow.seq)
    )
    if task_ids is not None:
        statement = statement.where(TaskRow.id.in_(task_ids))
    tasks = {row[0]: _Task(row) for row in session.execute(statement)}
    links = session.execute(
        select(TaskDepartmentRow.task_id, TaskDepartmentRow.department_id)
        .where(TaskDepartmentRow.task_id.in_(list(tasks)))
        .order_by(TaskDepartmentRow.task_id, TaskDepartmentRow.position)
    )
    for task_id, department_id in links:
        tasks[task_id].department_ids.append(department_id)
    return tasks


def _entries(
    session: Session, period: CheckPeriod, task_ids: list[int] | None
) -> dict[tuple[int, int], dict[CheckLevel, CheckEntryView]]:
    of_period = [CheckRow.period == str(period)]
    if task_ids is not None:
        of_period.append(CheckRow.task_id.in_(task_ids))
    files: dict[int, int] = {
        check_id: count
        for check_id, count in session.execute(
            select(EvidenceFileRow.check_id, func.count())
            .join(CheckRow, CheckRow.id == EvidenceFileRow.check_id)
            .where(*of_period)
            .group_by(EvidenceFileRow.check_id)
        )
    }
    statement = select(
        CheckRow.id,
        CheckRow.version,
        CheckRow.task_id,
        CheckRow.department_id,
        CheckRow.level,
        CheckRow.status,
        CheckRow.actual,
        CheckRow.evidence_text,
        CheckRow.checker,
        CheckRow.check_date,
        CheckRow.draft,
    ).where(*of_period)
    found: dict[tuple[int, int], dict[CheckLevel, CheckEntryView]] = defaultdict(dict)
    for (
        check_id,
        version,
        task_id,
        department_id,
        level,
        status,
        actual,
        evidence,
        checker,
        checked_on,
        draft,
    ) in session.execute(statement):
        entry = CheckEntryView(
            check_id,
            version,
            CheckLevel(level),
            CheckStatus(status),
            actual,
            evidence,
            checker,
            checked_on,
            bool(draft),
            files.get(check_id, 0),
        )
        found[(task_id, department_id)][entry.level] = entry
    return found


def latest_sample(session: Session, period: CheckPeriod) -> SampleView | None:
    row = session.scalars(
        select(CheckSampleRow)
        .where(CheckSampleRow.period == str(period))
        .order_by(CheckSampleRow.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    drawn = tuple((int(t), int(d)) for t, d in json.loads(row.drawn_json))
    return SampleView(
        row.id,
        row.seed,
        row.share_percent,
        row.requested,
        row.population,
        drawn,
        row.drawn_by,
        row.drawn_at,
    )


def _notices(
    session: Session, period: CheckPeriod, task_ids: list[int] | None
) -> dict[tuple[int, int], list[str]]:
    statement = (
        select(NoticeTaskRow.task_id, NoticeRow.department_id, NoticeRow.number)
        .join(NoticeRow, NoticeRow.id == NoticeTaskRow.notice_id)
        .where(NoticeRow.period == str(period))
        .order_by(NoticeRow.year, NoticeRow.serial)
    )
    if task_ids is not None:
        statement = statement.where(NoticeTaskRow.task_id.in_(task_ids))
    found: dict[tuple[int, int], list[str]] = defaultdict(list)
    for task_id, department_id, number in session.execute(statement):
        found[(task_id, department_id)].append(number)
    return found


def standing_of(entries: dict[CheckLevel, CheckEntryView]) -> CheckStatus | None:
    """The status that stands among one pair's checks: the highest confirmed level."""
    best = standing_entry(entries.values())
    return None if best is None else best.status


def _rows(
    session: Session,
    period: CheckPeriod,
    today: date,
    names: dict[int, str],
    sample: SampleView | None,
    only: Pairs | None,
    tasks: dict[int, _Task] | None = None,
) -> list[DueCheckRow]:
    task_ids = _task_ids(only)
    if tasks is None:
        tasks = _tasks(session, period, task_ids)
    pairs = due_pairs(tasks.values(), period)
    if only is not None:
        wanted = set(only)
        pairs = [pair for pair in pairs if (pair.task_id, pair.department_id) in wanted]
    entries = _entries(session, period, task_ids)
    notices = _notices(session, period, task_ids)
    sampled = set(sample.drawn) if sample else set()
    rows = []
    for pair in pairs:
        task = tasks[pair.task_id]
        recorded = entries.get((pair.task_id, pair.department_id), {})
        standing = standing_of(recorded)
        levels = tuple(recorded.get(level) for level in LEVEL_ORDER)
        rows.append(
            DueCheckRow(
                task_id=task.task_id,
                seq=task.seq,
                title=task.title,
                category=task.category,
                deadline=task.deadline,
                points=task.points,  # type: ignore[arg-type]
                lead_department=names.get(task.lead, ""),
                department_id=pair.department_id,
                department=names.get(pair.department_id, ""),
                due_by=pair.due_by,
                levels=levels,  # type: ignore[arg-type]
                standing=standing,
                overdue_unrecorded=is_overdue_unrecorded(pair, standing is not None, today),
                sampled=(pair.task_id, pair.department_id) in sampled,
                notices=tuple(notices.get((pair.task_id, pair.department_id), ())),
            )
        )
    return rows


def load_due_rows(
    session: Session, period: CheckPeriod, today: date, only: Pairs
) -> list[DueCheckRow]:
    """The due-list rows of the pairs in `only` (task_id, department_id) that are due
    in `period`, in the due list's order; a pair not due there is left out."""
    if not only:
        return []
    names = {d.id: d.name for d in departments_in_order(session)}
    return _rows(session, period, today, names, latest_sample(session, period), only)


def load_due_list(
    session: Session,
    period: CheckPeriod,
    today: date,
    settings: CheckSettings | None = None,
) -> DueList:
    settings = settings or read_check_settings(session)
    departments = departments_in_order(session)
    names = {d.id: d.name for d in departments}
    sample = latest_sample(session, period)
    rows = _rows(session, period, today, names, sample, None)
    return DueList(
        period=period,
        rows=tuple(rows),
        settings=settings,
        closed=is_closed(session, period),
        department_order=tuple(d.name for d in departments),
        sample=sample,
    )


def load_due_rows_of(
    session: Session, periods: Sequence[CheckPeriod], today: date
) -> dict[CheckPeriod, list[DueCheckRow]]:
    """The due-list rows of several periods in one go, each as load_due_list gives them
    (the half-year scoring reads its two quarters and six months): the departments and
    each kind of a year's tasks are read once, not once per period."""
    names = {d.id: d.name for d in departments_in_order(session)}
    tasks: dict[tuple[int, bool], dict[int, _Task]] = {}
    found = {}
    for period in periods:
        kind = (period.year, isinstance(period, Month))
        if kind not in tasks:
            tasks[kind] = _tasks(session, period, None)
        sample = latest_sample(session, period)
        found[period] = _rows(session, period, today, names, sample, None, tasks[kind])
    return found


class DueStanding(NamedTuple):
    """Of a due-list row, only what the half-year scoring deducts by: the pair and the
    check that stands (None: 未录入)."""

    task_id: int
    seq: int
    title: str
    points: Decimal
    department_id: int
    level: CheckLevel | None
    status: CheckStatus | None


def load_standings_of(
    session: Session, periods: Sequence[CheckPeriod]
) -> dict[CheckPeriod, list[DueStanding]]:
    """load_due_rows_of's rows as the half-year scoring reads them: the same pairs in the
    same order, each with its standing check (the highest confirmed level: one check per
    level, drafts never stand), without the evidence counts, notices, draws and names the
    查账 page shows (a third of the scoring tab's read, issue 16)."""
    tasks: dict[tuple[int, bool], dict[int, _Task]] = {}
    found = {}
    for period in periods:
        kind = (period.year, isinstance(period, Month))
        if kind not in tasks:
            tasks[kind] = _tasks(session, period, None)
        of_period = tasks[kind]
        statement = select(
            CheckRow.task_id, CheckRow.department_id, CheckRow.level, CheckRow.status,
            CheckRow.draft,
        ).where(CheckRow.period == str(period))  # fmt: skip
        best: dict[tuple[int, int], tuple[int, CheckLevel, CheckStatus]] = {}
        for task_id, department_id, level_code, status_code, draft in session.execute(statement):
            level, status = CheckLevel(level_code), CheckStatus(status_code)
            if draft:
                continue
            rank = level_rank(level)
            held = best.get((task_id, department_id))
            if held is None or rank > held[0]:
                best[(task_id, department_id)] = (rank, level, status)
        rows = []
        for pair in due_pairs(of_period.values(), period):
            task = of_period[pair.task_id]
            stands = best.get((pair.task_id, pair.department_id))
            rows.append(
                DueStanding(
                    task.task_id, task.seq, task.title, task.points,  # type: ignore[arg-type]
                    pair.department_id, stands and stands[1], stands and stands[2],
                )
            )  # fmt: skip
        found[period] = rows
    return found


__all__ = [
    "latest_sample",
    "level_rank",
    "load_due_list",
    "load_due_rows",
    "load_due_rows_of",
    "load_standings_of",
    "standing_entry",
    "standing_of",
]
