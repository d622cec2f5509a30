"""What the tabs read when first shown and on F5, through the services, each paired with a
floor: the 年度考核 year and a 优秀 decision, the 人员档案 list, one person's archive and the
status bar's overdue count, the 半年考核 sheet and the 台账 tasks (issue 16).

Usage: python bench/bench_tabs.py [--runs 5] [--files demo,county] [--county FILE]
                                  [--year 2026] [--parts services,gui]

The files: demo — the demo bureau (`create_workspace(demo=True)`), made in the run's
temporary folder; county — a copy of the county file (default /tmp/county/county-closed.
kaohe, else bench_archive's cached one: 455 departments, 10,000 people, 2023–2026,
2023Q1–2026Q3 closed). The "before" side: run it with PYTHONPATH=/tmp/base/src (the
script reads what each version keeps through getattr, so both run).

Measured in one process, in-process service calls, each run alternating with its floor
(today: 2026-12-20):
1. 年度考核 `annual.sheet(year)` as a fresh window's first look — with the open quarter's
   grid already graded (the clerk came from 平时考核), and cold (nothing kept) — and again
   (F5, nothing changed); floor: raw sqlite3 SELECT of the year's rows;
2. a 优秀 decision: `annual.recommend` then `annual.withdraw` of one eligible person (each
   one click: the quota checked against the whole year inside the write, the fresh sheet
   returned); floor: the same SELECT;
3. the 人员档案 list `archive.people()`, and the list with every name's pinyin initials
   worked out afresh (what the process's first search costs, pypinyin imported);
   floor: SELECT of everyone with department and category in the bureau's order;
4. one person's archive `archive.archive(id)` with nothing kept and kept;
5. the status bar's `due_lists.overdue_count()` first and again (F5);
6. the 半年考核 `scoring.sheet(half)` and the 台账 `ledger.tasks(year)`;
7. (`--parts gui`) the real window at a clerk's pace: opened, and 年度考核 then 人员档案
   each turned to for the first time PACE seconds after the last interaction, until idle
   (what reading ahead while a tab is hidden is for; bench_gui turns tabs back to back),
   then in 年度考核 the year before and back.
Prints a Markdown table per file: median, range, the floor's median and the ratio. Not a
test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench_archive import TODAY, build_demo, chosen, county_file, floor_person, floor_year, timed
from bench_checks import ADMIN  # beside this script

if TYPE_CHECKING:
    from kaohe_desktop.services.workspace import Workspace

COUNTY = Path("/tmp/county/county-closed.kaohe")
Results = dict[str, list[float]]


def floor_people(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    return connection.execute(
        "SELECT p.id, p.code, p.name, d.name, p.position, c.name, p.status, p.key_post "
        "FROM person p JOIN department d ON d.id = p.department_id "
        "JOIN staff_category c ON c.id = p.category_id "
        "ORDER BY d.retired, d.sort_order, d.id, p.code"
    ).fetchall()


def forget_year(workspace: Workspace, *, grid: bool) -> None:
    """As a fresh window's first look at the year: what the service keeps of it dropped
    (and, with `grid`, the graded open quarter too)."""
    annual: Any = workspace.annual
    years = getattr(annual, "years", None)
    if years is not None:  # issue 16: the year kept by its change tokens
        years.clear()
        if grid:
            workspace.archive.outcomes.clear()  # the grid's sheets, shared
    elif grid:  # before: only the open quarters' outcomes were kept, shared by the tabs
        fresh = type(workspace.archive.outcomes)()
        workspace.archive.outcomes = fresh
        annual._outcomes = fresh
        workspace.archive_records.outcomes = fresh


def forget_count(workspace: Workspace) -> None:
    dues: Any = workspace.due_lists
    if hasattr(dues, "_count"):
        dues._count = None


def forget_initials() -> None:
    """The pinyin initials worked out so far in this process dropped (pypinyin stays
    imported: a process pays that once, 0.1–0.3 s)."""
    try:
        from kaohe_desktop.services.archive import pinyin_initials  # issue 16

        pinyin_initials._BY_NAME.clear()
        pinyin_initials._BY_WORD.clear()
    except ImportError:  # before: kept per name in the finder
        from kaohe_desktop.services.archive import person_finder

        person_finder._INITIALS.clear()  # type: ignore[attr-defined]


def list_and_search(workspace: Workspace) -> None:
    """The list, and every row's initials, as the first search matches them."""
    for row in workspace.archive.people():
        _ = row.initials


def add(results: Results, key: str, seconds: float) -> None:
    results.setdefault(key, []).append(seconds)


def measure(db: Path, runs: int, year: int) -> tuple[Results, str]:
    from kaohe_desktop.domain.periods import HalfYear, Quarter
    from kaohe_desktop.services.workspace import open_workspace

    results: Results = {}
    person_id, code, _department, _size = chosen(db)
    workspace = open_workspace(db, ADMIN, daily_backup=False, clock=lambda: TODAY)
    raw = sqlite3.connect(db, isolation_level=None)
    try:
        workspace.grading.sheet(Quarter(year, 4))  # the grid seen first, as in a session
        sheet = workspace.annual.sheet(year)
        eligible = next(
            (r for r in sheet.rows if r.recommend_refusal is None and not r.recommended), None
        )
        lease = workspace.annual.acquire_lease(year) if eligible is not None else None
        about = (
            f"{year} 年度考核 {len(sheet.rows)} 人；推荐/取消推荐："
            f"{eligible.code if eligible else '无可推荐者'}；档案：{code}"
        )
        for _run in range(runs):
            add(results, "floor-year", timed(partial(floor_year, raw, year)))
            forget_year(workspace, grid=False)
            add(results, "annual-first", timed(partial(workspace.annual.sheet, year)))
            add(results, "annual-again", timed(partial(workspace.annual.sheet, year)))
            forget_year(workspace, grid=True)
            add(results, "annual-cold", timed(partial(workspace.annual.sheet, year)))
            workspace.annual.sheet(year)
            if eligible is not None and lease is not None:
                pid = eligible.person_id
                add(results, "recommend", timed(
                    partial(workspace.annual.recommend, year, pid, [lease])))  # fmt: skip
                add(results, "withdraw", timed(
                    partial(workspace.annual.withdraw, year, pid, [lease])))  # fmt: skip
            add(results, "floor-people", timed(partial(floor_people, raw)))
            add(results, "people", timed(workspace.archive.people))
            forget_initials()
            add(results, "people-search", timed(partial(list_and_search, workspace)))
            add(results, "floor-person", timed(partial(floor_person, raw, person_id)))
            forget_year(workspace, grid=True)
            add(results, "archive-cold", timed(partial(workspace.archive.archive, person_id)))
            add(results, "archive-warm", timed(partial(workspace.archive.archive, person_id)))
            forget_count(workspace)
            add(results, "overdue-first", timed(workspace.due_lists.overdue_count))
            add(results, "overdue-again", timed(workspace.due_lists.overdue_count))
            add(results, "scoring", timed(partial(workspace.scoring.sheet, HalfYear(year, 2))))
            add(results, "ledger", timed(partial(workspace.ledger.tasks, year)))
            workspace.grading.sheet(Quarter(year, 4))  # as the grid keeps it
    finally:
        raw.close()
        workspace.close()
    return results, about


def pause(loop: Any, seconds: float) -> None:
    """A clerk looking at the screen: events handled, nothing clicked."""
    ended = time.perf_counter() + seconds
    while time.perf_counter() < ended:
        loop.app.processEvents()
        time.sleep(0.005)
    loop.idle()


def paced(db: Path, folder: Path, runs: int) -> Results:
    """The real main window, offscreen (bench_gui_window.Session): the file opened, then
    each of 年度考核 and 人员档案 turned to for the first time after PACE seconds on the tab
    before — a clerk's pace, not bench_gui's robot's, which turns the next tab the moment
    the last is drawn — timed until idle."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_gui_window import Recorder, Session
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    recorder = Recorder()
    for _run in range(runs):
        session = Session(db, folder, recorder, ADMIN)
        try:
            session.open()
            for name in ("annual", "archive"):
                pause(session.loop, PACE)
                session.switch(name, "paced")
            session.go("annual")
            pause(session.loop, PACE)
            year_change(session)
        finally:
            session.close()
    del app
    return recorder.results


def year_change(session: Any) -> None:
    """In 年度考核: the year before (not read yet), then back (kept), each until idle."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox

    combo = session.window.findChild(QComboBox, "yearCombo")
    session.key(combo, Qt.Key.Key_Down, "annual-year-other")  # the years are latest first
    pause(session.loop, PACE)
    session.key(combo, Qt.Key.Key_Up, "annual-year-back")


PACE = 2.0
ROWS = (
    ("年度考核首次读取（平时考核已评定）annual.sheet", "annual-first", "floor-year",
     "sqlite3 SELECT 本年度各表记录"),
    ("年度考核首次读取（冷：连同未关闭季度）", "annual-cold", "floor-year", "同上"),
    ("年度考核再次读取（F5，无变化）", "annual-again", "floor-year", "同上"),
    ("推荐优秀（一次点击，含写入与新表）", "recommend", "floor-year", "同上"),
    ("取消推荐（一次点击）", "withdraw", "floor-year", "同上"),
    ("人员档案名单 archive.people()", "people", "floor-people", "sqlite3 SELECT 全体人员"),
    ("名单 + 全体拼音首字母（进程内首次搜索，拼音已导入）", "people-search", "floor-people",
     "同上"),
    ("一人档案（无缓存）", "archive-cold", "floor-person", "sqlite3 SELECT 此人各表记录"),
    ("一人档案（缓存保留）", "archive-warm", "floor-person", "同上"),
    ("状态栏逾期数（首次）", "overdue-first", "", "—"),
    ("状态栏逾期数（F5，无变化）", "overdue-again", "", "—"),
    ("半年考核表 scoring.sheet", "scoring", "", "—"),
    ("台账任务 ledger.tasks", "ledger", "", "—"),
    (f"界面：打开后 {PACE:.0f} 秒首次切换到年度考核（至空闲）", "paced-annual", "", "—"),
    (f"界面：再 {PACE:.0f} 秒后首次切换到人员档案（至空闲）", "paced-archive", "", "—"),
    ("界面：年度考核换到上一年度（未读过，至空闲）", "annual-year-other", "", "—"),
    ("界面：年度考核换回本年度（已保留，至空闲）", "annual-year-back", "", "—"),
)  # fmt: skip


def report(title: str, results: Results) -> None:
    print(f"\n{title}\n")
    print("| 测量 | 中位数 (ms) | 范围 (ms) | 对照 | 对照中位数 (ms) | 倍数 |")
    print("|---|---:|---:|---|---:|---:|")
    for label, key, floor, floor_label in ROWS:
        if key not in results:
            continue
        mine = statistics.median(results[key]) * 1000
        low, high = min(results[key]) * 1000, max(results[key]) * 1000
        if floor in results:
            base = statistics.median(results[floor]) * 1000
            tail = f"{floor_label} | {base:.1f} | {mine / base:.1f}×"
        else:
            tail = "— | — | —"
        print(f"| {label} | {mine:.1f} | {low:.1f}–{high:.1f} | {tail} |")


def main() -> None:
    parser = argparse.ArgumentParser(description="各页签首次读取与 F5 的服务层用时")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", default="demo,county")
    parser.add_argument("--county", type=Path, default=None, help="县级规模数据文件（只读）")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument(
        "--parts",
        default="services,gui",
        help="services（服务调用）、gui（真实窗口，按办事员节奏）",
    )
    options = parser.parse_args()
    parts = options.parts.split(",")
    import kaohe_desktop

    print(f"源码：{Path(kaohe_desktop.__file__).parent}", flush=True)
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        for name in options.files.split(","):
            db = folder / f"{name}.kaohe"
            if name == "demo":
                what = build_demo(db)
            elif name == "county":
                source = options.county or (COUNTY if COUNTY.exists() else None)
                if source is None:
                    source, _about = county_file(
                        Path(tempfile.gettempdir()) / "kaohe-bench", False, True
                    )
                shutil.copyfile(source, db)
                what = f"县级规模（{source.name} 的副本，10,000 人，455 个科室）"
            else:
                raise SystemExit(f"未知文件：{name}（demo 或 county）")
            results: Results = {}
            about = ""
            if "services" in parts:
                results, about = measure(db, options.runs, options.year)
            if "gui" in parts:
                results.update(paced(db, folder, options.runs))
            report("；".join(filter(None, [what, about, f"{options.runs} 轮"])), results)
    load = os.getloadavg()[0]
    print(f"\n{date.today():%Y-%m-%d}，进程内；服务调用每轮与对照交替测量；负载 {load:.2f}。")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
