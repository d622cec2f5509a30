"""The open file's backups in the backup folder as a table: when, why, whose, how big,
where. Another data file's backups (even of the same name) are never rows here."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kaohe_desktop.services.files.backups import BackupFile
from kaohe_desktop.ui.common.table_model import Column, RowTableModel


def file_size(backup: BackupFile) -> int | None:
    try:
        return backup.path.stat().st_size
    except OSError:
        return None  # deleted or unreachable since the folder was listed


def size_text(size: int | None) -> str:
    if size is None:
        return "?"
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupTableModel(RowTableModel[BackupFile]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Taken at"), lambda b: f"{b.taken_at:%Y-%m-%d %H:%M:%S}"),
                # The reason is part of the file name, already in Chinese (自动, 手动, 升级前…).
                Column(self.tr("Kind"), lambda b: b.reason),
                # The 单位 the backup was taken of, as its name carries it.
                Column(self.tr("Bureau"), lambda b: b.bureau),
                Column(
                    self.tr("Size"),
                    lambda b: size_text(file_size(b)),
                    numeric=True,
                    sort=file_size,
                ),
                Column(self.tr("File"), lambda b: b.path.name, tooltip=lambda b: str(b.path)),
            ]
        )
