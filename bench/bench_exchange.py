"""Whole-process timings of `kaohe init --demo`, `export` and `import` on the demo bureau.

Usage: python bench/bench_exchange.py [--runs 5] [--staff 80]
Prints the median and range of each, in seconds. Not a test: timings are never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(*args: str) -> float:
    env = {**os.environ, "KAOHE_USER": "bench", "KAOHE_PASSWORD": "bench-pass-1"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kaohe_desktop.cli", *args],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    results: dict[str, list[float]] = {
        "init --demo": [],
        "export": [],
        "import": [],
        "import again (no change)": [],
    }
    for run in range(options.runs):
        with tempfile.TemporaryDirectory() as directory:
            folder = Path(directory)
            demo, fresh, book = folder / "demo.kaohe", folder / "fresh.kaohe", folder / "book.xlsx"
            results["init --demo"].append(timed("--db", str(demo), "init", "--demo"))
            results["export"].append(timed("--db", str(demo), "export", str(book)))
            timed("--db", str(fresh), "init")
            results["import"].append(timed("--db", str(fresh), "import", str(book)))
            results["import again (no change)"].append(
                timed("--db", str(fresh), "import", str(book))
            )
        print(f"run {run + 1}/{options.runs} done", file=sys.stderr)
    print("| step | median (s) | min–max (s) | runs |\n|---|---|---|---|")
    for name, values in results.items():
        print(
            f"| kaohe {name} | {statistics.median(values):.2f} | "
            f"{min(values):.2f}–{max(values):.2f} | {len(values)} |"
        )


if __name__ == "__main__":
    main()
