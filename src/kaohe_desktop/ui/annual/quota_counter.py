"""The 优秀 quota counter, always in view above the list: 优秀名额 N · 已推荐 M · 剩余 K,
and the base it is counted on (参加考核 P 人; 不定等次 and 不参加 not counted).

A full quota is said in words, not only by a 0: the next recommendation is refused
until one is withdrawn. Over the quota (participants fell after recommendations were
made) the counter turns red. The flags that keep the year from closing are counted on
the right, with 处理… which shows only those people.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kaohe_desktop.services.archive.views import AnnualSheetView
from kaohe_desktop.ui.annual import annual_texts

ALERT_COLOR = "#c62828"
FULL_COLOR = "#1b5e20"


class QuotaCounterBar(QFrame):
    resolve_requested = Signal()  # the clerk pressed 处理…

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annualQuota")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.counts = QLabel()
        self.counts.setObjectName("annualQuotaCounts")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        font = self.counts.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.counts.setFont(font)
        self.base = QLabel()
        self.base.setObjectName("annualQuotaBase")
        self.state = QLabel()
        self.state.setObjectName("annualQuotaState")
        self.flags = QLabel()
        self.flags.setObjectName("annualQuotaFlags")
        self.flags.setStyleSheet(f"color: {ALERT_COLOR}; font-weight: bold;")
        self.resolve = QPushButton(self.tr("Resolve…"))
        self.resolve.setObjectName("annualResolveFlags")
        self.resolve.setToolTip(self.tr("Show only the flagged people"))
        self.resolve.clicked.connect(lambda _checked=False: self.resolve_requested.emit())
        numbers = QHBoxLayout()
        numbers.setContentsMargins(0, 0, 0, 0)
        numbers.addWidget(self.counts)
        numbers.addSpacing(12)
        numbers.addWidget(self.state)
        numbers.addStretch(1)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(1)
        left.addLayout(numbers)
        left.addWidget(self.base)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(left, 1)
        layout.addWidget(self.flags)
        layout.addWidget(self.resolve)
        self._plain = ""
        self.set_sheet(None)

    def set_sheet(self, sheet: AnnualSheetView | None) -> None:
        if sheet is None:
            self._plain = ""
            for label in (self.counts, self.base, self.state, self.flags):
                label.clear()
            self.flags.hide()
            self.resolve.hide()
            return
        counter = sheet.counter
        self._plain = annual_texts.counter_text(counter)
        template = escape(
            self.tr("优秀 quota {0} · recommended {1} · left {2}")
        )  # the same words as counter_text, numbers in bold
        over = counter.remaining < 0
        left = f"<b>{counter.remaining}</b>"
        if over:
            left = f'<b style="color:{ALERT_COLOR}">{counter.remaining}</b>'
        self.counts.setText(
            template.format(f"<b>{counter.quota}</b>", f"<b>{counter.recommended}</b>", left)
        )
        self.counts.setToolTip(annual_texts.quota_rule_text(counter))
        self.base.setText(annual_texts.base_text(counter))
        if over:
            self.state.setStyleSheet(f"color: {ALERT_COLOR}; font-weight: bold;")
            self.state.setText(
                self.tr("Over the quota by {0}: withdraw recommendations").format(
                    -counter.remaining
                )
            )
        elif counter.remaining == 0 and counter.quota > 0:
            self.state.setStyleSheet(f"color: {FULL_COLOR};")
            self.state.setText(self.tr("The quota is full"))
        elif counter.quota == 0:
            self.state.setStyleSheet("color: #555;")
            self.state.setText(self.tr("Too few people assessed for a 优秀 place"))
        else:
            self.state.clear()
        flagged = len(sheet.blockers())
        self.flags.setText(
            self.tr("{0} to settle before closing").format(flagged) if flagged else ""
        )
        self.flags.setVisible(bool(flagged))
        self.resolve.setVisible(bool(flagged) and not sheet.closed)

    def text(self) -> str:
        """The counter as plain text (for tests and tooltips)."""
        return self._plain
