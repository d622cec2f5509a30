"""What the 奖惩 and 谈话 dialogs share: problems shown under their fields as the clerk
types, a line beside 保存 saying why it is disabled, and a save that keeps the dialog
open on a refusal.

The problems are domain/archive_records' (reward_problems, talk_problems), the very
rules the record service checks again inside its write. The dialog saves before it
closes: a refusal (the lease taken over, the record changed meanwhile, the file gone
read-only) is shown in a banner inside it with everything typed kept, and `refused`
tells the tab to read the person again. A busy file offers to retry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.archive_records import RecordField, RecordProblem
from kaohe_desktop.services.archive.views import PersonArchiveView
from kaohe_desktop.services.errors import BusyError, InputError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.common.messages import describe_error
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.editing.banner import Banner, Tone

PROBLEM_COLOR = "#b00020"
HINT_COLOR = "#555555"
Save = Callable[[Any], PersonArchiveView]  # the draft → the person's archive as saved


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(day: date) -> QDateEdit:
    """A date typed as 2026-03-05 (each part by keyboard) or picked from the calendar
    (Alt+↓)."""
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setMaximumWidth(150)
    return edit


def note_label(name: str, color: str = HINT_COLOR) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {color};")
    return label


class ArchiveRecordDialog(QDialog):
    saved = Signal(object)  # PersonArchiveView, the person after the save
    refused = Signal()  # the file may differ from the screen: read the person again

    def __init__(self, heading: str, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.view: PersonArchiveView | None = None
        self.problem_labels: dict[RecordField, QLabel] = {}
        # Fields the clerk has changed: an untouched empty field is not marked red before
        # anyone typed in it, but the line beside 保存 names it.
        self.touched: set[RecordField] = set()
        self.field_names: dict[RecordField, str] = {}
        self.banner = Banner("recordBanner")
        self.heading = QLabel(heading)
        self.heading.setObjectName("recordHeading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.form = QFormLayout()
        self.form.setVerticalSpacing(8)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.summary = note_label("problemSummary", PROBLEM_COLOR)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("saveRecord")
        self.ok_button.setDefault(True)
        self.ok_button.setAutoDefault(True)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelRecord")
        cancel.setAutoDefault(False)
        self.ok_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        # Ctrl+Enter saves from anywhere, the multi-line summary included.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addLayout(bottom)

    def add_row(self, label: str, field: RecordField | None, *widgets: QWidget) -> QWidget:
        """A form row: its widgets stacked, then the line naming the field's problem."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for widget in widgets:
            column.addWidget(widget)
        if field is not None:
            problem = note_label(f"problem_{field.value}", PROBLEM_COLOR)
            problem.hide()
            column.addWidget(problem)
            self.problem_labels[field] = problem
            self.field_names[field] = label.rstrip(":：")
        caption = QLabel(label)
        if widgets:
            caption.setBuddy(widgets[0])
        self.form.addRow(caption, cell)
        return cell

    # --- for subclasses -----------------------------------------------------------
    def draft(self) -> object:
        raise NotImplementedError

    def problems(self) -> list[RecordProblem]:
        raise NotImplementedError

    # --- checking as the clerk types ----------------------------------------------
    def touch(self, field: RecordField) -> None:
        self.touched.add(field)
        self.revalidate()

    def revalidate(self) -> list[RecordProblem]:
        problems = self.problems()
        self._show_problems(problems)
        waiting = [p for p in problems if p.field not in self.touched]
        if waiting:
            names = "、".join(dict.fromkeys(self._name(p.field) for p in waiting))
            self.summary.setText(self.tr("Still to fill in or correct: {0}").format(names))
        elif problems:
            self.summary.setText(self.tr("Correct the marked fields to save."))
        else:
            self.summary.clear()
        self.ok_button.setEnabled(not problems)
        return problems

    def _name(self, field: RecordField) -> str:
        return self.field_names.get(field, field.value)

    def _show_problems(self, problems: Sequence[RecordProblem]) -> None:
        by_field: dict[RecordField, list[str]] = {}
        for problem in problems:
            if problem.field in self.touched:
                by_field.setdefault(problem.field, []).append(problem.message)
        for field, label in self.problem_labels.items():
            lines = by_field.get(field, [])
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))

    # --- saving -------------------------------------------------------------------
    def save(self) -> PersonArchiveView | None:
        if self.revalidate():
            self.touched = set(RecordField)  # a save attempt marks every field at fault
            self.revalidate()
            return None
        draft = self.draft()
        while True:
            try:
                view = self._save(draft)
            except BusyError as error:
                if prompts.ask_retry(self, self.windowTitle(), str(error)):
                    continue
                return None
            except (InputError, StorageError, PermissionDeniedError) as error:
                self.banner.show_message(Tone.ERROR, self._not_saved(describe_error(error)))
                self.refused.emit()
                return None
            break
        self.view = view
        self.saved.emit(view)
        self.accept()
        return view

    def _not_saved(self, message: str) -> str:
        """The service's refusal, said once as not saved (its own words may say so)."""
        if message.startswith(("未保存", "未能保存")):
            return message
        return self.tr("Not saved: {0}").format(message)
