"""Reading 督办单 as NoticeView: the notice, its tasks (序号 and 工作任务) and its 整改.

Three queries whatever the number of notices (the notices, their tasks, their
rectifications), so the year's list reads as fast as one notice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import notice_number, parse_notice_number
from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.domain.periods import HalfYear, Month, PeriodError, Quarter, parse_check_period
from kaohe_desktop.services.checks.counters import last_serial
from kaohe_desktop.services.checks.views import NoticeTaskView, NoticeView, RectificationView
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import NoticeRow, NoticeTaskRow, RectificationRow, TaskRow


def half_of(period: Quarter | Month) -> HalfYear:
    """The half year whose 加减分 a notice of `period` deducts from."""
    quarter = period if isinstance(period, Quarter) else period.quarter
    return quarter.half


def notice_period(row: NoticeRow) -> Quarter | Month:
    try:
        return parse_check_period(row.period)
    except PeriodError:  # written by hand into the file: read as the issue date's quarter
        return Quarter.containing(row.issued_on)


def rectification_view(row: RectificationRow) -> RectificationView:
    return RectificationView(
        id=row.id,
        version=row.version,
        target=row.target,
        items=row.items,
        deadline=row.deadline,
        measures=row.measures,
        result=row.result,
        verified=row.verified,
        verified_by=row.verified_by,
        verified_on=row.verified_on,
    )


def rectification_of(session: Session, notice_id: int) -> RectificationRow | None:
    """The notice's 整改 (one per notice; should a file hold two, the first stands)."""
    statement = (
        select(RectificationRow)
        .where(RectificationRow.notice_id == notice_id)
        .order_by(RectificationRow.id)
        .limit(1)
    )
    return session.scalars(statement).first()


def notice_views(session: Session, *where: ColumnElement[bool]) -> list[NoticeView]:
    """The notices matching `where`, by year and serial, with tasks and rectification."""
    rows = list(
        session.scalars(select(NoticeRow).where(*where).order_by(NoticeRow.year, NoticeRow.serial))
    )
    return views_of(session, rows)


def views_of(session: Session, rows: Sequence[NoticeRow]) -> list[NoticeView]:
    ids = [row.id for row in rows]
    tasks: dict[int, list[NoticeTaskView]] = defaultdict(list)
    rectifications: dict[int, RectificationView] = {}
    if ids:
        statement = (
            select(
                NoticeTaskRow.notice_id,
                NoticeTaskRow.task_id,
                TaskRow.seq,
                TaskRow.title,
                NoticeTaskRow.check_id,
            )
            .join(TaskRow, TaskRow.id == NoticeTaskRow.task_id)
            .where(NoticeTaskRow.notice_id.in_(ids))
            .order_by(NoticeTaskRow.notice_id, NoticeTaskRow.position, TaskRow.seq)
        )
        for notice_id, task_id, seq, title, check_id in session.execute(statement):
            tasks[notice_id].append(NoticeTaskView(task_id, seq, title, check_id))
        found = session.scalars(
            select(RectificationRow)
            .where(RectificationRow.notice_id.in_(ids))
            .order_by(RectificationRow.id.desc())
        )
        for rectification in found:  # newest first, so the oldest is left standing
            assert rectification.notice_id is not None
            rectifications[rectification.notice_id] = rectification_view(rectification)
    return [
        NoticeView(
            id=row.id,
            version=row.version,
            number=row.number,
            year=row.year,
            serial=row.serial,
            color=NoticeColor(row.color),
            department_id=row.department_id,
            department=row.department.name,
            period=row.period,
            issued_on=row.issued_on,
            deadline=row.deadline,
            content=row.content,
            deduction=row.deduction,
            closed=row.closed,
            issued_by=row.issued_by,
            tasks=tuple(tasks.get(row.id, ())),
            rectification=rectifications.get(row.id),
        )
        for row in rows
    ]


def find_notice(session: Session, number: str) -> NoticeRow:
    """The notice numbered `number` (brackets typed as [], 【】 or () are read as 〔〕);
    an unknown number is refused in the clerk's words."""
    try:
        year, serial = parse_notice_number(number)
    except ValueError as error:
        raise InputError(f"{error}。") from None
    row = session.scalars(
        select(NoticeRow).where(NoticeRow.year == year, NoticeRow.serial == serial)
    ).first()
    if row is None:
        shown = notice_number(year, serial)
        if serial <= last_serial(session, "notice", year):
            raise InputError(
                f"没有编号为 {shown} 的督办单：该编号已经用过，督办单可能已撤回"
                "（可在操作日志中查看），编号不再使用。"
            )
        raise InputError(f"没有编号为 {shown} 的督办单。")
    return row


def notice_row(session: Session, notice_id: int) -> NoticeRow:
    row = session.get(NoticeRow, notice_id)
    if row is None:
        raise InputError("该督办单已不存在（可能已被他人撤回），请刷新后再操作。")
    return row
