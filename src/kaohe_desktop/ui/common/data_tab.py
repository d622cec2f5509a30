"""What the four tabs share: the open workspace, the chosen year, one place to load.

A tab's `_load` is the only code that asks the services for data, so moving a
slow tab's loading onto a worker later touches one method.

A tab that reads much sets `loads_when_shown`: it reads only while it is shown; a
hidden one marks itself out of date and reads when the clerk turns to it.

Each tab names the tables it `shows`: another workstation's change (a ChangeSet from
the live refresh) reloads only the tabs showing what it touched, a hidden one when
the clerk turns to it; a lease taken or given back elsewhere only asks the tab's
lease refusals again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.files.live import ChangeSet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common.empty_state import EmptyStateStack
from kaohe_desktop.ui.common.messages import describe_error


@dataclass(frozen=True)
class Guidance:
    """The menu actions an empty page offers as buttons."""

    no_file: Sequence[QAction] = field(default=())  # 新建 / 打开
    no_data: Sequence[QAction] = field(default=())  # 导入工作簿 / 下载模板


class DataTab(QWidget):
    """Subclasses build `content` and implement `_load`; they never call services elsewhere."""

    loaded = Signal()
    # Tabs load when shown: a tab that reads a whole period (or the bureau) sets this, so
    # a reload asked for while it is hidden (another tab, a new year, a write elsewhere)
    # costs nothing until the clerk turns to it.
    loads_when_shown = False
    # The tables (audit entity names) whose rows the tab shows, read by its `_load`
    # however indirectly: a change by another workstation to one of them reloads it.
    # None: every change does. Saying too much costs a reload; too little, a stale screen.
    shows: frozenset[str] | None = None

    def __init__(self, content: QWidget, guidance: Guidance, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guidance = guidance
        self.workspace: Workspace | None = None
        self.year: int | None = None
        self._stale = False  # a reload was asked for while the tab was hidden
        self._changed_elsewhere = False  # this reload is for another workstation's change
        self.stack = EmptyStateStack(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def set_workspace(self, workspace: Workspace | None, year: int | None) -> None:
        self.workspace = workspace
        self.year = year
        self.reload()

    def set_year(self, year: int) -> None:
        if year != self.year:
            self.year = year
            self.reload()

    def reload(self) -> None:
        opened = self.workspace is not None and self.year is not None
        waits = self.loads_when_shown or self._changed_elsewhere
        if waits and opened and not self.isVisible():
            self._stale = True  # read when the clerk turns to the tab
            self.update_actions()
            return
        self._stale = False
        if self.workspace is None or self.year is None:
            self._clear()
            self.stack.show_empty(
                QCoreApplication.translate(
                    "DataTab",
                    "No data file is open. Create a new data file with File → New, "
                    "open the bureau's file with File → Open, or its database with "
                    "File → Open from a database server.",
                ),
                self.guidance.no_file,
            )
        else:
            try:
                self._load(self.workspace, self.year)
            except StorageError as error:
                # The share went away or the file was replaced: say so where the table was.
                self._clear()
                unreadable = (
                    QCoreApplication.translate(
                        "DataTab", "The server database could not be read: {0}"
                    )
                    if self.workspace.server is not None
                    else QCoreApplication.translate(
                        "DataTab", "The data file could not be read: {0}"
                    )
                )
                self.stack.show_empty(
                    unreadable.format(describe_error(error)),
                    self.guidance.no_file,
                )
        self.loaded.emit()

    def changed_elsewhere(self, change: ChangeSet) -> None:
        """Another workstation committed `change`: read again if this tab shows what it
        touched (now if shown, else when the clerk turns to it)."""
        if self.workspace is None or self.year is None:
            return
        if change.touches(self.shows):
            # Through reload(), so that what a tab does on every reload still happens;
            # a hidden tab, whatever its loads_when_shown, only marks itself.
            self._changed_elsewhere = True
            try:
                self.reload()
            finally:
                self._changed_elsewhere = False
        elif change.leases:
            self.recheck_leases()

    def recheck_leases(self) -> None:
        """A lease was taken or given back elsewhere: tabs that refuse what another clerk
        holds ask about those refusals again (a reload does it too)."""

    def before_file_closes(self) -> None:
        """The window is about to close the file shown: a tab that reads it in the
        background (read-ahead) stops that read first, so none outlives the file."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def show_rows_or_empty(self, has_rows: bool, empty_message: str) -> None:
        if has_rows:
            self.stack.show_content()
        else:
            self.stack.show_empty(empty_message, self.guidance.no_data)

    # --- for subclasses -------------------------------------------------------
    def _load(self, workspace: Workspace, year: int) -> None:
        raise NotImplementedError

    def _clear(self) -> None:
        """Forget the rows of a file that is no longer open."""
        raise NotImplementedError

    def update_actions(self) -> None:
        """Enable the tab's actions for what it shows; tabs with actions override it."""
