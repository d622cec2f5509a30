"""墙上台账: one chart per department of the year's tasks, written as a PDF.

A department's chart holds every task of the year it leads or shares (责任科室), in
序号 order. In filled mode the right side comes from the checks recorded so far:
per period the highest check level recorded (三级 局领导抽查 over 二级 督查科室核对
over 一级 牵头科室汇总), because the higher level is the one that stands.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.checks import standing_checks
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.ledger_rules import chart_title, format_points
from kaohe_desktop.domain.periods import Month, PeriodError, Quarter, parse_check_period
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.reports.file_output import partial_beside
from kaohe_desktop.reports.wall_chart_content import Paper, WallChart, WallChartBook, WallChartRow
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.common.output_paths import output_file, output_folder
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.storage.models import CheckRow, DepartmentRow, TaskDepartmentRow, TaskRow
from kaohe_desktop.storage.queries.checks import CONFIRMED
from kaohe_desktop.storage.queries.org import BUREAU_ORDER, bureau_name
from kaohe_desktop.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from kaohe_desktop.reports.pdf_fonts import PdfFont

# Characters Windows refuses in a file name (and control characters).
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def _today() -> date:
    # A seam for tests comparing two writes on a fixed printing date.
    return date.today()


def chart_file_name(year: int, department: str) -> str:
    """File name of one department's chart, safe on Windows shares."""
    name = _FORBIDDEN.sub("_", chart_title(year, department))
    return name.rstrip(" .") + ".pdf"


@dataclass(frozen=True)
class _Task:
    """What a chart prints of a task, read as plain columns (3,000 tasks and their
    checks load in a fifth of the time ORM objects took)."""

    id: int
    year: int
    seq: int
    title: str
    target: str | None
    category: str
    lead: str  # 牵头科室
    responsible: tuple[str, ...]  # 责任科室 in the clerk's order
    deadline: str
    points: Decimal
    note: str | None


@dataclass(frozen=True)
class _Check:
    department: str
    period: str
    level: CheckLevel
    status: CheckStatus
    actual: str
    checker: str

    def text(self) -> str:
        return f"{self.status.label}：{self.actual}" if self.actual else self.status.label


class WallChartService:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.VIEW)
    def departments(self, year: int) -> list[str]:
        """Departments with at least one task (as lead or responsible) that year."""
        with self._uow.read() as session:
            return [name for name, _rows in _department_tasks(session, year)]

    @requires(Action.VIEW)
    def build(
        self,
        year: int,
        *,
        department: str | None = None,
        blank: bool = False,
        paper: Paper = Paper.A3,
        printed_on: date | None = None,
    ) -> WallChartBook:
        return self._build(year, department, blank, paper, printed_on)

    @requires(Action.EXPORT)
    def write(
        self,
        year: int,
        out: Path,
        *,
        department: str | None = None,
        blank: bool = False,
        paper: Paper = Paper.A3,
        per_department: bool = False,
        font_path: Path | None = None,
        printed_on: date | None = None,
        progress: ProgressReporter = SILENT,
    ) -> list[Path]:
        """Write the charts; returns the files written. All or nothing: every file goes
        to a .partial beside its target first and is renamed only when all are done."""
        out = Path(out)
        progress.report(0, 0, "正在读取台账")
        book = self._build(year, department, blank, paper, printed_on)
        if per_department:
            output_folder(out).mkdir(exist_ok=True)
            jobs = [
                (_single(book, chart), out / chart_file_name(year, chart.department))
                for chart in book.charts
            ]
        else:
            jobs = [(book, output_file(out, " PDF "))]
        font = pdf_font(font_path)
        _write_all(jobs, font, len(book.charts), progress)
        return [target for _book, target in jobs]

    def _build(
        self,
        year: int,
        department: str | None,
        blank: bool,
        paper: Paper,
        printed_on: date | None,
    ) -> WallChartBook:
        department = (department or "").strip() or None  # "" means every department
        with self._uow.read() as session:
            per_department = _department_tasks(session, year)
            if not per_department:
                raise InputError(f"{year}年度没有台账任务，无法生成墙上台账。")
            if department is not None:
                per_department = [(n, rows) for n, rows in per_department if n == department]
                if not per_department:
                    raise InputError(_unknown_department(session, year, department))
            checks = {} if blank else _checks(session, year)
            bureau = bureau_name(session)
            charts = tuple(
                WallChart(name, tuple(_row(task, name, checks, blank) for task in tasks))
                for name, tasks in per_department
            )
        return WallChartBook(bureau, year, charts, blank, paper, printed_on or _today())


def _unknown_department(session: Session, year: int, name: str) -> str:
    exists = session.scalars(select(DepartmentRow.id).where(DepartmentRow.name == name)).first()
    if exists is None:
        return f"没有名为“{name}”的科室。"
    return f"科室“{name}”在{year}年度没有牵头或负责的台账任务。"


def _department_tasks(session: Session, year: int) -> list[tuple[str, list[_Task]]]:
    """(department, its tasks in 序号 order) in bureau order, only departments with tasks."""
    departments = [
        (id_, name)
        for id_, name in session.execute(
            select(DepartmentRow.id, DepartmentRow.name).order_by(*BUREAU_ORDER)
        )
    ]
    names = dict(departments)
    links: dict[int, list[int]] = defaultdict(list)
    for task_id, department_id in session.execute(
        select(TaskDepartmentRow.task_id, TaskDepartmentRow.department_id)
        .join(TaskRow, TaskRow.id == TaskDepartmentRow.task_id)
        .where(TaskRow.year == year)
        .order_by(TaskDepartmentRow.task_id, TaskDepartmentRow.position)
    ):
        links[task_id].append(department_id)
    statement = (
        select(
            TaskRow.id, TaskRow.year, TaskRow.seq, TaskRow.title, TaskRow.target,
            TaskRow.category, TaskRow.lead_department_id, TaskRow.deadline, TaskRow.points,
            TaskRow.note,
        )
        .where(TaskRow.year == year)
        .order_by(TaskRow.seq)
    )  # fmt: skip
    by_department: dict[int, list[_Task]] = defaultdict(list)
    for id_, year_, seq, title, target, category, lead, deadline, points, note in session.execute(
        statement
    ):
        responsible = links.get(id_, [])
        task = _Task(
            id_, year_, seq, title, target, category, names[lead],
            tuple(names[d] for d in responsible), deadline, points, note,
        )  # fmt: skip
        for department_id in {lead, *responsible}:
            by_department[department_id].append(task)
    return [(name, by_department[id_]) for id_, name in departments if by_department.get(id_)]


def _checks(session: Session, year: int) -> dict[int, list[_Check]]:
    """Per task, the checks of the year that stand: per department and period the one of
    the highest level recorded."""
    names = {
        id_: name for id_, name in session.execute(select(DepartmentRow.id, DepartmentRow.name))
    }
    statement = (
        select(
            CheckRow.task_id, CheckRow.department_id, CheckRow.period, CheckRow.level,
            CheckRow.status, CheckRow.actual, CheckRow.checker,
        )
        .join(TaskRow, TaskRow.id == CheckRow.task_id)
        .where(TaskRow.year == year, CONFIRMED)
        .order_by(CheckRow.task_id, CheckRow.period, CheckRow.id)
    )  # fmt: skip
    recorded = (
        (
            (task_id, names[department_id], period),
            _Check(
                names[department_id],
                period,
                CheckLevel(level),
                CheckStatus(status),
                (actual or "").strip(),
                (checker or "").strip(),
            ),
        )
        for task_id, department_id, period, level, status, actual, checker in session.execute(
            statement
        )
    )
    best = standing_checks(recorded)
    result: dict[int, list[_Check]] = defaultdict(list)
    for (task_id, _department, _period), check in best.items():
        result[task_id].append(check)
    return result


def _row(
    task: _Task, department: str, checks: dict[int, list[_Check]], blank: bool
) -> WallChartRow:
    category = TaskCategory(task.category)
    quarters: tuple[str, str, str, str] = ("", "", "", "")
    checker = ""
    if not blank:
        responsible = list(task.responsible)
        # A check is keyed task × responsible department. A department that is responsible
        # sees its own checks. A lead that is not itself responsible is the one that sums
        # up (一级 牵头科室汇总) the responsible departments' work, so its chart shows
        # all of theirs, each line headed 【科室】 so the lines can be told apart.
        if department in responsible:
            sources, prefixed = [department], False
        else:
            sources, prefixed = responsible, True
        chosen = [c for c in checks.get(task.id, []) if c.department in sources]
        order = {name: index for index, name in enumerate(sources)}
        chosen.sort(key=lambda c: (_period_key(c.period), order[c.department]))
        quarters = _quarter_texts(task.year, chosen, prefixed)
        checker = "、".join(_distinct(c.checker for c in chosen if c.checker))
    return WallChartRow(
        seq=task.seq,
        title=task.title,
        target=(task.target or "").strip(),
        category=category.label,
        key=category is TaskCategory.KEY,
        lead_department=task.lead,
        deadline=task.deadline,
        points=format_points(task.points),
        quarters=quarters,
        checker=checker,
        # 备注 is part of the plan (e.g. 每月25日前报送工作进度), not a check result, so it
        # is printed in both modes.
        note=(task.note or "").strip(),
    )


@lru_cache(maxsize=512)  # a year's checks name a few dozen periods, thousands of times
def _parse(period: str) -> Quarter | Month | None:
    try:
        return parse_check_period(period)
    except PeriodError:
        return None  # not a check period: shown nowhere rather than failing the print


def _period_key(period: str) -> tuple[int, int]:
    """Quarter checks before the month checks of that quarter, months in order."""
    parsed = _parse(period)
    if isinstance(parsed, Quarter):
        return (parsed.quarter, 0)
    if isinstance(parsed, Month):
        return (parsed.quarter.quarter, parsed.month)
    return (0, 0)


def _quarter_texts(
    year: int, checks: Sequence[_Check], prefixed: bool
) -> tuple[str, str, str, str]:
    """Routine tasks are checked per quarter ("2026Q2"), key tasks per month ("2026-04");
    either kind is placed in its quarter, a month's line headed "4月"."""
    lines: list[list[str]] = [[], [], [], []]
    for check in checks:
        parsed = _parse(check.period)
        if parsed is None or parsed.year != year:
            continue
        quarter = parsed if isinstance(parsed, Quarter) else parsed.quarter
        head = f"{parsed.month}月 " if isinstance(parsed, Month) else ""
        who = f"【{check.department}】" if prefixed else ""
        lines[quarter.quarter - 1].append(f"{head}{who}{check.text()}")
    first, second, third, fourth = ("\n".join(q) for q in lines)
    return first, second, third, fourth


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _single(book: WallChartBook, chart: WallChart) -> WallChartBook:
    return WallChartBook(book.bureau, book.year, (chart,), book.blank, book.paper, book.printed_on)


def _write_all(
    jobs: Sequence[tuple[WallChartBook, Path]],
    font: PdfFont,
    total: int,
    progress: ProgressReporter,
) -> None:
    from kaohe_desktop.reports.pdf_wall_chart import write_wall_charts

    partials: list[tuple[Path, Path]] = []
    try:
        done_before = 0
        for book, target in jobs:
            partial = partial_beside(target)
            partials.append((partial, target))
            write_wall_charts(
                book, partial, font, on_chart=_reporter(book, done_before, total, progress)
            )
            done_before += len(book.charts)
        progress.report(total, total, "正在保存")
        for partial, target in partials:
            partial.replace(target)
    finally:
        for partial, _target in partials:
            partial.unlink(missing_ok=True)


def _reporter(
    book: WallChartBook, before: int, total: int, progress: ProgressReporter
) -> Callable[[int, int], None]:
    def on_chart(done: int, _count: int) -> None:
        # Raises Cancelled when the clerk cancelled: the writer stops, the partial goes.
        charts = book.charts
        name = charts[done].department if done < len(charts) else charts[-1].department
        progress.report(before + done, total, f"正在生成 {name}")

    return on_chart
