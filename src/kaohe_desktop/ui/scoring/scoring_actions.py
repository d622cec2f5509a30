"""The 半年考核 tab's actions and the toolbar above its table.

Each action is enabled only when the clerk may use it now, and a disabled one says
why in its tooltip (a read-only file, a role that may only look, a closed half, the
half entered on another workstation, no department chosen). Closing stays enabled
while checks are missing or ties wait: pressing it lists them. 导出得分表… writes
the half's on a half, the year's on 全年.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QWidget

from kaohe_desktop.domain.half_year_scoring import DepartmentResult
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.ui.common.access import Access, action_refusal, offer
from kaohe_desktop.ui.common.toolbar import connect_actions, named_action, text_toolbar


@dataclass(frozen=True)
class ScoringState:
    """What the enabled state of the actions depends on."""

    access: Access | None  # the open file (a Workspace), None when none is open
    sheet: HalfYearSheet | None  # None also on the year page
    result: DepartmentResult | None  # the selected department
    lease_refusal: str | None  # someone else enters the half
    year_page: bool = False  # 全年 is shown: only the year's export applies


class ScoringActions(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.add_points = named_action(self, self.tr("Add points…"), "addPoints")
        self.veto = named_action(self, self.tr("Veto…"), "addVeto")
        self.decide = named_action(self, self.tr("Committee decision…"), "decide")
        self.close_half = named_action(self, self.tr("Close the half…"), "closeHalf")
        self.reopen_half = named_action(self, self.tr("Reopen…"), "reopenHalf")
        self.export = named_action(self, self.tr("Export score sheet…"), "exportScores")

    def connect_slots(self, slots: dict[QAction, Callable[[], object]]) -> None:
        connect_actions(slots)

    def groups(self, *, export: bool) -> list[list[QAction]]:
        groups = [
            [self.add_points, self.veto],
            [self.decide],
            [self.close_half, self.reopen_half],
        ]
        if export:
            groups.append([self.export])
        return groups

    def make_toolbar(self, *, export: bool) -> QToolBar:
        return text_toolbar("scoringToolbar", self.groups(export=export))

    # --- enabled state ------------------------------------------------------------------
    def update(self, state: ScoringState) -> None:
        sheet = state.sheet
        none = None
        if state.access is None:
            none = self.tr("Open a data file first")
        elif sheet is None:
            none = self.tr("Choose a half year (上半年 or 下半年)")
        elif not sheet.scoring.results:
            none = self.tr("{0} has no departments").format(sheet.half.label())
        closed = None
        if sheet is not None and sheet.closed:
            closed = self.tr("{0} is closed; an administrator can reopen it").format(
                sheet.half.label()
            )
        enter = self._why_not(state.access, Action.ENTER_DATA) or none or closed
        enter = enter or state.lease_refusal
        offer(
            self.add_points, enter, self.tr("Enter a deduction (扣分) or a commendation (表彰加分)")
        )
        offer(self.veto, enter, self.tr("一票否决: the department cannot be 优秀 this half"))
        self._update_decide(state, none or closed)
        self._update_close(state, none)
        if state.year_page:
            offer(
                self.export,
                self._why_not(state.access, Action.EXPORT),
                self.tr("Write the year's score workbook (年底算账) and, if wished, the PDF"),
            )
            return
        offer(
            self.export,
            self._why_not(state.access, Action.EXPORT) or none,
            self.tr("Write the score workbook (科室得分, 明细) and, if wished, the PDF"),
        )

    def _update_decide(self, state: ScoringState, none: str | None) -> None:
        result = state.result
        refusal = self._why_not(state.access, Action.REVIEW, self._review_role) or none
        if refusal is None and result is None:
            refusal = self.tr("Select a department flagged 待裁定 first")
        if refusal is None and result is not None and not (result.flagged or result.decided):
            refusal = self.tr("{0} is not in a tie across a quota line").format(result.name)
        offer(
            self.decide,
            refusal,
            self.tr("Settle the tie of the selected department by hand, with a reason"),
        )

    def _update_close(self, state: ScoringState, none: str | None) -> None:
        sheet = state.sheet
        closed = sheet is not None and sheet.closed
        close = self._why_not(state.access, Action.CLOSE_PERIOD, self._close_role) or none
        if close is None and closed:
            assert sheet is not None
            close = self.tr("{0} is closed").format(sheet.half.label())
        waiting = len(sheet.blockers()) if sheet is not None else 0
        offer(
            self.close_half,
            close,
            self.tr("Lock the half and store every department's result")
            if waiting == 0
            else self.tr("{0} items still keep the half from closing; press to list them").format(
                waiting
            ),
        )
        reopen = self._why_not(state.access, Action.REOPEN_PERIOD, self._reopen_role) or none
        if reopen is None and not closed:
            reopen = self.tr("The half is open")
        offer(self.reopen_half, reopen, self.tr("Reopen the closed half (with a reason)"))

    def _review_role(self, role: str) -> str:
        return self.tr(
            "Your role ({0}) may not record the committee's decision; a reviewer or an "
            "administrator can."
        ).format(role)

    def _close_role(self, role: str) -> str:
        return self.tr(
            "Your role ({0}) may not close a half year; a reviewer or an administrator can."
        ).format(role)

    def _reopen_role(self, role: str) -> str:
        return self.tr("Only an administrator can reopen a half year (your role: {0}).").format(
            role
        )

    def _why_not(
        self,
        access: Access | None,
        action: Action,
        role_text: Callable[[str], str] | None = None,
    ) -> str | None:
        """Why the clerk may not do `action` now (None: they may)."""
        return action_refusal(access, action, role_text or self._may_only_view)

    def _may_only_view(self, role: str) -> str:
        return self.tr("Your role ({0}) may view the half-year scores but not change them.").format(
            role
        )
