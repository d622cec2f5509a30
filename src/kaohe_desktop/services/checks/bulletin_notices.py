"""What the 通报 says of 督办单, read straight from the notice rows (the notice service
is not needed to print them): the notices issued for each problem, and where the
整改 of earlier notices stands on the bulletin's date.

Which earlier notices a bulletin reports (ours): every notice issued on or before the
bulletin's date that is either still open, or was verified (closed) during or after
the period, or belongs to the period itself. A notice verified before the period began
was reported by an earlier bulletin and is left out, so the table stays what a section
chief reads it for: what is still outstanding, and what was put right this time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.reports.bulletin_content import NoticeMark, RectificationItem
from kaohe_desktop.storage.models import (
    DepartmentRow,
    NoticeRow,
    NoticeTaskRow,
    RectificationRow,
    TaskRow,
)

VERIFIED = "已核实"
IN_PROGRESS = "整改中"
OVERDUE = "逾期未整改"

# (task_id, department_id, period) → the notices issued for that due item.
Marks = dict[tuple[int, int, str], list[NoticeMark]]


def color_label(value: str) -> str:
    try:
        return NoticeColor(value).label
    except ValueError:
        return value


def notice_marks(session: Session, periods: Collection[CheckPeriod], on: date) -> Marks:
    """(task_id, department_id, period) → the notices issued for it by `on`, in number order."""
    statement = (
        select(
            NoticeTaskRow.task_id,
            NoticeRow.department_id,
            NoticeRow.period,
            NoticeRow.number,
            NoticeRow.color,
        )
        .join(NoticeRow, NoticeRow.id == NoticeTaskRow.notice_id)
        .where(NoticeRow.period.in_([str(p) for p in periods]), NoticeRow.issued_on <= on)
        .order_by(NoticeRow.year, NoticeRow.serial)
    )
    found: Marks = defaultdict(list)
    for task_id, department_id, period, number, color in session.execute(statement):
        found[(task_id, department_id, period)].append(NoticeMark(number, color_label(color)))
    return found


@dataclass(frozen=True)
class _Notice:
    id: int
    number: str
    color: str
    department: str
    period: str
    deadline: date
    closed: bool


def _latest_rectifications(session: Session, ids: list[int]) -> dict[int, RectificationRow]:
    rows = session.scalars(
        select(RectificationRow)
        .where(RectificationRow.notice_id.in_(ids))
        .order_by(RectificationRow.id)
    )
    return {row.notice_id: row for row in rows if row.notice_id is not None}


def _task_numbers(session: Session, ids: list[int]) -> dict[int, list[int]]:
    statement = (
        select(NoticeTaskRow.notice_id, TaskRow.seq)
        .join(TaskRow, TaskRow.id == NoticeTaskRow.task_id)
        .where(NoticeTaskRow.notice_id.in_(ids))
        .order_by(NoticeTaskRow.notice_id, NoticeTaskRow.position)
    )
    found: dict[int, list[int]] = defaultdict(list)
    for notice_id, seq in session.execute(statement):
        found[notice_id].append(seq)
    return found


def _tasks_text(seqs: list[int]) -> str:
    return f"第{'、'.join(str(s) for s in seqs)}项" if seqs else ""


def rectification_items(
    session: Session, period: CheckPeriod, periods: Collection[CheckPeriod], on: date
) -> list[RectificationItem]:
    """The earlier notices this bulletin reports, in number order, each with its state
    on `on`: 已核实 (with the day), 整改中, or 逾期未整改 (with the days overdue)."""
    own = {str(p) for p in periods}
    statement = (
        select(
            NoticeRow.id,
            NoticeRow.number,
            NoticeRow.color,
            DepartmentRow.name,
            NoticeRow.period,
            NoticeRow.issued_on,
            NoticeRow.deadline,
            NoticeRow.closed,
        )
        .join(DepartmentRow, DepartmentRow.id == NoticeRow.department_id)
        .where(NoticeRow.issued_on <= on)
        .order_by(NoticeRow.year, NoticeRow.serial)
    )
    notices = [
        _Notice(row.id, row.number, row.color, row.name, row.period, row.deadline, row.closed)
        for row in session.execute(statement)
        if row.issued_on <= period.end or row.period in own
    ]
    ids = [n.id for n in notices]
    rectifications = _latest_rectifications(session, ids)
    tasks = _task_numbers(session, ids)
    items = []
    for notice in notices:
        rectification = rectifications.get(notice.id)
        deadline = rectification.deadline if rectification is not None else notice.deadline
        verified_on = rectification.verified_on if rectification is not None else None
        verified = notice.closed or (rectification is not None and rectification.verified)
        if verified and verified_on is not None and verified_on > on:
            verified = False  # verified after the bulletin's date: not yet, as it speaks
        if verified:
            recent = verified_on is not None and verified_on >= period.start
            if not (recent or notice.period in own):
                continue
            status = VERIFIED
            note = f"{verified_on.month}月{verified_on.day}日核实" if verified_on else ""
        elif on > deadline:
            status, note = OVERDUE, f"逾期{(on - deadline).days}天"
        else:
            status, note = IN_PROGRESS, ""
        items.append(
            RectificationItem(
                notice.number,
                color_label(notice.color),
                notice.department,
                _tasks_text(tasks.get(notice.id, [])),
                deadline,
                status,
                note,
            )
        )
    return items
