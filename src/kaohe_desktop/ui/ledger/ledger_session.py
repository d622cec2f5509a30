"""The year on screen in the 台账 tab: the ledger services of the open file, the year and
its task list.

The tab owns one and lays out the widgets around it; LedgerEditing (add, edit,
delete, undo) and LedgerSheetActions (import and export of the 台账 sheet) work on
the session, never on the tab, so neither needs to import the tab. A task list read
again is announced as `tasks_changed`. A helper whose change went through, or was
refused because the file differs from the screen, asks for a reload with
`reload_requested` (naming the task to select after it); the tab answers, because a
read that fails shows the tab's empty page.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from kaohe_desktop.services.ledger.task_editor import TaskEditor
from kaohe_desktop.services.ledger.tasks import LedgerService
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.ui.editing.export_edit import EditOrigin


class LedgerFile(EditOrigin, Protocol):
    """What the 台账 screens use of the open file (a Workspace is one): the ledger and the
    task editor, and the file and account an exported edit names."""

    @property
    def ledger(self) -> LedgerService: ...

    @property
    def tasks(self) -> TaskEditor: ...


class LedgerSession(QObject):
    tasks_changed = Signal()  # `tasks` was read again (or emptied)
    reload_requested = Signal(object)  # int | None: read again, then select that task
    imported = Signal()  # tasks were written in bulk: rows the undo stack names may be gone

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source: LedgerFile | None = None
        self.year: int | None = None
        self.tasks: list[TaskView] = []  # the year's tasks as last read, in 序号 order

    @property
    def ledger(self) -> LedgerService | None:
        return None if self.source is None else self.source.ledger

    def open(self, source: LedgerFile | None, year: int | None) -> None:
        """The file and year the tab shows (None: no file is open)."""
        self.source, self.year = source, year

    # --- the task list ------------------------------------------------------------
    def load(self) -> list[TaskView]:
        """Read the year's tasks and announce them (a StorageError is the caller's)."""
        assert self.source is not None and self.year is not None
        self.tasks = self.source.ledger.tasks(self.year)
        self.tasks_changed.emit()
        return self.tasks

    def forget(self) -> None:
        """Nothing to show: no file, or it could not be read."""
        self.tasks = []
        self.tasks_changed.emit()

    def request_reload(self, task_id: int | None = None) -> None:
        self.reload_requested.emit(task_id)

    def shown(self, task_id: int) -> TaskView | None:
        """The task as the table shows it (it may differ from the file by now)."""
        return next((task for task in self.tasks if task.id == task_id), None)

    def titles(self) -> dict[int, str]:
        """工作任务 by 序号, so a dialog can name the task that took a number."""
        return {task.seq: task.title for task in self.tasks}
