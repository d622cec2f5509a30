"""The 台账 tab's edits: add, duplicate, edit (dialog or cell), delete, and their undo stack.

Every edit is saved first and recorded second (see task_commands for why): the
service call happens here or in the TaskDialog, and only a save that went through
becomes a command on the stack. The stack lives as long as one workspace and year
are shown; choosing another year or file starts an empty one, because its commands
would name tasks that are not on screen.

It works on the LedgerSession (the services, the year, the tasks on screen); after a
change it asks the session for a reload, which the tab answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.ledger_rules import split_departments, validate_task
from kaohe_desktop.services.common.record_edit import RecordSnapshot
from kaohe_desktop.services.errors import (
    BusyError,
    InputError,
    PermissionDeniedError,
    StorageError,
    TaskInputError,
)
from kaohe_desktop.services.ledger.tasks import LedgerService
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.ledger.ledger_session import LedgerFile, LedgerSession
from kaohe_desktop.ui.ledger.task_commands import (
    AddTask,
    CommandContext,
    DeleteTask,
    EditTask,
    TaskRefs,
)
from kaohe_desktop.ui.ledger.task_dialog import TaskDialog

R = TypeVar("R")
_REFUSALS = (InputError, StorageError, PermissionDeniedError)


def run_dialog(dialog: QDialog) -> bool:
    """Show a dialog modally; a function so tests can fill it in and press its buttons."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def explain(parent: QWidget | None, title: str, error: BaseException) -> None:
    """A refusal in the clerk's words; a rules refusal lists its problems as plain lines."""
    if isinstance(error, TaskInputError):
        messages.warn(parent, title, str(error))
    else:
        messages.show_error(parent, title, error)


class LedgerEditing(QObject):
    def __init__(self, session: LedgerSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self._parent = parent  # where the dialogs and refusals are shown
        self.stack = QUndoStack(self)
        self.stack.setObjectName("ledgerUndoStack")
        self.refs = TaskRefs()
        self._shown: tuple[LedgerFile | None, int | None] = (None, None)

    # --- the undo session -----------------------------------------------------
    def begin_session(self, source: LedgerFile | None, year: int | None) -> None:
        """A new file or year: forget the undo history (a refresh of the same keeps it)."""
        previous_source, previous_year = self._shown
        if source is not previous_source or year != previous_year:
            self.reset()
        self._shown = (source, year)

    def reset(self) -> None:
        self.stack.clear()
        self.refs.clear()

    def _context(self) -> CommandContext:
        source, year = self._require()
        return CommandContext(
            source.ledger,
            source.tasks,
            year,
            self.refs,
            failed=lambda title, error: explain(self._parent, title, error),
            changed=self.session.request_reload,
            retry=lambda title, error: prompts.ask_retry(self._parent, title, str(error)),
        )

    def _require(self) -> tuple[LedgerFile, int]:
        source, year = self.session.source, self.session.year
        assert source is not None and year is not None  # the actions are disabled otherwise
        return source, year

    def _call(self, title: str, call: Callable[[], R]) -> R | None:
        """A service call with retry on a busy file; None (explained) when refused."""
        while True:
            try:
                return call()
            except BusyError as error:
                if prompts.ask_retry(self._parent, title, str(error)):
                    continue
                return None
            except _REFUSALS as error:
                explain(self._parent, title, error)
                return None

    # --- add, duplicate -------------------------------------------------------
    def add(self, prefill: dict[str, Any] | None = None, copy_of: int | None = None) -> None:
        source, year = self._require()
        titles, parent = self.session.titles(), self._parent
        # The dialog reads the departments and free numbers: a dropped share refuses here.
        dialog = self._call(
            self.tr("New task"),
            lambda: TaskDialog(
                source, year, values=prefill, copy_of=copy_of, titles=titles, parent=parent
            ),
        )
        if dialog is None or not run_dialog(dialog) or not isinstance(dialog.saved, TaskView):
            return
        view = dialog.saved
        ref = self.refs.for_version(view.id, view.version)
        self.stack.push(AddTask(self._context(), ref, dialog.form.values(), view.seq))

    def duplicate(self, task: TaskView) -> None:
        editor = self._require()[0].tasks
        snapshot = self._call(self.tr("Duplicate task"), lambda: editor.load(task.id))
        if snapshot is None:
            self.session.request_reload()
            return
        self.add(dict(snapshot.values), copy_of=task.seq)

    # --- edit -----------------------------------------------------------------
    def edit(self, task: TaskView) -> None:
        source, year = self._require()
        title = self.tr("Edit task {0}").format(task.seq)
        snapshot = self._call(title, lambda: source.tasks.load(task.id))
        if snapshot is None:
            self.session.request_reload()  # deleted meanwhile: show the table as it is now
            return
        titles, parent = self.session.titles(), self._parent
        dialog = self._call(
            title,
            lambda: TaskDialog(source, year, snapshot=snapshot, titles=titles, parent=parent),
        )
        if dialog is None or not run_dialog(dialog) or dialog.saved_draft is None:
            return
        saved = dialog.saved
        assert isinstance(saved, RecordSnapshot)
        self._record_edit(task.id, dialog.saved_draft.base_version, dialog.saved_draft, saved)

    def _record_edit(
        self, task_id: int, base_version: int, template: Any, saved: RecordSnapshot
    ) -> None:
        ref = self.refs.for_version(task_id, base_version)
        ref.version = saved.version
        command = EditTask(
            self._context(), ref, template, template.base, saved.values, int(saved.values["seq"])
        )
        self.stack.push(command)

    def edit_cell(self, task_id: int, field: str, text: str) -> None:
        """An inline edit of one simple cell, checked by the same rules as the dialog."""
        source, year = self._require()
        shown = self.session.shown(task_id)
        title = self.tr("Edit task {0}").format(shown.seq if shown else "")
        snapshot = self._call(title, lambda: source.tasks.load(task_id))
        if shown is None or snapshot is None:
            self.session.request_reload()
            return
        if snapshot.version != shown.version:
            # The cell editor started from a value someone else has since changed.
            messages.warn(
                self._parent,
                title,
                self.tr(
                    "This task was changed by someone else after the table was loaded. "
                    "The table now shows their version; make your change again."
                ),
            )
            self.session.request_reload(task_id)
            return
        value: str | None = text.strip()
        if field == "target" and not value:
            value = None
        values = {**snapshot.values, field: value}
        problems = self._problems(source.ledger, year, snapshot, values)
        if problems:
            messages.warn(self._parent, title, "\n".join(problems))
            return  # the model was never changed: the old value stays
        draft = snapshot.draft().with_value(field, value)
        if not draft.dirty:
            return
        saved = self._call(title, lambda: source.tasks.save(draft))
        if saved is None:
            self.session.request_reload(task_id)
            return
        self._record_edit(task_id, snapshot.version, draft, saved)

    def _problems(
        self, ledger: LedgerService, year: int, snapshot: RecordSnapshot, values: dict[str, Any]
    ) -> list[str]:
        own = snapshot.values
        named = {str(own["lead_department"]), *split_departments(own["responsible"])}
        taken = ledger.taken_seqs(year) - {int(own["seq"])}
        departments = set(ledger.departments()) | named
        found = validate_task(values, year=year, taken_seqs=taken, departments=departments)
        return [problem.message for problem in found]

    # --- delete ---------------------------------------------------------------
    def delete(self, task: TaskView) -> None:
        ledger = self._require()[0].ledger
        title = self.tr("Delete task")
        question = self.tr("Delete task {0} “{1}”?").format(task.seq, task.title)
        detail = self.tr("Undo (Ctrl+Z) brings it back.")
        if not messages.ask(self._parent, title, question, detail):
            return
        values = self._call(title, lambda: ledger.delete(task.id, task.version))
        if values is None:
            self.session.request_reload()  # changed or gone meanwhile: show what the file holds
            return
        ref = self.refs.for_version(task.id, task.version)
        self.refs.moved(ref, None)
        self.stack.push(DeleteTask(self._context(), ref, values, task.seq))
