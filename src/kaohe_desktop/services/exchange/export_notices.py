"""What the export writes for 督办单 and 整改, and the file names of 佐证附件.

One row per notice, by year and serial: its tasks as one 年度 and their 序号 in the
notice's order ("3、7" for several, the way the import reads them back). 整改 has
the rectification of each notice that has one. Attachments are not in the workbook:
the 查账 sheet names them, for the reader, and the import ignores the column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.domain.records import NoticeRecord, RectificationRecord
from kaohe_desktop.storage.models import (
    EvidenceFileRow,
    NoticeRow,
    NoticeTaskRow,
    RectificationRow,
)


def notice_records(
    session: Session, departments: Mapping[int, str], tasks: Mapping[int, tuple[int, int]]
) -> tuple[list[NoticeRecord], list[RectificationRecord]]:
    """The 督办单 and 整改 rows; `departments` and `tasks` give the names and 年度 +
    序号 of the ids the rows hold. Plain column selects: no ORM row is loaded."""
    run = session.connection().execute
    n, r = NoticeRow, RectificationRow
    linked: dict[int, list[int]] = defaultdict(list)
    for notice_id, task_id in run(
        select(NoticeTaskRow.notice_id, NoticeTaskRow.task_id).order_by(
            NoticeTaskRow.notice_id, NoticeTaskRow.position
        )
    ):
        linked[notice_id].append(task_id)
    rectifications: dict[int | None, Any] = {}  # notice id → its (oldest) row
    for row in run(
        select(
            r.notice_id, r.target, r.items, r.deadline, r.measures, r.result, r.verified,
            r.verified_by, r.verified_on,
        )
        .where(r.notice_id.is_not(None))
        .order_by(r.id.desc())
    ):  # fmt: skip
        rectifications[row.notice_id] = row  # newest first: the oldest stands
    notice_rows: list[NoticeRecord] = []
    rectification_rows: list[RectificationRecord] = []
    for notice in run(
        select(
            n.id, n.number, n.color, n.department_id, n.content, n.deadline, n.issued_on,
            n.period, n.deduction, n.closed,
        ).order_by(n.year, n.serial)
    ):  # fmt: skip
        keys = [tasks[task_id] for task_id in linked.get(notice.id, ())]
        notice_rows.append(
            NoticeRecord(
                notice.number,
                NoticeColor(notice.color),
                departments[notice.department_id],
                notice.content,
                notice.deadline,
                notice.issued_on,
                keys[0][0] if keys else None,
                tuple(seq for _year, seq in keys),
                notice.period,
                notice.deduction,
                notice.closed,
            )
        )
        rectification = rectifications.get(notice.id)
        if rectification is not None:
            rectification_rows.append(_rectification(notice.number, rectification))
    return notice_rows, rectification_rows


def _rectification(number: str, row: Any) -> RectificationRecord:
    verified = row.verified
    return RectificationRecord(
        number,
        row.target or None,
        row.items or None,
        row.deadline,
        row.measures or None,
        row.result or None,
        row.verified_by if verified else None,
        row.verified_on if verified else None,
    )


def attachment_names(session: Session) -> dict[int, tuple[str, ...]]:
    """The names of each check's attached files, in the order they were attached."""
    names: dict[int, list[str]] = defaultdict(list)
    for check_id, name in session.connection().execute(
        select(EvidenceFileRow.check_id, EvidenceFileRow.file_name).order_by(
            EvidenceFileRow.check_id, EvidenceFileRow.id
        )
    ):
        names[check_id].append(name)
    return {check_id: tuple(found) for check_id, found in names.items()}
