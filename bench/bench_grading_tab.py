"""The 季度考核 tab's interactions, timed with its painting (bench_grading.py --tab).

A QuarterlyTab alone in a window (offscreen platform), on the file bench_grading_grid
copied; each interaction is timed up to the end of the events it posted (the save's
queued repaint included), then the floor is read. Works with the code before and after
(the read-ahead and the kept sheets are used when they are there).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench_grading_grid import ADMIN, CLOSED, NOW, OPEN, VALUES, Floor, GcClock, Results, forget

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.quarterly.views import ScoreChange, ScoreField
from kaohe_desktop.services.workspace import open_workspace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def measure_tab(file: str, path: Path, runs: int, results: Results, floor: Floor) -> None:
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from kaohe_desktop.ui.common.data_tab import Guidance
    from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab

    app = QApplication.instance() or QApplication([])
    workspace = open_workspace(path, ADMIN, daily_backup=False, clock=lambda: NOW)
    window = QWidget()
    tab = QuarterlyTab(Guidance())
    QVBoxLayout(window).addWidget(tab)
    window.resize(1400, 800)
    window.show()
    clock = GcClock()
    read_ahead = getattr(tab, "read_ahead", None)

    def quiet() -> None:
        """No read-ahead running into the next timing."""
        if read_ahead is not None:
            read_ahead.stop()
        app.processEvents()

    def ahead_done() -> None:
        app.processEvents()
        if read_ahead is not None:
            read_ahead._timer.setInterval(0)  # at once: the clerk is reading the screen
            while read_ahead.running:
                app.processEvents()
                time.sleep(0.01)

    def record(what: str, action: Callable[[], Any], quarter: Quarter) -> None:
        app.processEvents()
        before = clock.spent
        start = time.perf_counter()
        action()
        app.processEvents()
        seconds = time.perf_counter() - start
        in_gc = clock.spent - before
        start = time.perf_counter()
        floor.read(quarter)
        results.add(file, f"（界面）{what}", seconds, time.perf_counter() - start, in_gc)

    try:
        tab.set_workspace(workspace, OPEN.year)
        tab.set_quarter(OPEN.quarter)
        quiet()
        sheet = tab.session.sheet
        assert sheet is not None
        department = sheet.rows[len(sheet.rows) // 2].department_id
        rows = [r for r in sheet.rows if r.department_id == department]
        tab.session.ensure_leases(rows[:1])  # taken at the first edit, kept after
        for run in range(runs):
            shown = tab.session.sheet
            assert shown is not None
            row = shown.row(rows[run % len(rows)].person_id)
            value = Decimal(VALUES[run % len(VALUES)])
            change = ScoreChange(row.person_id, ScoreField.LEADER, value, row.version)
            record("录入一个分数", lambda c=change: tab.editing.save([c], "bench"), OPEN)
            record("刷新（F5），未变", tab.reload, OPEN)
            quiet()
            forget(workspace)
            record("切换季度（未读过）", lambda: tab.set_quarter(CLOSED.quarter), CLOSED)
            quiet()
            forget(workspace)
            record("切换季度（未读过）", lambda: tab.set_quarter(OPEN.quarter), OPEN)
            ahead_done()
            record("切换季度（预读之后）", lambda: tab.set_quarter(CLOSED.quarter), CLOSED)
            record("切换季度（预读之后）", lambda: tab.set_quarter(OPEN.quarter), OPEN)
            quiet()
            forget(workspace)
            record("切换年度（未读过）", lambda: tab.set_year(2025), Quarter(2025, 4))
            quiet()
            forget(workspace)
            record("切换年度（未读过）", lambda: tab.set_year(2026), OPEN)
            tab.set_year(2025)
            quiet()
            record("切换年度（读过）", lambda: tab.set_year(2026), OPEN)
            record("切换年度（读过）", lambda: tab.set_year(2025), Quarter(2025, 4))
            tab.set_year(2026)
            tab.set_quarter(OPEN.quarter)
            quiet()
    finally:
        quiet()
        tab.set_workspace(None, None)
        window.close()
        workspace.close()
