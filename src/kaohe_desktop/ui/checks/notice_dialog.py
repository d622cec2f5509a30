"""下达督办单: the notice the 查账 page suggests for the chosen rows, checked and issued;
and 修改督办单, the same form over a notice already issued.

The service suggests the colour (红 / 黄 / 蓝 by urgency, from the settings), the
problem text and the 整改时限; the clerk may change each. The colour is chosen by
its words (红色督办, 黄色督办, 蓝色提醒), the suggested one marked. An immediate
deduction is optional: it goes into the half year's 加减分 as 业务工作, with the
notice's number as 依据文号, so nobody copies it there by hand.

The dialog issues the notice itself: a refusal is shown inside it and everything
typed stays, so the clerk corrects and issues again.

Editing (`number` given) shows the number, department, tasks and 下达日期 as they
are: the service changes only the colour, the problem, the 整改时限 and the
deduction (a notice issued to the wrong department is withdrawn instead), and the
half year's 加减分 follows the deduction in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.domain.notice_rules import COLOR_WORDS, MAX_DEDUCTION, notice_problems
from kaohe_desktop.services.checks.views import NoticeDraft, NoticeView
from kaohe_desktop.services.errors import (
    ConflictError,
    InputError,
    PermissionDeniedError,
    StorageError,
)
from kaohe_desktop.ui.common.messages import describe_error

# Issues the draft, or (editing) saves it over the notice; answers with the notice stored.
Issue = Callable[[NoticeDraft], NoticeView]

PROBLEM_STYLE = "color: #c62828;"
# The colour words in their colour, dark enough to read on grey (the word says it too).
COLOR_TEXT = {
    NoticeColor.RED: "#b71c1c",
    NoticeColor.YELLOW: "#8a6d00",
    NoticeColor.BLUE: "#0d47a1",
}


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(name: str, day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMaximumWidth(150)
    return edit


class ColorChoice(QWidget):
    """红色督办 / 黄色督办 / 蓝色提醒 as radio buttons, the suggested one marked (unless
    `mark` is off: a notice being changed shows its own colour, not a suggestion)."""

    def __init__(
        self, suggested: NoticeColor, parent: QWidget | None = None, *, mark: bool = True
    ) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[NoticeColor, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for color in NoticeColor:
            text = COLOR_WORDS[color]
            if mark and color is suggested:
                text += self.tr(" (suggested)")
            button = QRadioButton(text)
            button.setObjectName(f"color_{color.value}")
            button.setStyleSheet(f"color: {COLOR_TEXT[color]}; font-weight: bold;")
            self.group.addButton(button)
            self.buttons[color] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.buttons[suggested].setChecked(True)

    def color(self) -> NoticeColor:
        return next(c for c, b in self.buttons.items() if b.isChecked())

    def set_color(self, color: NoticeColor) -> None:
        self.buttons[color].setChecked(True)


class NoticeDialog(QDialog):
    issued = Signal(object)  # NoticeView, as stored after issuing (or saving a change)
    refused = Signal()  # the service refused: what the file holds may differ from the form

    def __init__(
        self,
        draft: NoticeDraft,
        department: str,
        tasks: Sequence[str],
        issue: Issue,
        parent: QWidget | None = None,
        *,
        number: str | None = None,  # given: the notice of that number is being changed
    ) -> None:
        super().__init__(parent)
        editing = number is not None
        self.setObjectName("noticeEditDialog" if editing else "noticeDialog")
        if number is not None:
            self.setWindowTitle(self.tr("Change notice {0}").format(number))
        else:
            self.setWindowTitle(self.tr("Issue notice (督办单)"))
        self.resize(620, 520)
        self._draft, self._issue, self._number = draft, issue, number
        self.notice: NoticeView | None = None

        self.color = ColorChoice(draft.color, mark=not editing)
        self.issued_on = date_edit("noticeIssuedOn", draft.issued_on)
        self.issued_on.setEnabled(not editing)  # the number's year comes from it
        self.deadline = date_edit("noticeDeadline", draft.deadline)
        self.content = QPlainTextEdit(draft.content)
        self.content.setObjectName("noticeContent")
        self.content.setPlaceholderText(self.tr("What is wrong, and what must be done"))
        self.deduct = QCheckBox(self.tr("Deduct points at once"))
        self.deduct.setObjectName("noticeDeduct")
        self.points = QDoubleSpinBox()
        self.points.setObjectName("noticePoints")
        self.points.setDecimals(2)
        self.points.setRange(0.01, float(MAX_DEDUCTION))
        self.points.setValue(float(draft.deduction or 1))
        self.points.setSuffix(self.tr(" points"))
        self.deduct.setChecked(draft.deduction is not None)
        self.points.setEnabled(draft.deduction is not None)
        self.deduct.toggled.connect(self.points.setEnabled)
        if number is not None:
            note_text = self.tr(
                "The half year's 加减分 (半年考核, 业务工作, 依据文号 {0}) follows: a changed "
                "deduction changes it, and no deduction removes it."
            ).format(number)
        else:
            note_text = self.tr(
                "The deduction goes into the half year's 加减分 (半年考核) as 业务工作, with this "
                "notice's number as 依据文号."
            )
        note = QLabel(note_text)
        note.setWordWrap(True)
        note.setObjectName("noticeDeductionNote")
        self.problem = QLabel()
        self.problem.setObjectName("noticeProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)

        form = QFormLayout()
        if number is not None:
            shown = QLabel(number)
            shown.setObjectName("noticeNumber")
            form.addRow(self.tr("Number:"), shown)
        form.addRow(self.tr("Department:"), QLabel(department))
        form.addRow(self.tr("Period:"), QLabel(draft.period.label()))
        listed = QLabel("\n".join(tasks) or self.tr("(none: written by hand)"))
        listed.setWordWrap(True)
        form.addRow(self.tr("Tasks:"), listed)
        form.addRow(self.tr("Colour:"), self.color)
        form.addRow(self.tr("Issued on:"), self.issued_on)
        form.addRow(self.tr("Rectify by:"), self.deadline)
        form.addRow(self.tr("Problem:"), self.content)
        deduction = QHBoxLayout()
        deduction.addWidget(self.deduct)
        deduction.addWidget(self.points)
        deduction.addStretch(1)
        form.addRow(self.tr("Deduction:"), deduction)
        form.addRow("", note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Save") if editing else self.tr("Issue"))
        ok.setObjectName("saveNoticeButton" if editing else "issueNoticeButton")
        self.buttons.accepted.connect(self.issue)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def draft(self) -> NoticeDraft:
        """The notice as filled in now."""
        deduction = None
        if self.deduct.isChecked():
            deduction = Decimal(str(round(self.points.value(), 2)))
        return replace(
            self._draft,
            color=self.color.color(),
            issued_on=pydate(self.issued_on.date()),
            deadline=pydate(self.deadline.date()),
            content=self.content.toPlainText().strip(),
            deduction=deduction,
        )

    def issue(self) -> NoticeView | None:
        """Check, issue, close; a refusal stays in the dialog with everything typed."""
        draft = self.draft()
        problems = notice_problems(draft.content, draft.issued_on, draft.deadline, draft.deduction)
        if problems:
            self.problem.setText("；".join(dict.fromkeys(problems)) + "。")
            return None
        try:
            notice = self._issue(draft)
        except (InputError, StorageError, PermissionDeniedError) as error:
            text = describe_error(error)
            if self._number is not None and isinstance(error, ConflictError):
                text += "\n" + self.tr(
                    "Cancel, then open Change… again: it shows the notice as saved now."
                )
            self.problem.setText(text)
            self.refused.emit()
            return None
        self.notice = notice
        self.issued.emit(notice)
        self.accept()
        return notice
