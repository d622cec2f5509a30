"""半年考核 timings: scoring a half and writing the score workbook, on 15 departments × 200
tasks × 3 check levels and on the county file, each paired with a raw floor.

Usage: python bench/bench_scoring.py [--runs 5] [--departments 15] [--tasks 200]
                                     [--files bench,county] [--profile]

The files (in a temporary folder):
- bench: bench_checks.py's bureau (D departments each leading T tasks of 2026, every fifth a
  重点工作 due 每月, the rest 常规工作 due 每季度) with its year of checks at the three levels,
  and per department two deductions and a bonus in 2026H1 (one of them vetoed);
- county: the demo generator's county (`generate_demo_book(staff=10000, years=4)`: 455
  departments, 2026's ledger with its 一级/二级 checks and 加减分) imported as bench_trial_import
  does (no 查账 follow-up: no 三级 draws nor 督办单).

Measured on 2026H1, alternating with their floors within each run:
1. the half's scoring, in-process: `workspace.scoring.scoring(half)` (due lists of the half's
   quarters and months, 加减分, 一票否决, decisions, the engine) — floor: raw sqlite3 SELECT
   of the half's check rows, adjustments and vetoes;
2. the score workbook, in-process: `workspace.score_export.export_half(half, out)` — floor: the
   same SELECT, then openpyxl write-only: a 科室得分 row per department and a 明细 row per
   check or adjustment read;
3. the score workbook, whole process: `kaohe scores --half 2026H1 --out X.xlsx` (interpreter
   start-up, imports, opening the file and the Argon2id sign-in included) — floor: the floor of
   2. in a fresh interpreter (`python bench/bench_scoring.py --floor-workbook FILE OUT`).

Prints a Markdown table of medians, ranges and ratios (ours ÷ floor), and with --profile the
cProfile top 15 of one `scoring(half)` per file. Not a test: nothing is asserted but that the
workbook is written.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

from kaohe_desktop.domain.enums import AdjustmentCategory, CommendationLevel
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.records import AdjustmentRecord, ExchangeBook

if TYPE_CHECKING:
    from kaohe_desktop.services.workspace import Workspace

AS_OF = date(2026, 12, 20)  # the demo's today: the same county on every run
HALF = HalfYear(2026, 1)
USER, PASSWORD = "bench", "bench-pass-1"
ENV = {**os.environ, "KAOHE_USER": USER, "KAOHE_PASSWORD": PASSWORD}
SCRIPT = Path(__file__).resolve()


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


# ---- the floor: what any program must at least do ----------------------------------------


def half_periods(half: HalfYear) -> list[str]:
    return [str(q) for q in half.quarters()] + [str(m) for m in half.months()]


def floor_read(connection: sqlite3.Connection, half: HalfYear) -> list[tuple[object, ...]]:
    """The half's check rows (drafts left out), adjustments and vetoes, as plain tuples."""
    periods = half_periods(half)
    marks = ",".join("?" * len(periods))
    rows = connection.execute(
        "SELECT department_id, task_id, period, level, status FROM check_record "
        f"WHERE period IN ({marks}) AND draft = 0",
        periods,
    ).fetchall()
    rows += connection.execute(
        "SELECT department_id, category, points, level, reason, doc_no, adjusted_on "
        "FROM adjustment WHERE half = ?",
        (str(half),),
    ).fetchall()
    rows += connection.execute(
        "SELECT department_id, reason, doc_no FROM veto WHERE half = ?", (str(half),)
    ).fetchall()
    return rows


def floor_workbook(connection: sqlite3.Connection, half: HalfYear, out: Path) -> None:
    """The floor of the score workbook: the read above written by openpyxl write-only."""
    rows = floor_read(connection, half)
    per_department = Counter(row[0] for row in rows)
    book = Workbook(write_only=True)
    summary = book.create_sheet("科室得分")
    summary.append(["科室", "来源条数"])
    for department_id, count in sorted(per_department.items()):
        summary.append([department_id, count])
    detail = book.create_sheet("明细")
    detail.append(["科室", "内容"])
    for row in rows:
        detail.append([row[0], "、".join(str(value) for value in row[1:])])
    book.save(out)


def floor_workbook_process(db: Path, out: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--floor-workbook", str(db), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def kaohe_scores(db: Path, out: Path) -> None:
    """The command as a clerk's script runs it (its （草稿） note on stderr kept quiet)."""
    done = subprocess.run(
        [sys.executable, "-m", "kaohe_desktop.cli", "--quiet", "--db", str(db),
         "scores", "--half", str(HALF), "--out", str(out)],
        env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"kaohe scores 失败（{done.returncode}）：{done.stderr}")


# ---- the files ----------------------------------------------------------------------------


def bench_adjustments(book: ExchangeBook) -> list[AdjustmentRecord]:
    """Per department two deductions and a bonus in the half; the last one vetoed."""
    half, day = str(HALF), date(2026, 5, 12)
    rows = []
    for index, department in enumerate(book.departments):
        name = department.name
        rows += [
            AdjustmentRecord(half, name, AdjustmentCategory.INTEGRITY, Decimal(-3),
                             "廉政风险防控台账不完整", doc_no=f"基食药监发〔2026〕{index + 1}号",
                             date=day),
            AdjustmentRecord(half, name, AdjustmentCategory.ATTENDANCE, Decimal(-2),
                             "请销假手续不全", doc_no=f"基食药监发〔2026〕{index + 31}号",
                             date=day),
            AdjustmentRecord(half, name, AdjustmentCategory.BONUS, Decimal(15),
                             "被市局通报表扬", CommendationLevel.CITY,
                             f"德食药监发〔2026〕{index + 1}号", day),
        ]  # fmt: skip
    rows.append(
        AdjustmentRecord(half, book.departments[-1].name, AdjustmentCategory.VETO, Decimal(0),
                         "科室工作人员严重违纪被立案审查", doc_no="基发〔2026〕9号", date=day)
    )  # fmt: skip
    return rows


def build_bench(path: Path, departments: int, tasks: int) -> str:
    from bench_checks import ADMIN, bureau, fill_checks  # beside this script

    from kaohe_desktop.services.workspace import create_workspace

    workspace = create_workspace(path, admin=ADMIN, bureau_name="基准县市场监督管理局")
    try:
        book = bureau(departments, tasks)
        book.adjustments = bench_adjustments(book)
        workspace.importer.apply(book)
        checks = fill_checks(workspace)
    finally:
        workspace.close()
    return f"{departments} 个科室 × {tasks} 项任务 × 3 级，查账记录 {checks} 条"


def build_county(path: Path) -> str:
    from bench_checks import ADMIN  # beside this script

    from kaohe_desktop.services.demo import generate_demo_book
    from kaohe_desktop.services.workspace import create_workspace

    book = generate_demo_book(as_of=AS_OF, staff=10_000, years=4)
    workspace = create_workspace(path, admin=ADMIN)
    try:
        workspace.importer.apply(book)
    finally:
        workspace.close()
    return (
        f"县域演示文件：{len(book.departments)} 个科室，{len(book.people)} 人，"
        f"{len(book.tasks)} 项任务（4 年），查账记录 {len(book.checks)} 条"
    )


# ---- measuring ----------------------------------------------------------------------------


def profile_scoring(workspace: Workspace) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    workspace.scoring.scoring(HALF)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(15)
    return text.getvalue()


def measure(name: str, db: Path, folder: Path, runs: int, profile: bool) -> dict[str, list[float]]:
    from kaohe_desktop.services.access.accounts import Credentials
    from kaohe_desktop.services.workspace import open_workspace

    results: dict[str, list[float]] = {}

    def add(key: str, seconds: float) -> None:
        results.setdefault(key, []).append(seconds)

    on_today = datetime(2026, 12, 20, 10, 0)
    workspace = open_workspace(
        db, Credentials(USER, PASSWORD), daily_backup=False, clock=lambda: on_today
    )
    raw = sqlite3.connect(db, isolation_level=None)
    try:
        scoring = workspace.scoring.scoring(HALF)  # once before the clock, to count the sources
        sources = sum(len(r.sources) for r in scoring.results)
        print(f"{name}：{HALF} {len(scoring.results)} 个科室，得分来源 {sources} 条", flush=True)
        if profile:
            print(profile_scoring(workspace))
        for run in range(runs):
            add("floor-read", timed(partial(floor_read, raw, HALF)))
            add("scoring", timed(partial(workspace.scoring.scoring, HALF)))
            floor_out, out = folder / f"{name}-floor-{run}.xlsx", folder / f"{name}-{run}.xlsx"
            add("floor-book", timed(partial(floor_workbook, raw, HALF, floor_out)))
            add("book", timed(partial(workspace.score_export.export_half, HALF, out)))
            assert out.exists()
    finally:
        raw.close()
        workspace.close()
    for run in range(runs):
        floor_out, out = folder / f"{name}-pfloor-{run}.xlsx", folder / f"{name}-cli-{run}.xlsx"
        add("floor-process", timed(partial(floor_workbook_process, db, floor_out)))
        add("process", timed(partial(kaohe_scores, db, out)))
        assert out.exists()
    return results


ROWS = (
    ("半年评分（scoring.scoring，进程内）", "scoring", "floor-read",
     "sqlite3 SELECT 本半年查账、加减分、否决"),
    ("得分表 xlsx（score_export.export_half，进程内）", "book", "floor-book",
     "同上 + openpyxl write-only"),
    ("得分表 xlsx（kaohe scores，整个进程）", "process", "floor-process",
     "同上，新解释器中"),
)  # fmt: skip


def report(name: str, results: dict[str, list[float]]) -> None:
    print(f"\n{name}\n")
    print("| 测量 | 中位数 (s) | 范围 (s) | 对照 | 对照中位数 (s) | 倍数 |")
    print("|---|---:|---:|---|---:|---:|")
    for label, ours, floor, floor_label in ROWS:
        mine, base = statistics.median(results[ours]), statistics.median(results[floor])
        low, high = min(results[ours]), max(results[ours])
        print(
            f"| {label} | {mine:.3f} | {low:.3f}–{high:.3f} | {floor_label} | "
            f"{base:.4f} | {mine / base:.0f}× |"
        )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--floor-workbook":
        with sqlite3.connect(sys.argv[2], isolation_level=None) as connection:
            floor_workbook(connection, HALF, Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--departments", type=int, default=15)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--files", default="bench,county")
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        for name in options.files.split(","):
            db = folder / f"{name}.kaohe"
            started = time.perf_counter()
            if name == "bench":
                what = build_bench(db, options.departments, options.tasks)
            elif name == "county":
                what = build_county(db)
            else:
                raise SystemExit(f"未知文件：{name}（bench 或 county）")
            size = db.stat().st_size / 1e6
            print(f"{what}；生成用时 {time.perf_counter() - started:.1f} s，文件 {size:.1f} MB")
            report(what, measure(name, db, folder, options.runs, options.profile))
    print(f"\n{options.runs} 轮，每轮交替测量；{date.today():%Y-%m-%d}。")


if __name__ == "__main__":
    main()
