"""The 督办单 and 整改 sheets of an exchange book, written into the data file.

A part of BookApplier (services/exchange/apply), kept apart to keep each module
short; the same upsert rules hold (see there). What is particular to notices:
- a notice is found by its number (year + serial); a new one is issued by the
  importing account, and the year's counter is raised to at least its serial, so a
  number issued later on a screen is never one the import brought;
- its 年度 + 序号 replace its tasks (a task kept keeps the check it was issued from;
  a new one is linked to the standing check of its task × 科室 × 期间, if any);
- its deduction is kept in step with its 加减分 row by the function the notice
  service uses (services/checks/notice_deductions), 0 taking it back;
- 整改 is the notice's one rectification; a verified one closes the notice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import parse_notice_number
from kaohe_desktop.domain.checks import standing_checks
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import (
    CellError,
    ExchangeBook,
    NoticeRecord,
    RectificationRecord,
)
from kaohe_desktop.services.checks.counters import bump_serial
from kaohe_desktop.services.checks.notice_deductions import keep_deduction_in_step
from kaohe_desktop.services.checks.notice_reads import rectification_of
from kaohe_desktop.services.exchange.notice_refs import NOTICES, RECTIFICATIONS
from kaohe_desktop.services.exchange.upsert import ApplyCounts
from kaohe_desktop.storage.models import (
    CheckRow,
    DepartmentRow,
    NoticeRow,
    NoticeTaskRow,
    RectificationRow,
    TaskRow,
)
from kaohe_desktop.storage.queries.checks import CONFIRMED


class _Leveled(NamedTuple):
    """A stored check as domain/checks.standing_checks reads it."""

    level: CheckLevel
    check_id: int


class NoticeSheets:
    """Mixed into BookApplier, which provides the state and the helpers below."""

    s: Session
    book: ExchangeBook
    counts: ApplyCounts
    account: str
    now: datetime
    departments: dict[str, DepartmentRow]
    tasks: dict[tuple[int, int], TaskRow]
    _updated_rows: set[Any]
    refused: list[CellError]

    def _upsert(
        self, sheet: str, existing: Any, make: Callable[[], Any], values: dict[str, Any]
    ) -> Any:
        raise NotImplementedError

    def _mark_updated(self, sheet: str, existing: Any) -> None:
        raise NotImplementedError

    def _tick(self, message: str) -> None:
        raise NotImplementedError

    def _notices_and_rectifications(self) -> None:
        if not (self.book.notices or self.book.rectifications):
            return
        notices = {(n.year, n.serial): n for n in self.s.scalars(select(NoticeRow))}
        closed = {key for key, notice in notices.items() if notice.closed}
        touched: dict[int, tuple[NoticeRow, bool | None, bool]] = {}  # by id(row)
        for index, record in enumerate(self.book.notices):
            key = parse_notice_number(record.number)
            existing = notices.get(key)
            before = _notice_cells(existing) if existing is not None and key in closed else None
            row = self._notice(record, existing, key)
            if before is not None:
                self._refuse_changes(NOTICES, index, before, _notice_cells(row))
            notices[key] = row
            touched[id(row)] = (row, record.closed, existing is not None)
            self._tick(NOTICES)
        serials: dict[int, int] = {}
        for year, serial in (parse_notice_number(r.number) for r in self.book.notices):
            serials[year] = max(serial, serials.get(year, 0))
        for year, serial in serials.items():
            bump_serial(self.s, "notice", year, serial)
        for index, rectification in enumerate(self.book.rectifications):
            key = parse_notice_number(rectification.notice)
            notice = notices[key]
            stored = rectification_of(self.s, notice.id) if key in closed else None
            before = None if stored is None else _rectification_cells(stored)
            self._rectification(rectification, notice)
            if stored is not None and before is not None:  # a verified 整改 stays as it is
                self._refuse_changes(RECTIFICATIONS, index, before, _rectification_cells(stored))
            touched.setdefault(id(notice), (notice, None, False))
            self._tick(RECTIFICATIONS)
        for notice, stated, counted in touched.values():
            self._settle_closed(notice, stated, counted)
        self.s.flush()

    def _refuse_changes(
        self, sheet: str, index: int, before: dict[str, object], after: dict[str, object]
    ) -> None:
        """A closed notice (its 整改 verified) is not changed, as on the screen."""
        row = self.book.row_of(sheet, index)
        for column, value in before.items():
            if after[column] != value:
                reason = "督办单已办结（整改已核实），不能再修改"
                self.refused.append(CellError(sheet, row, column, reason))

    def _notice(
        self, record: NoticeRecord, existing: NoticeRow | None, key: tuple[int, int]
    ) -> NoticeRow:
        year, serial = key
        department = self.departments[record.department]
        values: dict[str, Any] = {
            "number": record.number,
            "year": year,
            "serial": serial,
            "color": record.color,
            "period": record.period,
            "issued_on": record.issued_on,
            "deadline": record.deadline,
            "content": record.problem,
        }
        if existing is None:
            values["period"] = record.period or str(Quarter.containing(record.issued_on))
            deduction = None if not record.deduction else record.deduction
            make = partial(
                NoticeRow,
                department=department,
                deduction=deduction,
                closed=False,
                issued_by=self.account,
            )
            row: NoticeRow = self._upsert(NOTICES, None, make, values)
        else:
            row = self._upsert(NOTICES, existing, NoticeRow, values)
            relinked = False
            if row.department is not department:
                row.department = department
                relinked = True
            if record.deduction is not None:
                wanted = None if record.deduction == 0 else record.deduction
                if row.deduction != wanted:
                    row.deduction = wanted
                    relinked = True
            if relinked:
                self._mark_updated(NOTICES, row)
        self.s.flush()  # an id for a new notice, the department_id of a moved one
        if record.task_year is not None and self._relink_tasks(row, record) and existing:
            self._mark_updated(NOTICES, row)
        keep_deduction_in_step(self.s, row)
        return row

    def _relink_tasks(self, row: NoticeRow, record: NoticeRecord) -> bool:
        """Give the notice the tasks of the row; return whether they changed."""
        assert record.task_year is not None
        wanted = [self.tasks[(record.task_year, seq)].id for seq in record.task_seqs]
        if [link.task_id for link in row.tasks] == wanted:
            return False
        kept = {link.task_id: link.check_id for link in row.tasks}
        if row.tasks:
            row.tasks.clear()
            self.s.flush()  # delete the old links before re-adding the same keys
        row.tasks.extend(
            NoticeTaskRow(
                task_id=task_id,
                check_id=kept[task_id] if task_id in kept else self._check_of(row, task_id),
                position=position,
            )
            for position, task_id in enumerate(wanted)
        )
        self.s.flush()
        return True

    def _check_of(self, notice: NoticeRow, task_id: int) -> int | None:
        """The standing (highest confirmed) check of the task for the notice's 科室 and 期间."""
        checks = self.s.scalars(
            select(CheckRow).where(
                CheckRow.task_id == task_id,
                CheckRow.department_id == notice.department.id,
                CheckRow.period == notice.period,
                CONFIRMED,
            )
        ).all()
        best = standing_checks((0, _Leveled(CheckLevel(c.level), c.id)) for c in checks).get(0)
        return None if best is None else best.check_id

    def _rectification(self, record: RectificationRecord, notice: NoticeRow) -> None:
        existing = rectification_of(self.s, notice.id)
        values: dict[str, Any] = {
            "target": record.target,
            "items": record.items,
            "deadline": record.deadline,
            "measures": record.measures,
            "result": record.result,
            "verified_by": record.verified_by,
            "verified_on": record.verified_on,
        }
        if record.verified_by is not None:
            values["verified"] = True  # the import verifies; it never takes one back
        if existing is None:
            values["deadline"] = record.deadline or notice.deadline
            values.setdefault("verified", False)
        first_check = next((t.check_id for t in notice.tasks if t.check_id is not None), None)
        make = partial(
            RectificationRow,
            notice_id=notice.id,
            check_id=first_check,
            department_id=notice.department.id,
        )
        row = self._upsert(RECTIFICATIONS, existing, make, values)
        if existing is not None and row.department_id != notice.department.id:
            row.department_id = notice.department.id  # the notice went to another 科室
            self._mark_updated(RECTIFICATIONS, row)

    def _settle_closed(self, notice: NoticeRow, stated: bool | None, counted: bool) -> None:
        """A notice is closed when its rectification is verified (the references were
        checked: 已办结 comes with a verification, 整改中 without one)."""
        self.s.flush()
        rectification = rectification_of(self.s, notice.id)
        verified = rectification is not None and rectification.verified
        wanted = True if verified else (False if stated is False else notice.closed)
        if notice.closed != wanted:
            notice.closed = wanted
            if counted:
                self._mark_updated(NOTICES, notice)


def _notice_cells(row: NoticeRow) -> dict[str, object]:
    """What the 督办单 sheet shows of a notice, by column."""
    return {
        "颜色": row.color,
        "科室": row.department.id,
        "序号": tuple(link.task_id for link in row.tasks),
        "期间": row.period,
        "问题": row.content,
        "整改时限": row.deadline,
        "扣分": row.deduction,
        "下达日期": row.issued_on,
    }


def _rectification_cells(row: RectificationRow) -> dict[str, object]:
    return {
        "整改目标": row.target,
        "整改事项": row.items,
        "整改时限": row.deadline,
        "整改措施": row.measures,
        "整改结果": row.result,
        "核实人": row.verified_by,
        "核实日期": row.verified_on,
    }
