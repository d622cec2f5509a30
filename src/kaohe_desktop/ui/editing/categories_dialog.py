"""基础数据 · 人员类别: add, rename, reorder and delete the bureau's staff categories.

A bureau adds its own (局领导) here before importing the people of it. Renaming goes
through the record editor (conflict-checked); the rest through CategoryService. The
table says how many people are of each and whether this quarter's 考核方案 leaves it
out of the 平时考核; a category a scheme names keeps its name (the service refuses,
and the screen says why before opening the editor), one with people is not deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
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

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.common.record_edit import RecordEditor
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.org.categories import (
    MAX_NAME,
    CategoryItem,
    CategoryService,
    delete_refusal,
    name_problem,
    rename_refusal,
)
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.editing.record_dialog import RecordDialog

_Refusal = (InputError, StorageError, PermissionDeniedError)

# Opens the record editor of one record (not yet shown): see departments_dialog.OpenRecord.
OpenRecord = Callable[[RecordEditor[Any], int, QWidget], RecordDialog]


class CategoryTableModel(RowTableModel[CategoryItem]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.set_rows_columns("")

    def set_rows_columns(self, quarter: str) -> None:
        """The columns; the 平时考核 one names the quarter it is about."""
        graded, ungraded = self.tr("Graded"), self.tr("Not graded")
        self.set_columns(
            [
                Column(self.tr("Staff category"), lambda c: c.name),
                Column(self.tr("Order"), lambda c: c.sort_order, numeric=True),
                Column(
                    self.tr("People"),
                    lambda c: c.people,
                    numeric=True,
                    header_tooltip=self.tr("Every person record of it, including people who left"),
                ),
                Column(
                    self.tr("Quarterly assessment {0}").format(quarter).strip(),
                    lambda c: ungraded if c.ungraded_now else graded,
                    center=True,
                    color=lambda c: "#8a5a00" if c.ungraded_now else None,
                ),
                Column(
                    self.tr("Named by schemes"),
                    self._schemes,
                    tooltip=lambda c: "、".join(c.schemes) or None,
                ),
            ]
        )

    def _schemes(self, item: CategoryItem) -> str:
        if not item.schemes:
            return ""
        if len(item.schemes) == 1:
            return self.tr("{0}: not graded").format(item.schemes[0])
        return self.tr("{0} etc. ({1} quarters): not graded").format(
            item.schemes[-1], len(item.schemes)
        )


class AddCategoryDialog(QDialog):
    """The new category's name, checked as the clerk types."""

    def __init__(self, taken: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addCategoryDialog")
        self.setWindowTitle(self.tr("New staff category"))
        self.setMinimumWidth(420)
        self._taken = set(taken)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("categoryName")
        self.name_edit.setMaxLength(MAX_NAME + 20)  # longer is refused with a reason, not cut
        self.name_edit.setPlaceholderText(self.tr("e.g. bureau leaders"))
        self.problem = QLabel()
        self.problem.setObjectName("nameProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("addCategoryOk")
        self.ok_button.setText(self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow("", self.problem)
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

    def name(self) -> str:
        return self.name_edit.text().strip()


def open_add_dialog(dialog: AddCategoryDialog) -> bool:
    """Show the add dialog modally; a function so tests can fill it in."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class CategoriesDialog(QDialog):
    changed = Signal()  # a category was saved: tabs that show categories reload

    def __init__(
        self,
        access: Access,
        categories: CategoryService,
        parent: QWidget | None = None,
        *,
        open_record: OpenRecord,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("categoriesDialog")
        self.setWindowTitle(self.tr("Basic data — staff categories"))
        self.resize(820, 460)
        self.access = access
        self.categories = categories
        self._open_record = open_record
        self.model = CategoryTableModel(self)
        self.view = make_table_view(
            self.model, {0: 200, 1: 50, 2: 60, 3: 150}, sortable=False, name="categoryTable"
        )
        self.view.doubleClicked.connect(lambda _index: self.rename_selected())
        self.view.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._update_buttons()
        )
        note = QLabel(
            self.tr(
                "Each person belongs to one staff category; people are ranked within their "
                "category, and the ranking workbook has one sheet per category in this "
                "order. Add a category such as 局领导 here before importing its people. "
                "A category that an assessment scheme lists as not graded cannot be "
                "renamed: the schemes name it by its text, and a new name would have its "
                "people graded. A category that has people cannot be deleted."
            )
        )
        note.setObjectName("categoriesNote")
        note.setWordWrap(True)
        self.add_button = self._button(self.tr("Add…"), "addCategory", self.add_category)
        self.rename_button = self._button(
            self.tr("Rename…"), "renameCategory", self.rename_selected
        )
        self.up_button = self._button(self.tr("Move up"), "moveCategoryUp", self.move_up)
        self.down_button = self._button(self.tr("Move down"), "moveCategoryDown", self.move_down)
        self.delete_button = self._button(
            self.tr("Delete…"), "deleteCategory", self.delete_selected
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            row.addWidget(button)
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
            items = self.categories.listing()
        except (StorageError, PermissionDeniedError, InputError) as error:
            messages.show_error(self, self.windowTitle(), error)
            items = []
        if items:
            self.model.set_rows_columns(items[0].quarter)
        self.model.set_rows(items)
        ids = [item.id for item in items]
        if select_id is not None and select_id in ids:
            self.view.selectRow(ids.index(select_id))
        self._update_buttons()

    def selected(self) -> CategoryItem | None:
        index: QModelIndex = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _why_not(self) -> str | None:
        """Why this clerk may not change categories (None: they may)."""
        if self.access.read_only:
            return self.tr("The data file is open read-only: {0}").format(
                self.access.read_only_reason or ""
            )
        if not self.access.may(Action.ENTER_DATA):
            return self.tr("Your role ({0}) may view staff categories but not change them.").format(
                self.access.actor.role.label
            )
        return None

    def _update_buttons(self) -> None:
        item = self.selected()
        why_not = self._why_not()
        may = why_not is None
        place = None if item is None else self.model.rows().index(item)
        self.add_button.setEnabled(may)
        self.rename_button.setEnabled(may and item is not None)
        self.up_button.setEnabled(may and place is not None and place > 0)
        self.down_button.setEnabled(may and place is not None and place < self.model.rowCount() - 1)
        self.delete_button.setEnabled(may and item is not None)
        for button in (self.add_button, self.up_button, self.down_button):
            button.setToolTip(why_not or "")
        rename_tip = delete_tip = why_not or ""
        # Short: a tooltip does not wrap. The button itself shows the whole reason.
        if may and item is not None and not item.renamable:
            rename_tip = self.tr(
                "An assessment scheme lists it as not graded: it cannot be renamed."
            )
        if may and item is not None and item.people:
            delete_tip = self.tr("{0} people are of it: it cannot be deleted.").format(item.people)
        elif may and item is not None and not item.deletable:
            delete_tip = self.tr(
                "An assessment scheme lists it as not graded: it cannot be deleted."
            )
        self.rename_button.setToolTip(rename_tip)
        self.delete_button.setToolTip(delete_tip)

    # --- changes ------------------------------------------------------------------
    def _apply(self, change: Callable[[], object], select_id: int | None) -> bool:
        """Run one change; explain a refusal; reload either way (someone else may have
        changed the list too). A change that returns a category selects it."""
        try:
            result = change()
        except _Refusal as error:
            messages.show_error(self, self.windowTitle(), error)
            self.reload()
            return False
        self.reload(result.id if isinstance(result, CategoryItem) else select_id)
        self.changed.emit()
        return True

    def add_category(self) -> None:
        dialog = AddCategoryDialog([item.name for item in self.model.rows()], self)
        if open_add_dialog(dialog):
            name = dialog.name()
            self._apply(lambda: self.categories.add(name), None)

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def _move(self, offset: int) -> None:
        item = self.selected()
        if item is not None:
            self._apply(lambda: self.categories.move(item.id, offset), item.id)

    def delete_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        if not item.deletable:
            # The service would refuse with the same words; no point asking first.
            messages.show_error(self, self.windowTitle(), InputError(delete_refusal(item)))
            return
        question = self.tr("Delete the staff category “{0}”? This cannot be undone.").format(
            item.name
        )
        if messages.ask(self, self.windowTitle(), question):
            self._apply(lambda: self.categories.delete(item.id), None)

    # --- the record editor ----------------------------------------------------------
    def open_editor(self, item: CategoryItem) -> RecordDialog | None:
        """The editor of one category (not yet shown); None if it may not be renamed
        (the reason shown) or could not be read."""
        if not item.renamable:
            messages.show_error(
                self, self.windowTitle(), InputError(rename_refusal(item.name, item.schemes))
            )
            return None
        try:
            return self._open_record(self.categories, item.id, self)
        except _Refusal as error:
            messages.show_error(self, self.windowTitle(), error)
            self.reload()
            return None

    def rename_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        editor = self.open_editor(item)
        if editor is None:
            return
        editor.saved.connect(lambda _snapshot: self.changed.emit())
        editor.exec()
        self.reload()
