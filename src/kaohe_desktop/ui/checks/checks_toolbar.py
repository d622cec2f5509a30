"""The 查账 tab's actions and the toolbar above its grid.

Each action is enabled only when the clerk may use it now, and a disabled one says
why in its tooltip (a read-only file, a role that may only look, a closed period, no
row chosen), as on the other tabs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QWidget

from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.checks.views import BulletinView, DueCheckRow, DueList
from kaohe_desktop.ui.common.access import Access, action_refusal, offer
from kaohe_desktop.ui.common.toolbar import connect_actions, named_action, text_toolbar


@dataclass(frozen=True)
class ChecksState:
    """What the enabled state of the actions depends on."""

    access: Access | None  # the open file (a Workspace), None when none is open
    due: DueList | None
    refusal: str | None  # why nothing can be entered at the chosen level (None: it can)
    level: CheckLevel
    default_level: CheckLevel | None  # the account's own level (copy forward uses it)
    selected: Sequence[DueCheckRow]
    bulletin: BulletinView | None  # the period's latest 通报


class ChecksActions(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.copy_forward = named_action(
            self, self.tr("Copy previous period (draft)"), "copyChecksForward"
        )
        self.confirm_drafts = named_action(self, self.tr("Confirm drafts"), "confirmDrafts")
        self.set_status = named_action(self, self.tr("Set status…"), "setCheckStatus")
        self.issue_notice = named_action(self, self.tr("Issue notice…"), "issueNotice")
        self.notices = named_action(self, self.tr("Notices"), "noticeList")
        self.sample = named_action(self, self.tr("Leaders' spot check…"), "spotCheck")
        self.bulletin = named_action(self, self.tr("Generate bulletin…"), "bulletin")
        self.regenerate = named_action(self, self.tr("Regenerate…"), "regenerateBulletin")

    def connect_slots(self, slots: dict[QAction, Callable[[], object]]) -> None:
        connect_actions(slots)

    def groups(self) -> list[list[QAction]]:
        return [
            [self.copy_forward, self.confirm_drafts, self.set_status],
            [self.issue_notice, self.notices],
            [self.sample],
            [self.bulletin, self.regenerate],
        ]

    def make_toolbar(self) -> QToolBar:
        return text_toolbar("checksToolbar", self.groups())

    # --- enabled state --------------------------------------------------------
    def update(self, state: ChecksState) -> None:
        due, access = state.due, state.access
        no_rows = None
        if access is None or due is None:
            no_rows = self.tr("Open a data file first")
        elif not due.rows:
            no_rows = self.tr("Nothing is due in {0}").format(due.period.label())
        enter = no_rows or state.refusal
        selected = state.selected
        pick = None if selected else self.tr("Select one or more rows first")
        self._update_drafts(state, enter)
        offer(
            self.set_status,
            enter or pick,
            self.tr("Set one status for all selected rows at {0}").format(state.level.label),
        )
        notice = no_rows or self._why_not(access, Action.RECORD_CHECKS) or pick
        offer(
            self.issue_notice,
            notice,
            self.tr("Issue a 督办单 for the selected rows (of one department)"),
        )
        offer(
            self.notices,
            self._why_not(access, Action.VIEW),
            self.tr("The year's 督办单, their 整改 and 核实; print a 督办单"),
        )
        offer(
            self.sample,
            no_rows,
            self.tr("Draw the 三级 局领导抽查 sample of this period and print its list"),
        )
        self._update_bulletin(state, no_rows)

    def _update_drafts(self, state: ChecksState, enter: str | None) -> None:
        due, default = state.due, state.default_level
        copy = enter
        if copy is None and due is not None:
            first = (
                due.period.quarter == 1
                if isinstance(due.period, Quarter)
                else (due.period.month == 1)
            )
            if first:
                copy = self.tr("{0} is the first period of the year: nothing to copy from").format(
                    due.period.label()
                )
        level = default.label if default is not None else ""
        offer(
            self.copy_forward,
            copy,
            self.tr(
                "Copy the previous period's {0} checks as drafts where this period has none; "
                "drafts count only once confirmed"
            ).format(level),
        )
        drafts = 0
        if due is not None:
            drafts = sum(1 for row in due.rows if (e := row.entry(state.level)) and e.draft)
        confirm = enter or (
            None if drafts else self.tr("No drafts at {0}").format(state.level.label)
        )
        offer(
            self.confirm_drafts,
            confirm,
            self.tr(
                "Confirm the drafts of the selected rows (all {0} drafts if none is selected)"
            ).format(drafts),
        )

    def _update_bulletin(self, state: ChecksState, no_rows: str | None) -> None:
        access, due, latest = state.access, state.due, state.bulletin
        closed = None
        if due is not None and due.closed:
            closed = self.tr("{0} is closed").format(due.period.label())
        if latest is None:
            self.bulletin.setText(self.tr("Generate bulletin…"))
            why = no_rows or self._why_not(access, Action.RECORD_CHECKS) or closed
            offer(self.bulletin, why, self.tr("Make this period's 通报 and save it as a PDF"))
            offer(self.regenerate, why or self.tr("No bulletin yet"), "")
            return
        self.bulletin.setText(self.tr("Print bulletin…"))
        offer(
            self.bulletin,
            self._why_not(access, Action.EXPORT),
            self.tr("Save {0} (edition {1}, {2}) as a PDF").format(
                latest.doc_no, latest.edition, latest.issued_on.isoformat()
            ),
        )
        regenerate = no_rows or self._why_not(access, Action.RECORD_CHECKS) or closed
        offer(
            self.regenerate,
            regenerate,
            self.tr("Make a new edition of {0} from the checks as they are now").format(
                latest.doc_no
            ),
        )

    def _why_not(self, access: Access | None, action: Action) -> str | None:
        return action_refusal(
            access,
            action,
            lambda role: self.tr("Your role ({0}) may not: {1}").format(role, action.label),
        )
