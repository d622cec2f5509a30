"""Give a tab's edit leases back when its window closes, before the file is closed.

The main window closes the workspace in its closeEvent; a filter on the window sees the
Close event first, while the file can still be written. A tab only knows its window
once it is placed in one, so it calls `watch()` whenever it is given a file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class ReleaseOnWindowClose(QObject):
    def __init__(self, widget: QWidget, release: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._release = release
        self._window: QWidget | None = None

    def watch(self) -> None:
        """Follow the widget's present window (a tab may be moved into another)."""
        window = self._widget.window()
        if window is not self._widget and window is not self._window:
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self._release()
        return super().eventFilter(watched, event)
