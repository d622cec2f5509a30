"""A page that replaces an empty table with what the clerk should do next.

An empty grid says nothing; a sentence naming the menu item, with buttons that
trigger the very same QActions as the menu, does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


def button_text(action: QAction) -> str:
    """A menu text as a button says it: no accelerator, no trailing ellipsis."""
    # "导入工作簿(&I)…" and "&Import workbook…" both lose the marker and the dots.
    text = re.sub(r"\(&.\)", "", action.text()).replace("&", "")
    return text.rstrip("…").rstrip(".").strip()


class EmptyStatePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setObjectName("emptyStateMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.message.setFont(font)
        # A wrapped label only gets its height right when the layout hands it a real
        # width, so it sits in a row between stretches rather than being centre-aligned.
        self.message.setMinimumWidth(320)
        self.message.setMaximumWidth(640)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        self.buttons: list[QPushButton] = []

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.message, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addSpacing(16)
        layout.addLayout(self._buttons)
        layout.addStretch(3)

    def set_state(self, message: str, actions: Sequence[QAction]) -> None:
        self.message.setText(message)
        for button in self.buttons:
            self._buttons.removeWidget(button)
            button.hide()  # deleteLater waits for the event loop; do not paint it meanwhile
            button.deleteLater()
        self.buttons = []
        for position, action in enumerate(actions, start=1):
            button = QPushButton(button_text(action))
            button.setMinimumHeight(32)
            button.setEnabled(action.isEnabled())
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            # The button mirrors the action, so a read-only file disables both.
            action.enabledChanged.connect(button.setEnabled)
            self._buttons.insertWidget(position, button)
            self.buttons.append(button)


class EmptyStateStack(QStackedWidget):
    """Shows `content` when there is something to show, else the guidance page."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.empty_page = EmptyStatePage()
        self.addWidget(content)
        self.addWidget(self.empty_page)

    def show_content(self) -> None:
        self.setCurrentWidget(self.content)

    def show_empty(self, message: str, actions: Sequence[QAction] = ()) -> None:
        self.empty_page.set_state(message, actions)
        self.setCurrentWidget(self.empty_page)

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_page
