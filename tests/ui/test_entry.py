"""`kaohe-desktop` / `python -m kaohe_desktop`: which file opens at start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.factories import ADMIN
from tests.ui.helpers import Dialogs

from kaohe_desktop import __main__ as entry
from kaohe_desktop import __version__
from kaohe_desktop.services.workspace import create_workspace
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.welcome import WelcomeChoice, WelcomeDialog
from kaohe_desktop.ui.workers import Job


def _wait_open(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.workspace is not None and not Job.running(), timeout=60_000)


def test_python_dash_m_runs_the_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kaohe_desktop", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout


def test_arguments() -> None:
    assert entry.parse_arguments([]).data_file is None
    assert entry.parse_arguments(["--demo"]).demo
    assert entry.parse_arguments(["x.kaohe"]).data_file == Path("x.kaohe")


def test_demo_flag_generates_and_opens_the_demo(
    qtbot: Any, window: MainWindow, user_data: Path
) -> None:
    entry.start(window, entry.parse_arguments(["--demo"]))
    _wait_open(qtbot, window)
    assert window.is_demo
    assert window.workspace is not None and user_data in window.workspace.path.parents
    assert window.windowTitle().startswith("[Demo data]")
    assert window.ledger_tab.model.rowCount() > 0


def test_a_file_argument_opens_that_file(qtbot: Any, window: MainWindow, data_file: Path) -> None:
    create_workspace(data_file, admin=ADMIN).close()
    entry.start(window, entry.parse_arguments([str(data_file)]))
    _wait_open(qtbot, window)
    assert window.workspace is not None and window.workspace.path == data_file
    assert not window.is_demo
    assert "[Demo data]" not in window.windowTitle()


def test_the_most_recent_file_opens_without_asking(
    qtbot: Any, window: MainWindow, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_workspace(data_file, admin=ADMIN).close()
    window.settings.add_recent_file(data_file)
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: pytest.fail("welcome shown"))
    entry.start(window, entry.parse_arguments([]))
    _wait_open(qtbot, window)
    assert window.workspace is not None and window.workspace.path == data_file


def test_first_run_asks_and_the_demo_is_only_one_choice(
    qtbot: Any, window: MainWindow, user_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[list[str]] = []

    def choose_demo(dialog: WelcomeDialog) -> int:
        shown.append(
            [b.text() for b in (dialog.new_button, dialog.open_button, dialog.demo_button)]
        )
        dialog._choose(WelcomeChoice.DEMO)
        return 1

    monkeypatch.setattr(WelcomeDialog, "exec", choose_demo)
    entry.start(window, entry.parse_arguments([]))
    assert shown == [["New data file", "Open an existing file", "Open the demo data"]]
    _wait_open(qtbot, window)
    assert window.is_demo


def test_a_missing_recent_file_is_reported_then_welcome(
    window: MainWindow, tmp_path: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.settings.add_recent_file(tmp_path / "网络盘" / "考核台账.kaohe")
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: 0)  # closed without a choice
    assert entry.welcome(window) is None
    entry.start(window, entry.parse_arguments([]))
    assert "network drive" in dialogs.last("warn")
    assert window.workspace is None
