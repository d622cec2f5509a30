"""台账 tab: the year's work tasks with their check progress, and where the ledger is built.

The tab lays out the toolbar, the filters and the table and says what to do when
the year is empty. The year on screen (the services, the year, its tasks) is its
LedgerSession's, and the work behind the buttons lives beside the tab, on the session:
LedgerEditing (add, edit, delete, undo), LedgerSheetActions (import / export of the
台账 sheet) and the dialogs.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from shiboken6 import Shiboken

from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.errors import PermissionDeniedError, StorageError
from kaohe_desktop.services.files.live import DEPARTMENTS, LEDGER
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy, SearchDelay
from kaohe_desktop.ui.common.widgets import DepartmentFilter, make_search_box, make_table_view
from kaohe_desktop.ui.ledger import ledger_editing
from kaohe_desktop.ui.ledger import task_model as cols
from kaohe_desktop.ui.ledger.copy_forward_dialog import CopyForwardDialog
from kaohe_desktop.ui.ledger.ledger_editing import LedgerEditing
from kaohe_desktop.ui.ledger.ledger_filters import CategoryFilter, MonthFilter, task_filter
from kaohe_desktop.ui.ledger.ledger_session import LedgerSession
from kaohe_desktop.ui.ledger.ledger_sheet_actions import LedgerSheetActions
from kaohe_desktop.ui.ledger.ledger_toolbar import LedgerActions, TabState
from kaohe_desktop.ui.ledger.task_model import TaskTableModel
from kaohe_desktop.ui.ledger.wall_chart_dialog import WallChartDialog

_WIDTHS = {  # tuned on the demo at 1400 px so that every column shows without scrolling
    cols.SEQ: 44,
    cols.TITLE: 220,
    cols.TARGET: 250,
    cols.CATEGORY: 74,
    cols.LEAD: 104,
    cols.RESPONSIBLE: 170,
    cols.DEADLINE: 80,
    cols.DUE: 120,
    cols.POINTS: 48,
    cols.PROGRESS: 72,
    cols.WORST: 78,
}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class LedgerTab(DataTab):
    shows = DEPARTMENTS | LEDGER  # what `_load` reads
    loads_when_shown = True  # the first tab: it reads at start-up, others when shown
    # Tasks were added in bulk (import, copy forward): the years with data may differ now.
    data_changed = Signal()
    # A copy forward went into another year: the window may switch to it.
    year_requested = Signal(int)

    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.session = LedgerSession(self)
        self.model = TaskTableModel(self)
        self.proxy = RowFilterProxy(
            self.model, (cols.TITLE, cols.TARGET, cols.LEAD, cols.RESPONSIBLE), self
        )
        self.search = make_search_box(self.tr("Search task, target or department"))
        self.search.setMinimumWidth(160)  # three filters share the row: a small window fits
        self.department = DepartmentFilter()
        self.category = CategoryFilter()
        self.month = MonthFilter()
        self.count = QLabel()
        self.count.setObjectName("ledgerCount")
        self.table = make_table_view(self.proxy, _WIDTHS, name="ledgerTable")
        # Double-click or F2 edits a simple cell in place; Enter opens the whole task.
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        # Not `actions`: that would hide QWidget.actions().
        self.toolbar_actions = LedgerActions(self)
        self.editing = LedgerEditing(self.session, self)
        self.sheet = LedgerSheetActions(self.session, self)
        self.wall_chart_dialog: QWidget | None = None

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)  # grows to its maximum when there is room
        # The category combo needs no caption (全部类别 / 常规工作 / 重点工作 say it), which
        # keeps the row narrow enough for a small window.
        for caption, combo in (
            (self.tr("Department:"), self.department),
            (None, self.category),
            (self.tr("Due in:"), self.month),
        ):
            bar.addSpacing(4)
            if caption is not None:
                label = QLabel(caption)
                label.setBuddy(combo)
                bar.addWidget(label)
            bar.addWidget(combo)
        bar.addStretch(1)
        layout = QVBoxLayout(content)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count)  # below the table, where a clerk looks after scrolling
        # The toolbar sits above the empty page too: after deleting the last task of a
        # year, 撤销 must still be there.
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)  # in line with the filters below
        top.addWidget(self.toolbar_actions.make_toolbar())
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertLayout(0, top)
        a = self.toolbar_actions
        self.addActions([a.undo, a.redo])  # anywhere in the tab
        self.table.addActions([a.add, a.delete])  # where the rows are

        self._connect()
        self.update_actions()

    def _connect(self) -> None:
        self.session.tasks_changed.connect(self._show_tasks)
        self.session.reload_requested.connect(self.reload_and_select)
        self.session.imported.connect(self._on_imported)
        # The search box filters a short pause after typing (Enter at once).
        self.search_delay = SearchDelay(self.search, self._on_filter_changed)
        self.department.department_changed.connect(lambda _name: self._on_filter_changed())
        self.category.category_changed.connect(self._on_filter_changed)
        self.month.month_changed.connect(self._on_filter_changed)
        a = self.toolbar_actions
        a.connect_slots(
            {
                a.add: self.add_task,
                a.edit: self.edit_task,
                a.duplicate: self.duplicate_task,
                a.delete: self.delete_task,
                a.undo: self.undo,
                a.redo: self.redo,
                a.copy_forward: self.copy_forward,
                a.import_sheet: self.sheet.choose_and_import,
                a.export_sheet: self.sheet.choose_and_export,
                a.wall_charts: self.show_wall_charts,
            }
        )
        self.editing.stack.indexChanged.connect(self._on_history_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.installEventFilter(self)
        # Queued: the cell editor finishes committing before the tab saves and reloads.
        self.model.edit_requested.connect(
            self.editing.edit_cell, type=Qt.ConnectionType.QueuedConnection
        )

    # --- the workspace and year (a new one empties the undo stack) ------------
    def set_workspace(self, workspace: Workspace | None, year: int | None) -> None:
        self.session.open(workspace, year)
        self.editing.begin_session(workspace, year)
        super().set_workspace(workspace, year)

    def set_year(self, year: int) -> None:
        self.session.open(self.workspace, year)
        self.editing.begin_session(self.workspace, year)
        super().set_year(year)

    def _load(self, workspace: Workspace, year: int) -> None:
        selected = self.selected_task()
        self.model.set_editable(workspace.may(Action.ENTER_DATA))
        tasks = self.session.load()  # shown through tasks_changed
        if selected is not None:
            self.select_task(selected.id)
        if tasks:
            self.stack.show_content()
        else:
            actions = self.toolbar_actions
            self.stack.show_empty(
                self.tr(
                    "There are no ledger tasks for {0} yet. Add them one by one with New task, "
                    "copy last year's with Copy from last year, or import the ledger with "
                    "File → Import workbook (download the template, fill in its 台账 sheet "
                    "and import it)."
                ).format(year),
                [actions.add, actions.copy_forward, *self.guidance.no_data],
            )
        self.update_actions()

    def _clear(self) -> None:
        self.session.forget()
        self.update_actions()

    def _show_tasks(self) -> None:
        """The session's task list, read again: the rows, the departments to filter by."""
        tasks = self.session.tasks
        self.model.set_rows(tasks)
        departments: list[str] = []
        for task in tasks:
            departments += [task.lead_department, *task.responsible_departments]
        self.department.set_departments(departments)
        self._update_count()

    def _on_imported(self) -> None:
        # Rows the undo stack names may have been replaced: its commands would lie.
        self.editing.reset()
        self.reload()
        self.data_changed.emit()

    def reload_and_select(self, task_id: int | None) -> None:
        """Read the rows again after an edit and keep the edited task selected."""
        self.reload()
        if task_id is not None:
            self.select_task(task_id)

    # --- selection --------------------------------------------------------------
    def selected_task(self) -> TaskView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_object(rows[0]) if rows else None

    def select_task(self, task_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.row_object(index).id == task_id:
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                self.table.selectionModel().setCurrentIndex(index, flags)
                self.table.scrollTo(index)
                return True
        return False

    # --- filters ----------------------------------------------------------------
    def _on_filter_changed(self) -> None:
        self.search_delay.cancel()  # the box is applied here with the rest
        predicate = task_filter(
            self.department.department(), self.category.category(), self.month.month()
        )
        self.proxy.set_filters(self.search.text(), predicate)  # one pass over the rows
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        key = sum(1 for t in self.model.rows() if t.category is TaskCategory.KEY)
        if shown == total:
            text = self.tr("{0} tasks, {1} key").format(total, key)
        else:
            text = self.tr("{0} of {1} tasks shown").format(shown, total)
        self.count.setText(text)

    # --- actions ----------------------------------------------------------------
    def update_actions(self) -> None:
        """Enable what the clerk may do now (call again when the file turns read-only)."""
        stack = self.editing.stack
        self.toolbar_actions.update(
            TabState(
                access=self.workspace,
                year=self.year,
                has_selection=self.selected_task() is not None,
                has_tasks=self.model.rowCount() > 0,
                undo_text=stack.undoText() if stack.canUndo() else None,
                redo_text=stack.redoText() if stack.canRedo() else None,
            )
        )
        if self.workspace is not None:
            self.model.set_editable(self.workspace.may(Action.ENTER_DATA))

    def _on_history_changed(self, _index: int) -> None:
        # The stack empties itself (and says so) while the tab is destroyed, after the table.
        if Shiboken.isValid(self.table):
            self.update_actions()

    def _allowed(self, action: QAction) -> bool:
        # The file may have turned read-only since the buttons were last updated.
        self.update_actions()
        return action.isEnabled()

    def add_task(self) -> None:
        if self._allowed(self.toolbar_actions.add):
            self.editing.add()

    def edit_task(self) -> None:
        task = self.selected_task()
        if task is not None and self._allowed(self.toolbar_actions.edit):
            self.editing.edit(task)

    def duplicate_task(self) -> None:
        task = self.selected_task()
        if task is not None and self._allowed(self.toolbar_actions.duplicate):
            self.editing.duplicate(task)

    def delete_task(self) -> None:
        task = self.selected_task()
        if task is not None and self._allowed(self.toolbar_actions.delete):
            self.editing.delete(task)

    def undo(self) -> None:
        if self._allowed(self.toolbar_actions.undo):
            self.editing.stack.undo()

    def redo(self) -> None:
        if self._allowed(self.toolbar_actions.redo):
            self.editing.stack.redo()

    def copy_forward(self) -> None:
        if not self._allowed(self.toolbar_actions.copy_forward):
            return
        assert self.workspace is not None and self.year is not None
        try:  # the dialog reads the years and tasks: a dropped share refuses here
            dialog = CopyForwardDialog(self.workspace.ledger, self.year, self)
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(self, self.tr("Copy from last year"), error)
            return
        if not ledger_editing.run_dialog(dialog) or not dialog.copied:
            return
        to_year = dialog.to_year.value()
        self.data_changed.emit()
        if to_year == self.year:
            self.reload()
        else:
            self.year_requested.emit(to_year)
        messages.info(
            self,
            self.tr("Copy from last year"),
            self.tr("{0} tasks were copied into {1}.").format(len(dialog.copied), to_year),
        )

    def show_wall_charts(self) -> None:
        if not self._allowed(self.toolbar_actions.wall_charts):
            return
        assert self.workspace is not None and self.year is not None
        try:
            dialog = WallChartDialog(self.workspace.wall_charts, self.year, self)
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(self, self.tr("Wall charts"), error)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.wall_chart_dialog = dialog
        dialog.open()

    # --- keys and mouse on the table ----------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER
            and self.table.state() != QAbstractItemView.State.EditingState
        ):
            self.edit_task()
            return True
        return super().eventFilter(watched, event)

    def _on_double_click(self, index: object) -> None:
        source = self.proxy.mapToSource(index)  # type: ignore[arg-type]
        if not self.model.is_inline_editable(source):
            self.edit_task()  # not a cell edited in place: open the whole task
