"""The sentences above the score table: why the half cannot be changed here, who enters
it on another workstation, and that no ledger task is due in it.

Banners, not message boxes: a closed half or a lease held elsewhere is a state that
lasts, and the clerk keeps reading the table while it is shown. 重新开放… sits on the
closed half's banner for an administrator; 重试 and 接管 on the lease's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.half_year_scoring import SourceKind
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.ui.editing.banner import Banner, BannerAction, Tone
from kaohe_desktop.ui.scoring.scoring_leases import WHOLE_HALF
from kaohe_desktop.ui.scoring.scoring_session import ScoringSession


def has_ledger(sheet: HalfYearSheet) -> bool:
    """Whether any ledger task is due in the half (a check source exists)."""
    return any(
        source.kind is SourceKind.CHECK for r in sheet.scoring.results for source in r.sources
    )


class ScoringBanners(QObject):
    changed = Signal()  # who may change the half changed: the actions must follow
    reopen_requested = Signal()
    reload_requested = Signal()  # after taking a lease over: the holder may have saved

    def __init__(self, session: ScoringSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session, self._parent = session, parent
        self.state_banner = Banner("scoringStateBanner")
        self.lease_banner = Banner("scoringLeaseBanner")
        self.may_reopen = False  # the tab says whether 重新开放… is offered now
        session.leases.changed.connect(self.update)
        session.leases.unavailable.connect(self._unavailable)

    def update(self) -> None:
        session = self.session
        refusal = session.refusal()
        read_only = session.source is not None and session.source.read_only
        if refusal is not None:
            actions: list[BannerAction] = []
            if self.may_reopen:
                actions.append((self.tr("Reopen…"), self.reopen_requested.emit, "bannerReopenHalf"))
            self.state_banner.show_message(
                Tone.WARNING if read_only else Tone.INFO, refusal, actions
            )
        elif session.sheet is not None and not has_ledger(session.sheet):
            self.state_banner.show_message(
                Tone.INFO,
                self.tr(
                    "No ledger task is due in {0}, so no check deducts anything and every "
                    "department keeps its full 业务工作. Build the year's ledger in the 台账 tab; "
                    "deductions, bonuses and vetoes can be entered here meanwhile."
                ).format(session.sheet.half.label()),
            )
        else:
            self.state_banner.clear()
        self._show_lease()
        self.changed.emit()

    def clear(self) -> None:
        self.state_banner.clear()
        self.lease_banner.clear()

    def _show_lease(self) -> None:
        refusal = self.session.leases.refusal
        if refusal is None or self.session.sheet is None:
            self.lease_banner.clear()
            return
        actions: list[BannerAction] = [(self.tr("Try again"), self._retry, "retryScoringLease")]
        source = self.session.source
        if source is not None and source.may(Action.TAKE_OVER_LEASE):
            actions.append((self.tr("Take over"), self._take_over, "takeOverScoringLease"))
        self.lease_banner.show_message(Tone.WARNING, refusal, actions)

    def _retry(self) -> None:
        self.session.leases.forget_refusals()  # the next entry asks for the lease again

    def _take_over(self) -> None:
        if self.session.leases.take_over(self._parent, WHOLE_HALF):
            self.reload_requested.emit()

    def _unavailable(self, message: str) -> None:
        source = self.session.source
        if source is not None and not source.read_only:
            source.go_read_only(message)
        self.update()
