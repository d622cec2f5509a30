"""新增奖惩… / 修改…: one 奖励 or 处分·组织处理 of the person, checked as the clerk types.

类别 first (奖励 / 处分·组织处理), then the 类型 of that kind, the date (today by
default), 文号 and 事由. A discipline has an impact end (影响期至): by default the
type's period from the date (domain/discipline_rules.default_impact_until), following
the type and the date until the clerk changes it by hand; "无影响期" leaves it empty.
A line under it says what the record bars in the annual assessment, year by year.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from kaohe_desktop.domain.archive_records import (
    RecordField,
    RecordProblem,
    RewardDraft,
    reward_problems,
)
from kaohe_desktop.domain.discipline_rules import default_impact_until, effects_in_words
from kaohe_desktop.domain.enums import CommendationType, DisciplineType
from kaohe_desktop.services.archive.views import RewardView
from kaohe_desktop.ui.archive.record_dialog_base import (
    ArchiveRecordDialog,
    Save,
    date_edit,
    note_label,
    pydate,
    qdate,
)

COMMENDATION, DISCIPLINE = 0, 1


class RewardDialog(ArchiveRecordDialog):
    def __init__(
        self,
        person: str,
        save: Save,
        *,
        today: date,
        reward: RewardView | None = None,
        discipline: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(person, save, parent)
        self.setObjectName("rewardDialog")
        self.today, self.reward = today, reward
        if reward is not None:
            discipline = reward.discipline
        self.setWindowTitle(
            self.tr("Edit commendation or discipline")
            if reward
            else self.tr("Add commendation or discipline")
        )
        self.setMinimumWidth(560)
        self.touched = set(RecordField)  # nothing here is empty until typed: show all at once
        self.kind = QComboBox()
        self.kind.setObjectName("field_kind")
        self.kind.addItem(self.tr("Commendation (奖励)"), COMMENDATION)
        self.kind.addItem(
            self.tr("Discipline or organisational measure (处分·组织处理)"), DISCIPLINE
        )
        self.kind.setEnabled(reward is None)  # a record keeps its kind; delete and add anew
        self.type = QComboBox()
        self.type.setObjectName("field_type")
        self.day = date_edit(reward.on if reward else today)
        self.day.setObjectName("field_date")
        self.doc_no = QLineEdit((reward.doc_no or "") if reward else "")
        self.doc_no.setObjectName("field_doc_no")
        self.doc_no.setPlaceholderText(self.tr("e.g. 霍市监发〔2026〕12号"))
        self.reason = QLineEdit((reward.reason or "") if reward else "")
        self.reason.setObjectName("field_reason")
        self.reason.setMinimumWidth(380)
        self.impact = date_edit(today)
        self.impact.setObjectName("field_impact_until")
        self.no_impact = QCheckBox(self.tr("No impact period"))
        self.no_impact.setObjectName("field_no_impact")
        self.impact_hint = note_label("impactHint")
        self.effects = note_label("effectsLine")
        self.effects.setStyleSheet("font-weight: bold;")
        # The impact end follows the type and the date until the clerk sets it by hand.
        self.impact_by_hand = reward is not None

        self.add_row(self.tr("Kind:"), None, self.kind)
        self.add_row(self.tr("Type:"), RecordField.TYPE, self.type)
        self.add_row(self.tr("Date:"), RecordField.DATE, self.day)
        self.add_row(self.tr("Document no.:"), RecordField.DOC_NO, self.doc_no)
        self.add_row(self.tr("Reason:"), RecordField.REASON, self.reason)
        impact_row = QWidget()
        row = QHBoxLayout(impact_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.impact)
        row.addWidget(self.no_impact)
        row.addStretch(1)
        self.impact_cell = self.add_row(
            self.tr("Impact until:"), RecordField.IMPACT_UNTIL, impact_row, self.impact_hint
        )
        self.add_row(self.tr("Effect:"), None, self.effects)

        self.kind.setCurrentIndex(DISCIPLINE if discipline else COMMENDATION)
        self._fill_types()
        if reward is not None:
            self.type.setCurrentIndex(max(0, self.type.findData(reward.type_code)))
            self._set_impact(reward.impact_until)
            self._show_hand_hint()
        else:
            self._follow_defaults()
        self.kind.currentIndexChanged.connect(lambda _i: self._on_kind())
        self.type.currentIndexChanged.connect(lambda _i: self._on_type_or_date())
        self.day.dateChanged.connect(lambda _d: self._on_type_or_date())
        self.impact.dateChanged.connect(lambda _d: self._on_impact_edited())
        self.no_impact.toggled.connect(self._on_no_impact)
        self.doc_no.textEdited.connect(lambda _t: self.revalidate())
        self.reason.textEdited.connect(lambda _t: self.revalidate())
        self._show_effects()
        self.revalidate()
        (self.type if reward is not None else self.kind).setFocus()

    # --- values -------------------------------------------------------------------
    def is_discipline(self) -> bool:
        return bool(self.kind.currentData() == DISCIPLINE)

    def chosen_type(self) -> CommendationType | DisciplineType:
        code = str(self.type.currentData())
        return DisciplineType(code) if self.is_discipline() else CommendationType(code)

    def impact_until(self) -> date | None:
        if not self.is_discipline() or self.no_impact.isChecked():
            return None
        return pydate(self.impact.date())

    def draft(self) -> RewardDraft:
        return RewardDraft(
            type=self.chosen_type(),
            on=pydate(self.day.date()),
            reason=self.reason.text() or None,
            doc_no=self.doc_no.text() or None,
            impact_until=self.impact_until(),
        )

    def problems(self) -> list[RecordProblem]:
        return reward_problems(self.draft(), self.today)

    # --- the kind and type --------------------------------------------------------
    def _fill_types(self) -> None:
        self.type.blockSignals(True)
        self.type.clear()
        types: list[CommendationType] | list[DisciplineType] = (
            list(DisciplineType) if self.is_discipline() else list(CommendationType)
        )
        for kind in types:
            self.type.addItem(kind.label, kind.value)
        self.type.setCurrentIndex(0)
        self.type.blockSignals(False)
        discipline = self.is_discipline()
        self.impact_cell.setEnabled(discipline)
        self.impact_hint.setVisible(discipline)

    def _on_kind(self) -> None:
        self._fill_types()
        self.impact_by_hand = False
        self._on_type_or_date()

    def _on_type_or_date(self) -> None:
        if not self.impact_by_hand:
            self._follow_defaults()
        else:
            self._show_hand_hint()
        self._show_effects()
        self.revalidate()

    # --- the impact end -----------------------------------------------------------
    def default_impact(self) -> date | None:
        return default_impact_until(self.chosen_type(), pydate(self.day.date()))

    def _follow_defaults(self) -> None:
        self._set_impact(self.default_impact())
        if self.is_discipline():
            self.impact_hint.setText(
                self.tr("Set from the type: {0}. Change it if the decision says otherwise.").format(
                    self._period_words()
                )
            )

    def _period_words(self) -> str:
        until = self.default_impact()
        if until is None:
            return self.tr("no impact period")
        return self.tr("until {0}").format(until.isoformat())

    def _set_impact(self, until: date | None) -> None:
        for widget in (self.impact, self.no_impact):
            widget.blockSignals(True)
        self.no_impact.setChecked(until is None)
        self.impact.setEnabled(until is not None)
        self.impact.setDate(qdate(until or pydate(self.day.date())))
        for widget in (self.impact, self.no_impact):
            widget.blockSignals(False)

    def _on_impact_edited(self) -> None:
        self.impact_by_hand = True
        self._show_hand_hint()
        self.revalidate()

    def _show_hand_hint(self) -> None:
        self.impact_hint.setText(
            self.tr("Set by hand; the type's default is {0}.").format(self._period_words())
        )

    def _on_no_impact(self, checked: bool) -> None:
        self.impact.setEnabled(not checked)
        self._on_impact_edited()

    def _show_effects(self) -> None:
        kind = self.chosen_type()
        if not isinstance(kind, DisciplineType):
            self.effects.setText(self.tr("A commendation does not limit the annual grade."))
            return
        words = effects_in_words(kind, pydate(self.day.date()))
        self.effects.setText(
            words
            if words is not None
            else self.tr("{0} does not limit the annual grade.").format(kind.label)
        )
