"""The scheme the year is assessed by, in one line: the 优秀 quota rule in words
(AnnualRules.describe(), the same words as the workbook's 名额 sheet), whether it is
the year's own or inherited, 修改比例… for an administrator, and 方案详情 that opens
every rule of the year (优秀资格, 不定等次, talks, rotation).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.ui.common.rules_line import RulesLine


class AnnualSchemeLine(RulesLine):
    change_share_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("annual", parent)
        self.summary.setWordWrap(True)
        self.change = QPushButton(self.tr("Change the share…"))
        self.change.setObjectName("changeExcellentShare")
        self.change.clicked.connect(lambda _checked=False: self.change_share_requested.emit())
        self.toggle.setText(self.tr("Scheme details"))
        self.row.insertWidget(1, self.change)  # between the summary and 方案详情
        QWidget.setTabOrder(self.change, self.toggle)

    def set_rules(self, rules: AnnualRules | None, *, frozen: bool) -> None:
        if rules is None:
            self.clear_rules()
            return
        lines = rules.describe()
        name, text = lines[0]
        state = (
            self.tr("the year's own rules")
            if frozen
            else self.tr("rules of the latest scheme, kept for the year at its first decision")
        )
        self.show_rules(self.tr("Scheme: {0} ({1})").format(f"{name}：{text}", state), lines)

    def set_change_state(self, refusal: str | None, *, visible: bool) -> None:
        """修改比例… is shown to an administrator; disabled with the reason when the year
        cannot be changed now."""
        self.change.setVisible(visible)
        self.change.setEnabled(refusal is None)
        self.change.setToolTip(
            refusal
            or self.tr("The 优秀 share of the year: 20% as a rule, 15% or 25% with a reason")
        )
