"""Fixtures of the GUI tests: private settings, no blocking dialogs, a demo file per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication
from tests.factories import ADMIN, DEMO_AS_OF
from tests.ui.helpers import Dialogs, SignIns

from kaohe_desktop.app import demo_file_path
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_ADMIN, DEMO_ADMIN_NAME, DEMO_PASSWORD
from kaohe_desktop.services.workspace import create_workspace
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.file_actions import FileActions
from kaohe_desktop.ui.i18n import install_translators, remove_translators
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.settings import Settings
from kaohe_desktop.ui.workers import Job

UI_TESTS = Path(__file__).parent
# The offscreen platform cannot size native windows; xcb and Windows can. Qt says so
# as a warning whenever a window with a layout is shown, which is not our fault.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if UI_TESTS in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _private_qt_paths() -> Iterator[None]:
    QStandardPaths.setTestModeEnabled(True)
    yield
    QStandardPaths.setTestModeEnabled(False)


@pytest.fixture(autouse=True)
def _no_job_outlives_its_test() -> Iterator[None]:
    yield
    for job in Job.running():
        job.reporter.cancel()
        job.wait()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.at(tmp_path / "settings" / "kaohe-desktop.ini")


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """Message boxes would block a test; record them instead."""
    record = Dialogs()

    def info(_parent: object, title: str, text: str) -> None:
        record.shown.append(("info", title, text))

    def warn(_parent: object, title: str, text: str) -> None:
        record.shown.append(("warn", title, text))

    def ask(_parent: object, title: str, text: str, detail: str | None = None) -> bool:
        record.shown.append(("ask", title, (text, detail)))
        return record.answer

    def show_error(_parent: object, title: str, error: BaseException) -> None:
        record.shown.append(("error", title, error))

    monkeypatch.setattr(messages, "info", info)
    monkeypatch.setattr(messages, "warn", warn)
    monkeypatch.setattr(messages, "ask", ask)
    monkeypatch.setattr(messages, "show_error", show_error)
    return record


@pytest.fixture(autouse=True)
def sign_ins(monkeypatch: pytest.MonkeyPatch) -> SignIns:
    """The login dialog would block a test: sign in as the file's administrator (the
    demo's, or the tests' ADMIN), or as `sign_ins.credentials` when a test sets it."""
    record = SignIns()

    def sign_in(_self: FileActions, pending: Any, *, demo: bool) -> Any:
        record.asked.append(pending.path)
        if record.cancel:
            return None
        demo_admin = Credentials(DEMO_ADMIN, DEMO_PASSWORD)
        return pending.sign_in(record.credentials or (demo_admin if demo else ADMIN))

    monkeypatch.setattr(FileActions, "sign_in", sign_in)
    return record


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo is generated once per session; each test gets its own copy."""
    path = tmp_path_factory.mktemp("demo") / "演示数据.kaohe"
    try:
        admin = Credentials(DEMO_ADMIN, DEMO_PASSWORD)
        create_workspace(
            path, admin=admin, admin_name=DEMO_ADMIN_NAME, demo=True, demo_as_of=DEMO_AS_OF
        ).close()
    except (ImportError, NotImplementedError) as error:
        pytest.skip(f"the demo generator is not available yet: {error}")
    return path


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The per-user folder (where the demo lives), moved into tmp_path."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("LOCALAPPDATA", str(folder))
    return folder


@pytest.fixture
def demo_file(demo_master: Path, user_data: Path) -> Path:
    """A copy of the demo where the program keeps it, so it is recognised as the demo."""
    copy = demo_file_path()
    assert user_data in copy.parents
    copy.parent.mkdir(parents=True)
    shutil.copyfile(demo_master, copy)
    return copy


@pytest.fixture
def window(qtbot: Any, settings: Settings) -> Iterator[MainWindow]:
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "zh_CN")
    yield
    remove_translators(qapp, translators)
