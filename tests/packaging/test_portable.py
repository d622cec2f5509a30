"""Portable mode: app.py decides, and every per-user file follows it into 数据 beside
the program (the demo file, the settings, the log, the default backup folder)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from kaohe_desktop import app
from kaohe_desktop.services.common.technical_log import log_file_path
from kaohe_desktop.storage.database import default_backup_dir
from kaohe_desktop.ui.settings import Settings

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder "beside the program", with no portable switch of any kind set."""
    folder = tmp_path / "U盘" / "考核台账"
    folder.mkdir(parents=True)
    monkeypatch.setattr(app, "program_dir", lambda: folder)
    for name in (app.PORTABLE_ENVIRONMENT, "KAOHE_LOG_FILE", "KAOHE_BACKUP_DIR"):
        monkeypatch.delenv(name, raising=False)
    return folder


def test_not_portable_without_marker_or_switch(program: Path, tmp_path: Path) -> None:
    assert app.portable_dir() is None
    assert app.settings_file() is None
    assert not app.user_data_dir().is_relative_to(program)
    assert not log_file_path().is_relative_to(program)
    assert default_backup_dir(tmp_path / "x.kaohe") == Path.home() / "考核台账备份"


def test_marker_beside_the_program_moves_every_file_into_data(
    program: Path, tmp_path: Path
) -> None:
    (program / "portable.ini").write_text("", encoding="utf-8")
    data = program / "数据"
    assert app.portable_dir() == data
    assert app.demo_file_path() == data / "演示数据.kaohe"
    assert app.settings_file() == data / "kaohe-desktop.ini"
    assert log_file_path() == data / "kaohe.log"
    assert default_backup_dir(tmp_path / "共享盘" / "台账.kaohe") == data / "备份"


def test_environment_switch_on_and_off(program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(app.PORTABLE_ENVIRONMENT, "1")
    assert app.portable_dir() == program / "数据"
    (program / "portable.ini").touch()
    monkeypatch.setenv(app.PORTABLE_ENVIRONMENT, "0")  # explicitly off beats the marker
    assert app.portable_dir() is None


def test_explicit_log_and_backup_folders_still_win(
    program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (program / "portable.ini").touch()
    monkeypatch.setenv("KAOHE_LOG_FILE", str(tmp_path / "别处.log"))
    monkeypatch.setenv("KAOHE_BACKUP_DIR", str(tmp_path / "别处备份"))
    assert log_file_path() == tmp_path / "别处.log"
    assert default_backup_dir(tmp_path / "x.kaohe") == tmp_path / "别处备份"


def test_settings_are_written_beside_the_program(program: Path) -> None:
    (program / "portable.ini").touch()
    assert app.settings_file() is not None  # else Settings() below is the clerk's own
    settings = Settings()
    settings.last_username = "zhangsan"
    settings.sync()
    ini = program / "数据" / "kaohe-desktop.ini"
    assert settings.store.fileName() == str(ini)
    assert QSettings(str(ini), QSettings.Format.IniFormat).value("account/last_username") == (
        "zhangsan"
    )


def test_bundle_program_dir_is_the_executables_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = tmp_path / "考核台账" / "kaohe-desktop.exe"
    exe.parent.mkdir()
    exe.touch()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert app.program_dir() == exe.parent.resolve()


def test_gui_portable_switch_keeps_the_profile_clean(tmp_path: Path) -> None:
    """`kaohe-desktop --portable --smoke`: the real start-up with the demo; the demo
    file, its daily backup and the settings land in 数据, nothing in the home folder."""
    program, home = tmp_path / "程序", tmp_path / "home"
    program.mkdir()
    home.mkdir()
    shot = tmp_path / "窗口.png"
    code = f"""
        from pathlib import Path
        import kaohe_desktop.app as app
        app.program_dir = lambda: Path({str(program)!r})
        from kaohe_desktop.__main__ import main
        raise SystemExit(main(["--portable", "--smoke", {str(shot)!r}]))
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAOHE_")}
    env |= {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "KAOHE_TEST_CHEAPEST_HASH": "1"}
    env |= {"XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state")}
    env |= {"XDG_CONFIG_HOME": str(home / "config")}
    finished = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "自检通过" in finished.stdout
    data = program / "数据"
    assert (data / "演示数据.kaohe").is_file()
    assert (data / "kaohe-desktop.ini").is_file()
    assert list((data / "备份").glob("*.kaohe"))  # the first open of the day's backup
    assert shot.is_file()
    left = [p for p in home.rglob("*") if "kaohe" in str(p) or "考核" in str(p)]
    assert left == []
