"""The 年度考核 tab's actions, the toolbar above its list and the list's context menu.

Each action is enabled only when the clerk may use it now, and a disabled one says why
in its tooltip: a read-only file, a role that may only look, a closed year, the year
worked on another workstation, no person selected, or — for 推荐优秀 — why the selected
person cannot be 优秀 (not 参加考核, or 限制情形 in words). A full quota does not
disable 推荐优秀: pressing it shows the service's refusal, which says how to make room.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.ui.annual import annual_texts
from kaohe_desktop.ui.common.access import Access, action_refusal, offer
from kaohe_desktop.ui.common.toolbar import connect_actions, named_action, text_toolbar


@dataclass(frozen=True)
class AnnualState:
    """What the enabled state of the actions depends on."""

    access: Access | None  # the open file (a Workspace), None when none is open
    sheet: AnnualSheetView | None
    row: AnnualRowView | None  # the selected person
    refusal: str | None  # why nothing of the year can be changed here (closed, role, …)
    lease_refusal: str | None  # someone else works the year
    empty: str | None = None  # why the list is not shown (no quarterly grades yet)


class AnnualActions(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.recommend = named_action(self, self.tr("Recommend 优秀"), "recommendExcellent")
        self.withdraw = named_action(self, self.tr("Withdraw"), "withdrawExcellent")
        self.set_grade = named_action(self, self.tr("Set grade…"), "setAnnualGrade")
        self.note = named_action(self, self.tr("Note…"), "annualNote")
        self.close_year = named_action(self, self.tr("Close the year…"), "closeYear")
        self.reopen_year = named_action(self, self.tr("Reopen…"), "reopenYear")
        self.export = named_action(self, self.tr("Export workbook…"), "exportAnnual")
        self.forms = named_action(self, self.tr("Print registration forms…"), "printForms")
        self.excellent_list = named_action(
            self, self.tr("Print 优秀 notice…"), "printExcellentList"
        )
        self.recommend.setShortcut(QKeySequence("Ctrl+E"))
        self.withdraw.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.set_grade.setShortcut(QKeySequence("Ctrl+G"))
        self.note.setShortcut(QKeySequence("F2"))
        for action in self.row_actions():
            # Only while the list has the focus: other tabs keep their own keys.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def row_actions(self) -> list[QAction]:
        """What the context menu of a row offers."""
        return [self.recommend, self.withdraw, self.set_grade, self.note]

    def connect_slots(self, slots: dict[QAction, Callable[[], object]]) -> None:
        connect_actions(slots)

    def make_toolbar(self) -> QToolBar:
        return text_toolbar(
            "annualToolbar",
            [
                [self.recommend, self.withdraw],
                [self.set_grade, self.note],
                [self.close_year, self.reopen_year],
                [self.export, self.forms, self.excellent_list],
            ],
        )

    # --- enabled state ------------------------------------------------------------------
    def update(self, state: AnnualState) -> None:
        sheet, row = state.sheet, state.row
        none = None
        if state.access is None:
            none = self.tr("Open a data file first")
        elif sheet is None or not sheet.rows:
            none = self.tr("Nobody to assess this year")
        else:
            none = state.empty
        change = self._why_not(state.access, Action.ENTER_DATA) or none or state.refusal
        change = change or state.lease_refusal
        person = change or (self.tr("Select a person first") if row is None else None)
        recommend = person
        if recommend is None and row is not None:
            # The service's words (domain standing_refusal); a recommended row offers 取消推荐.
            recommend = row.recommend_refusal or (
                annual_texts.already_recommended(row.name) if row.recommended else None
            )
        counter = sheet.counter if sheet is not None else None
        full = counter is not None and counter.remaining <= 0
        offer(
            self.recommend,
            recommend,
            self.tr("Recommend the selected person for 优秀 (Ctrl+E)")
            if not full
            else self.tr("The 优秀 quota is full: withdraw another recommendation first"),
        )
        withdraw = person
        if withdraw is None and row is not None and not row.recommended:
            withdraw = self.tr("{0} is not recommended").format(row.name)
        offer(self.withdraw, withdraw, self.tr("Withdraw the 优秀 recommendation (Ctrl+Shift+E)"))
        offer(
            self.set_grade,
            person,
            self.tr("称职 / 基本称职 / 不称职 / 不参加 by hand, with a reason (Ctrl+G)"),
        )
        offer(self.note, person, self.tr("A note printed in 备注 (F2)"))
        self._update_close(state, none)
        export = self._why_not(state.access, Action.EXPORT) or none
        offer(self.export, export, self.tr("Write the annual workbook (sheets 年度考核 and 名额)"))
        forms = export
        offer(
            self.forms,
            forms,
            self.tr("公务员年度考核登记表 as PDF: everyone, a department or one person"),
        )
        recommended = counter.recommended if counter is not None else 0
        excellent = export
        if excellent is None and not recommended:
            excellent = self.tr("Nobody is recommended for 优秀 yet")
        offer(
            self.excellent_list,
            excellent,
            self.tr("The 优秀 notice (公示) as PDF: names, departments and the posting dates"),
        )

    def _update_close(self, state: AnnualState, none: str | None) -> None:
        sheet = state.sheet
        closed = sheet is not None and sheet.closed
        close = self._why_not(state.access, Action.CLOSE_PERIOD, self._close_role) or none
        if close is None and closed:
            assert sheet is not None
            close = self.tr("{0} is closed").format(annual_texts.year_label(sheet.year))
        waiting = len(sheet.blockers()) if sheet is not None else 0
        offer(
            self.close_year,
            close,
            self.tr("Store every grade of the year and lock it")
            if waiting == 0
            else self.tr("{0} people still keep the year from closing; press to list them").format(
                waiting
            ),
        )
        reopen = self._why_not(state.access, Action.REOPEN_PERIOD, self._reopen_role) or none
        if reopen is None and not closed:
            reopen = self.tr("The year is open")
        offer(self.reopen_year, reopen, self.tr("Reopen the closed year (with a reason)"))

    def _close_role(self, role: str) -> str:
        return self.tr(
            "Your role ({0}) may not close the year; a reviewer or an administrator can."
        ).format(role)

    def _reopen_role(self, role: str) -> str:
        return self.tr("Only an administrator can reopen a year (your role: {0}).").format(role)

    def _why_not(
        self,
        access: Access | None,
        action: Action,
        role_text: Callable[[str], str] | None = None,
    ) -> str | None:
        """Why the clerk may not do `action` now (None: they may)."""
        return action_refusal(access, action, role_text or self._may_only_view)

    def _may_only_view(self, role: str) -> str:
        return self.tr("Your role ({0}) may view the annual assessment but not change it.").format(
            role
        )
