"""修改比例… (管理员): the year's 优秀 share, 20% as a rule, 15% or 25% with a reason.

The dialog shows what each share gives this year (⌊参加考核人数 × 比例⌋ places, beside
the recommendations already made), so the administrator sees before saving whether a
smaller share would leave the year over its quota. The rule and its words are the
domain's (AnnualRules.problems); the service checks them again when saving.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.annual_assessment import quota_size
from kaohe_desktop.domain.annual_rules import ALLOWED_SHARES, STANDARD_SHARE
from kaohe_desktop.domain.quarterly_rules import percent
from kaohe_desktop.services.archive.views import AnnualSheetView
from kaohe_desktop.ui.annual.annual_dialog import AnnualDialog, note_label

SaveShare = Callable[[Decimal, str], AnnualSheetView]


class ShareDialog(AnnualDialog):
    def __init__(
        self,
        sheet: AnnualSheetView,
        save: SaveShare,
        locked: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("shareDialog", locked, parent)
        self.sheet = sheet
        self._save = save
        self.setWindowTitle(self.tr("优秀 share of {0}").format(f"{sheet.year}年度"))
        self.setMinimumWidth(560)
        counter = sheet.counter
        heading = QLabel(
            self.tr("{0} people are assessed this year; {1} are recommended for 优秀 now.").format(
                counter.participants, counter.recommended
            )
        )
        heading.setWordWrap(True)
        self.radios: dict[Decimal, QRadioButton] = {}
        self.choices = QButtonGroup(self)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for line, share in enumerate(ALLOWED_SHARES):
            radio = QRadioButton(percent(share))
            radio.setObjectName(f"share_{percent(share).rstrip('%')}")
            self.radios[share] = radio
            self.choices.addButton(radio)
            places = quota_size(counter.participants, share)
            text = self.tr("{0} places (⌊{1} × {2}⌋)").format(
                places, counter.participants, percent(share)
            )
            if share == STANDARD_SHARE:
                text += self.tr("; the standard share")
            else:
                text += self.tr("; needs a reason (a document or a decision)")
            if places < counter.recommended:
                text += self.tr("; fewer than the {0} recommended now").format(counter.recommended)
            grid.addWidget(radio, line, 0)
            grid.addWidget(note_label(text), line, 1)
        box = QGroupBox(self.tr("优秀 at most"))
        box.setLayout(grid)
        self.reason = QLineEdit(sheet.rules.share_reason)
        self.reason.setObjectName("shareReason")
        self.reason.setPlaceholderText(self.tr("e.g. the document number of the approval"))
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason)
        layout = QVBoxLayout()
        layout.addWidget(heading)
        self._frame(layout, box, _wrap(form))
        current = self.radios.get(sheet.rules.excellent_share)
        if current is not None:
            current.setChecked(True)
        self.choices.buttonToggled.connect(lambda _b, on: self.revalidate() if on else None)
        self.reason.textChanged.connect(lambda _t: self.revalidate())
        self.revalidate()

    def chosen(self) -> Decimal | None:
        return next((s for s, radio in self.radios.items() if radio.isChecked()), None)

    def problem_text(self) -> str:
        share = self.chosen()
        if share is None:
            return self.tr("Choose a share.")
        rules = replace(self.sheet.rules, excellent_share=share, share_reason=self.reason.text())
        return "；".join(p for p in rules.problems() if "优秀比例" in p)

    def revalidate(self) -> str:
        problem = self.problem_text()
        share = self.chosen()
        rules = self.sheet.rules
        unchanged = share == rules.excellent_share and (
            self.reason.text().strip() == rules.share_reason.strip()
        )
        self.problem.setText(problem)
        self.save_button.setEnabled(self.locked is None and not problem and not unchanged)
        self.save_button.setToolTip(self.locked or problem)
        return problem

    def save(self) -> bool:
        share = self.chosen()
        if self.locked is not None or share is None or self.revalidate():
            return False
        reason = self.reason.text().strip()
        return self.attempt(lambda: self._save(share, reason)) is not None


def _wrap(form: QFormLayout) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.addLayout(form)
    return layout
