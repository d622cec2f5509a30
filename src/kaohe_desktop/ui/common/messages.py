"""Message boxes that explain a failure to the clerk in words, never as a traceback.

The services already phrase their errors in Chinese for a clerk (what happened,
what to do); these helpers only choose the box, the title and the details.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.services.errors import (
    Cancelled,
    InputError,
    StorageError,
    clerk_text,
    describe_os_error,
)

translate = QCoreApplication.translate


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str, detail: str | None = None) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    if detail:
        box.setInformativeText(detail)
    return box.exec() == QMessageBox.StandardButton.Yes


class ErrorListDialog(QDialog):
    """Every problem of a workbook, one per line, selectable so it can be copied."""

    def __init__(self, title: str, message: str, lines: list[str], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 420)
        heading = QLabel(message)
        heading.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        copy_hint = QLabel(
            translate("Messages", "Correct these cells in the workbook and import it again.")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(
            translate("Messages", "Copy"), QDialogButtonBox.ButtonRole.ActionRole
        )
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(copy_hint)
        layout.addWidget(buttons)


def describe_error(error: BaseException) -> str:
    """The sentence shown for an error; our own errors already speak to the clerk."""
    if isinstance(error, Cancelled | InputError | StorageError):
        return str(error)
    if isinstance(error, PermissionError):
        return translate("Messages", "Windows refused access to the file: {0}").format(
            error.filename or describe_os_error(error)
        )
    if isinstance(error, OSError):
        # The OS's own text is English ("[Errno 28] No space left on device: …").
        return translate("Messages", "The file could not be read or written: {0}").format(
            describe_os_error(error)
        )
    detail = clerk_text(f"{type(error).__name__}: {error}")
    return translate("Messages", "Unexpected error: {0}").format(detail)


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    if isinstance(error, Cancelled):
        QMessageBox.information(parent, title, str(error))
        return
    if isinstance(error, InputError) and error.errors:
        # The message repeats the list; its first line is the heading, the list goes below.
        heading = str(error).splitlines()[0]
        dialog = ErrorListDialog(title, heading, [str(e) for e in error.errors], parent)
        dialog.exec()
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, describe_error(error), parent=parent)
    if not isinstance(error, InputError | StorageError | OSError):
        # Something we did not foresee: keep the details for whoever supports the clerk.
        box.setDetailedText("".join(traceback.format_exception(error)))
    box.exec()
