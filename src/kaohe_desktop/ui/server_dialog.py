"""连接数据库服务器: where the bureau's database is on a PostgreSQL server, and the
server account's password (issue 17).

The server account (e.g. kaohe_app) is the one the server's administrator gave the
office; the clerk's own account of the ledger is asked for next, by the sign-in
dialog, as for a data file. The password may be kept in the OS keyring when the clerk
ticks the box; where this machine has no keyring, the box is disabled and says why.

ServerFields is the form alone: 管理 → 迁移到数据库服务器… uses it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.services.errors import InputError, StorageError
from kaohe_desktop.services.files.sources import (
    DEFAULT_PORT,
    ServerAddress,
    is_server_url,
    parse_server_url,
    server_address,
)
from kaohe_desktop.ui.accounts.account_forms import (
    error_label,
    ok_cancel_buttons,
    password_edit,
    set_error,
)

HINT_STYLE = "color: #555;"


@dataclass(frozen=True)
class ServerChoice:
    """What the clerk entered: the address, the password typed (None: left empty, so
    the remembered one or the system's PGPASSWORD / pgpass is used) and whether the
    password is to be kept in the keyring."""

    address: ServerAddress
    password: str | None
    remember: bool


class ServerFields(QWidget):
    """服务器, 端口, 数据库, 服务器账号, 密码: the form, and the address it makes."""

    def __init__(self, parent: QWidget | None = None, *, account_hint: str = "") -> None:
        super().__init__(parent)
        self.host = QLineEdit()
        self.host.setObjectName("serverHost")
        self.host.setPlaceholderText(self.tr("e.g. 192.168.1.10 or kaohe-server"))
        self.port = QSpinBox()
        self.port.setObjectName("serverPort")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.port.setFixedWidth(90)
        self.database = QLineEdit()
        self.database.setObjectName("serverDatabase")
        self.database.setPlaceholderText(self.tr("e.g. kaohe"))
        self.user = QLineEdit()
        self.user.setObjectName("serverUser")
        self.user.setPlaceholderText(account_hint or self.tr("e.g. kaohe_app"))
        self.password = password_edit("serverPassword")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        # The port beside the server: it belongs to it, and is rarely changed.
        server_row = QHBoxLayout()
        server_row.addWidget(self.host, 1)
        server_row.addSpacing(8)
        server_row.addWidget(QLabel(self.tr("Port:")))
        server_row.addWidget(self.port)
        self.form.addRow(self.tr("Server:"), server_row)
        self.form.addRow(self.tr("Database:"), self.database)
        self.form.addRow(self.tr("Server account:"), self.user)
        self.form.addRow(self.tr("Password:"), self.password)
        # An address pasted whole (postgresql+psycopg://账号@服务器:端口/数据库) fills the form.
        self.host.editingFinished.connect(self._split_pasted_address)

    def set_address(self, address: ServerAddress | None) -> None:
        if address is None:
            return
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)

    def address(self) -> ServerAddress:
        """The address entered, or InputError saying in Chinese what is missing."""
        return server_address(
            self.host.text(), self.port.value(), self.database.text(), self.user.text()
        )

    def first_empty(self) -> QWidget:
        for edit in (self.host, self.database, self.user, self.password):
            if not edit.text().strip():
                return edit
        return self.password

    def _split_pasted_address(self) -> None:
        text = self.host.text().strip()
        if not is_server_url(text):
            return
        try:
            address = parse_server_url(text)
        except StorageError:
            return  # left as typed: 连接 says what is wrong with it
        self.set_address(address)


class ServerDialog(QDialog):
    """Asks where the server database is and the server account's password; `reason`
    (the server's refusal, in Chinese) is shown in red when asking again."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        address: ServerAddress | None = None,
        reason: str = "",
        remembered: bool = False,
        keyring_problem: str | None = None,
        password: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.setWindowTitle(self.tr("Connect to a database server"))
        self.setMinimumWidth(500)
        self.choice: ServerChoice | None = None

        heading = QLabel(self.tr("Open the bureau's data on a database server"))
        bold = QFont(heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        heading.setFont(bold)
        intro = QLabel(
            self.tr(
                "Enter what the server's administrator gave the office. The server account "
                "is not your own account of the ledger: you sign in with that next."
            )
        )
        intro.setObjectName("serverIntro")
        intro.setWordWrap(True)

        self.fields = ServerFields(self)
        self.fields.set_address(address)
        self.fields.password.setText(password)
        self.fields.password.setPlaceholderText(
            self.tr("Leave empty to use the remembered password") if remembered else ""
        )
        self.remember = QCheckBox(self.tr("Remember the password in this computer's keyring"))
        self.remember.setObjectName("serverRemember")
        if keyring_problem is not None:
            self.remember.setEnabled(False)
            self.remember.setToolTip(keyring_problem)
            self.keyring_note: QLabel | None = QLabel(keyring_problem)
            self.keyring_note.setObjectName("serverKeyringNote")
            self.keyring_note.setWordWrap(True)
            self.keyring_note.setStyleSheet(HINT_STYLE)
        else:
            self.remember.setChecked(remembered)
            self.remember.setToolTip(
                self.tr(
                    "Kept by the operating system, for your own login on this computer "
                    "only; untick to forget it"
                )
            )
            self.keyring_note = None
        self.fields.form.addRow("", self.remember)
        if self.keyring_note is not None:
            self.fields.form.addRow("", self.keyring_note)

        self.error = error_label("serverError")
        self.buttons = ok_cancel_buttons(self, self.tr("Connect"))

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if reason:
            set_error(self.error, reason)
        self.fields.first_empty().setFocus()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def accept(self) -> None:
        try:
            address = self.fields.address()
        except InputError as error:
            set_error(self.error, str(error))
            self.fields.first_empty().setFocus()
            return
        password = self.fields.password.text()
        self.choice = ServerChoice(
            address,
            password or None,
            self.remember.isEnabled() and self.remember.isChecked(),
        )
        super().accept()
