"""Start-up, whole process: the desktop program to its window drawn with data, and
`kaohe --help`, each paired with its floor in the same run.

Usage: python bench/bench_startup.py [--runs 7] [--files demo,county] [--before PATH]
       [--county FILE] [--skip-help]

- GUI: `python -m kaohe_desktop` (offscreen) opening the demo (`--demo`) or a copy of the
  county file, signing in as soon as the login dialog shows (the password typed by a
  robot, so the clerk's own typing is not in the figure), until the visible tab has
  painted with its data. Also reported: when the window was first painted (empty).
  Floor: a bare Qt window with the same number of tabs, each a table, to its first paint.
- `kaohe --help`, floor `python -c pass`.

`--before /tmp/base/src` also runs the unchanged sources, alternately with the installed
ones, so that both sides see the same load of a shared machine. Each run is a fresh
process; the county file is copied before each run (the program writes a
sign-in to the audit log). The day's automatic backup is made before the runs (they
skip it then), and the first run of each file is a warm-up, not counted. Medians and ranges in
seconds. Not a test: timings are never asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
COUNTY = Path("/tmp/county/county-closed.kaohe")
COUNTY_ACCOUNT = ("bench", "bench-pass-1")  # bench_checks.ADMIN, who made the county file
TABS = 6  # the main window's tabs: 台账, 查账, 平时考核, 半年考核, 年度考核, 人员档案
TIMEOUT = 120


# --- the child: one start-up, reporting when things were painted ----------------------
def child(kind: str, path: str, username: str, password: str) -> None:
    """Runs in the measured process: prints `window <t>` and `data <t>` (time.time())."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    # The program makes the same QApplication itself (it reuses one that exists); made
    # here first so the very first paint is seen.
    app = QApplication.instance() or QApplication(sys.argv[:1])

    def report(what: str) -> None:
        print(f"{what} {time.time():.6f}", flush=True)

    class Probe(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.window_painted = False
            self.data_loaded = False
            self.signed_in = False
            self.main: QWidget | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                self._painted(watched)
            return False

        def _painted(self, widget: QWidget) -> None:
            top = widget.window()
            if top.objectName() not in ("mainWindow", "floorWindow"):
                return
            if not self.window_painted:
                self.window_painted = True
                report("window")
                if top.objectName() == "floorWindow":
                    self._done()
                    return
            self.main = top
            if self.data_loaded and self._in_current_tab(top, widget):
                self._done()

        def _in_current_tab(self, top: QWidget, widget: QWidget) -> bool:
            tab = getattr(top, "tabs", None)
            current = tab.currentWidget() if tab is not None else None
            return current is not None and (current is widget or current.isAncestorOf(widget))

        def loaded(self) -> None:
            if self.main is not None and getattr(self.main, "workspace", None) is not None:
                self.data_loaded = True

        def _done(self) -> None:
            # After this event is handled, so the paint has finished.
            def finish() -> None:
                report("data")
                os._exit(0)  # nothing to tear down: the copy is thrown away

            QTimer.singleShot(0, finish)

        def sign_in(self) -> None:
            dialog = QApplication.activeModalWidget()
            if self.signed_in or dialog is None or dialog.objectName() != "loginDialog":
                return
            self.signed_in = True
            dialog.username.setText(username)  # type: ignore[attr-defined]
            dialog.password.setText(password)  # type: ignore[attr-defined]
            dialog.accept()

    probe = Probe()
    app.installEventFilter(probe)
    robot = QTimer()
    robot.timeout.connect(probe.sign_in)
    robot.start(5)

    if kind == "floor":
        from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget

        window = QMainWindow()
        window.setObjectName("floorWindow")
        tabs = QTabWidget()
        for number in range(TABS):
            tabs.addTab(QTableView(), f"tab {number}")
        window.setCentralWidget(tabs)
        window.resize(1400, 860)
        window.show()
        app.exec()
        return

    import kaohe_desktop.__main__ as entry

    original_start = entry.start

    def start(window: QWidget, arguments: argparse.Namespace) -> None:
        probe.main = window
        # The tab shown first (台账): asking the window for its tabs would make them all.
        window.tabs.currentWidget().loaded.connect(probe.loaded)  # type: ignore[attr-defined]
        original_start(window, arguments)  # type: ignore[arg-type]

    entry.start = start  # type: ignore[assignment]
    entry.main(["--demo"] if kind == "demo" else [path])


# --- the parent -------------------------------------------------------------------------
def _environment(src: str | None, home: Path, bytecode: bool) -> dict[str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(home / "data"),  # where --demo finds the demo file
        "XDG_CONFIG_HOME": str(home / "config"),  # the program's settings, not the user's
        "KAOHE_BACKUP_DIR": str(home / "backups"),
    }
    env.pop("KAOHE_TEST_CHEAPEST_HASH", None)  # the real Argon2 cost
    if bytecode:
        # As installed (the bundle ships compiled modules): each side's .pyc files in a
        # folder of its own, written by the runs before the counted ones, never into a
        # source tree. Without it, every start compiles the program's ~360 modules.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    if src:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _gui_run(
    kind: str, path: Path, account: tuple[str, str], env: dict[str, str]
) -> dict[str, float]:
    """One start-up: seconds from launch to `window` and `data`, and the `cpu` seconds the
    process used until then (user + system, all threads: what the load of a shared
    machine does not inflate)."""
    command = [sys.executable, str(Path(__file__)), "--child", kind, str(path), *account]
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    finished = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    marks = {"cpu": after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime}
    for line in finished.stdout.splitlines():
        what, _, when = line.partition(" ")
        if what in ("window", "data"):
            marks[what] = float(when) - started
    if "data" not in marks:
        raise SystemExit(
            f"{kind}：没有等到数据显示（退出码 {finished.returncode}）\n{finished.stderr}"
        )
    return marks


def _make_demo(env: dict[str, str], home: Path) -> tuple[str, str]:
    """The demo file where `--demo` looks for it, made with the sources measured."""
    code = (
        "from kaohe_desktop.app import demo_file_path\n"
        "from kaohe_desktop.services.access.accounts import Credentials\n"
        "from kaohe_desktop.services.demo.accounts import DEMO_ADMIN, DEMO_ADMIN_NAME, "
        "DEMO_PASSWORD\n"
        "from kaohe_desktop.services.workspace import create_workspace\n"
        "path = demo_file_path(); path.parent.mkdir(parents=True, exist_ok=True)\n"
        "if not path.exists():\n"
        "    create_workspace(path, admin=Credentials(DEMO_ADMIN, DEMO_PASSWORD), "
        "admin_name=DEMO_ADMIN_NAME, demo=True).close()\n"
        "print(DEMO_ADMIN, DEMO_PASSWORD)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    username, password = out.stdout.split()
    return username, password


def _prime_backup(env: dict[str, str], path: Path | None, account: tuple[str, str]) -> None:
    """The day's automatic backup, made before the runs: a run stops at the first paint,
    which would leave the backup unfinished, so each run would start it again."""
    code = (
        "import sys\n"
        "from kaohe_desktop.app import demo_file_path\n"
        "from kaohe_desktop.services.access.accounts import Credentials\n"
        "from kaohe_desktop.services.workspace import open_workspace\n"
        "path = sys.argv[1] or demo_file_path()\n"
        "open_workspace(path, Credentials(sys.argv[2], sys.argv[3])).close()\n"
    )
    command = [sys.executable, "-c", code, str(path or ""), *account]
    subprocess.run(command, env=env, capture_output=True, check=True)


def _fresh_copy(source: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


def _whole_process(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


IMPORT_LINE = re.compile(r"import time:\s+(?P<own>\d+) \|\s+\d+ \|\s*(?P<name>\S+)")
HEAVY = ("PySide6", "sqlalchemy", "alembic", "argon2", "openpyxl", "reportlab")


def _imports(arguments: list[str], env: dict[str, str]) -> tuple[float, int, list[str]]:
    """`python -X importtime`: the sum of every module's own import time (ms), how many
    modules were imported, and which of the heavy packages among them."""
    finished = subprocess.run(
        [sys.executable, "-X", "importtime", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    own, count, heavy = 0, 0, set()
    for line in finished.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            own += int(match["own"])
            count += 1
            heavy.add(match["name"].split(".")[0])
    return own / 1000, count, [name for name in HEAVY if name in heavy]


def _import_row(name: str, runs: list[tuple[float, int, list[str]]]) -> str:
    times = [run[0] for run in runs]
    heavy = "、".join(runs[0][2]) or "无"
    return (
        f"| {name} | {statistics.median(times):.0f} | {min(times):.0f}–{max(times):.0f} "
        f"| {runs[0][1]} | {heavy} |"
    )


def _row(name: str, values: list[float], floor: float | None) -> str:
    median = statistics.median(values)
    ratio = f"{median / floor:.1f}×" if floor else "—"
    return (
        f"| {name} | {median:.3f} | {min(values):.3f}–{max(values):.3f} | {ratio} | {len(values)} |"
    )


class Side:
    """One version of the sources measured (installed, or `--before`'s), with its own
    folders: the demo file is made by the sources that open it."""

    def __init__(self, label: str, src: str | None, home: Path, bytecode: bool) -> None:
        self.label = label
        home.mkdir()
        self.home = home
        self.env = _environment(src, home, bytecode)
        self.marks: dict[str, list[float]] = {}

    def record(self, key: str, value: float) -> None:
        self.marks.setdefault(key, []).append(value)


def main() -> None:
    parser = argparse.ArgumentParser(description="启动用时（整个进程）")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--files", default="demo,county", help="demo、county，逗号分隔")
    parser.add_argument(
        "--before", help="改动前的源码（如 /tmp/base/src）：与已安装的交替运行，负载相同"
    )
    parser.add_argument("--county", type=Path, default=COUNTY, help="县级规模数据文件（只读）")
    parser.add_argument("--skip-help", action="store_true", help="不测 kaohe --help")
    parser.add_argument(
        "--no-bytecode", action="store_true", help="不用已编译的 .pyc（每次启动都编译源码）"
    )
    parser.add_argument(
        "--importtime", action="store_true", help="另用 python -X importtime 统计导入（不计时）"
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(*options.child)
        return
    files = [name.strip() for name in options.files.split(",") if name.strip()]
    with tempfile.TemporaryDirectory(prefix="kaohe-startup-") as directory:
        home = Path(directory)
        bytecode = not options.no_bytecode
        sides = [Side("改动后", None, home / "after", bytecode)]
        if options.before:
            sides.insert(0, Side("改动前", options.before, home / "before", bytecode))
        floor_env = sides[-1].env
        floors = [_gui_run("floor", home, ("", ""), floor_env) for _ in range(options.runs + 1)]
        floor = statistics.median([marks["data"] for marks in floors[1:]])
        for name in files:
            if name not in ("demo", "county"):
                raise SystemExit(f"未知的文件：{name}（可选 demo、county）")
            accounts = {
                side.label: _make_demo(side.env, side.home) if name == "demo" else COUNTY_ACCOUNT
                for side in sides
            }
            for side in sides:
                if name == "county":
                    _fresh_copy(options.county, side.home / "county.kaohe")
                county = side.home / "county.kaohe" if name == "county" else None
                _prime_backup(side.env, county, accounts[side.label])
            for run in range(options.runs + 1):  # run 0: a warm-up (the disk cache)
                for side in sides:  # alternately, so both see the same load
                    path = side.home / "county.kaohe"
                    if name == "county":
                        _fresh_copy(options.county, path)
                    marks = _gui_run(name, path, accounts[side.label], side.env)
                    if run:
                        for key, value in marks.items():
                            side.record(f"{name} {key}", value)
                    print(
                        f"{side.label} {name} 第 {run} 次：窗口 {marks['window']:.3f} s，"
                        f"数据 {marks['data']:.3f} s，CPU {marks['cpu']:.3f} s"
                    )
        if not options.skip_help:
            script = Path(sys.executable).with_name("kaohe")
            kaohe = (
                [str(script)] if script.exists() else [sys.executable, "-m", "kaohe_desktop.cli"]
            )
            bare = []
            for side in sides:  # a warm-up: the command's modules compiled once
                _whole_process([*kaohe, "--help"], side.env)
            for _run in range(options.runs):
                bare.append(_whole_process([sys.executable, "-c", "pass"], floor_env))
                for side in sides:
                    side.record("help", _whole_process([*kaohe, "--help"], side.env))
        imports: list[str] = []
        if options.importtime:
            for side in sides:
                help_runs = [
                    _imports(["-m", "kaohe_desktop.cli", "--help"], side.env)
                    for _ in range(options.runs)
                ]
                imports.append(_import_row(f"kaohe --help（{side.label}）", help_runs))
                for name in files:
                    path = side.home / "county.kaohe"
                    child_args = [str(Path(__file__)), "--child", name, str(path)]
                    account = _make_demo(side.env, side.home) if name == "demo" else COUNTY_ACCOUNT
                    gui_runs = []
                    for _run in range(options.runs):
                        if name == "county":
                            _fresh_copy(options.county, path)
                        gui_runs.append(_imports([*child_args, *account], side.env))
                    label = f"启动到 {name} 数据绘制出来（{side.label}）"
                    imports.append(_import_row(label, gui_runs))
    compiled = "不用 .pyc，每次编译" if options.no_bytecode else "用已编译的 .pyc"
    load = os.getloadavg()[0]
    print(f"\n{options.runs} 次（另有一次预热），秒；{compiled}；负载（1 分钟）：{load:.2f}")
    print("| 项目 | 中位数 | 最小–最大 | 与下限之比 | 次数 |")
    print("|---|---|---|---|---|")
    print(_row("空窗口（同样的标签页数）首次绘制（下限）", [m["data"] for m in floors[1:]], None))
    print(_row("空窗口：CPU 时间", [m["cpu"] for m in floors[1:]], None))
    floor_cpu = statistics.median([m["cpu"] for m in floors[1:]])
    for name in files:
        for side in sides:
            marks = side.marks
            print(_row(f"{name} 窗口首次绘制（{side.label}）", marks[f"{name} window"], floor))
            print(_row(f"{name} 窗口绘制出数据（{side.label}）", marks[f"{name} data"], floor))
            print(
                _row(f"{name} 到数据的 CPU 时间（{side.label}）", marks[f"{name} cpu"], floor_cpu)
            )
    if not options.skip_help:
        print(_row("python -c pass（下限）", bare, None))
        for side in sides:
            print(
                _row(f"kaohe --help（{side.label}）", side.marks["help"], statistics.median(bare))
            )

    if imports:
        print(
            "\n| 导入（python -X importtime） | 各模块自身用时之和（ms，中位数） | 最小–最大 "
            "| 模块数 | 其中的大件 |"
        )
        print("|---|---|---|---|---|")
        print("\n".join(imports))


if __name__ == "__main__":
    main()
