"""What the 季度考核 dialogs share: one person's row of the sheet, a service call that is
refused in words with the clerk's input kept, and the new sheet announced after a change.

A dialog saves itself (as the ledger's TaskDialog does), so every refusal meets the
clerk with the edit still on screen. After a refusal the sheet is read again: the
usual causes (another workstation changed the row, the quarter was closed meanwhile)
mean the grid and the dialog were showing something old.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.errors import (
    BusyError,
    FileUnavailableError,
    InputError,
    LeaseLostError,
    PermissionDeniedError,
    ReadOnlyError,
    StorageError,
)
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.editing.banner import Banner, Tone

R = TypeVar("R")
translate = QCoreApplication.translate

PROBLEM_COLOR = "#b00020"
_NOTE_STYLE = "color: #555;"
# After these, every further save fails too: the dialog locks, the input stays on screen.
_LOCKING = (FileUnavailableError, ReadOnlyError, LeaseLostError)


def edit_refusal(access: Access, sheet: GradingSheet) -> str | None:
    """Why the clerk cannot change this quarter's grading, or None when they can."""
    if access.read_only:
        return translate("QuarterlyDialogs", "The data file is open read-only: {0}").format(
            access.read_only_reason or ""
        )
    if not access.may(Action.ENTER_DATA):
        return translate(
            "QuarterlyDialogs", "Only a clerk or an administrator can change the grading."
        )
    if sheet.closed:
        return translate(
            "QuarterlyDialogs",
            "{0} is closed and read-only; an administrator can reopen it.",
        ).format(sheet.quarter.label())
    return None


def lease_refusal(
    access: Access,
    holders: LeaseService,
    sheet: GradingSheet,
    row: GradingRow,
    leases: list[Lease],
) -> str | None:
    """Why this person's department cannot be edited here: the tab holds no lease for it
    (another workstation edits it, so the tab passes none), or None."""
    scope = grading_scope(str(sheet.quarter), row.department_id)
    if any(lease.scope == scope for lease in leases):
        return None
    try:
        holder = holders.holder(scope)
    except (StorageError, PermissionDeniedError):
        holder = None
    if holder is not None:
        return holder.describe(access.clock())
    return translate(
        "QuarterlyDialogs", "The grading of {0} is not open for editing here: you can only look."
    ).format(row.department)


def person_line(row: GradingRow) -> str:
    return f"{row.name}（{row.code}）  {row.department}  {row.category}"


def problem_label(name: str) -> QLabel:
    """The red line under a form that says what is still missing."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {PROBLEM_COLOR};")
    return label


class SheetDialog(QDialog):
    """A dialog about one person of one quarter's sheet. It uses the grading service,
    and the lease service only to name who holds a department it may not change."""

    changed = Signal(object)  # the new GradingSheet after a change went through

    def __init__(
        self,
        access: Access,
        grading: QuarterlyGrading,
        holders: LeaseService,
        sheet: GradingSheet,
        row: GradingRow,
        leases: list[Lease],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.access, self.grading = access, grading
        self.sheet, self.row = sheet, row
        self.leases = list(leases)
        self.locked: str | None = edit_refusal(access, sheet) or lease_refusal(
            access, holders, sheet, row, self.leases
        )

    @property
    def person_id(self) -> int:
        return self.row.person_id

    def attempt(self, call: Callable[[], GradingSheet]) -> GradingSheet | None:
        """The service call; its new sheet is taken and announced. None when refused
        (explained; a busy file may be retried): the dialog keeps what was typed."""
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
                self.show_sheet()
                return None
            except (InputError, StorageError, PermissionDeniedError) as error:
                messages.show_error(self, title, error)
                self.reread()
                return None
            self.take(sheet)
            return sheet

    def reread(self) -> None:
        """The sheet as the file holds it now (after a refusal), quietly: a file that
        cannot be read now was just explained."""
        try:
            sheet = self.grading.sheet(self.sheet.quarter)
        except (InputError, StorageError, PermissionDeniedError):
            return
        self.take(sheet)

    def take(self, sheet: GradingSheet) -> None:
        self.sheet = sheet
        if any(r.person_id == self.person_id for r in sheet.rows):
            self.row = sheet.row(self.person_id)
        if self.locked is None:
            self.locked = edit_refusal(self.access, sheet)
        self.changed.emit(sheet)
        self.show_sheet()

    def show_sheet(self) -> None:
        """Show `self.sheet` / `self.row` / `self.locked` again (the input stays)."""
        raise NotImplementedError


class PersonDialog(SheetDialog):
    """The frame both dialogs share: banner, who, choices, reason, 保存 / 取消."""

    def _frame(self, info: QFormLayout, choices: QGroupBox, extra: list[QWidget]) -> None:
        self.banner = Banner(f"{self.objectName()}Banner")
        self.problem = problem_label(f"{self.objectName()}Problem")
        buttons = QDialogButtonBox()
        self.save_button: QPushButton = buttons.addButton(
            translate("QuarterlyDialogs", "Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName(f"{self.objectName()}Save")
        self.save_button.setDefault(True)
        cancel = buttons.addButton(
            translate("QuarterlyDialogs", "Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setObjectName(f"{self.objectName()}Cancel")
        self.save_button.clicked.connect(lambda: self.save())
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(info)
        layout.addWidget(choices)
        for widget in extra:
            layout.addWidget(widget)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _show_lock(self) -> None:
        if self.locked is not None:
            self.banner.show_message(Tone.WARNING, self.locked)

    def save(self) -> bool:
        raise NotImplementedError


def note_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(_NOTE_STYLE)
    label.setWordWrap(True)
    return label
