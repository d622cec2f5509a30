"""The menu bar: 文件, 管理 and 帮助, over the actions of FileActions, ExchangeActions and
AdminActions.

The menus are given the window's parts (MenuItems), not the window: the window module
imports this one, so importing it back would close a circle.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from kaohe_desktop import __version__
from kaohe_desktop.services.files.sources import DataSource, ServerAddress
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.admin_actions import AdminActions
from kaohe_desktop.ui.exchange_actions import ExchangeActions
from kaohe_desktop.ui.file_actions import FileActions
from kaohe_desktop.ui.settings import Settings

translate = QCoreApplication.translate


@dataclass(frozen=True)
class MenuItems:
    """What the menu bar offers, from the main window's parts."""

    files: FileActions
    exchange: ExchangeActions
    admin: AdminActions
    settings: Settings
    settings_action: QAction
    wall_charts: QAction  # the 台账 tab's own: enabled, and explained when not, by the tab
    check_settings: QAction  # 查账设置…, the 查账 tab's own (管理员)
    workspace: Callable[[], Workspace | None]  # the file open now, for 关于


class RecentFilesMenu(QMenu):
    """Rebuilt each time it opens, so it always matches the settings."""

    def __init__(
        self, parent: QWidget, settings: Settings, open_path: Callable[[DataSource], object]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recentMenu")
        self.setTitle(self.tr("Open &recent"))
        self._open_path = open_path
        self._settings = settings
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        recent = self._settings.recent_files
        for number, path in enumerate(recent, start=1):
            if isinstance(path, ServerAddress):
                # 账号@服务器:端口/数据库; the password comes from the keyring or is asked.
                action = self.addAction(f"&{number} {path.display}")
                action.setData(path.url)
                action.setToolTip(self.tr("Database on a server"))
            else:
                action = self.addAction(f"&{number} {path}")
                action.setData(str(path))
            if isinstance(path, Path) and not path.exists():
                # A share that is not mounted yet looks like a missing file; say which.
                action.setEnabled(False)
                action.setToolTip(self.tr("Not found (is the network drive connected?)"))
            action.triggered.connect(lambda _checked=False, p=path: self._open_path(p))
        if not recent:
            empty = self.addAction(self.tr("(no recent files)"))
            empty.setEnabled(False)
        self.addSeparator()
        clear = self.addAction(self.tr("Clear list"))
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self._clear)

    def _clear(self) -> None:
        self._settings.clear_recent_files()
        self.rebuild()


def build_menus(window: QMainWindow, items: MenuItems) -> RecentFilesMenu:
    """The menu bar of `window`; the recent files menu is returned, to rebuild it."""
    files, exchange = items.files, items.exchange
    file_menu = window.menuBar().addMenu(translate("Menus", "&File"))
    file_menu.setObjectName("fileMenu")
    file_menu.addAction(files.new_file)
    file_menu.addAction(files.open_file)
    file_menu.addAction(files.open_server_action)
    recent_menu = RecentFilesMenu(window, items.settings, files.open_source)
    file_menu.addMenu(recent_menu)
    file_menu.addAction(files.open_demo)
    file_menu.addSeparator()
    file_menu.addAction(exchange.import_book)
    file_menu.addAction(exchange.export_book)
    file_menu.addAction(exchange.template)
    file_menu.addSeparator()
    file_menu.addAction(items.wall_charts)
    file_menu.addSeparator()
    file_menu.addAction(files.backup)
    file_menu.addAction(files.check)
    file_menu.addSeparator()
    file_menu.addAction(items.admin.switch_account)
    file_menu.addAction(items.settings_action)
    file_menu.addSeparator()
    quit_action = QAction(translate("Menus", "E&xit"), window)
    quit_action.setObjectName("action_quit")
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)
    # Tooltips in menus show why an item is disabled (a read-only file).
    file_menu.setToolTipsVisible(True)

    admin = items.admin
    manage_menu = window.menuBar().addMenu(translate("Menus", "&Manage"))
    manage_menu.setObjectName("manageMenu")
    manage_menu.addAction(admin.departments)
    manage_menu.addAction(admin.categories)
    manage_menu.addAction(admin.periods)
    manage_menu.addAction(admin.schemes)
    manage_menu.addAction(items.check_settings)
    manage_menu.addSeparator()
    manage_menu.addAction(admin.backups)
    manage_menu.addSeparator()
    manage_menu.addAction(admin.accounts)
    manage_menu.addAction(admin.audit_log)
    manage_menu.addSeparator()
    manage_menu.addAction(admin.migrate)
    manage_menu.addSeparator()
    manage_menu.addAction(admin.password)
    manage_menu.setToolTipsVisible(True)

    help_menu = window.menuBar().addMenu(translate("Menus", "&Help"))
    help_menu.setObjectName("helpMenu")
    about = QAction(translate("Menus", "&About"), window)
    about.setObjectName("action_about")
    about.triggered.connect(lambda _checked=False: show_about(window, items.workspace()))
    help_menu.addAction(about)
    return recent_menu


def about_text(workspace: Workspace | None) -> str:
    if workspace is None:
        file_line = translate("Menus", "No data file open")
    else:
        where = (
            translate("Menus", "Server database: {0}")
            if workspace.server is not None
            else translate("Menus", "Data file: {0}")
        )
        file_line = where.format(html.escape(workspace.location))
        file_line += "<br>" + translate("Menus", "Data file schema version: {0}").format(
            workspace.schema_version
        )
    return "<br>".join(
        [
            "<h3>" + translate("Menus", "Kaohe ledger") + f" {__version__}</h3>",
            translate(
                "Menus",
                "Post responsibility ledger, quarterly and half-year assessments, "
                "one archive per person.",
            ),
            file_line,
            translate("Menus", "Program folder: {0}").format(
                html.escape(str(Path(__file__).parents[1]))
            ),
            "",
            translate(
                "Menus",
                "For use inside the bureau. Built with PySide6 (Qt, LGPL v3), SQLAlchemy and "
                "openpyxl (MIT), reportlab (BSD); their licences come with the program.",
            ),
        ]
    )


def show_about(parent: QWidget, workspace: Workspace | None) -> None:
    QMessageBox.about(parent, translate("Menus", "About"), about_text(workspace))
