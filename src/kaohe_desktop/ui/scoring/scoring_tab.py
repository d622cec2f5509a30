"""半年考核 tab: every department of one half on 1000 points, ranked and graded.

The tab lays out the half chooser (上半年 / 下半年 / 全年), the scheme line, the
toolbar, the banners, the score table with the drill-down of its current cell under
it, and beside them the chart of totals by group and the 待处理 list. The half
itself (the services, the sheet, the lease) is the ScoringSession's; the actions are
ScoringCommands'. It reads the half only while it is shown: a hidden tab marks
itself out of date and reads when the clerk turns to it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.enums import AdjustmentCategory, DepartmentGrade
from kaohe_desktop.domain.periods import HalfYear, Quarter
from kaohe_desktop.services.files.live import CHECKS, DEPARTMENTS, HALF_YEAR
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.editing.banner import Banner, BannerAction, Tone
from kaohe_desktop.ui.scoring.drill_down import DrillDownPanel
from kaohe_desktop.ui.scoring.pending_panel import PendingPanel
from kaohe_desktop.ui.scoring.scheme_line import SchemeLine
from kaohe_desktop.ui.scoring.score_chart import ScoreChart
from kaohe_desktop.ui.scoring.score_grid import ScoreGrid
from kaohe_desktop.ui.scoring.score_model import column_scope
from kaohe_desktop.ui.scoring.scoring_actions import ScoringActions, ScoringState
from kaohe_desktop.ui.scoring.scoring_banners import ScoringBanners
from kaohe_desktop.ui.scoring.scoring_commands import ScoringCommands
from kaohe_desktop.ui.scoring.scoring_session import ScoringSession
from kaohe_desktop.ui.scoring.year_view import YearView

WHOLE_YEAR = 0  # the chooser's 全年


def default_half(year: int, today: date) -> int:
    """The half of the current quarter this year; a past year's second, a coming one's first."""
    if year == today.year:
        return Quarter.containing(today).half.half
    return 2 if year < today.year else 1


class ScoringTab(DataTab):
    shows = DEPARTMENTS | CHECKS | HALF_YEAR  # what `_load` reads
    loads_when_shown = True  # it reads a whole period: only while shown

    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.session = ScoringSession(self)
        self.grid = ScoreGrid(self)
        self.departments, self.department_proxy = self.grid.model, self.grid.proxy
        self.department_table = self.grid.table
        self.half = QComboBox()
        self.half.setObjectName("halfCombo")
        self.half.addItem(self.tr("First half"), 1)
        self.half.addItem(self.tr("Second half"), 2)
        self.half.addItem(self.tr("Whole year"), WHOLE_YEAR)
        self.scheme = SchemeLine()
        self.drill = DrillDownPanel()
        self.chart = ScoreChart()
        self.pending = PendingPanel()
        self.year_view = YearView()
        self.banners = ScoringBanners(self.session, self)
        self.state_banner, self.lease_banner = self.banners.state_banner, self.banners.lease_banner
        self.filter_banner = Banner("scoringFilterBanner")
        self.count = QLabel()
        self.count.setObjectName("scoringCount")
        self.toolbar_actions = ScoringActions(self)
        self.commands = ScoringCommands(self.session, self, self.show_pending_only)
        self._chosen: int | None = None  # the clerk's half; None: follow the clock
        self._window: QWidget | None = None
        self._layout(content)
        self._connect()
        self.update_actions()

    # --- layout -------------------------------------------------------------------------
    def _layout(self, content: QWidget) -> None:
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("scoringSplitter")
        left.addWidget(self.department_table)
        left.addWidget(self.drill)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        left.setSizes([340, 300])  # the drill-down needs room: it is how a score is read
        scroll = QScrollArea()
        scroll.setObjectName("scoreChartArea")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(scroll)
        right.addWidget(self.pending)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)
        right.setSizes([470, 230])
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(left)
        sides.addWidget(right)
        sides.setStretchFactor(0, 4)
        sides.setStretchFactor(1, 1)
        sides.setSizes([1040, 360])
        sides.setChildrenCollapsible(False)
        self.half_page = half_page = QWidget()
        half_layout = QVBoxLayout(half_page)
        half_layout.setContentsMargins(0, 0, 0, 0)
        half_layout.addWidget(sides, 1)
        half_layout.addWidget(self.count)
        self.pages = QStackedWidget()
        self.pages.addWidget(half_page)
        self.pages.addWidget(self.year_view)
        layout = QVBoxLayout(content)
        layout.addWidget(self.scheme)
        for banner in (self.state_banner, self.lease_banner, self.filter_banner):
            layout.addWidget(banner)
        layout.addWidget(self.pages, 1)
        # The chooser and the toolbar sit above the empty page too, so another half
        # can be chosen when this one has nothing.
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)
        label = QLabel(self.tr("Half year:"))
        label.setBuddy(self.half)
        top.addWidget(label)
        top.addWidget(self.half)
        top.addSpacing(8)
        top.addWidget(self.toolbar_actions.make_toolbar(export=True), 1)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertLayout(0, top)

    def _connect(self) -> None:
        s, a, c = self.session, self.toolbar_actions, self.commands
        s.sheet_changed.connect(self.show_sheet)
        s.reload_requested.connect(self.reload)
        self.banners.changed.connect(self.update_actions)
        self.banners.reopen_requested.connect(c.reopen_half)
        self.banners.reload_requested.connect(self.reload)
        self.half.activated.connect(self._on_half_activated)
        self.grid.table.selectionModel().currentChanged.connect(lambda *_: self._on_current())
        self.drill.edit_requested.connect(c.edit)
        self.drill.delete_requested.connect(c.delete)
        self.pending.filter_toggled.connect(self._on_pending_filter)
        self.pending.department_chosen.connect(lambda d: self.grid.select(d))
        a.connect_slots(
            {
                a.add_points: lambda: c.add_points(*self._current_entry_target()),
                a.veto: lambda: c.add_veto(self._current_department()),
                a.decide: lambda: c.decide(self.grid.current_result()),
                a.close_half: c.close_half,
                a.reopen_half: c.reopen_half,
                a.export: self._export,
            }
        )
        self.grid.table.addActions([a.add_points, a.veto, a.decide])  # the context menu
        self.grid.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def set_workspace(self, workspace: Workspace | None, year: int | None) -> None:
        if workspace is not self.workspace:
            self.session.leases.release_all()  # the previous file's leases
            self._chosen = None
        self._watch_window()
        super().set_workspace(workspace, year)

    def current_half(self) -> HalfYear | None:
        number = int(self.half.currentData())
        return HalfYear(self.year, number) if self.year and number != WHOLE_YEAR else None

    def set_half(self, number: int) -> None:
        """Show the first (1) or second (2) half, or the whole year (0)."""
        self._chosen = number
        self.half.setCurrentIndex(self.half.findData(number))
        self.reload()

    def _on_half_activated(self, _index: int) -> None:
        self._chosen = int(self.half.currentData())
        self.reload()

    def recheck_leases(self) -> None:
        self.session.leases.recheck()

    def _load(self, workspace: Workspace, year: int) -> None:
        number = self._chosen
        if number is None:
            number = default_half(year, workspace.clock().date())
        self.half.setCurrentIndex(self.half.findData(number))
        if number == WHOLE_YEAR:
            self._load_year(workspace, year)
            return
        half = HalfYear(year, number)
        if self.session.half != half:
            self._forget_filter()
            self.drill.show_nothing()
        self.pages.setCurrentWidget(self.half_page)
        self.scheme.show()
        self.session.open(workspace, half)
        sheet = self.session.load()  # shown through sheet_changed
        self.show_rows_or_empty(bool(sheet.scoring.results), self._empty_text(half))

    def _load_year(self, workspace: Workspace, year: int) -> None:
        self.session.clear()
        self._clear_half()
        scores = workspace.scoring.year(year)
        self.year_view.set_scores(scores)
        self.pages.setCurrentWidget(self.year_view)
        self.scheme.hide()  # the year's note says how its total is made
        self.banners.clear()
        self.show_rows_or_empty(
            bool(scores.rows),
            self.tr(
                "There are no departments yet. Add them under Manage → Departments, or fill "
                "in the 科室 sheet of the template and import it with File → Import workbook."
            ),
        )
        self.update_actions()

    def _empty_text(self, half: HalfYear) -> str:
        return self.tr(
            "There are no departments to score in {0}. Add them under Manage → Departments, "
            "or fill in the 科室 sheet of the template (and the 加减分 sheet for {1}) and import "
            "it with File → Import workbook."
        ).format(half.label(), half)

    def _clear(self) -> None:
        self.session.clear()
        self._clear_half()
        self.year_view.set_scores(None)
        self.scheme.set_rules(None, frozen=False)
        self.banners.clear()
        self.update_actions()

    def _clear_half(self) -> None:
        self.grid.model.set_scoring(None)
        self.chart.set_scoring(None)
        self.pending.set_scoring(None)
        self.drill.show_nothing()
        self._forget_filter()
        self.count.clear()

    # --- a new sheet ----------------------------------------------------------------------
    def show_sheet(self, sheet: HalfYearSheet) -> None:
        """The session's new sheet, after a load or a save; the current cell stays."""
        current = self.grid.current_cell()
        self.grid.model.set_scoring(sheet.scoring)
        self.scheme.set_rules(sheet.rules, frozen=sheet.rules_frozen)
        self.chart.set_scoring(sheet.scoring)
        self.pending.set_scoring(sheet.scoring, closed=sheet.closed)
        if self.grid.filtered:
            self.grid.show_only(self.pending.departments())
            self._show_filter_banner()
        self.grid.restore(current)
        self._update_count(sheet)
        self.update_edit_state()
        self._on_current()

    def _update_count(self, sheet: HalfYearSheet) -> None:
        results = sheet.scoring.results
        grades = dict.fromkeys(DepartmentGrade, 0)
        for result in results:
            grades[result.grade] += 1
        by_grade = "，".join(f"{grade.label} {count}" for grade, count in grades.items() if count)
        self.count.setText(
            self.tr("{0} departments ({1}); shown: {2}").format(
                len(results), by_grade, self.grid.proxy.rowCount()
            )
        )

    def _on_current(self) -> None:
        result, sheet = self.grid.current_result(), self.session.sheet
        if result is None or sheet is None:
            self.drill.show_nothing()
        else:
            scope = column_scope(self.grid.current_column())
            editable = self.session.refusal() is None and self.session.leases.refusal is None
            self.drill.show_cell(result, scope, sheet, editable=editable)
        self.update_actions()

    def _current_department(self) -> int | None:
        result = self.grid.current_result()
        return result.department_id if result is not None else None

    def _current_entry_target(self) -> tuple[int | None, AdjustmentCategory | None]:
        scope = column_scope(self.grid.current_column())
        category = scope if isinstance(scope, AdjustmentCategory) else None
        return self._current_department(), category

    # --- 待处理 -----------------------------------------------------------------------------
    def show_pending_only(self) -> None:
        self.pending.only.setChecked(True)

    def _on_pending_filter(self, on: bool) -> None:
        self.grid.show_only(self.pending.departments() if on else None)
        if on:
            self._show_filter_banner()
        else:
            self.filter_banner.clear()
        if self.session.sheet is not None:
            self._update_count(self.session.sheet)

    def _show_filter_banner(self) -> None:
        actions: list[BannerAction] = [
            (self.tr("Show all"), lambda: self.pending.only.setChecked(False), "showAllScores")
        ]
        self.filter_banner.show_message(
            Tone.INFO,
            self.tr("Showing only the {0} departments the half waits on (待处理).").format(
                self.grid.proxy.rowCount()
            ),
            actions,
        )

    def _forget_filter(self) -> None:
        if self.pending.only.isChecked():
            self.pending.only.setChecked(False)
        self.grid.show_only(None)
        self.filter_banner.clear()

    # --- who may change what ----------------------------------------------------------------
    def update_edit_state(self) -> None:
        self.update_actions()  # first: the banner offers 重新开放… only when it is enabled
        self.banners.may_reopen = self.toolbar_actions.reopen_half.isEnabled()
        self.banners.update()

    def update_actions(self) -> None:
        year_page = int(self.half.currentData()) == WHOLE_YEAR
        self.toolbar_actions.update(
            ScoringState(
                access=self.workspace,
                sheet=None if year_page else self.session.sheet,
                result=self.grid.current_result(),
                lease_refusal=self.session.leases.refusal,
                year_page=year_page,
            )
        )

    def _export(self) -> None:
        workspace, year = self.workspace, self.year
        if workspace is None or year is None:
            return
        half = self.current_half()
        self.commands.export(workspace.score_export, half if half is not None else year)

    # --- the window closing: give the lease back before the file is closed ----------------
    def _watch_window(self) -> None:
        window = self.window()
        if window is not self and window is not self._window:
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.session.leases.release_all()
        return super().eventFilter(watched, event)
