"""Whether, and where, the clerk may type into the grid, and the banners that say why not.

Two kinds of "no": the whole quarter (a closed quarter, a read-only file, a role
that may only look) and single departments another workstation edits (their lease
is held, or ours was taken over). The first is one banner with 重新开放… for an
administrator; the second lists the departments with who holds them, 重试, and 接管
when a holder has gone quiet and the clerk is an administrator.

It works on the QuarterSession and the grid's model; the toolbar's enabled state and
reopening belong to the tab, which listens to `changed` and `reopen_requested`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.leases import LeaseState
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.ui.editing.banner import Banner, BannerAction, Tone
from kaohe_desktop.ui.quarterly import grading_banners
from kaohe_desktop.ui.quarterly.grading_model import GradingTableModel
from kaohe_desktop.ui.quarterly.grading_toolbar import QuarterlyActions
from kaohe_desktop.ui.quarterly.quarter_session import QuarterSession


class EditState(QObject):
    changed = Signal()  # who may type where changed: the toolbar must follow at once
    reopen_requested = Signal()  # 重新开放… on the banner

    def __init__(
        self,
        session: QuarterSession,
        model: GradingTableModel,
        toolbar: QuarterlyActions,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session, self.model, self.toolbar = session, model, toolbar
        self._parent = parent  # where 接管's confirmation sits
        self.state_banner = Banner("gradingStateBanner")
        self.lease_banner = Banner("gradingLeaseBanner")
        session.leases.changed.connect(self.update)
        session.leases.unavailable.connect(self._unavailable)

    def update(self) -> None:
        session = self.session
        refusal = session.refusal()
        self.model.set_edit_state(
            refusal is None and session.sheet is not None, session.leases.refused
        )
        self.changed.emit()  # before the banner asks whether 重新开放 is enabled
        if refusal is None:
            self.state_banner.clear()
        else:
            actions: list[BannerAction] = []
            if self.toolbar.reopen_quarter.isEnabled():
                actions.append((self.tr("Reopen…"), self.reopen_requested.emit, "bannerReopen"))
            read_only = session.source is not None and session.source.read_only
            self.state_banner.show_message(
                Tone.WARNING if read_only else Tone.INFO, refusal, actions
            )
        self._show_leases()

    def clear(self) -> None:
        self.state_banner.clear()
        self.lease_banner.clear()

    def _show_leases(self) -> None:
        session = self.session
        refused = session.leases.refused
        if not refused or session.sheet is None:
            self.lease_banner.clear()
            return
        actions: list[BannerAction] = [(self.tr("Try again"), self._retry, "retryLeases")]
        source = session.source
        if source is not None and source.may(Action.TAKE_OVER_LEASE):
            now = source.clock()
            stale = [
                department
                for department, error in session.leases.held_by_others.items()
                if error.info.state(now) is LeaseState.STALE
            ]
            if stale:
                actions.append(
                    (self.tr("Take over"), lambda: self._take_over(stale[0]), "takeOverLease")
                )
        text = grading_banners.lease_text(refused, dict(session.sheet.departments))
        self.lease_banner.show_message(Tone.WARNING, text, actions)

    def _retry(self) -> None:
        self.session.leases.forget_refusals()  # the next edit asks for the leases again

    def _take_over(self, department: int) -> None:
        if self.session.leases.take_over(self._parent, department):
            # The previous holder may have saved before going quiet.
            self.session.request_reload()

    def _unavailable(self, message: str) -> None:
        source = self.session.source
        if source is not None and not source.read_only:
            source.go_read_only(message)
        self.update()
