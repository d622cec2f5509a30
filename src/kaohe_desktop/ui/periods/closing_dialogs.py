"""The two dialogs of a tab's 关闭 (季度考核, 半年考核, 年度考核), laid out once.

- the refusal: what keeps the period from being closed, one line each, a hint on
  what to do, and a button that shows only those people or departments;
- the confirmation: a heading, what is about to be stored, what follows, an optional
  note for the record, and Cancel as the default button.

Each tab subclasses them and words them in its own class (its texts stay in its own
translation context), and says what "show only" does; period_closing.py holds the
steps around them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

EARLY_COLOR = "#b26a00"  # amber: allowed, but think twice


@dataclass(frozen=True)
class BlockerTexts:
    heading: str  # "The year cannot be closed yet. 3 people must be settled first:"
    hint: str  # what to do, then close again
    show_only: str
    close: str


class PeriodBlockersDialog(QDialog):
    """What keeps a period from being closed; the subclass words it and handles the button."""

    def __init__(
        self,
        title: str,
        lines: list[str],
        parent: QWidget | None,
        *,
        names: tuple[str, str, str],  # the dialog's, the list's, the show-only button's
        size: tuple[int, int],
    ) -> None:
        super().__init__(parent)
        self._names = names
        self.setObjectName(names[0])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.resize(*size)
        self.list = QListWidget()
        self.list.setObjectName(names[1])
        self.list.addItems(lines)

    def _lay_out(self, texts: BlockerTexts) -> None:
        heading = QLabel(texts.heading)
        heading.setWordWrap(True)
        hint = QLabel(texts.hint)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.show_button = buttons.addButton(
            texts.show_only, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.show_button.setObjectName(self._names[2])
        self.close_button = buttons.addButton(texts.close, QDialogButtonBox.ButtonRole.RejectRole)
        self.show_button.clicked.connect(self._show_only)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _show_only(self) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class CloseTexts:
    title: str  # "Close 2026年第二季度"
    heading: str  # "Close the grading of 2026年第二季度?"
    consequences: str  # one "• …" line each
    note_hint: str  # the note's placeholder
    note: str  # its label
    confirm: str  # "Close the quarter"
    cancel: str


class PeriodCloseDialog(QDialog):
    """Confirm closing a period. Object names follow `what` ("Quarter"): closeQuarterDialog,
    closeQuarterSummary, closeQuarterConsequences, closeQuarterNote, confirmCloseQuarter,
    cancelCloseQuarter."""

    def __init__(self, what: str, parent: QWidget | None, *, min_width: int) -> None:
        super().__init__(parent)
        self._what = what
        self.setObjectName(f"close{what}Dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(min_width)
        self.note = QLineEdit()
        self.note.setObjectName(f"close{what}Note")

    def ask_early(self, question: str | None) -> None:
        """Before the period's last day: the question of early_close_question, shown."""
        self.early.setText(question or "")
        self.early.setVisible(bool(question))

    def _lay_out(self, texts: CloseTexts, summary_text: str, *, stretch: bool = False) -> None:
        what = self._what
        self.setWindowTitle(texts.title)
        heading = QLabel(texts.heading)
        heading.setStyleSheet("font-weight: bold;")
        summary = QLabel(summary_text)
        summary.setObjectName(f"close{what}Summary")
        summary.setWordWrap(True)
        consequences = QLabel(texts.consequences)
        consequences.setObjectName(f"close{what}Consequences")
        consequences.setWordWrap(True)
        self.note.setPlaceholderText(texts.note_hint)
        form = QFormLayout()
        form.addRow(texts.note, self.note)
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(texts.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setObjectName(f"confirmClose{what}")
        cancel = buttons.addButton(texts.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName(f"cancelClose{what}")
        cancel.setDefault(True)  # locking everyone out is not what Enter should do
        self.close_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        self.early = QLabel()  # before the period's last day: the question (ask_early)
        self.early.setObjectName(f"close{what}Early")
        self.early.setWordWrap(True)
        self.early.setStyleSheet(f"color: {EARLY_COLOR}; font-weight: bold;")
        self.early.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.early)
        layout.addWidget(summary)
        layout.addWidget(consequences)
        layout.addLayout(form)
        if stretch:
            layout.addStretch(1)
        layout.addWidget(buttons)
