"""Undo and redo of the clerk's ledger edits: one QUndoCommand per add, edit and delete.

The pattern ("done first, then pushed"): QUndoStack.push() calls redo() at once, and a
first redo that fails has no clean way back (push has already happened). So the tab
makes the service call itself, in the dialog or the inline editor where a failure can
be explained and the clerk's edit kept, and only on success pushes a command built as
already done; that command's first redo() does nothing. Every later undo()/redo() is a
fresh service call.

The stack must never lie. A command whose undo or redo fails (someone else changed or
deleted the task meanwhile, the 序号 was taken, the period is closed) says why and is
made obsolete: QUndoStack then drops it instead of moving past it as if it had run.

Tasks change their id when a delete is undone (the row is added again). Commands that
concern one task therefore share a TaskRef, which follows the id and remembers the
version this session last wrote. A command's service call names that version, so a
change from another workstation in between is refused instead of written over.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from kaohe_desktop.domain.edits import Draft
from kaohe_desktop.services.errors import (
    BusyError,
    InputError,
    PermissionDeniedError,
    StorageError,
)
from kaohe_desktop.services.ledger.task_editor import TaskEditor
from kaohe_desktop.services.ledger.tasks import LedgerService

translate = QCoreApplication.translate


@dataclass
class TaskRef:
    """One task as this session knows it: its id now (None while it does not exist)."""

    task_id: int | None
    version: int


class TaskRefs:
    """The refs of one undo session, by the task's current id."""

    def __init__(self) -> None:
        self._by_id: dict[int, TaskRef] = {}

    def for_version(self, task_id: int, version: int) -> TaskRef:
        """The ref a new command on this task shares with the earlier ones.

        If the task's version is not the one this session last wrote, someone else
        changed it since: the earlier commands keep their old ref (and will refuse to
        run, their version being stale), the new command starts a fresh one.
        """
        ref = self._by_id.get(task_id)
        if ref is None or ref.version != version:
            ref = TaskRef(task_id, version)
            self._by_id[task_id] = ref
        return ref

    def moved(self, ref: TaskRef, new_id: int | None, version: int | None = None) -> None:
        """The task was deleted (new_id None) or added again under a new id."""
        if ref.task_id is not None and self._by_id.get(ref.task_id) is ref:
            del self._by_id[ref.task_id]
        ref.task_id = new_id
        if version is not None:
            ref.version = version
        if new_id is not None:
            self._by_id[new_id] = ref

    def clear(self) -> None:
        self._by_id.clear()


@dataclass
class CommandContext:
    """What every command of one tab session needs: the two services and the tab's hooks."""

    ledger: LedgerService
    editor: TaskEditor  # loads and saves one task as a Draft
    year: int
    refs: TaskRefs
    failed: Callable[[str, BaseException], None]  # (what was tried, error): explain it
    changed: Callable[[int | None], None]  # reload, then select this task if it exists
    retry: Callable[[str, BusyError], bool] = field(default=lambda _title, _error: False)


# What a command explains and then drops itself for; anything else is a bug and propagates.
_REFUSALS = (InputError, StorageError, PermissionDeniedError)


class TaskCommand(QUndoCommand):
    def __init__(self, context: CommandContext, ref: TaskRef, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.ref = ref
        self._first_redo_done = True  # the tab made the service call before pushing

    def redo(self) -> None:
        if self._first_redo_done:
            self._first_redo_done = False
            self.context.changed(self.ref.task_id)
            return
        self._attempt(self._redo, translate("TaskCommands", "Redo: {0}").format(self.text()))

    def undo(self) -> None:
        self._attempt(self._undo, translate("TaskCommands", "Undo: {0}").format(self.text()))

    def _attempt(self, step: Callable[[], None], title: str) -> None:
        while True:
            try:
                step()
            except BusyError as error:
                # A colleague's save holds the file for a moment: worth another try.
                if self.context.retry(title, error):
                    continue
                self._refused(title, error)
            except _REFUSALS as error:
                self._refused(title, error)
            break
        self.context.changed(self.ref.task_id)

    def _refused(self, title: str, error: BaseException) -> None:
        # Obsolete: QUndoStack deletes this command rather than record it as undone/redone.
        self.setObsolete(True)
        self.context.failed(title, error)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    # --- shared steps ---------------------------------------------------------
    def _add(self, values: Mapping[str, Any]) -> None:
        view = self.context.ledger.add(self.context.year, values)
        self.context.refs.moved(self.ref, view.id, view.version)

    def _delete(self) -> dict[str, Any]:
        if self.ref.task_id is None:  # cannot happen while the stack is consistent
            raise InputError(translate("TaskCommands", "The task no longer exists."))
        values = self.context.ledger.delete(self.ref.task_id, self.ref.version)
        self.context.refs.moved(self.ref, None)
        return values


class AddTask(TaskCommand):
    """新增 (and 复制, which adds a copy): undo deletes the task again."""

    def __init__(
        self, context: CommandContext, ref: TaskRef, values: Mapping[str, Any], seq: int
    ) -> None:
        super().__init__(context, ref, translate("TaskCommands", "Add task {0}").format(seq))
        self.values = dict(values)

    def _undo(self) -> None:
        # Keep the values as the file had them, so a redo brings back exactly that.
        self.values = self._delete()

    def _redo(self) -> None:
        self._add(self.values)


class DeleteTask(TaskCommand):
    """删除: undo adds the task again with the same values, 序号 included."""

    def __init__(
        self, context: CommandContext, ref: TaskRef, values: Mapping[str, Any], seq: int
    ) -> None:
        super().__init__(context, ref, translate("TaskCommands", "Delete task {0}").format(seq))
        self.values = dict(values)

    def _undo(self) -> None:
        self._add(self.values)

    def _redo(self) -> None:
        self.values = self._delete()


class EditTask(TaskCommand):
    """编辑 (dialog or inline): undo writes the before-values back on the current version."""

    def __init__(
        self,
        context: CommandContext,
        ref: TaskRef,
        template: Draft,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        seq: int,
    ) -> None:
        super().__init__(context, ref, translate("TaskCommands", "Edit task {0}").format(seq))
        self.template = template  # entity and label of the task, for the editor's messages
        self.before = dict(before)
        self.after = dict(after)

    def _write(self, current: Mapping[str, Any], wanted: Mapping[str, Any]) -> None:
        if self.ref.task_id is None:
            raise InputError(translate("TaskCommands", "The task no longer exists."))
        changes = {name: value for name, value in wanted.items() if current.get(name) != value}
        draft = Draft(
            self.template.entity,
            self.ref.task_id,
            self.template.label,
            self.ref.version,  # the version this session wrote: another's change is refused
            dict(current),
            changes,
        )
        snapshot = self.context.editor.save(draft)
        self.ref.version = snapshot.version

    def _undo(self) -> None:
        self._write(self.after, self.before)

    def _redo(self) -> None:
        self._write(self.before, self.after)
