"""The editors of the two typed cells of the 查账 grid.

实际完成情况 is a line edit: typing on the cell opens it with the first key, Enter saves
and moves down (Shift+Enter up, Tab to the next row's 完成情况), Esc gives the old text
back, and leaving the cell saves what was typed. The text is held to its limit where
it is typed, so the file never refuses it for length.

完成情况 is set from the keyboard without an editor (keys 1–5, see DueEditing); a
mouse user double-clicks the cell (or presses F2) for a list of the five statuses.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kaohe_desktop.domain.enums import CheckStatus
from kaohe_desktop.domain.text_rules import CHECK_ACTUAL
from kaohe_desktop.ui.checks.due_columns import STATUS_KEYS
from kaohe_desktop.ui.common.table_model import AnyIndex
from kaohe_desktop.ui.quarterly.grading_delegate import move_for_key

EditGate = Callable[[AnyIndex], bool]  # False: do not open an editor on this cell now
ACTUAL_EDITOR = "actualEditor"
STATUS_EDITOR = "statusEditor"


class ActualDelegate(QStyledItemDelegate):
    move = Signal(object)  # Move, after a committed Enter / Tab

    def __init__(self, gate: EditGate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gate = gate

    # Qt takes None for "no editor here"; PySide6's stubs say a QWidget is always returned.
    def createEditor(  # type: ignore[override]
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget | None:
        if not self._gate(index):
            return None
        editor = QLineEdit(parent)
        editor.setObjectName(ACTUAL_EDITOR)
        editor.setMaxLength(CHECK_ACTUAL.limit)
        editor.setPlaceholderText(self.tr("What was done; Enter saves"))
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit):
            # A live refresh updates open editors too: never replace what is being typed.
            if not editor.isModified():
                editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text().strip(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QLineEdit) or watched.objectName() != ACTUAL_EDITOR:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            move = move_for_key(event)
            if move is not None:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                self.move.emit(move)
                return True
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            reason = event.reason()
            if reason in (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason):
                return False  # a message box came up; the editor waits for the clerk
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)


class StatusDelegate(QStyledItemDelegate):
    """A list of the five statuses, for the mouse (the keyboard uses 1–5)."""

    def __init__(self, gate: EditGate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gate = gate

    def createEditor(  # type: ignore[override]
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget | None:
        if not self._gate(index):
            return None
        editor = QComboBox(parent)
        editor.setObjectName(STATUS_EDITOR)
        for key, status in STATUS_KEYS.items():
            editor.addItem(f"{key} {status.label}", status.value)
        # Chosen from the list: saved at once, as a key press would be.
        editor.activated.connect(lambda _i, e=editor: self._chosen(e))
        return editor

    def _chosen(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            text = str(index.data() or "")
            found = next((s for s in CheckStatus if text.startswith(s.label)), None)
            editor.setCurrentIndex(editor.findData(found.value) if found else 0)
            editor.showPopup()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            value = editor.currentData()
            if value is not None and not _same_status(index, str(value)):
                model.setData(index, value, Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


def _same_status(index: AnyIndex | QModelIndex, value: str) -> bool:
    """The status already stored (not a draft): choosing it again changes nothing."""
    text = str(index.data() or "")
    return text == CheckStatus(value).label
