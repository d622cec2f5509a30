"""季度考核 tab, 个人平时考核: the roster of one quarter of the chosen year, graded live.

The tab lays out the toolbar, the quarter chooser, the filters, the quota counter and
the grid, and shows each new GradingSheet keeping the current cell. The work lives
beside it: GridFilters, GradingEditing (keys, paste, saving scores), GradingLeases
(one edit lease per department), EditState (who may type where, and the banners
saying why not), GradingCommands → GradingActions (点评, 等次, closing, outputs).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import DepartmentFilter, make_table_view
from kaohe_desktop.ui.editing.banner import Banner
from kaohe_desktop.ui.quarterly import grading_banners
from kaohe_desktop.ui.quarterly import grading_model as cols
from kaohe_desktop.ui.quarterly.grade_chart import GradeChart
from kaohe_desktop.ui.quarterly.grading_commands import GradingCommands
from kaohe_desktop.ui.quarterly.grading_editing import GradingEditing
from kaohe_desktop.ui.quarterly.grading_filters import GradeFilter, GridFilters
from kaohe_desktop.ui.quarterly.grading_leases import GradingLeases
from kaohe_desktop.ui.quarterly.grading_model import GradingTableModel
from kaohe_desktop.ui.quarterly.grading_state import EditState
from kaohe_desktop.ui.quarterly.grading_toolbar import GradingState, QuarterlyActions
from kaohe_desktop.ui.quarterly.quota_bar import QuotaBar

_WIDTHS = {  # tuned on the demo at 1400 px so that every column shows without scrolling
    cols.CODE: 64,
    cols.NAME: 64,
    cols.DEPARTMENT: 120,
    cols.CATEGORY: 124,
    cols.PERFORMANCE: 90,
    cols.COMMENTS: 72,
    cols.LEADER: 110,
    cols.PERFORMANCE_TOTAL: 160,
    cols.COMPOSITE: 110,
    cols.GRADE: 72,
    cols.RANK: 48,
}
REFUSAL_COLOR = "#c62828"


class QuarterlyTab(DataTab):
    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.sheet: GradingSheet | None = None
        self.model = GradingTableModel(self)
        self.proxy = RowFilterProxy(self.model, (cols.CODE, cols.NAME, cols.DEPARTMENT), self)
        # Rows stay where they are while the clerk types: a scored person does not
        # jump away under a sort or out of the 未评分 filter until the filters change.
        self.proxy.setDynamicSortFilter(False)
        self.quarter = QComboBox()
        self.quarter.setObjectName("quarterCombo")
        for number, label in enumerate(
            (self.tr("Q1"), self.tr("Q2"), self.tr("Q3"), self.tr("Q4")), start=1
        ):
            self.quarter.addItem(label, number)
        self.filters = GridFilters(self.proxy, self)
        self.table = make_table_view(self.proxy, _WIDTHS, name="quarterlyTable")
        _make_spreadsheet(self.table)
        self.quota = QuotaBar()
        self.count = QLabel()
        self.count.setObjectName("quarterlyCount")
        self.status = QLabel()
        self.status.setObjectName("gradingStatus")
        self.status.setWordWrap(True)
        self.chart = GradeChart()
        self.chart.setMinimumWidth(320)
        self.chart.hide()
        self.actions = QuarterlyActions(self)
        self.leases = GradingLeases(self)
        self.edit_state = EditState(self)
        self.editing = GradingEditing(self)
        self.commands = GradingCommands(self)
        self.grading = self.commands.actions  # GradingActions: the dialogs, for tests too
        self._quarter_chosen = False  # until the clerk picks one, follow the data
        self._shown_for: tuple[Workspace | None, int | None] = (None, None)
        self._window: QWidget | None = None
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
        top.addWidget(self.actions.make_toolbar(), 1)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertLayout(0, top)

    def _connect(self) -> None:
        self.quarter.activated.connect(self._on_quarter_activated)
        self.filters.changed.connect(self._on_filter_changed)
        self.quota.resolve_requested.connect(self.show_flagged)
        self.grading.changed.connect(self._on_changed)
        self.grading.show_only.connect(self._show_blockers)
        self.table.selectionModel().currentChanged.connect(lambda *_: self.update_actions())
        self.actions.chart.toggled.connect(self._show_chart)
        a = self.actions
        self.table.addActions([a.comments, a.adjust_grade, a.not_graded])  # the context menu

    # --- the workspace, year and quarter --------------------------------------------
    def current_quarter(self) -> Quarter | None:
        return Quarter(self.year, int(self.quarter.currentData())) if self.year else None

    def set_quarter(self, number: int) -> None:
        self._quarter_chosen = True
        self.quarter.setCurrentIndex(self.quarter.findData(number))
        self.filters.forget_only()
        self.reload()

    def set_workspace(self, workspace: Workspace | None, year: int | None) -> None:
        if workspace is not self.workspace:
            self.leases.release_all()  # the previous file's leases
        self._watch_window()
        super().set_workspace(workspace, year)

    def _load(self, workspace: Workspace, year: int) -> None:
        if not self._quarter_chosen and self._shown_for != (workspace, year):
            self.quarter.setCurrentIndex(self.quarter.findData(default_quarter(workspace, year)))
        self._shown_for = (workspace, year)
        quarter = Quarter(year, int(self.quarter.currentData()))
        if self.sheet is not None and self.sheet.quarter != quarter:
            self.filters.forget_only()
        self.leases.target(workspace, quarter)
        sheet = workspace.grading.sheet(quarter)
        self.leases.names = dict(sheet.departments)
        self.leases.recheck()
        self.show_sheet(sheet)
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
        self.leases.target(None, None)
        self.sheet = None
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
        """The service's sheet after a load or a change; the current cell stays."""
        current = self._current_cell()
        self.sheet = sheet
        if sheet.closed:
            self.leases.release_all()
        self.model.set_sheet(sheet)
        self.quota.set_sheet(sheet)
        if self.actions.chart.isChecked():
            self.chart.set_sheet(sheet)
        self.filters.set_choices((name for _id, name in sheet.departments), sheet.categories)
        self.edit_state.update()
        self._update_count()
        if current is not None:
            self.select_cell(*current)
        elif sheet.rows and not self.table.currentIndex().isValid():
            # A spreadsheet always has a current cell: typing can start at once.
            self.table.setCurrentIndex(self.proxy.index(0, cols.PERFORMANCE))

    def _on_changed(self, sheet: GradingSheet) -> None:
        # A dialog left open while the clerk chose another quarter reports late: ignore it.
        if self.sheet is not None and sheet.quarter == self.sheet.quarter:
            self.show_sheet(sheet)

    def _current_cell(self) -> tuple[int, int] | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.model.rowCount() == 0:
            return None
        return self.proxy.row_object(index).person_id, index.column()

    def select_cell(self, person_id: int, column: int) -> bool:
        source_row = self.model.row_of(person_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, column))
        if not index.isValid():
            return False
        if index != self.table.currentIndex():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def current_row(self) -> GradingRow | None:
        index = self.table.currentIndex()
        return self.proxy.row_object(index) if index.isValid() else None

    def edit_refusal(self) -> str | None:
        return self.edit_state.refusal()

    def update_actions(self) -> None:
        row = self.current_row() if self.sheet is not None else None
        locked = self.model.lock_reason(row) if row is not None else None
        self.actions.update(GradingState(self.workspace, self.sheet, row, locked))

    # --- refusals and notes under the grid ---------------------------------------------
    def show_refusal(self, text: str) -> None:
        self.status.setStyleSheet(f"color: {REFUSAL_COLOR};")
        self.status.setText(text)

    def show_note(self, text: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(text)

    def clear_refusal(self) -> None:
        self.status.clear()

    # --- filters ------------------------------------------------------------------------
    def _on_filter_changed(self) -> None:
        self._update_count()
        self.update_actions()

    def show_flagged(self) -> None:
        """处理…: only the flagged people, and what the clerk can do about them."""
        if self.sheet is not None:
            flagged = [r.person_id for r in self.sheet.rows if r.flag is not None]
            self.filters.show_only(flagged, grading_banners.flags_text(self.sheet))

    def _show_blockers(self, person_ids: list[int]) -> None:
        self.filters.show_only(
            person_ids,
            self.tr(
                "Showing the {0} people who keep the quarter from closing: enter their "
                "missing scores, or settle their flags."
            ).format(len(person_ids)),
        )

    def _update_count(self) -> None:
        rows = self.model.rows()
        shown = self.proxy.rowCount()
        unscored = sum(1 for r in rows if r.awaiting_score)
        not_graded = sum(1 for r in rows if r.no_grade_reason is not None)
        good = sum(1 for r in rows if r.grade is QuarterGrade.GOOD and not r.no_grade_reason)
        text = self.tr("{0} people, {1} not yet scored, {2} not graded, {3} 好").format(
            len(rows), unscored, not_graded, good
        )
        if shown != len(rows):
            text = self.tr("{0} of {1} shown").format(shown, len(rows)) + " · " + text
        self.count.setText(text)

    def _show_chart(self, shown: bool) -> None:
        self.chart.setVisible(shown)
        if shown:
            self.chart.set_sheet(self.sheet)

    # --- the window closing: give the leases back before the file is closed -----------
    def _watch_window(self) -> None:
        # The main window closes the workspace in its closeEvent; a filter on the window
        # sees the Close event first, while the file can still be written.
        window = self.window()
        if window is not self and window is not self._window:
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.leases.release_all()
        return super().eventFilter(watched, event)


def _make_spreadsheet(table: QAbstractItemView) -> None:
    """Cells, not rows: a current cell, a rectangle to paste into, typing starts editing."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)


def default_quarter(workspace: Workspace, year: int, today: date | None = None) -> int:
    """The quarter a clerk opening `year` most likely grades: the latest begun quarter
    with scores entered (the next one if that is closed and the next has begun), else
    the latest quarter that has ended, else the first."""
    today = today or date.today()
    begun = [n for n in (4, 3, 2, 1) if Quarter(year, n).start <= today]
    for number in begun:
        sheet = workspace.grading.sheet(Quarter(year, number))
        if any(r.assessment_id is not None for r in sheet.rows):
            if sheet.closed and number < 4 and Quarter(year, number + 1).start <= today:
                return number + 1
            return number
    ended = [n for n in begun if Quarter(year, n).end < today]
    return ended[0] if ended else 1
