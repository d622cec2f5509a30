"""Whether, and where, the clerk may type into the grid, and the banners that say why not.

Two kinds of "no": the whole quarter (a closed quarter, a read-only file, a role
that may only look) and single departments another workstation edits (their lease
is held, or ours was taken over). The first is one banner with 重新开放… for an
administrator; the second lists the departments with who holds them, 重试, and 接管
when a holder has gone quiet and the clerk is an administrator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kaohe_desktop.domain.leases import LeaseState
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.ui.editing.banner import Banner, BannerAction, Tone
from kaohe_desktop.ui.quarterly import grading_banners

if TYPE_CHECKING:
    from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab


class EditState(QObject):
    def __init__(self, tab: QuarterlyTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.state_banner = Banner("gradingStateBanner")
        self.lease_banner = Banner("gradingLeaseBanner")
        tab.leases.changed.connect(self.update)
        tab.leases.unavailable.connect(self._unavailable)

    def refusal(self) -> str | None:
        """Why nobody can type into this quarter here (None: the clerk may)."""
        tab = self.tab
        if tab.workspace is None or tab.sheet is None:
            return None
        return grading_banners.edit_state_text(tab.workspace, tab.sheet)

    def update(self) -> None:
        tab = self.tab
        refusal = self.refusal()
        tab.model.set_edit_state(refusal is None and tab.sheet is not None, tab.leases.refused)
        tab.update_actions()
        if refusal is None:
            self.state_banner.clear()
        else:
            actions: list[BannerAction] = []
            if tab.actions.reopen_quarter.isEnabled():
                actions.append((self.tr("Reopen…"), tab.commands.reopen_quarter, "bannerReopen"))
            read_only = tab.workspace is not None and tab.workspace.read_only
            self.state_banner.show_message(
                Tone.WARNING if read_only else Tone.INFO, refusal, actions
            )
        self._show_leases()

    def clear(self) -> None:
        self.state_banner.clear()
        self.lease_banner.clear()

    def _show_leases(self) -> None:
        tab = self.tab
        refused = tab.leases.refused
        if not refused or tab.sheet is None:
            self.lease_banner.clear()
            return
        actions: list[BannerAction] = [(self.tr("Try again"), self._retry, "retryLeases")]
        workspace = tab.workspace
        if workspace is not None and workspace.may(Action.TAKE_OVER_LEASE):
            now = workspace.clock()
            stale = [
                department
                for department, error in tab.leases.held_by_others.items()
                if error.info.state(now) is LeaseState.STALE
            ]
            if stale:
                actions.append(
                    (self.tr("Take over"), lambda: self._take_over(stale[0]), "takeOverLease")
                )
        text = grading_banners.lease_text(refused, dict(tab.sheet.departments))
        self.lease_banner.show_message(Tone.WARNING, text, actions)

    def _retry(self) -> None:
        self.tab.leases.forget_refusals()  # the next edit asks for the leases again

    def _take_over(self, department: int) -> None:
        if self.tab.leases.take_over(self.tab, department):
            self.tab.reload()  # the previous holder may have saved before going quiet

    def _unavailable(self, message: str) -> None:
        workspace = self.tab.workspace
        if workspace is not None and not workspace.read_only:
            workspace.go_read_only(message)
        self.update()
