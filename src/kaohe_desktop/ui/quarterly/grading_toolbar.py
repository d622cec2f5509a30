"""The 季度考核 tab's actions and the toolbar above its grid.

Each action is enabled only when the clerk may use it now, and a disabled one says
why in its tooltip (a read-only file, a role that may only look, a closed quarter,
a department another workstation edits, no person chosen), as on the 台账 tab.
Closing stays enabled while people are unscored or flagged: pressing it lists them,
which is how the clerk finds out who is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QWidget

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.toolbar import connect_actions, named_action, text_toolbar


@dataclass(frozen=True)
class GradingState:
    """What the enabled state of the actions depends on."""

    access: Access | None  # the open file (a Workspace), None when none is open
    sheet: GradingSheet | None
    row: GradingRow | None  # the current cell's person
    row_locked: str | None  # why the current person's department is read-only here


class QuarterlyActions(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.comments = named_action(self, self.tr("Comments…"), "comments")
        self.adjust_grade = named_action(self, self.tr("Adjust grade…"), "adjustGrade")
        self.not_graded = named_action(self, self.tr("Not graded…"), "notGraded")
        self.close_quarter = named_action(self, self.tr("Close quarter…"), "closeQuarter")
        self.reopen_quarter = named_action(self, self.tr("Reopen…"), "reopenQuarter")
        self.export_ranking = named_action(self, self.tr("Export ranking…"), "exportRanking")
        self.summary_pdf = named_action(self, self.tr("Summary PDF…"), "summaryPdf")
        self.chart = named_action(self, self.tr("Distribution"), "gradeChart")
        self.chart.setCheckable(True)

    def connect_slots(self, slots: dict[QAction, Callable[[], object]]) -> None:
        # Not `connect`: that would hide QObject.connect.
        connect_actions(slots)

    def groups(self) -> list[list[QAction]]:
        """The toolbar's groups, separated by a rule, in order."""
        return [
            [self.comments, self.adjust_grade, self.not_graded],
            [self.close_quarter, self.reopen_quarter],
            [self.export_ranking, self.summary_pdf],
            [self.chart],
        ]

    def make_toolbar(self) -> QToolBar:
        return text_toolbar("quarterlyToolbar", self.groups())

    # --- enabled state --------------------------------------------------------
    def update(self, state: GradingState) -> None:
        sheet, row = state.sheet, state.row
        no_rows = None
        if sheet is None:
            no_rows = self.tr("Open a data file first")
        elif not sheet.rows:
            no_rows = self.tr("Nobody is on the roster of {0}").format(sheet.quarter.label())
        pick = no_rows or (None if row is not None else self.tr("Select a person first"))
        change = self._why_not(state.access, Action.ENTER_DATA) or self._closed(sheet)
        change_row = change or pick or state.row_locked

        self._set(
            self.comments,
            pick,
            self.tr("Praise and criticism of the selected person this quarter"),
        )
        grade_refusal = change_row
        if grade_refusal is None and row is not None and row.no_grade_reason is not None:
            grade_refusal = self.tr("{0} is 不定等次; clear that first (Not graded…)").format(
                row.name
            )
        self._set(
            self.adjust_grade,
            grade_refusal,
            self.tr("Set 好 within the quota, 较差 with a reason, or settle a tie"),
        )
        self._set(
            self.not_graded,
            change_row,
            self.tr("Mark the selected person 不定等次 (probation, leave, investigation)"),
        )
        self._update_close(state.access, sheet, no_rows)
        export = self._why_not(state.access, Action.EXPORT) or no_rows
        self._set(
            self.export_ranking,
            export,
            self.tr("Write the ranking workbook (汇总 and one sheet per staff category)"),
        )
        self._set(
            self.summary_pdf,
            export,
            self.tr("Write the 平时考核结果汇总表 as a PDF"),
        )
        self._set(self.chart, no_rows, self.tr("Show the grades per department beside the grid"))

    def _update_close(
        self, access: Access | None, sheet: GradingSheet | None, no_rows: str | None
    ) -> None:
        closed = sheet is not None and sheet.closed
        close = self._why_not(access, Action.CLOSE_PERIOD, self._close_role) or no_rows
        if close is None and closed:
            assert sheet is not None
            close = self.tr("{0} is closed").format(sheet.quarter.label())
        waiting = len(sheet.blocking_rows()) if sheet is not None else 0
        self._set(
            self.close_quarter,
            close,
            self.tr("Lock the quarter and store its grades and ranks")
            if waiting == 0
            else self.tr(
                "{0} people still keep the quarter from closing; press to list them"
            ).format(waiting),
        )
        reopen = self._why_not(access, Action.REOPEN_PERIOD, self._reopen_role)
        if reopen is None and not closed:
            reopen = self.tr("The quarter is open")
        self._set(self.reopen_quarter, reopen, self.tr("Reopen the closed quarter (with a reason)"))

    def _closed(self, sheet: GradingSheet | None) -> str | None:
        if sheet is not None and sheet.closed:
            return self.tr("{0} is closed; an administrator can reopen it").format(
                sheet.quarter.label()
            )
        return None

    def _set(self, action: QAction, refusal: str | None, tooltip: str) -> None:
        action.setEnabled(refusal is None)
        action.setToolTip(tooltip if refusal is None else refusal)

    def _close_role(self, role: str) -> str:
        return self.tr("Your role ({0}) may not close a quarter; a reviewer or an "
                       "administrator can.").format(role)  # fmt: skip

    def _reopen_role(self, role: str) -> str:
        return self.tr("Only an administrator can reopen a quarter (your role: {0}).").format(role)

    def _why_not(
        self,
        access: Access | None,
        action: Action,
        role_text: Callable[[str], str] | None = None,
    ) -> str | None:
        """Why the clerk may not do `action` now (None: they may)."""
        if access is None:
            return self.tr("Open a data file first")
        if access.may(action):
            return None
        if access.read_only:
            reason = access.read_only_reason or ""
            return self.tr("The data file is open read-only: {0}").format(reason)
        role = access.actor.role.label
        if role_text is not None:
            return role_text(role)
        return self.tr("Your role ({0}) may view the grading but not change it.").format(role)
