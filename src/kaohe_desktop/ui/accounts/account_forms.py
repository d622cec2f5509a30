"""The small forms of 账号管理 (new account, edit, reset password) and the pieces every
account dialog shares: a password field and an inline error line.

A form calls the service itself when OK is pressed and stays open when the service
refuses, so the administrator corrects the one wrong field instead of typing the
whole form again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import AccountView
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.common import messages

translate = QCoreApplication.translate

# What a service may refuse with; anything else is a bug and goes to the generic handler.
REFUSALS = (InputError, PermissionDeniedError, StorageError)


def error_label(name: str) -> QLabel:
    """A red line under a form that says what is wrong; hidden while there is nothing."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.hide()
    return label


def set_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
    # A wrapped label changes height with its text; without this the dialog keeps its
    # old size and the lines below are drawn over each other.
    window, layout = label.window(), label.window().layout()
    if layout is None:
        return
    layout.activate()
    if layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(window.width())
    else:
        needed = layout.totalSizeHint().height()
    if needed > window.height():  # grow only: never undo a size the clerk chose
        window.resize(window.width(), needed)


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(240)
    return edit


def ok_cancel_buttons(dialog: QDialog, ok_text: str = "") -> QDialogButtonBox:
    """OK (saying `ok_text` when given) and Cancel, wired to the dialog's accept/reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def mismatch_text() -> str:
    return translate("AccountForms", "The two passwords do not match. Type them again.")


def password_rules_text() -> str:
    return translate(
        "AccountForms", "At least 8 characters, mixing letters with digits or other characters."
    )


class _FormDialog(QDialog):
    """OK runs `_submit`; a service refusal is explained and the form stays open."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.form = QFormLayout()
        self.error = error_label("formError")
        self.buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _submit(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        set_error(self.error, "")
        try:
            self._submit()
        except _Mismatch:
            set_error(self.error, mismatch_text())
            return
        except REFUSALS as error:
            messages.show_error(self, self.windowTitle(), error)
            return
        super().accept()


class _Mismatch(Exception):
    """The repeated password differs (checked here, before any slow hashing)."""


def _same_passwords(first: QLineEdit, second: QLineEdit) -> str:
    if first.text() != second.text():
        second.clear()
        second.setFocus()
        raise _Mismatch
    return first.text()


class AccountFormDialog(_FormDialog):
    """新增账号 (`account` None) or 修改 (display name, role, active) of one account."""

    def __init__(
        self,
        parent: QWidget | None,
        submit: Callable[..., None],
        account: AccountView | None = None,
    ) -> None:
        adding = account is None
        # self.tr needs the QObject, which does not exist before super().__init__.
        title = (
            translate("AccountFormDialog", "New account")
            if adding
            else translate("AccountFormDialog", "Edit account")
        )
        super().__init__(title, parent)
        self.setObjectName("accountForm")
        self._submit_to_service = submit
        self.username = QLineEdit(account.username if account else "")
        self.username.setObjectName("formUsername")
        self.username.setReadOnly(not adding)
        if not adding:  # an account name cannot change: do not make it look editable
            self.username.setFrame(False)
            self.username.setStyleSheet("background: transparent;")
        self.display_name = QLineEdit(account.display_name if account else "")
        self.display_name.setObjectName("formDisplayName")
        self.display_name.setPlaceholderText(self.tr("e.g. 张三 (defaults to the account name)"))
        self.role = QComboBox()
        self.role.setObjectName("formRole")
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.role.setCurrentIndex(self.role.findData(account.role if account else Role.CLERK))
        self.form.addRow(self.tr("Account name:"), self.username)
        self.form.addRow(self.tr("Display name:"), self.display_name)
        self.form.addRow(self.tr("Role:"), self.role)
        self.active = QCheckBox(self.tr("Account may sign in"))
        self.active.setObjectName("formActive")
        self.active.setChecked(account.active if account else True)
        self.password = password_edit("formPassword")
        self.repeat = password_edit("formRepeat")
        if adding:
            self.form.addRow(self.tr("Password:"), self.password)
            self.form.addRow(self.tr("Repeat password:"), self.repeat)
            rules = QLabel(password_rules_text())
            rules.setWordWrap(True)
            self.form.addRow("", rules)
        else:
            self.form.addRow("", self.active)
        self.adding = adding

    def selected_role(self) -> Role:
        return Role(self.role.currentData())

    def _submit(self) -> None:
        if self.adding:
            password = _same_passwords(self.password, self.repeat)
            self._submit_to_service(
                self.username.text(), self.display_name.text(), self.selected_role(), password
            )
        else:
            self._submit_to_service(
                self.username.text(),
                display_name=self.display_name.text(),
                role=self.selected_role(),
                active=self.active.isChecked(),
            )


class ResetPasswordDialog(_FormDialog):
    """重设密码: the administrator sets a new password and tells the colleague."""

    def __init__(
        self, parent: QWidget | None, username: str, submit: Callable[[str, str], None]
    ) -> None:
        super().__init__(translate("ResetPasswordDialog", "Reset password"), parent)
        self.setObjectName("resetPasswordForm")
        self._username = username
        self._submit_to_service = submit
        note = QLabel(
            self.tr(
                "Set a new password for “{0}”. It also unlocks the account. "
                "Tell the colleague, who should then change it."
            ).format(username)
        )
        note.setWordWrap(True)
        self.password = password_edit("formPassword")
        self.repeat = password_edit("formRepeat")
        self.form.addRow(note)
        self.form.addRow(self.tr("New password:"), self.password)
        self.form.addRow(self.tr("Repeat password:"), self.repeat)
        rules = QLabel(password_rules_text())
        rules.setWordWrap(True)
        self.form.addRow("", rules)

    def _submit(self) -> None:
        self._submit_to_service(self._username, _same_passwords(self.password, self.repeat))
