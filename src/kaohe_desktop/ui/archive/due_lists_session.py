"""The 待办清单 of the open file and year: read when the page is shown, read again after
a record written here; the count of what is overdue for the status bar; the export.

The count (DueListService.overdue_count: this year's special talks past their time
and key posts whose years are full) is cheap and read at every reload, whether the
tab is shown or not; the lists themselves only when their page is open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kaohe_desktop.services.archive.due_lists import DueListService
from kaohe_desktop.services.errors import PermissionDeniedError, StorageError
from kaohe_desktop.ui.archive.due_lists_panel import DueListsPanel
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.file_dialogs import ask_save_path
from kaohe_desktop.ui.workers import Job, run_job


class DueSource(Access, Protocol):
    @property
    def due_lists(self) -> DueListService: ...


class DueListsSession(QObject):
    overdue_changed = Signal(int)

    def __init__(self, panel: DueListsPanel, parent: QWidget) -> None:
        super().__init__(parent)
        self.panel, self._parent = panel, parent
        self.source: DueSource | None = None
        self.year: int | None = None
        self.stale = True
        self.overdue: int | None = None
        self.job: Job | None = None

    def open(self, source: DueSource, year: int) -> None:
        if source is not self.source or year != self.year:
            self.stale = True
        self.source, self.year = source, year

    def clear(self) -> None:
        self.source, self.year, self.stale = None, None, True
        self.panel.show_lists(None)
        if self.overdue:
            self.overdue = 0
            self.overdue_changed.emit(0)
        self.overdue = None

    # --- the lists ----------------------------------------------------------------------
    def load(self) -> None:
        """Read the year's lists (a StorageError is shown on the panel, not raised)."""
        source, year = self.source, self.year
        if source is None or year is None:
            self.panel.show_lists(None)
            return
        try:
            view = source.due_lists.lists(year)
        except (StorageError, PermissionDeniedError) as error:
            self.panel.show_lists(None)
            self.panel.heading.setText(messages.describe_error(error))
            return
        self.stale = False
        self.panel.show_lists(view)

    def load_if_stale(self) -> None:
        if self.stale:
            self.load()

    def records_changed(self, source: DueSource, *, shown: bool) -> None:
        """A talk or a discipline was written: the lists and the count may differ."""
        self.stale = True
        if shown:
            self.load()
        self.count_overdue(source)

    # --- the count ----------------------------------------------------------------------
    def count_overdue(self, source: DueSource) -> None:
        try:
            count = source.due_lists.overdue_count()
        except (StorageError, PermissionDeniedError):
            return  # the tab says why it cannot read; the status bar keeps its last count
        if count != self.overdue:
            self.overdue = count
            self.overdue_changed.emit(count)

    # --- the workbook -------------------------------------------------------------------
    def export(self) -> Job | None:
        source, year = self.source, self.year
        if source is None or year is None:
            return None
        title = self.tr("Export due lists")
        out = ask_save_path(
            self._parent,
            title,
            Path.home() / f"{year}年谈话和轮岗提醒表.xlsx",
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if out is None:
            return None
        service = source.due_lists

        def saved(path: Path) -> None:
            messages.info(self._parent, title, self.tr("Saved to:\n{0}").format(path))

        def failed(error: BaseException) -> None:
            messages.show_error(self._parent, title, error)

        self.job = run_job(
            self._parent,
            self.tr("Writing {0}…").format(out.name),
            lambda _progress: service.export(year, out),
            on_success=saved,
            on_error=failed,
        )
        return self.job
