"""备份: where backups go, the backups there, a backup now, and restoring one.

A restore never overwrites anything: it writes a new file (the open one is backed
up first, the backup must pass its checks, DESIGN §5); the main window may then
offer to open it.

After a backup a line says what became of the 佐证材料: they live beside the data
file, not in it, so the database copy alone would not bring them back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.files.backups import (
    BackupFile,
    BackupService,
    EvidenceCopy,
    evidence_warning,
)
from kaohe_desktop.ui.backups.backup_model import BackupTableModel
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.workers import Job, run_job

DATA_SUFFIX = ".kaohe"


class BackupsDialog(QDialog):
    restored = Signal(Path)  # the new file a backup was restored into

    def __init__(
        self,
        access: Access,
        backups: BackupService,
        data_file: Path,  # the open file: a restore suggests a new name beside it
        parent: QWidget | None = None,
        *,
        server_database: str | None = None,  # 账号@服务器:端口/数据库 when on a server
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Backups"))
        self.resize(860, 520)
        self.access = access
        self.backups = backups
        self.data_file = data_file
        self.server_database = server_database
        self.job: Job | None = None

        self.folder_label = QLabel()
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_button = QPushButton(self.tr("Change…"))
        self.change_button.setObjectName("changeBackupFolder")
        self.change_button.clicked.connect(self.change_folder)
        self.default_button = QPushButton(self.tr("Use default"))
        self.default_button.setObjectName("defaultBackupFolder")
        self.default_button.clicked.connect(lambda: self._set_folder(None))
        folder_box = QGroupBox(self.tr("Backup folder"))
        folder_row = QHBoxLayout(folder_box)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.change_button)
        folder_row.addWidget(self.default_button)

        # Whose backups these are: two bureaus' files of the same name may share a folder.
        self.owner_label = QLabel(self._owner_text())
        self.owner_label.setObjectName("backupOwner")
        self.owner_label.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.view = make_table_view(
            self.model, {0: 140, 1: 70, 2: 200, 3: 80}, sortable=False, name="backupTable"
        )
        self.view.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._update_buttons()
        )
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore_selected)
        self.rights = QLabel()
        self.rights.setObjectName("backupRights")
        self.rights.setWordWrap(True)
        self.evidence_label = QLabel()
        self.evidence_label.setObjectName("backupEvidence")
        self.evidence_label.setWordWrap(True)
        self.evidence_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence_label.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.rights, 1)
        note = QLabel(
            self.tr(
                "An automatic backup is made at the first opening of each day (14 daily and 12"
                " monthly ones are kept). A restore writes a new file; the open file is backed"
                " up first and never overwritten."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(folder_box)
        layout.addWidget(note)
        layout.addWidget(self.owner_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.evidence_label)
        layout.addWidget(buttons)
        self._show_rights()
        self.reload()

    # --- showing --------------------------------------------------------------
    def reload(self) -> None:
        try:
            folder = self.backups.folder()
            backups = self.backups.backups()
        except (StorageError, PermissionDeniedError, OSError) as error:
            messages.show_error(self, self.windowTitle(), error)
            folder, backups = None, []
        self.folder_label.setText(str(folder) if folder is not None else "")
        self.model.set_rows(backups)
        self._update_buttons()

    def _owner_text(self) -> str:
        identity = self.backups.identity
        if identity is None:
            return ""
        if self.server_database is not None:
            return self.tr(
                "Backups of {0} (server database {1}, id {2}). Backups of other databases"
                " in this folder, even of the same name, are not listed."
            ).format(identity.bureau or "?", self.server_database, identity.short_id)
        return self.tr(
            "Backups of {0} (data file {1}, file id {2}). Backups of other data files in"
            " this folder, even of the same name, are not listed."
        ).format(identity.bureau or "?", self.data_file.name, identity.short_id)

    def selected(self) -> BackupFile | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _show_rights(self) -> None:
        if not self.access.may(Action.RESTORE):
            self.rights.setText(
                self.tr("Only an administrator can change the folder or restore a backup.")
            )

    def _update_buttons(self) -> None:
        idle = self.job is None or self.job.finished
        configure = self.access.may(Action.CONFIGURE_BACKUPS)
        self.change_button.setEnabled(configure)
        self.default_button.setEnabled(configure)
        self.backup_button.setEnabled(idle and self.access.may(Action.BACKUP))
        self.restore_button.setEnabled(
            idle and self.selected() is not None and self.access.may(Action.RESTORE)
        )

    # --- the folder -----------------------------------------------------------
    def change_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Backup folder"), self.folder_label.text()
        )
        if folder:
            self._set_folder(Path(folder))

    def _set_folder(self, folder: Path | None) -> None:
        try:
            self.backups.set_folder(folder)
        except (InputError, StorageError, PermissionDeniedError) as error:
            messages.show_error(self, self.tr("Backup folder"), error)
        self.reload()

    # --- backing up and restoring --------------------------------------------
    def back_up_now(self) -> Job:
        title = self.tr("Back up now")
        backups = self.backups

        def work() -> tuple[Path, EvidenceCopy | None]:
            # Read in the worker, right after its own backup: what that backup copied.
            return backups.backup_now(), backups.last_evidence

        def written(result: object) -> None:
            assert isinstance(result, tuple)
            copy, evidence = result
            self.reload()
            self.show_evidence(evidence)
            messages.info(self, title, self.tr("Backup written to:\n{0}").format(copy))

        def failed(error: BaseException) -> None:
            self.reload()
            messages.show_error(self, title, error)

        return self._run(self.tr("Backing up…"), work, written, failed)

    def show_evidence(self, evidence: EvidenceCopy | None) -> None:
        """The line under the buttons about the attachments the backup copied."""
        if evidence is None:
            self.evidence_label.hide()
            return
        lines = []
        if evidence.referenced:
            lines.append(
                self.tr("Evidence files (佐证材料): {0} newly copied, {1} in all.").format(
                    evidence.copied, evidence.referenced
                )
            )
        elif not evidence.problems:
            lines.append(self.tr("Evidence files (佐证材料): none attached yet."))
        warning = evidence_warning(evidence)  # the files it could not copy, in words
        if warning:
            lines.append(warning)
        text = "\n".join(lines)
        self.evidence_label.setStyleSheet("color: #c62828;" if evidence.problems else "")
        self.evidence_label.setText(text)
        self.evidence_label.show()

    def restore_selected(self) -> Job | None:
        backup = self.selected()
        if backup is None:
            return None
        title = self.tr("Restore a backup")
        suggested = self.data_file.with_name(
            f"{self.data_file.stem}-{backup.taken_at:%Y%m%d-%H%M%S}{DATA_SUFFIX}"
        )
        path_text, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Restore the backup of {0} into a new file").format(backup.bureau),
            str(suggested),
            self.tr("Kaohe data files (*.kaohe)"),
            options=QFileDialog.Option.DontConfirmOverwrite,  # refused below instead
        )
        if not path_text:
            return None
        target = Path(path_text)
        if not target.suffix:
            target = target.with_suffix(DATA_SUFFIX)
        if target.exists():
            messages.warn(
                self,
                title,
                self.tr("“{0}” already exists. A restore only writes a new file.").format(target),
            )
            return None
        backups = self.backups

        def done(path: object) -> None:
            self.reload()
            messages.info(
                self,
                title,
                self.tr(
                    "The backup of {0} taken {1} was restored into:\n{2}\n"
                    "The open data file was not changed."
                ).format(backup.bureau, f"{backup.taken_at:%Y-%m-%d %H:%M}", path),
            )
            self.restored.emit(Path(str(path)))

        def failed(error: BaseException) -> None:
            self.reload()
            messages.show_error(self, title, error)

        return self._run(
            self.tr("Restoring the backup…"),
            lambda: backups.restore(backup.path, target),
            done,
            failed,
        )

    def _run(
        self,
        title: str,
        work: Callable[[], object],
        on_success: Callable[[object], None],
        on_error: Callable[[BaseException], None],
    ) -> Job:
        # Not cancellable: a backup or restore stopped half-way is worth nothing.
        self.job = run_job(
            self,
            title,
            lambda _progress: work(),
            on_success=on_success,
            on_error=on_error,
            cancellable=False,
        )
        self.job.done.connect(self._update_buttons)
        self._update_buttons()
        return self.job
