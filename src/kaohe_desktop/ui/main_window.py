"""The main window: composes the tabs, the menus, the toolbar and the status bar.

It owns the open Workspace and the chosen year and hands both to the tabs; all
file work lives in FileActions / ExchangeActions, all table work in the tabs.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QToolBar, QWidget

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.admin_actions import AdminActions
from kaohe_desktop.ui.annual.annual_tab import AnnualTab
from kaohe_desktop.ui.archive.archive_tab import ArchiveTab
from kaohe_desktop.ui.checks.checks_tab import ChecksTab
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.year_selector import YearSelector
from kaohe_desktop.ui.exchange_actions import ExchangeActions
from kaohe_desktop.ui.file_actions import FileActions
from kaohe_desktop.ui.ledger.ledger_tab import LedgerTab
from kaohe_desktop.ui.live_refresh import LiveRefresh
from kaohe_desktop.ui.menus import MenuItems, RecentFilesMenu, build_menus
from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab
from kaohe_desktop.ui.scoring.scoring_tab import ScoringTab
from kaohe_desktop.ui.settings import Settings
from kaohe_desktop.ui.settings_dialog import SettingsDialog
from kaohe_desktop.ui.status_line import StatusLine
from kaohe_desktop.ui.workers import Job

DEFAULT_SIZE = (1400, 860)


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
        self.live.changed.connect(self.refresh)
        self.live.lost.connect(self._file_lost)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setObjectName("action_settings")
        self.settings_action.triggered.connect(lambda _checked=False: self.show_settings())
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setObjectName("action_refresh")
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.setToolTip(self.tr("Read the data file again (F5)"))
        self.refresh_action.triggered.connect(lambda _checked=False: self.refresh())

        guidance = Guidance(
            no_file=(self.file_actions.new_file, self.file_actions.open_file),
            no_data=(self.exchange_actions.import_book, self.exchange_actions.template),
        )
        self.ledger_tab = LedgerTab(guidance)
        self.checks_tab = ChecksTab(guidance)
        self.quarterly_tab = QuarterlyTab(guidance)
        self.scoring_tab = ScoringTab(guidance)
        self.annual_tab = AnnualTab(guidance)
        self.archive_tab = ArchiveTab(guidance)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.ledger_tab, self.tr("Ledger"))
        self.tabs.addTab(self.checks_tab, self.tr("Checks"))
        self.tabs.addTab(self.quarterly_tab, self.tr("Quarterly assessment"))
        self.tabs.addTab(self.scoring_tab, self.tr("Half-year scoring"))
        self.tabs.addTab(self.annual_tab, self.tr("Annual assessment"))
        self.tabs.addTab(self.archive_tab, self.tr("Personnel archive"))
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
                check_settings=self.checks_tab.settings_action,
                workspace=lambda: self.workspace,
            ),
        )

        self.year_selector.year_changed.connect(self._on_year_changed)
        self.archive_tab.edit_person_requested.connect(self.admin_actions.edit_person)
        self.archive_tab.overdue_changed.connect(self.status_line.show_overdue)
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

    # --- the open file --------------------------------------------------------
    def data_tabs(self) -> list[DataTab]:
        return [
            self.ledger_tab,
            self.checks_tab,
            self.quarterly_tab,
            self.scoring_tab,
            self.annual_tab,
            self.archive_tab,
        ]

    def set_workspace(self, workspace: Workspace | None, *, demo: bool = False) -> None:
        """Show `workspace` (closing the previous one); None shows the no-file state."""
        previous = self.workspace
        self.workspace = workspace
        self.is_demo = demo and workspace is not None
        if previous is not None and previous is not workspace:
            previous.close()
        if workspace is not None and not demo:
            # The demo stays out of the recent list, so a restart never opens it by itself.
            self.settings.add_recent_file(workspace.path)
            if self.recent_menu is not None:
                self.recent_menu.rebuild()
        for warning in workspace.warnings if workspace else []:
            self.statusBar().showMessage(warning, 15_000)
        self._update_actions()
        self.live.watch(workspace)
        self.refresh()
        self.workspace_changed.emit()

    def _update_actions(self) -> None:
        workspace = self.workspace
        self.file_actions.update_enabled(workspace)
        self.exchange_actions.update_enabled(workspace)
        self.admin_actions.update_enabled(workspace)
        self.archive_tab.set_editable(workspace is not None and workspace.may(Action.ENTER_DATA))
        self.ledger_tab.update_actions()
        self.refresh_action.setEnabled(workspace is not None)
        self.status_line.show_workspace(workspace, demo=self.is_demo)

    def _file_lost(self, reason: str) -> None:
        """The data file went away or was replaced: stop writing, keep what is on screen."""
        if self.workspace is None:
            return
        self.workspace.go_read_only(reason)
        self._update_actions()
        self._update_title(self._bureau)
        messages.warn(self, self.tr("Data file"), reason)

    def refresh(self) -> None:
        """Read everything again: the years that have data, then every tab."""
        workspace = self.workspace
        if workspace is None:
            self.year_selector.set_years([], date.today().year)
            self.setWindowTitle(self.tr("Kaohe ledger"))
            for tab in self.data_tabs():
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
        for tab in self.data_tabs():
            tab.set_workspace(workspace, year)
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
        parts = [bureau, self.workspace.path.name, self.tr("Kaohe ledger")]
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
        for tab in self.data_tabs():
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
