"""What the 年度考核 dialogs share: a form that saves itself through the annual service,
a refusal explained with the clerk's input kept on screen, and the year's fresh sheet
handed back after a save.

A dialog saves by itself (as the other tabs' dialogs do): `saved` carries the sheet the
service returned, which the session shows at once (no reload after our own write);
`refused` after a refusal asks the tab to read the year again, since the usual causes
(the year closed meanwhile, the lease taken over) mean the screen was out of date.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.services.errors import (
    BusyError,
    FileUnavailableError,
    InputError,
    LeaseLostError,
    PermissionDeniedError,
    ReadOnlyError,
    StorageError,
)
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.editing.banner import Banner, Tone

translate = QCoreApplication.translate

PROBLEM_COLOR = "#b00020"
NOTE_STYLE = "color: #555;"
# After these, every further save fails too: the dialog locks, the input stays on screen.
_LOCKING = (FileUnavailableError, ReadOnlyError, LeaseLostError)

Save = Callable[[], AnnualSheetView]


def person_line(row: AnnualRowView) -> str:
    parts = [f"{row.name}（{row.code}）", row.department, row.position or ""]
    return "  ".join(part for part in parts if part)


def note_label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setStyleSheet(NOTE_STYLE)
    label.setWordWrap(True)
    return label


class AnnualDialog(QDialog):
    saved = Signal(object)  # the AnnualSheetView the service returned
    refused = Signal()  # the screen may be out of date: read the year again

    def __init__(self, name: str, locked: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.locked = locked  # why nothing can be saved here (None: it can)
        self.banner = Banner(f"{name}Banner")
        self.problem = QLabel()
        self.problem.setObjectName(f"{name}Problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {PROBLEM_COLOR};")
        self.buttons = QDialogButtonBox()
        self.save_button: QPushButton = self.buttons.addButton(
            translate("AnnualDialog", "Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName(f"{name}Save")
        self.save_button.setDefault(True)
        cancel = self.buttons.addButton(
            translate("AnnualDialog", "Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setObjectName(f"{name}Cancel")
        self.save_button.clicked.connect(lambda: self.save())
        cancel.clicked.connect(self.reject)

    def _frame(self, *parts: QWidget | QVBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        for part in parts:
            if isinstance(part, QWidget):
                layout.addWidget(part)
            else:
                layout.addLayout(part)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._show_lock()

    def _show_lock(self) -> None:
        if self.locked is not None:
            self.banner.show_message(Tone.WARNING, self.locked)
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.locked)

    def attempt(self, call: Save) -> AnnualSheetView | None:
        """The service call; its new sheet is handed on and the dialog closes. None when
        refused (explained; a busy file may be retried): what was typed stays."""
        title = self.windowTitle()
        while True:
            try:
                sheet = call()
            except BusyError as error:
                if prompts.ask_retry(self, title, str(error)):
                    continue
                return None
            except _LOCKING as error:
                messages.show_error(self, title, error)
                self.locked = str(error)
                self._show_lock()
                self.refused.emit()
                return None
            except (InputError, StorageError, PermissionDeniedError) as error:
                messages.show_error(self, title, error)
                self.refused.emit()
                return None
            self.saved.emit(sheet)
            self.accept()
            return sheet

    def save(self) -> bool:
        raise NotImplementedError
