"""Editing one record so that an edit never overwrites anyone else's.

The dialog holds a Draft (the values it was opened at, plus the clerk's changes).
A save the data file refuses never loses the edit: a newer version opens the
ConflictDialog, a busy file asks to retry, an unwritable file or a lost lease
turns the form read-only and offers to export the edit to a workbook. Meanwhile a
timer polls the record's version, so the clerk learns of another's change before
pressing 保存.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from kaohe_desktop.domain.edits import Conflict, Draft
from kaohe_desktop.domain.leases import LeaseState
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.common.record_edit import RecordEditor, RecordSnapshot
from kaohe_desktop.services.errors import (
    BusyError,
    EditConflictError,
    FileUnavailableError,
    InputError,
    LeaseHeldError,
    LeaseLostError,
    PermissionDeniedError,
    ReadOnlyError,
    StorageError,
)
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.editing.banner import Banner, Tone
from kaohe_desktop.ui.editing.conflict_dialog import ConflictDialog, who_and_when
from kaohe_desktop.ui.editing.export_edit import export_edit
from kaohe_desktop.ui.editing.lease_keeper import LeaseKeeper
from kaohe_desktop.ui.editing.record_form import RecordForm
from kaohe_desktop.ui.editing.version_watch import VersionWatch

# How often the open record's version is compared with the file (a cheap read).
POLL_INTERVAL_MS = 3000


def open_conflict_dialog(conflict: Conflict, dialog: RecordDialog) -> ConflictDialog:
    """Show the two versions modally; a function so tests can answer it."""
    conflict_dialog = ConflictDialog(conflict, dialog, fields=dialog.fields)
    conflict_dialog.exec()
    return conflict_dialog


class RecordDialog(QDialog):
    saved = Signal(object)  # RecordSnapshot after a successful save

    def __init__(
        self,
        workspace: Workspace,
        editor: RecordEditor[Any],
        entity_id: int,
        parent: QWidget | None = None,
        *,
        lease_scope: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordDialog")
        self.workspace, self.editor, self.entity_id = workspace, editor, entity_id
        self.snapshot: RecordSnapshot = editor.load(entity_id)  # InputError if gone
        self.fields = self.snapshot.fields
        self.draft: Draft = self.snapshot.draft()
        self.saved_snapshot: RecordSnapshot | None = None
        self.read_only_reason: str | None = None
        self._unsaved_reason = ""
        self.setWindowTitle(
            self.tr("Edit {0}: {1}").format(editor.entity_label, self.snapshot.label)
        )
        self.setMinimumWidth(520)

        self.lease_banner = Banner("leaseBanner")
        self.live_banner = Banner("liveBanner")
        self.state_banner = Banner("stateBanner")
        self.last_change = QLabel()
        self.last_change.setObjectName("lastChange")
        self.form = RecordForm(self.fields)
        self.form.set_values(self.draft.base)
        self.form.value_changed.connect(self._on_value)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveRecord")
        self.close_button = buttons.addButton(
            self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.close_button.setObjectName("closeRecord")
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.lease_banner, self.state_banner, self.live_banner):
            layout.addWidget(widget)
        layout.addWidget(self.last_change)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._show_last_change(self.snapshot)

        self.keeper: LeaseKeeper | None = None
        if lease_scope is not None:
            self.keeper = LeaseKeeper(workspace.leases, lease_scope, self.snapshot.label, self)
            self.keeper.lost.connect(self._refused)
            self.keeper.unavailable.connect(self._unavailable)
        self.watch = VersionWatch(
            editor, entity_id, lambda: self.draft.base_version, self, interval_ms=POLL_INTERVAL_MS
        )
        self.watch.changed.connect(self._their_change)
        self.watch.deleted.connect(self._gone)
        self.watch.back_to_base.connect(self._back_to_base)
        self._start()
        self.watch.start()

    # --- opening: may this clerk edit at all? --------------------------------
    def _start(self) -> None:
        if self.workspace.read_only:
            reason = self.workspace.read_only_reason or ""
            self._lock(self.tr("The data file is open read-only: {0}").format(reason))
            self.state_banner.show_message(Tone.INFO, self.read_only_reason or "")
        elif not self.workspace.may(Action.ENTER_DATA):
            role = self.workspace.actor.role.label
            self._lock(
                self.tr("Your role ({0}) may view records but not change them.").format(role)
            )
            self.state_banner.show_message(Tone.INFO, self.read_only_reason or "")
        elif self.keeper is not None:
            try:
                self.keeper.acquire()
            except LeaseHeldError as error:
                self._lease_held(error)
            except (FileUnavailableError, ReadOnlyError) as error:
                self._unavailable(str(error))
            except (StorageError, PermissionDeniedError) as error:
                self._lock(str(error))
                self.state_banner.show_message(Tone.ERROR, str(error))

    def _lease_held(self, error: LeaseHeldError) -> None:
        self._lock(str(error))
        actions = []
        stale = error.info.state(self.workspace.clock()) is LeaseState.STALE
        if stale and self.workspace.may(Action.TAKE_OVER_LEASE):
            actions.append((self.tr("Take over"), self.take_over, "takeOverLease"))
        self.lease_banner.show_message(Tone.WARNING, str(error), actions)

    def take_over(self) -> None:
        assert self.keeper is not None
        try:
            if not self.keeper.take_over_confirmed(self):
                return
        except LeaseHeldError as error:
            self._lease_held(error)  # it came back to life meanwhile
            return
        self.lease_banner.clear()
        self.read_only_reason = None
        self._reload()  # the previous holder may have saved before going quiet

    # --- editing --------------------------------------------------------------
    def _on_value(self, name: str) -> None:
        self.draft = self.draft.with_value(name, self.form.value(name))
        self.form.mark_changed(list(self.draft.changes))

    def _adopt(self, draft: Draft) -> None:
        """Make `draft` the edit on screen (after a conflict or a reload)."""
        self.draft = draft
        self.watch.seen(draft.base_version)
        self.form.set_values({name: draft.value(name) for name in draft.base}, list(draft.changes))

    def _reload(self) -> None:
        try:
            self.snapshot = self.editor.load(self.entity_id)
        except (InputError, StorageError) as error:
            messages.show_error(self, self.windowTitle(), error)
            return
        self._adopt(self.snapshot.draft())
        self._show_last_change(self.snapshot)
        self.form.set_read_only(self.read_only_reason is not None)
        self.save_button.setEnabled(self.read_only_reason is None)

    def _lock(self, reason: str) -> None:
        self.read_only_reason = reason
        self.form.set_read_only(True)
        self.save_button.setEnabled(False)

    def _show_last_change(self, snapshot: RecordSnapshot) -> None:
        if snapshot.changed_by is None:
            self.last_change.hide()
            return
        when = who_and_when(snapshot.changed_by, snapshot.changed_at)
        self.last_change.setText(self.tr("Last changed: {0}").format(when))
        self.last_change.show()

    # --- another workstation's save, seen by the poll --------------------------
    def _their_change(self, theirs: RecordSnapshot) -> None:
        who = who_and_when(theirs.changed_by, theirs.changed_at)
        if not self.draft.dirty:
            # Nothing of the clerk's to lose: show the other version straight away.
            self.snapshot = theirs
            self._adopt(theirs.draft())
            self._show_last_change(theirs)
            text = self.tr("Updated to the version saved by {0}.").format(who)
            self.live_banner.show_message(Tone.INFO, text)
            return
        self.live_banner.show_message(
            Tone.WARNING,
            self.tr("This record was changed by someone else ({0}).").format(who),
            [(self.tr("See their version"), self.show_theirs, "showTheirs")],
        )

    def _back_to_base(self) -> None:
        # A rebase onto their version answered the warning; an info note may stay.
        if self.live_banner.tone is Tone.WARNING:
            self.live_banner.clear()

    def show_theirs(self) -> None:
        try:
            theirs = self.editor.load(self.entity_id)
        except InputError:
            self._gone()
            return
        except StorageError as error:
            messages.show_error(self, self.windowTitle(), error)
            return
        conflict = Conflict(
            self.draft, theirs.version, dict(theirs.values), theirs.changed_by, theirs.changed_at
        )
        self._resolve(conflict, save_after=False)

    def _gone(self) -> None:
        text = self.tr("This record was deleted by someone else; it can no longer be saved.")
        self._unsaved_reason = text
        self._lock(text)
        self.watch.stop()
        self.live_banner.show_message(Tone.ERROR, text, self._export_action())

    # --- saving ---------------------------------------------------------------
    def save(self) -> None:
        if self.read_only_reason is not None:
            return
        lease = self.keeper.lease if self.keeper is not None else None
        while True:
            try:
                result = self.editor.save(self.draft, lease)
            except EditConflictError as error:
                self._resolve(error.conflict, save_after=True)
                return
            except BusyError as error:
                if prompts.ask_retry(self, self.tr("Save"), str(error)):
                    continue
                return
            except LeaseLostError as error:
                self._refused(str(error))
                return
            except (FileUnavailableError, ReadOnlyError) as error:
                self._unavailable(str(error))
                return
            except (StorageError, InputError, PermissionDeniedError) as error:
                # PeriodClosedError among them: explained, and the edit stays.
                messages.show_error(self, self.tr("Save"), error)
                return
            break
        self.saved_snapshot = self.snapshot = result
        self.draft = result.draft()
        self.saved.emit(result)
        self.accept()

    def _resolve(self, conflict: Conflict, *, save_after: bool) -> None:
        self.watch.paused = True
        try:
            dialog = open_conflict_dialog(conflict, self)
        finally:
            self.watch.paused = False
        if dialog.wants_export:
            self.export_edit()
        if conflict.deleted:
            self._gone()
            return
        if dialog.resolution is None:
            return  # back to editing, the edit intact
        self._adopt(dialog.resolution)
        self.live_banner.clear()
        if save_after and dialog.chosen != ConflictDialog.TAKE_THEIRS:
            self.save()

    # --- when the file will not take the edit ---------------------------------
    def _unavailable(self, text: str) -> None:
        self._refused(self.tr("Switched to read-only: {0}").format(text))

    def _refused(self, text: str) -> None:
        if self.keeper is not None:
            self.keeper.stop()
        self._unsaved_reason = text
        self._lock(text)
        self.state_banner.show_message(Tone.ERROR, text, self._export_action())

    def _export_action(self) -> list[tuple[str, Any, str]]:
        return [(self.tr("Export my changes…"), self.export_edit, "exportEdit")]

    def export_edit(self) -> Path | None:
        return export_edit(
            self,
            self.workspace,
            self.draft,
            self.fields,
            entity_label=self.editor.entity_label,
            reason=self._unsaved_reason,
        )

    # --- closing --------------------------------------------------------------
    def reject(self) -> None:
        if self.draft.dirty and self.saved_snapshot is None:
            discard = messages.ask(
                self,
                self.windowTitle(),
                self.tr("Close and discard your unsaved changes?"),
                self.tr("Choose No to keep editing (or to export them first)."),
            )
            if not discard:
                return
        super().reject()

    def done(self, result: int) -> None:
        self.watch.stop()
        if self.keeper is not None:
            self.keeper.release()
        super().done(result)
