"""The in-process half of bench_gui.py: the real MainWindow, offscreen, driven as a clerk
drives it, each interaction timed until the event loop is idle.

"Idle" means: no event is waiting (an application-wide event filter counts the events
each processEvents() pass delivers; a pass that delivers none, twice, is idle), no pool
thread runs (the live-refresh poll) and no Job runs (workers.Job). The time reported ends
when the last event was handled, so the paint that follows a change is in it.

Widgets are found by what a clerk sees and the public names the tests use (the tabs as
`<name>_tab`, the search box as the tab's QLineEdit with a clear button, the grid as the
QTableView whose model has editable cells), so the sources measured may change beneath.
Imports of Qt and the program are inside the functions: bench_gui.py sets sys.path first.
"""

from __future__ import annotations

import cProfile
import gc
import pstats
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

# The tabs by the attribute the window and the tests name them, with their captions.
TABS = {
    "ledger": "台账",
    "checks": "查账",
    "quarterly": "平时考核",
    "scoring": "半年考核",
    "annual": "年度考核",
    "archive": "人员档案",
}
SEARCHED = ("ledger", "checks", "quarterly", "annual", "archive")
KEY = "1"  # one keystroke: a digit, found in 编号 and in numbers of every table
IDLE_LIMIT = 120.0

Results = dict[str, list[float]]


@dataclass
class Recorder:
    """The seconds of each interaction by key, and (with --profile) where they went."""

    profile: bool = False
    results: Results = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what could not be measured, and why

    def add(self, key: str, seconds: float) -> None:
        self.results.setdefault(key, []).append(seconds)

    def begin(self, key: str) -> cProfile.Profile | None:
        """With --profile, the first time of each key: where the time goes from here."""
        if not self.profile or key in self.profiles:
            return None
        profiler = cProfile.Profile()
        profiler.enable()
        return profiler

    def end(self, key: str, profiler: cProfile.Profile | None, seconds: float) -> None:
        if profiler is not None:
            profiler.disable()
            self.profiles[key] = top_lines(profiler)
        self.add(key, seconds)

    def timed(self, key: str, action: Callable[[], float | None], started: float) -> None:
        """`action` does the interaction and returns when it ended (None: now)."""
        profiler = self.begin(key)
        ended = action()
        self.end(key, profiler, (ended if ended is not None else time.perf_counter()) - started)

    def after_timer(self, key: str, loop: Loop, timer: object, limit: float) -> float | None:
        """The work a timer starts (the pause after typing, the live-refresh poll): from
        when it fires until idle. Returns when it fired (None: it did not)."""
        profiler = self.begin(key)  # the timer's own slot runs inside the wait
        fired = loop.wait_for_timer(timer, limit)
        if fired is not None:
            self.end(key, profiler, loop.idle() - fired)
        elif profiler is not None:
            profiler.disable()
        return fired


def top_lines(profiler: cProfile.Profile, count: int = 12) -> str:
    """The program's functions that took most of the time (cumulative), one a line."""
    out = StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"kaohe_desktop", count)
    lines = [line for line in out.getvalue().splitlines() if "kaohe_desktop" in line]
    return "\n".join(lines)


class Loop:
    """Runs the event loop until idle, and says when a watched object's timer fired."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.app = app
        timer_event = QEvent.Type.Timer
        loop = self

        class Counter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                loop.events += 1
                if (
                    loop.fired is None
                    and loop.watched is not None
                    and watched is loop.watched
                    and event.type() == timer_event
                ):
                    loop.fired = time.perf_counter()
                return False

        self.events = 0
        self.watched: object | None = None
        self.fired: float | None = None
        self._counter = Counter()
        app.installEventFilter(self._counter)

    def busy(self) -> bool:
        from PySide6.QtCore import QThreadPool

        from kaohe_desktop.ui.workers import Job

        return QThreadPool.globalInstance().activeThreadCount() > 0 or bool(Job.running())

    def idle(self, limit: float = IDLE_LIMIT) -> float:
        """Process events until idle; returns when the last event was handled."""
        started = last = time.perf_counter()
        quiet = 0
        while time.perf_counter() - started < limit:
            before = self.events
            self.app.processEvents()
            if self.events != before:
                last, quiet = time.perf_counter(), 0
            elif self.busy():
                time.sleep(0.0005)  # a worker will post its answer
            else:
                quiet += 1
                if quiet >= 2:
                    return last
        raise TimeoutError(f"not idle after {limit:.0f} s")

    def wait_for_timer(self, timer: object, limit: float) -> float | None:
        """Let time pass (handling events) until `timer` fires; when it did."""
        self.watched, self.fired = timer, None
        started = time.perf_counter()
        try:
            while self.fired is None and time.perf_counter() - started < limit:
                self.app.processEvents()
                time.sleep(0.001)
            return self.fired
        finally:
            self.watched = None


def floor_quarter(db: Path, quarter: str) -> float:
    """A raw sqlite3 read of the whole quarter: the roster with departments and
    categories, the quarter's rows and its 点评 (what the grid shows, unprocessed)."""
    year, number = int(quarter[:4]), int(quarter[-1])
    first = f"{year}-{number * 3 - 2:02d}-01"
    last = f"{year}-{number * 3:02d}-31"
    started = time.perf_counter()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        connection.execute(
            "SELECT p.id, p.code, p.name, p.position, p.status, d.name, c.name FROM person p "
            "JOIN department d ON d.id = p.department_id "
            "JOIN staff_category c ON c.id = p.category_id"
        ).fetchall()
        connection.execute(
            "SELECT person_id, performance, leader, comment_points, composite, grade, "
            "override, no_grade_reason, rank, version FROM quarterly_assessment "
            "WHERE quarter = ?",
            (quarter,),
        ).fetchall()
        connection.execute(
            "SELECT person_id, points FROM comment WHERE commented_on BETWEEN ? AND ?",
            (first, last),
        ).fetchall()
    return time.perf_counter() - started


class Session:
    """One fresh window on the file: every interaction once, into the recorder."""

    def __init__(self, db: Path, folder: Path, recorder: Recorder, credentials: Any) -> None:
        from kaohe_desktop.ui.main_window import MainWindow
        from kaohe_desktop.ui.settings import Settings

        self.db, self.recorder, self.credentials = db, recorder, credentials
        self.loop = Loop()
        self.window = MainWindow(Settings.at(folder / "settings.ini"))
        self.window.resize(1400, 860)
        self.window.show()
        self.loop.idle()

    # --- finding things -------------------------------------------------------------------
    def tab(self, name: str) -> Any:
        return getattr(self.window, f"{name}_tab")

    def search_box(self, name: str) -> Any:
        from PySide6.QtWidgets import QLineEdit

        boxes = [
            box
            for box in self.tab(name).findChildren(QLineEdit)
            if box.isClearButtonEnabled() and box.isVisible()
        ]
        if not boxes:
            raise LookupError(f"{TABS[name]}：找不到搜索框")
        return boxes[0]

    def grid(self) -> Any:
        from PySide6.QtWidgets import QTableView

        for view in self.tab("quarterly").findChildren(QTableView):
            if view.isVisible() and view.model() is not None and view.model().rowCount() > 0:
                return view
        raise LookupError("平时考核：找不到有数据的表格")

    # --- the interactions ---------------------------------------------------------------------
    def open(self) -> None:
        from kaohe_desktop.services.workspace import open_workspace

        workspace = open_workspace(self.db, self.credentials, daily_backup=False)
        started = time.perf_counter()
        self.recorder.timed(
            "open", lambda: (self.window.set_workspace(workspace), self.loop.idle())[1], started
        )

    def switch(self, name: str, key: str) -> None:
        tab = self.tab(name)
        if self.window.tabs.currentWidget() is tab:
            return
        started = time.perf_counter()
        self.recorder.timed(
            f"{key}-{name}",
            lambda: (self.window.tabs.setCurrentWidget(tab), self.loop.idle())[1],
            started,
        )

    def go(self, name: str) -> None:
        """Turn to a tab before an interaction, untimed."""
        self.window.tabs.setCurrentWidget(self.tab(name))
        self.loop.idle()

    def key(self, widget: Any, key: Any, record: str) -> None:
        from PySide6.QtTest import QTest

        started = time.perf_counter()
        self.recorder.timed(
            record, lambda: (QTest.keyClick(widget, key), self.loop.idle())[1], started
        )

    def change_quarter(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QComboBox

        self.go("quarterly")
        combo = self.tab("quarterly").findChild(QComboBox, "quarterCombo")
        up = combo.currentIndex() > 0  # to the quarter before, then back
        first, back = (Qt.Key.Key_Up, Qt.Key.Key_Down) if up else (Qt.Key.Key_Down, Qt.Key.Key_Up)
        self.key(combo, first, "quarter")
        self.key(combo, back, "quarter")

    def change_year(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QComboBox

        combo = self.window.findChild(QComboBox, "yearCombo")
        self.key(combo, Qt.Key.Key_Down, "year")  # the years are listed latest first
        self.key(combo, Qt.Key.Key_Up, "year")

    def refresh(self) -> None:
        started = time.perf_counter()
        self.recorder.timed(
            "f5", lambda: (self.window.refresh_action.trigger(), self.loop.idle())[1], started
        )

    def keystroke(self, name: str) -> None:
        """One key in the tab's search box: the key itself, the pause, then the filtering."""
        from PySide6.QtCore import QTimer
        from PySide6.QtTest import QTest

        self.go(name)
        box = self.search_box(name)
        box.setFocus()
        timer = next((t for t in box.findChildren(QTimer) if t.objectName() == "searchDelay"), None)
        if timer is None:  # the people list's own pause lives on its panel
            timer = box.parent().findChild(QTimer, "searchDelay") if box.parent() else None
        started = time.perf_counter()
        self.recorder.timed(
            f"key-{name}", lambda: (QTest.keyClicks(box, KEY), self.loop.idle())[1], started
        )
        if timer is not None and timer.isActive():
            fired = self.recorder.after_timer(f"filter-{name}", self.loop, timer, 5.0)
            if fired is not None:
                self.recorder.add(f"pause-{name}", fired - started)
        box.clear()  # as it was, untimed
        if timer is not None and timer.isActive():
            self.loop.wait_for_timer(timer, 5.0)
        self.loop.idle()

    def enter_score(self) -> None:
        """Scores typed into 平时考核 of the current (open) quarter, committed through the
        model's setData as the delegate does, until idle: the first of the session (it
        takes the department's edit lease) with the next live-refresh poll after it, from
        its timer to idle; then another in the same cell (the lease held)."""
        from PySide6.QtCore import Qt

        self.go("quarterly")
        view = self.grid()
        model = view.model()
        index = next(
            (
                model.index(row, column)
                for row in range(min(model.rowCount(), 500))
                for column in range(model.columnCount())
                if model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
            ),
            None,
        )
        if index is None:
            raise LookupError("平时考核：本季度没有可录入的格子（季度已关闭？）")
        cell = (index.row(), index.column())
        view.setCurrentIndex(index)
        poll = self._poll_timer()
        if poll is not None:  # start just after a poll, so the next is a whole interval off
            self.loop.wait_for_timer(poll, poll.interval() / 1000 + 1)
        self.loop.idle()
        self._commit("score", model, cell)
        if poll is not None:
            fired = self.recorder.after_timer("poll", self.loop, poll, poll.interval() / 1000 + 1)
            if fired is not None:
                saved = self.recorder.results
                saved.setdefault("save", []).append(saved["score"][-1] + saved["poll"][-1])
        self._commit("score-next", model, cell)

    def _commit(self, key: str, model: Any, cell: tuple[int, int]) -> None:
        from PySide6.QtCore import Qt

        index = model.index(*cell)
        value = "81.5" if index.data(Qt.ItemDataRole.EditRole) != "81.5" else "82.5"
        started = time.perf_counter()
        self.recorder.timed(
            key,
            lambda: (model.setData(index, value, Qt.ItemDataRole.EditRole), self.loop.idle())[1],
            started,
        )

    def _poll_timer(self) -> Any:
        from PySide6.QtCore import QTimer

        live = getattr(self.window, "live", None)
        timer = getattr(live, "timer", None)
        if isinstance(timer, QTimer):
            return timer
        timers = [t for t in (live.findChildren(QTimer) if live else []) if t.interval() >= 500]
        return timers[0] if timers else None

    def close(self) -> None:
        from PySide6.QtCore import QEvent

        self.window.close()
        self.window.deleteLater()
        self.loop.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.loop.app.removeEventFilter(self.loop._counter)
        gc.collect()


def run_session(db: Path, folder: Path, recorder: Recorder, credentials: Any) -> None:
    """One window, every interaction in a clerk's order, each paired with the floor."""
    session = Session(db, folder, recorder, credentials)

    def attempt(action: Callable[..., None], *args: str) -> None:
        # The sources measured change beneath this script: say what is missing, go on.
        try:
            action(*args)
        except (LookupError, AttributeError) as error:
            note = f"{action.__name__}{args}：{error}"
            if note not in recorder.notes:
                recorder.notes.append(note)

    try:
        session.open()
        for name in TABS:  # the first visit of each tab
            attempt(session.switch, name, "first")
        for name in TABS:  # and again
            attempt(session.switch, name, "again")
        attempt(session.change_quarter)
        attempt(session.change_year)
        attempt(session.refresh)
        for name in SEARCHED:
            attempt(session.keystroke, name)
        attempt(session.enter_score)
        quarter = session.tab("quarterly").current_quarter()
        recorder.add("floor-quarter", floor_quarter(db, str(quarter)))
    finally:
        session.close()
