"""The 季度考核 tab's commands beyond typing scores: 点评, 等次调整, 不定等次, closing and
reopening the quarter, and the ranking outputs, from the toolbar, the grid's context
menu or a double click through to their dialogs.

A command takes the session's sheet and the grid's current person. A person's dialog
that may change something gets the lease of the person's department first, so a 点评
or an 等次调整 is refused at once, not at its save, when another workstation edits that
department; a dialog that may only show (a closed quarter, a viewer, a department held
elsewhere) gets no lease and says why itself. `open_*`, `close_sheet`, `reopen_sheet`
and `write_*` do the same for a sheet and a file given explicitly.

Whatever changes comes back as `changed` (the new GradingSheet, which the session
takes while it is the quarter on screen) and `show_only` (people the grid should
filter to). The dialogs are window-modal but do not block the caller (`open()`), so
the grid behind them shows each change as it is made; `dialog` and `job` are the last
ones started, for tests.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.quarterly.ranking_export import RankingExport
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.quarterly import grading_model as cols
from kaohe_desktop.ui.quarterly import ranking_actions
from kaohe_desktop.ui.quarterly.close_quarter import QuarterClosing
from kaohe_desktop.ui.quarterly.comments_dialog import CommentsDialog
from kaohe_desktop.ui.quarterly.grade_dialog import GradeDialog, NotGradedDialog
from kaohe_desktop.ui.quarterly.grading_editing import GradingEditing
from kaohe_desktop.ui.quarterly.grading_grid import GradingGrid
from kaohe_desktop.ui.quarterly.grading_toolbar import QuarterlyActions
from kaohe_desktop.ui.quarterly.quarter_session import GradingSource, QuarterSession
from kaohe_desktop.ui.quarterly.sheet_dialog import SheetDialog, edit_refusal
from kaohe_desktop.ui.settings import settings_of
from kaohe_desktop.ui.workers import Job

Person = tuple[GradingSource, GradingSheet, GradingRow, list[Lease]]


class GradingActions(QObject):
    changed = Signal(object)  # the new GradingSheet after a successful change
    show_only = Signal(list)  # person ids the grid should filter to (blockers, flagged)

    def __init__(
        self,
        session: QuarterSession,
        grid: GradingGrid,
        editing: GradingEditing,
        toolbar: QuarterlyActions,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session, self.grid, self.editing, self.toolbar = session, grid, editing, toolbar
        self._parent = parent  # where the dialogs sit
        self.dialog: QDialog | None = None
        self.job: Job | None = None
        self.changed.connect(session.take_if_shown)
        t = toolbar
        t.connect_slots(
            {
                t.comments: self.edit_comments,
                t.adjust_grade: self.adjust_grade,
                t.not_graded: self.set_not_graded,
                t.close_quarter: self.close_quarter,
                t.reopen_quarter: self.reopen_quarter,
                t.export_ranking: self.export_ranking,
                t.summary_pdf: self.export_summary_pdf,
            }
        )
        grid.table.doubleClicked.connect(self.double_clicked)

    # --- the commands, on the quarter and person on screen -----------------------
    def _person(self, title: str) -> Person | None:
        session = self.session
        row, source, sheet = self.grid.current_row(), session.source, session.sheet
        if row is None or source is None or sheet is None:
            return None
        if session.refusal() is not None or self.grid.model.lock_reason(row) is not None:
            return source, sheet, row, []  # only to look: the dialog says why
        leases = self.editing.leases_for([row], title)
        return None if leases is None else (source, sheet, row, leases)

    def edit_comments(self) -> None:
        found = self._person(self.tr("Comments"))
        if found is not None:
            self.open_comments(*found)

    def adjust_grade(self) -> None:
        if not self.toolbar.adjust_grade.isEnabled():
            return  # the file may have turned read-only since the button was updated
        found = self._person(self.tr("Adjust grade"))
        if found is not None:
            self.open_grade(*found)

    def set_not_graded(self) -> None:
        if not self.toolbar.not_graded.isEnabled():
            return
        found = self._person(self.tr("Not graded"))
        if found is not None:
            self.open_not_graded(*found)

    def close_quarter(self) -> None:
        source, sheet = self.session.source, self.session.sheet
        if source is not None and sheet is not None:
            self.close_sheet(source, sheet)

    def reopen_quarter(self) -> None:
        source, sheet = self.session.source, self.session.sheet
        if source is not None and sheet is not None:
            self.reopen_sheet(source, sheet)

    def export_ranking(self) -> None:
        source, sheet = self.session.source, self.session.sheet
        if source is not None and sheet is not None:
            self.write_ranking(source.ranking, sheet.quarter)

    def export_summary_pdf(self) -> None:
        source, sheet = self.session.source, self.session.sheet
        if source is not None and sheet is not None:
            self.write_summary_pdf(source.ranking, sheet.quarter)

    def double_clicked(self, index: QModelIndex) -> None:
        """点评 opens the comments; 等次 the grade adjustment (the score cells edit)."""
        if index.column() == cols.COMMENTS:
            self.edit_comments()
        elif index.column() == cols.GRADE:
            self.adjust_grade()

    # --- one person's dialog ----------------------------------------------------
    def open_comments(
        self, source: GradingSource, sheet: GradingSheet, row: GradingRow, leases: list[Lease]
    ) -> None:
        # Everyone may read the 点评; the dialog says why it cannot change them.
        self._open(
            CommentsDialog(source, source.grading, source.leases, sheet, row, leases, self._parent)
        )

    def open_grade(
        self, source: GradingSource, sheet: GradingSheet, row: GradingRow, leases: list[Lease]
    ) -> None:
        title = self.tr("Adjust grade")
        if self._refused(title, source, sheet):
            return
        if row.no_grade_reason is not None:
            messages.warn(
                self._parent,
                title,
                self.tr(
                    "{0} is 不定等次 ({1}) and gets no grade. Clear 不定等次 first to grade them."
                ).format(row.name, row.no_grade_reason.label),
            )
            return
        self._open(
            GradeDialog(source, source.grading, source.leases, sheet, row, leases, self._parent)
        )

    def open_not_graded(
        self, source: GradingSource, sheet: GradingSheet, row: GradingRow, leases: list[Lease]
    ) -> None:
        if self._refused(self.tr("Not graded"), source, sheet):
            return
        self._open(
            NotGradedDialog(source, source.grading, source.leases, sheet, row, leases, self._parent)
        )

    def _refused(self, title: str, access: Access, sheet: GradingSheet) -> bool:
        refusal = edit_refusal(access, sheet)
        if refusal is not None:
            messages.warn(self._parent, title, refusal)
        return refusal is not None

    def _open(self, dialog: SheetDialog) -> None:
        dialog.changed.connect(self.changed)
        self.dialog = dialog
        dialog.open()

    # --- the quarter ----------------------------------------------------------------
    def _closing(self, source: GradingSource, sheet: GradingSheet) -> QuarterClosing:
        return QuarterClosing(
            self._parent,
            source,
            source.grading,
            source.periods,
            sheet,
            changed=self.changed.emit,
            show_only=self.show_only.emit,
        )

    def close_sheet(self, source: GradingSource, sheet: GradingSheet) -> None:
        closing = self._closing(source, sheet)
        self.dialog = closing.close()
        if self.dialog is not None:
            # The job starts once the clerk confirms; keep it for the tests.
            self.dialog.accepted.connect(lambda: setattr(self, "job", closing.job))

    def reopen_sheet(self, source: GradingSource, sheet: GradingSheet) -> None:
        self._closing(source, sheet).reopen()

    # --- outputs --------------------------------------------------------------------
    def write_ranking(self, ranking: RankingExport, quarter: Quarter) -> None:
        self.job = ranking_actions.export_ranking(self._parent, ranking, quarter)

    def write_summary_pdf(self, ranking: RankingExport, quarter: Quarter) -> None:
        font_path = settings_of(self._parent).pdf_font_path
        self.job = ranking_actions.export_summary_pdf(self._parent, ranking, quarter, font_path)
