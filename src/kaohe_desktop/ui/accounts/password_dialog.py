"""修改密码: the signed-in account changes its own password.

Every role may; the old password is asked again so that a colleague at an unlocked
workstation cannot take the account over. Refusals are said inside the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.accounts import AccountService
from kaohe_desktop.services.errors import (
    AuthenticationError,
    InputError,
    PermissionDeniedError,
    StorageError,
)
from kaohe_desktop.ui.accounts.account_forms import (
    error_label,
    mismatch_text,
    ok_cancel_buttons,
    password_edit,
    password_rules_text,
    set_error,
)
from kaohe_desktop.ui.common.access import Access


class ChangePasswordDialog(QDialog):
    def __init__(
        self, access: Access, accounts: AccountService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(420)
        self.access = access
        self.accounts = accounts

        actor = access.actor
        heading = QLabel(self.tr("Account: {0}").format(f"{actor.username} · {actor}"))
        heading.setObjectName("passwordAccount")
        self.old = password_edit("oldPassword")
        self.new = password_edit("newPassword")
        self.repeat = password_edit("repeatPassword")
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.old)
        form.addRow(self.tr("New password:"), self.new)
        form.addRow(self.tr("Repeat new password:"), self.repeat)
        rules = QLabel(password_rules_text())
        rules.setWordWrap(True)
        form.addRow("", rules)
        self.error = error_label("passwordError")
        self.buttons = ok_cancel_buttons(self, self.tr("Change password"))

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if not access.may(Action.CHANGE_OWN_PASSWORD):
            # A read-only file cannot store a new password; say so before anyone types.
            set_error(
                self.error,
                access.read_only_reason
                or self.tr("The data file is read-only; the password cannot be changed now."),
            )
            self.ok_button.setEnabled(False)
        self.old.setFocus()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def accept(self) -> None:
        set_error(self.error, "")
        if self.new.text() != self.repeat.text():
            self._refuse(mismatch_text(), keep_old=True)
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # Argon2 takes a moment
        try:
            self.accounts.change_own_password(self.old.text(), self.new.text())
        except AuthenticationError as error:
            self._refuse(str(error), keep_old=False)
            return
        except (InputError, PermissionDeniedError, StorageError) as error:
            self._refuse(str(error), keep_old=True)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        super().accept()

    def _refuse(self, message: str, *, keep_old: bool) -> None:
        set_error(self.error, message)
        self.repeat.clear()
        if keep_old:
            self.new.setFocus()
            self.new.selectAll()
        else:
            self.old.clear()
            self.old.setFocus()
