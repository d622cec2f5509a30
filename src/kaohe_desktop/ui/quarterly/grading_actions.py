"""The 季度考核 tab's actions beyond typing scores: 点评, 等次调整, 不定等次, closing and
reopening the quarter, and the ranking outputs.

The tab calls these with its current sheet and the edit leases it holds; whatever
changes comes back as `changed` (the new GradingSheet, which replaces the grid's
data) and `show_only` (people the grid should filter to). The dialogs are
window-modal but do not block the caller (`open()`), so the grid behind them shows
each change as it is made; `dialog` and `job` are the last ones started, for the
tab to look at and for tests.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.quarterly import ranking_actions
from kaohe_desktop.ui.quarterly.close_quarter import QuarterClosing
from kaohe_desktop.ui.quarterly.comments_dialog import CommentsDialog
from kaohe_desktop.ui.quarterly.grade_dialog import GradeDialog, NotGradedDialog
from kaohe_desktop.ui.quarterly.sheet_dialog import SheetDialog, edit_refusal
from kaohe_desktop.ui.settings import settings_of
from kaohe_desktop.ui.workers import Job


class GradingActions(QObject):
    changed = Signal(object)  # the new GradingSheet after a successful change
    show_only = Signal(list)  # person ids the grid should filter to (blockers, flagged)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.dialog: QDialog | None = None
        self.job: Job | None = None

    # --- one person -----------------------------------------------------------
    def edit_comments(
        self,
        parent: QWidget,
        workspace: Workspace,
        sheet: GradingSheet,
        row: GradingRow,
        leases: list[Lease],
    ) -> None:
        # Everyone may read the 点评; the dialog says why it cannot change them.
        self._open(CommentsDialog(workspace, sheet, row, leases, parent))

    def adjust_grade(
        self,
        parent: QWidget,
        workspace: Workspace,
        sheet: GradingSheet,
        row: GradingRow,
        leases: list[Lease],
    ) -> None:
        title = self.tr("Adjust grade")
        if self._refused(parent, title, workspace, sheet):
            return
        if row.no_grade_reason is not None:
            messages.warn(
                parent,
                title,
                self.tr(
                    "{0} is 不定等次 ({1}) and gets no grade. Clear 不定等次 first to grade them."
                ).format(row.name, row.no_grade_reason.label),
            )
            return
        self._open(GradeDialog(workspace, sheet, row, leases, parent))

    def set_not_graded(
        self,
        parent: QWidget,
        workspace: Workspace,
        sheet: GradingSheet,
        row: GradingRow,
        leases: list[Lease],
    ) -> None:
        if self._refused(parent, self.tr("Not graded"), workspace, sheet):
            return
        self._open(NotGradedDialog(workspace, sheet, row, leases, parent))

    def _refused(
        self, parent: QWidget, title: str, workspace: Workspace, sheet: GradingSheet
    ) -> bool:
        refusal = edit_refusal(workspace, sheet)
        if refusal is not None:
            messages.warn(parent, title, refusal)
        return refusal is not None

    def _open(self, dialog: SheetDialog) -> None:
        dialog.changed.connect(self.changed)
        self.dialog = dialog
        dialog.open()

    # --- the quarter ----------------------------------------------------------
    def _closing(
        self, parent: QWidget, workspace: Workspace, sheet: GradingSheet
    ) -> QuarterClosing:
        return QuarterClosing(
            parent, workspace, sheet, changed=self.changed.emit, show_only=self.show_only.emit
        )

    def close_quarter(self, parent: QWidget, workspace: Workspace, sheet: GradingSheet) -> None:
        closing = self._closing(parent, workspace, sheet)
        self.dialog = closing.close()
        if self.dialog is not None:
            # The job starts once the clerk confirms; keep it for the tab and the tests.
            self.dialog.accepted.connect(lambda: setattr(self, "job", closing.job))

    def reopen_quarter(self, parent: QWidget, workspace: Workspace, sheet: GradingSheet) -> None:
        self._closing(parent, workspace, sheet).reopen()

    # --- outputs --------------------------------------------------------------
    def export_ranking(self, parent: QWidget, workspace: Workspace, quarter: Quarter) -> None:
        self.job = ranking_actions.export_ranking(parent, workspace, quarter)

    def export_summary_pdf(self, parent: QWidget, workspace: Workspace, quarter: Quarter) -> None:
        font_path = settings_of(parent).pdf_font_path
        self.job = ranking_actions.export_summary_pdf(parent, workspace, quarter, font_path)
