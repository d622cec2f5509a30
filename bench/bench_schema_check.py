"""What the schema check costs at every open, against computing the expected schema by
migrating an in-memory database instead (issue 12: why the fingerprints are constants).

Usage: python bench/bench_schema_check.py [--runs 50] [--cold-runs 7]
Prints medians in milliseconds. Not a test: timings are never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.storage.database import create_data_file
from kaohe_desktop.storage.engine import execute_outside_transaction
from kaohe_desktop.storage.migrate import SCHEMA_VERSION
from kaohe_desktop.storage.schema_check import check_schema

# A fresh process each run: the Alembic import and first migration are what an open pays.
COLD = f"""
import time
from kaohe_desktop.storage.schema_check import migrated_schema
started = time.perf_counter()
migrated_schema({SCHEMA_VERSION})
cold = time.perf_counter() - started
started = time.perf_counter()
migrated_schema({SCHEMA_VERSION})
print(cold * 1000, (time.perf_counter() - started) * 1000)
"""


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--cold-runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        opened = create_data_file(
            Path(folder) / "bench.kaohe",
            bureau_name="基准",
            account="bench",
            staff_categories=DEFAULT_STAFF_CATEGORIES,
        )
        try:
            check = median_ms(lambda: check_schema(opened.engine, SCHEMA_VERSION), options.runs)
            bare = median_ms(
                lambda: execute_outside_transaction(opened.engine, "SELECT 1"), options.runs
            )
        finally:
            opened.close()
    runs = [
        subprocess.run(
            [sys.executable, "-c", COLD], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(options.cold_runs)
    ]
    cold = statistics.median(float(run[0]) for run in runs)
    warm = statistics.median(float(run[1]) for run in runs)
    print(f"check at open (connect, read sqlite_master, hash): {check:.1f} ms")
    print(f"  of which a bare connection and SELECT 1:          {bare:.1f} ms")
    print(f"in-memory migration to schema {SCHEMA_VERSION}, cold (Alembic import): {cold:.0f} ms")
    print(f"in-memory migration to schema {SCHEMA_VERSION}, warm:                  {warm:.0f} ms")


if __name__ == "__main__":
    main()
