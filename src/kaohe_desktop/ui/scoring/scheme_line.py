"""The scheme the half is scored by, in one line that opens to the whole of it.

Collapsed it says the essentials (满分, the four maxima, whether the rules are the
half's own); 方案详情 opens every rule in words (HalfYearRules.describe(), the same
words as the score-sheet PDF), so the clerk can check a number without a manual.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.ui.common.rules_line import RulesLine


class SchemeLine(RulesLine):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.toggle.setText(self.tr("Scheme details"))

    def set_rules(self, rules: HalfYearRules | None, *, frozen: bool) -> None:
        if rules is None:
            self.clear_rules()
            return
        lines = rules.describe()
        state = (
            self.tr("the half's own rules")
            if frozen
            else self.tr("rules of the latest scheme, frozen into the half at its first entry")
        )
        name, text = lines[0]
        self.show_rules(self.tr("Scheme: {0} ({1})").format(f"{name} {text}", state), lines)
