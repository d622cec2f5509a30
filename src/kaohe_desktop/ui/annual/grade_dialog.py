"""设定等次… of one person: 称职 / 基本称职 / 不称职 / 不参加 by hand, with a reason, or
恢复默认 (the grade follows the rules again: 称职, or 优秀 when recommended).

优秀 is not offered here: it is a recommendation within the quota (推荐优秀). A reason is
required, as typed, for every grade but 称职 (domain/annual_assessment.grade_refusal,
the service's own rule, in its words). 不参加 takes the person out of the quota base,
which the dialog says before it is chosen.
"""

from __future__ import annotations

from collections.abc import Callable

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

from kaohe_desktop.domain.annual_assessment import GRADES_NEEDING_REASON, HAND_GRADES, grade_refusal
from kaohe_desktop.domain.enums import AnnualGrade
from kaohe_desktop.domain.text_rules import REASON
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.ui.annual.annual_dialog import AnnualDialog, note_label, person_line
from kaohe_desktop.ui.annual.annual_texts import NOT_GRADED, PARTICIPANT

SaveGrade = Callable[[AnnualGrade | None, str], AnnualSheetView]


class AnnualGradeDialog(AnnualDialog):
    def __init__(
        self,
        row: AnnualRowView,
        save: SaveGrade,
        locked: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("annualGradeDialog", locked, parent)
        self.row = row
        self._save = save
        self.setWindowTitle(self.tr("Set the annual grade"))
        self.setMinimumWidth(560)

        self.person = QLabel(person_line(row))
        self.person.setObjectName("annualGradePerson")
        self.current = QLabel(self._current_text())
        self.current.setObjectName("annualGradeCurrent")
        self.current.setWordWrap(True)
        info = QFormLayout()
        info.addRow(self.tr("Person:"), self.person)
        info.addRow(self.tr("Grade now:"), self.current)

        self.radios: dict[AnnualGrade, QRadioButton] = {}
        notes = {
            AnnualGrade.COMPETENT: self.tr("The usual grade; no reason needed."),
            AnnualGrade.BASICALLY_COMPETENT: self.tr("Needs a reason."),
            AnnualGrade.INCOMPETENT: self.tr("Needs a reason."),
            AnnualGrade.NOT_PARTICIPATING: self.tr(
                "Needs a reason. Not counted among those assessed: the 优秀 quota is worked "
                "out without them."
            ),
        }
        self.choices = QButtonGroup(self)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for line, grade in enumerate(HAND_GRADES):
            radio = QRadioButton(grade.label)
            radio.setObjectName(f"annualGrade_{grade.value}")
            self.radios[grade] = radio
            self.choices.addButton(radio)
            grid.addWidget(radio, line, 0)
            grid.addWidget(note_label(notes[grade]), line, 1)
        self.default = QRadioButton(self.tr("Restore the default"))
        self.default.setObjectName("annualGradeDefault")
        self.choices.addButton(self.default)
        grid.addWidget(self.default, len(HAND_GRADES), 0)
        grid.addWidget(
            note_label(self.tr("Clears the grade set by hand: 称职, or 优秀 when recommended.")),
            len(HAND_GRADES),
            1,
        )
        self.rules_note = note_label(name="annualGradeRules")
        self.rules_note.hide()
        grid.addWidget(self.rules_note, len(HAND_GRADES) + 1, 0, 1, 2)
        box = QGroupBox(self.tr("Grade set by hand"))
        box.setLayout(grid)

        self.reason = QLineEdit()
        self.reason.setObjectName("annualGradeReason")
        reason_form = QFormLayout()
        reason_form.addRow(self.tr("Reason:"), self.reason)
        self.consequence = note_label(name="annualGradeConsequence")
        reason_box = QVBoxLayout()
        reason_box.addLayout(reason_form)
        reason_box.addWidget(self.consequence)
        info_box = QVBoxLayout()
        info_box.addLayout(info)
        self._frame(info_box, box, reason_box)

        self._offer_grades()
        self.default.setEnabled(row.hand_grade is not None)
        self.default.setToolTip(
            "" if row.hand_grade is not None else self.tr("No grade is set by hand.")
        )
        preset = next((g for g in HAND_GRADES if g.label == row.hand_grade), None)
        if preset is not None:
            self.radios[preset].setChecked(True)
        self.reason.setText(row.reason or "")
        self.choices.buttonToggled.connect(lambda _b, on: self.revalidate() if on else None)
        self.reason.textChanged.connect(lambda _t: self.revalidate())
        self.revalidate()

    def _current_text(self) -> str:
        row = self.row
        text = row.grade
        if row.hand_grade:
            text += self.tr(" (set by hand: {0})").format(row.reason or "")
        elif row.recommended:
            text += self.tr(" (recommended for 优秀)")
        elif row.limits and row.participation != PARTICIPANT:
            text += f"（{row.limits}）"
        return text

    def _offer_grades(self) -> None:
        """The rules decide 不定等次 (discipline, 试用期 …) and 不参加 out of service: then
        only 不参加 can be set by hand, or nothing."""
        row = self.row
        why_not = None
        only_out = False
        if row.participation == NOT_GRADED:
            why_not = self.tr("{0} is 不定等次 this year ({1}): only 不参加 can be set.").format(
                row.name, row.limits
            )
            only_out = True
        elif row.participation != PARTICIPANT and row.hand_grade is None:
            why_not = self.tr("{0} does not take part this year ({1}).").format(
                row.name, row.limits
            )
        for grade, radio in self.radios.items():
            allowed = why_not is None or (only_out and grade is AnnualGrade.NOT_PARTICIPATING)
            radio.setEnabled(allowed and self.locked is None)
            radio.setToolTip("" if allowed else why_not or "")
        if why_not is not None:
            self.rules_note.setText(why_not)
            self.rules_note.show()

    def radios_by_label(self, label: str) -> QRadioButton:
        """The choice whose grade reads `label` (称职 …)."""
        return next(radio for grade, radio in self.radios.items() if grade.label == label)

    # --- the choice -----------------------------------------------------------------
    def chosen(self) -> AnnualGrade | bool | None:
        """The grade to set, None to restore the default, False when nothing is chosen."""
        if self.default.isChecked():
            return None
        return next((g for g, radio in self.radios.items() if radio.isChecked()), False)

    def problem_text(self) -> str:
        chosen = self.chosen()
        if chosen is False:
            return self.tr("Choose a grade, or restore the default.")
        if isinstance(chosen, AnnualGrade):
            reason = self.reason.text().strip()
            return (
                grade_refusal(self.row.name, chosen, reason) or REASON.problem(reason, "理由") or ""
            )
        return ""

    def revalidate(self) -> str:
        chosen = self.chosen()
        problem = self.problem_text()
        self.reason.setEnabled(isinstance(chosen, AnnualGrade) and self.locked is None)
        needs = isinstance(chosen, AnnualGrade) and chosen in GRADES_NEEDING_REASON
        if chosen is False or chosen is None:
            self.reason.setPlaceholderText("")  # nothing to give a reason for
        elif needs:
            self.reason.setPlaceholderText(
                self.tr("Required: why, e.g. the committee's decision and its date")
            )
        else:
            self.reason.setPlaceholderText(self.tr("Optional"))
        self.consequence.setText(self._consequence(chosen))
        # Nothing chosen yet is said by the disabled button alone, not in red.
        self.problem.setText(problem if chosen is not False else "")
        self.save_button.setEnabled(self.locked is None and not problem)
        self.save_button.setToolTip(self.locked or problem)
        return problem

    def _consequence(self, chosen: AnnualGrade | bool | None) -> str:
        row = self.row
        if row.recommended and chosen is not False and chosen is not None:
            return self.tr("{0} is recommended for 优秀: a grade set by hand replaces it.").format(
                row.name
            )
        return ""

    def save(self) -> bool:
        if self.locked is not None or self.revalidate():
            return False
        chosen = self.chosen()
        grade = chosen if isinstance(chosen, AnnualGrade) else None
        reason = self.reason.text().strip() if grade is not None else ""
        return self.attempt(lambda: self._save(grade, reason)) is not None


class AnnualNoteDialog(AnnualDialog):
    """备注… of one person: free text printed in the workbook's 备注 and on the form."""

    def __init__(
        self,
        row: AnnualRowView,
        save: Callable[[str], AnnualSheetView],
        locked: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("annualNoteDialog", locked, parent)
        self.row = row
        self._save = save
        self.setWindowTitle(self.tr("Note"))
        self.setMinimumWidth(520)
        self.note = QLineEdit(row.note or "")
        self.note.setObjectName("annualNote")
        self.note.setPlaceholderText(self.tr("Printed in 备注 of the workbook and the form"))
        self.note.setClearButtonEnabled(True)
        form = QFormLayout()
        form.addRow(self.tr("Person:"), QLabel(person_line(row)))
        form.addRow(self.tr("Note:"), self.note)
        hint = note_label(self.tr("Leave it empty to remove the note."))
        layout = QVBoxLayout()
        layout.addLayout(form)
        layout.addWidget(hint)
        self._frame(layout)
        self.note.textChanged.connect(lambda _t: self.revalidate())
        self.revalidate()

    def revalidate(self) -> str:
        text = self.note.text().strip()
        problem = REASON.problem(text, "备注") or ""
        unchanged = text == (self.row.note or "").strip()
        self.problem.setText(problem)
        self.save_button.setEnabled(self.locked is None and not problem and not unchanged)
        self.save_button.setToolTip(self.locked or problem)
        return problem

    def save(self) -> bool:
        if self.locked is not None or self.revalidate():
            return False
        text = self.note.text().strip()
        return self.attempt(lambda: self._save(text)) is not None
