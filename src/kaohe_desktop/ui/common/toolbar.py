"""Toolbars of text buttons, as each tab lays its actions out: groups with separators,
raised buttons with object names tests can find."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton


def named_action(parent: QObject, text: str, name: str) -> QAction:
    """An action whose toolbar button tests find as `button_{name}`."""
    action = QAction(text, parent)
    action.setObjectName(f"action_{name}")
    return action


def connect_actions(slots: dict[QAction, Callable[[], object]]) -> None:
    """Each action calls its slot without the `checked` argument Qt passes along."""
    for action, slot in slots.items():
        action.triggered.connect(lambda _checked=False, slot=slot: slot())


def text_toolbar(name: str, groups: Sequence[Sequence[QAction]]) -> QToolBar:
    toolbar = QToolBar()
    toolbar.setObjectName(name)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for number, group in enumerate(groups):
        if number:
            toolbar.addSeparator()
        for action in group:
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setObjectName(f"button_{action.objectName().removeprefix('action_')}")
                button.setAutoRaise(False)  # raised: flat text does not read as a button
    return toolbar
