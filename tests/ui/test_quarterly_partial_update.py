"""The 季度考核 grid after a save or a reload updates only what changed (issue 16): a typed
score repaints the rows the service says it moved (dataChanged, never a reset, the other
rows the very same objects), and a reload that finds the file unchanged neither reads
the quarter again nor touches the grid.

Roster (tests/ui/helpers.SMALL_ROSTER, one category, bureau quota 2 of 5): 办公室 A1 A2
A3, 财务科 B1 B2, nobody scored yet."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QVBoxLayout, QWidget
from tests.factories import CopyMaster, sign_in
from tests.ui.helpers import SMALL_ROSTER

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.quarterly.sheet import load_sheet
from kaohe_desktop.services.quarterly.views import GradingSheet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common.data_tab import Guidance
from kaohe_desktop.ui.quarterly import grading_model as cols
from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab

QUARTER = Quarter(2026, 2)


@pytest.fixture
def workspace(copy_master: CopyMaster) -> Iterator[Workspace]:
    path: Path = copy_master(SMALL_ROSTER)
    opened = sign_in(path, Role.ADMIN, daily_backup=False)
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot: Any, workspace: Workspace) -> QuarterlyTab:
    window = QWidget()
    tab = QuarterlyTab(Guidance())
    QVBoxLayout(window).addWidget(tab)
    qtbot.addWidget(window)
    window.resize(1300, 700)
    window.show()
    tab.set_workspace(workspace, QUARTER.year)
    tab.set_quarter(QUARTER.quarter)
    return tab


class Signals:
    """What the grid's model announced."""

    def __init__(self, tab: QuarterlyTab) -> None:
        self.resets = 0
        self.rows: set[int] = set()
        tab.model.modelReset.connect(self._reset)
        tab.model.dataChanged.connect(self._changed)

    def _reset(self) -> None:
        self.resets += 1

    def _changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        self.rows.update(range(top.row(), bottom.row() + 1))


def type_score(qtbot: Any, tab: QuarterlyTab, code: str, column: int, text: str) -> GradingSheet:
    """Commit a value into a cell as the editor does, and wait for the saved sheet."""
    before = tab.session.sheet
    assert before is not None
    n = next(n for n, r in enumerate(before.rows) if r.code == code)
    assert tab.model.setData(tab.model.index(n, column), text) is False  # saved, not set
    qtbot.waitUntil(lambda: tab.session.sheet is not before)
    assert tab.session.sheet is not None
    return tab.session.sheet


def test_a_typed_score_repaints_only_the_rows_it_moved(qtbot: Any, tab: QuarterlyTab) -> None:
    for code, text in (("A1", "95"), ("A2", "91")):
        type_score(qtbot, tab, code, cols.PERFORMANCE, text)
        type_score(qtbot, tab, code, cols.LEADER, text)
    before = tab.session.sheet
    assert before is not None
    signals = Signals(tab)
    # B1 at 99 takes a 好 slot from A2 (quota 2) and pushes A1 and A2 down a rank.
    type_score(qtbot, tab, "B1", cols.PERFORMANCE, "99")
    after = type_score(qtbot, tab, "B1", cols.LEADER, "99")
    assert signals.resets == 0
    changes = after.changes
    assert changes is not None and changes.positions
    codes = {after.rows[n].code for n in signals.rows}
    assert codes == {"A1", "A2", "B1"}  # A3 and B2 are unscored: nothing of theirs moved
    assert after.row(before.rows[1].person_id).grade_text == "较好"
    for n, row in enumerate(tab.model.rows()):
        assert row is after.rows[n]  # the model holds the service's rows, as they came
    assert tab.proxy.index(1, cols.RANK).data() == "3"  # A2, repainted


def test_a_reload_with_nothing_changed_reads_nothing_and_touches_nothing(
    qtbot: Any, tab: QuarterlyTab, workspace: Workspace
) -> None:
    type_score(qtbot, tab, "A1", cols.PERFORMANCE, "95")
    tab.read_ahead.stop()  # its reads of the other quarters are not this test's
    shown = tab.session.sheet
    builds = workspace.grading.sheets.builds
    signals = Signals(tab)
    tab.reload()  # F5, or a live refresh of the tab's own write
    assert tab.session.sheet is shown
    assert workspace.grading.sheets.builds == builds
    assert signals.resets == 0 and not signals.rows
    assert tab.model.rows()[0].performance == Decimal("95")


def test_the_years_other_quarters_are_read_ahead_and_shown_without_reading(
    qtbot: Any, tab: QuarterlyTab, workspace: Workspace
) -> None:
    """Q2 on screen: Q3, Q1 and Q4 (begun by the workstation's today) are read in the
    background; choosing Q1 then shows the kept sheet, read nowhere else."""
    qtbot.waitUntil(lambda: not tab.read_ahead.running, timeout=10_000)
    builds = workspace.grading.sheets.builds
    assert builds >= 2  # Q2 and what was read ahead
    tab.set_quarter(1)
    shown = tab.session.sheet
    assert shown is not None and shown.quarter == Quarter(2026, 1)
    assert workspace.grading.sheets.builds == builds
    assert shown == load_sheet(workspace._uow, Quarter(2026, 1))
    tab.read_ahead.stop()
