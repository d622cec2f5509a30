"""基础数据 · 科室: add, rename, reorder, group, retire and delete the bureau's departments.

Renaming and the group or kind go through the record editor (conflict-checked); the
rest through DepartmentService. The table says where each department is used, so a
department in use is never offered for deletion, only for retirement.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.enums import DepartmentKind
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.common.record_edit import RecordEditor
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.org.department_uses import DepartmentItem
from kaohe_desktop.services.org.departments import (
    MAX_NAME,
    DepartmentService,
    in_use_message,
    name_problem,
)
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.editing.record_dialog import RecordDialog

_Refusal = (InputError, StorageError, PermissionDeniedError)

# Opens the record editor of one record (not yet shown), e.g. partial(RecordDialog,
# workspace). The editor needs more of the open file than this dialog is given (its
# leases, and the file and account an exported edit names), so it is handed in ready.
OpenRecord = Callable[[RecordEditor[Any], int, QWidget], RecordDialog]


def _gray(item: DepartmentItem) -> str | None:
    return "gray" if item.retired else None


class DepartmentTableModel(RowTableModel[DepartmentItem]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        in_use, retired = self.tr("In use"), self.tr("Retired")
        self.set_columns(
            [
                Column(self.tr("Department"), lambda d: d.name, color=_gray),
                Column(self.tr("Group"), lambda d: d.group, color=_gray),
                Column(self.tr("Kind"), lambda d: d.kind, color=_gray),
                Column(self.tr("Order"), lambda d: d.sort_order, numeric=True, color=_gray),
                Column(
                    self.tr("Status"),
                    lambda d: retired if d.retired else in_use,
                    center=True,
                    color=_gray,
                ),
                Column(
                    self.tr("Used by"),
                    lambda d: d.uses.describe(),
                    tooltip=lambda d: d.uses.describe() or None,
                    color=_gray,
                ),
            ]
        )


class AddDepartmentDialog(QDialog):
    """Name (checked as the clerk types), group (one of those in use, or a new one), kind."""

    def __init__(self, taken: list[str], groups: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addDepartmentDialog")
        self.setWindowTitle(self.tr("New department"))
        self.setMinimumWidth(420)
        self._taken = set(taken)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("departmentName")
        self.name_edit.setMaxLength(MAX_NAME + 20)  # longer is refused with a reason, not cut
        self.problem = QLabel()
        self.problem.setObjectName("nameProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.group = QComboBox()
        self.group.setObjectName("departmentGroup")
        self.group.setEditable(True)
        self.group.addItems(["", *groups])
        self.kind = QComboBox()
        self.kind.setObjectName("departmentKind")
        self.kind.addItems(["", *DepartmentKind.labels()])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("addDepartmentOk")
        self.ok_button.setText(self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow("", self.problem)
        form.addRow(self.tr("Group"), self.group)
        form.addRow(self.tr("Kind"), self.kind)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        # textChanged, not textEdited: an input method or a paste must be checked too.
        self.name_edit.textChanged.connect(lambda _text: self._check(shown=True))
        self._check(shown=False)  # nothing typed yet: no reproach, but no 添加 either

    def _check(self, *, shown: bool) -> None:
        problem = name_problem(self.name_edit.text(), self._taken)
        self.problem.setText(problem or "")
        self.problem.setVisible(shown and problem is not None)
        self.ok_button.setEnabled(problem is None)

    def values(self) -> tuple[str, str | None, str | None]:
        return (
            self.name_edit.text().strip(),
            self.group.currentText().strip() or None,
            self.kind.currentText() or None,
        )


def open_add_dialog(dialog: AddDepartmentDialog) -> bool:
    """Show the add dialog modally; a function so tests can fill it in."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class DepartmentsDialog(QDialog):
    changed = Signal()  # a department was saved: tabs that show departments reload

    def __init__(
        self,
        access: Access,
        departments: DepartmentService,
        parent: QWidget | None = None,
        *,
        open_record: OpenRecord,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("departmentsDialog")
        self.setWindowTitle(self.tr("Basic data — departments"))
        self.resize(880, 500)
        self.access = access
        self.departments = departments
        self._open_record = open_record
        self.model = DepartmentTableModel(self)
        self.view = make_table_view(
            self.model,
            {0: 170, 1: 100, 2: 90, 3: 50, 4: 70},
            sortable=False,
            name="departmentTable",
        )
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._update_buttons()
        )
        note = QLabel(
            self.tr(
                "Tasks, people and checks refer to the department itself, so a new name "
                "shows everywhere at once. A department in use cannot be deleted, only "
                "retired: it stays for history but is no longer offered for new entries."
            )
        )
        note.setWordWrap(True)
        self.add_button = self._button(self.tr("Add…"), "addDepartment", self.add_department)
        self.edit_button = self._button(self.tr("Edit…"), "editDepartment", self.edit_selected)
        self.up_button = self._button(self.tr("Move up"), "moveDepartmentUp", self.move_up)
        self.down_button = self._button(self.tr("Move down"), "moveDepartmentDown", self.move_down)
        self.retire_button = self._button(
            self.tr("Retire"), "retireDepartment", self.toggle_retired
        )
        self.delete_button = self._button(
            self.tr("Delete…"), "deleteDepartment", self.delete_selected
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.up_button, self.down_button):
            row.addWidget(button)
        row.addWidget(self.retire_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.reload()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Enter in the table must not add or delete
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- the list -----------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        if select_id is None:
            selected = self.selected()
            select_id = selected.id if selected is not None else None
        try:
            items = self.departments.listing()
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(self, self.windowTitle(), error)
            items = []
        self.model.set_rows(items)
        ids = [item.id for item in items]
        if select_id is not None and select_id in ids:
            self.view.selectRow(ids.index(select_id))
        self._update_buttons()

    def selected(self) -> DepartmentItem | None:
        index: QModelIndex = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _neighbour(self, item: DepartmentItem, offset: int) -> DepartmentItem | None:
        """The department it would swap places with (only among its own kind)."""
        rows = self.model.rows()
        place = next(i for i, row in enumerate(rows) if row.id == item.id) + offset
        if 0 <= place < len(rows) and rows[place].retired == item.retired:
            return rows[place]
        return None

    def _why_not(self) -> str | None:
        """Why this clerk may not change departments (None: they may)."""
        if self.access.read_only:
            return self.tr("The data file is open read-only: {0}").format(
                self.access.read_only_reason or ""
            )
        if not self.access.may(Action.ENTER_DATA):
            return self.tr("Your role ({0}) may view departments but not change them.").format(
                self.access.actor.role.label
            )
        return None

    def _update_buttons(self) -> None:
        item = self.selected()
        why_not = self._why_not()
        may = why_not is None
        self.edit_button.setEnabled(item is not None)  # a read-only role still sees details
        self.add_button.setEnabled(may)
        self.up_button.setEnabled(
            may and item is not None and self._neighbour(item, -1) is not None
        )
        self.down_button.setEnabled(
            may and item is not None and self._neighbour(item, +1) is not None
        )
        retired = item is not None and item.retired
        self.retire_button.setText(self.tr("Restore") if retired else self.tr("Retire"))
        self.retire_button.setEnabled(may and item is not None)
        self.delete_button.setEnabled(may and item is not None)
        for button in (self.add_button, self.up_button, self.down_button, self.retire_button):
            button.setToolTip(why_not or "")
        delete_tip = why_not or ""
        if may and item is not None and item.uses.in_use:
            delete_tip = self.tr("In use: it can only be retired.")
        self.delete_button.setToolTip(delete_tip)

    # --- changes ------------------------------------------------------------------
    def _apply(self, change: Callable[[], object], select_id: int | None) -> bool:
        """Run one change; explain a refusal; reload either way (someone else may have
        changed the list too). A change that returns a department selects it."""
        try:
            result = change()
        except _Refusal as error:
            messages.show_error(self, self.windowTitle(), error)
            self.reload()
            return False
        self.reload(result.id if isinstance(result, DepartmentItem) else select_id)
        self.changed.emit()
        return True

    def add_department(self) -> None:
        items = self.model.rows()
        groups = list(dict.fromkeys(item.group for item in items if item.group))
        dialog = AddDepartmentDialog([item.name for item in items], groups, self)
        if open_add_dialog(dialog):
            name, group, kind = dialog.values()
            self._apply(lambda: self.departments.add(name, group, kind), None)

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def _move(self, offset: int) -> None:
        item = self.selected()
        if item is not None:
            self._apply(lambda: self.departments.move(item.id, offset), item.id)

    def toggle_retired(self) -> None:
        item = self.selected()
        if item is None:
            return
        if not item.retired:
            detail = None
            if item.on_post:
                detail = self.tr(
                    "{0} people on post still belong to it; move them to another "
                    "department in their records."
                ).format(item.on_post)
            question = self.tr(
                "Retire “{0}”? It stays for history but is no longer offered for new entries."
            ).format(item.name)
            if not messages.ask(self, self.windowTitle(), question, detail):
                return
        admin = self.departments
        self._apply(lambda: admin.set_retired(item.id, not item.retired), item.id)

    def delete_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.uses.in_use:
            # The service would refuse with the same words; no point asking first.
            messages.show_error(
                self, self.windowTitle(), InputError(in_use_message(item.name, item.uses))
            )
            return
        question = self.tr("Delete the department “{0}”? This cannot be undone.").format(item.name)
        if messages.ask(self, self.windowTitle(), question):
            self._apply(lambda: self.departments.delete(item.id), None)

    # --- the record editor ----------------------------------------------------------
    def open_editor(self, item: DepartmentItem) -> RecordDialog | None:
        """The editor of one department (not yet shown); None if it could not be read."""
        try:
            return self._open_record(self.departments, item.id, self)
        except _Refusal as error:
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
