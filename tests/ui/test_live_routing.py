"""The live refresh reloads only what another workstation changed: a save made in this
window is not followed by a reload of any tab; another workstation's change reloads
the shown tab only if it shows what was changed, and marks the hidden ones that show
it, which read when the clerk turns to them; a lease taken elsewhere only asks the
tabs' lease refusals again. (Two windows, a file going away: test_live_refresh.py.)"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from tests.ui.helpers import open_in
from tests.ui.test_task_dialog import DEMO, fill_task_form

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.services.workspace import Workspace, open_workspace
from kaohe_desktop.ui.common.data_tab import DataTab
from kaohe_desktop.ui.ledger import ledger_editing
from kaohe_desktop.ui.ledger.task_dialog import TaskDialog
from kaohe_desktop.ui.main_window import MainWindow

YEAR = 2026


class Loads:
    """How many times each tab read its data."""

    def __init__(self, window: MainWindow) -> None:
        self.counts: dict[str, int] = {}
        for tab in window.data_tabs():
            name = type(tab).__name__
            self.counts[name] = 0
            tab.loaded.connect(lambda name=name: self._count(name))

    def _count(self, name: str) -> None:
        self.counts[name] += 1

    def since(self, before: dict[str, int]) -> dict[str, int]:
        return {name: n - before[name] for name, n in self.counts.items() if n != before[name]}


@pytest.fixture
def shown(qtbot: Any, window: MainWindow, demo_file: Path) -> Workspace:
    workspace = open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    window.live.timer.stop()  # the test polls when it wants to
    window.tabs.setCurrentWidget(window.ledger_tab)
    return workspace


@pytest.fixture
def other(shown: Workspace, demo_file: Path) -> Iterator[Workspace]:
    """A second workstation on the same file."""
    workspace = open_workspace(demo_file, DEMO)
    yield workspace
    workspace.close()


def poll(qtbot: Any, window: MainWindow) -> None:
    """A poll that starts now (a second one: the first may have been in flight)."""
    for _ in range(2):
        with qtbot.waitSignal(window.live.answered, timeout=10_000):
            window.live.poll()


def edit_title_in_tab(window: MainWindow, monkeypatch: pytest.MonkeyPatch, title: str) -> None:
    """The clerk edits a task's title in the 台账 tab's dialog and saves."""
    tab = window.ledger_tab
    tab.select_task(tab.model.rows()[2].id)

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, TaskDialog)
        fill_task_form(dialog, title=title)
        dialog.ok_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(ledger_editing, "run_dialog", run)
    tab.toolbar_actions.edit.trigger()


def rename_person(workspace: Workspace, index: int, name: str) -> None:
    person = workspace.people.listing()[index]
    lease = workspace.leases.acquire(person_scope(person.id), person.name)
    draft = workspace.people.load(person.id).draft().with_value("name", name)
    workspace.people.save(draft, lease)
    workspace.leases.release(lease)


def titles(window: MainWindow) -> list[str]:
    return [task.title for task in window.ledger_tab.model.rows()]


def names(window: MainWindow) -> list[str]:
    return [person.name for person in window.archive_tab.people.rows()]


def test_a_save_in_a_tab_reloads_nothing_after_the_poll(
    qtbot: Any, window: MainWindow, shown: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = Loads(window)
    edit_title_in_tab(window, monkeypatch, "本机改的标题")
    assert "本机改的标题" in titles(window)
    qtbot.wait(50)  # whatever the save itself shows has been shown
    after_save = dict(loads.counts)

    poll(qtbot, window)
    assert loads.since(after_save) == {}
    assert "本机改的标题" in titles(window)


def test_another_workstations_change_reloads_only_the_tabs_showing_it(
    qtbot: Any, window: MainWindow, other: Workspace
) -> None:
    window.tabs.setCurrentWidget(window.archive_tab)  # read once, then hidden again
    window.tabs.setCurrentWidget(window.ledger_tab)
    loads = Loads(window)
    before = dict(loads.counts)

    rename_person(other, 0, "张别处改")  # people: not shown on the 台账 tab
    poll(qtbot, window)
    assert loads.since(before) == {}  # the ledger does not show people; the others are hidden
    window.tabs.setCurrentWidget(window.archive_tab)
    assert loads.since(before) == {"ArchiveTab": 1}  # marked, read when turned to
    assert "张别处改" in names(window)
    window.tabs.setCurrentWidget(window.quarterly_tab)
    assert loads.since(before) == {"ArchiveTab": 1, "QuarterlyTab": 1}
    window.tabs.setCurrentWidget(window.ledger_tab)

    before = dict(loads.counts)
    task = other.ledger.tasks(YEAR)[3]
    other.tasks.save(other.tasks.load(task.id).draft().with_value("title", "别处改的任务"))
    poll(qtbot, window)
    assert loads.since(before) == {"LedgerTab": 1}  # shown and showing tasks: read now
    assert "别处改的任务" in titles(window)
    window.tabs.setCurrentWidget(window.archive_tab)  # tasks are not in the archive
    assert loads.since(before) == {"LedgerTab": 1}


def test_a_lease_taken_elsewhere_only_asks_the_refusals_again(
    qtbot: Any, window: MainWindow, other: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def recheck_of(tab: DataTab) -> Callable[[], None]:
        original = tab.recheck_leases

        def recheck() -> None:
            asked.append(type(tab).__name__)
            original()

        return recheck

    for tab in window.data_tabs():
        monkeypatch.setattr(tab, "recheck_leases", recheck_of(tab))
    loads = Loads(window)
    before = dict(loads.counts)
    person = other.people.listing()[1]
    other.leases.acquire(person_scope(person.id), person.name)

    poll(qtbot, window)
    assert loads.since(before) == {}
    assert set(asked) == {type(tab).__name__ for tab in window.data_tabs()}
