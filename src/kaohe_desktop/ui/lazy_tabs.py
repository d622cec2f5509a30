"""Tabs of the main window that are made when first needed, so start-up builds only
what the clerk sees first.

A lazy tab sits in the QTabWidget as an empty placeholder page until it is asked for
(`tab(key)`), turned to, or its turn comes once the window is idle (`build_soon`);
then its module is imported, the tab made and put in the placeholder's place (same
index, same title, the same tab still current), and `adopt` wires it to the window
and gives it the open file and year. Building a tab reads nothing more than a tab
made at start-up did: the tabs read their period when shown (DataTab.loads_when_shown).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

from kaohe_desktop.ui.common.data_tab import DataTab

# After the first data is on screen, the tabs not yet made are made one per pause of
# this length, so the window answers the clerk in between.
IDLE_MS = 200


class LazyTabs:
    def __init__(self, tabs: QTabWidget, adopt: Callable[[DataTab], None]) -> None:
        self._tabs = tabs
        self._adopt = adopt
        self._waiting: dict[str, tuple[QWidget, Callable[[], DataTab]]] = {}
        self._built: dict[str, DataTab] = {}
        self._timer = QTimer(tabs)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self._build_next)
        tabs.currentChanged.connect(self._turned_to)

    def add(self, key: str, title: str, make: Callable[[], DataTab]) -> None:
        """A tab `make` builds when needed (its module imported inside `make`)."""
        page = QWidget()
        page.setObjectName(f"{key}Pending")
        self._waiting[key] = (page, make)
        self._tabs.addTab(page, title)

    def tab(self, key: str) -> DataTab:
        built = self._built.get(key)
        return built if built is not None else self._build(key)

    def made(self, key: str) -> DataTab | None:
        """The tab, if it was made already (None: not yet, and not made by asking)."""
        return self._built.get(key)

    def built(self) -> list[DataTab]:
        """The lazy tabs made so far."""
        return list(self._built.values())

    def build_soon(self) -> None:
        """Make the remaining tabs in the idle moments to come, one at a time."""
        if self._waiting:
            self._timer.start()

    def _build_next(self) -> None:
        if self._waiting:
            self._build(next(iter(self._waiting)))
            self.build_soon()

    def _turned_to(self, index: int) -> None:
        page = self._tabs.widget(index)
        for key, (waiting, _make) in self._waiting.items():
            if waiting is page:
                self._build(key)
                return

    def _build(self, key: str) -> DataTab:
        page, make = self._waiting.pop(key)
        tab = make()
        self._built[key] = tab
        tabs = self._tabs
        index = tabs.indexOf(page)
        # The swap is not a change of the clerk's tab: nobody hears of it. The tab goes in
        # before the page comes out, so no third tab is ever current (and read) meanwhile.
        blocker = QSignalBlocker(tabs)
        tabs.insertTab(index, tab, tabs.tabText(index))
        if tabs.currentWidget() is page:
            tabs.setCurrentIndex(index)
        tabs.removeTab(tabs.indexOf(page))
        blocker.unblock()
        page.deleteLater()
        # In the window first, so the tab finds the window it belongs to (leases are
        # given back when that window closes).
        self._adopt(tab)
        return tab
