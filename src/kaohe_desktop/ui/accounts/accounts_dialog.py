"""账号管理 for 管理员: list the accounts of the data file, add, edit, reset, unlock.

Every change goes through the AccountService (which checks the role again and logs
the change); the table is read again after each one, so it shows what the file holds.
The forms open window-modal without blocking (QDialog.open), which keeps this dialog
drivable from tests and keeps the event loop running.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.accounts import AccountService, AccountView
from kaohe_desktop.ui.accounts.account_forms import (
    REFUSALS,
    AccountFormDialog,
    ResetPasswordDialog,
)
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view

USERNAME, DISPLAY_NAME, ROLE, STATUS = range(4)
F = TypeVar("F", bound=QDialog)


class AccountTableModel(RowTableModel[AccountView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._now = datetime.now()
        self.set_columns(
            [
                Column(self.tr("Account"), lambda a: a.username),
                Column(self.tr("Display name"), lambda a: a.display_name),
                Column(self.tr("Role"), lambda a: a.role.label),
                Column(self.tr("Status"), self.status_text, color=self._status_color),
            ]
        )

    def set_accounts(self, accounts: list[AccountView], now: datetime) -> None:
        self._now = now  # "locked" is relative to the clock the services use
        self.set_rows(accounts)

    def is_locked(self, account: AccountView) -> bool:
        return account.locked_until is not None and self._now < account.locked_until

    def status_text(self, account: AccountView) -> str:
        if not account.active:
            return self.tr("Disabled")
        if self.is_locked(account):
            assert account.locked_until is not None
            return self.tr("Locked until {0}").format(f"{account.locked_until:%H:%M}")
        return self.tr("Active")

    def _status_color(self, account: AccountView) -> str | None:
        if not account.active:
            return "#757575"
        return "#c62828" if self.is_locked(account) else None


class AccountsDialog(QDialog):
    def __init__(
        self, access: Access, accounts: AccountService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountsDialog")
        self.setWindowTitle(self.tr("Accounts"))
        self.resize(780, 420)
        self.access = access
        self.accounts = accounts
        self.form: QDialog | None = None  # the form open right now, if any

        intro = QLabel(
            self.tr(
                "Each colleague signs in with their own account; the role decides what they "
                "may do. Locked accounts (too many wrong passwords) unlock by themselves after "
                "15 minutes, or here at once."
            )
        )
        intro.setWordWrap(True)
        self.read_only_note = QLabel(
            access.read_only_reason or self.tr("The data file is read-only.")
        )
        self.read_only_note.setObjectName("accountsReadOnly")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet("color: #8a5a00;")
        self.read_only_note.setVisible(access.read_only)

        self.model = AccountTableModel(self)
        self.table = make_table_view(
            self.model, {USERNAME: 110, DISPLAY_NAME: 170, ROLE: 80}, sortable=False
        )
        self.table.setObjectName("accountsTable")
        self.table.doubleClicked.connect(lambda _index: self.edit_account())

        self.add_button = self._button("addAccount", self.tr("New account…"), self.add_account)
        self.edit_button = self._button("editAccount", self.tr("Edit…"), self.edit_account)
        self.reset_button = self._button(
            "resetPassword", self.tr("Reset password…"), self.reset_password
        )
        self.unlock_button = self._button("unlockAccount", self.tr("Unlock"), self.unlock)
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.reset_button, self.unlock_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.read_only_note)
        layout.addLayout(middle, 1)
        layout.addWidget(close)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- reading --------------------------------------------------------------
    def reload(self) -> None:
        current = self.selected_account()
        try:
            accounts = self.accounts.accounts()
        except REFUSALS as error:
            messages.show_error(self, self.windowTitle(), error)
            accounts = []
        self.model.set_accounts(accounts, self.access.clock())
        if current is not None:
            self.select(current.username)
        self._update_buttons()

    def select(self, username: str) -> None:
        for row, account in enumerate(self.model.rows()):
            if account.username == username:
                self.table.selectRow(row)
                return

    def selected_account(self) -> AccountView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        may = self.access.may(Action.MANAGE_ACCOUNTS)  # False on a read-only file
        account = self.selected_account()
        self.add_button.setEnabled(may)
        for button in (self.edit_button, self.reset_button):
            button.setEnabled(may and account is not None)
        locked = account is not None and (self.model.is_locked(account) or account.failed_logins)
        self.unlock_button.setEnabled(may and bool(locked))

    # --- changing -------------------------------------------------------------
    def add_account(self) -> AccountFormDialog:
        form = AccountFormDialog(self, self.accounts.add_account)
        return self._open(form, lambda: self.select(form.username.text().strip()))

    def edit_account(self) -> AccountFormDialog | None:
        account = self.selected_account()
        if account is None or not self.edit_button.isEnabled():
            return None
        form = AccountFormDialog(self, self.accounts.update_account, account)
        return self._open(form)

    def reset_password(self) -> ResetPasswordDialog | None:
        account = self.selected_account()
        if account is None:
            return None
        form = ResetPasswordDialog(self, account.username, self.accounts.reset_password)
        return self._open(form)

    def unlock(self) -> None:
        account = self.selected_account()
        if account is None:
            return
        try:
            self.accounts.unlock(account.username)
        except REFUSALS as error:
            messages.show_error(self, self.tr("Unlock"), error)
        self.reload()

    def _open(self, form: F, then: Callable[[], None] | None = None) -> F:
        def accepted() -> None:
            self.reload()
            if then is not None:
                then()

        def finished() -> None:
            self.form = None
            form.deleteLater()

        form.accepted.connect(accepted)
        form.finished.connect(lambda _result: finished())
        self.form = form
        form.open()
        return form
