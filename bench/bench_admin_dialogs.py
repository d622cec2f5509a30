"""The 管理 dialogs issue 18 added or changed, on the county file, each interaction timed
until the event loop is idle and paired with a floor in the same run.

Usage: python bench/bench_admin_dialogs.py [--runs 5] [--county FILE]

A copy of the county file (default /tmp/county/county-closed.kaohe: 455 departments,
10,000 people, 2023–2026, 2023Q1–2026Q3 closed) is opened once in the real main window
(offscreen, bench_gui_window.Session, as bench_tabs' paced part), signed in as
bench_checks.ADMIN. Each run:

1. 管理 → 考核方案… (`admin_actions.show_schemes()`) until idle; floor: the scheme,
   period_lock and staff_category tables read with sqlite3;
2. in it, the 半年 tab, then another period selected (the row before); same floor;
3. a scheme change saved for the next quarter (the last row of 季度: the 优秀/好 quota
   typed, alternating 41/40, 保存 clicked) until idle, and how many times the save made
   the window or a tab read again (MainWindow.refresh, the tabs' set_workspace, the
   services' sheet()/tasks()/people() reads) while saving and for 2.5 s after (one live
   refresh poll) — our own save should reload none of them; floor: the same UPDATE of
   the scheme row with sqlite3, rolled back; then the dialog closed (untimed);
4. 管理 → 基础数据（人员类别）… (`show_categories()`) until idle; floor: the categories
   with their people counted, with sqlite3;
5. 操作日志 (`show_audit_log()`) until its read (and chain check) shows; floor: the
   newest MAX_ROWS entries read with sqlite3 (the chain walk is not in the floor);
6. in it, a person's name typed in 查找 until the results show (the box's 400 ms pause
   included); floor: the entries whose label names the person or are about them.

Medians and ranges in ms; the ratio is median over floor median. Nothing is asserted.
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
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_checks import ADMIN  # beside this script

COUNTY = Path("/tmp/county/county-closed.kaohe")
SETTLE = 2.5  # s after a save: one live-refresh poll (POLL_MS 2 s) and its answer
Results = dict[str, tuple[list[float], list[float]]]


class Floor:
    def __init__(self, path: Path) -> None:
        self.read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.path = path

    def schemes(self) -> None:
        for table in ("scheme", "period_lock", "staff_category"):
            self.read_only.execute(f"SELECT * FROM {table}").fetchall()

    def categories(self) -> None:
        self.read_only.execute(
            "SELECT c.id, c.name, c.sort_order, count(p.id) FROM staff_category c "
            "LEFT JOIN person p ON p.category_id = c.id GROUP BY c.id ORDER BY c.sort_order"
        ).fetchall()
        self.read_only.execute("SELECT * FROM scheme").fetchall()

    def log(self) -> None:
        self.read_only.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 20000").fetchall()

    def find(self, name: str) -> None:
        ids = [
            str(row[0])
            for row in self.read_only.execute("SELECT id FROM person WHERE name = ?", (name,))
        ]
        marks = ",".join("?" * len(ids)) or "''"
        self.read_only.execute(
            "SELECT * FROM audit_log WHERE label LIKE ? OR (entity IN ('person', "
            f"'quarterly_assessment', 'talk', 'commendation', 'discipline') AND entity_id IN "
            f"({marks})) ORDER BY id DESC LIMIT 20000",
            (f"%{name}%", *ids),
        ).fetchall()

    def save(self, period: str) -> None:
        writer = sqlite3.connect(self.path)
        try:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute(
                "UPDATE scheme SET version = version + 1 WHERE period = ?", (period,)
            ).fetchall()
            writer.execute("ROLLBACK")
        finally:
            writer.close()


class Counter:
    """Counts calls of the window's and tabs' reloads and the services' whole reads."""

    READS = (
        ("grading", "sheet"),
        ("scoring", "sheet"),
        ("annual", "sheet"),
        ("ledger", "tasks"),
        ("archive", "people"),
        ("checks", "sheet"),
    )

    def __init__(self, window: Any) -> None:
        self.calls: dict[str, int] = {}
        self.where: dict[str, str] = {}
        self.window = window
        self.wrap(window, "refresh", "MainWindow.refresh")
        for tab in window.made_tabs():
            for method in ("set_workspace", "reload", "refresh"):
                if hasattr(tab, method):
                    self.wrap(tab, method, f"{type(tab).__name__}.{method}")
        workspace = window.workspace
        for service, method in self.READS:
            found = getattr(workspace, service, None)
            if found is not None and hasattr(found, method):
                self.wrap(found, method, f"{service}.{method}")

    def wrap(self, owner: Any, method: str, name: str) -> None:
        original = getattr(owner, method)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            if name not in self.where:  # who asked: the first caller's frames, in the package
                frames = traceback.extract_stack()[:-1]
                self.where[name] = " ← ".join(
                    f"{Path(f.filename).stem}.{f.name}:{f.lineno}"
                    for f in reversed(frames)
                    if "kaohe_desktop" in f.filename
                )[:400]
            return original(*args, **kwargs)

        setattr(owner, method, counted)

    def take(self) -> dict[str, int]:
        taken, self.calls, self.where = self.calls, {}, {}
        return taken


def add(results: Results, key: str, seconds: float, floor: float) -> None:
    times, floors = results.setdefault(key, ([], []))
    times.append(seconds)
    floors.append(floor)


def floored(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def settle(app: Any, loop: Any) -> None:
    """SETTLE seconds of a clerk looking: timers (read-ahead, live refresh) fire."""
    ended = time.perf_counter() + SETTLE
    while time.perf_counter() < ended:
        app.processEvents()
        time.sleep(0.01)
    loop.idle()


def measure(db: Path, folder: Path, runs: int) -> tuple[Results, list[dict[str, int]], str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_gui_window import Recorder, Session
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kaohe_desktop.services.schemes.editor import SchemeKind
    from kaohe_desktop.ui.i18n import install_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    translators = install_translators(app, "zh_CN")  # kept alive: the clerk's Chinese
    floor = Floor(db)
    results: Results = {}
    reloads: list[dict[str, int]] = []
    session = Session(db, folder, Recorder(), ADMIN)
    session.open()
    loop, window = session.loop, session.window
    admin = window.admin_actions
    name = floor.read_only.execute("SELECT name FROM person WHERE id = 4321").fetchone()[0]
    counter = Counter(window)

    def timed(key: str, action: Callable[[], object], floor_action: Callable[[], object]) -> Any:
        answer: list[object] = []
        started = time.perf_counter()
        answer.append(action())
        seconds = loop.idle() - started
        add(results, key, seconds, floored(floor_action))
        return answer[0]

    try:
        for run in range(runs):
            # 1–2: the scheme dialog, its 半年 tab, another period
            dialog = timed("schemes-open", admin.show_schemes, floor.schemes)
            timed(
                "schemes-kind",
                lambda d=dialog: d.select_kind(SchemeKind.HALF_YEAR),
                floor.schemes,
            )
            rows = dialog.model.rowCount()
            timed("schemes-period", lambda d=dialog, r=rows: d.select_row(r - 3), floor.schemes)
            # 3: a change to the next quarter's scheme, saved
            dialog.select_kind(SchemeKind.QUARTERLY)
            loop.idle()
            last = dialog.model.rowCount() - 1
            dialog.select_row(last)
            loop.idle()
            period = dialog.current.period
            box = dialog.form.rows["good_quota"].line
            box.selectAll()
            QTest.keyClicks(box, "41" if run % 2 == 0 else "40")
            settle(app, loop)  # whatever opening or the last dialog set going has run
            counter.take()
            started = time.perf_counter()
            QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            seconds = loop.idle() - started
            add(results, "schemes-save", seconds, floored(lambda p=period: floor.save(p)))
            settle(app, loop)
            callers = dict(counter.where)
            reloads.append(
                {**counter.take(), "_message": dialog.message.text(), "_where": callers}  # type: ignore[dict-item]
            )
            dialog.done(0)
            loop.idle()
            counter.take()  # the refresh after closing is expected, not counted
            # 4: 人员类别
            categories = timed("categories-open", admin.show_categories, floor.categories)
            categories.done(0)
            loop.idle()
            # 5–6: 操作日志 and a name found in it
            log = timed("log-open", admin.show_audit_log, floor.log)
            started = time.perf_counter()
            for character in name:  # as an input method commits them, one by one
                log.find_box.insert(character)
                app.processEvents()
            loop.wait_for_timer(log._find_pause, 5.0)
            while log.is_loading():
                app.processEvents()
                time.sleep(0.0005)
            seconds = loop.idle() - started
            add(results, "log-find", seconds, floored(lambda: floor.find(name)))
            if run == 0:
                found = log.count.text()
            log.done(0)
            loop.idle()
            counter.take()
    finally:
        session.close()
        floor.read_only.close()
    del translators
    return results, reloads, f"查找的姓名：{name}（{found}）"


ROWS = (
    ("打开 管理 → 考核方案…（至空闲）", "schemes-open",
     "sqlite3 读 scheme、period_lock、staff_category"),
    ("考核方案：切换到“半年”页", "schemes-kind", "同上"),
    ("考核方案：选另一期间", "schemes-period", "同上"),
    ("考核方案：保存下一季度的方案（点击保存至空闲）", "schemes-save", "sqlite3 UPDATE 该行并回滚"),
    ("打开 管理 → 基础数据（人员类别）…", "categories-open", "sqlite3 类别及人数"),
    ("打开 操作日志（含链校验，至显示）", "log-open", "sqlite3 最新 20000 条"),
    ("操作日志：查找框输入姓名至结果显示（含 400 ms 停顿）", "log-find",
     "sqlite3 label LIKE 或此人记录"),
)  # fmt: skip


def report(results: Results) -> None:
    print("| 操作 | 中位数 (ms) | 范围 (ms) | 下限 | 下限中位数 (ms) | 比值 | 次数 |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for label, key, floor_label in ROWS:
        if key not in results:
            continue
        times, floors = results[key]
        median, low = statistics.median(times), statistics.median(floors)
        print(
            f"| {label} | {median * 1000:.0f} | {min(times) * 1000:.0f}–{max(times) * 1000:.0f}"
            f" | {floor_label} | {low * 1000:.1f} | {median / low:.0f}× | {len(times)} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--county", type=Path, default=COUNTY)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        db = folder / "county.kaohe"
        shutil.copyfile(args.county, db)
        print(f"Python {sys.version.split()[0]}, offscreen, runs {args.runs}, file {args.county}")
        results, reloads, about = measure(db, folder, args.runs)
    print(about)
    report(results)
    print("\n保存时（及其后 2.5 s）各界面重读次数（不应有）：")
    for run, counts in enumerate(reloads, 1):
        message, where = counts.pop("_message", ""), counts.pop("_where", {})
        print(f"- 第 {run} 次：{counts or '无'}；对话框提示：{message}")
        for name, frames in where.items():  # type: ignore[attr-defined]
            print(f"  - {name} 由 {frames}")


if __name__ == "__main__":
    main()
