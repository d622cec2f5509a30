"""等次调整 and 不定等次 of one person: the grades a clerk may set by hand.

The engine decides the grade from the scores; these dialogs record the exceptions
DESIGN §4 allows, each with what it costs in view: 好 only while the quota has room
(the scope's 名额 / 已用 / 剩余 is shown), 较好 only to settle a tie that straddles the
quota, 较差 at any time; always with a reason. 不定等次 takes the person out of the
quota base and the ranking. The service checks all of it again when saving.
"""

from __future__ import annotations

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

from kaohe_desktop.domain.enums import NoGradeReason, QuarterGrade
from kaohe_desktop.domain.quarterly_rules import plain, two_decimals
from kaohe_desktop.domain.text_rules import OVERRIDE_REASON
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading
from kaohe_desktop.services.quarterly.refusals import grade_problem
from kaohe_desktop.services.quarterly.views import BUREAU_SCOPE_LABEL, GradingRow, GradingSheet
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.quarterly.sheet_dialog import PersonDialog, note_label, person_line

# What the committee's decision on a tie usually says; the clerk may change it.
TIE_REASON = "并列超出名额，经考核委员会研究定为较好"


def quota_text(sheet: GradingSheet, row: GradingRow) -> str:
    count = sheet.quota_for(row)
    scope = BUREAU_SCOPE_LABEL if count.department_id is None else row.department
    return f"{scope}：名额 {count.quota}，已用 {count.used}，剩余 {count.remaining}"


class GradeDialog(PersonDialog):
    def __init__(
        self,
        access: Access,
        grading: QuarterlyGrading,
        holders: LeaseService,
        sheet: GradingSheet,
        row: GradingRow,
        leases: list[Lease],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(access, grading, holders, sheet, row, leases, parent)
        self.setObjectName("gradeDialog")
        self.setWindowTitle(self.tr("Adjust grade (等次调整)"))
        self.setMinimumWidth(520)

        self.person = QLabel()
        self.composite = QLabel()
        self.composite.setObjectName("gradeComposite")
        self.current = QLabel()
        self.current.setObjectName("gradeCurrent")
        self.current.setWordWrap(True)
        self.quota = QLabel()
        self.quota.setObjectName("gradeQuota")
        info = QFormLayout()
        info.addRow(self.tr("Person:"), self.person)
        info.addRow(self.tr("综合得分:"), self.composite)
        info.addRow(self.tr("Grade now:"), self.current)
        info.addRow(self.tr("好 quota:"), self.quota)

        self.good = QRadioButton(QuarterGrade.GOOD.label)
        self.good.setObjectName("gradeGood")
        self.fairly_good = QRadioButton(QuarterGrade.FAIRLY_GOOD.label)
        self.fairly_good.setObjectName("gradeFairlyGood")
        self.poor = QRadioButton(QuarterGrade.POOR.label)
        self.poor.setObjectName("gradePoor")
        self.clear = QRadioButton(self.tr("Clear the adjustment"))
        self.clear.setObjectName("gradeClear")
        self.good_note, self.fairly_good_note = note_label(), note_label()
        self.poor_note = note_label(self.tr("May be set at any score, with a reason."))
        self.clear_note = note_label(self.tr("The grade follows the scores again."))
        self.choices = QButtonGroup(self)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        # The rule itself, before the choices: what may be set, by whom, on what terms.
        self.rule = note_label(
            self.tr(
                "The grade follows the scores. A clerk or an administrator may set it by "
                "hand, always with a reason (kept in the remarks and the audit log): 好 for "
                "someone at {0} or above while the quota has a place left; 较好 for people "
                "tied on the last 好 place beyond the quota, as the committee decides; 较差 "
                "at any score. 一般 is never set by hand."
            ).format(plain(sheet.rules.good_min))
        )
        self.rule.setObjectName("gradeRule")
        grid.addWidget(self.rule, 0, 0, 1, 2)
        for line, (radio, note) in enumerate(
            (
                (self.good, self.good_note),
                (self.fairly_good, self.fairly_good_note),
                (self.poor, self.poor_note),
                (self.clear, self.clear_note),
            ),
            start=1,
        ):
            self.choices.addButton(radio)
            grid.addWidget(radio, line, 0)
            grid.addWidget(note, line, 1)
        box = QGroupBox(self.tr("Set the grade by hand"))
        box.setLayout(grid)

        self.reason = QLineEdit()
        self.reason.setObjectName("gradeReason")
        self.reason.setPlaceholderText(self.tr("Required: why, e.g. the committee's decision"))
        reason_form = QFormLayout()
        reason_form.addRow(self.tr("Reason:"), self.reason)
        reason_box = QWidget()
        reason_box.setLayout(reason_form)
        reason_form.setContentsMargins(0, 0, 0, 0)
        self._frame(info, box, [reason_box])

        self.choices.buttonToggled.connect(lambda _b, on: self._on_choice() if on else None)
        self.reason.textChanged.connect(lambda _t: self.revalidate())
        self.reason.setText(row.override_reason or "")
        self.show_sheet()
        radios = {
            QuarterGrade.GOOD: self.good,
            QuarterGrade.FAIRLY_GOOD: self.fairly_good,
            QuarterGrade.POOR: self.poor,
        }
        preset = radios.get(row.override) if row.override is not None else None
        if preset is not None and preset.isEnabled():
            preset.setChecked(True)
        self.revalidate()

    # --- showing --------------------------------------------------------------
    def show_sheet(self) -> None:
        row, sheet = self.row, self.sheet
        self.person.setText(person_line(row))
        if row.composite is not None:
            self.composite.setText(two_decimals(row.composite))
        else:
            self.composite.setText(
                self.tr("not yet: {0} missing").format("、".join(row.missing_scores()))
            )
        current = row.grade_text or self.tr("none yet")
        remark = row.remark()
        self.current.setText(f"{current}（{remark}）" if remark else current)
        self.quota.setText(quota_text(sheet, row))

        count = sheet.quota_for(row)
        # What may be chosen is the service's rule (grade_problem), said in its words.
        self._offer(
            self.good,
            self.good_note,
            grade_problem(sheet, row, QuarterGrade.GOOD),
            self.tr("{0} place(s) left in the quota.").format(count.remaining)
            if row.grade is not QuarterGrade.GOOD
            else self.tr("Already 好: uses no further place."),
        )
        self._offer(
            self.fairly_good,
            self.fairly_good_note,
            grade_problem(sheet, row, QuarterGrade.FAIRLY_GOOD),
            self.tr("For a tie on the last 好 place beyond the quota, as the committee decides."),
        )
        self._offer(
            self.clear,
            self.clear_note,
            None if row.override is not None else self.tr("No adjustment is set."),
            self.tr("The grade follows the scores again."),
        )
        self.poor.setEnabled(self.locked is None)
        self._show_lock()
        self.revalidate()

    def _offer(self, radio: QRadioButton, note: QLabel, why_not: str | None, yes: str) -> None:
        allowed = why_not is None and self.locked is None
        if radio.isChecked() and not allowed:
            self.choices.setExclusive(False)
            radio.setChecked(False)
            self.choices.setExclusive(True)
        radio.setEnabled(allowed)
        radio.setToolTip(why_not or yes)
        note.setText(why_not or yes)

    def chosen(self) -> QuarterGrade | bool | None:
        """The grade to set, None to clear, False when nothing is chosen yet."""
        if self.good.isChecked():
            return QuarterGrade.GOOD
        if self.fairly_good.isChecked():
            return QuarterGrade.FAIRLY_GOOD
        if self.poor.isChecked():
            return QuarterGrade.POOR
        if self.clear.isChecked():
            return None
        return False

    def _on_choice(self) -> None:
        if self.fairly_good.isChecked() and not self.reason.text().strip():
            self.reason.setText(TIE_REASON)
        self.revalidate()

    def problem_text(self) -> str:
        chosen = self.chosen()
        if chosen is False:
            return self.tr("Choose a grade, or clear the adjustment.")
        if isinstance(chosen, QuarterGrade) and not self.reason.text().strip():
            return self.tr("A grade set by hand needs a reason.")
        if isinstance(chosen, QuarterGrade):
            # The 平时考核 sheet's limit, so the grade exports and imports back.
            return OVERRIDE_REASON.problem(self.reason.text().strip(), "调整理由") or ""
        return ""

    def revalidate(self) -> str:
        problem = self.problem_text() if self.locked is None else ""
        # Nothing chosen yet is said by the disabled button alone, not in red.
        self.problem.setText(problem if self.chosen() is not False else "")
        self.save_button.setEnabled(self.locked is None and not problem)
        self.save_button.setToolTip(problem or self.locked or "")
        return problem

    # --- saving ---------------------------------------------------------------
    def save(self) -> bool:
        if self.locked is not None or self.revalidate():
            return False
        chosen = self.chosen()
        grade = chosen if isinstance(chosen, QuarterGrade) else None
        reason = self.reason.text().strip() if grade is not None else ""
        row, grading, quarter = self.row, self.grading, self.sheet.quarter
        sheet = self.attempt(
            lambda: grading.set_override(
                quarter, row.person_id, grade, reason, row.version, self.leases
            )
        )
        if sheet is None:
            return False
        self.accept()
        return True


class NotGradedDialog(PersonDialog):
    def __init__(
        self,
        access: Access,
        grading: QuarterlyGrading,
        holders: LeaseService,
        sheet: GradingSheet,
        row: GradingRow,
        leases: list[Lease],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(access, grading, holders, sheet, row, leases, parent)
        self.setObjectName("notGradedDialog")
        self.setWindowTitle(self.tr("Not graded (不定等次)"))
        self.setMinimumWidth(520)
        self.person = QLabel()
        self.current = QLabel()
        self.current.setObjectName("notGradedCurrent")
        self.current.setWordWrap(True)
        info = QFormLayout()
        info.addRow(self.tr("Person:"), self.person)
        info.addRow(self.tr("Now:"), self.current)

        self.choices = QButtonGroup(self)
        self.reasons: dict[NoGradeReason, QRadioButton] = {}
        layout = QVBoxLayout()
        for reason in NoGradeReason:
            radio = QRadioButton(reason.label)
            radio.setObjectName(f"notGraded_{reason.value}")
            self.reasons[reason] = radio
            self.choices.addButton(radio)
            layout.addWidget(radio)
        self.clear = QRadioButton(self.tr("Clear 不定等次: takes part in the grading again"))
        self.clear.setObjectName("notGradedClear")
        self.choices.addButton(self.clear)
        layout.addWidget(self.clear)
        box = QGroupBox(self.tr("不定等次 because of"))
        box.setLayout(layout)
        self.consequence = note_label()
        self.consequence.setObjectName("notGradedConsequence")
        self._frame(info, box, [self.consequence])
        self.choices.buttonToggled.connect(lambda _b, on: on and self.revalidate())
        self.show_sheet()
        if row.no_grade_reason is not None:
            self.reasons[row.no_grade_reason].setChecked(True)
        self.revalidate()

    def show_sheet(self) -> None:
        row = self.row
        self.person.setText(person_line(row))
        if row.no_grade_reason is not None:
            self.current.setText(f"不定等次（{row.no_grade_reason.label}）")
        else:
            self.current.setText(row.grade_text or self.tr("takes part, not graded yet"))
        text = self.tr(
            "A person with 不定等次 is not counted among the participants: the 好 quota is "
            "worked out without them, and they are not ranked. Their grade is left empty."
        )
        if row.override is not None:
            text += " " + self.tr("The adjustment to {0} set by hand is removed.").format(
                row.override.label
            )
        self.consequence.setText(text)
        self.clear.setEnabled(self.locked is None and row.no_grade_reason is not None)
        for radio in self.reasons.values():
            radio.setEnabled(self.locked is None)
        self._show_lock()
        self.revalidate()

    def chosen(self) -> NoGradeReason | bool | None:
        """The reason to set, None to clear, False when nothing is chosen yet."""
        if self.clear.isChecked():
            return None
        return next((r for r, radio in self.reasons.items() if radio.isChecked()), False)

    def revalidate(self) -> str:
        chosen = self.chosen()
        unchanged = chosen is not False and chosen == self.row.no_grade_reason
        problem = "" if chosen is not False else self.tr("Choose a reason, or clear 不定等次.")
        self.save_button.setEnabled(self.locked is None and not problem and not unchanged)
        self.save_button.setToolTip(problem or self.locked or "")
        return problem

    def save(self) -> bool:
        chosen = self.chosen()
        if self.locked is not None or chosen is False:
            return False
        reason = chosen if isinstance(chosen, NoGradeReason) else None
        row, grading, quarter = self.row, self.grading, self.sheet.quarter
        sheet = self.attempt(
            lambda: grading.set_not_graded(quarter, row.person_id, reason, row.version, self.leases)
        )
        if sheet is None:
            return False
        self.accept()
        return True
