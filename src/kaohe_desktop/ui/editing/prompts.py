"""The blocking questions of the editing screens, in one place so tests can answer them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

translate = QCoreApplication.translate


def ask_retry(parent: QWidget | None, title: str, text: str) -> bool:
    """重试 / 稍后: True to try the save again now."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    retry = box.addButton(translate("Editing", "Retry"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Editing", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    return box.clickedButton() is retry


def choose_export_path(parent: QWidget | None, suggested: Path) -> Path | None:
    path_text, _ = QFileDialog.getSaveFileName(
        parent,
        translate("Editing", "Export my changes"),
        str(suggested),
        translate("Editing", "Excel workbooks (*.xlsx)"),
    )
    if not path_text:
        return None
    path = Path(path_text)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
