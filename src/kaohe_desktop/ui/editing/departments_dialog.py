"""科室: the bureau's departments, each opened in the record editor to be changed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.services.department_list import (
    DepartmentItem,
    DepartmentList,
)
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.editing.record_dialog import RecordDialog


class DepartmentTableModel(RowTableModel[DepartmentItem]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Department"), lambda d: d.name),
                Column(self.tr("Group"), lambda d: d.group),
                Column(self.tr("Kind"), lambda d: d.kind),
                Column(self.tr("Order"), lambda d: d.sort_order, numeric=True),
                Column(
                    self.tr("Retired"),
                    lambda d: d.retired,
                    center=True,
                    color=lambda d: "gray" if d.retired else None,
                ),
            ]
        )


class DepartmentsDialog(QDialog):
    changed = Signal()  # a department was saved: tabs that show departments reload

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        departments: DepartmentList | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("departmentsDialog")
        self.setWindowTitle(self.tr("Departments"))
        self.resize(640, 460)
        self.workspace = workspace
        self._list = departments or workspace.department_list
        self.model = DepartmentTableModel(self)
        self.view = make_table_view(
            self.model, {0: 180, 1: 120, 2: 110, 3: 60}, sortable=False, name="departmentTable"
        )
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._update_buttons()
        )
        note = QLabel(
            self.tr("Double-click a department to change it. Retired departments stay for history.")
        )
        note.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editDepartment")
        self.edit_button.clicked.connect(self.edit_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        selected = self.selected()
        try:
            items = self._list.departments()
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(self, self.windowTitle(), error)
            items = []
        self.model.set_rows(items)
        ids = [item.id for item in items]
        if selected is not None and selected.id in ids:
            self.view.selectRow(ids.index(selected.id))
        self._update_buttons()

    def selected(self) -> DepartmentItem | None:
        index: QModelIndex = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def open_editor(self, item: DepartmentItem) -> RecordDialog | None:
        """The editor of one department (not yet shown); None if it could not be read."""
        try:
            return RecordDialog(self.workspace, self.workspace.departments, item.id, self)
        except (InputError, StorageError, PermissionDeniedError) as error:
            messages.show_error(self, self.windowTitle(), error)
            self.reload()
            return None

    def edit_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        editor = self.open_editor(item)
        if editor is None:
            return
        editor.saved.connect(lambda _snapshot: self.changed.emit())
        editor.exec()
        self.reload()
