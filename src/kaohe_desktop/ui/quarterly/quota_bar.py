"""The 好 quota counter, always in view above the grid: 名额 / 已用 / 剩余 per scope.

With the bureau-wide scope it is one line; with a quota per department it is one
short "科室 名额/已用/剩余" entry per department, wrapped, so all of them fit in two
lines. A scope where someone is flagged is red: that is where the clerk must decide
(a tie across the last slot leaves that slot unused, so "no slot left" alone would
miss every tie). The flags are counted on the right, with 处理… which
filters the grid to the flagged people and explains the ways out.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kaohe_desktop.domain.grading import Flag, QuotaCount
from kaohe_desktop.domain.quarterly_rules import QuotaScope, percent
from kaohe_desktop.services.quarterly.views import GradingSheet

ALERT_COLOR = "#c62828"


def flags_by_scope(sheet: GradingSheet) -> Counter[int | None]:
    """How many flagged people each quota scope has (None: the bureau)."""
    return Counter(sheet.quota_for(r).department_id for r in sheet.rows if r.flag is not None)


class QuotaBar(QFrame):
    resolve_requested = Signal()  # the clerk pressed 处理…

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quotaBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel()
        self.caption.setObjectName("quotaCaption")
        self.counts = QLabel()
        self.counts.setObjectName("quotaCounts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.flags = QLabel()
        self.flags.setObjectName("quotaFlags")
        self.flags.setStyleSheet(f"color: {ALERT_COLOR}; font-weight: bold;")
        self.resolve = QPushButton(self.tr("Resolve…"))
        self.resolve.setObjectName("resolveFlags")
        self.resolve.setToolTip(self.tr("Show only the flagged people and what can be done"))
        self.resolve.clicked.connect(lambda _checked=False: self.resolve_requested.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.counts, 1)
        layout.addWidget(self.flags)
        layout.addWidget(self.resolve)
        self._lines: list[str] = []
        self.set_sheet(None)

    def set_sheet(self, sheet: GradingSheet | None) -> None:
        if sheet is None:
            self._lines = []
            self.caption.clear()
            self.counts.clear()
            self._show_flags({})
            return
        flagged = flags_by_scope(sheet)
        per_department = sheet.rules.quota_scope is QuotaScope.DEPARTMENT
        self.caption.setText(
            self.tr("好 quota per department (quota/used/left):")
            if per_department
            else self.tr("好 quota:")
        )
        self.caption.setToolTip(
            self.tr(
                "At most {0} of the people assessed, rounded down; 不定等次 not counted"
            ).format(percent(sheet.rules.good_quota))
        )
        parts, self._lines = [], []
        for label, count in sheet.quota_lines():
            alert = flagged[count.department_id] > 0
            plain, html = self._line(label, count, per_department)
            self._lines.append(plain)
            if alert:
                html = f'<span style="color:{ALERT_COLOR}; font-weight:bold">{html}</span>'
            parts.append(html)
        self.counts.setText("&nbsp;&nbsp; ".join(parts))
        self.counts.setToolTip("\n".join(self._lines))
        self._show_flags(Counter(r.flag for r in sheet.rows if r.flag is not None))

    def _line(self, label: str, count: QuotaCount, compact: bool) -> tuple[str, str]:
        if compact:
            numbers = f"{count.quota}/{count.used}/{count.remaining}"
            return f"{label} {numbers}", f"{escape(label)}&nbsp;<b>{numbers}</b>"
        text = self.tr("quota {0} / used {1} / left {2}  ({3} assessed)")
        plain = f"{label} " + text.format(
            count.quota, count.used, count.remaining, count.participants
        )
        html = f"<b>{escape(label)}</b>&nbsp; " + escape(text).format(
            f"<b>{count.quota}</b>",
            f"<b>{count.used}</b>",
            f"<b>{count.remaining}</b>",
            count.participants,
        )
        return plain, html

    def _show_flags(self, counts: dict[Flag, int]) -> None:
        text = "；".join(
            self.tr("{0}: {1} people").format(flag.label, n) for flag, n in counts.items() if n
        )
        self.flags.setText(text)
        self.flags.setVisible(bool(text))
        self.resolve.setVisible(bool(text))

    def lines(self) -> list[str]:
        """The counter as plain text, one entry per scope (for tests and tooltips)."""
        return list(self._lines)
