"""A period's rules in one line that opens to the whole of them (半年考核's scheme,
年度考核's 优秀 share): the summary, 方案详情 as a toggle, and every rule in words
below it when open, also as the tooltip.

A tab's line subclasses it, words the summary and the toggle in its own class (its
own translation context) and adds its own buttons to `row`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget


class RulesLine(QWidget):
    """Object names: `{prefix}SchemeLine`, …Summary, …Toggle, …Details; without a prefix
    "schemeLine", "schemeSummary", …"""

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        def named(part: str) -> str:
            return prefix + part if prefix else part[0].lower() + part[1:]

        self.setObjectName(named("SchemeLine"))
        self.summary = QLabel()
        self.summary.setObjectName(named("SchemeSummary"))
        self.toggle = QToolButton()
        self.toggle.setObjectName(named("SchemeToggle"))
        self.toggle.setCheckable(True)
        self.details = QLabel()
        self.details.setObjectName(named("SchemeDetails"))
        self.details.setWordWrap(True)
        self.details.hide()
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.summary, 1)
        self.row.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.row)
        layout.addWidget(self.details)
        self.toggle.toggled.connect(self.details.setVisible)

    def clear_rules(self) -> None:
        self.summary.clear()
        self.details.clear()
        self.setToolTip("")

    def show_rules(self, summary: str, lines: Sequence[tuple[str, str]]) -> None:
        """The summary line, and every rule (name, words) in the details and the tooltip."""
        self.summary.setText(summary)
        rows = "".join(
            f"<tr><td style='padding-right:8px'><b>{html.escape(name)}</b></td>"
            f"<td>{html.escape(text)}</td></tr>"
            for name, text in lines
        )
        self.details.setText(f"<table>{rows}</table>")
        self.setToolTip("\n".join(f"{name}：{text}" for name, text in lines))
