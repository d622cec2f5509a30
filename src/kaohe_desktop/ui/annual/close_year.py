"""关闭本年度 and reopening it (管理员, with a reason), through the periods' close
(ui/periods/period_closing, as the 季度考核 and 半年考核 tabs close theirs).

Closing refuses while someone is flagged (推荐优秀超出名额, 推荐优秀但不符合资格, 等次缺少
理由): the list is shown, with a button that shows only those people. Otherwise the
clerk confirms, knowing what follows: every person's grade, 优秀资格, 好次数 and 限制情形
are stored as they stand and the year is locked for everyone, and the year's quarters
and halves still open are stored and locked with it (named in the dialog). The close
runs the full integrity check of the data file first, so it runs as a job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.enums import AnnualGrade
from kaohe_desktop.services.archive.views import AnnualSheetView
from kaohe_desktop.ui.annual import annual_texts
from kaohe_desktop.ui.annual.annual_session import AnnualSession
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
from kaohe_desktop.ui.workers import Job

translate = QCoreApplication.translate


def blocker_lines(sheet: AnnualSheetView) -> list[str]:
    return [f"{r.name}（{r.code}）  {r.department}：{r.flag}" for r in sheet.blockers()]


def grade_summary(sheet: AnnualSheetView) -> str:
    """优秀 3 人、称职 40 人、基本称职 1 人、不称职 0 人、不定等次 1 人、不参加 2 人."""
    counts = Counter(r.grade for r in sheet.rows)
    return "、".join(f"{grade.label} {counts[grade.label]} 人" for grade in AnnualGrade)


class YearBlockersDialog(PeriodBlockersDialog):
    """Who keeps the year from being closed, one line each."""

    show_only = Signal()  # show only the flagged people

    def __init__(self, title: str, lines: list[str], parent: QWidget | None) -> None:
        names = ("yearBlockersDialog", "yearBlockerList", "showOnlyYearBlockers")
        super().__init__(title, lines, parent, names=names, size=(600, 400))
        heading = self.tr(
            "The year cannot be closed yet. {0} people must be settled first:"
        ).format(len(lines))
        hint = self.tr(
            "Withdraw recommendations over the quota or of people who no longer "
            "qualify, and give a reason to every grade set by hand. Then close again."
        )
        show_only = self.tr("Show only these people")
        self._lay_out(BlockerTexts(heading, hint, show_only, self.tr("Close")))

    def _show_only(self) -> None:
        self.show_only.emit()
        self.accept()


class CloseYearDialog(PeriodCloseDialog):
    """Confirm closing, with what is stored and locked, and a note for the record."""

    def __init__(
        self, sheet: AnnualSheetView, still_open: list[str], parent: QWidget | None
    ) -> None:
        label = annual_texts.year_label(sheet.year)
        super().__init__("Year", parent, min_width=580)
        lines = [
            self.tr(
                "• Every person's annual grade, 优秀资格, 好次数 and 限制情形 are stored as they "
                "are now; the archive shows them from then on."
            ),
            self.tr(
                "• The year's recommendations, grades set by hand and notes become read-only "
                "for everyone."
            ),
        ]
        if still_open:
            lines.append(
                self.tr(
                    "• Not closed yet, and stored and locked with the year as they stand: {0}."
                ).format("、".join(still_open))
            )
        else:
            lines.append(self.tr("• Every quarter and half of the year is closed already."))
        lines += [
            self.tr(
                "• Only an administrator can reopen the year, and must give a reason (kept "
                "in the audit log)."
            ),
            self.tr(
                "• A full integrity check of the data file runs first; on a network drive "
                "this can take a while."
            ),
        ]
        texts = CloseTexts(
            title=self.tr("Close {0}").format(label),
            heading=self.tr("Close the annual assessment of {0}?").format(label),
            consequences="\n".join(lines),
            note_hint=self.tr("Optional, e.g. approved by the committee"),
            note=self.tr("Note:"),
            confirm=self.tr("Close the year"),
            cancel=self.tr("Cancel"),
        )
        self._lay_out(texts, grade_summary(sheet))


class YearClosing:
    """One close or reopen, from the button to the new sheet."""

    def __init__(
        self, parent: QWidget, session: AnnualSession, show_flagged: Callable[[], None]
    ) -> None:
        assert session.source is not None and session.sheet is not None
        self.parent, self.session, self.show_flagged = parent, session, show_flagged
        self.source, self.sheet = session.source, session.sheet
        self.dialog: QDialog | None = None  # the dialog last opened (tests look at it)
        self.job: Job | None = None
        label = annual_texts.year_label(self.sheet.year)
        self.title = translate("YearClosing", "Close {0}").format(label)

    def _target(self) -> ClosingTarget:
        year = self.sheet.year
        return ClosingTarget(str(year), year, annual_texts.year_label(year), self.sheet.closed)

    # --- closing --------------------------------------------------------------------
    def close(self) -> QDialog | None:
        not_allowed = translate(
            "YearClosing", "Only a reviewer or an administrator can close the year."
        )
        refusal = close_refusal(self.source, self._target(), not_allowed)
        if refusal is not None:
            messages.warn(self.parent, self.title, refusal)
            return None
        lines = blocker_lines(self.sheet)
        if lines:
            return self._show_blockers(lines)
        still_open = annual_texts.open_periods(self.source.periods, self.sheet.year)
        dialog = CloseYearDialog(self.sheet, still_open, self.parent)
        dialog.ask_early(early_close_question(self.source.periods, self._target().period))
        dialog.accepted.connect(lambda: self._run_close(dialog.note.text()))
        return self._open(dialog)

    def _show_blockers(self, lines: list[str]) -> QDialog:
        dialog = YearBlockersDialog(self.title, lines, self.parent)
        dialog.show_only.connect(self.show_flagged)
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def _run_close(self, note: str) -> Job:
        year, periods = self.sheet.year, self.source.periods
        self.job = run_close(
            self.parent,
            self.title,
            self._target(),
            lambda: periods.close(str(year), note.strip()),
            reread=self.session.request_reload,
            not_ready=lambda _error: False,  # the service's refusal names who, in words
        )
        return self.job

    # --- reopening ----------------------------------------------------------------------
    def reopen(self) -> bool:
        not_allowed = translate("YearClosing", "Only an administrator can reopen a year.")
        return reopen_period(
            self.parent,
            self.source,
            self.source.periods,
            self._target(),
            not_allowed=not_allowed,
            reread=self.session.request_reload,
        )
