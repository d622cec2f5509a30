"""`kaohe-desktop` / `python -m kaohe_desktop`: the desktop program.

Which file opens: the one named on the command line (a data file, or a database on a
server named by postgresql+psycopg://账号@服务器:端口/数据库); with --demo the demo file
(generated in the per-user folder on first use); otherwise the most recent file;
and on first run the welcome dialog asks.

The window is imported after the arguments are read (`--version` and `--help` answer
at once) and shown before the file is opened; the first tab reads the file once the
account has signed in (ui/accounts/login_dialog.py checks the password on a worker).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from kaohe_desktop import __version__
from kaohe_desktop.app import enable_portable, resources_dir
from kaohe_desktop.cli_parser import ChineseArgumentParser, examples
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.files.sources import DataSource, parse_source
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.i18n import install_translators
from kaohe_desktop.ui.settings import APPLICATION, ORGANIZATION, Settings
from kaohe_desktop.ui.welcome import WelcomeChoice, WelcomeDialog

if TYPE_CHECKING:
    from kaohe_desktop.ui.main_window import MainWindow


def data_source(text: str) -> DataSource:
    """A data file's path, or a server database's address (never with a password)."""
    try:
        return parse_source(text)
    except StorageError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = ChineseArgumentParser(
        prog="kaohe-desktop",
        description="考核台账：岗位目标责任制与平时考核台账（桌面程序）",
        epilog=examples(
            ("打开一个数据文件", r"kaohe-desktop D:\考核\考核台账.kaohe"),
            ("打开演示数据", "kaohe-desktop --demo"),
            (
                "打开数据库服务器上的数据库",
                "kaohe-desktop postgresql+psycopg://kaohe_app@192.168.1.10:5432/kaohe",
            ),
        ),
    )
    parser.add_argument(
        "data_file",
        nargs="?",
        type=data_source,
        metavar="数据文件或服务器地址",
        help="要打开的数据文件（.kaohe），或数据库服务器上的数据库："
        "postgresql+psycopg://账号@服务器:端口/数据库（地址中不写密码，窗口会询问，"
        "或取 PGPASSWORD / pgpass）",
    )
    parser.add_argument(
        "--demo", action="store_true", help="打开演示数据（首次使用时在用户文件夹中生成）"
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help="便携模式：演示数据、设置、日志和默认备份文件夹都放在程序旁的“数据”文件夹"
        "（程序旁有 portable.ini 文件时自动如此）",
    )
    parser.add_argument(
        "--smoke",
        type=Path,
        metavar="截图.png",
        help="自检（供持续集成和安装后检查使用）：打开演示数据并以演示管理员登录，"
        "主窗口显示后截图到该文件并退出；成功时退出码为 0",
    )
    parser.add_argument(
        "--version", action="version", version=f"考核台账 {__version__}", help="显示程序版本并退出"
    )
    return parser.parse_args(list(argv))


def program_icon() -> QIcon:
    """The seal with 考 (resources/icons, drawn by devtools/make_icon.py), every size."""
    icon = QIcon()
    for path in sorted((resources_dir() / "icons").glob("kaohe-*.png")):
        icon.addFile(str(path))
    return icon


def start(window: MainWindow, arguments: argparse.Namespace) -> None:
    """Open what the command line or the settings say, else ask (first run)."""
    if arguments.demo:
        window.file_actions.open_demo_file()
        return
    if arguments.data_file is not None:
        window.file_actions.open_source(arguments.data_file)
        return
    recent = window.settings.recent_files
    if recent and (not isinstance(recent[0], Path) or recent[0].exists()):
        window.file_actions.open_source(recent[0])  # a server: its password is asked if needed
        return
    if recent:
        messages.warn(
            window,
            QCoreApplication.translate("Main", "Open data file"),
            QCoreApplication.translate(
                "Main",
                "The last data file was not found:\n{0}\nIs the network drive connected?",
            ).format(recent[0]),
        )
    welcome(window)


def welcome(window: MainWindow) -> WelcomeChoice | None:
    dialog = WelcomeDialog(window)
    dialog.exec()
    actions = window.file_actions
    if dialog.choice is WelcomeChoice.NEW:
        actions.new_data_file()
    elif dialog.choice is WelcomeChoice.OPEN:
        actions.choose_and_open()
    elif dialog.choice is WelcomeChoice.SERVER:
        actions.open_server()
    elif dialog.choice is WelcomeChoice.DEMO:
        actions.open_demo_file()
    return dialog.choice


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.portable:
        enable_portable()  # before Settings() and any path is asked for
    if arguments.smoke is not None:
        arguments.demo = True
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setWindowIcon(program_icon())
    settings = Settings()
    translators = install_translators(app, settings.language)
    from kaohe_desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    window.show()
    if arguments.smoke is not None:
        from kaohe_desktop.ui.smoke import SmokeRun

        SmokeRun(window, arguments.smoke)
    # After the event loop starts, so the window is painted behind any dialog.
    QTimer.singleShot(0, lambda: start(window, arguments))
    code = app.exec()
    del translators
    return code


if __name__ == "__main__":
    raise SystemExit(main())
