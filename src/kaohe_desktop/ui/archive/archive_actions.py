"""The 人员档案 tab's actions and the toolbar above the archive.

Each action is enabled only when the clerk may use it now, and a disabled one says
why in its tooltip (no person chosen, a read-only file, a role that may only look,
the person's records edited on another workstation, no record chosen). 打印档案…
offers the person or the person's whole department.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QWidget

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.archive.views import PersonArchiveView, RewardView, TalkView
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.toolbar import named_action, text_toolbar


@dataclass(frozen=True)
class ArchiveState:
    """What the enabled state of the actions depends on."""

    access: Access | None  # the open file (a Workspace), None when none is open
    view: PersonArchiveView | None  # the person shown
    record: RewardView | TalkView | None  # the 奖惩 or 谈话 row chosen
    refusal: str | None  # why the person's records cannot be changed here
    may_edit_person: bool  # the tab was told the role may edit people (set_editable)


class ArchiveActions(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.add_reward = named_action(
            self, self.tr("Add commendation or discipline…"), "addReward"
        )
        self.add_reward.setShortcut(QKeySequence("Ctrl+J"))
        self.add_talk = named_action(self, self.tr("Add talk…"), "addTalk")
        self.add_talk.setShortcut(QKeySequence("Ctrl+T"))
        self.edit_record = named_action(self, self.tr("Edit…"), "editRecord")
        self.edit_record.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.delete_record = named_action(self, self.tr("Delete…"), "deleteRecord")
        self.delete_record.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.print_person = named_action(self, self.tr("This person's archive…"), "printPerson")
        self.print_person.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_department = named_action(
            self, self.tr("Archives of the whole department…"), "printDepartment"
        )
        self.print_menu = QMenu(parent)
        self.print_menu.addAction(self.print_person)
        self.print_menu.addAction(self.print_department)
        self.print = named_action(self, self.tr("Print archive…"), "printArchive")
        self.print.setMenu(self.print_menu)
        self.edit_person = named_action(self, self.tr("Edit person…"), "editPerson")
        for action in self.tab_actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for action in self.record_actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def tab_actions(self) -> list[QAction]:
        """Their keys work anywhere in the tab."""
        return [self.add_reward, self.add_talk, self.print_person]

    def record_actions(self) -> list[QAction]:
        """Their keys work in the 奖惩 and 谈话 tables (Del in the search box deletes text)."""
        return [self.edit_record, self.delete_record]

    def make_toolbar(self) -> QToolBar:
        toolbar = text_toolbar(
            "archiveToolbar",
            [
                [self.add_reward, self.add_talk],
                [self.edit_record, self.delete_record],
                [self.print],
                [self.edit_person],
            ],
        )
        button = toolbar.widgetForAction(self.print)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        return toolbar

    # --- enabled state ------------------------------------------------------------------
    def update(self, state: ArchiveState) -> None:
        view = state.view
        none = None
        if state.access is None:
            none = self.tr("Open a data file first")
        elif view is None:
            none = self.tr("Select a person on the left first")
        enter = none or state.refusal
        self._set(
            self.add_reward,
            enter,
            self.tr("Record a commendation (奖励) or a discipline (处分·组织处理) (Ctrl+J)"),
        )
        self._set(self.add_talk, enter, self.tr("Record a talk with this person (Ctrl+T)"))
        chosen = enter
        if chosen is None and state.record is None:
            chosen = self.tr("Choose a row on the 奖惩 or 谈心谈话 page first")
        self._set(self.edit_record, chosen, self.tr("Change the chosen record (F2)"))
        self._set(self.delete_record, chosen, self.tr("Delete the chosen record (Del)"))
        export = none
        if export is None and state.access is not None and not state.access.may(Action.EXPORT):
            export = self.tr("Your role may not print")
        self._set(self.print, export, self.tr("Print the archive as a PDF"))
        self._set(self.print_person, export, self.tr("This person's archive as a PDF (Ctrl+P)"))
        self._set(
            self.print_department,
            export,
            self.tr("The archives of everyone in {0}, one section each").format(
                view.person.department if view else ""
            ),
        )
        self.edit_person.setText(
            self.tr("Edit person…") if state.may_edit_person else self.tr("View person…")
        )
        self._set(
            self.edit_person,
            none,
            self.tr("Edit this person's record (name, department, post…); one clerk at a time")
            if state.may_edit_person
            else self.tr("Read this person's record"),
        )

    def _set(self, action: QAction, refusal: str | None, tooltip: str) -> None:
        action.setEnabled(refusal is None)
        action.setToolTip(tooltip if refusal is None else refusal)
