"""Wall-chart (墙上台账) timings, whole process, beside LibreOffice converting an equivalent xlsx.

Usage: python bench/bench_wall_chart.py [--runs 3] [--departments 15] [--tasks 200]

1. The demo bureau: `kaohe ledger-pdf --year 2026` for all departments, filled and blank, A3.
2. A generated bureau of D departments × T tasks each (every department leads T tasks and is the
   responsible department of them, with a first-level check in Q1 and Q2 of each): the same
   command, filled, A3; and in-process (WallChartService.write, no interpreter start-up).
3. LibreOffice: an xlsx with one sheet per department holding the same columns and texts, wrapped,
   A3 landscape, header rows repeated, fitted to the page width, converted with
   `soffice --headless --convert-to pdf`. Skipped when soffice is not installed.

Prints a Markdown table of medians and ranges, in seconds. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.records import CheckRecord, DepartmentRecord, ExchangeBook, TaskRecord
from kaohe_desktop.reports.excel_exchange_writer import write_workbook

YEAR = 2026
ENV = {**os.environ, "KAOHE_USER": "bench", "KAOHE_PASSWORD": "bench-pass-1"}
TARGET = (
    "按照年度工作要点，制定实施方案，明确责任人和时间节点，每季度报送工作进展，"
    "年底形成书面总结，做到有计划、有落实、有痕迹。"
)


def kaohe(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "kaohe_desktop.cli", *args],
        check=True,
        env=ENV,
        stdout=subprocess.DEVNULL,
    )


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def big_book(departments: int, tasks: int) -> ExchangeBook:
    names = [f"第{i + 1:02d}科" for i in range(departments)]
    departments = [DepartmentRecord(n, None, None, i) for i, n in enumerate(names)]
    book = ExchangeBook(departments=departments)
    seq = 0
    for name in names:
        for t in range(tasks):
            seq += 1
            key = t % 5 == 0
            book.tasks.append(
                TaskRecord(
                    YEAR,
                    seq,
                    f"{name}第{t + 1}项年度重点业务工作推进落实",
                    TaskCategory.KEY if key else TaskCategory.ROUTINE,
                    name,
                    (name,),
                    "每季度",
                    Decimal(5),
                    target=TARGET,
                )
            )
            periods = ["2026-03", "2026-06"] if key else ["2026Q1", "2026Q2"]
            for period in periods:
                book.checks.append(
                    CheckRecord(
                        YEAR,
                        seq,
                        name,
                        period,
                        CheckStatus.DONE,
                        actual="已按计划完成阶段性工作，报送进展材料并留存工作台账。",
                        level=CheckLevel.LEAD,
                        checker="张三",
                    )
                )
    return book


HEADERS = (
    "序号", "工作任务", "目标要求", "类别", "牵头科室", "完成时限", "分值",
    "一季度", "二季度", "三季度", "四季度", "核查人", "备注",
)  # fmt: skip
WIDTHS = (6, 28, 40, 9, 11, 10, 6, 24, 24, 24, 24, 9, 12)


def equivalent_xlsx(book: ExchangeBook, path: Path) -> None:
    """The wall charts as a clerk would lay them out in Excel, one sheet per department."""
    done = {(c.seq, c.period): c for c in book.checks}
    workbook = Workbook()
    workbook.remove(workbook.active)
    wrap = Alignment(wrap_text=True, vertical="top")
    for department in book.departments:
        sheet = workbook.create_sheet(department.name)
        sheet.append([f"{YEAR}年度 {department.name} 岗位目标责任台账"])
        sheet.append(list(HEADERS))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for task in (t for t in book.tasks if t.lead_department == department.name):
            quarters = []
            for q, month in ((1, 3), (2, 6), (3, 9), (4, 12)):
                check = done.get((task.seq, f"{YEAR}Q{q}")) or done.get(
                    (task.seq, f"{YEAR}-{month:02d}")
                )
                quarters.append(f"已完成：{check.actual}" if check else "")
            sheet.append(
                [task.seq, task.title, task.target, task.category.label, task.lead_department,
                 task.deadline, float(task.points), *quarters, "张三", task.note or ""]
            )  # fmt: skip
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        for index, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:2"
    workbook.save(path)


def soffice_convert(xlsx: Path, out_dir: Path) -> None:
    profile = out_dir / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out_dir), str(xlsx)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def in_process(db: Path, out: Path) -> float:
    from kaohe_desktop.services.access.accounts import Credentials
    from kaohe_desktop.services.workspace import open_workspace

    workspace = open_workspace(db, Credentials("bench", "bench-pass-1"), daily_backup=False)
    try:
        return timed(lambda: workspace.wall_charts.write(YEAR, out, printed_on=date(2026, 11, 22)))
    finally:
        workspace.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--departments", type=int, default=15)
    parser.add_argument("--tasks", type=int, default=200)
    options = parser.parse_args()
    size = f"{options.departments} 科室 × {options.tasks} 项"
    results: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds)

    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        demo, big = folder / "demo.kaohe", folder / "big.kaohe"
        kaohe("--db", str(demo), "init", "--demo")
        book = big_book(options.departments, options.tasks)
        write_workbook(book, folder / "big.xlsx")
        kaohe("--db", str(big), "init")
        kaohe("--db", str(big), "import", str(folder / "big.xlsx"))
        equivalent_xlsx(book, folder / "charts.xlsx")
        for run in range(options.runs):
            out = folder / f"out{run}"
            out.mkdir()
            common = ("ledger-pdf", "--year", str(YEAR))
            demo_filled = ("--db", str(demo), *common, "--out", str(out / "d.pdf"))
            demo_blank = ("--db", str(demo), *common, "--blank", "--out", str(out / "b.pdf"))
            big_filled = ("--db", str(big), *common, "--out", str(out / "big.pdf"))
            add("演示单位 全部科室 填写 A3 (kaohe ledger-pdf)", timed(partial(kaohe, *demo_filled)))
            add(
                "演示单位 全部科室 空白 A3 (kaohe ledger-pdf --blank)",
                timed(partial(kaohe, *demo_blank)),
            )
            add(f"{size} 填写 A3 (kaohe ledger-pdf)", timed(partial(kaohe, *big_filled)))
            add(
                f"{size} 填写 A3 (in-process WallChartService.write)",
                in_process(big, out / "big-in.pdf"),
            )
            if shutil.which("soffice"):
                add(
                    f"{size} 等效 xlsx → PDF (soffice --headless --convert-to pdf)",
                    timed(partial(soffice_convert, folder / "charts.xlsx", out)),
                )
            print(f"run {run + 1}/{options.runs} done", file=sys.stderr)
        pages = _pages(folder / "out0")
    print("| what | median (s) | min–max (s) | runs |\n|---|---|---|---|")
    for name, values in results.items():
        print(f"| {name} | {statistics.median(values):.2f} | "
              f"{min(values):.2f}–{max(values):.2f} | {len(values)} |")  # fmt: skip
    print("\npages: " + ", ".join(f"{name} {count}" for name, count in pages.items()))


def _pages(folder: Path) -> dict[str, int]:
    from pypdf import PdfReader

    return {p.name: len(PdfReader(p).pages) for p in sorted(folder.glob("*.pdf"))}


if __name__ == "__main__":
    main()
