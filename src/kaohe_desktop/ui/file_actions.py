"""The 文件 menu's data-file actions: new, open (a data file or a database on a
server), recent, demo, backup, check.

Opening and creating run on a worker: on a network share even a quick_check can
take seconds, and the window must stay painted meanwhile.

A server database is opened with the server account's password: the one remembered
in the OS keyring if any, else PGPASSWORD / pgpass, else the 连接数据库服务器 dialog
asks (and asks again, with the server's reason, when the password is refused; a
refused remembered password is forgotten).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QStatusBar,
    QWidget,
)

from kaohe_desktop.app import demo_file_path
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_ADMIN, DEMO_ADMIN_NAME, DEMO_PASSWORD
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.files.server_passwords import (
    PasswordNeededError,
    WrongPasswordError,
    forget_password,
    keyring_unavailable_reason,
    remember_password,
    remembered_password,
)
from kaohe_desktop.services.files.sources import DataSource, ServerAddress
from kaohe_desktop.services.files.views import DataFileCheck
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.services.workspace import (
    DEFAULT_BUREAU_NAME,
    PendingOpen,
    Workspace,
    begin_create,
    begin_open,
    create_workspace,
)
from kaohe_desktop.ui.accounts.login_dialog import LoginDialog
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.widgets import make_action
from kaohe_desktop.ui.server_dialog import ServerChoice, ServerDialog
from kaohe_desktop.ui.settings import Settings
from kaohe_desktop.ui.workers import Job, JobFunction, run_job

DATA_SUFFIX = ".kaohe"
# Problems listed under each verdict of the check report; `kaohe check` lists them all.
SHOWN_PROBLEMS = 12


class FileWindow(Protocol):
    """What FileActions needs of the main window, declared here: the window module
    imports this one, so importing it back would close a circle."""

    settings: Settings

    @property
    def workspace(self) -> Workspace | None: ...

    def set_workspace(self, workspace: Workspace | None, *, demo: bool = False) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def window(self) -> QWidget: ...  # the main window itself, as the dialogs' parent


class FileActions(QObject):
    def __init__(self, host: FileWindow) -> None:
        super().__init__(host.window())
        self.host = host
        self.window = host.window()  # where the actions, dialogs and jobs sit
        self.new_file = self._action(self.tr("&New data file…"), self.new_data_file, "new")
        self.new_file.setShortcut(QKeySequence.StandardKey.New)
        self.open_file = self._action(self.tr("&Open data file…"), self.choose_and_open, "open")
        self.open_file.setShortcut(QKeySequence.StandardKey.Open)
        self.open_server_action = self._action(
            self.tr("Open from a database &server…"), self.open_server, "open_server"
        )
        self.open_server_action.setToolTip(
            self.tr("Open the bureau's data kept in a database on a PostgreSQL server")
        )
        self.open_demo = self._action(self.tr("Open &demo data"), self.open_demo_file, "demo")
        self.backup = self._action(self.tr("&Back up…"), self.back_up, "backup")
        self.check = self._action(self.tr("&Check data file"), self.check_file, "check")
        self.backup.setToolTip(self.tr("Make a verified copy of the data file"))
        self.check.setToolTip(self.tr("Run a full integrity check of the data file"))

    def _action(self, text: str, slot: Callable[[], object], name: str) -> QAction:
        return make_action(self.window, text, slot, name)

    def update_enabled(self, workspace: Workspace | None) -> None:
        for action in (self.backup, self.check):
            action.setEnabled(workspace is not None)

    # --- new / open -----------------------------------------------------------
    def _filter(self) -> str:
        return self.tr("Kaohe data files (*.kaohe);;All files (*)")

    def new_data_file(self) -> None:
        path_text, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("New data file"),
            str(self._start_dir() / self.tr("assessment-ledger.kaohe")),
            self._filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,  # we refuse to overwrite anyway
        )
        if not path_text:
            return
        path = Path(path_text)
        if not path.suffix:
            path = path.with_suffix(DATA_SUFFIX)
        name, ok = QInputDialog.getText(
            self.window,
            self.tr("New data file"),
            self.tr("Name of the bureau (printed on every report):"),
            QLineEdit.EchoMode.Normal,
            DEFAULT_BUREAU_NAME,
        )
        if not ok:
            return
        bureau = name.strip() or DEFAULT_BUREAU_NAME

        def work(_progress: ProgressReporter) -> PendingOpen:
            # The file is made first; its administrator is asked for next (the login
            # dialog's first-administrator form), and asked again at the next open
            # if the clerk cancels.
            return begin_create(path, bureau_name=bureau)

        self._run_open(self.tr("Creating the data file…"), work, demo=False)

    def choose_and_open(self) -> None:
        path_text, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open data file"), str(self._start_dir()), self._filter()
        )
        if path_text:
            self.open_path(Path(path_text))

    def open_path(self, path: Path) -> Job:
        def work(_progress: ProgressReporter) -> PendingOpen:
            return begin_open(path)

        demo = _same(path, demo_file_path())
        return self._run_open(self.tr("Opening {0}…").format(path.name), work, demo=demo)

    def open_source(self, source: DataSource) -> Job | None:
        """A data file, or a server database (recent list, command line, switch account)."""
        if isinstance(source, ServerAddress):
            return self.open_server(source)
        return self.open_path(source)

    # --- a database on a server ---------------------------------------------------
    def open_server(
        self,
        address: ServerAddress | None = None,
        *,
        password: str | None = None,
        ask: bool = False,
    ) -> Job | None:
        """Without an address (文件 → 从数据库服务器打开…), or with `ask`: the dialog, filled
        in with `address` and `password`. With an address (the recent list, the command
        line): connect with `password`, else the remembered one or the system's
        (PGPASSWORD / pgpass); the dialog asks only if the server wants one."""
        if address is None or ask:
            choice = self.ask_server(address or self._last_server(), password=password or "")
            if choice is None:
                return None
            return self.connect_server(choice.address, choice.password, remember=choice.remember)
        return self.connect_server(address, password, remember=None)

    def ask_server(
        self, address: ServerAddress | None, reason: str = "", password: str = ""
    ) -> ServerChoice | None:
        """The 连接数据库服务器 dialog; None when cancelled. Tests replace this."""
        problem = keyring_unavailable_reason()
        remembered = (
            address is not None and problem is None and remembered_password(address) is not None
        )
        dialog = ServerDialog(
            self.window,
            address=address,
            reason=reason,
            remembered=remembered,
            keyring_problem=problem,
            password=password,
        )
        if dialog.exec() != ServerDialog.DialogCode.Accepted:
            return None
        return dialog.choice

    def connect_server(
        self, address: ServerAddress, password: str | None, *, remember: bool | None
    ) -> Job:
        """Open `address`; `remember` True keeps the password in the keyring once the
        server took it, False forgets a kept one, None leaves the keyring as it is."""
        from_keyring = False
        if password is None:
            password = remembered_password(address)
            from_keyring = password is not None

        def work(_progress: ProgressReporter) -> PendingOpen:
            return begin_open(address, password=password)

        def connected(_pending: PendingOpen) -> None:
            note = None
            if remember and password is not None and not from_keyring:
                note = remember_password(address, password)
            elif remember is False:
                forget_password(address)
            if note:
                self.host.statusBar().showMessage(note, 15_000)

        def refused(error: BaseException) -> bool:
            """A password to ask for, or (when the clerk typed the address) anything the
            server or the database said: the dialog again, with the reason in red."""
            password_problem = isinstance(error, PasswordNeededError | WrongPasswordError)
            typed = remember is not None  # from the dialog: a typo is fixed there
            if not (password_problem or (typed and isinstance(error, StorageError))):
                return False
            if from_keyring and isinstance(error, WrongPasswordError):
                forget_password(address)  # changed on the server since: ask, never retry it
            choice = self.ask_server(address, str(error))
            if choice is not None:
                self.connect_server(choice.address, choice.password, remember=choice.remember)
            return True

        return self._run_open(
            self.tr("Connecting to {0}…").format(address.display),
            work,
            demo=False,
            connected=connected,
            refused=refused,
            title=self.tr("Connect to a database server"),
        )

    def _last_server(self) -> ServerAddress | None:
        """The newest server in the recent list, to fill the dialog in."""
        workspace = self.host.workspace
        if workspace is not None and workspace.server is not None:
            return workspace.server
        return next(
            (s for s in self.host.settings.recent_files if isinstance(s, ServerAddress)), None
        )

    def open_demo_file(self) -> Job:
        path = demo_file_path()
        if path.exists():
            return self.open_path(path)

        def work(progress: ProgressReporter) -> Workspace:
            # The demo lives in the per-user folder, never next to the clerk's real data.
            path.parent.mkdir(parents=True, exist_ok=True)
            admin = Credentials(DEMO_ADMIN, DEMO_PASSWORD)
            return create_workspace(
                path, admin=admin, admin_name=DEMO_ADMIN_NAME, demo=True, progress=progress
            )

        return self._run_open(self.tr("Generating the demo data…"), work, demo=True)

    def _run_open(
        self,
        label: str,
        work: JobFunction,
        *,
        demo: bool,
        connected: Callable[[PendingOpen], None] | None = None,
        refused: Callable[[BaseException], bool] | None = None,
        title: str | None = None,
    ) -> Job:
        """Run `work` (open or create) on a worker, then sign in. `connected` is told of
        the opened database before the sign-in; `refused` may answer an error itself
        (True) instead of the error message."""

        def opened(result: Workspace | PendingOpen) -> None:
            if isinstance(result, PendingOpen) and connected is not None:
                connected(result)
            if isinstance(result, PendingOpen):
                workspace = self.sign_in(result, demo=demo)
                if workspace is None:
                    result.close()  # cancelled: the file that was shown stays shown
                    return
            else:
                workspace = result
            self.host.settings.last_username = workspace.account
            self.host.set_workspace(workspace, demo=demo)
            self.daily_backup(workspace)

        def failed(error: BaseException) -> None:
            if refused is not None and refused(error):
                return
            messages.show_error(self.window, title or self.tr("Open data file"), error)

        return run_job(self.window, label, work, on_success=opened, on_error=failed)

    def sign_in(self, pending: PendingOpen, *, demo: bool) -> Workspace | None:
        """Ask who is working (or, for a file without accounts, create its
        administrator). Tests replace this to sign in without a dialog."""
        dialog = LoginDialog(
            pending,
            self.window,
            demo_hint=demo,
            last_username=self.host.settings.last_username,
        )
        if dialog.exec() != LoginDialog.DialogCode.Accepted:
            return None
        return dialog.workspace

    def daily_backup(self, workspace: Workspace) -> Job:
        """The first open of a day leaves a verified copy in the backup folder."""

        def done(_result: object) -> None:
            for message in workspace.messages:
                self.host.statusBar().showMessage(message, 15_000)

        return run_job(
            self.window,
            self.tr("Making the daily backup…"),
            lambda _progress: workspace.daily_backup(),
            on_success=done,
            on_error=lambda error: messages.show_error(self.window, self.tr("Back up"), error),
            cancellable=False,
        )

    def _start_dir(self) -> Path:
        files = [s for s in self.host.settings.recent_files if isinstance(s, Path)]
        return files[0].parent if files else Path.home()

    # --- backup and check -----------------------------------------------------
    def back_up(self) -> Job | None:
        workspace = self.host.workspace
        if workspace is None:
            return None
        try:
            folder_text = str(workspace.backups.folder())
        except StorageError as error:
            messages.show_error(self.window, self.tr("Back up"), error)
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Back up"),
            self.tr(
                "Make a verified copy of the data file. Where should it go?\n"
                "The backup folder (set in Manage → Backups and restore) is:\n{0}"
            ).format(folder_text),
            parent=self.window,
        )
        default = box.addButton(self.tr("Backup folder"), QMessageBox.ButtonRole.AcceptRole)
        choose = box.addButton(self.tr("Choose a folder…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is default:
            target: Path | None = None
        elif box.clickedButton() is choose:
            folder = QFileDialog.getExistingDirectory(self.window, self.tr("Backup folder"))
            if not folder:
                return None
            target = Path(folder)
        else:
            return None
        return self.back_up_to(target)

    def back_up_to(self, target: Path | None) -> Job | None:
        workspace = self.host.workspace
        if workspace is None:
            return None
        return run_job(
            self.window,
            self.tr("Backing up…"),
            lambda _progress: workspace.backup(target),
            on_success=lambda copy: messages.info(
                self.window, self.tr("Back up"), self.tr("Backup written to:\n{0}").format(copy)
            ),
            on_error=lambda error: messages.show_error(self.window, self.tr("Back up"), error),
            cancellable=False,
        )

    def check_file(self) -> Job | None:
        workspace = self.host.workspace
        if workspace is None:
            return None

        def report(result: DataFileCheck) -> None:
            ok = result.ok
            lines = [
                self.tr("Integrity: {0}").format("; ".join(result.integrity)),
                self.tr("Schema version: {0}").format(result.schema_version),
                *result.lines(limit=SHOWN_PROBLEMS),
            ]
            title = self.tr("Check data file")
            if ok:
                messages.info(
                    self.window, title, self.tr("The data file is sound.\n") + "\n".join(lines)
                )
            else:
                messages.warn(
                    self.window,
                    title,
                    self.tr("The data file has problems. Restore it from a backup.\n")
                    + "\n".join(lines),
                )

        return run_job(
            self.window,
            self.tr("Checking the data file…"),
            lambda _progress: workspace.check(),
            on_success=report,
            on_error=lambda error: messages.show_error(
                self.window, self.tr("Check data file"), error
            ),
            cancellable=False,
        )


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
