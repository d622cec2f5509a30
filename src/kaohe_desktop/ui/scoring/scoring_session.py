"""The half on screen in the 半年考核 tab: the services of the open file it uses, the
chosen half, the sheet last read and the edit lease held on it.

The tab owns one and lays out the widgets around it; the helpers beside the tab (the
commands, the close) read and change the half through the session, never through
the tab. A new sheet, however it came (a load, a dialog's save), is announced as
`sheet_changed`; a helper that finds the screen out of date after a refusal asks for
a reload with `reload_requested`, which the tab answers.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.files.periods import PeriodService
from kaohe_desktop.services.scoring.half_year_scoring import HalfYearScoringService
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.periods import period_closing
from kaohe_desktop.ui.periods.period_closing import ClosingTarget
from kaohe_desktop.ui.scoring.scoring_leases import ScoringLeases

translate = QCoreApplication.translate


class ScoringSource(Access, Protocol):
    """What the half's screens use of the open file (a Workspace is one)."""

    @property
    def scoring(self) -> HalfYearScoringService: ...

    @property
    def leases(self) -> LeaseService: ...

    @property
    def periods(self) -> PeriodService: ...


class ScoringSession(QObject):
    sheet_changed = Signal(object)  # the new HalfYearSheet, to be shown
    reload_requested = Signal()  # the file may differ from the screen: read it again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source: ScoringSource | None = None
        self.half: HalfYear | None = None
        self.sheet: HalfYearSheet | None = None  # None until read, or after a failed read
        self.leases = ScoringLeases(self)  # the half's, taken at the first write

    # --- which half -----------------------------------------------------------------
    def open(self, source: ScoringSource, half: HalfYear) -> None:
        """The file and half to show; another one gives the lease back."""
        self.source, self.half = source, half
        scoring = source.scoring
        self.leases.target(source.leases, half, lambda: scoring.acquire_lease(half))

    def clear(self) -> None:
        self.leases.target(None, None)
        self.source, self.half, self.sheet = None, None, None

    # --- the sheet --------------------------------------------------------------------
    def load(self) -> HalfYearSheet:
        """Read the half and announce it (a StorageError is the caller's)."""
        assert self.source is not None and self.half is not None
        sheet = self.source.scoring.sheet(self.half)
        self.leases.recheck()  # a holder may have let go since the last read
        self.take(sheet)
        return sheet

    def take(self, sheet: HalfYearSheet) -> None:
        self.sheet = sheet
        if sheet.closed:
            self.leases.release_all()  # nothing more to enter: let others see it is free
        self.sheet_changed.emit(sheet)

    def take_if_shown(self, sheet: HalfYearSheet) -> None:
        """A dialog's save: one left open while the clerk chose another half reports
        late, and its sheet is not the one on screen."""
        if self.sheet is not None and sheet.half == self.sheet.half:
            self.take(sheet)

    def request_reload(self) -> None:
        self.reload_requested.emit()

    def departments(self) -> list[tuple[int, str]]:
        """(id, name) of the half's departments, in the bureau's order."""
        if self.sheet is None:
            return []
        return [(r.department_id, r.name) for r in self.sheet.scoring.results]

    # --- who may change what ------------------------------------------------------------
    def refusal(self) -> str | None:
        """Why no entry of this half can be changed here (None: the clerk may)."""
        source, sheet = self.source, self.sheet
        if source is None or sheet is None:
            return None
        if sheet.closed:
            return closed_text(source, source.periods, sheet.half)
        if source.read_only:
            return translate(
                "ScoringSession", "Nothing can be entered: the data file is open read-only ({0})."
            ).format(source.read_only_reason or "")
        if not source.may(Action.ENTER_DATA):
            return translate(
                "ScoringSession",
                "Your role ({0}) may view the half-year scores but not change them.",
            ).format(source.actor.role.label)
        return None

    def ensure_lease(self) -> list[Lease]:
        """The half's lease, taken now if not yet held (LeaseHeldError: someone else
        enters the half; the refusal is then shown in the tab's banner)."""
        return self.leases.ensure()


def closed_text(access: Access, periods: PeriodService, half: HalfYear) -> str:
    """本半年已关闭（谁、何时）, or which longer period locks it."""
    return period_closing.closed_text(
        access,
        periods,
        ClosingTarget(str(half), half.year, half.label(), closed=True),
        closed=translate("ScoringSession", "{0} is closed: the scores are read-only."),
        closed_by=translate(
            "ScoringSession", "{0} was closed by {1} on {2}: the scores are stored and read-only."
        ),
    )
