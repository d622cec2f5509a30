"""查账 timings: the due list of a month and of a quarter, and one entered check, on a year of
checks of 15 departments × 200 tasks, each paired with a raw sqlite3 floor.

Usage: python bench/bench_checks.py [--runs 7] [--departments 15] [--tasks 200]

The file (in a temporary folder): D departments, each leading T tasks of 2026 as their only
responsible department (as bench_wall_chart.py builds them); every fifth task is 重点工作 due
每月 (checked monthly), the others 常规工作 due 每季度. Every due pair has a 一级 check in
every period of the year (12 months, 4 quarters), half of them a 二级 check, one in twenty
a 三级 check: about 27,000 check rows at the default size, written straight through the ORM's
executemany (the bench measures the reads and one write, not the import).

Measured, alternating with their floors within each run:
1. the due list of 2026-05 (`checks.due_list`: tasks, checks per level, standing status,
   逾期未录, notices, the latest draw) — floor: raw sqlite3 SELECT of the month's check rows;
2. the due list of 2026Q2 — floor: the same SELECT for the quarter;
3. one entered check (`checks.set_checks` with one change: refusals, lease, version, write,
   audit row, commit, and the fresh row returned), the lease taken before the clock starts as
   the grid holds it — floor: a raw sqlite3 UPDATE of one check row and its COMMIT.

Prints a Markdown table of medians, ranges and ratios (ours ÷ floor). Not a test.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import due_pairs
from kaohe_desktop.domain.checks import LEVEL_ORDER
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.periods import Month, Quarter, Year
from kaohe_desktop.domain.records import DepartmentRecord, ExchangeBook, TaskRecord
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.checks.views import CheckChange
from kaohe_desktop.services.workspace import Workspace, create_workspace, open_workspace
from kaohe_desktop.storage.models import CheckRow, TaskDepartmentRow, TaskRow

YEAR = 2026
MONTH, QUARTER = Month(YEAR, 5), Quarter(YEAR, 2)
ADMIN = Credentials("bench", "bench-pass-1")
ACTUAL, EVIDENCE = "按计划推进，已完成阶段性目标。", "工作记录、会议纪要"
STATUSES = (CheckStatus.DONE,) * 6 + (CheckStatus.LATE, CheckStatus.PARTIAL, CheckStatus.MISSED)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bureau(departments: int, tasks: int) -> ExchangeBook:
    names = [f"第{i + 1:02d}科" for i in range(departments)]
    book = ExchangeBook(
        departments=[DepartmentRecord(n, None, None, i) for i, n in enumerate(names)]
    )
    seq = 0
    for name in names:
        for t in range(tasks):
            seq += 1
            key = t % 5 == 0
            book.tasks.append(
                TaskRecord(
                    YEAR, seq, f"{name}第{t + 1}项年度业务工作推进落实",
                    TaskCategory.KEY if key else TaskCategory.ROUTINE, name, (name,),
                    "每月" if key else "每季度", Decimal(5),
                )
            )  # fmt: skip
    return book


class _Task:
    def __init__(self, task_id: int, category: str, deadline: str, departments: list[int]) -> None:
        self.task_id, self.year, self.deadline = task_id, YEAR, deadline
        self.category = TaskCategory(category)
        self.department_ids = departments


def fill_checks(workspace: Workspace, seed: int = 13) -> int:
    """A year of checks at the three levels, inserted in one executemany per level."""
    rng = random.Random(seed)

    def work(session: Session) -> int:
        links: dict[int, list[int]] = {}
        for task_id, department_id in session.execute(
            select(TaskDepartmentRow.task_id, TaskDepartmentRow.department_id)
        ):
            links.setdefault(task_id, []).append(department_id)
        tasks = [
            _Task(task_id, category, deadline, links.get(task_id, []))
            for task_id, category, deadline in session.execute(
                select(TaskRow.id, TaskRow.category, TaskRow.deadline)
            )
        ]
        periods = [*Year(YEAR).months(), *Year(YEAR).quarters()]
        rows: dict[CheckLevel, list[dict[str, object]]] = {level: [] for level in LEVEL_ORDER}
        for period in periods:
            for pair in due_pairs(tasks, period):
                for level, share in zip(LEVEL_ORDER, (1.0, 0.5, 0.05), strict=True):
                    if rng.random() >= share:
                        continue
                    rows[level].append(
                        {
                            "task_id": pair.task_id,
                            "department_id": pair.department_id,
                            "period": str(period),
                            "level": level.value,
                            "status": rng.choice(STATUSES).value,
                            "actual": ACTUAL,
                            "evidence_text": EVIDENCE,
                            "checker": "查账员",
                            "check_date": pair.due_by,
                            "draft": False,
                            "version": 1,
                        }
                    )
        for level_rows in rows.values():
            session.execute(insert(CheckRow), level_rows)
        return sum(len(level_rows) for level_rows in rows.values())

    return workspace.opened.unit_of_work(workspace.account).write(work)


def floor_select(connection: sqlite3.Connection, period: str) -> int:
    statement = (
        "SELECT id, version, task_id, department_id, level, status, actual, evidence_text, "
        "checker, check_date, draft FROM check_record WHERE period = ?"
    )
    return len(connection.execute(statement, (period,)).fetchall())


def floor_update(connection: sqlite3.Connection, check_id: int, status: str) -> None:
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "UPDATE check_record SET status = ?, version = version + 1 WHERE id = ?", (status, check_id)
    )
    connection.execute("COMMIT")


def enter_one(workspace: Workspace, run: int) -> tuple[float, int]:
    """What the grid does when the clerk picks a status and presses Enter: one set_checks
    of one change, returning the fresh row. Returns the time and the check's id."""
    row = workspace.checks.due_list(MONTH).rows[run]
    seen = row.entry(CheckLevel.LEAD)
    assert seen is not None
    status = CheckStatus.PARTIAL if seen.status is CheckStatus.DONE else CheckStatus.DONE
    change = CheckChange(
        row.task_id, row.department_id, CheckLevel.LEAD, seen.version, status=status
    )
    lease = workspace.checks.acquire_lease(MONTH, row.department_id)
    try:
        started = time.perf_counter()
        (fresh,) = workspace.checks.set_checks(MONTH, [change], [lease])
        seconds = time.perf_counter() - started
    finally:
        workspace.leases.release(lease)
    assert fresh.entry(CheckLevel.LEAD).status is status  # type: ignore[union-attr]
    return seconds, seen.check_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--departments", type=int, default=15)
    parser.add_argument("--tasks", type=int, default=200)
    options = parser.parse_args()
    results: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds)

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "查账.kaohe"
        built = time.perf_counter()
        create_workspace(path, admin=ADMIN, bureau_name="基准县市场监督管理局").close()
        # On 6月20日 the year is half gone: some pairs are overdue, most still ahead.
        workspace = open_workspace(
            path, ADMIN, daily_backup=False, clock=lambda: datetime(YEAR, 6, 20, 10, 0)
        )
        workspace.importer.apply(bureau(options.departments, options.tasks))
        checks = fill_checks(workspace)
        size = path.stat().st_size / 1e6
        print(
            f"文件：{options.departments} 个科室 × {options.tasks} 项任务，查账记录 {checks} 条，"
            f"生成用时 {time.perf_counter() - built:.1f} s，文件 {size:.1f} MB"
        )
        month_rows = len(workspace.checks.due_list(MONTH).rows)
        quarter_rows = len(workspace.checks.due_list(QUARTER).rows)
        print(f"{MONTH} 应查 {month_rows} 项；{QUARTER} 应查 {quarter_rows} 项")
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("PRAGMA synchronous=FULL")
        try:
            for run in range(options.runs):
                add("floor-month", timed(lambda: floor_select(raw, str(MONTH))))
                add("month", timed(lambda: workspace.checks.due_list(MONTH)))
                add("floor-quarter", timed(lambda: floor_select(raw, str(QUARTER))))
                add("quarter", timed(lambda: workspace.checks.due_list(QUARTER)))
                seconds, check_id = enter_one(workspace, run)
                add("enter", seconds)
                add("floor-enter", timed(partial(floor_update, raw, check_id, "late")))
        finally:
            raw.close()
            workspace.close()

    table = [
        (f"{MONTH} 查账清单（checks.due_list，{month_rows} 项）", "month",
         "floor-month", "sqlite3 SELECT 本月查账记录"),
        (f"{QUARTER} 查账清单（checks.due_list，{quarter_rows} 项）", "quarter",
         "floor-quarter", "sqlite3 SELECT 本季度查账记录"),
        ("录入一条查账（checks.set_checks，一项，含返回的新行）", "enter",
         "floor-enter", "sqlite3 UPDATE 一行 + COMMIT"),
    ]  # fmt: skip
    print()
    print("| 测量 | 中位数 (ms) | 范围 (ms) | 对照 | 对照中位数 (ms) | 倍数 |")
    print("|---|---:|---:|---|---:|---:|")
    for label, ours, floor, floor_label in table:
        mine, base = statistics.median(results[ours]), statistics.median(results[floor])
        low, high = min(results[ours]), max(results[ours])
        print(
            f"| {label} | {mine * 1e3:.1f} | {low * 1e3:.1f}–{high * 1e3:.1f} | {floor_label} | "
            f"{base * 1e3:.2f} | {mine / base:.0f}× |"
        )
    print(f"\n{options.runs} 轮，每轮交替测量；{date.today():%Y-%m-%d}。")


if __name__ == "__main__":
    main()
