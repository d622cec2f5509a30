"""`kaohe export` and `kaohe ranking` on the demo and the county, each beside its floor.

Usage: python bench/bench_export.py [--runs 3] [--files demo,county] [--what export,ranking]
                                    [--county PATH] [--before SRC] [--cache DIR]

The files:
- demo: the demo bureau (`create_workspace(demo=True)`: 80 people, 2026 Q1–Q3 closed),
  built in the run's temporary folder;
- county: a copy of --county (default /tmp/county/county-closed.kaohe: 455 departments,
  10,000 people, 2023–2026, 2023Q1–2026Q3 closed), or else bench_archive's cached county.
Each side works on its own copy; the day's automatic backup is made once per copy,
before the clock starts.

Measured, in each run one after the other (the same machine state for all three):
1. `kaohe export FILE.xlsx` — whole process (interpreter, imports, open with its
   quick_check, Argon2id sign-in, reading, writing, zipping), peak RSS by /usr/bin/time;
   floor: `python bench/bench_export.py --floor-export DB OUT` in a fresh interpreter:
   sqlite3 SELECT of every sheet's rows (the names joined in SQL) and openpyxl
   write-only appending them as plain values (a header row, no styles, no instructions);
2. `kaohe ranking --quarter Q --out X.xlsx`, for the last closed quarter and the open
   one after it — whole process as above; floor: `--floor-ranking DB Q OUT`: sqlite3
   SELECT of the quarter's people (department, category, scores, the stored grade and
   rank) and openpyxl write-only of 汇总 (a row per department) and a sheet per category;
   and the same work in-process (`ranking.write_workbook` after the file is open;
   the floor's function after its connection is open), to tell the start-up apart.
With --before SRC, each command also runs with PYTHONPATH=SRC (the code before the
change, e.g. /tmp/base/src) on its own copy of the file.

Prints a Markdown table per file: medians, ranges, peak RSS and ours ÷ floor. Not a
test: nothing is asserted but that each file is written. Run it alone
(`flock /tmp/bench.lock python bench/bench_export.py`): timings are of a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench_checks import ADMIN  # beside this script

SCRIPT = Path(__file__).resolve()
COUNTY = Path("/tmp/county/county-closed.kaohe")


# ---- the floors: what any program must at least do ---------------------------------------


def _labels() -> dict[str, str]:
    """Every stored enum code → its label, as the workbook shows them."""
    from kaohe_desktop.domain import enums

    labels: dict[str, str] = {}
    for member in vars(enums).values():
        if isinstance(member, type) and issubclass(member, enums.LabeledEnum):
            labels.update({m.value: m.label for m in member})
    return labels


def _number(hundredths: int | None) -> int | float | None:
    if hundredths is None:
        return None
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


# Each sheet: its SELECT, and per column how the stored value becomes the cell's
# ("" as is, "n" hundredths, "d" a date, "l" a label, "b" 是/否).
_EXPORT_SHEETS: tuple[tuple[str, str, str], ...] = (
    ("科室", "SELECT name, group_name, kind, sort_order FROM department ORDER BY sort_order, id",
     "  l "),
    ("人员", "SELECT p.code, p.name, p.gender, p.birth_date, p.political_status, d.name, "
     "p.position, c.name, p.key_post, p.work_start, p.status FROM person p "
     "JOIN department d ON d.id = p.department_id JOIN staff_category c ON c.id = p.category_id "
     "ORDER BY p.code", "  ld l  bdl"),
    ("台账", "SELECT t.year, t.seq, t.title, t.target, t.category, d.name, "
     "(SELECT group_concat(x.name, '、') FROM (SELECT d2.name FROM task_department td "
     "JOIN department d2 ON d2.id = td.department_id WHERE td.task_id = t.id "
     "ORDER BY td.position) x), t.deadline, t.points, t.source, t.note FROM ledger_task t "
     "JOIN department d ON d.id = t.lead_department_id ORDER BY t.year, t.seq", "    l   n  "),
    ("查账", "SELECT t.year, t.seq, d.name, c.period, c.status, c.actual, c.evidence_text, "
     "c.level, c.checker, c.check_date, (SELECT group_concat(e.file_name, '、') "
     "FROM evidence_file e WHERE e.check_id = c.id) FROM check_record c "
     "JOIN ledger_task t ON t.id = c.task_id JOIN department d ON d.id = c.department_id "
     "WHERE c.draft = 0 ORDER BY c.task_id, c.department_id, c.period, c.id", "    l  l d "),
    ("督办单", "SELECT n.number, n.color, d.name, n.year, NULL, n.period, n.content, n.deadline, "
     "n.deduction, n.issued_on, n.closed FROM notice n JOIN department d ON d.id = n.department_id "
     "ORDER BY n.year, n.serial", " l     dnd "),
    ("整改", "SELECT n.number, r.target, r.items, r.deadline, r.measures, r.result, r.verified_by, "
     "r.verified_on FROM rectification r JOIN notice n ON n.id = r.notice_id ORDER BY r.id",
     "   d   d"),
    ("加减分", "SELECT a.half, d.name, a.category, a.points, a.level, a.reason, a.doc_no, "
     "a.adjusted_on FROM adjustment a JOIN department d ON d.id = a.department_id "
     "WHERE a.notice_id IS NULL ORDER BY a.half, a.id", "  lnl  d"),
    ("平时考核", "SELECT q.quarter, p.code, q.performance, q.leader, q.comment_points, q.override, "
     "q.override_reason, q.no_grade_reason FROM quarterly_assessment q "
     "JOIN person p ON p.id = q.person_id WHERE q.performance IS NOT NULL "
     "AND q.leader IS NOT NULL ORDER BY q.quarter, q.id", "  nnnl l"),
    ("点评", "SELECT p.code, c.commented_on, c.kind, c.points, c.text FROM comment c "
     "JOIN person p ON p.id = c.person_id ORDER BY c.commented_on, c.id", " dln "),
    ("奖惩", "SELECT p.code, r.awarded_on, r.type, r.reason, r.doc_no, r.impact_until "
     "FROM commendation r JOIN person p ON p.id = r.person_id ORDER BY r.awarded_on, r.id",
     " dl  d"),
    ("谈心谈话", "SELECT p.code, t.talked_on, t.talker, t.kind, t.summary FROM talk t "
     "JOIN person p ON p.id = t.person_id ORDER BY t.talked_on, t.id", " d l "),
)  # fmt: skip


def floor_export(db: Path, out: Path) -> None:
    """Every sheet's rows read by sqlite3 and appended by openpyxl write-only."""
    from openpyxl import Workbook

    labels = _labels()
    convert: dict[str, Callable[[Any], object]] = {
        " ": lambda v: v,
        "n": _number,
        "d": _day,
        "l": lambda v: None if v is None else labels.get(v, v),
        "b": lambda v: "是" if v else "否",
    }
    book = Workbook(write_only=True)
    with sqlite3.connect(db) as connection:
        for name, sql, kinds in _EXPORT_SHEETS:
            sheet = book.create_sheet(name)
            sheet.append([f"列{i + 1}" for i in range(len(kinds))])
            steps = [convert[k] for k in kinds]
            for row in connection.execute(sql):
                sheet.append([step(v) for step, v in zip(steps, row, strict=True)])
    book.save(out)


_RANKING_SQL = (
    "SELECT q.rank, p.code, p.name, d.name, c.name, q.performance, q.leader, q.composite, "
    "q.grade, q.override_reason, d.sort_order FROM quarterly_assessment q "
    "JOIN person p ON p.id = q.person_id JOIN department d ON d.id = p.department_id "
    "JOIN staff_category c ON c.id = p.category_id WHERE q.quarter = ? "
    "ORDER BY c.sort_order, q.rank IS NULL, q.rank, p.code"
)


def floor_ranking(connection: sqlite3.Connection, quarter: str, out: Path) -> None:
    """The quarter's people read by sqlite3; openpyxl write-only of 汇总 (one row per
    department: people and each grade counted) and one sheet per staff category."""
    from openpyxl import Workbook

    labels = _labels()
    rows = connection.execute(_RANKING_SQL, (quarter,)).fetchall()
    book = Workbook(write_only=True)
    overview = book.create_sheet("汇总")
    overview.append(["科室", "参加人数", "好", "较好", "一般", "较差"])
    counts: dict[str, list[int]] = {}
    for row in rows:
        tally = counts.setdefault(row[3], [0, 0, 0, 0, 0])
        tally[0] += 1
        grade = labels.get(row[8] or "", "")
        if grade in ("好", "较好", "一般", "较差"):
            tally[1 + ("好", "较好", "一般", "较差").index(grade)] += 1
    for department, tally in counts.items():
        overview.append([department, *tally])
    sheet, category = None, None
    for rank, code, name, department, kind, perf, leader, composite, grade, remark, _ in rows:
        if kind != category:
            category, sheet = kind, book.create_sheet(kind[:31])
            sheet.append(["排名", "编号", "姓名", "科室", "人员类别", "实绩分", "领导测评分",
                          "综合得分", "等次", "备注"])  # fmt: skip
        assert sheet is not None
        sheet.append([rank, code, name, department, kind, _number(perf), _number(leader),
                      _number(composite), labels.get(grade or "", ""), remark or ""])  # fmt: skip
    book.save(out)


# ---- measuring -----------------------------------------------------------------------------


def _env(src: str | None, folder: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "KAOHE_USER": ADMIN.username,
        "KAOHE_PASSWORD": ADMIN.password,
        "KAOHE_BACKUP_DIR": str(folder / "备份"),
    }
    if src is not None:
        env["PYTHONPATH"] = src  # before the editable install on sys.path
    return env


def _process(argv: list[str], env: dict[str, str], folder: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB, /usr/bin/time) and standard output of a fresh process."""
    report = folder / "time.txt"
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(report), *argv],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} 失败（{done.returncode}）：{done.stderr}")
    peak_kb = float(report.read_text().split()[-1])
    return seconds, peak_kb / 1024, done.stdout


def kaohe(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kaohe_desktop.cli", "--quiet", "--db", str(db), *args]


def bench(*args: str | Path) -> list[str]:
    return [sys.executable, str(SCRIPT), *map(str, args)]


Results = dict[str, list[tuple[float, float]]]  # key → [(seconds, peak MB)]


def quarters(db: Path) -> tuple[str, str | None]:
    """The last closed quarter and the quarter after it, if it has scores."""
    with sqlite3.connect(db) as connection:
        closed = connection.execute(
            "SELECT period FROM period_lock WHERE period GLOB '*Q*' AND reopened_at IS NULL "
            "ORDER BY period DESC LIMIT 1"
        ).fetchone()[0]
        year, number = int(closed[:4]), int(closed[-1])
        following = f"{year + number // 4}Q{number % 4 + 1}"
        scored = connection.execute(
            "SELECT count(*) FROM quarterly_assessment WHERE quarter = ? AND leader IS NOT NULL",
            (following,),
        ).fetchone()[0]
    return closed, following if scored else None


def measure(source: Path, folder: Path, runs: int, what: list[str], before: str | None) -> Results:
    sides = {"after": None, "before": before} if before else {"after": None}
    copies = {side: folder / f"{side}.kaohe" for side in sides}
    for copy in copies.values():
        shutil.copyfile(source, copy)
    envs = {side: _env(src, folder) for side, src in sides.items()}
    closed, open_quarter = quarters(source)
    rankings = [("closed", closed)] + ([("open", open_quarter)] if open_quarter else [])
    for side, copy in copies.items():  # the day's automatic backup, before the clock starts
        subprocess.run(kaohe(copy, "ranking", "--quarter", closed, "--out",
                             str(folder / "预热.xlsx")), env=envs[side], check=True)  # fmt: skip
    results: Results = {}

    def add(key: str, argv: list[str], side: str, *, inner: bool = False) -> None:
        """One timing of `argv` under `side`'s code: the process, or the seconds it prints."""
        seconds, peak, printed = _process(argv, envs["after" if side == "floor" else side], folder)
        results.setdefault(f"{key}-{side}", []).append((float(printed), 0.0) if inner else
                                                       (seconds, peak))  # fmt: skip

    for run in range(runs):
        out = folder / f"出-{run}.xlsx"
        if "export" in what:
            add("export", bench("--floor-export", source, out), "floor")
            for side, copy in copies.items():
                add("export", kaohe(copy, "export", str(out)), side)
        for label, quarter in rankings if "ranking" in what else []:
            key = f"ranking-{label}"
            add(key, bench("--floor-ranking", source, quarter, out), "floor")
            add(f"{key}-in", bench("--in-process-floor", source, quarter, out), "floor", inner=True)
            for side, copy in copies.items():
                add(key, kaohe(copy, "ranking", "--quarter", quarter, "--out", str(out)), side)
                add(f"{key}-in", bench("--in-process", copy, quarter, out), side, inner=True)
        print(f"第 {run + 1}/{runs} 轮完成", file=sys.stderr, flush=True)
    return results


def in_process(db: Path, quarter: str, out: Path) -> float:
    """ranking.write_workbook alone, the file open and signed in before the clock starts."""
    import kaohe_desktop.reports.excel_ranking  # noqa: F401  # openpyxl, as the floor has it
    from kaohe_desktop.domain.periods import Quarter
    from kaohe_desktop.services.workspace import open_workspace

    workspace = open_workspace(db, ADMIN, daily_backup=False)
    try:
        started = time.perf_counter()
        workspace.ranking.write_workbook(Quarter(int(quarter[:4]), int(quarter[-1])), out)
        return time.perf_counter() - started
    finally:
        workspace.close()


def in_process_floor(db: Path, quarter: str, out: Path) -> float:
    import openpyxl  # noqa: F401  # imported before the clock, as the program has it

    with sqlite3.connect(db) as connection:
        started = time.perf_counter()
        floor_ranking(connection, quarter, out)
        return time.perf_counter() - started


FLOOR = "sqlite3 + openpyxl write-only（新进程）"
ROWS = (
    ("kaohe export（整个进程）", "export", FLOOR),
    ("kaohe ranking 已关闭季度（整个进程）", "ranking-closed", FLOOR),
    ("ranking.write_workbook 已关闭季度（进程内）", "ranking-closed-in", "同上，进程内"),
    ("kaohe ranking 未关闭季度（整个进程，含评定等次）", "ranking-open", FLOOR),
    ("ranking.write_workbook 未关闭季度（进程内，含评定等次）", "ranking-open-in", "同上，进程内"),
)


def _cell(values: list[tuple[float, float]] | None) -> str:
    if not values:
        return "—"
    seconds = [s for s, _ in values]
    peak = max(m for _, m in values)
    memory = f"，{peak:.0f} MB" if peak else ""
    return f"{statistics.median(seconds):.2f}（{min(seconds):.2f}–{max(seconds):.2f}{memory}）"


def report(title: str, results: Results) -> None:
    print(f"\n{title}\n")
    print("| 测量 | 之前 | 之后 | 对照 | 对照做法 | 之后 ÷ 对照 |")
    print("|---|---:|---:|---:|---|---:|")
    for label, key, floor_label in ROWS:
        after, floor = results.get(f"{key}-after"), results.get(f"{key}-floor")
        if not after or not floor:
            continue
        ratio = statistics.median(s for s, _ in after) / statistics.median(s for s, _ in floor)
        print(f"| {label} | {_cell(results.get(f'{key}-before'))} | {_cell(after)} "
              f"| {_cell(floor)} | {floor_label} | {ratio:.2f}× |")  # fmt: skip


def main() -> None:
    commands = {"--floor-export": 3, "--floor-ranking": 4, "--in-process": 4,
                "--in-process-floor": 4}  # fmt: skip
    if len(sys.argv) > 1 and commands.get(sys.argv[1]) == len(sys.argv) - 1:
        name, args = sys.argv[1], sys.argv[2:]
        if name == "--floor-export":
            floor_export(Path(args[0]), Path(args[1]))
        elif name == "--floor-ranking":
            with sqlite3.connect(args[0]) as connection:
                floor_ranking(connection, args[1], Path(args[2]))
        elif name == "--in-process":
            print(f"{in_process(Path(args[0]), args[1], Path(args[2])):.4f}")
        else:
            print(f"{in_process_floor(Path(args[0]), args[1], Path(args[2])):.4f}")
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", default="demo,county")
    parser.add_argument("--what", default="export,ranking")
    parser.add_argument("--county", type=Path, default=COUNTY)
    parser.add_argument("--before", help="the code before the change, e.g. /tmp/base/src")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kaohe-bench")
    options = parser.parse_args()
    what = options.what.split(",")
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        for name in options.files.split(","):
            if name == "demo":
                from kaohe_desktop.services.workspace import create_workspace

                source = folder / "demo.kaohe"
                create_workspace(source, admin=ADMIN, demo=True).close()
                about = "演示单位（80 人，2026 年一至三季度已关闭）"
            elif name == "county":
                source = options.county
                if not source.exists():
                    from bench_archive import county_file

                    source, about = county_file(options.cache, False, closed=True)
                else:
                    about = (source.with_suffix(".txt").read_text("utf-8")
                             if source.with_suffix(".txt").exists() else str(source))  # fmt: skip
            else:
                raise SystemExit(f"未知文件：{name}（demo 或 county）")
            about += f"；文件 {source.stat().st_size / 1e6:.0f} MB"
            print(about, flush=True)
            results = measure(source, folder, options.runs, what, options.before)
            report(about, results)
    load = os.getloadavg()
    print(f"\n{options.runs} 轮；{date.today():%Y-%m-%d}；结束时负载 {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f}。")  # fmt: skip


if __name__ == "__main__":
    main()
