"""The quarter on screen in the 季度考核 tab: the services of the open file it uses, the
chosen quarter, the sheet last read and the edit leases held on it.

The tab owns one and lays out the widgets around it; the helpers beside the tab
(GradingEditing, EditState, GradingActions) read and change the quarter through the
session, never through the tab, so none of them needs to import the tab. A new sheet,
however it came (a load, a save, a dialog's change), is announced as `sheet_changed`
for the widgets to show. A helper that finds the screen out of date after a refusal
asks for a reload with `reload_requested`; the tab answers it, because a read that
fails shows the tab's empty page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.files.periods import PeriodService
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading
from kaohe_desktop.services.quarterly.ranking_export import RankingExport
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.quarterly import grading_banners
from kaohe_desktop.ui.quarterly.grading_leases import GradingLeases


class GradingSource(Access, Protocol):
    """What the quarter's screens use of the open file (a Workspace is one)."""

    @property
    def grading(self) -> QuarterlyGrading: ...

    @property
    def leases(self) -> LeaseService: ...

    @property
    def periods(self) -> PeriodService: ...

    @property
    def ranking(self) -> RankingExport: ...


class QuarterSession(QObject):
    sheet_changed = Signal(object)  # the new GradingSheet, to be shown
    reload_requested = Signal()  # the file may differ from the screen: read it again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source: GradingSource | None = None
        self.quarter: Quarter | None = None
        self.sheet: GradingSheet | None = None  # None until read, or after a failed read
        self.leases = GradingLeases(self)  # ours, one per department, taken on first edit

    # --- which quarter ------------------------------------------------------------
    def open(self, source: GradingSource, quarter: Quarter) -> None:
        """The file and quarter to show; another one gives every lease back."""
        self.source, self.quarter = source, quarter
        self.leases.target(source.leases, quarter)

    def clear(self) -> None:
        """No file, or it could not be read: nothing is shown and no lease is held."""
        self.leases.target(None, None)
        self.source, self.quarter, self.sheet = None, None, None

    # --- the sheet ----------------------------------------------------------------
    def load(self) -> GradingSheet:
        """Read the quarter's sheet and announce it (a StorageError is the caller's)."""
        assert self.source is not None and self.quarter is not None
        sheet = self.source.grading.sheet(self.quarter)
        self.leases.names = dict(sheet.departments)
        self.leases.recheck()  # a holder may have let go since the last read
        self.take(sheet)
        return sheet

    def take(self, sheet: GradingSheet) -> None:
        """A sheet the service returned (after a load or a change)."""
        self.sheet = sheet
        if sheet.closed:
            self.leases.release_all()  # nobody may edit a closed quarter: keep nothing
        self.sheet_changed.emit(sheet)

    def take_if_shown(self, sheet: GradingSheet) -> None:
        """A dialog's change: a dialog left open while the clerk chose another quarter
        reports late, and its sheet is not the one on screen."""
        if self.sheet is not None and sheet.quarter == self.sheet.quarter:
            self.take(sheet)

    def request_reload(self) -> None:
        self.reload_requested.emit()

    # --- who may change what ------------------------------------------------------
    def refusal(self) -> str | None:
        """Why nobody can type into this quarter here (None: the clerk may)."""
        if self.source is None or self.sheet is None:
            return None
        return grading_banners.edit_state_text(self.source, self.source.periods, self.sheet)

    def ensure_leases(self, rows: Iterable[GradingRow]) -> list[Lease]:
        """The leases of these rows' departments, taken now where not yet held. Raises
        LeaseHeldError (the department is then refused) or a storage error."""
        assert self.source is not None and self.sheet is not None
        departments = [row.department_id for row in rows]
        return self.leases.ensure(self.source.leases, self.sheet.quarter, departments)
