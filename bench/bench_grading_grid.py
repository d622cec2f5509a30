"""What the 季度考核 grid asks of the service, on the demo bureau and the county file
(issue 16), each interaction paired with its floor in the same run.

Run through bench_grading.py --files demo,county [--runs 7] [--gc freeze] [--tab].

The file is a copy (the county file: bench_archive's, 10,000 people, 2023–2026, every
quarter closed but 2026Q4; the demo: `create_workspace(demo=True)`, its 2026Q4 open),
opened once as the clerk's workstation, "today" 2026-12-07. Interactions, as the tab
makes them:

- 录入一个分数: `grading.set_scores(2026Q4, [one cell], leases)`, the department's lease
  held (the grid takes it at the first edit); a different person and value each run,
  half of them across the 好 line.
- 切换季度: `grading.sheet()` of another quarter (2026Q3, closed, and back to 2026Q4);
  cold (nothing kept: the code before always, the code after with its kept sheets
  cleared) and kept (a quarter seen before, unchanged since).
- 切换年度: `default_quarter(year)` then that quarter's sheet (2025 → 2025Q4, closed),
  cold and kept.
- 刷新（F5）: `grading.sheet()` of the quarter on screen, nothing changed.
- 他人录入一个分数后刷新: another workstation saves a score (a second QuarterlyGrading
  on the file, so this one learns of it only from the file), then this one reads the
  quarter again (what the live refresh does).

Floor, timed right after each interaction: the quarter's rows read with sqlite3 and
nothing else (its 平时考核 rows, the people, their stints overlapping it, its 点评),
on a connection kept open as the app keeps its engine.

--gc freeze: after each whole quarter read, gc.freeze() as the tab does
(ui/quarterly/long_lived); `default` leaves the collector as Python sets it. The gen-2
column is the time full collections took inside the timed calls (gc.callbacks).

--tab: the same interactions through the 季度考核 tab itself (QuarterlyTab in a window,
offscreen; events processed, so painting is counted): a score saved as the grid saves
it (GradingEditing.save), F5 (reload), set_quarter, set_year. "读过" for a quarter
change is after the tab's read-ahead of the year (code after only; before, every
change reads). The whole window with every tab is bench_gui.py's.

Medians and ranges in milliseconds; the ratio is median over floor median. Not a test.
"""

from __future__ import annotations

import gc
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.quarterly.views import GradingSheet, ScoreChange, ScoreField
from kaohe_desktop.services.workspace import Workspace, create_workspace, open_workspace

ADMIN = Credentials("bench", "bench-pass-1")  # bench_checks.ADMIN, the county file's
NOW = datetime(2026, 12, 7, 10, 0)
OPEN, CLOSED = Quarter(2026, 4), Quarter(2026, 3)
VALUES = ("95.5", "72", "91", "88.5", "99", "60.5")  # across the 好 line and back


class GcClock:
    """Time spent in full (generation 2) collections."""

    def __init__(self) -> None:
        self.spent = 0.0
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.spent += time.perf_counter() - self._start


class Floor:
    """The quarter's rows read with sqlite3 alone."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def read(self, quarter: Quarter) -> int:
        start, end = quarter.start.isoformat(), quarter.end.isoformat()
        queries = (
            ("SELECT * FROM quarterly_assessment WHERE quarter = ?", (str(quarter),)),
            ("SELECT id, code, name, position, category_id, department_id, status FROM person", ()),
            (
                "SELECT person_id, department_id, start_date, end_date FROM person_department "
                "WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?)",
                (end, start),
            ),
            ("SELECT * FROM comment WHERE commented_on BETWEEN ? AND ?", (start, end)),
        )
        return sum(len(self.connection.execute(sql, args).fetchall()) for sql, args in queries)


class Results:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], tuple[list[float], list[float], list[float]]] = {}

    def add(self, file: str, what: str, seconds: float, floor: float, in_gc: float) -> None:
        times, floors, gcs = self.rows.setdefault((file, what), ([], [], []))
        times.append(seconds)
        floors.append(floor)
        gcs.append(in_gc)

    def print(self) -> None:
        print("| 文件 | 操作 | 中位数 (ms) | 范围 (ms) | 其中 gen-2 GC 中位数 (ms) "
              "| sqlite3 直读下限 中位数 (ms) | 比值 | 次数 |")  # fmt: skip
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for (file, what), (times, floors, gcs) in self.rows.items():
            median, floor = statistics.median(times), statistics.median(floors)
            print(
                f"| {file} | {what} | {median * 1000:.1f} | {min(times) * 1000:.1f}–"
                f"{max(times) * 1000:.1f} | {statistics.median(gcs) * 1000:.1f} | "
                f"{floor * 1000:.1f} | {median / floor:.1f}× | {len(times)} |"
            )


def timed(action: Callable[[], object], clock: GcClock) -> tuple[float, float, Any]:
    before = clock.spent
    start = time.perf_counter()
    answer = action()
    return time.perf_counter() - start, clock.spent - before, answer


def forget(workspace: Workspace) -> None:
    """Nothing kept: the code after keeps sheets (the code before keeps none)."""
    sheets = getattr(workspace.grading, "sheets", None)
    if sheets is not None:
        sheets.clear()


def run_files(files: list[str], runs: int, county: Path, gc_mode: str, tab: bool = False) -> None:
    mode = "tab (offscreen)" if tab else f"service, gc {gc_mode}"
    print(f"Python {sys.version.split()[0]}, {mode}, runs {runs}")
    results = Results()
    with tempfile.TemporaryDirectory() as directory:
        for file in files:
            path = Path(directory) / f"{file}.kaohe"
            if file == "county":
                shutil.copyfile(county, path)
            else:
                create_workspace(path, admin=ADMIN, demo=True).close()
            if tab:
                from bench_grading_tab import measure_tab  # beside this script

                measure_tab(file, path, runs, results, Floor(path))
            else:
                measure(file, path, runs, gc_mode, results)
    results.print()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n进程峰值内存（RSS）：{peak:.0f} MB")


def measure(file: str, path: Path, runs: int, gc_mode: str, results: Results) -> None:
    workspace = open_workspace(path, ADMIN, daily_backup=False, clock=lambda: NOW)
    floor = Floor(path)
    clock = GcClock()
    grading = workspace.grading
    other = type(grading)(workspace.guard, workspace._uow, clock=lambda: NOW)  # a colleague

    def settle(sheet: object) -> None:
        if gc_mode == "freeze":  # what the tab does after a whole quarter is shown
            gc.collect(1)
            gc.freeze()

    def record(what: str, action: Callable[[], Any], quarter: Quarter) -> Any:
        seconds, in_gc, answer = timed(action, clock)
        start = time.perf_counter()
        floor.read(quarter)
        results.add(file, what, seconds, time.perf_counter() - start, in_gc)
        return answer

    try:
        sheet: GradingSheet = grading.sheet(OPEN)
        settle(sheet)
        leases: dict[int, Any] = {}
        step = max(1, len(sheet.rows) // (runs + 1))
        for run in range(runs):
            # 录入一个分数
            person = sheet.rows[(run + 1) * step].person_id
            row = sheet.row(person)
            if row.department_id not in leases:
                scope = grading_scope(str(OPEN), row.department_id)
                leases[row.department_id] = workspace.leases.acquire(scope, "bench")
            value = Decimal(VALUES[run % len(VALUES)])
            change = ScoreChange(person, ScoreField.LEADER, value, row.version)
            held = [leases[row.department_id]]
            sheet = record(
                "录入一个分数", lambda c=change, h=held: grading.set_scores(OPEN, [c], h), OPEN
            )
            # 刷新（F5）
            record("刷新（F5），未变", lambda: grading.sheet(OPEN), OPEN)
            # 切换季度: cold, then back and forth to quarters seen
            forget(workspace)
            settle(record("切换季度（未读过）", lambda: grading.sheet(CLOSED), CLOSED))
            forget(workspace)
            settle(record("切换季度（未读过）", lambda: grading.sheet(OPEN), OPEN))
            grading.sheet(CLOSED)  # seen again: both quarters kept from here
            record("切换季度（读过）", lambda: grading.sheet(CLOSED), CLOSED)
            sheet = record("切换季度（读过）", lambda: grading.sheet(OPEN), OPEN)

            # 切换年度: 2026 → 2025 → 2026
            def year(y: int) -> GradingSheet:
                return grading.sheet(grading.default_quarter(y))

            forget(workspace)
            settle(record("切换年度（未读过）", lambda: year(2025), Quarter(2025, 4)))
            forget(workspace)
            settle(record("切换年度（未读过）", lambda: year(2026), OPEN))
            grading.sheet(Quarter(2025, 4))  # seen again: both years kept from here
            record("切换年度（读过）", lambda: year(2025), Quarter(2025, 4))
            sheet = record("切换年度（读过）", lambda: year(2026), OPEN)
            # 他人录入一个分数: another workstation's save (its own QuarterlyGrading on the
            # file: what reaches this one is the file), then this one's next read.
            row = sheet.rows[(run + 1) * step + 1]
            if row.department_id not in leases:
                scope = grading_scope(str(OPEN), row.department_id)
                leases[row.department_id] = workspace.leases.acquire(scope, "bench")
            value = Decimal(VALUES[(run + 3) % len(VALUES)])
            change = ScoreChange(row.person_id, ScoreField.PERFORMANCE, value, row.version)
            other.set_scores(OPEN, [change], [leases[row.department_id]])
            sheet = record("他人录入一个分数后刷新", lambda: grading.sheet(OPEN), OPEN)
        for lease in leases.values():
            workspace.leases.release(lease)
    finally:
        floor.connection.close()
        workspace.close()
