"""The main window makes its tabs when needed (ui/lazy_tabs.py): at start-up only the
台账 tab, the others when turned to, asked for, or in the idle moments after the first
data is on screen. Whenever a tab is made, it shows what one made at start-up showed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog
from tests.ui.helpers import open_in

from kaohe_desktop.ui.checks.check_settings_dialog import CheckSettingsDialog
from kaohe_desktop.ui.main_window import MainWindow

TITLES = [
    "Ledger",
    "Checks",
    "Quarterly assessment",
    "Half-year scoring",
    "Annual assessment",
    "Personnel archive",
]


def _titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(index) for index in range(window.tabs.count())]


def test_start_up_makes_the_first_tab_and_the_others_follow_when_idle(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    assert window.made_tabs() == [window.ledger_tab]
    assert _titles(window) == TITLES
    workspace = open_in(qtbot, window, demo_file)
    assert window.ledger_tab.model.rowCount() > 0  # the tab shown has read its data
    # The rest are made once the window idles; the 人员档案 tab then counts what is
    # overdue for the status bar, as it did when it was made at start-up.
    qtbot.waitUntil(lambda: len(window.made_tabs()) == len(TITLES), timeout=30_000)
    assert window.tabs.currentWidget() is window.ledger_tab  # the clerk's tab stays
    assert _titles(window) == TITLES
    overdue = workspace.due_lists.overdue_count()
    assert overdue > 0
    assert window.status_line.overdue.text().endswith(str(overdue))
    assert window.quarterly_tab.model.rowCount() == 0  # made, but reads when shown


def test_turning_to_a_tab_not_made_yet_makes_it_in_place_with_the_file_and_year(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    year = window.current_year()
    index = TITLES.index("Half-year scoring")
    window.tabs.setCurrentIndex(index)  # as a click on the tab does
    tab = window.tabs.currentWidget()
    assert tab is window.scoring_tab
    assert window.tabs.indexOf(tab) == index and _titles(window) == TITLES
    assert tab.workspace is workspace and tab.year == year
    half = tab.current_half()
    assert half is not None
    assert tab.departments.rowCount() == len(workspace.scoring.scoring(half).results) > 0


def test_a_tab_asked_for_before_it_is_shown_reads_nothing_until_then(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    open_in(qtbot, window, demo_file)
    archive = window.archive_tab  # made now, not current
    assert window.tabs.currentWidget() is window.ledger_tab
    assert archive.people.rowCount() == 0
    window.tabs.setCurrentWidget(archive)
    assert archive.people.rowCount() > 0


def test_check_settings_open_from_the_manage_menu_before_the_checks_tab_is_made(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    open_in(qtbot, window, demo_file)
    window._lazy._timer.stop()  # not made in an idle moment meanwhile
    assert window._lazy.made("checks") is None
    assert window.check_settings_action.isEnabled()  # the demo's administrator
    window.check_settings_action.trigger()
    dialog = window.findChild(CheckSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert window.tabs.currentWidget() is window.ledger_tab
    dialog.done(QDialog.DialogCode.Rejected)
