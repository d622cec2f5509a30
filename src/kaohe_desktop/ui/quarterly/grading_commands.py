"""The toolbar's and the grid's commands beyond typing: they hand the tab's sheet, the
current person and the department's edit lease to GradingActions (the dialogs).

A person's dialog that may change something gets the lease of the person's
department first, so a 点评 or an 等次调整 is refused at once, not at its save, when
another workstation edits that department. A dialog that may only show (a closed
quarter, a viewer, a department held elsewhere) gets no lease and says why itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject

from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.quarterly import grading_model as cols
from kaohe_desktop.ui.quarterly.grading_actions import GradingActions

if TYPE_CHECKING:
    from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab

Person = tuple[Workspace, GradingSheet, GradingRow, list[Lease]]


class GradingCommands(QObject):
    def __init__(self, tab: QuarterlyTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.actions = GradingActions(tab)
        a = tab.actions
        a.connect(
            {
                a.comments: self.edit_comments,
                a.adjust_grade: self.adjust_grade,
                a.not_graded: self.set_not_graded,
                a.close_quarter: self.close_quarter,
                a.reopen_quarter: self.reopen_quarter,
                a.export_ranking: self.export_ranking,
                a.summary_pdf: self.export_summary_pdf,
            }
        )
        tab.table.doubleClicked.connect(self.double_clicked)

    def _person(self, title: str) -> Person | None:
        tab = self.tab
        row, workspace, sheet = tab.current_row(), tab.workspace, tab.sheet
        if row is None or workspace is None or sheet is None:
            return None
        if tab.edit_state.refusal() is not None or tab.model.lock_reason(row) is not None:
            return workspace, sheet, row, []  # only to look: the dialog says why
        leases = tab.editing.leases_for([row], title)
        return None if leases is None else (workspace, sheet, row, leases)

    def edit_comments(self) -> None:
        found = self._person(self.tr("Comments"))
        if found is not None:
            self.actions.edit_comments(self.tab, *found)

    def adjust_grade(self) -> None:
        if not self.tab.actions.adjust_grade.isEnabled():
            return  # the file may have turned read-only since the button was updated
        found = self._person(self.tr("Adjust grade"))
        if found is not None:
            self.actions.adjust_grade(self.tab, *found)

    def set_not_graded(self) -> None:
        if not self.tab.actions.not_graded.isEnabled():
            return
        found = self._person(self.tr("Not graded"))
        if found is not None:
            self.actions.set_not_graded(self.tab, *found)

    def close_quarter(self) -> None:
        tab = self.tab
        if tab.workspace is not None and tab.sheet is not None:
            self.actions.close_quarter(tab, tab.workspace, tab.sheet)

    def reopen_quarter(self) -> None:
        tab = self.tab
        if tab.workspace is not None and tab.sheet is not None:
            self.actions.reopen_quarter(tab, tab.workspace, tab.sheet)

    def export_ranking(self) -> None:
        tab = self.tab
        if tab.workspace is not None and tab.sheet is not None:
            self.actions.export_ranking(tab, tab.workspace, tab.sheet.quarter)

    def export_summary_pdf(self) -> None:
        tab = self.tab
        if tab.workspace is not None and tab.sheet is not None:
            self.actions.export_summary_pdf(tab, tab.workspace, tab.sheet.quarter)

    def double_clicked(self, index: QModelIndex) -> None:
        """点评 opens the comments; 等次 the grade adjustment (the score cells edit)."""
        if index.column() == cols.COMMENTS:
            self.edit_comments()
        elif index.column() == cols.GRADE:
            self.adjust_grade()
