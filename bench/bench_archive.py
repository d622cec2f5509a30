"""人员档案 and 年度考核 timings: one person's archive, the archive PDF of one person and of
the largest department, the year's 年度考核 sheet and workbook, each paired with a floor.

Usage: python bench/bench_archive.py [--runs 5] [--files demo,county,county-open]
                                     [--cache DIR] [--rebuild] [--year 2026]

The files:
- demo: the demo bureau (`create_workspace(demo=True)`: 80 people over 2025 and 2026, 2025
  closed with its 年度考核, 2026 Q1–Q3 closed), built in the run's temporary folder;
- county: the demo generator's county (`generate_demo_book(staff=10000, years=4)`: about 455
  departments of 8–40 people, 2023–2026 with their quarters' scores, 奖惩 and talks)
  imported as bench_scoring does, then every quarter's 平时考核 closed up to 2026Q3 (as
  the demo's: the fourth quarter in progress, graded when read);
- county-open: the same county with nothing closed (every quarter graded when read).
The county files are built once and kept in the cache folder (default: the system's
temporary folder, kaohe-bench/), under names that change with the demo generator's and
the import's sources, the schema version and FILE_SHAPE; each run works on a copy.
--rebuild makes them again.

Measured, alternating with their floors within each run (today: 2026-12-20):
1. one person's archive, in-process: `archive.archive(id)` with its open-quarter cache
   emptied first (services/archive/person_archive.load_archive: every quarter the person
   has, open ones graded, 奖惩, talks, 点评, annual years), and again with the cache kept
   — floor: raw sqlite3 SELECT of the person's rows (person, department history,
   quarters, 点评, 奖励, 处分, talks, annual rows);
2. the archive PDF of that person and of the largest department, in-process:
   `ArchivePrint.write_pdf(person_code=… | department=…)` — floor: a bare reportlab canvas
   with the same CJK font writing as many pages of plain text lines;
3. the same PDFs, whole process: `kaohe archive-pdf (--person | --department)` (interpreter,
   imports, open, Argon2id sign-in) — floor: the canvas in a fresh interpreter
   (`python bench/bench_archive.py --floor-pdf PAGES OUT`); left out while the command is
   not there;
4. the year's 年度考核 sheet, in-process: `annual.sheet(year)` (build_annual_sheet: the
   year's list, four quarters' marks, open ones graded, discipline, decisions, the engine)
   — floor: raw sqlite3 SELECT of the same rows;
5. the 年度考核 workbook, in-process: `annual_export.write_workbook(year, out)` — floor: the
   same SELECT, then openpyxl write-only of a 15-column row per person and the 名额 row;
   and whole process: `kaohe annual --year … --out …` — floor: that in a fresh interpreter.

Prints a Markdown table per file of medians, ranges and ratios (ours ÷ floor). Not a test:
nothing is asserted but that each file is written.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bench_checks import ADMIN  # beside this script
from openpyxl import Workbook
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from kaohe_desktop.services.archive.archive_print import ArchivePrint
    from kaohe_desktop.services.workspace import Workspace

AS_OF = date(2026, 12, 20)  # the demo's today: the same county on every run
TODAY = datetime(2026, 12, 20, 10, 0)
FILE_SHAPE = 2  # of the cached county files: a change to build_county raises it
SCRIPT = Path(__file__).resolve()
SOURCES = SCRIPT.parent.parent / "src" / "kaohe_desktop"
LINE = "2026年第二季度 实绩分 88.5 领导测评分 90.0 点评 +2 综合得分 89.25 等次 较好 排名 12"
COLUMNS = ("序号", "编号", "姓名", "科室", "职务职级", "一季度", "二季度", "三季度", "四季度",
           "好次数", "优秀资格", "限制情形", "推荐等次", "年度等次", "备注")  # fmt: skip


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


# ---- the floors: what any program must at least do ---------------------------------------


def floor_person(connection: sqlite3.Connection, person_id: int) -> list[tuple[object, ...]]:
    """The person's rows the archive shows, as plain tuples."""
    rows: list[tuple[object, ...]] = []
    for sql in (
        "SELECT code, name, gender, birth_date, political_status, position, key_post, "
        "work_start, status, department_id FROM person WHERE id = ?",
        "SELECT d.name, s.start_date, s.end_date FROM person_department s "
        "JOIN department d ON d.id = s.department_id WHERE s.person_id = ? ORDER BY s.start_date",
        "SELECT quarter, performance, leader, comment_points, composite, grade, override, "
        "no_grade_reason, rank FROM quarterly_assessment WHERE person_id = ? ORDER BY quarter",
        "SELECT commented_on, kind, points, text FROM comment WHERE person_id = ?",
        "SELECT awarded_on, type, reason, doc_no, impact_until FROM commendation "
        "WHERE person_id = ?",
        "SELECT decided_on, type, reason, doc_no, impact_until FROM discipline WHERE person_id = ?",
        "SELECT talked_on, talker, kind, summary FROM talk WHERE person_id = ?",
        "SELECT year, grade, recommended, final_grade, limits FROM annual_assessment "
        "WHERE person_id = ?",
    ):
        rows += connection.execute(sql, (person_id,)).fetchall()
    return rows


def floor_year(connection: sqlite3.Connection, year: int) -> list[tuple[object, ...]]:
    """The rows of the year's 年度考核: people with their department, the year's quarter
    rows, disciplines reaching the year and the annual rows."""
    people = connection.execute(
        "SELECT p.id, p.code, p.name, d.name, p.position, p.status FROM person p "
        "JOIN department d ON d.id = p.department_id ORDER BY d.sort_order, p.code"
    ).fetchall()
    quarters = [f"{year}Q{n}" for n in range(1, 5)]
    marks = connection.execute(
        "SELECT person_id, quarter, performance, leader, composite, grade, no_grade_reason "
        "FROM quarterly_assessment WHERE quarter IN (?, ?, ?, ?)",
        quarters,
    ).fetchall()
    discipline = connection.execute(
        "SELECT person_id, decided_on, type FROM discipline WHERE decided_on >= ?",
        (f"{year - 1}-01-01",),
    ).fetchall()
    annual = connection.execute(
        "SELECT person_id, grade, reason, recommended, note FROM annual_assessment WHERE year = ?",
        (year,),
    ).fetchall()
    return people + marks + discipline + annual


def floor_workbook(connection: sqlite3.Connection, year: int, out: Path) -> None:
    """The floor of the 年度考核 workbook: the read above written by openpyxl write-only,
    a 15-column row per person and the 名额 sheet."""
    rows = floor_year(connection, year)
    people = [row for row in rows if len(row) == 6 and isinstance(row[1], str)]
    by_person: dict[object, list[object]] = {}
    for row in rows:
        if len(row) == 7:  # a quarter row
            by_person.setdefault(row[0], []).append(row[5])
    book = Workbook(write_only=True)
    sheet = book.create_sheet("年度考核")
    sheet.append(list(COLUMNS))
    for number, (person_id, code, name, department, position, _status) in enumerate(people, 1):
        grades = (by_person.get(person_id, []) + [None] * 4)[:4]
        sheet.append([number, code, name, department, position, *grades, 0, "否", "", "", "", ""])
    quota = book.create_sheet("名额")
    quota.append(
        ["考核年度", "参加考核人数", "不定等次人数", "不参加人数", "优秀比例", "优秀名额", "已推荐"]
    )
    quota.append([year, len(people), 0, 0, "20%", len(people) // 5, 0])
    book.save(out)


def floor_pdf(path: Path, pages: int, font: str) -> None:
    """`pages` A4 pages of 60 plain text lines each: drawing the archive's text at the least."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        canvas.setFont(font, 8.5)
        for line in range(60):
            canvas.drawString(50, 800 - line * 12.5, LINE)
        canvas.showPage()
    canvas.save()


def floor_process(*args: str | Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], check=True, stdout=subprocess.DEVNULL
    )


# ---- the files -----------------------------------------------------------------------------


def build_demo(path: Path) -> str:
    from kaohe_desktop.services.workspace import create_workspace

    create_workspace(path, admin=ADMIN, demo=True).close()
    return "演示单位（80 人，2025 年已关闭，2026 年一至三季度已关闭）"


def build_county(path: Path, closed: bool) -> str:
    from kaohe_desktop.domain.periods import Quarter
    from kaohe_desktop.services.demo import generate_demo_book
    from kaohe_desktop.services.workspace import create_workspace, open_workspace

    book = generate_demo_book(as_of=AS_OF, staff=10_000, years=4)
    workspace = create_workspace(path, admin=ADMIN)
    try:
        workspace.importer.apply(book)
    finally:
        workspace.close()
    ended = [Quarter(year, n) for year in range(2023, 2027) for n in range(1, 5)][:-1]
    if closed:  # each quarter's 平时考核 closed as the year goes, up to 2026Q3
        workspace = open_workspace(path, ADMIN, daily_backup=False, clock=lambda: TODAY)
        try:
            for quarter in ended:
                workspace.periods.close(str(quarter), "基准")
        finally:
            workspace.close()
    state = "2023Q1–2026Q3 已关闭" if closed else "未关闭"
    return (
        f"县域演示文件：{len(book.departments)} 个科室，{len(book.people)} 人，"
        f"平时考核 {len(book.assessments)} 条（2023–2026，{state}），奖惩 {len(book.rewards)} 条，"
        f"谈话 {len(book.talks)} 条"
    )


def cache_key() -> str:
    """Changes with the demo generator, the import and the schema: a stale file is not used."""
    from kaohe_desktop.storage.migrate import SCHEMA_VERSION

    digest = hashlib.sha256(f"{SCHEMA_VERSION}/{FILE_SHAPE}".encode())
    for folder in ("services/demo", "services/exchange"):
        for source in sorted((SOURCES / folder).glob("*.py")):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def county_file(cache: Path, rebuild: bool, closed: bool) -> tuple[Path, str]:
    cache.mkdir(parents=True, exist_ok=True)
    kind = "county" if closed else "county-open"
    path = cache / f"{kind}-{cache_key()}.kaohe"
    about = path.with_suffix(".txt")
    if rebuild or not (path.exists() and about.exists()):
        for stale in cache.glob(f"{kind}-[0-9a-f]*"):
            stale.unlink()
        started = time.perf_counter()
        what = build_county(path, closed)
        about.write_text(f"{what}；生成用时 {time.perf_counter() - started:.0f} s", "utf-8")
    return path, about.read_text("utf-8")


# ---- measuring -----------------------------------------------------------------------------


def print_pdf(prints: ArchivePrint, option: str, value: str, out: Path) -> Path:
    """One person's (--person) or a department's (--department) archive PDF."""
    if option == "--person":
        return prints.write_pdf(out, person_code=value).path
    return prints.write_pdf(out, department=value).path


def printer(workspace: Workspace) -> ArchivePrint:
    """The workspace's archive printer (a new one on the same file until it is wired)."""
    from kaohe_desktop.services.archive.archive_print import ArchivePrint

    wired = getattr(workspace, "archive_print", None)
    if isinstance(wired, ArchivePrint):
        return wired
    uow = workspace.opened.unit_of_work(workspace.account)
    return ArchivePrint(workspace.guard, uow, clock=lambda: TODAY)


def chosen(db: Path) -> tuple[int, str, str, int]:
    """(id, 编号, 科室) of the first member of the largest department, and its size."""
    with sqlite3.connect(db) as connection:
        department_id, name, size = connection.execute(
            "SELECT d.id, d.name, COUNT(*) FROM person p JOIN department d "
            "ON d.id = p.department_id GROUP BY d.id ORDER BY COUNT(*) DESC, d.sort_order LIMIT 1"
        ).fetchone()
        person_id, code = connection.execute(
            "SELECT id, code FROM person WHERE department_id = ? ORDER BY code LIMIT 1",
            (department_id,),
        ).fetchone()
    return person_id, code, name, size


class Commands:
    """`kaohe` in a fresh interpreter, on the file, as a clerk's script runs it."""

    def __init__(self, db: Path, folder: Path) -> None:
        self.db = db
        self.env = {
            **os.environ,
            "KAOHE_USER": ADMIN.username,
            "KAOHE_PASSWORD": ADMIN.password,
            "KAOHE_BACKUP_DIR": str(folder / "备份"),
        }

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "kaohe_desktop.cli", "--quiet", "--db", str(self.db)]
        return subprocess.run(
            [*command, *args], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip

    def has(self, command: str) -> bool:
        return self.run(command, "--help").returncode == 0

    def __call__(self, *args: str) -> None:
        done = self.run(*args)
        if done.returncode != 0:
            raise SystemExit(f"kaohe {' '.join(args)} 失败（{done.returncode}）：{done.stderr}")


Results = dict[str, list[float]]


def add(results: Results, key: str, seconds: float) -> None:
    results.setdefault(key, []).append(seconds)


def measure(db: Path, folder: Path, runs: int, year: int) -> tuple[Results, str]:
    from kaohe_desktop.services.common.fonts import pdf_font
    from kaohe_desktop.services.workspace import open_workspace

    results: Results = {}
    person_id, code, department, size = chosen(db)
    targets = {"one": ("--person", code), "department": ("--department", department)}
    font = pdf_font().name
    workspace = open_workspace(db, ADMIN, daily_backup=False, clock=lambda: TODAY)
    raw = sqlite3.connect(db, isolation_level=None)
    try:
        prints = printer(workspace)
        view = workspace.archive.archive(person_id)
        pages = {
            key: len(PdfReader(print_pdf(prints, option, value, folder / f"样张-{key}.pdf")).pages)
            for key, (option, value) in targets.items()
        }
        sheet = workspace.annual.sheet(year)
        about = (
            f"{code}：{len(view.quarters)} 个季度，{len(view.talks)} 次谈话，"
            f"{len(view.commendations) + len(view.disciplines)} 条奖惩，档案 {pages['one']} 页；"
            f"{department}（{size} 人）档案 {pages['department']} 页；"
            f"{year} 年度考核 {len(sheet.rows)} 人（参加 {sheet.counter.participants}）"
        )
        print(about, flush=True)
        for run in range(runs):
            in_process(results, workspace, prints, raw, person_id, year, folder, run)
            for key, (option, value) in targets.items():
                floor_out = folder / f"对照-{key}-{run}.pdf"
                add(
                    results,
                    f"floor-pdf-{key}",
                    timed(partial(floor_pdf, floor_out, pages[key], font)),
                )
                out = folder / f"档案-{key}-{run}.pdf"
                add(results, f"pdf-{key}", timed(partial(print_pdf, prints, option, value, out)))
                assert out.exists()
    finally:
        raw.close()
        workspace.close()
    missing = whole_processes(results, Commands(db, folder), targets, pages, font, year, runs)
    if missing:
        about += f"；{'、'.join(missing)} 尚未接入，整个进程的测量从略"
    return results, about


def in_process(
    results: Results, workspace: Workspace, prints: ArchivePrint, raw: sqlite3.Connection,
    person_id: int, year: int, folder: Path, run: int,
) -> None:  # fmt: skip
    from kaohe_desktop.services.archive.quarter_outcomes import QuarterOutcomes

    def cold() -> None:
        workspace.archive.outcomes = QuarterOutcomes()  # as the tab's first look at a person
        workspace.archive.archive(person_id)

    add(results, "floor-person", timed(partial(floor_person, raw, person_id)))
    add(results, "archive-cold", timed(cold))
    add(results, "archive-warm", timed(partial(workspace.archive.archive, person_id)))
    add(results, "floor-year", timed(partial(floor_year, raw, year)))
    add(results, "sheet", timed(partial(workspace.annual.sheet, year)))
    floor_out, out = folder / f"对照-{run}.xlsx", folder / f"年度考核-{run}.xlsx"
    add(results, "floor-book", timed(partial(floor_workbook, raw, year, floor_out)))
    add(results, "book", timed(partial(workspace.annual_export.write_workbook, year, out)))
    assert out.exists()


def whole_processes(
    results: Results, kaohe: Commands, targets: dict[str, tuple[str, str]],
    pages: dict[str, int], font: str, year: int, runs: int,
) -> list[str]:  # fmt: skip
    """The commands, each beside its floor in a fresh interpreter; the commands missing."""
    wired = {"archive-pdf": kaohe.has("archive-pdf"), "annual": kaohe.has("annual")}
    folder = Path(kaohe.env["KAOHE_BACKUP_DIR"]).parent
    if wired["annual"]:  # the day's automatic backup, once, before the clock starts
        kaohe("annual", "--year", str(year), "--out", str(folder / "预热.xlsx"))
    for run in range(runs):
        for key, (option, value) in targets.items():
            if not wired["archive-pdf"]:
                break
            floor_out, out = folder / f"对照进程-{key}-{run}.pdf", folder / f"进程-{key}-{run}.pdf"
            floor = partial(floor_process, "--floor-pdf", str(pages[key]), str(floor_out), font)
            add(results, f"floor-process-{key}", timed(floor))
            command = partial(kaohe, "archive-pdf", option, value, "--out", str(out))
            add(results, f"process-{key}", timed(command))
        if wired["annual"]:
            floor_out, out = folder / f"对照进程-{run}.xlsx", folder / f"进程-{run}.xlsx"
            floor = partial(floor_process, "--floor-workbook", kaohe.db, str(year), str(floor_out))
            add(results, "floor-process-book", timed(floor))
            command = partial(kaohe, "annual", "--year", str(year), "--out", str(out))
            add(results, "process-book", timed(command))
    return [f"kaohe {name}" for name, present in wired.items() if not present]


ROWS = (
    ("一人档案（archive.archive，清空未关闭季度缓存）", "archive-cold", "floor-person",
     "sqlite3 SELECT 此人各表记录"),
    ("一人档案（archive.archive，缓存保留）", "archive-warm", "floor-person", "同上"),
    ("一人档案 PDF（ArchivePrint.write_pdf，进程内）", "pdf-one", "floor-pdf-one",
     "reportlab 画布写同样页数"),
    ("最大科室档案 PDF（进程内）", "pdf-department", "floor-pdf-department", "同上"),
    ("一人档案 PDF（kaohe archive-pdf --person，整个进程）", "process-one", "floor-process-one",
     "同上，新解释器中"),
    ("最大科室档案 PDF（kaohe archive-pdf --department，整个进程）", "process-department",
     "floor-process-department", "同上，新解释器中"),
    ("年度考核表（annual.sheet，进程内）", "sheet", "floor-year", "sqlite3 SELECT 本年度各表记录"),
    ("年度考核 xlsx（annual_export.write_workbook，进程内）", "book", "floor-book",
     "同上 + openpyxl write-only"),
    ("年度考核 xlsx（kaohe annual，整个进程）", "process-book", "floor-process-book",
     "同上，新解释器中"),
)  # fmt: skip


def report(name: str, results: dict[str, list[float]]) -> None:
    print(f"\n{name}\n")
    print("| 测量 | 中位数 (s) | 范围 (s) | 对照 | 对照中位数 (s) | 倍数 |")
    print("|---|---:|---:|---|---:|---:|")
    for label, ours, floor, floor_label in ROWS:
        if ours not in results:
            continue
        mine, base = statistics.median(results[ours]), statistics.median(results[floor])
        low, high = min(results[ours]), max(results[ours])
        print(
            f"| {label} | {mine:.3f} | {low:.3f}–{high:.3f} | {floor_label} | "
            f"{base:.4f} | {mine / base:.0f}× |"
        )


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--floor-pdf":
        from kaohe_desktop.services.common.fonts import pdf_font

        pdf_font()  # registers the font under its name, as the program does
        floor_pdf(Path(sys.argv[3]), int(sys.argv[2]), sys.argv[4])
        return
    if len(sys.argv) == 5 and sys.argv[1] == "--floor-workbook":
        with sqlite3.connect(sys.argv[2], isolation_level=None) as connection:
            floor_workbook(connection, int(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", default="demo,county")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kaohe-bench")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--year", type=int, default=2026)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        for name in options.files.split(","):
            db = folder / f"{name}.kaohe"
            started = time.perf_counter()
            if name == "demo":
                what = build_demo(db)
                what += f"；生成用时 {time.perf_counter() - started:.1f} s"
            elif name in ("county", "county-open"):
                cached, what = county_file(options.cache, options.rebuild, name == "county")
                shutil.copyfile(cached, db)
            else:
                raise SystemExit(f"未知文件：{name}（demo、county 或 county-open）")
            print(f"{what}；文件 {db.stat().st_size / 1e6:.1f} MB", flush=True)
            results, about = measure(db, folder, options.runs, options.year)
            report(f"{what}\n\n{about}", results)
    print(f"\n{options.runs} 轮，每轮交替测量；{date.today():%Y-%m-%d}。")


if __name__ == "__main__":
    main()
