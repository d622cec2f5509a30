"""Two application windows on one file: a change made in one appears in the other
without a restart (PRAGMA data_version polling), and a file that disappears turns
the other window read-only without losing what it shows."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.factories import new_data_file
from tests.ui.helpers import Dialogs, open_in

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.services.errors import ReadOnlyError
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.settings import Settings

FAST_POLL_MS = 50


@pytest.fixture
def second_window(qtbot: Any, tmp_path: Path) -> Iterator[MainWindow]:
    other = MainWindow(Settings.at(tmp_path / "settings-b" / "kaohe-desktop.ini"))
    qtbot.addWidget(other)
    other.show()
    yield other
    other.close()


def _names(window: MainWindow) -> list[str]:
    window.tabs.setCurrentWidget(window.archive_tab)  # it reads the people when shown
    return [person.name for person in window.archive_tab.people.rows()]


def test_an_edit_in_one_window_appears_in_the_other(
    qtbot: Any, window: MainWindow, second_window: MainWindow, demo_file: Path
) -> None:
    first = open_in(qtbot, window, demo_file)
    open_in(qtbot, second_window, demo_file)
    second_window.live.timer.setInterval(FAST_POLL_MS)
    assert "张改名" not in _names(second_window)

    person = first.people.listing()[0]
    lease = first.leases.acquire(person_scope(person.id), person.name)
    draft = first.people.load(person.id).draft().with_value("name", "张改名")
    first.people.save(draft, lease)
    first.leases.release(lease)

    qtbot.waitUntil(lambda: "张改名" in _names(second_window), timeout=10_000)
    assert second_window.workspace is not None and not second_window.workspace.read_only


def test_the_other_window_is_quiet_while_nothing_changes(
    qtbot: Any, window: MainWindow, second_window: MainWindow, demo_file: Path
) -> None:
    open_in(qtbot, window, demo_file)
    open_in(qtbot, second_window, demo_file)
    refreshed: list[bool] = []
    second_window.live.changed.connect(lambda: refreshed.append(True))
    second_window.live.timer.setInterval(FAST_POLL_MS)
    qtbot.wait(20 * FAST_POLL_MS)
    assert refreshed == []


def test_a_file_deleted_underneath_turns_the_window_read_only(
    qtbot: Any, window: MainWindow, demo_file: Path, dialogs: Dialogs, tmp_path: Path
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    rows_before = len(_names(window))
    window.live.timer.setInterval(FAST_POLL_MS)
    demo_file.rename(tmp_path / "被移走.kaohe")

    qtbot.waitUntil(lambda: workspace.read_only, timeout=10_000)
    assert "read-only" in dialogs.last("warn")
    assert window.status_line.access.text() == "Read-only"
    assert not window.exchange_actions.import_book.isEnabled()
    assert len(_names(window)) == rows_before  # what was on screen stays
    with pytest.raises(ReadOnlyError):
        workspace.leases.acquire("person:1", "x")


def test_a_file_copied_over_in_place_turns_the_window_read_only(
    qtbot: Any, window: MainWindow, demo_file: Path, dialogs: Dialogs, tmp_path: Path
) -> None:
    """Explorer's copy over the open file keeps its inode; the poll sees a change and the
    change is another file's id, so the window goes read-only as for a moved file, and a
    save is refused with the same words as the save that ran into it would be."""
    workspace = open_in(qtbot, window, demo_file)
    window.live.timer.setInterval(FAST_POLL_MS)
    (tmp_path / "乙局").mkdir()
    other = new_data_file(tmp_path / "乙局")
    other.close()
    shutil.copyfile(other.path, demo_file)

    qtbot.waitUntil(lambda: workspace.read_only, timeout=10_000)
    assert "replaced by another file" in dialogs.last("warn")
    assert not window.exchange_actions.import_book.isEnabled()
    with pytest.raises(ReadOnlyError):
        workspace.leases.acquire("person:1", "x")
