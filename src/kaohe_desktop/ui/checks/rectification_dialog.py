"""One 督办单's 整改: the plan (整改目标, 整改事项, 整改时限, 整改措施), its result, and the
核实 that closes the notice; and printing the notice.

The department's plan and result are recorded by whoever records checks; 核实 is a
reviewer's act (审核人 or 管理员: the 督查科室 checks the result), and it is the only
way a notice closes. Each save answers with the notice as stored, which the dialog
shows again, so a second save names the version it saw. A refusal (another
workstation saved first, a closed notice) is said in the dialog and nothing typed
is lost.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.notice_rules import COLOR_WORDS
from kaohe_desktop.domain.periods import parse_check_period
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.domain.text_rules import PERSON_REF
from kaohe_desktop.services.checks.notices import NoticeService
from kaohe_desktop.services.checks.views import NoticeView, RectificationDraft
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.checks import check_outputs
from kaohe_desktop.ui.checks.notice_dialog import PROBLEM_STYLE, date_edit, pydate, qdate
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.messages import describe_error
from kaohe_desktop.ui.common.table_model import format_value
from kaohe_desktop.ui.editing.banner import Banner, Tone

translate = QCoreApplication.translate


def period_text(period: str) -> str:
    try:
        return parse_check_period(period).label()
    except ValueError:
        return period


def notice_summary(notice: NoticeView) -> str:
    tasks = "、".join(f"第{t.seq}项" for t in notice.tasks)
    lines = [
        f"{notice.number}　{COLOR_WORDS[notice.color]}　{notice.department}　"
        f"{period_text(notice.period)}",
        translate("RectificationDialog", "Issued on {0}, rectify by {1}").format(
            notice.issued_on.isoformat(), notice.deadline.isoformat()
        ),
    ]
    if tasks:
        lines.append(translate("RectificationDialog", "Tasks: {0}").format(tasks))
    lines.append(translate("RectificationDialog", "Problem: {0}").format(notice.content))
    if notice.deduction is not None:
        lines.append(
            translate("RectificationDialog", "Deduction: {0} points (半年考核, 业务工作)").format(
                format_value(notice.deduction)
            )
        )
    return "\n".join(lines)


def _text_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 12)
    return box


class RectificationDialog(QDialog):
    changed = Signal(object)  # NoticeView, after a save or a 核实

    def __init__(
        self,
        access: Access,
        notices: NoticeService,
        notice: NoticeView,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rectificationDialog")
        self.setWindowTitle(self.tr("Rectification (整改) of {0}").format(notice.number))
        self.resize(640, 640)
        self.access, self.notices, self.notice = access, notices, notice
        self.today = today or access.clock().date()

        self.banner = Banner("rectificationBanner")
        self.summary = QLabel()
        self.summary.setObjectName("noticeSummary")
        self.summary.setWordWrap(True)
        self.target = _text_box("rectTarget", self.tr("What the rectification must achieve"))
        self.items = _text_box("rectItems", self.tr("The things to put right"))
        self.deadline = date_edit("rectDeadline", notice.deadline)
        self.measures = _text_box("rectMeasures", self.tr("How, by whom"))
        self.result_text = _text_box("rectResult", self.tr("What was done (filled in when done)"))
        self.save_button = QPushButton(self.tr("Save rectification"))
        self.save_button.setObjectName("saveRectification")
        self.save_button.clicked.connect(lambda: self.save())
        self.verifier = QLineEdit(access.actor.display_name)
        self.verifier.setObjectName("verifiedBy")
        self.verifier.setMaxLength(PERSON_REF.limit)
        self.verified_on = date_edit("verifiedOn", self.today)
        self.verify_button = QPushButton(self.tr("Verify and close"))
        self.verify_button.setObjectName("verifyRectification")
        self.verify_button.clicked.connect(lambda: self.verify())
        self.print_button = QPushButton(self.tr("Print notice…"))
        self.print_button.setObjectName("printNotice")
        self.print_button.clicked.connect(lambda: self.print_notice())
        self.problem = QLabel()
        self.problem.setObjectName("rectificationProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self._layout()
        self.show_notice(notice)

    def _layout(self) -> None:
        plan = QFormLayout()
        plan.addRow(self.tr("Target:"), self.target)
        plan.addRow(self.tr("Items:"), self.items)
        plan.addRow(self.tr("Rectify by:"), self.deadline)
        plan.addRow(self.tr("Measures:"), self.measures)
        plan.addRow(self.tr("Result:"), self.result_text)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        plan.addRow(save_row)
        plan_box = QGroupBox(self.tr("Rectification"))
        plan_box.setLayout(plan)
        verify = QHBoxLayout()
        verify.addWidget(QLabel(self.tr("Verified by:")))
        verify.addWidget(self.verifier, 1)
        verify.addWidget(QLabel(self.tr("on")))
        verify.addWidget(self.verified_on)
        verify.addWidget(self.verify_button)
        verify_box = QGroupBox(self.tr("Verification (closes the notice)"))
        verify_box.setLayout(verify)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(plan_box)
        layout.addWidget(verify_box)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    # --- showing ----------------------------------------------------------------
    def show_notice(self, notice: NoticeView) -> None:
        self.notice = notice
        self.summary.setText(notice_summary(notice))
        rect = notice.rectification
        if rect is not None:
            self.target.setPlainText(rect.target)
            self.items.setPlainText(rect.items)
            self.deadline.setDate(qdate(rect.deadline))
            self.measures.setPlainText(rect.measures)
            self.result_text.setPlainText(rect.result or "")
            if rect.verified_by:
                self.verifier.setText(rect.verified_by)
            if rect.verified_on:
                self.verified_on.setDate(qdate(rect.verified_on))
        self._update_state()

    def _update_state(self) -> None:
        notice, access = self.notice, self.access
        rect = notice.rectification
        may_record = access.may(Action.RECORD_CHECKS) and not notice.closed
        may_verify = access.may(Action.REVIEW) and not notice.closed and rect is not None
        for box in (self.target, self.items, self.measures, self.result_text):
            box.setReadOnly(not may_record)
        self.deadline.setEnabled(may_record)
        self.save_button.setEnabled(may_record)
        self.verifier.setReadOnly(not may_verify)
        self.verified_on.setEnabled(may_verify)
        self.verify_button.setEnabled(may_verify and bool(rect and rect.result))
        self.print_button.setEnabled(access.may(Action.EXPORT))
        if notice.closed and rect is not None:
            self.banner.show_message(
                Tone.INFO,
                self.tr("Rectified and verified by {0} on {1}: the notice is closed.").format(
                    rect.verified_by or "", rect.verified_on.isoformat() if rect.verified_on else ""
                ),
            )
        elif notice.rectification_overdue(self.today):
            self.banner.show_message(
                Tone.ERROR,
                self.tr("The rectification is overdue: it was due by {0}.").format(
                    (rect.deadline if rect else notice.deadline).isoformat()
                ),
            )
        elif rect is None:
            self.banner.show_message(
                Tone.INFO, self.tr("No rectification recorded yet: fill in the plan and save.")
            )
        elif not may_verify and not notice.closed and not access.may(Action.REVIEW):
            self.banner.show_message(
                Tone.INFO, self.tr("A reviewer or an administrator verifies the result.")
            )
        else:
            self.banner.clear()

    # --- saving -----------------------------------------------------------------
    def draft(self) -> RectificationDraft:
        return RectificationDraft(
            target=self.target.toPlainText().strip(),
            items=self.items.toPlainText().strip(),
            deadline=pydate(self.deadline.date()),
            measures=self.measures.toPlainText().strip(),
            result=self.result_text.toPlainText().strip() or None,
        )

    def save(self) -> bool:
        rect = self.notice.rectification
        version = None if rect is None else rect.version
        try:
            notice = self.notices.set_rectification(self.notice.id, self.draft(), version)
        except (InputError, StorageError, PermissionDeniedError) as error:
            self.problem.setText(describe_error(error))
            return False
        self.problem.clear()
        self._changed(notice)
        return True

    def verify(self) -> bool:
        rect = self.notice.rectification
        if rect is None:
            return False
        try:
            notice = self.notices.verify_rectification(
                self.notice.id,
                rect.version,
                self.verifier.text().strip(),
                pydate(self.verified_on.date()),
            )
        except (InputError, StorageError, PermissionDeniedError) as error:
            self.problem.setText(describe_error(error))
            return False
        self.problem.clear()
        self._changed(notice)
        return True

    def _changed(self, notice: NoticeView) -> None:
        self.show_notice(notice)
        self.changed.emit(notice)

    def print_notice(self) -> None:
        number = self.notice.number
        notices = self.notices
        check_outputs.write_pdf(
            self,
            self.tr("Print notice"),
            f"{number}.pdf",
            lambda out, font: notices.notice_pdf(number, out, font_path=font),
        )
