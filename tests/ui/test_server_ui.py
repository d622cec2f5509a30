"""A database on a PostgreSQL server in the window (issue 17): the 连接数据库服务器 dialog,
the server account's password (asked again when refused, kept in the OS keyring only
when the clerk ticks the box), the title and status line of a server database, its
place in the recent list, losing the server, and 管理 → 迁移到数据库服务器…."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError
from PySide6.QtWidgets import QDialog
from tests.factories import DEMO_ROLES, ROLES, MasterFiles
from tests.pg_support import PgPlace
from tests.ui.helpers import Dialogs, open_in

from kaohe_desktop import __main__ as entry
from kaohe_desktop.services.files.copying import clerk_words
from kaohe_desktop.services.files.live import ChangeSet, FileState
from kaohe_desktop.services.files.server_passwords import (
    NO_KEYRING,
    forget_password,
    remember_password,
    remembered_password,
)
from kaohe_desktop.services.files.sources import ServerAddress, parse_server_url
from kaohe_desktop.ui.file_actions import FileActions
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.migrate_dialog import MigratedDialog, MigrateDialog
from kaohe_desktop.ui.server_dialog import ServerChoice, ServerDialog, ServerFields
from kaohe_desktop.ui.settings import Settings
from kaohe_desktop.ui.workers import Job

ADDRESS = ServerAddress("192.168.1.10", 5433, "kaohe", "kaohe_app")


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict: what the OS keyring would keep, seen by the test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def _use_keyring(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    fake = MemoryKeyring()
    for _ in _use_keyring(fake):
        yield fake


@pytest.fixture
def no_keyring() -> Iterator[KeyringBackend]:
    """As on a Linux machine without a keyring daemon (this one)."""
    yield from _use_keyring(fail.Keyring())


@dataclass
class Asked:
    """The 连接数据库服务器 dialog, scripted: each call takes the next answer."""

    answers: list[ServerChoice | None] = field(default_factory=list)
    calls: list[tuple[ServerAddress | None, str, str]] = field(default_factory=list)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    record = Asked()

    def ask(
        _self: FileActions, address: ServerAddress | None, reason: str = "", password: str = ""
    ) -> ServerChoice | None:
        record.calls.append((address, reason, password))
        return record.answers.pop(0) if record.answers else None

    monkeypatch.setattr(FileActions, "ask_server", ask)
    return record


def _opened(qtbot: Any, window: MainWindow) -> None:
    """Wait until every open (and a retry after a refused password) is over."""
    qtbot.waitUntil(lambda: not Job.running(), timeout=60_000)


@pytest.fixture
def server(pg_place: PgPlace, master_files: MasterFiles, tmp_path: Path) -> ServerAddress:
    """A database of its own holding the demo bureau, as the clerks' server account."""
    return parse_server_url(pg_place.clone(master_files[DEMO_ROLES], tmp_path / "ev"))


def _fill(fields: ServerFields, address: ServerAddress, password: str = "") -> None:
    fields.host.setText(address.host)
    fields.port.setValue(address.port)
    fields.database.setText(address.database)
    fields.user.setText(address.user)
    fields.password.setText(password)


# --- the dialog ------------------------------------------------------------------------


def test_the_server_dialog_builds_the_address_it_shows(
    qtbot: Any, no_keyring: KeyringBackend
) -> None:
    dialog = ServerDialog(keyring_problem=NO_KEYRING)
    qtbot.addWidget(dialog)
    assert dialog.fields.port.value() == 5432  # PostgreSQL's own port unless told
    _fill(dialog.fields, ADDRESS, "s3cret")
    dialog.accept()
    assert dialog.result() == ServerDialog.DialogCode.Accepted
    assert dialog.choice == ServerChoice(ADDRESS, "s3cret", remember=False)
    assert dialog.choice.address.url == "postgresql+psycopg://kaohe_app@192.168.1.10:5433/kaohe"


def test_the_server_dialog_refuses_empty_fields_in_chinese(qtbot: Any) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields.host.setText("  ")
    dialog.fields.user.setText("kaohe_app")
    dialog.accept()
    assert dialog.result() != ServerDialog.DialogCode.Accepted and dialog.choice is None
    assert dialog.error.isVisible()
    assert dialog.error.text() == "请填写服务器、数据库。"


def test_a_pasted_address_fills_the_form(qtbot: Any) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.fields.host.setText(ADDRESS.url)
    dialog.fields.host.editingFinished.emit()
    assert dialog.fields.address() == ADDRESS


def test_without_a_keyring_the_box_is_disabled_and_says_why(
    qtbot: Any, window: MainWindow, no_keyring: KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[ServerDialog] = []
    monkeypatch.setattr(ServerDialog, "exec", lambda self: shown.append(self) or 0)
    assert window.file_actions.ask_server(ADDRESS) is None
    (dialog,) = shown
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    assert dialog.remember.toolTip() == NO_KEYRING and "钥匙串" in NO_KEYRING
    assert remember_password(ADDRESS, "x") == NO_KEYRING  # and nothing is attempted
    assert remembered_password(ADDRESS) is None


def test_a_remembered_password_ticks_the_box(
    qtbot: Any, window: MainWindow, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert remember_password(ADDRESS, "kept") is None
    assert memory_keyring.entries == {(ADDRESS.keyring_service, "kaohe_app"): "kept"}
    shown: list[ServerDialog] = []
    monkeypatch.setattr(ServerDialog, "exec", lambda self: shown.append(self) or 0)
    window.file_actions.ask_server(ADDRESS)
    (dialog,) = shown
    assert dialog.remember.isEnabled() and dialog.remember.isChecked()
    assert dialog.fields.password.text() == ""  # never shown, even masked
    forget_password(ADDRESS)
    forget_password(ADDRESS)  # nothing kept: no error
    assert memory_keyring.entries == {}


def test_the_command_line_takes_a_server_address() -> None:
    assert entry.parse_arguments([ADDRESS.url]).data_file == ADDRESS
    assert entry.parse_arguments(["x.kaohe"]).data_file == Path("x.kaohe")
    with pytest.raises(SystemExit):
        entry.parse_arguments(["postgresql+psycopg://kaohe_app:pw@h:5432/kaohe"])


def test_a_server_in_the_recent_list_keeps_its_address(tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    data_file = tmp_path / "考核台账.kaohe"
    settings.add_recent_file(data_file)
    settings.add_recent_file(ADDRESS)
    settings.add_recent_file(ADDRESS)  # once only
    settings.sync()
    assert Settings.at(tmp_path / "s.ini").recent_files == [ADDRESS, data_file]


# --- opening a server database -------------------------------------------------------------


def test_a_server_database_opens_through_the_window(
    qtbot: Any, window: MainWindow, server: ServerAddress, asked: Asked, no_keyring: KeyringBackend
) -> None:
    # PGPASSWORD (set by pg_place) answers the server: the dialog is not needed.
    window.file_actions.open_source(server)
    _opened(qtbot, window)
    workspace = window.workspace
    assert workspace is not None and workspace.server == server and asked.calls == []
    assert server.display in window.windowTitle()
    assert window.status_line.path.toolTip() == server.display
    assert window.status_line.path.full_text() == "Database server: " + server.display
    assert window.settings.recent_files[0] == server
    assert window.recent_menu is not None
    window.recent_menu.rebuild()
    first = window.recent_menu.actions()[0]
    assert first.text().endswith(server.display) and first.isEnabled()
    window.set_workspace(None)
    first.trigger()  # reopens through the server path, not as a file named like a URL
    _opened(qtbot, window)
    assert window.workspace is not None and window.workspace.server == server
    # A server database does not move to a server again.
    assert not window.admin_actions.migrate.isEnabled()


def test_a_refused_password_asks_again_and_the_ticked_box_keeps_it(
    qtbot: Any,
    window: MainWindow,
    server: ServerAddress,
    pg_place: PgPlace,
    asked: Asked,
    memory_keyring: MemoryKeyring,
) -> None:
    right = pg_place.cluster.password
    asked.answers = [
        ServerChoice(server, "wrong-password", remember=True),
        ServerChoice(server, right, remember=True),
    ]
    window.file_actions.open_server()
    _opened(qtbot, window)
    assert window.workspace is not None and window.workspace.server == server
    assert len(asked.calls) == 2
    again, reason, _password = asked.calls[1]
    assert again == server and "拒绝" in reason and "密码错误" in reason
    # Kept only the password the server took.
    assert memory_keyring.entries == {(server.keyring_service, server.user): right}


def test_a_remembered_password_is_used_first_and_forgotten_when_refused(
    qtbot: Any,
    window: MainWindow,
    server: ServerAddress,
    pg_place: PgPlace,
    asked: Asked,
    memory_keyring: MemoryKeyring,
) -> None:
    memory_keyring.set_password(server.keyring_service, server.user, "changed-since")
    asked.answers = [None]  # asked again after the refusal: the clerk cancels
    window.file_actions.open_source(server)  # as from the recent list
    _opened(qtbot, window)
    assert window.workspace is None
    ((address, reason, _),) = asked.calls
    assert address == server and "密码错误" in reason
    assert memory_keyring.entries == {}  # the refused one is gone, never tried again
    # The right one remembered: used without asking (PGPASSWORD would do too; not tried).
    memory_keyring.set_password(server.keyring_service, server.user, pg_place.cluster.password)
    window.file_actions.open_source(server)
    _opened(qtbot, window)
    assert window.workspace is not None and window.workspace.server == server
    assert len(asked.calls) == 1


def test_a_server_that_wants_a_password_asks_for_it(
    qtbot: Any,
    window: MainWindow,
    server: ServerAddress,
    pg_place: PgPlace,
    asked: Asked,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "没有.pgpass"))
    asked.answers = [None]  # the clerk cancels
    window.file_actions.open_source(server)
    _opened(qtbot, window)
    assert window.workspace is None
    ((_, reason, _),) = asked.calls
    assert "要求输入" in reason and server.user in reason
    # Remembered: used without asking.
    memory_keyring.set_password(server.keyring_service, server.user, pg_place.cluster.password)
    window.file_actions.open_source(server)
    _opened(qtbot, window)
    assert window.workspace is not None and len(asked.calls) == 1


def test_a_typed_address_that_is_wrong_is_asked_again_with_the_reason(
    qtbot: Any,
    window: MainWindow,
    server: ServerAddress,
    asked: Asked,
    dialogs: Dialogs,
    no_keyring: KeyringBackend,
) -> None:
    typo = ServerAddress(server.host, server.port, server.database + "x", server.user)
    asked.answers = [ServerChoice(typo, None, remember=False), None]
    window.file_actions.open_server()
    _opened(qtbot, window)
    assert window.workspace is None and dialogs.shown == []
    (_, _), (again, reason) = [(a, r) for a, r, _ in asked.calls]
    assert again == typo and f"没有数据库“{typo.database}”" in reason


def test_losing_the_server_goes_read_only_and_says_so(
    qtbot: Any, window: MainWindow, server: ServerAddress, dialogs: Dialogs
) -> None:
    window.file_actions.open_source(server)
    _opened(qtbot, window)
    live = window.live
    watcher = live._watcher
    for _ in range(2):  # two polls in a row: a blink of the network is not yet lost
        live._on_polled(watcher, FileState.MISSING, ChangeSet())
    assert window.workspace is not None and window.workspace.read_only
    ((kind, title, text),) = dialogs.shown
    assert kind == "warn" and title == "Database server"
    assert "database server cannot be reached" in text and "unsaved edits are kept" in text


# --- 迁移到数据库服务器 -------------------------------------------------------------------------


def _migrate_dialog(
    qtbot: Any, window: MainWindow, master_files: MasterFiles, tmp_path: Path
) -> MigrateDialog:
    open_in(qtbot, window, master_files.copy(ROLES, tmp_path))
    assert window.admin_actions.migrate.isEnabled()
    dialog = window.admin_actions.show_migrate()
    assert isinstance(dialog, MigrateDialog)
    assert window.workspace is not None
    assert dialog.evidence.text() == str(window.workspace.evidence_dir)
    return dialog


def _tables(pg_place: PgPlace, address: ServerAddress) -> int:
    sql = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
    return int(pg_place.cluster.psql(sql, database=address.database).strip())


def test_migrating_copies_the_file_and_offers_to_open_the_server_database(
    qtbot: Any,
    window: MainWindow,
    master_files: MasterFiles,
    tmp_path: Path,
    pg_place: PgPlace,
    asked: Asked,
    no_keyring: KeyringBackend,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[MigratedDialog] = []
    monkeypatch.setattr(
        MigratedDialog, "exec", lambda self: told.append(self) or QDialog.DialogCode.Accepted
    )
    dialog = _migrate_dialog(qtbot, window, master_files, tmp_path)
    target = parse_server_url(pg_place.empty())  # the owner's account
    dialog.accept()  # nothing filled in yet
    assert dialog.job is None and dialog.error.text() == "请填写服务器、数据库、服务器账号。"
    _fill(dialog.fields, target)
    asked.answers = [ServerChoice(target, None, remember=False)]
    with qtbot.waitSignal(dialog.accepted, timeout=120_000):
        dialog.accept()
    assert dialog.outcome is not None and dialog.outcome.result.rows > 0
    assert "rows" not in dialog.summary()  # no English
    ((done,),) = [told]
    assert f"已复制到 {target.display}" in done.summary.text()
    assert "操作日志链完整" in done.summary.text()
    assert "stop using the data file" in done.advice.text()
    _opened(qtbot, window)
    ((prefilled, _reason, _password),) = asked.calls
    assert prefilled == target
    assert window.workspace is not None and window.workspace.server == target
    assert window.workspace.evidence_dir == Path(dialog.evidence.text()).resolve()


def test_cancelling_the_migration_leaves_the_server_database_empty(
    qtbot: Any,
    window: MainWindow,
    master_files: MasterFiles,
    tmp_path: Path,
    pg_place: PgPlace,
    dialogs: Dialogs,
) -> None:
    dialog = _migrate_dialog(qtbot, window, master_files, tmp_path)
    target = parse_server_url(pg_place.empty())
    _fill(dialog.fields, target)
    dialog.accept()
    job = dialog.job
    assert job is not None
    job.cancel()  # the progress dialog's Cancel, before the first rows are copied
    with qtbot.waitSignal(job.done, timeout=120_000):
        pass
    assert dialog.result() != MigrateDialog.DialogCode.Accepted and dialog.outcome is None
    assert dialog.error.text() == "Cancelled. Nothing was written to the server database."
    assert dialog.ok_button.isEnabled()  # another try is possible
    assert _tables(pg_place, target) == 0
    assert dialogs.shown == []


def test_the_copy_names_what_it_copies_in_words() -> None:
    assert clerk_words("正在复制 ledger_task…") == "正在复制台账任务…"
    assert clerk_words("正在复制 audit_log…") == "正在复制操作日志…"
    assert clerk_words("正在复制 some_new_table…") == "正在复制其他数据…"
    assert clerk_words("正在核对复制结果…") == "正在核对复制结果…"
