"""The sign-in dialog shown after a data file is opened and checked.

It either signs in to an existing account or, for a file that has no account yet,
creates its first 管理员. A refusal (wrong password, locked account, a password that
breaks the rules) is said in red inside the dialog, which stays open for another
try; a message box on every typo would only be clicked away. Cancel rejects the
dialog and the caller closes the pending file.

Argon2 is slow on purpose (a fraction of a second, more on an old PC), so the password
is checked on a worker thread: the window behind keeps painting, and the form is
disabled (Cancel too: the file must stay open until the check is over) until the
service answers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication
from PySide6.QtWidgets import (
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
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_PASSWORD
from kaohe_desktop.services.errors import AuthenticationError, InputError, StorageError
from kaohe_desktop.services.workspace import PendingOpen, Workspace
from kaohe_desktop.ui.accounts.account_forms import (
    error_label,
    mismatch_text,
    ok_cancel_buttons,
    password_edit,
    password_rules_text,
    set_error,
)
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.workers import Job


class LoginDialog(QDialog):
    # After each attempt has been answered (refused, or signed in and accepted).
    attempted = Signal()

    def __init__(
        self,
        pending: PendingOpen,
        parent: QWidget | None = None,
        *,
        demo_hint: bool = False,
        last_username: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.pending = pending
        self.workspace: Workspace | None = None
        self.job: Job | None = None  # the sign-in being checked on a worker
        # A read-only file made before accounts existed cannot get an administrator;
        # PendingOpen lets anyone look at it instead (as 只读).
        self.creating_admin = pending.needs_first_admin and not pending.read_only
        self.setWindowTitle(
            self.tr("Create the administrator") if self.creating_admin else self.tr("Sign in")
        )
        self.setMinimumWidth(460)

        file_name = QLabel(pending.name)
        file_name.setObjectName("loginFileName")
        file_name.setToolTip(pending.location)
        file_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(file_name.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        file_name.setFont(bold)
        self.explanation = QLabel(self._explanation())
        self.explanation.setObjectName("loginExplanation")
        self.explanation.setWordWrap(True)

        self.username = QLineEdit()
        self.username.setObjectName("loginUsername")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("loginDisplayName")
        self.display_name.setPlaceholderText(self.tr("e.g. 张三 (defaults to the account name)"))
        self.password = password_edit("loginPassword")
        self.repeat = password_edit("loginRepeat")
        form = QFormLayout()
        form.addRow(self.tr("Account name:"), self.username)
        if self.creating_admin:
            form.addRow(self.tr("Display name:"), self.display_name)
        if not (pending.needs_first_admin and pending.read_only):
            form.addRow(self.tr("Password:"), self.password)
        if self.creating_admin:
            form.addRow(self.tr("Repeat password:"), self.repeat)
            rules = QLabel(password_rules_text())
            rules.setWordWrap(True)
            form.addRow("", rules)

        self.error = error_label("loginError")
        self.buttons = ok_cancel_buttons(
            self, self.tr("Create and sign in") if self.creating_admin else self.tr("Sign in")
        )

        layout = QVBoxLayout(self)
        layout.addWidget(file_name)
        layout.addWidget(self.explanation)
        if pending.read_only:
            layout.addWidget(self._read_only_note())
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        if demo_hint:
            layout.addWidget(self._demo_note())
        layout.addWidget(self.buttons)

        self.username.setText(last_username or (DEMO_ADMIN if demo_hint else ""))
        (self.password if self.username.text() else self.username).setFocus()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def username_entered(self) -> str:
        """The account name to remember for next time (after an accepted sign-in)."""
        return self.username.text().strip()

    # --- texts ----------------------------------------------------------------
    def _explanation(self) -> str:
        if self.creating_admin:
            return self.tr(
                "This data file has no account yet. Create its administrator (管理员): "
                "the account that adds the colleagues' accounts and may do everything. "
                "Keep the password safe; nobody can recover it."
            )
        if self.pending.needs_first_admin:
            return self.tr(
                "This data file has no account yet and is open read-only, so no "
                "administrator can be created now. Enter your name to look at it."
            )
        if self.pending.opened.server is not None:
            return self.tr(
                "Connected to the database server. Now sign in with your own account of "
                "the ledger (not the server account)."
            )
        return self.tr("Sign in with your account of this data file.")

    def _read_only_note(self) -> QLabel:
        reason = getattr(self.pending.opened, "read_only_reason", None) or ""
        note = QLabel(
            self.tr("The file is open read-only: you can look, print and export, not change.")
            + (f"\n{reason}" if reason else "")
        )
        note.setObjectName("loginReadOnly")
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a5a00;")
        return note

    def _demo_note(self) -> QLabel:
        lines = [f"{DEMO_ADMIN}：{Role.ADMIN.label}"]
        lines += [f"{username}：{display_name}" for username, display_name, _role in DEMO_ACCOUNTS]
        note = QLabel(
            self.tr("Demo data. Accounts (password {0}):").format(DEMO_PASSWORD)
            + "".join(f"\n    {line}" for line in lines)
        )
        note.setObjectName("demoHint")
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note.setStyleSheet("color: #555;")
        return note

    # --- signing in -----------------------------------------------------------
    def accept(self) -> None:
        if self.job is not None:
            return  # Enter pressed again while the password is being checked
        set_error(self.error, "")
        if self.creating_admin and self.password.text() != self.repeat.text():
            self._refuse(mismatch_text())
            return
        credentials = Credentials(self.username.text().strip(), self.password.text())
        display_name = self.display_name.text().strip()
        pending, creating = self.pending, self.creating_admin

        def work(_progress: object) -> Workspace:
            # Failed attempts and lockouts are audited by the service, as before.
            if creating:
                return pending.create_admin(credentials, display_name)
            return pending.sign_in(credentials)

        self._set_busy(True)
        self.job = Job(self, self.tr("Signing in…"), work, cancellable=False)
        self.job.succeeded.connect(lambda outcome: self._signed_in(outcome.value))
        self.job.failed.connect(self._failed)
        self.job.start()

    def _signed_in(self, workspace: Workspace) -> None:
        self._set_busy(False)
        self.workspace = workspace
        super().accept()
        self.attempted.emit()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, (AuthenticationError, InputError, StorageError)):
            self._refuse(str(error))
            return
        self._refuse("")
        messages.show_error(self, self.windowTitle(), error)

    def _set_busy(self, busy: bool) -> None:
        """While the worker checks the password: a wait cursor, and nothing to press."""
        if busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()
            self.job = None
        for widget in (self.username, self.display_name, self.password, self.repeat, self.buttons):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if self.job is None:  # the caller closes the file: not while the worker uses it
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            event.ignore()
            return
        super().closeEvent(event)

    def _refuse(self, message: str) -> None:
        set_error(self.error, message)
        self.password.clear()
        self.repeat.clear()
        (self.password if self.username.text().strip() else self.username).setFocus()
        self.attempted.emit()
