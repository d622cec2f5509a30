"""通报 timings on a year of checks of 15 departments × 200 tasks, beside a bare reportlab
canvas writing the same number of pages.

Usage: python bench/bench_bulletin.py [--runs 5] [--departments 15] [--tasks 200]

The file is bench_checks.py's (built in a temporary folder the same way): every fifth task
is 重点工作 due 每月, the others 常规工作 due 每季度, each with a 一级 check in every period
of the year, half with a 二级 and one in twenty with a 三级 check. The 2026Q2 bulletin
covers the quarter's routine tasks and the key tasks of April, May and June.

Measured, alternating within each run:
1. `bulletins.generate(2026Q2)`: the four due lists, the notices, the content, its JSON and
   the new BulletinRow, in one write (in-process);
2. `bulletins.write_pdf(2026Q2)`: the latest edition's JSON to PDF (in-process);
3. `kaohe bulletin-pdf --period 2026Q2 --out …` (whole process: interpreter, sign-in,
   reprint of the latest edition) and the same with `--new` (generate, then print);
4. the floor: a bare reportlab canvas with the same CJK font writing as many pages of plain
   text lines (no tables, no wrapping, no chart); and, for the whole process, `kaohe
   accounts` on the same file (interpreter, imports, open and sign-in, no bulletin).

Prints a Markdown table of medians and ranges, in milliseconds, with the ratio to the
floor. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from bench_checks import ADMIN, bureau, fill_checks, timed
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.workspace import create_workspace, open_workspace

YEAR = 2026
QUARTER = Quarter(YEAR, 2)
ISSUED = datetime(YEAR, 7, 6, 9, 0)
LINE = "第01科第12项年度业务工作推进落实 第01科 第二季度 部分完成 按计划推进，已完成阶段性目标。"


def floor_pdf(path: Path, pages: int, font: str) -> None:
    """`pages` A4 pages of 60 plain text lines each: what drawing the bulletin's text costs
    at the least."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        canvas.setFont(font, 8.5)
        for line in range(60):
            canvas.drawString(50, 800 - line * 12.5, LINE)
        canvas.showPage()
    canvas.save()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--departments", type=int, default=15)
    parser.add_argument("--tasks", type=int, default=200)
    options = parser.parse_args()
    results: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds)

    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        path = folder / "通报.kaohe"
        env = {
            **os.environ,
            "KAOHE_USER": ADMIN.username,
            "KAOHE_PASSWORD": ADMIN.password,
            "KAOHE_BACKUP_DIR": str(folder / "备份"),
        }
        built = time.perf_counter()
        create_workspace(path, admin=ADMIN, bureau_name="基准县市场监督管理局").close()
        workspace = open_workspace(path, ADMIN, daily_backup=False, clock=lambda: ISSUED)
        workspace.importer.apply(bureau(options.departments, options.tasks))
        checks = fill_checks(workspace)
        print(
            f"文件：{options.departments} 个科室 × {options.tasks} 项任务，查账记录 {checks} 条，"
            f"生成用时 {time.perf_counter() - built:.1f} s"
        )
        font = pdf_font()
        workspace.bulletins.generate(QUARTER)
        sample = workspace.bulletins.write_pdf(QUARTER, folder / "样张.pdf")
        pages = len(PdfReader(sample).pages)
        print(f"{QUARTER} 通报：{pages} 页，{sample.stat().st_size / 1e3:.0f} KB；字体 {font.name}")

        def kaohe(*args: str) -> None:
            command = [sys.executable, "-m", "kaohe_desktop.cli", "--db", str(path), "--quiet"]
            subprocess.run(
                [*command, *args], check=True, env=env, stdout=subprocess.DEVNULL, cwd=folder
            )

        reprint = ("bulletin-pdf", "--period", str(QUARTER), "--out", str(folder / "重印.pdf"))
        kaohe(*reprint)  # the day's automatic backup, once, before the clock starts
        try:
            for _ in range(options.runs):
                add("floor", timed(lambda: floor_pdf(folder / "对照.pdf", pages, font.name)))
                add("generate", timed(lambda: workspace.bulletins.generate(QUARTER)))
                add(
                    "write",
                    timed(lambda: workspace.bulletins.write_pdf(QUARTER, folder / "通报.pdf")),
                )
                add("process", timed(lambda: kaohe(*reprint)))
                add("process-new", timed(lambda: kaohe(*reprint, "--new")))
                add("start-up", timed(lambda: kaohe("accounts")))
        finally:
            workspace.close()
    results["in-process"] = [
        g + w for g, w in zip(results["generate"], results["write"], strict=True)
    ]

    floor = statistics.median(results["floor"])
    table = [
        ("生成一版（bulletins.generate：四份查账清单、内容、JSON、写入）", "generate"),
        ("打印（bulletins.write_pdf：从 JSON 到 PDF）", "write"),
        ("生成 + 打印（进程内）", "in-process"),
        ("整个进程：kaohe bulletin-pdf（重印最新一版）", "process"),
        ("整个进程：kaohe bulletin-pdf --new（生成 + 打印）", "process-new"),
        (f"对照：reportlab 画布写 {pages} 页纯文本", "floor"),
        ("另：kaohe accounts（同一文件上的启动、打开、登录）", "start-up"),
    ]
    print()
    print("| 测量 | 中位数 (ms) | 范围 (ms) | ÷ 对照 |")
    print("|---|---:|---:|---:|")
    for label, key in table:
        values = results[key]
        median = statistics.median(values)
        print(
            f"| {label} | {median * 1e3:.0f} | {min(values) * 1e3:.0f}–{max(values) * 1e3:.0f} | "
            f"{median / floor:.1f}× |"
        )
    print(f"\n{options.runs} 轮，每轮交替测量；{date.today():%Y-%m-%d}。")


if __name__ == "__main__":
    main()
