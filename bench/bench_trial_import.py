"""What a trial import (`import --dry-run`, the GUI's 试导入) costs on a private copy of the
data file — the way a file that cannot be written is tried — beside the way a writable
file is tried: the real import in a write transaction on the file itself, rolled back.

Usage: python bench/bench_trial_import.py [--runs 5] [--sizes 80,300,10000] [--years 1,1,4]

For each bureau (generate_demo_book(staff=…, years=…), imported once), in one process
on one file, paired and alternating: the trial of a one-sheet workbook (one new person)
both ways, and the copy alone (trial_copy entered and left). Prints the file size,
medians, ranges and the ratio. Local disk: over a network share the copy, which reads
the whole file, costs more.

Not a test: nothing is asserted but that both ways count the same.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from kaohe_desktop.domain.records import ExchangeBook, PersonRecord
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.exchange import importing
from kaohe_desktop.services.progress import SILENT
from kaohe_desktop.services.workspace import create_workspace
from kaohe_desktop.storage.trial_copy import trial_copy
from kaohe_desktop.storage.unit_of_work import UnitOfWork

AS_OF = date(2026, 12, 20)  # the demo's today: the same county on every run
ADMIN = Credentials("bench", "bench-pass-1")


def on_a_copy(uow: UnitOfWork, book: ExchangeBook) -> importing.ImportResult:
    with trial_copy(uow) as trial:
        return importing.apply_book(trial, book, dry_run=True, progress=SILENT)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def measure(staff: int, span: int, runs: int) -> str:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.kaohe"
        book = generate_demo_book(as_of=AS_OF, staff=staff, years=span)
        workspace = create_workspace(path, admin=ADMIN)
        workspace.importer.apply(book)
        first = book.people[0]
        one = ExchangeBook(
            people=[PersonRecord("BENCH1", "试导入", first.department, first.category)]
        )
        uow = workspace._uow
        in_place = partial(importing.apply_book, uow, one, dry_run=True, progress=SILENT)
        copy_only: list[float] = []
        ours: list[float] = []
        theirs: list[float] = []
        for _run in range(runs):
            seconds, mine = timed(partial(on_a_copy, uow, one))
            ours.append(seconds)
            seconds, before = timed(in_place)
            theirs.append(seconds)
            assert mine.counts == before.counts  # type: ignore[attr-defined]
            started = time.perf_counter()
            with trial_copy(uow):
                pass
            copy_only.append(time.perf_counter() - started)
        workspace.close()
        size_mb = os.path.getsize(path) / 1_000_000
    new, old = statistics.median(ours), statistics.median(theirs)
    return (
        f"| {staff} × {span} | {size_mb:.1f} "
        f"| {new:.3f} ({min(ours):.3f}–{max(ours):.3f}) "
        f"| {old:.3f} ({min(theirs):.3f}–{max(theirs):.3f}) | {new / old:.2f} "
        f"| {statistics.median(copy_only):.3f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="80,300,10000")
    parser.add_argument("--years", default="1,1,4")
    options = parser.parse_args()
    print(
        "| 人数 × 年 | 文件 (MB) | 副本上试导入 中位数 (s) | 原文件上试导入 中位数 (s) "
        "| 比值 | 仅复制 中位数 (s) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    sizes = [int(s) for s in options.sizes.split(",")]
    years = [int(y) for y in options.years.split(",")]
    for staff, span in zip(sizes, years, strict=True):
        print(measure(staff, span, options.runs), flush=True)


if __name__ == "__main__":
    main()
