"""平时考核 timings: grading and ranking 300 and 10,000 people, and the ranking workbook;
with --files, what the 季度考核 grid asks of the service on the demo and the county file.

Usage: python bench/bench_grading.py [--runs 3] [--sizes 300,10000]
       python bench/bench_grading.py --files demo,county [--runs 7] [--gc freeze] [--tab]

--files (bench_grading_grid.py, issue 16): the grid's interactions, each paired with its
floor in the same run. Run it once with the code before and once after
(PYTHONPATH=/tmp/base/src for the unchanged code).

For each size N, a generated bureau (N // 25 departments, the four default staff categories,
scores spread 55–99 with one decimal so ties happen, 1% 不定等次, 1% manual 较差, one 点评 per
twenty people) is imported into a fresh data file for 2026Q2. Then:

1. the engine alone: `grade_quarter` on N candidates (pure domain, no file);
2. the grading sheet: `workspace.grading.sheet(2026Q2)` (roster query + engine), in-process;
3. the ranking workbook: `workspace.ranking.write_workbook`, in-process;
4. the same workbook through `kaohe ranking --quarter 2026Q2 --out X.xlsx`, whole process
   (interpreter start-up and the Argon2id sign-in included);
each of 3 and 4 beside its floor: bench_export.floor_ranking (sqlite3 SELECT of the
quarter's people, openpyxl write-only of 汇总 and a sheet per category), in-process and
in a fresh interpreter.

Prints a Markdown table of medians and ranges, in seconds. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path

from bench_export import floor_ranking  # beside this script

from kaohe_desktop.domain.enums import CommentKind, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Candidate, grade_quarter
from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.records import (
    DEFAULT_STAFF_CATEGORIES,
    AssessmentRecord,
    CommentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
)
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.quarterly.views import ScoreChange, ScoreField
from kaohe_desktop.services.workspace import Workspace

QUARTER = Quarter(2026, 2)
USER, PASSWORD = "bench", "bench-pass-1"
ENV = {**os.environ, "KAOHE_USER": USER, "KAOHE_PASSWORD": PASSWORD}


def kaohe(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "kaohe_desktop.cli", "--quiet", *args],
        check=True,
        env=ENV,
        stdout=subprocess.DEVNULL,
    )


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def score(rng: random.Random) -> Decimal:
    return Decimal(round(rng.uniform(55, 99.5) * 2) / 2).quantize(Decimal("0.1"))


def bureau(size: int, seed: int = 5) -> ExchangeBook:
    rng = random.Random(seed)
    names = [f"第{i + 1:02d}科" for i in range(max(1, size // 25))]
    book = ExchangeBook(
        departments=[DepartmentRecord(n, None, None, i) for i, n in enumerate(names)]
    )
    categories = list(DEFAULT_STAFF_CATEGORIES)
    for i in range(size):
        code = f"P{i + 1:05d}"
        book.people.append(
            PersonRecord(code, f"人员{i + 1}", names[i % len(names)], rng.choice(categories))
        )
        draw = rng.random()
        book.assessments.append(
            AssessmentRecord(
                str(QUARTER),
                code,
                score(rng),
                score(rng),
                override=QuarterGrade.POOR if draw < 0.01 else None,
                override_reason="本季度受到处分" if draw < 0.01 else None,
                no_grade_reason=NoGradeReason.LEAVE if 0.01 <= draw < 0.02 else None,
            )
        )
        if i % 20 == 0:
            book.comments.append(
                CommentRecord(code, QUARTER.start, CommentKind.PRAISE, Decimal(2), "表扬")
            )
    return book


def candidates(book: ExchangeBook) -> list[Candidate]:
    departments = {d.name: i for i, d in enumerate(book.departments)}
    people = {p.code: p for p in book.people}
    return [
        Candidate(
            i,
            departments[people[a.code].department],
            people[a.code].category,
            a.performance,
            a.leader,
            Decimal(0),
            a.override,
            a.no_grade_reason.value if a.no_grade_reason else None,
        )
        for i, a in enumerate(book.assessments)
    ]


def enter_one_score(workspace: Workspace, run: int) -> float:
    """What the grid does when the clerk presses Enter on a cell: one set_scores call
    (write the cell, build the new sheet). The department's lease is taken before the
    clock starts, as the grid holds it for the session after the first cell."""
    sheet = workspace.grading.sheet(QUARTER)
    row = sheet.rows[run]
    lease = workspace.leases.acquire(grading_scope(str(QUARTER), row.department_id), "bench")
    try:
        change = ScoreChange(row.person_id, ScoreField.LEADER, Decimal("88.5"), row.version)
        return timed(partial(workspace.grading.set_scores, QUARTER, [change], [lease]))
    finally:
        workspace.leases.release(lease)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="300,10000")
    parser.add_argument("--files", default="", help="demo,county: the grid's interactions")
    parser.add_argument("--county", default="/tmp/county/county-closed.kaohe")
    parser.add_argument("--gc", choices=("default", "freeze"), default="default")
    parser.add_argument("--tab", action="store_true", help="through the 季度考核 tab")
    options = parser.parse_args()
    if options.files:
        from bench_grading_grid import run_files  # beside this script

        files = options.files.split(",")
        run_files(files, options.runs, Path(options.county), options.gc, options.tab)
        return
    results: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds)

    from kaohe_desktop.services.access.accounts import Credentials
    from kaohe_desktop.services.workspace import open_workspace

    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        for size in (int(s) for s in options.sizes.split(",")):
            book = bureau(size)
            db, xlsx = folder / f"b{size}.kaohe", folder / f"b{size}.xlsx"
            write_workbook(book, xlsx)
            kaohe("--db", str(db), "init")
            kaohe("--db", str(db), "import", str(xlsx))
            people = candidates(book)
            workspace = open_workspace(db, Credentials(USER, PASSWORD), daily_backup=False)
            try:
                for run in range(options.runs):
                    add(f"{size} 人 评定等次与排名（grade_quarter，纯计算）",
                        timed(partial(grade_quarter, people, QuarterlyRules())))  # fmt: skip
                    add(f"{size} 人 季度评分表（grading.sheet：读取 + 计算）",
                        timed(partial(workspace.grading.sheet, QUARTER)))  # fmt: skip
                    add(f"{size} 人 录入一个分数（grading.set_scores：写入 + 重算整张表）",
                        enter_one_score(workspace, run))  # fmt: skip
                    out = folder / f"in{size}-{run}.xlsx"
                    add(f"{size} 人 排名表 xlsx（ranking.write_workbook，进程内）",
                        timed(partial(workspace.ranking.write_workbook, QUARTER, out)))  # fmt: skip
                    with sqlite3.connect(db) as raw:  # the floor (bench_export)
                        add(f"{size} 人 对照：sqlite3 + openpyxl write-only（进程内）",
                            timed(partial(floor_ranking, raw, str(QUARTER), out)))  # fmt: skip
            finally:
                workspace.close()
            for run in range(options.runs):
                out = folder / f"cli{size}-{run}.xlsx"
                command = ("--db", str(db), "ranking", "--quarter", str(QUARTER), "--out", str(out))
                add(f"{size} 人 排名表 xlsx（kaohe ranking，整个进程）",
                    timed(partial(kaohe, *command)))  # fmt: skip
                floor = [sys.executable, str(Path(__file__).with_name("bench_export.py")),
                         "--floor-ranking", str(db), str(QUARTER), str(out)]  # fmt: skip
                add(f"{size} 人 对照：sqlite3 + openpyxl write-only（新进程）",
                    timed(partial(subprocess.run, floor, check=True)))  # fmt: skip

    print("| 测量 | 中位数 (s) | 范围 (s) |")
    print("|---|---:|---:|")
    for name, values in results.items():
        print(f"| {name} | {statistics.median(values):.3f} | {min(values):.3f}–{max(values):.3f} |")


if __name__ == "__main__":
    main()
