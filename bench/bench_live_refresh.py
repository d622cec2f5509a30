"""The live refresh after a save, in the real window (offscreen): from the save to an idle
window, the next data_version poll and whatever it reloads included.

Usage: python bench/bench_live_refresh.py [--runs 10] [--files demo,county]
       [--county /tmp/county/county-closed.kaohe]
Run the unchanged code with PYTHONPATH=<old checkout>/src: the script uses only what both
have (MainWindow, its LiveRefresh, the services).

Two interactions, on the 平时考核 tab shown:
- 本机保存: this window's own save of one person (under its lease), then the poll. Before
  issue 16 the poll took our own commit for another workstation's and reloaded the tabs.
- 他人改台账: another workstation (a second workspace in this process) changes a 台账
  task, which the 平时考核 tab does not show, then the poll.
The poll is asked for right after the save (the timer would ask within 2 s). Floors, in
the same run: the save alone, and a poll that finds nothing changed. Not a test: timings
are never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.workspace import (
    Workspace,
    create_workspace,
    open_workspace,
)
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.settings import Settings

ADMIN = Credentials("bench", "bench-pass-1")  # bench/bench_checks.py's
COUNTY = Path("/tmp/county/county-closed.kaohe")


class _Answered(QObject):
    """Told after LiveRefresh has handled a poll (connected after it: called after it)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot()
    def note(self, *_args: object) -> None:
        self.count += 1


def _until(app: QApplication, done: Callable[[], bool]) -> None:
    while not done():
        app.processEvents()
        time.sleep(0.0005)


@contextmanager
def _window(path: Path, folder: Path) -> Iterator[tuple[QApplication, MainWindow, Workspace]]:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    window = MainWindow(Settings.at(folder / "settings" / "kaohe-desktop.ini"))
    window.show()
    workspace = open_workspace(path, ADMIN, daily_backup=False)
    window.set_workspace(workspace)
    window.live.timer.stop()  # the bench asks for each poll itself
    window.tabs.setCurrentWidget(window.quarterly_tab)
    app.processEvents()
    try:
        yield app, window, workspace
    finally:
        window.close()
        app.processEvents()


class Bench:
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self.app = app
        self.window = window
        self.answered = _Answered()
        # Private, but the same in both versions: the poll thread's report to the window.
        window.live._signals.polled.connect(self.answered.note)

    def poll(self) -> None:
        """One poll asked for now, and everything it set off handled."""
        seen = self.answered.count
        self.window.live.poll()
        _until(self.app, lambda: self.answered.count > seen)
        self.app.processEvents()

    def settle(self) -> None:
        """Two polls: whatever is left over (a lease given back) is handled, untimed."""
        self.poll()
        self.poll()


def _measure(
    bench: Bench, workspace: Workspace, other: Workspace, run: int, record: Callable[..., None]
) -> None:
    person = workspace.people.listing()[run % 50]
    lease = workspace.leases.acquire(person_scope(person.id), person.name)
    bench.settle()
    draft = workspace.people.load(person.id).draft().with_value("position", f"科员{run}")
    started = time.perf_counter()
    workspace.people.save(draft, lease)
    saved = time.perf_counter()
    bench.poll()
    idle = time.perf_counter()
    record("本机保存一人（保存本身，地板）", saved - started)
    record("本机保存一人 → 轮询 → 空闲", idle - started)
    record("  其中保存之后（轮询与重新加载）", idle - saved)
    workspace.leases.release(lease)
    bench.settle()

    started = time.perf_counter()
    bench.poll()
    record("一次无变化的轮询（地板）", time.perf_counter() - started)

    tasks = other.ledger.tasks(bench.window.current_year() or 2026)
    if tasks:
        changed = tasks[run % len(tasks)]
        draft_task = other.tasks.load(changed.id).draft().with_value("title", f"他人改{run}")
        other.tasks.save(draft_task)
        started = time.perf_counter()
        bench.poll()
        record("他人改台账 → 轮询 → 空闲（平时考核页显示中）", time.perf_counter() - started)


def _file(kind: str, folder: Path, county: Path) -> Path:
    path = folder / f"{kind}.kaohe"
    if kind == "county":
        shutil.copyfile(county, path)
    else:
        create_workspace(path, admin=ADMIN, demo=True).close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--files", default="demo,county")
    parser.add_argument("--county", type=Path, default=COUNTY)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        os.environ["KAOHE_BACKUP_DIR"] = str(folder / "backups")
        for kind in options.files.split(","):
            path = _file(kind, folder, options.county)
            results: dict[str, list[float]] = {}

            def record(name: str, seconds: float, into: dict[str, list[float]] = results) -> None:
                into.setdefault(name, []).append(seconds * 1000)

            with _window(path, folder) as (app, window, workspace):
                other = open_workspace(path, ADMIN, daily_backup=False)
                try:
                    bench = Bench(app, window)
                    bench.settle()
                    for run in range(options.runs):
                        _measure(bench, workspace, other, run, record)
                finally:
                    other.close()
            print(f"{kind}：{options.runs} 次，毫秒（中位数，最小–最大）")
            for name, values in results.items():
                print(
                    f"  {name:40s} {statistics.median(values):9.1f}   "
                    f"{min(values):.1f}–{max(values):.1f}"
                )


if __name__ == "__main__":
    main()
