"""新增 / 复制 / 编辑 one 台账任务, checked as the clerk types and saved by the dialog itself.

The dialog saves (ledger.add, or tasks.save of a Draft when editing) before it
closes, so every refusal is met here, with the clerk's edit still on screen: a 序号
taken meanwhile marks the field, a busy file offers to retry, another's save opens
the ConflictDialog, and a file that became unavailable or read-only locks the form
with the edit on screen and offers to export it to a workbook. Only a save that went
through closes it; the tab then records the undo command for what was saved (`saved`,
`saved_draft`).

Problems are shown under the fields the clerk has touched; an untouched field of a
new task is not red before anyone typed in it, but the line beside 保存 names what
is still missing, so a disabled button never goes unexplained.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kaohe_desktop.domain.deadlines import EXAMPLES, DeadlineError, parse_deadline
from kaohe_desktop.domain.edits import Conflict, Draft
from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.ledger_rules import (
    TASK_FIELD_LABELS,
    TASK_FIELDS,
    TaskProblem,
    split_departments,
    validate_task,
)
from kaohe_desktop.services.common.record_edit import FieldSpec, RecordSnapshot
from kaohe_desktop.services.errors import (
    BusyError,
    EditConflictError,
    FileUnavailableError,
    InputError,
    PermissionDeniedError,
    ReadOnlyError,
    StorageError,
    TaskInputError,
)
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.editing.banner import Banner, Tone
from kaohe_desktop.ui.editing.conflict_dialog import ConflictDialog
from kaohe_desktop.ui.editing.export_edit import export_edit
from kaohe_desktop.ui.ledger.ledger_session import LedgerFile
from kaohe_desktop.ui.ledger.task_form import PROBLEM_COLOR, TaskForm

# The entity a new task's exported edit is filed under (the table name, as an edit's is).
NEW_TASK_ENTITY = "ledger_task"


def open_conflict_dialog(
    conflict: Conflict, parent: QWidget, fields: tuple[FieldSpec, ...]
) -> ConflictDialog:
    """Both versions side by side, modally; a function so tests can answer it."""
    dialog = ConflictDialog(conflict, parent, fields=fields)
    dialog.exec()
    return dialog


class TaskDialog(QDialog):
    def __init__(
        self,
        source: LedgerFile,
        year: int,
        *,
        snapshot: RecordSnapshot | None = None,
        values: Mapping[str, Any] | None = None,
        copy_of: int | None = None,
        titles: Mapping[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`snapshot` edits that task; otherwise a new task, prefilled from `values`
        (复制: the copied task's values, `copy_of` its 序号) with the next free 序号.
        `source` is the open file: its ledger, its task editor, and what an exported
        edit names."""
        super().__init__(parent)
        self.setObjectName("taskDialog")
        self.source, self.year, self.snapshot = source, year, snapshot
        self.saved: TaskView | RecordSnapshot | None = None  # what the service returned
        self.saved_draft: Draft | None = None  # editing: the draft that was saved
        self.draft: Draft | None = snapshot.draft() if snapshot is not None else None
        self._titles = dict(titles or {})
        # A new task's exported edit shows the copied values (if any) as what it started from.
        self._start_values = dict(values or {})
        self.unsaved_reason: str | None = None  # set when the form is locked, edit kept
        self._shown_fields: set[str] = set()
        ledger = source.ledger
        departments = ledger.departments()
        named: list[str] = []
        if snapshot is not None:
            own = snapshot.values
            # A department retired since the task was written may stay on it (the service
            # allows that too), so the form must be able to show it.
            named = [str(own["lead_department"]), *split_departments(own["responsible"])]
            self._shown_fields = set(TASK_FIELDS)  # an existing task: say everything at once
        self._allowed = set(departments) | set(named)
        self._own_seq = int(snapshot.values["seq"]) if snapshot is not None else None
        self._refresh_taken()
        suggested = ledger.next_seq(year)

        self.banner = Banner("taskBanner")
        self.form = TaskForm(departments, named)
        if snapshot is not None:
            initial: dict[str, Any] = dict(snapshot.values)
            self.setWindowTitle(self.tr("Edit task {0}").format(initial["seq"]))
        else:
            initial = {**dict(values or {}), "seq": suggested}
            if copy_of is None:
                self.setWindowTitle(self.tr("New task"))
            else:
                self.setWindowTitle(self.tr("New task (copy of task {0})").format(copy_of))
        self.form.set_values(initial)
        self._initial = self.form.values()
        if snapshot is None:  # editing: a taken number's problem suggests a free one anyway
            self.form.seq_hint.setText(self.tr("Next free number: {0}").format(suggested))

        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("saveTask")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelTask")
        self.ok_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.summary = QLabel()
        self.summary.setObjectName("problemSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {PROBLEM_COLOR};")
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addSpacing(8)
        layout.addLayout(bottom)

        self.form.edited.connect(self._on_edited)
        self.revalidate()
        self.form.title.setFocus()

    # --- checking as the clerk types -----------------------------------------
    def _refresh_taken(self) -> None:
        taken = self.source.ledger.taken_seqs(self.year) - {self._own_seq}
        # With the titles of the tab's rows the message can name the task using the 序号.
        self._taken = {seq: self._titles.get(seq, "") for seq in taken}

    def problems(self) -> list[TaskProblem]:
        return validate_task(
            self.form.values(), year=self.year, taken_seqs=self._taken, departments=self._allowed
        )

    def _on_edited(self, name: str) -> None:
        self._shown_fields.add(name)
        if name == "category":
            self._shown_fields.add("deadline")  # the due periods depend on it
        self.revalidate()

    def revalidate(self) -> list[TaskProblem]:
        problems = self.problems()
        self.form.show_problems(problems, self._shown_fields)
        self._show_deadline(problems)
        waiting = [p for p in problems if p.field not in self._shown_fields]
        if waiting:
            names = "、".join(dict.fromkeys(TASK_FIELD_LABELS[p.field] for p in waiting))
            self.summary.setText(self.tr("Still to fill in or correct: {0}").format(names))
        elif problems:
            self.summary.setText(self.tr("Correct the marked fields to save."))
        else:
            self.summary.clear()
        self.ok_button.setEnabled(not problems and self.unsaved_reason is None)
        return problems

    def _show_deadline(self, problems: list[TaskProblem]) -> None:
        text = self.form.deadline.text().strip()
        problem = next((p for p in problems if p.field == "deadline"), None)
        if problem is not None and "deadline" in self._shown_fields:
            self.form.set_deadline_hint(problem.message, problem=True)
            return
        if problem is not None or not text:
            self.form.set_deadline_hint(self.tr("For example: {0}").format(EXAMPLES), problem=False)
            return
        try:
            window = parse_deadline(text, self.year)
        except DeadlineError as error:  # validate_task accepted it: cannot happen
            self.form.set_deadline_hint(str(error), problem=True)
            return
        category = TaskCategory.from_label(self.form.category.currentText())
        periods = window.describe(category)
        self.form.set_deadline_hint(self.tr("Checked in: {0}").format(periods), problem=False)

    def is_dirty(self) -> bool:
        return self.form.values() != self._initial

    # --- saving ---------------------------------------------------------------
    def save(self) -> None:
        if self.unsaved_reason is not None:
            return  # locked: the file will not take it; the banner offers the export
        if self.revalidate():
            self._shown_fields = set(TASK_FIELDS)
            self.revalidate()
            return
        values = self.form.values()
        draft = self._draft_of(values) if self.draft is not None else None
        if draft is not None and not draft.dirty:
            super().reject()  # nothing changed: nothing to save, nothing to undo
            return
        while True:
            try:
                if draft is not None:
                    self.saved = self.source.tasks.save(draft)
                    self.saved_draft = draft
                else:
                    self.saved = self.source.ledger.add(self.year, values)
            except BusyError as error:
                if prompts.ask_retry(self, self.windowTitle(), str(error)):
                    continue
                return
            except EditConflictError as error:
                self._resolve(error.conflict)
                return
            except TaskInputError as error:
                self._refused_by_rules(error)
                return
            except (FileUnavailableError, ReadOnlyError) as error:
                # Every further save would fail too: lock, keep the edit, offer it as a file.
                self._lock(self.tr("Switched to read-only: {0}").format(error))
                return
            except (InputError, StorageError, PermissionDeniedError) as error:
                # A closed period, a refused role: explained, and the edit stays.
                messages.show_error(self, self.windowTitle(), error)
                return
            break
        self.accept()

    def _draft_of(self, values: Mapping[str, Any]) -> Draft:
        assert self.draft is not None
        draft = self.draft
        for name, value in values.items():
            draft = draft.with_value(name, value)
        return draft

    def _refused_by_rules(self, error: TaskInputError) -> None:
        # Most often a 序号 someone else took since the dialog opened: learn the new ones.
        self._refresh_taken()
        self._shown_fields = set(TASK_FIELDS)
        self.revalidate()
        self.banner.show_message(Tone.ERROR, self.tr("Not saved: {0}").format(error))

    def _resolve(self, conflict: Conflict) -> None:
        assert self.snapshot is not None
        dialog = open_conflict_dialog(conflict, self, self.snapshot.fields)
        if dialog.wants_export or conflict.deleted:
            self._gone(conflict, export=dialog.wants_export)
            return
        resolution = dialog.resolution
        if resolution is None:
            return  # back to editing, the edit intact
        # Their version becomes the base; what the clerk keeps is on screen to save.
        self.draft = Draft(
            resolution.entity,
            resolution.entity_id,
            resolution.label,
            resolution.base_version,
            dict(resolution.base),
        )
        own = resolution.base
        self._allowed |= {str(own["lead_department"]), *split_departments(own["responsible"])}
        self.form.set_values({name: resolution.value(name) for name in TASK_FIELDS})
        self.banner.show_message(
            Tone.INFO, self.tr("Their version is now the base of your edit. Check it and save.")
        )
        self.revalidate()
        if dialog.chosen != ConflictDialog.TAKE_THEIRS and not self.problems():
            self.save()

    def _gone(self, conflict: Conflict, *, export: bool) -> None:
        self._lock(self.tr("This task was deleted by someone else; your edit cannot be saved."))
        if export:
            self.export_edit()

    # --- when the file will not take the edit ---------------------------------
    def _lock(self, reason: str) -> None:
        """Read-only from now on, the values still on screen and exportable."""
        self.unsaved_reason = reason
        self.ok_button.setEnabled(False)
        self.form.setEnabled(False)
        action = (self.tr("Export my changes…"), self.export_edit, "exportEdit")
        self.banner.show_message(Tone.ERROR, reason, [action])

    def unsaved_draft(self) -> tuple[Draft, tuple[FieldSpec, ...]]:
        """The typed task as a Draft, and the fields naming it, for the export."""
        values = self.form.values()
        if self.snapshot is not None:
            return self._draft_of(values), self.snapshot.fields
        label = values["title"] or self.windowTitle()
        draft = Draft(NEW_TASK_ENTITY, 0, label, 0, self._start_values)
        for name in TASK_FIELDS:
            draft = draft.with_value(name, values[name])
        fields = tuple(FieldSpec(name, TASK_FIELD_LABELS[name]) for name in TASK_FIELDS)
        return draft, fields

    def export_edit(self) -> Path | None:
        draft, fields = self.unsaved_draft()
        return export_edit(
            self,
            self.source,
            draft,
            fields,
            entity_label=self.source.tasks.entity_label,
            reason=self.unsaved_reason or "",
        )

    # --- closing --------------------------------------------------------------
    def reject(self) -> None:
        # Locked or not: an edit the file would not take is still the clerk's to keep.
        if self.is_dirty():
            detail = (
                self.tr("Choose No to keep editing.")
                if self.unsaved_reason is None
                else self.tr("Choose No to export your edit first.")
            )
            discard = messages.ask(
                self,
                self.windowTitle(),
                self.tr("Close and discard your changes to this task?"),
                detail,
            )
            if not discard:
                return
        super().reject()
