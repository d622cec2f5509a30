"""Every per-user setting of the desktop program, declared once over QSettings.

Keys, types and defaults live here and nowhere else, so a typo in a key cannot
silently create a second setting. Tests pass their own QSettings (an INI file in
a temporary folder), so they never touch the clerk's real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QWidget

from kaohe_desktop.app import settings_file
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.files.sources import DataSource, ServerAddress, parse_source

ORGANIZATION = "kaohe"
APPLICATION = "kaohe-desktop"
MAX_RECENT_FILES = 8
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


def _key(section: str, name: str) -> str:
    return f"{section}/{name}"


LANGUAGE = _key("ui", "language")
PDF_FONT_PATH = _key("pdf", "font_path")
RECENT_FILES = _key("files", "recent")
WINDOW_GEOMETRY = _key("window", "geometry")
WINDOW_STATE = _key("window", "state")
LAST_YEAR = _key("view", "last_year")
LAST_USERNAME = _key("account", "last_username")


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        # INI format everywhere: on Windows the registry would hide it from the clerk's
        # IT support, and one format keeps the tests honest. Portable: the INI file in
        # the 数据 folder beside the program (app.py decides).
        portable = settings_file()
        if store is None and portable is not None:
            store = QSettings(str(portable), QSettings.Format.IniFormat)
        self.store = store or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    @classmethod
    def at(cls, path: str | os.PathLike[str]) -> Settings:
        """Settings kept in one INI file (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self.store.sync()

    # --- language -------------------------------------------------------------
    @property
    def language(self) -> str:
        value = str(self.store.value(LANGUAGE, DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(value)
        self.store.setValue(LANGUAGE, value)

    # --- PDF font -------------------------------------------------------------
    @property
    def pdf_font_path(self) -> Path | None:
        value = self.store.value(PDF_FONT_PATH, "")
        return Path(str(value)) if value else None

    @pdf_font_path.setter
    def pdf_font_path(self, value: Path | None) -> None:
        if value is None:
            self.store.remove(PDF_FONT_PATH)
        else:
            self.store.setValue(PDF_FONT_PATH, str(value))

    # --- recent files and server databases -----------------------------------
    @property
    def recent_files(self) -> list[DataSource]:
        """Data files (paths) and server databases (their addresses, kept as the URL
        without a password), newest first."""
        value = self.store.value(RECENT_FILES, [])
        # An INI file gives back a str for a one-item list and None for an empty one.
        if isinstance(value, str):
            items: list[object] = [value]
        else:
            items = list(value) if isinstance(value, list | tuple) else []
        sources: list[DataSource] = []
        for item in items:
            if not item:
                continue
            try:
                sources.append(parse_source(str(item)))
            except StorageError:  # an address edited by hand into nonsense: left out
                continue
        return sources[:MAX_RECENT_FILES]

    def add_recent_file(self, source: DataSource) -> None:
        entry = source if isinstance(source, ServerAddress) else Path(os.path.abspath(source))
        others = [p for p in self.recent_files if not _same_source(p, entry)]
        self._set_recent([entry, *others])

    def remove_recent_file(self, source: DataSource) -> None:
        self._set_recent([p for p in self.recent_files if not _same_source(p, source)])

    def clear_recent_files(self) -> None:
        self._set_recent([])

    def _set_recent(self, sources: list[DataSource]) -> None:
        self.store.setValue(
            RECENT_FILES,
            [s.url if isinstance(s, ServerAddress) else str(s) for s in sources[:MAX_RECENT_FILES]],
        )

    # --- window ---------------------------------------------------------------
    @property
    def window_geometry(self) -> QByteArray | None:
        value = self.store.value(WINDOW_GEOMETRY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self.store.setValue(WINDOW_GEOMETRY, value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self.store.value(WINDOW_STATE)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.store.setValue(WINDOW_STATE, value)

    # --- last year shown ------------------------------------------------------
    @property
    def last_year(self) -> int | None:
        value = self.store.value(LAST_YEAR)
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    @last_year.setter
    def last_year(self, value: int) -> None:
        self.store.setValue(LAST_YEAR, int(value))

    # --- the account last signed in (never its password) -----------------------
    @property
    def last_username(self) -> str | None:
        value = self.store.value(LAST_USERNAME)
        return str(value) if value else None

    @last_username.setter
    def last_username(self, value: str) -> None:
        self.store.setValue(LAST_USERNAME, value)


def settings_of(parent: QWidget | None) -> Settings:
    """The main window's settings when opened from it, else the user's own."""
    window = parent.window() if parent is not None else None
    settings = getattr(window, "settings", None)
    return settings if isinstance(settings, Settings) else Settings()


def _same_source(a: DataSource, b: DataSource) -> bool:
    if isinstance(a, ServerAddress) or isinstance(b, ServerAddress):
        return a == b
    return _same_file(a, b)


def _same_file(a: Path, b: Path) -> bool:
    # Windows paths differ in case and slashes for the same file on a share.
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
