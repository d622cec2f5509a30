"""A coloured strip above a form that says why it is read-only or what changed.

Banners, not message boxes: the state lasts as long as the dialog, and the clerk
keeps working with the form (or exports the edit) while it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Tone(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


# Background, border and text: light enough for black text, distinct without colour
# vision too (the text always says what happened).
_STYLES = {
    Tone.INFO: ("#e8f1fb", "#9bbfe6", "#1d3d5c"),
    Tone.WARNING: ("#fff6d6", "#e6c75a", "#5c4500"),
    Tone.ERROR: ("#fde7e7", "#e08a8a", "#7a1010"),
}

BannerAction = tuple[str, Callable[[], object], str]  # text, slot, objectName


class Banner(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.label = QLabel()
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self._layout.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        self.tone = Tone.INFO
        self.hide()

    def show_message(self, tone: Tone, text: str, actions: Sequence[BannerAction] = ()) -> None:
        self.tone = tone
        background, border, color = _STYLES[tone]
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ background: {background}; "
            f"border: 1px solid {border}; border-radius: 3px; }}"
            f"QLabel {{ color: {color}; background: transparent; border: none; }}"
        )
        self.label.setText(text)
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for caption, slot, name in actions:
            button = QPushButton(caption)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            self._layout.addWidget(button)
            self.buttons[name] = button
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def shown(self) -> bool:
        """Whether the banner is up (also while its dialog is not on screen, in tests)."""
        return not self.isHidden()
