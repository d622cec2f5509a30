"""管理 → 迁移到数据库服务器…: the open data file copied whole into an empty database
on a PostgreSQL server (issue 17 §3), by the administrator.

The dialog asks for the target (the server, its empty database, the account that owns
it and its password) and the 佐证材料 folder the server database is to name: the
attachments are not copied, they stay where they are. The copy runs on a worker
behind a progress dialog whose Cancel leaves the server database empty; a refusal (a
wrong password, a database that is not empty) is said in red and the dialog stays
open for another try. The data file itself is never changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.services.errors import Cancelled, InputError, StorageError
from kaohe_desktop.services.files.copying import CopyOutcome
from kaohe_desktop.services.files.sources import ServerAddress
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.accounts.account_forms import error_label, ok_cancel_buttons, set_error
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.server_dialog import HINT_STYLE, ServerFields
from kaohe_desktop.ui.workers import Job


class MigrateDialog(QDialog):
    """Accepted once the copy is made and verified: `outcome`, `address` and `password`
    (to open the server database straight after) are then set."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("migrateDialog")
        self.setWindowTitle(self.tr("Move to a database server"))
        self.setMinimumWidth(600)
        self.workspace = workspace
        self.job: Job | None = None
        self.outcome: CopyOutcome | None = None
        self.address: ServerAddress | None = None
        self.password: str | None = None

        heading = QLabel(self.tr("Copy this data file to a database server"))
        heading.setObjectName("migrateHeading")
        bold = QFont(heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        heading.setFont(bold)
        source = QLabel(self.tr("Data file: {0}").format(workspace.location))
        source.setObjectName("migrateSource")
        source.setWordWrap(True)
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        intro = QLabel(
            self.tr(
                "Everything in it (the ledger, the assessments, the archives, the accounts "
                "and the audit log) is copied into an empty database on the server and "
                "checked; it is kept only if every row arrived. The data in the data file "
                "is not changed (its audit log notes the copy)."
            )
        )
        intro.setObjectName("migrateIntro")
        intro.setWordWrap(True)

        server_box = QGroupBox(self.tr("Target database on the server"))
        self.fields = ServerFields(account_hint=self.tr("e.g. kaohe_owner"))
        server_note = QLabel(
            self.tr(
                "The database must be empty: the server's administrator creates it for "
                "this. Use the account that owns it (e.g. kaohe_owner); the clerks later "
                "connect with their everyday server account."
            )
        )
        server_note.setWordWrap(True)
        server_note.setStyleSheet(HINT_STYLE)
        server_layout = QVBoxLayout(server_box)
        server_layout.addWidget(self.fields)
        server_layout.addWidget(server_note)

        evidence_box = QGroupBox(self.tr("Shared folder of the attachments (佐证材料)"))
        self.evidence = QLineEdit(str(workspace.evidence_dir))
        self.evidence.setObjectName("migrateEvidenceDir")
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.setObjectName("migrateBrowse")
        self.browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.evidence, 1)
        row.addWidget(self.browse)
        evidence_note = QLabel(
            self.tr(
                "The attachments are not copied: they stay in this folder and the server "
                "database remembers it. Every workstation must reach it by this same path, "
                "so give the shared folder's network path (e.g. \\\\server\\考核\\佐证材料) "
                "rather than a drive letter of this computer."
            )
        )
        evidence_note.setWordWrap(True)
        evidence_note.setStyleSheet(HINT_STYLE)
        evidence_layout = QVBoxLayout(evidence_box)
        evidence_layout.addLayout(row)
        evidence_layout.addWidget(evidence_note)

        self.error = error_label("migrateError")
        self.buttons = ok_cancel_buttons(self, self.tr("Copy to the server"))

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(source)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(server_box)
        layout.addWidget(evidence_box)
        layout.addWidget(self.error)
        layout.addStretch(1)  # any height to spare goes here, not between the texts
        layout.addWidget(self.buttons)
        self.fields.host.setFocus()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Shared folder of the attachments"), self.evidence.text()
        )
        if folder:
            self.evidence.setText(folder)

    # --- copying --------------------------------------------------------------
    def accept(self) -> None:
        """Start the copy (the dialog stays open, disabled, until it is over)."""
        if self.job is not None:
            return
        set_error(self.error, "")
        try:
            address = self.fields.address()
        except InputError as error:
            set_error(self.error, str(error))
            self.fields.first_empty().setFocus()
            return
        folder_text = self.evidence.text().strip()
        if not folder_text:
            set_error(self.error, self.tr("Enter the shared folder of the attachments."))
            self.evidence.setFocus()
            return
        folder = Path(folder_text)  # the service says what is wrong with it, if anything
        password = self.fields.password.text() or None
        copying = self.workspace.copying

        def work(progress: ProgressReporter) -> CopyOutcome:
            # A Cancel reaches the copy through `progress` (its report raises Cancelled).
            return copying.copy_to(
                address, password=password, progress=progress, evidence_dir=folder
            )

        self._set_busy(True)
        self.job = Job(self, self.tr("Copying to {0}…").format(address.display), work)
        self.job.succeeded.connect(lambda outcome: self._copied(outcome.value, address, password))
        self.job.failed.connect(self._failed)
        self.job.start()

    def _copied(self, outcome: CopyOutcome, address: ServerAddress, password: str | None) -> None:
        self._set_busy(False)
        self.outcome, self.address, self.password = outcome, address, password
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, Cancelled):
            set_error(
                self.error,
                self.tr("Cancelled. Nothing was written to the server database."),
            )
            return
        if isinstance(error, InputError | StorageError):
            set_error(self.error, str(error))
            return
        set_error(self.error, "")
        messages.show_error(self, self.windowTitle(), error)

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self.job = None
        for widget in (self.fields, self.evidence, self.browse, self.buttons):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if self.job is None:  # a running copy is stopped with its progress dialog's Cancel
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            event.ignore()
            return
        super().closeEvent(event)

    # --- the message after ------------------------------------------------------
    def summary(self) -> str:
        """What was copied, without the table by table counts."""
        if self.outcome is None:
            return ""
        return "\n".join(line for line in self.outcome.lines() if not line.startswith("  "))


class MigratedDialog(QDialog):
    """After the copy: what was copied and checked, that the office now works on the
    server, and whether to open the server database now (accepted: open it)."""

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("migratedDialog")
        self.setWindowTitle(self.tr("Move to a database server"))
        self.setMinimumWidth(600)
        heading = QLabel(self.tr("The data file was copied to the database server and checked."))
        heading.setObjectName("migratedHeading")
        heading.setWordWrap(True)
        bold = QFont(heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        heading.setFont(bold)
        self.summary = QLabel(summary)
        self.summary.setObjectName("migratedSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel(
            self.tr(
                "The data in the data file was not changed. From now on the whole office "
                "should work in the server database: stop using the data file (keep it as "
                "an archive), or what is entered in it will not reach the server."
            )
        )
        self.advice.setObjectName("migratedAdvice")
        self.advice.setWordWrap(True)
        self.advice.setStyleSheet("color: #8a5a00;")
        question = QLabel(self.tr("Open the server database now?"))
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(
            self.tr("Open the server database"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.open_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(4)
        layout.addWidget(self.summary)
        layout.addSpacing(4)
        layout.addWidget(self.advice)
        layout.addSpacing(4)
        layout.addWidget(question)
        layout.addStretch(1)
        layout.addWidget(buttons)
