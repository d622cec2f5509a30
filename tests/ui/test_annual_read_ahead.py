"""The 年度考核 tab reads its year ahead while hidden (ui/annual/annual_read_ahead): turned
to, it shows the year the service kept, without reading it again; a change by another
workstation meanwhile is still shown (the service reads again what changed)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget
from tests.factories import CopyMaster, sign_in
from tests.services.archive.annual_bureau import ANNUAL_BUREAU, YEAR, ids

from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.annual.annual_tab import AnnualTab
from kaohe_desktop.ui.common.data_tab import Guidance


@pytest.fixture
def workspaces(copy_master: CopyMaster) -> Iterator[tuple[Workspace, Workspace]]:
    path = copy_master(ANNUAL_BUREAU)
    mine, other = sign_in(path, daily_backup=False), sign_in(path, daily_backup=False)
    yield mine, other
    mine.close()
    other.close()


def hidden_tab(qtbot: Any, workspace: Workspace) -> tuple[QTabWidget, AnnualTab]:
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "台账")
    tab = AnnualTab(Guidance())
    tabs.addTab(tab, "年度考核")
    qtbot.addWidget(tabs)
    tabs.resize(1400, 800)
    tabs.show()
    qtbot.waitExposed(tabs)
    tab.set_workspace(workspace, YEAR)  # hidden: marked out of date, read ahead
    return tabs, tab


def test_the_hidden_tab_reads_its_year_ahead(
    qtbot: Any, workspaces: tuple[Workspace, Workspace]
) -> None:
    mine, _other = workspaces
    tabs, tab = hidden_tab(qtbot, mine)
    assert tab.model.rowCount() == 0  # nothing shown yet
    qtbot.waitUntil(lambda: mine.annual.years.reads == 1 and not tab.read_ahead.running)
    tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() == len(mine.annual.sheet(YEAR).rows) > 0
    assert mine.annual.years.reads == 1  # the year read ahead, not again


def test_a_change_elsewhere_after_the_read_ahead_is_shown(
    qtbot: Any, workspaces: tuple[Workspace, Workspace]
) -> None:
    mine, other = workspaces
    tabs, tab = hidden_tab(qtbot, mine)
    qtbot.waitUntil(lambda: mine.annual.years.reads == 1 and not tab.read_ahead.running)
    lease = other.annual.acquire_lease(YEAR)
    other.annual.recommend(YEAR, ids(other)["P04"], [lease])
    other.leases.release(lease)
    tabs.setCurrentWidget(tab)
    shown = {row.code: row.grade for row in tab.model.rows()}
    assert shown["P04"] == "优秀"


def test_another_file_stops_the_read_ahead(
    qtbot: Any, workspaces: tuple[Workspace, Workspace]
) -> None:
    mine, _other = workspaces
    _tabs, tab = hidden_tab(qtbot, mine)
    assert tab.read_ahead.running  # scheduled
    tab.set_workspace(None, None)
    assert not tab.read_ahead.running
