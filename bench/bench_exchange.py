"""`kaohe import` as a clerk runs it, whole process, paired with its floor (issue 16).

Usage: python bench/bench_exchange.py [--runs 3] [--files demo,county] [--src DIR]
                                      [--book PATH] [--cache DIR] [--no-sizes]

For each file, in each run, in a fresh temporary folder, alternating with the floor:
1. `kaohe import` of the workbook into a new empty data file;
   floor: a fresh interpreter with openpyxl read-only reading every sheet's rows and
   sqlite3 `executemany` inserting them into a new file (one table per sheet);
2. `kaohe import` of the same workbook again (nothing changed);
   floor: the same interpreter reading the rows only (openpyxl read-only);
3. `kaohe import` of the same workbook saved again (other bytes, same rows: every row is
   read and compared with the file).
Each is timed and its peak memory taken with /usr/bin/time (whole process, RSS).
Then, once (not with --no-sizes): the data file's size and the share of its audit log
after the import, and after closing the quarters (demo: `kaohe init --demo`, which
closes 2025 and 2026Q1–Q3; county: bench_archive.build_county, 2023Q1–2026Q3).

The files: demo — `kaohe init --demo` exported with `kaohe export`; county — the demo
generator's county (`generate_demo_book(staff=10000, years=4)`, 230,332 rows) written
once with the exchange writer and kept in the cache folder (or --book). --src runs the
measured processes on another source tree (the code before a change), by PYTHONPATH.

Prints Markdown tables: median and range of each step, its peak memory, the floor beside
it and the ratio. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

AS_OF = date(2026, 12, 20)  # the demo's today: the same county on every run
SCRIPT = Path(__file__).resolve()
SOURCES = SCRIPT.parent.parent / "src"
USER, PASSWORD = "bench", "bench-pass-1"
TIME = "/usr/bin/time"
Measure = tuple[float, float]  # seconds, peak MB


# ---- the floor (run in a fresh interpreter: python bench_exchange.py --floor …) -----------


def floor(book: Path, out: Path | None) -> None:
    """openpyxl read-only over every sheet; with `out`, sqlite3 executemany of the rows."""
    from openpyxl import load_workbook

    workbook = load_workbook(book, read_only=True)
    connection = sqlite3.connect(out) if out is not None else None
    for index, sheet in enumerate(workbook.worksheets):
        rows = list(sheet.iter_rows(values_only=True))
        width = max((len(row) for row in rows), default=0)
        if connection is None or not width:
            continue
        names = ", ".join(f"c{i}" for i in range(width))
        connection.execute(f"CREATE TABLE t{index} ({names})")
        plain = (int, float, str, type(None))  # sqlite3 binds these; dates go as their text
        padded = [
            tuple(v if isinstance(v, plain) else str(v) for v in row) + (None,) * (width - len(row))
            for row in rows
        ]
        connection.executemany(f"INSERT INTO t{index} VALUES ({', '.join('?' * width)})", padded)
    if connection is not None:
        connection.commit()
        connection.close()
    workbook.close()


# ---- measuring ---------------------------------------------------------------------------


def measured(args: list[str], env: dict[str, str]) -> Measure:
    """Seconds and peak RSS (MB) of a whole process, by /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        subprocess.run(
            [TIME, "-f", "%M", "-o", report.name, *args],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
        peak_kb = int(Path(report.name).read_text().split()[-1])
    return seconds, peak_kb / 1024


class Kaohe:
    def __init__(self, src: Path) -> None:
        self.env = {**os.environ, "KAOHE_USER": USER, "KAOHE_PASSWORD": PASSWORD}
        self.env["PYTHONPATH"] = str(src)

    def __call__(self, db: Path, *args: str) -> Measure:
        return measured(
            [sys.executable, "-m", "kaohe_desktop.cli", "--db", str(db), *args], self.env
        )

    def floor(self, book: Path, out: Path | None) -> Measure:
        target = [] if out is None else [str(out)]
        return measured([sys.executable, str(SCRIPT), "--floor", str(book), *target], self.env)


def saved_again(book: Path, folder: Path) -> Path:
    """The same rows in other bytes, as when a clerk opens the workbook and saves it."""
    copy = folder / f"{book.stem}-又存了一次.xlsx"
    copy.write_bytes(book.read_bytes())
    with zipfile.ZipFile(copy, "a") as archive:
        archive.comment = b"saved again"
    return copy


STEPS = (
    ("导入（新的空文件）", "读取 + executemany"),
    ("再次导入同一工作簿（无改动）", "只读取（openpyxl 只读）"),
    ("再次导入另存过的同一工作簿（逐行比较）", "只读取（openpyxl 只读）"),
)


def one_run(kaohe: Kaohe, book: Path, folder: Path) -> list[tuple[Measure, Measure]]:
    fresh = folder / "新文件.kaohe"
    kaohe(fresh, "init")
    first = kaohe(fresh, "import", str(book))
    first_floor = kaohe.floor(book, folder / "floor.sqlite")
    again = kaohe(fresh, "import", str(book))
    read_floor = kaohe.floor(book, None)
    resaved = kaohe(fresh, "import", str(saved_again(book, folder)))
    return [(first, first_floor), (again, read_floor), (resaved, read_floor)]


# ---- the files ---------------------------------------------------------------------------


def demo_book(kaohe: Kaohe, folder: Path) -> Path:
    demo, book = folder / "演示.kaohe", folder / "演示.xlsx"
    kaohe(demo, "init", "--demo")
    kaohe(demo, "export", str(book))
    return book


def county_book(cache: Path) -> Path:
    """The county workbook, written once per demo generator and writer."""
    digest = hashlib.sha256()
    for part in ("kaohe_desktop/services/demo", "kaohe_desktop/reports"):
        for source in sorted((SOURCES / part).glob("*.py")):
            digest.update(source.read_bytes())
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"county-{digest.hexdigest()[:12]}.xlsx"
    if not path.exists():
        subprocess.run([sys.executable, str(SCRIPT), "--write-county", str(path)], check=True)
    return path


def write_county(path: Path) -> None:
    from kaohe_desktop.reports.excel_exchange_writer import write_workbook
    from kaohe_desktop.services.demo import generate_demo_book

    partial = path.with_suffix(".partial.xlsx")
    write_workbook(generate_demo_book(as_of=AS_OF, staff=10_000, years=4), partial)
    partial.rename(path)


def build_closed(path: Path) -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    from bench_archive import build_county

    build_county(path, closed=True)


def sizes(path: Path) -> str:
    """The file's size and what of it the audit log (table and index) takes."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        audit = connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name = 'audit_log' OR name LIKE 'ix_audit_log%'"
        ).fetchone()[0]
        entries = connection.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        connection.close()
    total = path.stat().st_size
    return (
        f"{total / 2**20:.1f} MB，其中操作日志 {audit / 2**20:.1f} MB（{audit / total:.0%}，"
        f"{entries:,} 条）"
    )


# ---- the report --------------------------------------------------------------------------


def median_range(values: list[float], digits: int = 2) -> str:
    return (
        f"{statistics.median(values):.{digits}f} "
        f"({min(values):.{digits}f}–{max(values):.{digits}f})"
    )


def report(name: str, results: list[list[tuple[Measure, Measure]]]) -> None:
    print(f"\n### {name}（{len(results)} 次）\n")
    print("| 步骤 | 用时 s 中位数（范围） | 峰值内存 MB | 底线 | 底线用时 s | 底线内存 MB | 比值 |")
    print("|---|---|---|---|---|---|---|")
    for index, (step, floor_step) in enumerate(STEPS):
        ours = [run[index][0] for run in results]
        floors = [run[index][1] for run in results]
        ratio = statistics.median(s for s, _ in ours) / statistics.median(s for s, _ in floors)
        print(
            f"| {step} | {median_range([s for s, _ in ours])} | "
            f"{statistics.median(m for _, m in ours):.0f} | {floor_step} | "
            f"{median_range([s for s, _ in floors])} | "
            f"{statistics.median(m for _, m in floors):.0f} | {ratio:.2f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", default="demo,county")
    parser.add_argument("--src", type=Path, default=SOURCES, help="源代码目录（对比改动前）")
    parser.add_argument("--book", type=Path, help="县域工作簿（默认：生成一次并缓存）")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kaohe-bench")
    parser.add_argument("--no-sizes", action="store_true")
    parser.add_argument("--floor", nargs="+", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--write-county", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build-closed", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.floor:
        floor(options.floor[0], options.floor[1] if len(options.floor) > 1 else None)
        return
    if options.write_county:
        write_county(options.write_county)
        return
    if options.build_closed:
        build_closed(options.build_closed)
        return
    if not Path(TIME).exists():
        raise SystemExit(f"缺少 {TIME}（apt-get install -y time）")
    kaohe = Kaohe(options.src.resolve())
    print(f"源代码：{options.src}；机器负载：{os.getloadavg()[0]:.2f}")
    for name in options.files.split(","):
        with tempfile.TemporaryDirectory() as directory:
            folder = Path(directory)
            if name == "demo":
                book = demo_book(kaohe, folder)
            elif name == "county":
                book = options.book or county_book(options.cache)
            else:
                raise SystemExit(f"未知文件：{name}（demo 或 county）")
            results = []
            for run in range(options.runs):
                with tempfile.TemporaryDirectory() as each:
                    results.append(one_run(kaohe, book, Path(each)))
                print(f"{name}：第 {run + 1}/{options.runs} 次完成", file=sys.stderr)
            report(f"{name}：{book.name}，{book.stat().st_size / 2**20:.1f} MB", results)
            if not options.no_sizes:
                print_sizes(kaohe, name, book, folder)
    print(f"\n机器负载（结束时）：{os.getloadavg()[0]:.2f}")


def print_sizes(kaohe: Kaohe, name: str, book: Path, folder: Path) -> None:
    imported = folder / "导入后.kaohe"
    kaohe(imported, "init")
    kaohe(imported, "import", str(book))
    print(f"\n- 导入后的数据文件：{sizes(imported)}")
    closed = folder / "关闭后.kaohe"
    if name == "demo":
        kaohe(closed, "init", "--demo")
        print(f"- `kaohe init --demo`（导入后关闭 2025 年和 2026 年一至三季度）：{sizes(closed)}")
    else:
        started = time.perf_counter()
        measured([sys.executable, str(SCRIPT), "--build-closed", str(closed)], kaohe.env)
        print(
            f"- 导入并关闭 2023Q1–2026Q3（bench_archive.build_county，"
            f"{time.perf_counter() - started:.0f} s）：{sizes(closed)}"
        )


if __name__ == "__main__":
    main()
