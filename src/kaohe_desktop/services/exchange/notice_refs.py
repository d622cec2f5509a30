"""Checks of the 督办单 and 整改 sheets against the data file (and the book itself).

A part of services/exchange/refs: every problem is collected and named by sheet, row
and column before anything is written. What is checked, beyond the cells:
- 科室 exists; 年度 + 序号 name tasks that exist and have that 科室 among their
  责任科室, in the year of the notice's 期间 (as issuing a notice requires);
- a number given before and withdrawn is not given again (督办单 numbers are never
  reused, services/checks/counters);
- 已办结 only with a verified 整改 (in the 整改 sheet or in the file), and 整改中 not
  with one: a notice closes when, and only when, its rectification is verified;
- 整改 names a notice in the book or in the file; a new one states 整改目标, 整改事项
  and 整改措施; a verification has a result and a date between issue and today;
- a notice's deduction is not also written by hand in 加减分 (it would count twice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import notice_number, parse_notice_number
from kaohe_desktop.domain.enums import AdjustmentCategory, TaskCategory
from kaohe_desktop.domain.periods import PeriodError, Quarter, parse_check_period
from kaohe_desktop.domain.records import ExchangeBook, NoticeRecord, RectificationRecord
from kaohe_desktop.services.checks.counters import last_serial
from kaohe_desktop.storage.models import NoticeRow, RectificationRow

NOTICES = "督办单"
RECTIFICATIONS = "整改"
Report = Callable[[str, int, str, str], None]  # (sheet, index in the book, column, reason)
Tasks = dict[tuple[int, int], tuple[TaskCategory, tuple[str, ...]]]


@dataclass(frozen=True)
class StoredNotice:
    period: str
    issued_on: date
    deduction: bool
    rectified: bool  # has a 整改
    verified: bool
    has_result: bool
    verification: tuple[str | None, date | None] = (None, None)  # 核实人, 核实日期


@dataclass
class NoticeKeys:
    """The notices already in the data file, by number, and each year's last serial."""

    notices: dict[str, StoredNotice] = field(default_factory=dict)
    last_serials: dict[int, int] = field(default_factory=dict)
    today: date = field(default_factory=date.today)
    # 核实 is a reviewer's act (Action.REVIEW): an importing 录入员 may not verify.
    may_verify: bool = False


def known_notices(session: Session, years: Iterable[int], *, may_verify: bool) -> NoticeKeys:
    """The file's notices, and the last serial given in each of `years` (the book's);
    `may_verify`: whether the importing account may verify rectifications."""
    rectifications: dict[int, RectificationRow] = {}
    for row in session.scalars(select(RectificationRow).order_by(RectificationRow.id.desc())):
        if row.notice_id is not None:
            rectifications[row.notice_id] = row  # newest first: the oldest stands
    notices: dict[str, StoredNotice] = {}
    for notice in session.scalars(select(NoticeRow)):
        rectification = rectifications.get(notice.id)
        notices[notice.number] = StoredNotice(
            period=notice.period,
            issued_on=notice.issued_on,
            deduction=bool(notice.deduction),
            rectified=rectification is not None,
            verified=rectification is not None and rectification.verified,
            has_result=rectification is not None and bool((rectification.result or "").strip()),
            verification=(
                (rectification.verified_by, rectification.verified_on)
                if rectification is not None and rectification.verified
                else (None, None)
            ),
        )
    serials = {year: last_serial(session, "notice", year) for year in set(years)}
    return NoticeKeys(notices, serials, may_verify=may_verify)


def effective_period(record: NoticeRecord, stored: StoredNotice | None) -> str:
    """期间 as it will be stored: the row's, else the file's, else 下达日期's quarter."""
    if record.period:
        return record.period
    if stored is not None:
        return stored.period
    return str(Quarter.containing(record.issued_on))


def notice_reference_errors(
    book: ExchangeBook, known: NoticeKeys, departments: set[str], tasks: Tasks, error: Report
) -> None:
    in_book = {record.number: record for record in book.notices}
    rectified = {record.notice: record for record in book.rectifications}
    for index, notice in enumerate(book.notices):
        _notice(index, notice, known, departments, tasks, rectified.get(notice.number), error)
    for index, rectification in enumerate(book.rectifications):
        _rectification(index, rectification, known, in_book.get(rectification.notice), error)
    with_deduction = {n for n, s in known.notices.items() if s.deduction}
    with_deduction |= {r.number for r in book.notices if r.deduction}
    with_deduction -= {r.number for r in book.notices if r.deduction == 0}
    for index, adjustment in enumerate(book.adjustments):
        if adjustment.category is AdjustmentCategory.BUSINESS and adjustment.doc_no:
            number = _folded(adjustment.doc_no)
            if number in with_deduction:
                error(
                    "加减分",
                    index,
                    "依据文号",
                    f"{number} 的扣分已由督办单自动计入加减分，请不要在本表重复填写",
                )


def _folded(text: str) -> str | None:
    try:
        return notice_number(*parse_notice_number(text))
    except ValueError:
        return None


def _notice(
    index: int,
    record: NoticeRecord,
    known: NoticeKeys,
    departments: set[str],
    tasks: Tasks,
    rectification: RectificationRecord | None,
    error: Report,
) -> None:
    def fail(column: str, reason: str) -> None:
        error(NOTICES, index, column, reason)

    stored = known.notices.get(record.number)
    year, serial = parse_notice_number(record.number)
    if stored is None and serial <= known.last_serials.get(year, 0):
        fail("编号", f"编号 {record.number} 已经用过（该督办单已撤回），编号不再使用，请改用新编号")
    if record.department not in departments:
        fail("科室", f"科室“{record.department}”不存在，请先在“科室”表或基础数据中添加")
    if record.task_year is not None:
        _tasks(record, record.task_year, effective_period(record, stored), tasks, fail)
    verified = (rectification is not None and rectification.verified_by is not None) or (
        stored is not None and stored.verified
    )
    if record.closed is True and not verified:
        fail("状态", "整改尚未核实，不能办结：请在“整改”表填写该督办单的核实人和核实日期")
    elif record.closed is False and verified:
        fail("状态", "整改已核实，督办单已办结，状态应为“已办结”")


def _tasks(
    record: NoticeRecord, year: int, period: str, tasks: Tasks, fail: Callable[[str, str], None]
) -> None:
    try:
        period_year = parse_check_period(period).year
    except PeriodError:  # a period written into the file by hand: not the import's to judge
        period_year = year
    if year != period_year:
        column = "期间" if record.period else "年度"
        fail(column, f"督办单的期间 {period} 不在任务年度 {year} 年内")
    for seq in record.task_seqs:
        task = tasks.get((year, seq))
        if task is None:
            fail("序号", f"{year} 年度没有序号为 {seq} 的台账任务")
        elif record.department not in task[1]:
            shown = "、".join(task[1])
            fail("序号", f"第 {seq} 项任务的责任科室（{shown}）中没有“{record.department}”")


def _rectification(
    index: int,
    record: RectificationRecord,
    known: NoticeKeys,
    notice: NoticeRecord | None,
    error: Report,
) -> None:
    def fail(column: str, reason: str) -> None:
        error(RECTIFICATIONS, index, column, reason)

    stored = known.notices.get(record.notice)
    if notice is not None:
        issued_on = notice.issued_on
    elif stored is not None:
        issued_on = stored.issued_on
    else:
        fail("督办单编号", f"没有编号为 {record.notice} 的督办单，请先在“督办单”表中填写")
        return
    if stored is None or not stored.rectified:
        for column, value in (
            ("整改目标", record.target),
            ("整改事项", record.items),
            ("整改措施", record.measures),
        ):
            if value is None:
                fail(column, f"该督办单还没有整改记录，新的整改记录必须填写{column}")
    if record.deadline is not None and record.deadline < issued_on:
        fail("整改时限", f"整改时限早于督办单的下达日期 {issued_on.isoformat()}")
    verifies = record.verified_by is not None and (
        stored is None or stored.verification != (record.verified_by, record.verified_on)
    )
    if verifies and not known.may_verify:
        fail("核实人", "核实整改须由审核人或管理员进行，当前账号不能通过导入核实整改")
    if record.verified_on is not None:
        if record.result is None and not (stored is not None and stored.has_result):
            fail("整改结果", "尚未填写整改结果，不能核实")
        if record.verified_on < issued_on:
            fail("核实日期", f"核实日期早于督办单的下达日期 {issued_on.isoformat()}")
        elif record.verified_on > known.today:
            fail("核实日期", f"核实日期 {record.verified_on.isoformat()} 晚于今天")
