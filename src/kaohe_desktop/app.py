"""Where the program keeps its own files, shared by the GUI and the command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The package's own resources/ (translations, icons, fonts): package data of the
    wheel and the editable install alike, and a data folder of the same name inside a
    PyInstaller bundle (build.spec puts it at kaohe_desktop/resources)."""
    return Path(__file__).resolve().parent / "resources"


def user_data_dir() -> Path:
    """Per-user folder for the demo file (never the shared drive)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "kaohe-desktop"


def demo_file_path() -> Path:
    return user_data_dir() / "演示数据.kaohe"
