"""撤回督办单: withdraw a notice issued by mistake, with the reason the 操作日志 keeps.

The dialog says what withdrawing does before the clerk confirms: the notice goes,
its number stays used (the next notice does not take it again), its deduction
leaves the half year's 加减分 and an unverified 整改 goes with it. A notice whose
text is wrong is changed (修改…), not withdrawn; the dialog says that too.

It withdraws the notice itself: a refusal (another workstation changed or closed
the notice first, no reason given) is shown inside it and the reason typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.notice_rules import COLOR_WORDS
from kaohe_desktop.domain.text_rules import REASON
from kaohe_desktop.services.checks.notices import NoticeService
from kaohe_desktop.services.checks.views import NoticeView
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.checks.notice_dialog import PROBLEM_STYLE
from kaohe_desktop.ui.common.messages import describe_error
from kaohe_desktop.ui.common.table_model import format_value


class WithdrawNoticeDialog(QDialog):
    withdrawn = Signal(object)  # the NoticeView as it was before it was withdrawn
    refused = Signal()  # the service refused: the notice may have changed meanwhile

    def __init__(
        self, notices: NoticeService, notice: NoticeView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("withdrawNoticeDialog")
        self.setWindowTitle(self.tr("Withdraw notice {0}").format(notice.number))
        self.resize(520, 300)
        self.notices, self.notice = notices, notice

        heading = QLabel(
            self.tr("Withdraw {0} ({1}, {2})?").format(
                notice.number, COLOR_WORDS[notice.color], notice.department
            )
        )
        heading.setObjectName("withdrawHeading")
        heading.setStyleSheet("font-weight: bold;")
        heading.setWordWrap(True)
        explanation = QLabel("\n".join(self._consequences()))
        explanation.setObjectName("withdrawExplanation")
        explanation.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("withdrawReason")
        self.reason.setMaxLength(REASON.limit)
        self.reason.setPlaceholderText(self.tr("Why it was issued by mistake (required)"))
        self.problem = QLabel()
        self.problem.setObjectName("withdrawProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Withdraw"))
        ok.setObjectName("confirmWithdrawNotice")
        self.buttons.accepted.connect(self.withdraw)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(QLabel(self.tr("Reason (kept in the 操作日志):")))
        layout.addWidget(self.reason)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _consequences(self) -> list[str]:
        notice = self.notice
        lines = [
            self.tr(
                "Withdraw only a notice issued by mistake (wrong department or task); to "
                "correct what it says, use Change… instead."
            ),
            self.tr("• Its number {0} stays used: no other notice will get it.").format(
                notice.number
            ),
        ]
        if notice.deduction is not None:
            lines.append(
                self.tr(
                    "• Its deduction of {0} points is removed from the half year's 加减分."
                ).format(format_value(notice.deduction))
            )
        if notice.rectification is not None:
            lines.append(self.tr("• Its 整改 record is removed with it."))
        return lines

    def withdraw(self) -> str | None:
        """Withdraw and close; a refusal stays in the dialog with the reason typed."""
        notice = self.notice
        try:
            number = self.notices.withdraw(notice.id, notice.version, self.reason.text())
        except (InputError, StorageError, PermissionDeniedError) as error:
            self.problem.setText(describe_error(error))
            self.refused.emit()
            return None
        self.withdrawn.emit(notice)
        self.accept()
        return number
