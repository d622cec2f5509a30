"""Settings survive a restart: window geometry, recent files, year, language, PDF font."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from tests.factories import ADMIN
from tests.ui.helpers import open_in

from kaohe_desktop.services.workspace import create_workspace
from kaohe_desktop.ui.main_window import DEFAULT_SIZE, MainWindow
from kaohe_desktop.ui.settings import MAX_RECENT_FILES, Settings
from kaohe_desktop.ui.settings_dialog import SettingsDialog


def test_geometry_recent_files_and_year_persist_into_a_new_window(
    qtbot: Any, tmp_path: Path, demo_file: Path
) -> None:
    ini = tmp_path / "settings.ini"
    first = MainWindow(Settings.at(ini))
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 530)  # the offscreen screen is 800×600; bigger would be clamped
    open_in(qtbot, first, demo_file)  # the demo: not remembered as recent
    other = tmp_path / "科室" / "real.kaohe"
    other.parent.mkdir()
    create_workspace(other, admin=ADMIN).close()
    open_in(qtbot, first, other)
    first.set_year(2025)
    size = first.size()
    assert (size.width(), size.height()) != DEFAULT_SIZE
    first.close()

    second = MainWindow(Settings.at(ini))
    qtbot.addWidget(second)
    assert second.size() == size
    assert second.settings.recent_files == [other]
    assert second.settings.last_year == 2025
    assert second.recent_menu is not None
    recent_texts = [a.text() for a in second.recent_menu.actions()]
    assert f"&1 {other}" in recent_texts
    second.close()


def test_recent_files_keep_the_newest_eight_without_repeats(tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    paths = [tmp_path / f"{n}.kaohe" for n in range(10)]
    for path in paths:
        settings.add_recent_file(path)
    settings.add_recent_file(paths[5])
    recent = settings.recent_files
    assert len(recent) == MAX_RECENT_FILES
    assert recent[0] == paths[5]
    assert recent.count(paths[5]) == 1
    assert paths[0] not in recent and paths[1] not in recent
    reread = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert reread.recent_files == recent
    reread.clear_recent_files()
    assert Settings.at(tmp_path / "s.ini").recent_files == []


def test_defaults_are_chinese_and_automatic_font(tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    assert settings.language == "zh_CN"
    assert settings.pdf_font_path is None
    assert settings.last_year is None
    assert settings.window_geometry is None


def test_settings_dialog_shows_font_and_file_state_and_saves(
    qtbot: Any, window: MainWindow, demo_file: Path, tmp_path: Path
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    dialog = SettingsDialog(window.settings, workspace, window)
    qtbot.addWidget(dialog)
    assert dialog.file_path.text() == str(workspace.path)
    assert dialog.file_access.text() == "Read and write"
    assert dialog.font_in_use.text()  # always names the font reportlab will use

    bogus = tmp_path / "坏字体.ttf"
    bogus.write_bytes(b"not a font")
    dialog.font_path.setText(str(bogus))
    dialog._probe_font()
    assert "设置中的字体不可用" in dialog.font_in_use.text()

    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    reread = Settings.at(Path(window.settings.store.fileName()))
    assert reread.language == "en"
    assert reread.pdf_font_path == bogus


def test_settings_action_opens_the_dialog(qtbot: Any, window: MainWindow) -> None:
    dialog = window.show_settings()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.file_path.text() == "No data file open"
    dialog.reject()
