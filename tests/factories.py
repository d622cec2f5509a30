"""Small builders shared by tests: new data files, workspaces signed in as each role,
and the bytes of files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.workspace import Workspace, create_workspace, open_workspace
from kaohe_desktop.storage.database import OpenedFile, create_data_file
from kaohe_desktop.storage.source import is_server_url

PASSWORD = "test-pass-1"
# The day every demo of the tests stands on (the program's demo stands on today): the
# suite expects the same bureau whatever day it runs. 20 December: Q1–Q3 and the first
# half closed, the fourth quarter in progress, 2025 closed.
DEMO_AS_OF = date(2026, 12, 20)
ADMIN = Credentials("admin", PASSWORD)
ROLE_USERS = {
    Role.ADMIN: "admin",
    Role.CLERK: "clerk",
    Role.REVIEWER: "reviewer",
    Role.VIEWER: "viewer",
}


def new_data_file(directory: Path, name: str = "考核台账.kaohe") -> OpenedFile:
    """A bare file through storage only (no accounts): for storage tests."""
    return create_data_file(
        directory / name,
        bureau_name="测试县市场监督管理局",
        account="tester",
        staff_categories=DEFAULT_STAFF_CATEGORIES,
    )


def new_workspace(
    directory: Path, name: str = "考核台账.kaohe", *, demo: bool = False, roles: bool = False
) -> Workspace:
    """A new file signed in as its administrator; `roles` adds one account per role
    (usernames in ROLE_USERS, all with PASSWORD)."""
    workspace = create_workspace(
        directory / name,
        admin=ADMIN,
        bureau_name="测试县市场监督管理局",
        demo=demo,
        demo_as_of=DEMO_AS_OF,
    )
    if roles:
        for role, username in ROLE_USERS.items():
            if role is not Role.ADMIN:
                workspace.accounts.add_account(username, f"{role.label}{username}", role, PASSWORD)
    return workspace


def with_demo_categories(workspace: Workspace) -> Workspace:
    """A new file given the demo's 人员类别 (its 局领导 besides the defaults), as a demo
    file has them: a workbook written from the demo names them, and an import refuses a
    category the file does not have."""
    from kaohe_desktop.domain.records import ExchangeBook
    from kaohe_desktop.services.demo.catalog_people import LEADER_CATEGORY

    # The whole list: each category added takes its place in it as its order.
    categories = [*DEFAULT_STAFF_CATEGORIES, LEADER_CATEGORY]
    workspace.importer.apply(ExchangeBook(staff_categories=categories))
    return workspace


def new_unclosed_demo(directory: Path, *, roles: bool) -> Workspace:
    """The demo bureau as `kaohe init --demo` makes it but with every period still open
    and its 年度考核 undecided (services/demo/follow_up without its closes)."""
    from kaohe_desktop.services.demo import generate_demo_book
    from kaohe_desktop.services.demo.setup import demo_clock, play_demo
    from kaohe_desktop.storage.audit import stamped_by

    book = generate_demo_book(as_of=DEMO_AS_OF)
    workspace = new_workspace(directory, roles=roles)
    clock = demo_clock(book, DEMO_AS_OF)
    with stamped_by(clock):
        play_demo(Workspace(workspace.opened, workspace.actor, clock), clock, book, closes=False)
    return workspace


def credentials(role: Role) -> Credentials:
    return Credentials(ROLE_USERS[role], PASSWORD)


def sign_in(path: Path, role: Role = Role.ADMIN, **options: object) -> Workspace:
    return open_workspace(path, credentials(role), **options)  # type: ignore[arg-type]


def source_of(workspace: Workspace) -> Path:
    """Where `workspace`'s data is, to open it again (another workstation) or to hand to
    fingerprint and stored_rows: the file, or on a server its URL (typed as the Path
    copy_master gives; sign_in takes both; a server's `path` is only a stand-in name)."""
    if workspace.server is not None:
        return workspace.server.url  # type: ignore[return-value]
    return workspace.path


def fingerprint(path: Path) -> str:
    """What the data holds, to compare before and after: the file's bytes; on a server
    (copy_master on postgresql gives a URL) every table's rows."""
    if is_server_url(path):
        return _rows_fingerprint(str(path))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows_fingerprint(url: str) -> str:
    digest = hashlib.sha256()
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            for table in sorted(inspect(connection).get_table_names()):
                rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
                digest.update(f"{table}:{len(rows)}\n".encode())
                for row in sorted(repr(tuple(row)) for row in rows):
                    digest.update(row.encode() + b"\n")
    finally:
        engine.dispose()
    return digest.hexdigest()


def stored_rows(path: Path, statement: str, **params: object) -> list[tuple[object, ...]]:
    """Rows as the data file or server database holds them, read past any service
    (`statement` with :name parameters)."""
    if is_server_url(path):
        engine = create_engine(str(path), poolclass=NullPool)
    else:
        uri = f"file:{path}?mode=ro"
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=NullPool
        )
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(statement), params)]
    finally:
        engine.dispose()


def sidecars(path: Path) -> list[Path]:
    """The files beside a data file named after it (a server database has none)."""
    if is_server_url(path):
        return []
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path]


@dataclass
class Clock:
    """A settable clock for the services (whole seconds, as the file stores them);
    a test moves `now` to be a workstation whose time passes."""

    now: datetime = datetime(2026, 5, 6, 9, 30, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def copy_to(master: Path, folder: Path) -> Path:
    """A private copy of a master file (same name, in `folder`, made if missing), so each
    test starts from the same data."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / master.name
    shutil.copyfile(master, copy)
    return copy


@dataclass(frozen=True)
class Master:
    """A kind of master data file, told apart by what it holds. A test run builds each
    kind once, on first use (MasterFiles, the `master_files` fixture); a test works on a
    copy (the `copy_master` fixture). Kinds with the same `fill` function are the same
    kind, so define a kind once, next to its data, and import it."""

    demo: bool = False  # the generated demo bureau
    roles: bool = True  # one account per role: ROLE_USERS, all with PASSWORD
    fill: Callable[[Workspace], object] | None = None  # more data, as the administrator
    closed: bool = True  # the demo's periods closed as `kaohe init --demo` closes them

    def build(self, folder: Path) -> Path:
        if self.demo and not self.closed:
            workspace = new_unclosed_demo(folder, roles=self.roles)
        else:
            workspace = new_workspace(folder, demo=self.demo, roles=self.roles)
        try:
            if self.fill is not None:
                self.fill(workspace)
        finally:
            workspace.close()
        return workspace.path

    @property
    def label(self) -> str:
        parts = ["demo" if self.demo else "empty", "roles" if self.roles else "admin"]
        if self.demo and not self.closed:
            parts.append("unclosed")
        if self.fill is not None:
            parts.append(self.fill.__name__.strip("_"))
        return "master-" + "-".join(parts)


DEMO_ROLES = Master(demo=True)  # the demo bureau, an account per role
DEMO = Master(demo=True, roles=False)  # the demo bureau, its administrator only
# The demo bureau before any period was closed: for the tests of closing and reopening.
DEMO_ROLES_UNCLOSED = Master(demo=True, closed=False)
ROLES = Master()  # an account per role, no bureau data


class MasterFiles:
    """The master files of one test run: each kind built once, in its own folder."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._factory = tmp_path_factory
        self._built: dict[Master, Path] = {}

    def __getitem__(self, kind: Master) -> Path:
        if kind not in self._built:
            self._built[kind] = kind.build(self._factory.mktemp(kind.label))
        return self._built[kind]

    def copy(self, kind: Master, folder: Path) -> Path:
        return copy_to(self[kind], folder)


class CopyMaster(Protocol):
    """The `copy_master` fixture: a copy of `kind` in `folder` (default: tmp_path)."""

    def __call__(self, kind: Master, folder: Path | None = None) -> Path: ...
