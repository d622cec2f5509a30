"""The score cell editor: a line edit that refuses a bad score where it was typed.

Enter, Tab and their Shift variants first check the text with the scheme's
`score_from_text` (0–100, one decimal, full-width digits taken). A bad value is
refused in place: the editor stays open, framed red, with the reason beside it and
in the tab's status line; Esc gives the old value back. A good one is committed and
the delegate asks the grid to move, the way a spreadsheet does after Enter or Tab.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from kaohe_desktop.domain.quarterly_rules import ScoreError, score_from_text
from kaohe_desktop.ui.quarterly.grading_model import SCORE_COLUMNS

AnyIndex = QModelIndex | QPersistentModelIndex
EditGate = Callable[[AnyIndex], bool]  # False: do not open an editor on this cell now

_REFUSED_STYLE = "QLineEdit { border: 2px solid #c62828; background: #fde7e7; }"
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class Move(Enum):
    """Where the current cell goes after a commit or a navigation key."""

    DOWN = "down"  # Enter
    UP = "up"  # Shift+Enter
    NEXT = "next"  # Tab: to the next score column, then the next row's first
    PREVIOUS = "previous"  # Shift+Tab


def move_for_key(event: QKeyEvent) -> Move | None:
    key = event.key()
    if key in _ENTER:
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        return Move.UP if shift else Move.DOWN
    if key == Qt.Key.Key_Tab:
        return Move.NEXT
    if key == Qt.Key.Key_Backtab:
        return Move.PREVIOUS
    return None


class ScoreDelegate(QStyledItemDelegate):
    refused = Signal(str)  # why the text in the editor was not taken
    accepted = Signal()  # a value went to the model (the refusal no longer applies)
    move = Signal(object)  # Move, after a committed Enter / Tab

    def __init__(self, gate: EditGate | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gate = gate

    # --- the editor -----------------------------------------------------------
    # Qt takes None for "no editor here"; PySide6's stubs say a QWidget is always returned.
    def createEditor(  # type: ignore[override]
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget | None:
        if index.column() not in SCORE_COLUMNS:
            return super().createEditor(parent, option, index)
        if self._gate is not None and not self._gate(index):
            return None  # e.g. another workstation edits this department: no editor
        editor = QLineEdit(parent)
        editor.setObjectName("scoreEditor")
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setMaxLength(16)
        editor.setProperty("scoreLabel", SCORE_COLUMNS[index.column()].label)
        editor.textEdited.connect(lambda _text, e=editor: _clear_refusal(e))
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit) and index.column() in SCORE_COLUMNS:
            # A reload (a save, another workstation's change) refreshes open editors too;
            # what the clerk is typing must not be replaced under their fingers.
            if not editor.isModified():
                editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QLineEdit) and index.column() in SCORE_COLUMNS:
            if problem(editor) is None:
                model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    # --- keys -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QLineEdit) or watched.objectName() != "scoreEditor":
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            move = move_for_key(event)
            if move is not None:
                if self._refuse_if_bad(watched):
                    return True  # the editor stays open with the reason
                self._commit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                self.move.emit(move)
                return True
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            reason = event.reason()
            if reason in (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason):
                return False  # another window came up; the editor waits for the clerk
            text = problem(watched)
            if text is not None:
                # The clerk clicked elsewhere: a bad value is dropped, and said so.
                self.refused.emit(text + self.tr(" — not saved, the old value is kept."))
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
            self._commit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)

    def _commit(self, editor: QLineEdit, hint: QAbstractItemDelegate.EndEditHint) -> None:
        self.accepted.emit()
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)

    def _refuse_if_bad(self, editor: QLineEdit) -> bool:
        text = problem(editor)
        if text is None:
            return False
        editor.setStyleSheet(_REFUSED_STYLE)
        editor.setToolTip(text)
        QToolTip.showText(editor.mapToGlobal(QPoint(0, editor.height())), text, editor)
        editor.selectAll()  # the next key replaces the bad value
        self.refused.emit(text)
        return True


def problem(editor: QLineEdit) -> str | None:
    """Why the editor's text is not a score (None: it is, or it is empty)."""
    label = str(editor.property("scoreLabel") or "")
    try:
        score_from_text(editor.text(), label)
    except ScoreError as error:
        return str(error)
    return None


def _clear_refusal(editor: QLineEdit) -> None:
    if editor.styleSheet():
        editor.setStyleSheet("")
        editor.setToolTip("")
        QToolTip.hideText()
