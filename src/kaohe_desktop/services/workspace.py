"""One open data file and the services acting on it as one signed-in account.

Opening is two steps, so a screen can ask for the password in between: begin_open()
opens and checks the file (no account needed), then sign_in() authenticates, or
create_admin() makes the first administrator of a file that has no account yet.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.domain.roles import Action, Actor, Role
from kaohe_desktop.services.access.accounts import (
    Credentials,
    account_count,
    authenticate,
    create_first_admin,
)
from kaohe_desktop.services.access.guard import Guard
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.services.files.views import DataFileCheck
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.services.workspace_services import WorkspaceServices
from kaohe_desktop.storage.database import (
    CheckReport,
    OpenedFile,
    check_data_file,
    create_data_file,
    open_data_file,
)
from kaohe_desktop.storage.source import ServerAddress, is_server_url, parse_server_url
from kaohe_desktop.storage.watcher import DataVersionWatcher

DEFAULT_BUREAU_NAME = "本单位"
Clock = Callable[[], datetime]


@dataclass
class Workspace(WorkspaceServices):
    """The services (`ledger`, `grading`, `importer`, …) are WorkspaceServices', each
    built at first use."""

    opened: OpenedFile
    actor: Actor
    clock: Clock = datetime.now
    # What the clerk is told after opening (a first administrator made, a backup that
    # failed); `notices` is the 督办单 service.
    messages: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        uow = self.opened.unit_of_work(self.actor.username)
        self._uow = uow
        self._store_warning: list[str] | None = None
        self.guard = Guard(self.actor, uow)

    @property
    def account(self) -> str:
        return self.actor.username

    @property
    def path(self) -> Path:
        """The data file; on a server only a name (数据库@服务器-端口) for the names of
        exports and backups: use `location` to show where the data is."""
        return self.opened.path

    @property
    def server(self) -> ServerAddress | None:
        return self.opened.server

    @property
    def location(self) -> str:
        """The file's path, or 账号@服务器:端口/数据库."""
        return self.opened.location

    @property
    def name(self) -> str:
        """For title bars: the file's name, or the server database."""
        return self.opened.name

    @property
    def evidence_dir(self) -> Path:
        return self.opened.evidence_dir

    @property
    def read_only(self) -> bool:
        return self._uow.read_only

    @property
    def read_only_reason(self) -> str | None:
        return self._uow.read_only_reason if self._uow.read_only else None

    @property
    def warnings(self) -> list[str]:
        return self.opened.warnings + self._store_warnings() + self.messages

    def _store_warnings(self) -> list[str]:
        """Read once: rows that refer to attachments while their folder is not there."""
        if self._store_warning is None:
            from kaohe_desktop.services.checks.evidence import (
                EVIDENCE_STORE_SINCE,
                missing_store_warning,
            )

            try:
                found = (
                    missing_store_warning(
                        self._uow, self.evidence_dir, on_server=self.server is not None
                    )
                    if self.schema_version >= EVIDENCE_STORE_SINCE
                    else None
                )
            except StorageError:
                found = None  # the file's own trouble is told by the open or the next save
            self._store_warning = [] if found is None else [found]
        return self._store_warning

    @property
    def schema_version(self) -> int:
        return self.opened.schema_version

    def may(self, action: Action) -> bool:
        """For screens: whether to offer an action at all (the service checks again)."""
        return self.actor.may(action) and (not self.read_only or action in _READ_ACTIONS)

    def check(self) -> DataFileCheck:
        from kaohe_desktop.services.checks.evidence import EVIDENCE_STORE_SINCE
        from kaohe_desktop.services.checks.views import CheckFileProblems

        self.guard.require(Action.CHECK_FILE)
        report: CheckReport = check_data_file(self.opened)
        # A file looked at read-only in an older version keeps its evidence inside.
        evidence = (
            self.evidence.store_check()
            if self.schema_version >= EVIDENCE_STORE_SINCE
            else CheckFileProblems(referenced=0)
        )
        return DataFileCheck(
            ok=report.ok and evidence.ok,
            integrity=tuple(report.integrity),
            identity_ok=report.application_id_ok,
            schema_version=report.schema_version,
            chain_ok=report.chain.ok,
            chain_text=str(report.chain),
            schema_ok=report.schema.ok,
            schema_text=str(report.schema),
            schema_problems=report.schema.problems,
            records_ok=report.records.ok,
            records_text=str(report.records),
            records_problems=report.records.problems,
            evidence_referenced=evidence.referenced,
            evidence_missing=evidence.missing,
            evidence_damaged=evidence.damaged,
            evidence_store_present=evidence.store_present,
        )

    def backup(self, target_dir: Path | None = None) -> Path:
        """A verified copy in `target_dir` (default: the backup folder)."""
        return self.backups.backup_now(target_dir)

    def daily_backup(self) -> None:
        from kaohe_desktop.services.files.backups import run_daily_backup

        warning = run_daily_backup(self.backups)
        if warning:
            self.messages.append(warning)

    def change_watcher(self) -> DataVersionWatcher:
        """A watcher of other workstations' commits; the caller polls and closes it.
        It leaves out what this workspace's own saves wrote (their audit ids)."""
        identity = self._uow.identity
        file_id = identity.file_id if identity else None
        if self.server is not None:
            from kaohe_desktop.storage.server_watcher import ServerWatcher

            return ServerWatcher(self.opened.engine, file_id, own_writes=self._uow.own_writes)
        return DataVersionWatcher(self.path, file_id, own_writes=self._uow.own_writes)

    def go_read_only(self, reason: str) -> None:
        self._uow.go_read_only(reason)

    def close(self) -> None:
        self.opened.close()


_READ_ACTIONS = frozenset(
    {Action.VIEW, Action.EXPORT, Action.CHECK_FILE, Action.BACKUP, Action.VIEW_AUDIT}
)


class PendingOpen:
    """A file (or server database) opened and checked, waiting for someone to sign in."""

    def __init__(self, opened: OpenedFile, clock: Clock = datetime.now) -> None:
        self.opened = opened
        self._clock = clock
        self.needs_first_admin = account_count(opened.unit_of_work("?")) == 0

    @property
    def path(self) -> Path:
        return self.opened.path

    @property
    def location(self) -> str:
        return self.opened.location

    @property
    def name(self) -> str:
        return self.opened.name

    @property
    def read_only(self) -> bool:
        return self.opened.read_only

    def sign_in(self, credentials: Credentials) -> Workspace:
        """Authenticate; on a wrong password the file stays open for another try."""
        if self.needs_first_admin:
            if self.read_only:
                # Nobody can be created in a read-only file made before accounts existed.
                actor = Actor(credentials.username, credentials.username, Role.VIEWER)
                return Workspace(self.opened, actor, self._clock)
            return self.create_admin(credentials)
        # Failed attempts and lockouts are logged under the name being tried.
        uow = self.opened.unit_of_work(credentials.username.strip() or "?")
        actor = authenticate(uow, credentials, self._clock)
        return Workspace(self.opened, actor, self._clock)

    def create_admin(self, credentials: Credentials, display_name: str = "") -> Workspace:
        uow = self.opened.unit_of_work(credentials.username.strip() or "?")
        actor = create_first_admin(uow, credentials, display_name)
        workspace = Workspace(self.opened, actor, self._clock)
        workspace.messages.append(f"已创建管理员账号“{actor.username}”。")
        return workspace

    def close(self) -> None:
        self.opened.close()


def begin_open(
    source: str | os.PathLike[str] | ServerAddress,
    *,
    read_only: bool = False,
    clock: Clock = datetime.now,
    password: str | None = None,
) -> PendingOpen:
    """Open a data file, or a database on a server (a ServerAddress or its URL; the
    server's own password is `password`, or libpq's PGPASSWORD / pgpass)."""
    if not isinstance(source, ServerAddress) and is_server_url(source):
        source = parse_server_url(str(source))
    if isinstance(source, ServerAddress):
        from kaohe_desktop.storage.server_database import open_server_database

        opened = open_server_database(source, password, force_read_only=read_only)
        return PendingOpen(opened, clock)
    return PendingOpen(open_data_file(source, force_read_only=read_only), clock)


def begin_create(
    path: str | os.PathLike[str], *, bureau_name: str = DEFAULT_BUREAU_NAME
) -> PendingOpen:
    """A new, empty file waiting for its first administrator (the screens ask for
    the name and password after the file exists; until then it has no account and
    the next open asks again)."""
    opened = create_data_file(
        path, bureau_name=bureau_name, account="（新建）", staff_categories=DEFAULT_STAFF_CATEGORIES
    )
    return PendingOpen(opened)


def open_workspace(
    path: str | os.PathLike[str] | ServerAddress,
    credentials: Credentials,
    *,
    read_only: bool = False,
    daily_backup: bool = True,
    clock: Clock = datetime.now,
    password: str | None = None,
) -> Workspace:
    """Open and sign in in one go (the command line, tests)."""
    pending = begin_open(path, read_only=read_only, clock=clock, password=password)
    try:
        workspace = pending.sign_in(credentials)
    except BaseException:
        pending.close()
        raise
    if daily_backup:
        workspace.daily_backup()
    return workspace


def create_workspace(
    path: str | os.PathLike[str] | ServerAddress,
    *,
    admin: Credentials,
    admin_name: str = "",
    bureau_name: str = DEFAULT_BUREAU_NAME,
    demo: bool = False,
    progress: ProgressReporter = SILENT,
    evidence_dir: Path | None = None,
    password: str | None = None,
    demo_as_of: date | None = None,
) -> Workspace:
    """A new data file with its administrator; with `demo`, filled with the generated
    demo bureau as it stands on `demo_as_of` (default: today) and an account for each of
    the other roles.

    On a server (`path` a ServerAddress or its URL, the database empty), the bureau
    starts empty: a demo is made in a file and copied up (`kaohe copy`), because a
    half-made demo cannot be thrown away as a file can. `evidence_dir` is then the
    shared 佐证材料 folder."""
    if not isinstance(path, ServerAddress) and is_server_url(path):
        path = parse_server_url(str(path))
    if isinstance(path, ServerAddress):
        return _create_on_server(path, admin, admin_name, bureau_name, demo, evidence_dir, password)
    if demo:
        from kaohe_desktop.services.demo import generate_demo_book

        as_of = demo_as_of or date.today()
        book = generate_demo_book(as_of=as_of)
        bureau_name = book.bureau_name or bureau_name
        categories = tuple(book.staff_categories) or DEFAULT_STAFF_CATEGORIES
    else:
        categories = DEFAULT_STAFF_CATEGORIES
    # The password is checked before anything is written.
    from kaohe_desktop.services.access.accounts import hash_password

    hash_password(admin.password)
    if not demo:
        opened = create_data_file(
            path, bureau_name=bureau_name, account=admin.username, staff_categories=categories
        )
        try:
            workspace = PendingOpen(opened).create_admin(admin, admin_name)
        except BaseException:
            opened.close()
            raise
        workspace.messages.clear()
        return workspace
    from kaohe_desktop.services.demo.setup import demo_clock, play_demo
    from kaohe_desktop.storage.audit import stamped_by

    # Everything on the demo's calendar, the log's times included (the file's first
    # entries too): no time in the file is after the demo's today. Then the clerk's own.
    clock = demo_clock(book, as_of)
    with stamped_by(clock):
        opened = create_data_file(
            path, bureau_name=bureau_name, account=admin.username, staff_categories=categories
        )
        try:
            on_its_day = PendingOpen(opened, clock).create_admin(admin, admin_name)
            play_demo(on_its_day, clock, book, progress=progress)
        except BaseException:
            opened.close()
            Path(path).unlink(missing_ok=True)  # a half-made demo is worth nothing
            raise
    workspace = Workspace(opened, on_its_day.actor)
    return workspace


def _create_on_server(
    address: ServerAddress,
    admin: Credentials,
    admin_name: str,
    bureau_name: str,
    demo: bool,
    evidence_dir: Path | None,
    password: str | None,
) -> Workspace:
    from kaohe_desktop.services.access.accounts import hash_password
    from kaohe_desktop.storage.server_database import create_server_database

    if demo:
        raise StorageError(
            "演示数据只能先建在数据文件里，再用 kaohe copy 复制到数据库服务器"
            "（README 有一条命令完成这两步）。"
        )
    if evidence_dir is None:
        raise StorageError(
            "在数据库服务器上新建时，请用 --evidence-dir 指定佐证材料的共享文件夹"
            "（各工作站都能访问的位置）。"
        )
    hash_password(admin.password)
    opened = create_server_database(
        address,
        password,
        bureau_name=bureau_name,
        account=admin.username,
        staff_categories=DEFAULT_STAFF_CATEGORIES,
        evidence_dir=evidence_dir,
    )
    try:
        workspace = PendingOpen(opened).create_admin(admin, admin_name)
    except BaseException:
        opened.close()
        raise
    workspace.messages.clear()
    return workspace
