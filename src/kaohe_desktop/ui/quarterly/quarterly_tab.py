"""季度考核 tab, 个人平时考核: the roster of one quarter of the chosen year, graded live.

The tab lays out the toolbar, the quarter chooser, the filters, the quota counter and
the grid, and shows each GradingSheet its QuarterSession announces. The quarter itself
(the services, the sheet, the leases held) is the session's, and the work lives beside
the tab, on the session: GradingGrid (the table and its current cell), GridFilters,
GradingEditing (keys, paste, saving scores), EditState (who may type where, and the
banners saying why not), GradingActions (点评, 等次, closing, outputs).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.files.live import GRADING, PEOPLE
from kaohe_desktop.services.quarterly.views import GradingSheet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.widgets import DepartmentFilter
from kaohe_desktop.ui.editing.banner import Banner
from kaohe_desktop.ui.editing.window_close import ReleaseOnWindowClose
from kaohe_desktop.ui.quarterly import grading_banners
from kaohe_desktop.ui.quarterly.grade_chart import GradeChart
from kaohe_desktop.ui.quarterly.grading_actions import GradingActions
from kaohe_desktop.ui.quarterly.grading_editing import GradingEditing
from kaohe_desktop.ui.quarterly.grading_filters import GradeFilter, GridFilters
from kaohe_desktop.ui.quarterly.grading_grid import GradingGrid, GridNote, count_text
from kaohe_desktop.ui.quarterly.grading_state import EditState
from kaohe_desktop.ui.quarterly.grading_toolbar import GradingState, QuarterlyActions
from kaohe_desktop.ui.quarterly.long_lived import keep_long_lived
from kaohe_desktop.ui.quarterly.quarter_read_ahead import QuarterReadAhead
from kaohe_desktop.ui.quarterly.quarter_session import QuarterSession
from kaohe_desktop.ui.quarterly.quota_bar import QuotaBar


class QuarterlyTab(DataTab):
    shows = PEOPLE | GRADING  # what `_load` reads
    loads_when_shown = True  # it grades a whole quarter: only while shown

    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.session = QuarterSession(self)
        self.grid = GradingGrid(self)
        self.model, self.proxy, self.table = self.grid.model, self.grid.proxy, self.grid.table
        self.quarter = QComboBox()
        self.quarter.setObjectName("quarterCombo")
        for number, label in enumerate(
            (self.tr("Q1"), self.tr("Q2"), self.tr("Q3"), self.tr("Q4")), start=1
        ):
            self.quarter.addItem(label, number)
        self.filters = GridFilters(self.proxy, self)
        self.quota = QuotaBar()
        self.count = QLabel()
        self.count.setObjectName("quarterlyCount")
        self.status = GridNote()
        self.chart = GradeChart()
        self.chart.setMinimumWidth(320)
        self.chart.hide()
        # Not `actions`: that would hide QWidget.actions().
        self.toolbar_actions = QuarterlyActions(self)
        self.edit_state = EditState(self.session, self.model, self.toolbar_actions, self)
        self.editing = GradingEditing(self.session, self.grid, self.status, self)
        self.commands = GradingActions(
            self.session, self.grid, self.editing, self.toolbar_actions, self
        )
        self._quarter_chosen = False  # until the clerk picks one, follow the data
        self._shown_for: tuple[Workspace | None, int | None] = (None, None)
        self.read_ahead = QuarterReadAhead(self)
        self._close_watch = ReleaseOnWindowClose(self, self._window_closing)
        self._layout(content)
        self._connect()
        self.update_actions()

    # The widgets tests and the window reach by name.
    @property
    def search(self) -> QLineEdit:
        return self.filters.search

    @property
    def department(self) -> DepartmentFilter:
        return self.filters.department

    @property
    def grade(self) -> GradeFilter:
        return self.filters.grade

    @property
    def filter_banner(self) -> Banner:
        return self.filters.banner

    @property
    def state_banner(self) -> Banner:
        return self.edit_state.state_banner

    @property
    def lease_banner(self) -> Banner:
        return self.edit_state.lease_banner

    def _layout(self, content: QWidget) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("gradingSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(content)
        layout.addLayout(self.filters.make_bar())
        for widget in (self.state_banner, self.lease_banner, self.filter_banner, self.quota):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)  # below the grid, where a clerk looks after scrolling
        # The toolbar and the quarter sit above the empty page too, so another quarter
        # can be chosen when this one has nobody on its roster.
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)
        quarter_label = QLabel(self.tr("Quarter:"))
        quarter_label.setBuddy(self.quarter)
        top.addWidget(quarter_label)
        top.addWidget(self.quarter)
        top.addSpacing(8)
        top.addWidget(self.toolbar_actions.make_toolbar(), 1)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertLayout(0, top)

    def _connect(self) -> None:
        self.session.sheet_changed.connect(self.show_sheet)
        self.session.reload_requested.connect(self.reload)
        self.edit_state.changed.connect(self.update_actions)
        self.edit_state.reopen_requested.connect(self.commands.reopen_quarter)
        self.quarter.activated.connect(self._on_quarter_activated)
        self.filters.changed.connect(self._on_filter_changed)
        self.quota.resolve_requested.connect(self.show_flagged)
        self.commands.show_only.connect(self._show_blockers)
        self.table.selectionModel().currentChanged.connect(lambda *_: self.update_actions())
        a = self.toolbar_actions
        a.chart.toggled.connect(self._show_chart)
        self.table.addActions([a.comments, a.adjust_grade, a.not_graded])  # the context menu

    # --- the workspace, year and quarter --------------------------------------------
    def current_quarter(self) -> Quarter | None:
        return Quarter(self.year, int(self.quarter.currentData())) if self.year else None

    def set_quarter(self, number: int) -> None:
        self._quarter_chosen = True
        self.quarter.setCurrentIndex(self.quarter.findData(number))
        self.filters.forget_only()
        self.reload()

    def before_file_closes(self) -> None:
        self.read_ahead.stop()

    def _window_closing(self) -> None:
        self.read_ahead.stop()  # before the window closes the file
        self.session.leases.release_all()

    def set_workspace(self, workspace: Workspace | None, year: int | None) -> None:
        if workspace is not self.workspace:
            self.read_ahead.stop()  # no read of the file shown so far outlives it
        if workspace is not self.workspace:
            self.session.leases.release_all()  # the previous file's leases
        self._close_watch.watch()
        super().set_workspace(workspace, year)

    def recheck_leases(self) -> None:
        self.session.leases.recheck()

    def _load(self, workspace: Workspace, year: int) -> None:
        if not self._quarter_chosen and self._shown_for != (workspace, year):
            number = workspace.grading.default_quarter(year).quarter
            self.quarter.setCurrentIndex(self.quarter.findData(number))
        self._shown_for = (workspace, year)
        quarter = Quarter(year, int(self.quarter.currentData()))
        shown = self.session.sheet
        if shown is not None and shown.quarter != quarter:
            self.filters.forget_only()
        self.session.open(workspace, quarter)
        sheet = self.session.load()  # shown through sheet_changed
        self.show_rows_or_empty(
            bool(sheet.rows),
            self.tr(
                "Nobody is on the roster of {0}: the roster is everyone assigned to a "
                "department during the quarter. Import the 人员 sheet (and, if you have them, "
                "the 平时考核 scores, period {1}) of the template with File → "
                "Import workbook."
            ).format(quarter.label(), quarter),
        )

    def _clear(self) -> None:
        self.session.clear()
        self.model.set_sheet(None)
        self.quota.set_sheet(None)
        self.chart.set_sheet(None)
        self.filters.set_choices([], [])
        self.filters.forget_only()
        self.edit_state.clear()
        self._update_count()
        self.update_actions()

    def _on_quarter_activated(self, _index: int) -> None:
        self._quarter_chosen = True
        self.filters.forget_only()
        self.reload()

    # --- a new sheet -----------------------------------------------------------------
    def show_sheet(self, sheet: GradingSheet) -> None:
        """The session's new sheet, after a load or a change; the current cell stays."""
        current = self.grid.current_cell()
        shown = self.model.sheet
        self.model.set_sheet(sheet)  # only the rows a save changed, nothing if the same
        self.quota.set_sheet(sheet)
        if self.toolbar_actions.chart.isChecked():
            self.chart.set_sheet(sheet)
        if shown is None or (shown.departments, shown.categories) != (
            sheet.departments,
            sheet.categories,
        ):  # 455 departments at county scale: not refilled on every save
            self.filters.set_choices((name for _id, name in sheet.departments), sheet.categories)
        self.edit_state.update()
        self._update_count()
        self.grid.restore(current, sheet)
        if sheet is not shown and sheet.changes is None:
            keep_long_lived(len(sheet.rows))  # not walked by every later collection
            self._read_others_ahead(sheet.quarter)

    def _read_others_ahead(self, shown: Quarter) -> None:
        """The year's other begun quarters, nearest first, then the year before's, read
        while the clerk reads (QuarterReadAhead)."""
        workspace = self.workspace
        if workspace is None:
            return
        today = workspace.clock().date()
        others = sorted(
            (q for q in (Quarter(shown.year, n) for n in range(1, 5)) if q != shown),
            key=lambda q: abs(q.quarter - shown.quarter),
        )
        begun = [q for q in others if q.start <= today]
        self.read_ahead.schedule(workspace.grading, begun, shown.year - 1)

    def update_actions(self) -> None:
        sheet = self.session.sheet
        row = self.grid.current_row() if sheet is not None else None
        locked = self.model.lock_reason(row) if row is not None else None
        self.toolbar_actions.update(GradingState(self.workspace, sheet, row, locked))

    # --- filters ------------------------------------------------------------------------
    def _on_filter_changed(self) -> None:
        self._update_count()
        self.update_actions()

    def show_flagged(self) -> None:
        """处理…: only the flagged people, and what the clerk can do about them."""
        sheet = self.session.sheet
        if sheet is not None:
            flagged = [r.person_id for r in sheet.rows if r.flag is not None]
            self.filters.show_only(flagged, grading_banners.flags_text(sheet))

    def _show_blockers(self, person_ids: list[int]) -> None:
        self.filters.show_only(
            person_ids,
            self.tr(
                "Showing the {0} people who keep the quarter from closing: enter their "
                "missing scores, or settle their flags."
            ).format(len(person_ids)),
        )

    def _update_count(self) -> None:
        # The counts are the sheet's, not a recount of the model's rows.
        self.count.setText(count_text(self.session.sheet, self.proxy.rowCount()))

    def _show_chart(self, shown: bool) -> None:
        self.chart.setVisible(shown)
        if shown:
            self.chart.set_sheet(self.session.sheet)
