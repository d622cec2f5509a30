"""Checks of an exchange book against the data file: every 科室, 人员类别, 编号 and
台账 it names must exist in the file or in the book itself (督办单 and 整改:
services/exchange/notice_refs). All problems are collected (not just the first) and
each names its sheet, row and column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from kaohe_desktop.domain.enums import AdjustmentCategory, TaskCategory
from kaohe_desktop.domain.exchange_schema import SHEETS
from kaohe_desktop.domain.periods import Month, PeriodError, Quarter, parse_check_period
from kaohe_desktop.domain.records import CellError, ExchangeBook
from kaohe_desktop.services.exchange.notice_refs import NoticeKeys, notice_reference_errors


@dataclass
class KnownKeys:
    """Natural keys already in the data file."""

    departments: set[str]
    categories: set[str]
    people: set[str]
    tasks: dict[tuple[int, int], tuple[TaskCategory, tuple[str, ...]]]
    notices: NoticeKeys = field(default_factory=NoticeKeys)


def find_reference_errors(book: ExchangeBook, known: KnownKeys) -> list[CellError]:
    departments = known.departments | {d.name for d in book.departments}
    categories = known.categories | set(book.staff_categories)
    people = known.people | {p.code for p in book.people}
    tasks = dict(known.tasks)
    tasks.update({(t.year, t.seq): (t.category, t.responsible_departments) for t in book.tasks})
    errors: list[CellError] = []

    def error(sheet: str, index: int, column: str, reason: str) -> None:
        errors.append(CellError(sheet, book.row_of(sheet, index), column, reason))

    def need_department(sheet: str, index: int, column: str, name: str) -> None:
        if name not in departments:
            error(sheet, index, column, f"科室“{name}”不存在，请先在“科室”表或基础数据中添加")

    def need_person(sheet: str, index: int, code: str) -> None:
        if code not in people:
            error(sheet, index, "编号", f"编号“{code}”的人员不存在，请先在“人员”表中添加")

    for i, person in enumerate(book.people):
        need_department("人员", i, "科室", person.department)
        if person.category not in categories:
            allowed = "、".join(sorted(categories))
            error(
                "人员", i, "人员类别",
                f"人员类别“{person.category}”不存在，可选：{allowed}"
                "（新的人员类别请先在“管理 → 基础数据（人员类别）”中添加）",
            )  # fmt: skip
    for i, task in enumerate(book.tasks):
        need_department("台账", i, "牵头科室", task.lead_department)
        for name in task.responsible_departments:
            need_department("台账", i, "责任科室", name)
    for i, check in enumerate(book.checks):
        _check_reference(
            check.year,
            check.seq,
            check.department,
            check.period,
            tasks,
            partial(error, "查账", i),
        )
    for i, adjustment in enumerate(book.adjustments):
        need_department("加减分", i, "科室", adjustment.department)
        if adjustment.category is AdjustmentCategory.BONUS and adjustment.level is None:
            error("加减分", i, "级别", "表彰加分必须填写级别")
    for sheet, codes in (
        ("平时考核", (r.code for r in book.assessments)),
        ("点评", (r.code for r in book.comments)),
        ("奖惩", (r.code for r in book.rewards)),
        ("谈心谈话", (r.code for r in book.talks)),
    ):
        for i, code in enumerate(codes):
            need_person(sheet, i, code)
    notice_reference_errors(book, known.notices, departments, tasks, error)
    return sorted(errors, key=lambda e: (_SHEET_ORDER.get(e.sheet, 99), e.row or 0))


_SHEET_ORDER = {spec.name: i for i, spec in enumerate(SHEETS)}


def _check_reference(
    year: int,
    seq: int,
    department: str,
    period: str,
    tasks: dict[tuple[int, int], tuple[TaskCategory, tuple[str, ...]]],
    report: Callable[[str, str], None],
) -> None:
    task = tasks.get((year, seq))
    if task is None:
        report("序号", f"{year} 年度没有序号为 {seq} 的台账任务")
        return
    category, responsible = task
    if department not in responsible:
        report("责任科室", f"“{department}”不是该任务的责任科室（{'、'.join(responsible)}）")
    try:
        parsed = parse_check_period(period)
    except PeriodError as exc:
        report("期间", str(exc))
        return
    if parsed.year != year:
        report("期间", f"期间 {period} 不在任务年度 {year} 内")
    elif category is TaskCategory.KEY and not isinstance(parsed, Month):
        report("期间", f"重点工作按月查账，期间应写作 {year}-05 这样的月份")
    elif category is TaskCategory.ROUTINE and not isinstance(parsed, Quarter):
        report("期间", f"常规工作按季度查账，期间应写作 {year}Q2 这样的季度")
