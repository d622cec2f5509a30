"""Where the program keeps its own files, shared by the GUI and the command line.

Portable mode (a USB stick, a PC where nothing may be installed): when a file named
portable.ini lies beside the program, or the GUI is started with --portable, or
KAOHE_PORTABLE=1, the demo file, the settings, the log and the default backup folder
live in a 数据 folder beside the program instead of the user's profile. This module is
the one place that decides; ui/settings.py, services/common/technical_log.py and
storage/database.py ask it. The marker is a .ini file because a clerk can make one in
Explorer (新建 → 文本文档, then rename) and because its name says what it is for; it may
stay empty.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The package's own resources/ (translations, icons, fonts): package data of the
    wheel and the editable install alike, and a data folder of the same name inside a
    PyInstaller bundle (build.spec puts it at kaohe_desktop/resources)."""
    return Path(__file__).resolve().parent / "resources"


PORTABLE_MARKER = "portable.ini"
PORTABLE_ENVIRONMENT = "KAOHE_PORTABLE"
PORTABLE_DATA = "数据"
SETTINGS_FILE = "kaohe-desktop.ini"


def program_dir() -> Path:
    """The folder "beside the program": the one holding kaohe-desktop(.exe) in a
    PyInstaller bundle; for a pip install, the Python environment's own folder (a venv
    copied onto a stick), never site-packages."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.prefix)


def portable_dir() -> Path | None:
    """The 数据 folder beside the program when running portable, else None."""
    switch = os.environ.get(PORTABLE_ENVIRONMENT, "").strip()
    if switch == "0":
        return None  # explicitly off, whatever lies beside the program
    if switch or (program_dir() / PORTABLE_MARKER).is_file():
        return program_dir() / PORTABLE_DATA
    return None


def enable_portable() -> None:
    """--portable: from here on (and in any program this one starts) run portable."""
    os.environ[PORTABLE_ENVIRONMENT] = "1"


def settings_file() -> Path | None:
    """The INI file of the settings when portable; None: the per-user default
    (QSettings' IniFormat, UserScope — %APPDATA%\\kaohe\\kaohe-desktop.ini on Windows)."""
    portable = portable_dir()
    return portable / SETTINGS_FILE if portable else None


def portable_log_file() -> Path | None:
    portable = portable_dir()
    return portable / "kaohe.log" if portable else None


def portable_backup_dir() -> Path | None:
    portable = portable_dir()
    return portable / "备份" if portable else None


def user_data_dir() -> Path:
    """Per-user folder for the demo file (never the shared drive)."""
    portable = portable_dir()
    if portable is not None:
        return portable
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "kaohe-desktop"


def demo_file_path() -> Path:
    return user_data_dir() / "演示数据.kaohe"
