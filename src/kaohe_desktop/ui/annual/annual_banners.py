"""The sentences above the 年度考核 list: why the year cannot be changed here (closed —
by whom and when —, a read-only file, a role that may only look), that it is a draft
while quarters are open (naming them), and who works the year on another workstation.

Banners, not message boxes: each is a state that lasts while the clerk keeps reading
the list. 重新开放… sits on the closed year's banner for an administrator; 重试 and
接管 on the lease's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.ui.annual import annual_texts
from kaohe_desktop.ui.annual.annual_leases import WHOLE_YEAR
from kaohe_desktop.ui.annual.annual_session import AnnualSession
from kaohe_desktop.ui.editing.banner import Banner, BannerAction, Tone


class AnnualBanners(QObject):
    changed = Signal()  # who may change the year changed: the actions must follow
    reopen_requested = Signal()
    reload_requested = Signal()  # after taking a lease over: the holder may have saved

    def __init__(self, session: AnnualSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session, self._parent = session, parent
        self.state_banner = Banner("annualStateBanner")
        self.draft_banner = Banner("annualDraftBanner")
        self.lease_banner = Banner("annualLeaseBanner")
        self.may_reopen = False  # the tab says whether 重新开放… is offered now
        session.leases.changed.connect(self.update)
        session.leases.unavailable.connect(self._unavailable)

    def banners(self) -> list[Banner]:
        return [self.state_banner, self.draft_banner, self.lease_banner]

    def update(self) -> None:
        session, sheet = self.session, self.session.sheet
        refusal = session.refusal()
        read_only = session.source is not None and session.source.read_only
        if refusal is not None:
            actions: list[BannerAction] = []
            if self.may_reopen and sheet is not None and sheet.closed:
                actions.append((self.tr("Reopen…"), self.reopen_requested.emit, "bannerReopenYear"))
            self.state_banner.show_message(
                Tone.WARNING if read_only else Tone.INFO, refusal, actions
            )
        else:
            self.state_banner.clear()
        if sheet is not None and sheet.draft:
            self.draft_banner.show_message(Tone.WARNING, annual_texts.draft_text(sheet))
        else:
            self.draft_banner.clear()
        self._show_lease()
        self.changed.emit()

    def clear(self) -> None:
        for banner in self.banners():
            banner.clear()

    def _show_lease(self) -> None:
        refusal = self.session.leases.refusal
        if refusal is None or self.session.sheet is None:
            self.lease_banner.clear()
            return
        actions: list[BannerAction] = [(self.tr("Try again"), self._retry, "retryAnnualLease")]
        source = self.session.source
        if source is not None and source.may(Action.TAKE_OVER_LEASE):
            actions.append((self.tr("Take over"), self._take_over, "takeOverAnnualLease"))
        self.lease_banner.show_message(Tone.WARNING, refusal, actions)

    def _retry(self) -> None:
        self.session.leases.forget_refusals()  # the next decision asks for the lease again

    def _take_over(self) -> None:
        if self.session.leases.take_over(self._parent, WHOLE_YEAR):
            self.reload_requested.emit()

    def _unavailable(self, message: str) -> None:
        source = self.session.source
        if source is not None and not source.read_only:
            source.go_read_only(message)
        self.update()
