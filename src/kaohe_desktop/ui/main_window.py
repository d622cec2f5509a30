"""The main window: composes the tabs, the menus, the toolbar and the status bar.

It owns the open Workspace and the chosen year and hands both to the tabs; all
file work lives in FileActions / ExchangeActions, all table work in the tabs.

Start-up builds the 台账 tab, the one the clerk sees first; the others are made when
turned to, asked for, or in the idle moments after the first data is on screen
(ui/lazy_tabs.py), so the window shows its data without importing their modules first.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QToolBar, QWidget

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.files.live import ChangeSet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.admin_actions import AdminActions
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.toolbar import named_action
from kaohe_desktop.ui.common.year_selector import YearSelector
from kaohe_desktop.ui.exchange_actions import ExchangeActions
from kaohe_desktop.ui.file_actions import FileActions
from kaohe_desktop.ui.lazy_tabs import LazyTabs
from kaohe_desktop.ui.ledger.ledger_tab import LedgerTab
from kaohe_desktop.ui.live_refresh import LiveRefresh
from kaohe_desktop.ui.menus import MenuItems, RecentFilesMenu, build_menus
from kaohe_desktop.ui.settings import Settings
from kaohe_desktop.ui.settings_dialog import SettingsDialog
from kaohe_desktop.ui.status_line import StatusLine
from kaohe_desktop.ui.workers import Job

if TYPE_CHECKING:  # made when needed (LazyTabs): imported there
    from kaohe_desktop.ui.annual.annual_tab import AnnualTab
    from kaohe_desktop.ui.archive.archive_tab import ArchiveTab
    from kaohe_desktop.ui.checks.checks_tab import ChecksTab
    from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab
    from kaohe_desktop.ui.scoring.scoring_tab import ScoringTab

DEFAULT_SIZE = (1400, 860)
translate = QCoreApplication.translate
# What the year choices are read from (services/org/summary.py): a period has data once
# one of these has a row in it, so only rows added or removed change the choices.
YEAR_TABLES = frozenset({"ledger_task", "quarterly_assessment", "adjustment"})


class MainWindow(QMainWindow):
    workspace_changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.workspace: Workspace | None = None
        self.is_demo = False
        self.recent_menu: RecentFilesMenu | None = None
        self._bureau = ""

        self.file_actions = FileActions(self)
        self.exchange_actions = ExchangeActions(self)
        self.admin_actions = AdminActions(self)
        self.live = LiveRefresh(self)
        self.live.changed.connect(self._on_live_change)
        self.live.lost.connect(self._file_lost)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setObjectName("action_settings")
        self.settings_action.triggered.connect(lambda _checked=False: self.show_settings())
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setObjectName("action_refresh")
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.setToolTip(self.tr("Read the data file again (F5)"))
        self.refresh_action.triggered.connect(lambda _checked=False: self.refresh())
        # 管理 → 查账设置…: the 查账 tab's dialog, offered before that tab is made (its
        # words are the tab's own).
        self.check_settings_action = named_action(
            self, translate("ChecksTab", "Chec&k settings…"), "checkSettings"
        )
        self.check_settings_action.triggered.connect(
            lambda _checked=False: self.checks_tab.edit_settings()
        )

        self._guidance = guidance = Guidance(
            no_file=(
                self.file_actions.new_file,
                self.file_actions.open_file,
                self.file_actions.open_server_action,
            ),
            no_data=(self.exchange_actions.import_book, self.exchange_actions.template),
        )
        self.ledger_tab = LedgerTab(guidance)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.ledger_tab, self.tr("Ledger"))
        self._lazy = LazyTabs(self.tabs, self._adopt)
        self._lazy.add("checks", self.tr("Checks"), self._make_checks)
        self._lazy.add("quarterly", self.tr("Quarterly assessment"), self._make_quarterly)
        self._lazy.add("scoring", self.tr("Half-year scoring"), self._make_scoring)
        self._lazy.add("annual", self.tr("Annual assessment"), self._make_annual)
        self._lazy.add("archive", self.tr("Personnel archive"), self._make_archive)
        self.setCentralWidget(self.tabs)

        self.year_selector = YearSelector()
        toolbar = QToolBar(self.tr("Year"))
        toolbar.setObjectName("yearToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.year_selector)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.status_line = StatusLine()
        self.setStatusBar(self.status_line)
        self.recent_menu = build_menus(
            self,
            MenuItems(
                files=self.file_actions,
                exchange=self.exchange_actions,
                admin=self.admin_actions,
                settings=settings,
                settings_action=self.settings_action,
                wall_charts=self.ledger_tab.toolbar_actions.wall_charts,
                check_settings=self.check_settings_action,
                workspace=lambda: self.workspace,
            ),
        )

        self.year_selector.year_changed.connect(self._on_year_changed)
        # An import or a copy forward may bring a new year: read the years again, and
        # show the year the clerk just copied into.
        self.ledger_tab.data_changed.connect(self.refresh)
        self.ledger_tab.year_requested.connect(self.set_year)
        self.resize(*DEFAULT_SIZE)
        if settings.window_geometry is not None:
            self.restoreGeometry(settings.window_geometry)
        if settings.window_state is not None:
            self.restoreState(settings.window_state)
        self.set_workspace(None)

    # --- the tabs ---------------------------------------------------------------
    @property
    def checks_tab(self) -> ChecksTab:
        return cast("ChecksTab", self._lazy.tab("checks"))

    @property
    def quarterly_tab(self) -> QuarterlyTab:
        return cast("QuarterlyTab", self._lazy.tab("quarterly"))

    @property
    def scoring_tab(self) -> ScoringTab:
        return cast("ScoringTab", self._lazy.tab("scoring"))

    @property
    def annual_tab(self) -> AnnualTab:
        return cast("AnnualTab", self._lazy.tab("annual"))

    @property
    def archive_tab(self) -> ArchiveTab:
        return cast("ArchiveTab", self._lazy.tab("archive"))

    def data_tabs(self) -> list[DataTab]:
        """Every tab, made now if it was not yet."""
        return [
            self.ledger_tab,
            self.checks_tab,
            self.quarterly_tab,
            self.scoring_tab,
            self.annual_tab,
            self.archive_tab,
        ]

    def made_tabs(self) -> list[DataTab]:
        """The tabs made so far: the ones to tell of a new file, year or change (a tab
        made later is given the file and year then)."""
        return [self.ledger_tab, *self._lazy.built()]

    def _make_checks(self) -> DataTab:
        from kaohe_desktop.ui.checks.checks_tab import ChecksTab

        return ChecksTab(self._guidance)

    def _make_quarterly(self) -> DataTab:
        from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab

        return QuarterlyTab(self._guidance)

    def _make_scoring(self) -> DataTab:
        from kaohe_desktop.ui.scoring.scoring_tab import ScoringTab

        return ScoringTab(self._guidance)

    def _make_annual(self) -> DataTab:
        from kaohe_desktop.ui.annual.annual_tab import AnnualTab

        return AnnualTab(self._guidance)

    def _make_archive(self) -> DataTab:
        from kaohe_desktop.ui.archive.archive_tab import ArchiveTab

        tab = ArchiveTab(self._guidance)
        tab.edit_person_requested.connect(self.admin_actions.edit_person)
        tab.overdue_changed.connect(self.status_line.show_overdue)
        return tab

    def _adopt(self, tab: DataTab) -> None:
        """A tab made after start-up, now in the window: the file and year shown."""
        workspace = self.workspace
        self._update_editable()
        tab.set_workspace(workspace, self.year_selector.year() if workspace else None)

    # --- the open file --------------------------------------------------------
    def set_workspace(self, workspace: Workspace | None, *, demo: bool = False) -> None:
        """Show `workspace` (closing the previous one); None shows the no-file state."""
        previous = self.workspace
        self.workspace = workspace
        self.is_demo = demo and workspace is not None
        if previous is not None and previous is not workspace:
            for tab in self.made_tabs():
                tab.before_file_closes()
            previous.close()
        if workspace is not None and not demo:
            # The demo stays out of the recent list, so a restart never opens it by itself.
            self.settings.add_recent_file(workspace.server or workspace.path)
            if self.recent_menu is not None:
                self.recent_menu.rebuild()
        for warning in workspace.warnings if workspace else []:
            self.statusBar().showMessage(warning, 15_000)
        self._update_actions()
        self.live.watch(workspace)
        self.refresh()
        self.workspace_changed.emit()
        if workspace is not None:
            self._lazy.build_soon()  # the other tabs, once this one's data is on screen

    def _update_actions(self) -> None:
        workspace = self.workspace
        self.file_actions.update_enabled(workspace)
        self.exchange_actions.update_enabled(workspace)
        self.admin_actions.update_enabled(workspace)
        may_settings = workspace is not None and workspace.may(Action.EDIT_SCHEME)
        self.check_settings_action.setEnabled(may_settings)
        self.check_settings_action.setToolTip(
            "" if may_settings or workspace is None
            else translate("ChecksTab", "Only an administrator can change the check settings")
        )  # fmt: skip
        self._update_editable()
        self.ledger_tab.update_actions()
        self.refresh_action.setEnabled(workspace is not None)
        self.status_line.show_workspace(workspace, demo=self.is_demo)

    def _update_editable(self) -> None:
        archive = self._lazy.made("archive")
        if archive is not None:
            workspace = self.workspace
            editable = workspace is not None and workspace.may(Action.ENTER_DATA)
            cast("ArchiveTab", archive).set_editable(editable)

    def _file_lost(self, reason: str) -> None:
        """The data file went away or was replaced: stop writing, keep what is on screen."""
        if self.workspace is None:
            return
        self.workspace.go_read_only(reason)
        self._update_actions()
        self._update_title(self._bureau)
        title = self.tr("Database server") if self.workspace.server else self.tr("Data file")
        messages.warn(self, title, reason)

    def refresh(self) -> None:
        """Read everything again: the years that have data, then every tab."""
        workspace = self.workspace
        if workspace is None:
            self.year_selector.set_years([], date.today().year)
            self.setWindowTitle(self.tr("Kaohe ledger"))
            for tab in self.made_tabs():
                tab.set_workspace(None, None)
            return
        try:
            summary = workspace.bureau.summary()
            years, bureau = summary.years, summary.bureau_name
        except StorageError as error:
            # The share went away: say so once; the tabs then show why they are empty.
            messages.show_error(self, self.tr("Refresh"), error)
            years, bureau = (), ""
        offered = _offered_years(years)
        year = self._initial_year(offered, years)
        self.year_selector.set_years(offered, year)
        self._update_title(bureau)
        for tab in self.made_tabs():
            tab.set_workspace(workspace, year)
        self.status_line.mark_refreshed()

    def _on_live_change(self, change: ChangeSet) -> None:
        """Another workstation committed: only the tabs showing what it touched read
        again (hidden ones when shown); the years and title only if what they are read
        from changed. This program's own saves never get here (LiveRefresh)."""
        workspace = self.workspace
        if workspace is None:
            return
        if change.touches({"bureau"}) or not change.added_or_removed.isdisjoint(YEAR_TABLES):
            try:
                summary = workspace.bureau.summary()
            except StorageError:
                return  # the share went away: the next poll tells, or the next save
            offered = _offered_years(summary.years)
            if self._initial_year(offered, summary.years) != self.year_selector.year():
                self.refresh()  # the year shown has gone: show another, every tab
                return
            self.year_selector.set_years(offered, self._initial_year(offered, summary.years))
            self._update_title(summary.bureau_name)
        for tab in self.made_tabs():
            tab.changed_elsewhere(change)
        if change.touches(None):
            self.status_line.mark_refreshed()

    def _initial_year(self, offered: tuple[int, ...], years: tuple[int, ...]) -> int:
        shown = self.year_selector.year()
        last = self.settings.last_year
        for candidate in (shown, last):
            if candidate is not None and candidate in offered:
                return candidate
        return years[0] if years else date.today().year

    def _update_title(self, bureau: str) -> None:
        assert self.workspace is not None
        self._bureau = bureau
        parts = [bureau, self.workspace.name, self.tr("Kaohe ledger")]
        title = " — ".join(part for part in parts if part)
        if self.is_demo:
            title = self.tr("[Demo data]") + " " + title
        if self.workspace.read_only:
            title += " " + self.tr("[Read-only]")
        self.setWindowTitle(title)

    def current_year(self) -> int | None:
        return self.year_selector.year()

    def set_year(self, year: int) -> None:
        self.year_selector.set_year(year)

    def _on_year_changed(self, year: int) -> None:
        self.settings.last_year = year
        for tab in self.made_tabs():
            tab.set_year(year)
        self.status_line.mark_refreshed()

    # --- dialogs and closing --------------------------------------------------
    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.settings, self.workspace, self)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        self.live.stop()
        for dialog in list(self.admin_actions.open_dialogs):
            dialog.close()  # editors release their leases as they close
        for job in Job.running():
            # Cancelling rolls the service's transaction back; wait so the file is left clean.
            job.reporter.cancel()
            job.wait()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        super().closeEvent(event)


def _offered_years(years: tuple[int, ...]) -> tuple[int, ...]:
    """The years with data, this year, and the year after the latest: in December or
    January the clerk builds the next year's ledger before it has any data."""
    extra = {date.today().year}
    if years:
        extra.add(max(years) + 1)
    return tuple(sorted({*years, *extra}, reverse=True))
