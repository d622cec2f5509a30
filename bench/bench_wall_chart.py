"""Wall-chart (墙上台账) timings, whole process, paired in one run with LibreOffice converting
the equivalent xlsx and with a bare reportlab canvas writing the same pages.

Usage: python bench/bench_wall_chart.py [--runs 5] [--files demo,big,county]
       [--departments 15] [--tasks 200] [--before /tmp/base/src] [--after-path DIR]
       [--county FILE]

- demo: the demo bureau, `kaohe ledger-pdf --year 2026` for all departments, filled and blank.
- big: a generated bureau of D departments × T tasks each (every department leads T tasks and
  is the responsible department of them, one in five 重点工作, a first-level check in two
  periods of each): `kaohe ledger-pdf`, filled, A3, whole process; the same in-process
  (WallChartService.write in a fresh interpreter, timed around the call: no start-up, no
  sign-in); LibreOffice converting the equivalent xlsx (one sheet per department, the same
  columns and texts, wrapped, A3 landscape, header rows repeated, fitted to the page width;
  `soffice --headless --convert-to pdf`, its profile made once before the timed runs and
  reused); and the floor, bench/wall_chart_floor.py (a bare canvas, the same pages).
- county: the county file given by --county (copied first), `kaohe ledger-pdf` for 2026.

--before SRC runs every kaohe step a second time with PYTHONPATH=SRC (the code before the
change), in the same runs, so that both sides meet the same machine load. --after-path DIR
is put on the PYTHONPATH of the "after" side and of the floor only (e.g. rl_accel installed
with `pip install --target DIR rl_accel` before the environment has it); the after side
then also runs without it, to show what DIR adds. The data files
are made once (by SRC's code when given) and each side works on its own copy; one untimed
run of each step goes first (a new file's first open, the .pyc files).

Prints Markdown tables of medians and min–max in seconds, and the ratios of the medians.
Not a test: nothing is asserted.
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
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.records import CheckRecord, DepartmentRecord, ExchangeBook, TaskRecord
from kaohe_desktop.reports.excel_exchange_writer import write_workbook

YEAR = 2026
USER, PASSWORD = "bench", "bench-pass-1"
ENV = {**os.environ, "KAOHE_USER": USER, "KAOHE_PASSWORD": PASSWORD}
TARGET = (
    "按照年度工作要点，制定实施方案，明确责任人和时间节点，每季度报送工作进展，"
    "年底形成书面总结，做到有计划、有落实、有痕迹。"
)
HERE = Path(__file__).resolve().parent
LO_PROFILE = "file:///tmp/lo-profile"
IN_PROCESS = """
import sys, time
from datetime import date
from pathlib import Path
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.workspace import open_workspace
ws = open_workspace(Path(sys.argv[1]), Credentials(sys.argv[3], sys.argv[4]), daily_backup=False)
started = time.perf_counter()
ws.wall_charts.write(2026, Path(sys.argv[2]), printed_on=date(2026, 11, 22))
print(time.perf_counter() - started)
ws.close()
"""


def environment(*paths: str | None) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [*paths, ENV.get("PYTHONPATH")]))
    return {**ENV, "PYTHONPATH": path} if path else ENV


def run(command: Sequence[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        list(command), check=True, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    return done.stdout.decode("utf-8", "replace")


def kaohe(*args: str) -> list[str]:
    return [sys.executable, "-m", "kaohe_desktop.cli", *args]


def timed(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    run(command, env)
    return time.perf_counter() - started


def big_book(departments: int, tasks: int) -> ExchangeBook:
    names = [f"第{i + 1:02d}科" for i in range(departments)]
    records = [DepartmentRecord(n, None, None, i) for i, n in enumerate(names)]
    book = ExchangeBook(departments=records)
    seq = 0
    for name in names:
        for t in range(tasks):
            seq += 1
            key = t % 5 == 0
            book.tasks.append(
                TaskRecord(
                    YEAR, seq, f"{name}第{t + 1}项年度重点业务工作推进落实",
                    TaskCategory.KEY if key else TaskCategory.ROUTINE, name, (name,), "每季度",
                    Decimal(5), target=TARGET,
                )
            )  # fmt: skip
            for period in ["2026-03", "2026-06"] if key else ["2026Q1", "2026Q2"]:
                book.checks.append(
                    CheckRecord(
                        YEAR, seq, name, period, CheckStatus.DONE,
                        actual="已按计划完成阶段性工作，报送进展材料并留存工作台账。",
                        level=CheckLevel.LEAD, checker="张三",
                    )
                )  # fmt: skip
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
    workbook.remove(workbook.active)  # type: ignore[arg-type]
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


def soffice(xlsx: Path, out_dir: Path) -> list[str]:
    return [
        "soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
        "--convert-to", "pdf", "--outdir", str(out_dir), str(xlsx),
    ]  # fmt: skip


def font_path() -> str:
    from kaohe_desktop.reports.pdf_fonts import find_cjk_font

    found = find_cjk_font()
    if found.path is None:
        raise SystemExit("需要一个 TrueType 中文字体（例如 fonts-wqy-zenhei）")
    return str(found.path)


class Results:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}

    def add(self, name: str, seconds: float) -> None:
        self.times.setdefault(name, []).append(seconds)

    def median(self, name: str) -> float | None:
        values = self.times.get(name)
        return statistics.median(values) if values else None

    def table(self) -> str:
        lines = ["| 步骤 | 中位数 (s) | 最小–最大 (s) | 次数 |", "|---|---:|---:|---:|"]
        for name, values in self.times.items():
            lines.append(
                f"| {name} | {statistics.median(values):.2f} | "
                f"{min(values):.2f}–{max(values):.2f} | {len(values)} |"
            )
        return "\n".join(lines)


Step = tuple[str, list[str], dict[str, str]]


def sides(options: argparse.Namespace) -> list[tuple[str, dict[str, str]]]:
    found = [("之前", environment(options.before))] if options.before else []
    if options.after_path:  # the change without what --after-path adds, for its share
        found.append(("之后 不加 --after-path", environment()))
    return [*found, ("之后", environment(options.after_path))]


def kaohe_steps(
    label: str, env: dict[str, str], files: dict[str, Path], out: Path, size: str
) -> list[Step]:
    """One side's kaohe commands (and the in-process write)."""
    common = ("ledger-pdf", "--year", str(YEAR))
    steps: list[Step] = []
    if "demo" in files:
        db = ("--db", str(files["demo"]))
        filled = kaohe(*db, *common, "--out", str(out / "d.pdf"))
        blank = kaohe(*db, *common, "--blank", "--out", str(out / "b.pdf"))
        steps += [(f"演示单位 填写 A3（{label}）", filled, env)]
        steps += [(f"演示单位 空白 A3（{label}）", blank, env)]
    if "big" in files:
        whole = kaohe("--db", str(files["big"]), *common, "--out", str(out / "big.pdf"))
        inside = [sys.executable, "-c", IN_PROCESS, str(files["big"]), str(out / "big-in.pdf")]
        inside += [USER, PASSWORD]
        steps += [(f"{size} 填写 A3 整个进程 kaohe ledger-pdf（{label}）", whole, env)]
        steps += [(f"{size} 进程内 WallChartService.write（{label}）", inside, env)]
    if "county" in files:
        county = kaohe("--db", str(files["county"]), *common, "--out", str(out / "county.pdf"))
        steps += [(f"县级文件 {YEAR} 全部科室 填写 A3（{label}）", county, env)]
    return steps


def prepare(folder: Path, options: argparse.Namespace) -> dict[str, Path]:
    """The data files and the xlsx, made once (by the code before the change if given)."""
    env = environment(options.before)
    made: dict[str, Path] = {}
    if "demo" in options.files:
        made["demo"] = folder / "demo.kaohe"
        run(kaohe("--db", str(made["demo"]), "init", "--demo"), env)
    if "big" in options.files:
        book = big_book(options.departments, options.tasks)
        write_workbook(book, folder / "big.xlsx")
        made["big"] = folder / "big.kaohe"
        run(kaohe("--db", str(made["big"]), "init"), env)
        run(kaohe("--db", str(made["big"]), "import", str(folder / "big.xlsx")), env)
        equivalent_xlsx(book, folder / "charts.xlsx")
    if "county" in options.files:
        made["county"] = folder / "county.kaohe"
        shutil.copyfile(options.county, made["county"])
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", default="demo,big")
    parser.add_argument("--departments", type=int, default=15)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--before", help="PYTHONPATH of the code before the change")
    parser.add_argument("--after-path", help="more PYTHONPATH for the after side and the floor")
    parser.add_argument("--county", default="/tmp/county/county-closed.kaohe")
    options = parser.parse_args()
    options.files = options.files.split(",")
    size = f"{options.departments} 科室 × {options.tasks} 项"
    results = Results()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        made = prepare(folder, options)
        steps: list[Step] = []
        for label, env in sides(options):
            files = {}
            for kind, path in made.items():
                files[kind] = folder / f"{kind}-{label}.kaohe"
                shutil.copyfile(path, files[kind])
            out = folder / f"out-{label}"
            out.mkdir()
            steps += kaohe_steps(label, env, files, out, size)
        if "big" in made:
            (folder / "lo").mkdir()
            if shutil.which("soffice"):
                lo = soffice(folder / "charts.xlsx", folder / "lo")
                steps += [(f"{size} LibreOffice 等效 xlsx → PDF", lo, ENV)]
            floor = [sys.executable, str(HERE / "wall_chart_floor.py"), str(folder / "floor.pdf")]
            floor += [font_path(), "--departments", str(options.departments)]
            floor += ["--tasks", str(options.tasks)]
            steps += [(f"{size} 下限：裸 reportlab canvas 写同样的页", floor,
                       environment(options.after_path))]  # fmt: skip
        for _name, command, env in steps:  # untimed: first opens, .pyc files, LO's profile
            run(command, env)
        for number in range(options.runs):
            for name, command, env in steps:
                if "进程内" in name:
                    results.add(name, float(run(command, env).strip().splitlines()[-1]))
                else:
                    results.add(name, timed(command, env))
            print(f"第 {number + 1}/{options.runs} 轮完成", file=sys.stderr)
        pages = _pages(folder)
    print(results.table())
    print("\n页数：" + "，".join(f"{name} {count}" for name, count in pages.items()))
    print(ratios(results, size, [label for label, _env in sides(options)]))


def ratios(results: Results, size: str, labels: list[str]) -> str:
    """Each side's whole process and in-process write over LibreOffice and over the floor."""
    lo = results.median(f"{size} LibreOffice 等效 xlsx → PDF")
    floor = results.median(f"{size} 下限：裸 reportlab canvas 写同样的页")
    lines = ["", "| 比值（中位数之比） | " + " | ".join(labels) + " |"]
    lines.append("|---|" + "---:|" * len(labels))
    for base, what in ((lo, "÷ LibreOffice"), (floor, "÷ 裸 canvas 下限")):
        for step in ("填写 A3 整个进程 kaohe ledger-pdf", "进程内 WallChartService.write"):
            cells = []
            for label in labels:
                ours = results.median(f"{size} {step}（{label}）")
                cells.append(f"{ours / base:.2f}" if ours and base else "—")
            lines.append(f"| {step} {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _pages(folder: Path) -> dict[str, int]:
    from pypdf import PdfReader

    found = sorted(folder.glob("out-*/*.pdf")) + sorted(folder.glob("lo/*.pdf"))
    names = {p: f"{p.parent.name}/{p.name}" for p in found}
    names[folder / "floor.pdf"] = "floor.pdf"
    return {name: len(PdfReader(p).pages) for p, name in names.items() if p.exists()}


if __name__ == "__main__":
    main()
