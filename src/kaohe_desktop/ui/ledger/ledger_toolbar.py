"""The 台账 tab's actions and the toolbar above its table.

Each action is enabled only when the clerk may use it now, and a disabled one says
why in its tooltip (a read-only file, a role that may only look, no task chosen),
so a greyed button is never a riddle. The keys: Ins adds, Del deletes, Ctrl+Z /
Ctrl+Y undo and redo; Enter edits (handled by the tab, because an open cell editor
must keep Enter for itself).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.ui.common.access import Access, action_refusal, offer
from kaohe_desktop.ui.common.toolbar import connect_actions, named_action, text_toolbar


@dataclass(frozen=True)
class TabState:
    """What the enabled state of the actions depends on."""

    access: Access | None  # the open file (a Workspace), None when none is open
    year: int | None
    has_selection: bool
    has_tasks: bool
    undo_text: str | None  # None: nothing to undo
    redo_text: str | None


class LedgerActions(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.add = named_action(self, self.tr("New task"), "addTask")
        self.edit = named_action(self, self.tr("Edit"), "editTask")
        self.duplicate = named_action(self, self.tr("Duplicate"), "duplicateTask")
        self.delete = named_action(self, self.tr("Delete"), "deleteTask")
        self.undo = named_action(self, self.tr("Undo"), "undoTask")
        self.redo = named_action(self, self.tr("Redo"), "redoTask")
        self.copy_forward = named_action(self, self.tr("Copy from last year…"), "copyForward")
        self.import_sheet = named_action(self, self.tr("Import ledger…"), "importLedger")
        self.export_sheet = named_action(self, self.tr("Export ledger…"), "exportLedger")
        self.wall_charts = named_action(self, self.tr("Wall charts…"), "wallCharts")
        self.add.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        self.delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.undo.setShortcuts(_unique(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)))
        # Ctrl+Y as well as the platform's redo (Ctrl+Shift+Z outside Windows): clerks
        # know Ctrl+Y from Excel and WPS.
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        redo_keys.append(QKeySequence("Ctrl+Y"))
        self.redo.setShortcuts(_unique(redo_keys))
        for action in self.all():
            # The keys work where the ledger has focus, not in other tabs or dialogs.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def all(self) -> list[QAction]:
        return [action for group in self.groups() for action in group]

    def connect_slots(self, slots: dict[QAction, Callable[[], object]]) -> None:
        # Not `connect`: that would hide QObject.connect.
        connect_actions(slots)

    def groups(self) -> list[list[QAction]]:
        """The toolbar's groups, separated by a rule, in order."""
        return [
            [self.add, self.edit, self.duplicate, self.delete],
            [self.undo, self.redo],
            [self.copy_forward, self.import_sheet, self.export_sheet],
            [self.wall_charts],
        ]

    def make_toolbar(self) -> QToolBar:
        return text_toolbar("ledgerToolbar", self.groups())

    # --- enabled state --------------------------------------------------------
    def update(self, state: TabState) -> None:
        change = self._why_not(state.access, Action.ENTER_DATA)
        pick = change or (None if state.has_selection else self.tr("Select a task first"))
        offer(self.add, change, self.tr("Add a task to the year's ledger (Ins)"))
        offer(self.edit, pick, self.tr("Edit the selected task (Enter)"))
        offer(self.duplicate, pick, self.tr("A new task prefilled with the selected task's values"))
        offer(self.delete, pick, self.tr("Delete the selected task (Del)"))
        offer(
            self.undo,
            change or (None if state.undo_text else self.tr("Nothing to undo")),
            self.tr("Undo: {0} (Ctrl+Z)").format(state.undo_text),
        )
        offer(
            self.redo,
            change or (None if state.redo_text else self.tr("Nothing to redo")),
            self.tr("Redo: {0} (Ctrl+Y)").format(state.redo_text),
        )
        offer(
            self.copy_forward,
            change,
            self.tr("Copy chosen tasks of an earlier year into this year's ledger"),
        )
        offer(
            self.import_sheet,
            self._why_not(state.access, Action.IMPORT),
            self.tr("Import the 台账 sheet of an exchange workbook (checked first)"),
        )
        export = self._why_not(state.access, Action.EXPORT)
        if export is None and not state.has_tasks:
            export = self.tr("There are no tasks in {0}").format(state.year)
        offer(
            self.export_sheet,
            export,
            self.tr("Write this year's tasks to the 台账 sheet of an exchange workbook"),
        )
        offer(
            self.wall_charts,
            export,
            self.tr("Print or save one wall chart per department (墙上台账)"),
        )

    def _why_not(self, access: Access | None, action: Action) -> str | None:
        """Why the clerk may not do `action` now (None: they may)."""
        return action_refusal(access, action, lambda role: self._role_refusal(role, action))

    def _role_refusal(self, role: str, action: Action) -> str:
        if action is Action.IMPORT:
            return self.tr("Your role ({0}) may not import workbooks.").format(role)
        return self.tr("Your role ({0}) may view the ledger but not change it.").format(role)


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    seen: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in seen:
            seen.append(key)
    return seen
