"""The year on screen in the 年度考核 tab: the services of the open file it uses, the
sheet last read and the edit lease held on it.

The tab owns one and lays out the widgets around it; the helpers beside the tab (the
commands, the close, the outputs) read and change the year through the session, never
through the tab. A new sheet, however it came (a load, a recommendation, a dialog's
save), is announced as `sheet_changed`; a helper that finds the screen out of date
after a refusal asks for a reload with `reload_requested`, which the tab answers.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.archive.annual import AnnualService
from kaohe_desktop.services.archive.annual_export import AnnualExport
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.services.files.periods import PeriodService
from kaohe_desktop.ui.annual import annual_texts
from kaohe_desktop.ui.annual.annual_leases import AnnualLeases
from kaohe_desktop.ui.common.access import Access


class AnnualSource(Access, Protocol):
    """What the year's screens use of the open file (a Workspace is one)."""

    @property
    def annual(self) -> AnnualService: ...

    @property
    def annual_export(self) -> AnnualExport: ...

    @property
    def leases(self) -> LeaseService: ...

    @property
    def periods(self) -> PeriodService: ...


class AnnualSession(QObject):
    sheet_changed = Signal(object)  # the new AnnualSheetView, to be shown
    reload_requested = Signal()  # the file may differ from the screen: read it again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source: AnnualSource | None = None
        self.year: int | None = None
        self.sheet: AnnualSheetView | None = None  # None until read, or after a failed read
        self.leases = AnnualLeases(self)  # the year's, taken at the first write
        # The refusal of the sheet on screen: a closed year's names who closed it, read
        # from the period history once per sheet, not at every change of selection.
        self._refusal_of: tuple[AnnualSheetView, bool, bool] | None = None
        self._refusal: str | None = None

    # --- which year -------------------------------------------------------------------
    def open(self, source: AnnualSource, year: int) -> None:
        """The file and year to show; another one gives the lease back."""
        if source is not self.source or year != self.year:
            self.sheet = None
        self.source, self.year = source, year
        annual = source.annual
        self.leases.target(source.leases, year, lambda: annual.acquire_lease(year))

    def clear(self) -> None:
        self.leases.target(None, None)
        self.source, self.year, self.sheet = None, None, None

    # --- the sheet --------------------------------------------------------------------
    def load(self) -> AnnualSheetView:
        """Read the year and announce it (a StorageError is the caller's)."""
        assert self.source is not None and self.year is not None
        sheet = self.source.annual.sheet(self.year)
        self.leases.recheck()  # a holder may have let go since the last read
        self.take(sheet)
        return sheet

    def take(self, sheet: AnnualSheetView) -> None:
        self.sheet = sheet
        if sheet.closed:
            self.leases.release_all()  # nothing more to decide: let others see it is free
        self.sheet_changed.emit(sheet)

    def take_if_shown(self, sheet: AnnualSheetView) -> None:
        """A dialog's save: one left open while the clerk chose another year reports
        late, and its sheet is not the one on screen."""
        if self.sheet is not None and sheet.year == self.sheet.year:
            self.take(sheet)

    def request_reload(self) -> None:
        self.reload_requested.emit()

    def row(self, person_id: int) -> AnnualRowView | None:
        if self.sheet is None:
            return None
        return next((r for r in self.sheet.rows if r.person_id == person_id), None)

    # --- who may change what ------------------------------------------------------------
    def refusal(self) -> str | None:
        """Why nothing of this year can be changed here (None: the clerk may)."""
        source, sheet = self.source, self.sheet
        if source is None or sheet is None:
            return None
        read_only, may = source.read_only, source.may(Action.ENTER_DATA)
        cached = self._refusal_of
        if cached is None or cached[0] is not sheet or cached[1:] != (read_only, may):
            self._refusal = annual_texts.edit_refusal(source, source.periods, sheet)
            self._refusal_of = (sheet, read_only, may)
        return self._refusal

    def ensure_lease(self) -> list[Lease]:
        """The year's lease, taken now if not yet held (LeaseHeldError: someone else works
        the year; the refusal is then shown in the tab's banner)."""
        return self.leases.ensure()
