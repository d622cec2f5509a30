"""关闭本半年 and reopening it (管理员, with a reason), through the periods' close.

Closing refuses while a due check has no confirmed result or a tie waits for the
committee: the list is shown (科室, 序号, 任务, 期间; the tied departments), with a
button that limits the table to those departments. Otherwise the clerk confirms,
knowing what follows: every department's result is stored as it stands and the half
is locked for everyone. The close runs the full integrity check of the data file
first, which on a network drive can take a while, so it runs as a job.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.services.errors import HalfNotReadyError
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.ui.common import messages
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
from kaohe_desktop.ui.scoring.scoring_session import ScoringSession
from kaohe_desktop.ui.workers import Job

translate = QCoreApplication.translate


class HalfBlockersDialog(PeriodBlockersDialog):
    """What keeps the half from being closed, one line each."""

    show_only = Signal()  # limit the table to the departments listed

    def __init__(self, title: str, lines: list[str], parent: QWidget | None) -> None:
        names = ("halfBlockersDialog", "halfBlockerList", "showOnlyHalfBlockers")
        super().__init__(title, lines, parent, names=names, size=(640, 420))
        heading = self.tr("The half cannot be closed yet. {0} items must be settled first:").format(
            len(lines)
        )
        hint = self.tr(
            "Record the missing checks in the 查账 tab (a due period without a confirmed "
            "check counts as 未完成 until then); a reviewer settles each tie with "
            "委员会裁定…. Then close again."
        )
        show_only = self.tr("Show only these departments")
        self._lay_out(BlockerTexts(heading, hint, show_only, self.tr("Close")))

    def _show_only(self) -> None:
        self.show_only.emit()
        self.accept()


def grade_summary(sheet: HalfYearSheet) -> str:
    """优秀 2 个、良好 5 个、一般 6 个、较差 0 个 (what is about to be stored)."""
    counts = dict.fromkeys(DepartmentGrade, 0)
    for result in sheet.scoring.results:
        counts[result.grade] += 1
    return "、".join(f"{grade.label} {counts[grade]} 个" for grade in DepartmentGrade)


class CloseHalfDialog(PeriodCloseDialog):
    def __init__(self, sheet: HalfYearSheet, parent: QWidget | None) -> None:
        super().__init__("Half", parent, min_width=540)
        label = sheet.half.label()
        texts = CloseTexts(
            title=self.tr("Close {0}").format(label),
            heading=self.tr("Close the scoring of {0}?").format(label),
            consequences=self.tr(
                "• Every department's scores, ranks, grade and 先进科室 are stored as they are "
                "now.\n"
                "• The half's 加减分, vetoes and decisions, and its checks, become read-only for "
                "everyone.\n"
                "• Only an administrator can reopen the half, and must give a reason (kept in "
                "the audit log).\n"
                "• A full integrity check of the data file runs first; on a network drive this "
                "can take a while."
            ),
            note_hint=self.tr("Optional, e.g. approved by the committee"),
            note=self.tr("Note:"),
            confirm=self.tr("Close the half"),
            cancel=self.tr("Cancel"),
        )
        self._lay_out(texts, grade_summary(sheet))


class HalfClosing:
    """One close or reopen, from the button to the new sheet."""

    def __init__(
        self, parent: QWidget, session: ScoringSession, show_only: Callable[[], None]
    ) -> None:
        assert session.source is not None and session.sheet is not None
        self.parent, self.session, self.show_only = parent, session, show_only
        self.source, self.sheet = session.source, session.sheet
        self.dialog: QDialog | None = None  # the dialog last opened (tests look at it)
        self.job: Job | None = None
        self.title = translate("HalfClosing", "Close {0}").format(self.sheet.half.label())

    # --- closing --------------------------------------------------------------------
    def close(self) -> QDialog | None:
        refusal = self._close_refusal()
        if refusal is not None:
            messages.warn(self.parent, self.title, refusal)
            return None
        blockers = self.sheet.blockers()
        if blockers:
            return self._show_blockers(blockers)
        dialog = CloseHalfDialog(self.sheet, self.parent)
        dialog.ask_early(early_close_question(self.source.periods, self._target().period))
        dialog.accepted.connect(lambda: self._run_close(dialog.note.text()))
        return self._open(dialog)

    def _target(self) -> ClosingTarget:
        half = self.sheet.half
        return ClosingTarget(str(half), half.year, half.label(), self.sheet.closed)

    def _close_refusal(self) -> str | None:
        not_allowed = translate(
            "HalfClosing", "Only a reviewer or an administrator can close a half year."
        )
        return close_refusal(self.source, self._target(), not_allowed)

    def _show_blockers(self, lines: list[str]) -> QDialog:
        dialog = HalfBlockersDialog(self.title, lines, self.parent)
        dialog.show_only.connect(self.show_only)
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def _run_close(self, note: str) -> Job:
        half, periods = self.sheet.half, self.source.periods

        def not_ready(error: BaseException) -> bool:
            if not isinstance(error, HalfNotReadyError):
                return False
            self._show_blockers(error.blockers)
            return True

        self.job = run_close(
            self.parent,
            self.title,
            self._target(),
            lambda: periods.close(str(half), note.strip()),
            reread=self.session.request_reload,
            not_ready=not_ready,
        )
        return self.job

    # --- reopening ----------------------------------------------------------------------
    def reopen(self) -> bool:
        not_allowed = translate("HalfClosing", "Only an administrator can reopen a half year.")
        return reopen_period(
            self.parent,
            self.source,
            self.source.periods,
            self._target(),
            not_allowed=not_allowed,
            reread=self.session.request_reload,
        )
