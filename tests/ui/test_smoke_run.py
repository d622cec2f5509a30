"""GUI self-test (ui/smoke.SmokeRun, `kaohe-desktop --smoke`): it
must fail — exit code 1 — when the clerk would not see the demo in Chinese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.smoke import LIMIT_S, POLL_MS, SmokeRun

# The offscreen platform's warning when a window is shown or closed (tests/ui/conftest).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: codes.append(code))
    return codes


def test_an_error_message_on_screen_fails(
    window: MainWindow, tmp_path: Path, exits: list[int], qtbot: Any
) -> None:
    run = SmokeRun(window, tmp_path / "shot.png")
    box = QMessageBox(QMessageBox.Icon.Critical, "数据文件", "无法打开数据文件", parent=window)
    box.setModal(True)
    box.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
    run._poll()
    box.close()
    assert exits == [1]


def test_no_demo_on_screen_in_time_fails(
    window: MainWindow, tmp_path: Path, exits: list[int]
) -> None:
    run = SmokeRun(window, tmp_path / "shot.png")
    assert window.workspace is None  # nothing was opened
    run.polls = LIMIT_S * 1000 // POLL_MS  # the limit reached
    run._poll()
    assert exits == [1] and not (tmp_path / "shot.png").exists()


def test_a_window_not_in_chinese_fails(
    window: MainWindow,
    tmp_path: Path,
    exits: list[int],
    demo_file: Path,
    request: pytest.FixtureRequest,
) -> None:
    """No translator installed (a bundle that lost kaohe_zh_CN.qm): the window shows
    "Kaohe ledger", "Ledger" … — what a clerk could not use."""
    from PySide6.QtGui import QIcon

    from kaohe_desktop.__main__ import program_icon
    from kaohe_desktop.services.access.accounts import Credentials
    from kaohe_desktop.services.demo.accounts import DEMO_PASSWORD
    from kaohe_desktop.services.workspace import open_workspace

    QApplication.setWindowIcon(program_icon())  # as main() does: only the language is off
    window.workspace = open_workspace(demo_file, Credentials("admin", DEMO_PASSWORD))
    window.refresh()
    request.addfinalizer(lambda: QApplication.setWindowIcon(QIcon()))
    run = SmokeRun(window, tmp_path / "shot.png")
    run.settled = 1_000
    run._poll()
    assert exits == [1]
