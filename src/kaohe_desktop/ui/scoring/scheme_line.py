"""The scheme the half is scored by, in one line that opens to the whole of it.

Collapsed it says the essentials (满分, the four maxima, whether the rules are the
half's own); 方案详情 opens every rule in words (HalfYearRules.describe(), the same
words as the score-sheet PDF), so the clerk can check a number without a manual.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from kaohe_desktop.domain.half_year_rules import HalfYearRules


class SchemeLine(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schemeLine")
        self.summary = QLabel()
        self.summary.setObjectName("schemeSummary")
        self.toggle = QToolButton()
        self.toggle.setObjectName("schemeToggle")
        self.toggle.setText(self.tr("Scheme details"))
        self.toggle.setCheckable(True)
        self.details = QLabel()
        self.details.setObjectName("schemeDetails")
        self.details.setWordWrap(True)
        self.details.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary, 1)
        row.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.details)
        self.toggle.toggled.connect(self.details.setVisible)

    def set_rules(self, rules: HalfYearRules | None, *, frozen: bool) -> None:
        if rules is None:
            self.summary.clear()
            self.details.clear()
            self.setToolTip("")
            return
        lines = rules.describe()
        state = (
            self.tr("the half's own rules")
            if frozen
            else self.tr("rules of the latest scheme, frozen into the half at its first entry")
        )
        name, text = lines[0]
        self.summary.setText(self.tr("Scheme: {0} ({1})").format(f"{name} {text}", state))
        rows = "".join(
            f"<tr><td style='padding-right:8px'><b>{html.escape(name)}</b></td>"
            f"<td>{html.escape(text)}</td></tr>"
            for name, text in lines
        )
        self.details.setText(f"<table>{rows}</table>")
        self.setToolTip("\n".join(f"{name}：{text}" for name, text in lines))
