"""Closing a quarter's grading, and reopening it (管理员, with a reason).

Closing refuses while anyone is unscored or flagged: the list is shown, with a
button that filters the grid to those people. Otherwise the clerk confirms, with
an optional note, knowing what follows: the quarter is locked for everyone and its
综合得分, 等次 and 排名 are stored as they stand. The service runs the full
integrity check of the data file first (as 期间关闭 does), which on a network drive
can take a while, so it runs as a job.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.grading import GRADE_ORDER
from kaohe_desktop.services.errors import (
    InputError,
    PermissionDeniedError,
    QuarterNotReadyError,
    StorageError,
)
from kaohe_desktop.services.files.periods import PeriodService
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading
from kaohe_desktop.services.quarterly.views import GradingSheet
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.periods.closing_dialogs import (
    BlockerTexts,
    CloseTexts,
    PeriodBlockersDialog,
    PeriodCloseDialog,
)
from kaohe_desktop.ui.periods.period_closing import (
    ClosingTarget,
    close_refusal,
    reopen_period,
    run_close,
)
from kaohe_desktop.ui.periods.periods_dialog import early_close_question
from kaohe_desktop.ui.workers import Job

translate = QCoreApplication.translate
SheetCallback = Callable[[GradingSheet], None]


class BlockersDialog(PeriodBlockersDialog):
    """Who keeps the quarter from being closed, one line each."""

    show_only = Signal(list)  # person ids

    def __init__(
        self, title: str, lines: list[str], person_ids: list[int], parent: QWidget | None
    ) -> None:
        names = ("blockersDialog", "blockerList", "showOnlyBlockers")
        super().__init__(title, lines, parent, names=names, size=(600, 420))
        self.person_ids = list(person_ids)
        heading = self.tr(
            "The quarter cannot be closed yet. {0} people are not graded or wait for a decision:"
        ).format(len(lines))
        hint = self.tr(
            "Enter the missing scores; for “并列超出名额” set 好 by hand within the quota "
            "and confirm 较好 for the others, or correct a score. Then close again."
        )
        show_only = self.tr("Show only these people")
        self._lay_out(BlockerTexts(heading, hint, show_only, self.tr("Close")))
        self.show_button.setEnabled(bool(self.person_ids))
        self.close_button.setObjectName("closeBlockers")

    def _show_only(self) -> None:
        self.show_only.emit(list(self.person_ids))
        self.accept()


def grade_summary(sheet: GradingSheet) -> str:
    """好 3 人、较好 5 人、一般 1 人、较差 0 人、不定等次 1 人 (what is about to be stored)."""
    counts = {grade: 0 for grade in GRADE_ORDER}
    not_graded = 0
    for row in sheet.rows:
        if row.no_grade_reason is not None:
            not_graded += 1
        elif row.grade is not None:
            counts[row.grade] += 1
    parts = [f"{grade.label} {counts[grade]} 人" for grade in GRADE_ORDER]
    return "、".join([*parts, f"不定等次 {not_graded} 人"])


class CloseQuarterDialog(PeriodCloseDialog):
    """Confirm closing, with the consequences and a note for the record."""

    def __init__(self, sheet: GradingSheet, parent: QWidget | None) -> None:
        super().__init__("Quarter", parent, min_width=520)
        texts = CloseTexts(
            title=self.tr("Close {0}").format(sheet.quarter.label()),
            heading=self.tr("Close the grading of {0}?").format(sheet.quarter.label()),
            consequences=self.tr(
                "• The scores, comments and grades of the quarter become read-only for everyone, "
                "on every workstation.\n"
                "• 综合得分, 等次 and 排名 are stored as they are now.\n"
                "• Only an administrator can reopen the quarter, and must give a reason (kept "
                "in the audit log).\n"
                "• A full integrity check of the data file runs first; on a network drive this "
                "can take a while."
            ),
            note_hint=self.tr("Optional, e.g. checked by the committee"),
            note=self.tr("Note:"),
            confirm=self.tr("Close the quarter"),
            cancel=self.tr("Cancel"),
        )
        self._lay_out(texts, grade_summary(sheet), stretch=True)


class QuarterClosing:
    """One close or reopen, from the tab's button to the new sheet. Closing is the
    grading service's; reopening, and what a longer closed period locks, the periods'."""

    def __init__(
        self,
        parent: QWidget,
        access: Access,
        grading: QuarterlyGrading,
        periods: PeriodService,
        sheet: GradingSheet,
        *,
        changed: SheetCallback,
        show_only: Callable[[list[int]], None],
    ) -> None:
        self.parent, self.sheet = parent, sheet
        self.access, self.grading, self.periods = access, grading, periods
        self.changed, self.show_only = changed, show_only
        self.dialog: QDialog | None = None  # the dialog last opened (tests look at it)
        self.job: Job | None = None
        self.title = translate("QuarterClosing", "Close {0}").format(sheet.quarter.label())

    # --- closing --------------------------------------------------------------
    def close(self) -> QDialog | None:
        """Opens the blocker list or the confirmation (window-modal, not blocking)."""
        refusal = self._close_refusal()
        if refusal is not None:
            messages.warn(self.parent, self.title, refusal)
            return None
        rows = self.sheet.blocking_rows()
        if rows:
            return self._show_blockers(self.sheet.blockers(), [r.person_id for r in rows])
        dialog = CloseQuarterDialog(self.sheet, self.parent)
        dialog.ask_early(early_close_question(self.periods, self._target().period))
        dialog.accepted.connect(lambda: self._run_close(dialog.note.text()))
        return self._open(dialog)

    def _target(self) -> ClosingTarget:
        quarter = self.sheet.quarter
        return ClosingTarget(str(quarter), quarter.year, quarter.label(), self.sheet.closed)

    def _close_refusal(self) -> str | None:
        not_allowed = translate(
            "QuarterClosing", "Only a reviewer or an administrator can close a quarter."
        )
        return close_refusal(self.access, self._target(), not_allowed)

    def _show_blockers(self, lines: list[str], person_ids: list[int]) -> QDialog:
        dialog = BlockersDialog(self.title, lines, person_ids, self.parent)
        dialog.show_only.connect(self.show_only)
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def _run_close(self, note: str) -> Job:
        quarter, grading = self.sheet.quarter, self.grading
        fresh: list[GradingSheet | None] = [None]  # the sheet read after the attempt

        def reread() -> None:
            fresh[0] = self._reread()

        def not_ready(error: BaseException) -> bool:
            if not isinstance(error, QuarterNotReadyError):
                return False
            rows = fresh[0].blocking_rows() if fresh[0] is not None else []
            self._show_blockers(error.blockers, [r.person_id for r in rows])
            return True

        self.job = run_close(
            self.parent,
            self.title,
            self._target(),
            lambda: grading.close_quarter(quarter, note.strip()),
            reread=reread,
            not_ready=not_ready,
        )
        return self.job

    def _reread(self) -> GradingSheet | None:
        try:
            sheet = self.grading.sheet(self.sheet.quarter)
        except (InputError, StorageError, PermissionDeniedError) as error:
            messages.show_error(self.parent, self.title, error)
            return None
        self.sheet = sheet
        self.changed(sheet)
        return sheet

    # --- reopening ------------------------------------------------------------
    def reopen(self) -> bool:
        not_allowed = translate("QuarterClosing", "Only an administrator can reopen a quarter.")
        return reopen_period(
            self.parent,
            self.access,
            self.periods,
            self._target(),
            not_allowed=not_allowed,
            reread=self._reread,
        )
