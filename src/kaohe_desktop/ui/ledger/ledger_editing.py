"""The 台账 tab's edits: add, duplicate, edit (dialog or cell), delete, and their undo stack.

Every edit is saved first and recorded second (see task_commands for why): the
service call happens here or in the TaskDialog, and only a save that went through
becomes a command on the stack. The stack lives as long as one workspace and year
are shown; choosing another year or file starts an empty one, because its commands
would name tasks that are not on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

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
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.ledger.task_commands import (
    AddTask,
    CommandContext,
    DeleteTask,
    EditTask,
    TaskRefs,
)
from kaohe_desktop.ui.ledger.task_dialog import TaskDialog

if TYPE_CHECKING:
    from kaohe_desktop.ui.ledger.ledger_tab import LedgerTab

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
    def __init__(self, tab: LedgerTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.stack = QUndoStack(self)
        self.stack.setObjectName("ledgerUndoStack")
        self.refs = TaskRefs()
        self._session: tuple[Workspace | None, int | None] = (None, None)

    # --- the session ----------------------------------------------------------
    def begin_session(self, workspace: Workspace | None, year: int | None) -> None:
        """A new file or year: forget the undo history (a refresh of the same keeps it)."""
        previous_workspace, previous_year = self._session
        if workspace is not previous_workspace or year != previous_year:
            self.reset()
        self._session = (workspace, year)

    def reset(self) -> None:
        self.stack.clear()
        self.refs.clear()

    def _context(self) -> CommandContext:
        workspace, year = self._require()
        return CommandContext(
            workspace,
            year,
            self.refs,
            failed=lambda title, error: explain(self.tab, title, error),
            changed=self.tab.reload_and_select,
            retry=lambda title, error: prompts.ask_retry(self.tab, title, str(error)),
        )

    def _require(self) -> tuple[Workspace, int]:
        workspace, year = self.tab.workspace, self.tab.year
        assert workspace is not None and year is not None  # the actions are disabled otherwise
        return workspace, year

    def _call(self, title: str, call: Callable[[], R]) -> R | None:
        """A service call with retry on a busy file; None (explained) when refused."""
        while True:
            try:
                return call()
            except BusyError as error:
                if prompts.ask_retry(self.tab, title, str(error)):
                    continue
                return None
            except _REFUSALS as error:
                explain(self.tab, title, error)
                return None

    def _titles(self) -> dict[int, str]:
        return {task.seq: task.title for task in self.tab.model.rows()}

    # --- add, duplicate -------------------------------------------------------
    def add(self, prefill: dict[str, Any] | None = None, copy_of: int | None = None) -> None:
        workspace, year = self._require()
        titles = self._titles()
        # The dialog reads the departments and free numbers: a dropped share refuses here.
        dialog = self._call(
            self.tr("New task"),
            lambda: TaskDialog(
                workspace, year, values=prefill, copy_of=copy_of, titles=titles, parent=self.tab
            ),
        )
        if dialog is None or not run_dialog(dialog) or not isinstance(dialog.saved, TaskView):
            return
        view = dialog.saved
        ref = self.refs.for_version(view.id, view.version)
        self.stack.push(AddTask(self._context(), ref, dialog.form.values(), view.seq))

    def duplicate(self, task: TaskView) -> None:
        workspace, _year = self._require()
        snapshot = self._call(self.tr("Duplicate task"), lambda: workspace.tasks.load(task.id))
        if snapshot is None:
            self.tab.reload()
            return
        self.add(dict(snapshot.values), copy_of=task.seq)

    # --- edit -----------------------------------------------------------------
    def edit(self, task: TaskView) -> None:
        workspace, year = self._require()
        title = self.tr("Edit task {0}").format(task.seq)
        snapshot = self._call(title, lambda: workspace.tasks.load(task.id))
        if snapshot is None:
            self.tab.reload()  # deleted meanwhile: show the table as it is now
            return
        titles = self._titles()
        dialog = self._call(
            title,
            lambda: TaskDialog(workspace, year, snapshot=snapshot, titles=titles, parent=self.tab),
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
        workspace, year = self._require()
        shown = next((t for t in self.tab.model.rows() if t.id == task_id), None)
        title = self.tr("Edit task {0}").format(shown.seq if shown else "")
        snapshot = self._call(title, lambda: workspace.tasks.load(task_id))
        if shown is None or snapshot is None:
            self.tab.reload()
            return
        if snapshot.version != shown.version:
            # The cell editor started from a value someone else has since changed.
            messages.warn(
                self.tab,
                title,
                self.tr(
                    "This task was changed by someone else after the table was loaded. "
                    "The table now shows their version; make your change again."
                ),
            )
            self.tab.reload_and_select(task_id)
            return
        value: str | None = text.strip()
        if field == "target" and not value:
            value = None
        values = {**snapshot.values, field: value}
        problems = self._problems(workspace, year, snapshot, values)
        if problems:
            messages.warn(self.tab, title, "\n".join(problems))
            return  # the model was never changed: the old value stays
        draft = snapshot.draft().with_value(field, value)
        if not draft.dirty:
            return
        saved = self._call(title, lambda: workspace.tasks.save(draft))
        if saved is None:
            self.tab.reload_and_select(task_id)
            return
        self._record_edit(task_id, snapshot.version, draft, saved)

    def _problems(
        self, workspace: Workspace, year: int, snapshot: RecordSnapshot, values: dict[str, Any]
    ) -> list[str]:
        own = snapshot.values
        named = {str(own["lead_department"]), *split_departments(own["responsible"])}
        taken = workspace.ledger.taken_seqs(year) - {int(own["seq"])}
        departments = set(workspace.ledger.departments()) | named
        found = validate_task(values, year=year, taken_seqs=taken, departments=departments)
        return [problem.message for problem in found]

    # --- delete ---------------------------------------------------------------
    def delete(self, task: TaskView) -> None:
        workspace, _year = self._require()
        title = self.tr("Delete task")
        question = self.tr("Delete task {0} “{1}”?").format(task.seq, task.title)
        if not messages.ask(self.tab, title, question, self.tr("Undo (Ctrl+Z) brings it back.")):
            return
        values = self._call(title, lambda: workspace.ledger.delete(task.id, task.version))
        if values is None:
            self.tab.reload()  # changed or gone meanwhile: show what the file holds
            return
        ref = self.refs.for_version(task.id, task.version)
        self.refs.moved(ref, None)
        self.stack.push(DeleteTask(self._context(), ref, values, task.seq))
