"""Issue 18: what naming each 操作日志 line's person costs where it is written and read.

Usage: python bench/bench_close_audit.py [--runs 5] [--size 10000]
       (PYTHONPATH=/tmp/base/src for the unchanged code: run it once before, once after)

bench_grading's bureau of `size` people, scored in 2026Q2, is imported into one master
file; each run works on a fresh copy of it:

1. closing 2026Q2 (`grading.close_quarter`: the sheet, the outcomes of every person in
   one transaction, their compact audit entry, the lock);
2. before it, one score typed in (`grading.set_scores`: a row-by-row audited write,
   whose line now names the person);
3. the 操作日志 viewer's read (`audit_log.entries()`, newest 20,000, with the names of
   the people the close's tooltip shows).

Prints a Markdown table of medians and ranges, in seconds. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from functools import partial
from pathlib import Path

from bench_grading import (  # beside this script
    PASSWORD,
    QUARTER,
    USER,
    bureau,
    enter_one_score,
    kaohe,
    timed,
)

from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.workspace import open_workspace


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=10_000)
    options = parser.parse_args()
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        master, xlsx = folder / "master.kaohe", folder / "book.xlsx"
        write_workbook(bureau(options.size), xlsx)
        kaohe("--db", str(master), "init")
        kaohe("--db", str(master), "import", str(xlsx))
        for run in range(options.runs):
            copy = folder / f"run{run}.kaohe"
            shutil.copyfile(master, copy)
            workspace = open_workspace(copy, Credentials(USER, PASSWORD), daily_backup=False)
            try:
                results.setdefault("录入一个分数（逐行审计）", []).append(
                    enter_one_score(workspace, 0)
                )
                close = partial(workspace.grading.close_quarter, QUARTER)
                results.setdefault(f"关闭 {options.size} 人的季度", []).append(timed(close))
                read = workspace.audit_log.entries
                results.setdefault("操作日志读取（最新 20,000 条）", []).append(timed(read))
            finally:
                workspace.close()
            copy.unlink()
    print("| 测量 | 中位数 (s) | 范围 (s) |")
    print("|---|---:|---:|")
    for name, values in results.items():
        print(f"| {name} | {statistics.median(values):.3f} | {min(values):.3f}–{max(values):.3f} |")


if __name__ == "__main__":
    main()
