"""GUI latency at county scale: the real main window, offscreen, median and worst of each
interaction, each paired with a floor.

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_gui.py [--runs 5] [--files demo,county]
           [--county FILE] [--src DIR] [--profile] [--parts start,window]

The files: demo — the demo bureau (`create_workspace(demo=True)`, 80 people), made in the
run's temporary folder; county — a copy of the county file (default
/tmp/county/county-closed.kaohe, else bench_archive's cached one: 455 departments, 10,000
people, 2023–2026, 2023Q1–2026Q3 closed). `--src /tmp/base/src` measures another checkout
(the "before" side); the child processes get it on PYTHONPATH too.

Measured:
1. Start-up, whole process (each run a fresh `python -m kaohe_desktop FILE` on the file,
   offscreen, private settings and backup folder): from launch to the window's first
   paint, and to the first paint of the visible tab with data (a table of the current tab
   with rows), signing in as soon as the sign-in dialog shows (the robot's typing is not
   in the figure). A warm-up run first (the day's automatic backup). Floor: a bare Qt
   window with the same six tabs, launch to first paint.
2. In one process, a fresh window per run (bench_gui_window.run_session): opening the
   file (set_workspace, signed in already); turning to each tab the first time and again;
   in 平时考核 the quarter (↑ then ↓ in its combo) and the year (↓ then ↑), F5; one key in
   each search box — the key itself, the pause before filtering (reported apart) and the
   filtering; one score committed through the grid model's setData as the delegate does
   (the session's first: it takes the department's edit lease), the next live-refresh poll
   after it, from its timer to idle, and another score in the same cell. Each is timed until
   the event loop is idle (no event waiting, no worker running). Floor of the grid's
   interactions: a raw sqlite3 read of the whole quarter, in the same run.

`--profile` adds, per interaction, where its first run spent the time (cProfile,
cumulative, the program's own functions); those runs are slower. Prints Markdown tables
in milliseconds. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCRIPT = Path(__file__).resolve()
COUNTY = Path("/tmp/county/county-closed.kaohe")
START_TIMEOUT = 300
TAB_CAPTIONS = ("台账", "查账", "平时考核", "半年考核", "年度考核", "人员档案")


# --- start-up: the child processes ------------------------------------------------------------
def child_start(path: str) -> None:
    """Runs the program on `path` and prints when its window and its data were painted
    (time.monotonic(), the same clock in every process)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QApplication,
        QDialog,
        QDialogButtonBox,
        QLineEdit,
        QWidget,
    )

    marks: dict[str, float] = {}
    username, password = os.environ["KAOHE_BENCH_USER"], os.environ["KAOHE_BENCH_PASSWORD"]

    def painted_with_data() -> None:
        marks["data"] = time.monotonic()
        print(json.dumps(marks), flush=True)
        for top in QApplication.topLevelWidgets():
            if top.objectName() == "mainWindow":
                top.close()  # as a clerk closes it: the leases and the settings
        QApplication.quit()

    class Probe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                top = watched.window()
                if top.objectName() == "mainWindow":
                    self._painted(top, watched)
            return False

        def _painted(self, top: QWidget, widget: QWidget) -> None:
            if "window" not in marks:
                QTimer.singleShot(0, lambda: marks.setdefault("window", time.monotonic()))
            view = widget.parent()
            if (
                "data" not in marks
                and isinstance(view, QAbstractItemView)
                and widget is view.viewport()
                and view.model() is not None
                and view.model().rowCount() > 0
            ):
                marks["data"] = 0.0  # once; the time when this paint has finished
                QTimer.singleShot(0, painted_with_data)

    probe = Probe()
    show = QWidget.show

    def showing(widget: QWidget) -> None:
        app = QApplication.instance()
        if widget.objectName() == "mainWindow" and app is not None:
            app.installEventFilter(probe)  # before its first paint
        show(widget)

    def sign_in_soon(dialog: QDialog) -> None:
        if dialog.objectName() != "loginDialog":
            return

        def type_and_press() -> None:
            for name, text in (("loginUsername", username), ("loginPassword", password)):
                edit = dialog.findChild(QLineEdit, name)
                if edit is not None:
                    edit.setText(text)
            box = dialog.findChild(QDialogButtonBox)
            ok = box.button(QDialogButtonBox.StandardButton.Ok) if box is not None else None
            if ok is not None:
                ok.click()
            else:
                dialog.accept()

        QTimer.singleShot(0, type_and_press)

    exec_, open_ = QDialog.exec, QDialog.open

    def executing(dialog: QDialog) -> int:
        sign_in_soon(dialog)
        return exec_(dialog)

    def opening(dialog: QDialog) -> None:
        sign_in_soon(dialog)
        open_(dialog)

    QWidget.show = showing  # type: ignore[method-assign]
    QDialog.exec = executing  # type: ignore[method-assign]
    QDialog.open = opening  # type: ignore[method-assign]
    import runpy

    sys.argv = ["kaohe-desktop", path]
    with contextlib.suppress(SystemExit):  # the program's own exit code is not the figure
        runpy.run_module("kaohe_desktop", run_name="__main__", alter_sys=True)


def child_floor() -> None:
    """An empty Qt window with the same tabs: launch to its first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    for caption in TAB_CAPTIONS:
        tabs.addTab(QWidget(), caption)
    window.setCentralWidget(tabs)
    window.resize(1400, 860)

    class Probe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
                self.seen = True
                QTimer.singleShot(0, done)
            return False

    def done() -> None:
        print(json.dumps({"window": time.monotonic(), "data": time.monotonic()}), flush=True)
        app.quit()

    probe = Probe()
    app.installEventFilter(probe)
    window.show()
    app.exec()


def launch(mode: str, path: Path | None, env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to each mark of one child process."""
    command = [sys.executable, str(SCRIPT), mode, *([str(path)] if path else [])]
    started = time.monotonic()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=START_TIMEOUT, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"{mode} 没有画出数据（退出码 {done.returncode}）：{done.stderr[-2000:]}")
    marks = json.loads(lines[-1])
    return {what: when - started for what, when in marks.items() if when}


def start_up(db: Path, folder: Path, runs: int, results: dict[str, list[float]]) -> None:
    from bench_checks import ADMIN  # beside this script

    env = {
        **os.environ,
        "KAOHE_BENCH_USER": ADMIN.username,
        "KAOHE_BENCH_PASSWORD": ADMIN.password,
        "KAOHE_BACKUP_DIR": str(folder / "备份"),
    }
    env.pop("KAOHE_TEST_CHEAPEST_HASH", None)  # the real Argon2 cost
    for run in range(runs + 1):  # run 0: the warm-up (the day's backup, the disk cache)
        env["XDG_CONFIG_HOME"] = str(folder / f"config-{run}")  # settings of a first start
        floor = launch("--child-floor", None, env)
        ours = launch("--child-start", db, env)
        if run:
            results.setdefault("floor-start", []).append(floor["window"])
            results.setdefault("start-window", []).append(ours["window"])
            results.setdefault("start-data", []).append(ours["data"])


# --- the files --------------------------------------------------------------------------------
def prepare(name: str, folder: Path, county: Path) -> tuple[Path, str]:
    from bench_checks import ADMIN  # beside this script

    db = folder / f"{name}.kaohe"
    if name == "demo":
        from kaohe_desktop.services.workspace import create_workspace

        create_workspace(db, admin=ADMIN, demo=True).close()
        return db, "演示单位（80 人）"
    if name != "county":
        raise SystemExit(f"未知文件：{name}（demo 或 county）")
    if not county.exists():
        from bench_archive import county_file  # beside this script

        county, _about = county_file(Path(tempfile.gettempdir()) / "kaohe-bench", False, True)
    shutil.copyfile(county, db)
    return db, f"县级规模（{county.name} 的副本，10,000 人，455 个科室）"


# --- the report -------------------------------------------------------------------------------
def rows() -> list[tuple[str, str, str]]:
    """(label, key, floor key) in the order a clerk meets them."""
    from bench_gui_window import SEARCHED, TABS

    out = [
        ("启动至窗口首次绘制（整个进程）", "start-window", "floor-start"),
        ("启动至可见页签画出数据（整个进程，含登录）", "start-data", "floor-start"),
        ("打开文件后首屏（set_workspace 至空闲，已登录）", "open", ""),
    ]
    out += [(f"首次切换到{caption}", f"first-{name}", "") for name, caption in TABS.items()]
    out += [(f"再次切换到{caption}", f"again-{name}", "") for name, caption in TABS.items()]
    out += [
        ("平时考核：换季度", "quarter", "floor-quarter"),
        ("平时考核：换年度", "year", "floor-quarter"),
        ("平时考核：F5 刷新", "f5", "floor-quarter"),
    ]
    for name in SEARCHED:
        caption = TABS[name]
        out += [
            (f"{caption}搜索框：一次按键至空闲", f"key-{name}", ""),
            (f"{caption}搜索框：停顿（按键至开始过滤）", f"pause-{name}", ""),
            (f"{caption}搜索框：过滤至空闲", f"filter-{name}", ""),
        ]
    out += [
        ("平时考核：录入一个分数，本科室首次（取租约，setData 至空闲）", "score", "floor-quarter"),
        ("保存后的下一次轮询（定时器至空闲）", "poll", ""),
        ("保存至空闲，含下一次轮询（以上两项之和）", "save", "floor-quarter"),
        ("平时考核：再录入一个分数（租约已取得）", "score-next", "floor-quarter"),
    ]
    return out


FLOORS = {
    "floor-start": "空 Qt 窗口（同样六个页签）首次绘制，整个进程",
    "floor-quarter": "sqlite3 直接读整个季度",
}


def report(
    title: str, results: dict[str, list[float]], profiles: dict[str, str], notes: list[str]
) -> None:
    print(f"\n{title}\n")
    print("| 操作 | 中位数 (ms) | 最慢 (ms) | 次数 | 对照 | 对照中位数 (ms) | 倍数 |")
    print("|---|---:|---:|---:|---|---:|---:|")
    for label, key, floor_key in rows():
        values = results.get(key)
        if not values:
            continue
        median = statistics.median(values) * 1000
        floor = statistics.median(results[floor_key]) * 1000 if floor_key in results else None
        floor_text = (
            f"{FLOORS[floor_key]} | {floor:.1f} | {median / floor:.1f}×" if floor else "— | — | —"
        )
        print(
            f"| {label} | {median:.1f} | {max(values) * 1000:.1f} | {len(values)} | {floor_text} |"
        )
    for note in notes:
        print(f"\n未能测量：{note}")
    for key, lines in profiles.items():
        label = next((label for label, k, _f in rows() if k == key), key)
        print(f"\n剖析：{label}\n```\n{lines}\n```")


def main() -> None:
    if len(sys.argv) >= 2 and sys.argv[1] == "--child-start":
        child_start(sys.argv[2])
        return
    if len(sys.argv) >= 2 and sys.argv[1] == "--child-floor":
        child_floor()
        return
    parser = argparse.ArgumentParser(description="界面操作用时（真实主窗口，离屏）")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", default="demo,county")
    parser.add_argument("--county", type=Path, default=COUNTY, help="县级规模数据文件（只读）")
    parser.add_argument("--src", help="另一份源码（如 /tmp/base/src），用于“改动前”")
    parser.add_argument("--profile", action="store_true", help="每种操作首次运行时做剖析")
    parser.add_argument(
        "--parts", default="start,window", help="start（整个进程的启动）、window（进程内操作）"
    )
    options = parser.parse_args()
    if options.src:
        sys.path.insert(0, options.src)
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [options.src, os.environ.get("PYTHONPATH")])
        )
    sys.path.insert(0, str(SCRIPT.parent))
    from bench_checks import ADMIN  # beside this script
    from bench_gui_window import Recorder, run_session
    from PySide6.QtWidgets import QApplication

    import kaohe_desktop

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"源码：{Path(kaohe_desktop.__file__).parent}", flush=True)
    for name in options.files.split(","):
        with tempfile.TemporaryDirectory(prefix="kaohe-gui-") as directory:
            folder = Path(directory)
            db, about = prepare(name, folder, options.county)
            recorder = Recorder(profile=options.profile)
            parts = options.parts.split(",")
            if "start" in parts:
                start_up(db, folder, options.runs, recorder.results)
            for run in range(options.runs if "window" in parts else 0):
                run_session(db, folder, recorder, ADMIN)
                print(f"{name} 第 {run + 1} 轮完成", flush=True)
            title = f"{about}；{options.runs} 轮"
            report(title, recorder.results, recorder.profiles, recorder.notes)
    del app
    print(f"\n负载：{os.getloadavg()[0]:.2f}；{time.strftime('%Y-%m-%d %H:%M')}")


if __name__ == "__main__":
    main()
