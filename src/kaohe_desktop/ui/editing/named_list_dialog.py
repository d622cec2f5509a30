"""What the 基础数据 list dialogs share (科室, 人员类别): an ordered list of named
records with add (the name checked as the clerk types), edit through the record
editor, move up/down, delete, and buttons a read-only file or role leaves disabled,
saying why.

Each dialog keeps what differs: its columns, its note, extra buttons (科室: retire),
when moving or deleting is refused, and its add dialog's extra fields. The add flow
stays in each dialog module (`open_add_dialog` there is what the tests replace).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, Generic, Protocol, TypeVar

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
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.table_model import RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.editing.record_dialog import RecordDialog

Refusal = (InputError, StorageError, PermissionDeniedError)

# Opens the record editor of one record (not yet shown), e.g. partial(RecordDialog,
# workspace). The editor needs more of the open file than this dialog is given (its
# leases, and the file and account an exported edit names), so it is handed in ready.
OpenRecord = Callable[[RecordEditor[Any], int, QWidget], RecordDialog]


class NamedItem(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...


Item = TypeVar("Item", bound=NamedItem)


class NamedRecords(Protocol[Item]):
    """The service calls the list dialog makes itself (add differs per dialog)."""

    def listing(self) -> list[Item]: ...

    def move(self, record_id: int, offset: int, /) -> None: ...

    def delete(self, record_id: int, /) -> None: ...


class AddNameDialog(QDialog):
    """A new record's name, checked as the clerk types; a subclass adds rows to `form`."""

    def __init__(
        self,
        taken: Collection[str],
        problem_of: Callable[[str, Collection[str]], str | None],
        max_name: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumWidth(420)
        self._taken = set(taken)
        self._problem_of = problem_of
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(max_name + 20)  # longer is refused with a reason, not cut
        self.problem = QLabel()
        self.problem.setObjectName("nameProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Name"), self.name_edit)
        self.form.addRow("", self.problem)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        # textChanged, not textEdited: an input method or a paste must be checked too.
        self.name_edit.textChanged.connect(lambda _text: self._check(shown=True))
        self._check(shown=False)  # nothing typed yet: no reproach, but no 添加 either

    def _check(self, *, shown: bool) -> None:
        problem = self._problem_of(self.name_edit.text(), self._taken)
        self.problem.setText(problem or "")
        self.problem.setVisible(shown and problem is not None)
        self.ok_button.setEnabled(problem is None)

    def name(self) -> str:
        return self.name_edit.text().strip()


class NamedListDialog(QDialog, Generic[Item]):
    """The list, its buttons and the changes every 基础数据 list makes the same way.

    `noun` names the buttons' objects (addDepartment, moveDepartmentUp, …); a subclass
    adds its own buttons with `extra` (placed before 删除), then sets its texts."""

    changed = Signal()  # a record was saved: tabs that show these records reload

    def __init__(
        self,
        access: Access,
        records: NamedRecords[Item],
        editor: RecordEditor[Any],
        parent: QWidget | None,
        *,
        open_record: OpenRecord,
        model: Callable[[QWidget], RowTableModel[Item]],
        widths: Mapping[int, int],
        noun: str,
    ) -> None:
        super().__init__(parent)
        self.access = access
        self._records = records
        self._editor = editor
        self._open_record = open_record
        self.model = model(self)
        self.view = make_table_view(
            self.model, widths, sortable=False, name=f"{noun[0].lower()}{noun[1:]}Table"
        )
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._update_buttons()
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.add_button = self._button(self.tr("Add…"), f"add{noun}", self._add)
        self.edit_button = self._button(self.tr("Edit…"), f"edit{noun}", self.edit_selected)
        self.up_button = self._button(self.tr("Move up"), f"move{noun}Up", self.move_up)
        self.down_button = self._button(self.tr("Move down"), f"move{noun}Down", self.move_down)
        self.delete_button = self._button(self.tr("Delete…"), f"delete{noun}", self.delete_selected)

    def _lay_out(self, *extra: QPushButton) -> None:
        """The note, the table and the button row; then the list is read."""
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.up_button, self.down_button):
            row.addWidget(button)
        for button in (*extra, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.reload()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Enter in the table must not add or delete
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- what differs ----------------------------------------------------------------
    def _add(self) -> None:
        raise NotImplementedError

    def _can_move(self, item: Item, offset: int) -> bool:
        """Whether the selected record has a place to move to (default: not at an end)."""
        place = self.model.rows().index(item) + offset
        return 0 <= place < self.model.rowCount()

    def _delete_refusal(self, item: Item) -> str | None:
        """Why the selected record cannot be deleted (the service's words), or None."""
        raise NotImplementedError

    def _delete_question(self, item: Item) -> str:
        raise NotImplementedError

    def _role_refusal(self) -> str:
        """The line for a role that may look but not change."""
        raise NotImplementedError

    def _shown(self, items: list[Item]) -> None:
        """Called with the rows before they are shown (e.g. to retitle a column)."""

    # --- the list -----------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        if select_id is None:
            selected = self.selected()
            select_id = selected.id if selected is not None else None
        try:
            items = self._records.listing()
        except Refusal as error:
            messages.show_error(self, self.windowTitle(), error)
            items = []
        self._shown(items)
        self.model.set_rows(items)
        ids = [item.id for item in items]
        if select_id is not None and select_id in ids:
            self.view.selectRow(ids.index(select_id))
        self._update_buttons()

    def selected(self) -> Item | None:
        index: QModelIndex = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _why_not(self) -> str | None:
        """Why this clerk may not change the list (None: they may)."""
        if self.access.read_only:
            return self.tr("The data file is open read-only: {0}").format(
                self.access.read_only_reason or ""
            )
        if not self.access.may(Action.ENTER_DATA):
            return self._role_refusal()
        return None

    def _update_buttons(self) -> None:
        """The buttons every list has; a subclass adds its own after calling this."""
        item = self.selected()
        why_not = self._why_not()
        may = why_not is None
        self.add_button.setEnabled(may)
        self.up_button.setEnabled(may and item is not None and self._can_move(item, -1))
        self.down_button.setEnabled(may and item is not None and self._can_move(item, +1))
        self.delete_button.setEnabled(may and item is not None)
        for button in (self.add_button, self.up_button, self.down_button):
            button.setToolTip(why_not or "")
        self.delete_button.setToolTip(why_not or "")

    # --- changes ------------------------------------------------------------------
    def _apply(self, change: Callable[[], Item | None], select_id: int | None) -> bool:
        """Run one change; explain a refusal; reload either way (someone else may have
        changed the list too). A change that returns a record selects it."""
        try:
            result = change()
        except Refusal as error:
            messages.show_error(self, self.windowTitle(), error)
            self.reload()
            return False
        self.reload(result.id if result is not None else select_id)
        self.changed.emit()
        return True

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def _move(self, offset: int) -> None:
        item = self.selected()
        if item is not None:
            records = self._records
            self._apply(lambda: records.move(item.id, offset), item.id)

    def delete_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        refusal = self._delete_refusal(item)
        if refusal is not None:
            # The service would refuse with the same words; no point asking first.
            messages.show_error(self, self.windowTitle(), InputError(refusal))
            return
        if messages.ask(self, self.windowTitle(), self._delete_question(item)):
            records = self._records
            self._apply(lambda: records.delete(item.id), None)

    # --- the record editor ----------------------------------------------------------
    def open_editor(self, item: Item) -> RecordDialog | None:
        """The editor of one record (not yet shown); None if it could not be read."""
        try:
            return self._open_record(self._editor, item.id, self)
        except Refusal as error:
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
