"""委员会裁定…: the committee settles a tie that straddles a quota line, with a reason.

Equal totals across a quota line all take the lower grade and are flagged; the
committee may raise as many of them as there are places left (审核人 or 管理员). The
dialog names the department, its total and the others of the tie, offers the grades
the service says it can give (the others greyed) and, for a decision that stands,
withdrawing it. The reason is required and goes into the record and the audit log; a
suggested one follows the chosen grade until the reviewer writes their own. The
service checks again that the decision can stand and says so inside the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.adjustment_rules import decision_problem
from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.domain.half_year_scoring import DepartmentResult
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.scoring.views import DecisionView, HalfYearSheet
from kaohe_desktop.ui.common.messages import describe_error
from kaohe_desktop.ui.scoring.entry_form import PROBLEM_COLOR
from kaohe_desktop.ui.scoring.score_texts import two_decimals

# grade (None: withdraw), reason, the decision's version seen (None: none yet)
Decide = Callable[[DepartmentGrade | None, str, int | None], HalfYearSheet]


def suggested_reason(grade: DepartmentGrade) -> str:
    return f"与同组科室总分并列且跨越等次名额，经考核委员会研究定为{grade.label}"


def tied_with(sheet: HalfYearSheet, result: DepartmentResult) -> list[DepartmentResult]:
    """The others of the group with the same total."""
    return [
        r
        for r in sheet.scoring.results
        if r.group == result.group
        and r.total == result.total
        and r.department_id != result.department_id
    ]


class DecideDialog(QDialog):
    saved = Signal(object)  # HalfYearSheet
    refused = Signal()

    def __init__(
        self,
        sheet: HalfYearSheet,
        result: DepartmentResult,
        allowed: Sequence[DepartmentGrade],
        decide: Decide,
        parent: QWidget | None = None,
    ) -> None:
        """`allowed`: the grades a decision can give the department now (the service's
        decision_grades); the others are shown, not offered."""
        super().__init__(parent)
        self.setObjectName("decideDialog")
        self.setWindowTitle(self.tr("Committee decision (委员会裁定)"))
        self.setMinimumWidth(560)
        self._decide = decide
        self.decision: DecisionView | None = sheet.decision(result.department_id)
        self.sheet: HalfYearSheet | None = None
        self._typed_reason = False
        others = tied_with(sheet, result)
        info = QFormLayout()
        info.addRow(self.tr("Department:"), QLabel(f"{result.name}（{result.group or '未分组'}）"))
        info.addRow(self.tr("Total:"), QLabel(two_decimals(result.total)))
        info.addRow(self.tr("Grade now:"), QLabel(self._grade_now(result)))
        tie = QLabel("、".join(r.name for r in others) or self.tr("(none)"))
        tie.setWordWrap(True)
        info.addRow(self.tr("Tied with:"), tie)

        self.choices = QButtonGroup(self)
        self.radios: dict[DepartmentGrade | None, QRadioButton] = {}
        row = QHBoxLayout()
        for grade in DepartmentGrade:
            radio = QRadioButton(grade.label)
            radio.setObjectName(f"decide_{grade.value}")
            radio.setEnabled(grade in allowed)
            if grade not in allowed:
                radio.setToolTip(self.tr("Not a grade this tie can be given"))
            self.radios[grade] = radio
        if self.decision is not None:
            withdraw = QRadioButton(self.tr("Withdraw the decision"))
            withdraw.setObjectName("decide_withdraw")
            self.radios[None] = withdraw
        for radio in self.radios.values():
            self.choices.addButton(radio)
            row.addWidget(radio)
        row.addStretch(1)
        rule = QLabel(
            self.tr(
                "The committee chooses between the two grades the tie straddles, and may "
                "raise no more departments than there are places left. A vetoed "
                "department cannot be 优秀."
            )
        )
        rule.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("decideReason")
        self.problem = QLabel()
        self.problem.setObjectName("decideProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {PROBLEM_COLOR};")
        form = QFormLayout()
        form.addRow(self.tr("Grade:"), row)
        form.addRow("", rule)
        form.addRow(self.tr("Reason:"), self.reason)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("saveDecision")
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(info)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)

        start: DepartmentGrade | None = self.decision.grade if self.decision else result.grade
        if start not in allowed:
            start = allowed[-1] if allowed else None
        if start is not None:
            self.radios[start].setChecked(True)
        if self.decision is not None:
            self.reason.setText(self.decision.reason)
        elif start is not None:
            self.reason.setText(suggested_reason(start))
        self._typed_reason = self.decision is not None
        self.choices.buttonToggled.connect(lambda _b, on: self._on_grade() if on else None)
        self.reason.textEdited.connect(lambda _t: self._on_reason())
        self.revalidate()

    def _grade_now(self, result: DepartmentResult) -> str:
        if result.decided:
            return self.tr("{0} (decided by the committee)").format(result.grade.label)
        if result.flagged:
            return self.tr("{0} (the lower grade, until the committee decides)").format(
                result.grade.label
            )
        return result.grade.label

    def chosen(self) -> bool:
        return any(radio.isChecked() for radio in self.radios.values())

    def grade(self) -> DepartmentGrade | None:
        """The grade chosen; None: withdraw the decision (or nothing chosen yet)."""
        return next((g for g, radio in self.radios.items() if radio.isChecked()), None)

    def _on_grade(self) -> None:
        grade = self.grade()
        if grade is not None and not self._typed_reason:
            self.reason.setText(suggested_reason(grade))
        self.revalidate()

    def _on_reason(self) -> None:
        self._typed_reason = True
        self.revalidate()

    def revalidate(self) -> str | None:
        if not self.chosen():
            problem: str | None = self.tr("Choose the grade")
        else:
            problem = None if self.grade() is None else decision_problem(self.reason.text())
        self.problem.setText(problem or "")
        self.ok_button.setEnabled(problem is None)
        return problem

    def save(self) -> HalfYearSheet | None:
        if self.revalidate() is not None:
            return None
        version = self.decision.version if self.decision else None
        try:
            sheet = self._decide(self.grade(), self.reason.text().strip(), version)
        except (InputError, StorageError, PermissionDeniedError) as error:
            self.problem.setText(describe_error(error))
            self.refused.emit()
            return None
        self.sheet = sheet
        self.saved.emit(sheet)
        self.accept()
        return sheet
