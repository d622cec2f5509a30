"""查账 tab: every task × responsible department due in one period, checked at three levels.

Its own tab rather than a page of 季度考核: it lists tasks × departments over quarters
and months (平时考核 lists people per quarter), it is worked by other people (the
督查科室 and the leaders, besides the personnel office) and it has its own toolbar
(督办单, 通报, 抽查).

The tab lays out the period and level choosers, the toolbar, the filters, the
逾期未录 line, the grid and the panel of the current row; the work lives beside it on
the CheckSession: DueEditing (keys and saving), CheckCommands (the toolbar), the
EvidencePanel. It reads the period only while it is shown: a hidden tab marks itself
out of date and reads when the clerk turns to it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.checks.views import DueCheckRow, DueList
from kaohe_desktop.services.errors import PermissionDeniedError, StorageError
from kaohe_desktop.services.files.live import CHECKS, DEPARTMENTS
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.checks import checks_texts
from kaohe_desktop.ui.checks.check_commands import CheckCommands
from kaohe_desktop.ui.checks.check_session import CheckSession
from kaohe_desktop.ui.checks.check_settings_dialog import CheckSettingsDialog
from kaohe_desktop.ui.checks.checks_filters import CheckFilters
from kaohe_desktop.ui.checks.checks_toolbar import ChecksActions, ChecksState
from kaohe_desktop.ui.checks.due_editing import DueEditing
from kaohe_desktop.ui.checks.due_grid import DueGrid
from kaohe_desktop.ui.checks.evidence_panel import EvidencePanel
from kaohe_desktop.ui.checks.period_bar import LevelChooser, PeriodChooser, default_period
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.toolbar import named_action
from kaohe_desktop.ui.editing.banner import Banner, Tone
from kaohe_desktop.ui.editing.window_close import ReleaseOnWindowClose
from kaohe_desktop.ui.quarterly.grading_banners import lease_text
from kaohe_desktop.ui.quarterly.grading_grid import GridNote


class ChecksTab(DataTab):
    shows = DEPARTMENTS | CHECKS  # what `_load` reads
    loads_when_shown = True  # it reads a whole period: only while shown

    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.session = CheckSession(self)
        self.grid = DueGrid(self)
        self.model, self.proxy, self.table = self.grid.model, self.grid.proxy, self.grid.table
        self.period = PeriodChooser()
        self.level = LevelChooser()
        self.filters = CheckFilters(self.proxy, self)
        self.note = GridNote()
        self.count = QLabel()
        self.count.setObjectName("checksCount")
        self.overdue = QLabel()
        self.overdue.setObjectName("overdueByDepartment")
        self.overdue.setWordWrap(True)
        self.overdue.setStyleSheet("color: #c62828;")
        self.state_banner = Banner("checksStateBanner")
        self.lease_banner = Banner("checksLeaseBanner")
        self.panel = EvidencePanel(self.session)
        self.panel.setMinimumHeight(150)
        self.toolbar_actions = ChecksActions(self)
        self.editing = DueEditing(self.session, self.table, self.proxy, self.model, self.note, self)
        self.commands = CheckCommands(self.session, self.editing, self)
        # 管理 → 查账设置…: the menu shows it; the tab knows the file and who may use it.
        self.settings_action = named_action(self, self.tr("Chec&k settings…"), "checkSettings")
        self.settings_action.triggered.connect(lambda _checked=False: self.edit_settings())
        self._chosen: CheckPeriod | None = None  # the clerk's choice; None: follow the clock
        self._close_watch = ReleaseOnWindowClose(self, lambda: self.session.leases.release_all())
        self._layout(content)
        self._connect()
        self.update_actions()

    def _layout(self, content: QWidget) -> None:
        # The panel of the current row goes under the grid: its 15 columns need the
        # window's width, and the panel's three parts read well side by side.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("checksSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([560, 200])
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.note, 1)
        layout = QVBoxLayout(content)
        layout.addLayout(self.filters.make_bar())
        for widget in (self.state_banner, self.lease_banner, self.overdue):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        # The choosers and the toolbar sit above the empty page too, so another period
        # can be chosen when this one has nothing due.
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)
        for caption, combo in ((self.tr("Period:"), self.period), (self.tr("Level:"), self.level)):
            label = QLabel(caption)
            label.setBuddy(combo)
            top.addWidget(label)
            top.addWidget(combo)
            top.addSpacing(8)
        top.addWidget(self.toolbar_actions.make_toolbar(), 1)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertLayout(0, top)

    def _connect(self) -> None:
        s, a, c = self.session, self.toolbar_actions, self.commands
        s.due_changed.connect(self.show_due)
        s.rows_changed.connect(self.show_rows)
        s.reload_requested.connect(self.reload)
        s.leases.changed.connect(self.update_edit_state)
        s.leases.unavailable.connect(self._unavailable)
        self.period.period_chosen.connect(self.choose_period)
        self.level.level_chosen.connect(self._on_level)
        self.filters.changed.connect(self._on_filter_changed)
        self.panel.open_notices.connect(lambda number: c.show_notices(number))
        selection = self.table.selectionModel()
        selection.currentChanged.connect(lambda *_: self._on_current_changed())
        selection.selectionChanged.connect(lambda *_: self.update_actions())
        a.connect_slots(
            {
                a.copy_forward: lambda: c.copy_forward(self._filtered_departments()),
                a.confirm_drafts: lambda: c.confirm_drafts(self.grid.shown_rows()),
                a.set_status: c.set_status,
                a.issue_notice: c.issue_notice,
                a.notices: c.show_notices,
                a.sample: c.spot_check,
                a.bulletin: c.print_bulletin,
                a.regenerate: c.regenerate_bulletin,
            }
        )
        self.table.addActions([a.set_status, a.issue_notice])  # the context menu

    def set_workspace(self, workspace: Workspace | None, year: int | None) -> None:
        if workspace is not self.workspace:
            self.session.leases.release_all()  # the previous file's leases
            self.commands.close_dialogs()
            self._chosen = None
        self._close_watch.watch()
        super().set_workspace(workspace, year)

    def recheck_leases(self) -> None:
        self.session.leases.recheck()

    def _load(self, workspace: Workspace, year: int) -> None:
        chosen = self._chosen
        if chosen is None or chosen.year != year:
            chosen = self._same_in(year) if chosen is not None else None
        period = chosen or default_period(year, workspace.clock().date())
        self.period.set_period(period)
        if self.session.period != period:
            self.note.clear()
        self.session.open(workspace, period)
        due = self.session.load()  # shown through due_changed
        self.commands.read_bulletin()
        # The empty page's text reads the year's whole task list: only when it is shown.
        empty = "" if due.rows else self._empty_text(workspace, period)
        self.show_rows_or_empty(bool(due.rows), empty)
        self.update_actions()

    def _same_in(self, year: int) -> CheckPeriod:
        """The same quarter or month of another year (the year selector moved)."""
        chosen = self._chosen
        if isinstance(chosen, Quarter):
            return Quarter(year, chosen.quarter)
        assert isinstance(chosen, Month)
        return Month(year, chosen.month)

    def _empty_text(self, workspace: Workspace, period: CheckPeriod) -> str:
        tasks = workspace.ledger.tasks(period.year)
        return checks_texts.empty_text(period, tasks)

    def _clear(self) -> None:
        self.session.clear()
        self.model.set_due_rows([])
        self.filters.set_departments([])
        self.panel.show_row(None)
        self.state_banner.clear()
        self.lease_banner.clear()
        self.overdue.clear()
        self.count.clear()
        self.commands.bulletin = None
        self.update_actions()

    def choose_period(self, period: CheckPeriod) -> None:
        """The clerk chose a period (the year follows the main window's)."""
        self._chosen = period
        self.reload()

    def current_period(self) -> CheckPeriod | None:
        return self.session.period

    def _on_level(self, level: CheckLevel) -> None:
        before = self.model.status_column
        self.session.level = level
        self.model.set_level(level)
        current = self.table.currentIndex()
        if current.isValid() and current.column() == before:
            # Typing goes on in the same row, at the level now entered.
            self.table.setCurrentIndex(self.proxy.index(current.row(), self.model.status_column))
        self.filters.set_entry_level(level)
        self.update_edit_state()

    # --- a new due list, or fresh rows -----------------------------------------------
    def show_due(self, due: DueList) -> None:
        current = self.grid.current_cell()
        source = self.session.source
        if source is not None:
            self.level.set_levels(self.session.levels, due.settings.supervision_department)
        self.model.set_due_rows(due.rows)
        self.filters.set_departments(self._departments(due))
        self.grid.restore(current, self.model.status_column)
        self._show_totals(due)
        self.update_edit_state()
        self._on_current_changed()

    def show_rows(self, rows: list[DueCheckRow]) -> None:
        self.model.update_rows(rows)
        if self.session.due is not None:
            self._show_totals(self.session.due)
        current = self.grid.current_row()
        if current is not None and any(row.key == current.key for row in rows):
            self.panel.show_row(current)
        self.update_actions()

    def _departments(self, due: DueList) -> list[str]:
        source = self.session.source
        names = list(dict.fromkeys(row.department for row in due.rows))
        try:
            order = (
                {name: n for n, name in enumerate(source.ledger.departments())} if source else {}
            )
        except (StorageError, PermissionDeniedError):  # a nicety: the rows' order will do
            order = {}
        return sorted(names, key=lambda name: order.get(name, len(order)))

    def _show_totals(self, due: DueList) -> None:
        self.overdue.setText(checks_texts.overdue_text(due))
        self.overdue.setVisible(bool(due.overdue_by_department))
        self.count.setText(checks_texts.count_text(due, self.proxy.rowCount()))

    def _on_filter_changed(self) -> None:
        if self.session.due is not None:
            self.count.setText(checks_texts.count_text(self.session.due, self.proxy.rowCount()))
        self.update_actions()

    def _on_current_changed(self) -> None:
        self.panel.show_row(self.grid.current_row())
        self.update_actions()

    def _filtered_departments(self) -> list[int] | None:
        name = self.filters.department.department()
        due = self.session.due
        if name is None or due is None:
            return None
        return sorted({row.department_id for row in due.rows if row.department == name})

    # --- who may type where -----------------------------------------------------------
    def update_edit_state(self) -> None:
        session = self.session
        refusal = session.refusal()
        self.model.set_edit_state(
            refusal is None and session.due is not None, session.leases.refused
        )
        read_only = session.source is not None and session.source.read_only
        if refusal is None or session.due is None:
            self.state_banner.clear()
        else:
            self.state_banner.show_message(Tone.WARNING if read_only else Tone.INFO, refusal)
        self._show_leases()
        self.panel.update_buttons()
        self.update_actions()

    def _show_leases(self) -> None:
        session = self.session
        refused = session.leases.refused
        if not refused or session.due is None:
            self.lease_banner.clear()
            return
        actions = [(self.tr("Try again"), session.leases.forget_refusals, "retryCheckLeases")]
        source = session.source
        if source is not None and source.may(Action.TAKE_OVER_LEASE):
            stale = checks_texts.stale_holders(session.leases.held_by_others, source.clock())
            if stale:
                actions.append(
                    (self.tr("Take over"), lambda: self._take_over(stale[0]), "takeOverCheckLease")
                )
        self.lease_banner.show_message(
            Tone.WARNING, lease_text(refused, dict(session.leases.names)), actions
        )

    def _take_over(self, department: int) -> None:
        if self.session.leases.take_over(self, department):
            self.reload()  # the previous holder may have saved before going quiet

    def _unavailable(self, message: str) -> None:
        source = self.session.source
        if source is not None and not source.read_only:
            source.go_read_only(message)
        self.update_edit_state()

    def update_actions(self) -> None:
        workspace = self.workspace
        may_settings = workspace is not None and workspace.may(Action.EDIT_SCHEME)
        self.settings_action.setEnabled(may_settings)
        self.settings_action.setToolTip(
            "" if may_settings or workspace is None
            else self.tr("Only an administrator can change the check settings")
        )  # fmt: skip
        session = self.session
        levels = session.levels
        self.toolbar_actions.update(
            ChecksState(
                access=session.source,
                due=session.due,
                refusal=session.refusal(),
                level=session.level,
                default_level=levels[0] if levels else None,
                selected=self.editing.selected_rows() if session.due is not None else [],
                bulletin=self.commands.bulletin,
            )
        )

    def edit_settings(self) -> CheckSettingsDialog | None:
        if self.workspace is None:
            return None
        return self.commands.edit_settings(self.workspace)
