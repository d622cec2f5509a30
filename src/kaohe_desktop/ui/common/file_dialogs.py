"""Asking where to save a file, as every export does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(
    parent: QWidget | None, title: str, suggested: Path, file_filter: str
) -> Path | None:
    """Where to save; the suffix of the suggested name is added when the clerk left it off."""
    text, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not text:
        return None
    path = Path(text)
    suffix = suggested.suffix
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
