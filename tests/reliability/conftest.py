"""Master data files built once per run and copied per test, and the figures table.

Building the demo bureau takes a few seconds; a byte copy takes milliseconds, so each
test gets its own fresh copy of a master instead of building one.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from alembic import command
from sqlalchemy import select
from tests.factories import ADMIN, PASSWORD, ROLE_USERS, ROLES, Master, MasterFiles
from tests.pg_support import PgPlace
from tests.reliability import figures

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.database import OpenedFile, open_data_file
from kaohe_desktop.storage.engine import DEFAULT_BUSY_TIMEOUT_MS, make_engine, write_engine
from kaohe_desktop.storage.migrate import alembic_config
from kaohe_desktop.storage.models import DepartmentRow, PersonRow
from kaohe_desktop.storage.server_database import open_server_database
from kaohe_desktop.storage.source import is_server_url, parse_server_url

# The suite needs POSIX: a fork server, SIGKILL, setuid to nobody, RLIMIT_FSIZE.
if sys.platform == "win32":
    collect_ignore_glob = ["test_*.py"]

# Extra 录入员 accounts, so that five processes each sign in as someone else.
EXTRA_CLERKS = ("clerk2", "clerk3", "clerk4")
FILE_NAME = "考核台账.kaohe"
# Where a test's data lives: a data file, or (issue 17) the URL of a server database
# of its own, signed in as the clerks' least-privileged account kaohe_app.
Source = Path | str
Place = Callable[[Path, Path], Source]


def on_server(source: Source) -> bool:
    return isinstance(source, str) and is_server_url(source)


def open_source(
    source: Source, *, read_only: bool = False, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> OpenedFile:
    """storage's open of a data file or of a server database (no account needed)."""
    if on_server(source):
        address = parse_server_url(str(source))
        return open_server_database(
            address, force_read_only=read_only, busy_timeout_ms=busy_timeout_ms
        )
    return open_data_file(source, force_read_only=read_only, busy_timeout_ms=busy_timeout_ms)


def exported_changes(path: str | Path) -> dict[str, tuple[str, str]]:
    """The changed rows of an exported unsaved edit: label → (value when opened, mine)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(workbook["未保存的修改"].iter_rows(values_only=True))
    finally:
        workbook.close()
    return {
        str(row[0]): (str(row[1] or ""), str(row[2] or ""))
        for row in rows
        if len(row) >= 4 and row[3] == "是"
    }


def account(username: str) -> tuple[str, str]:
    return (username, PASSWORD)


ADMIN_ACCOUNT = account(ADMIN.username)
CLERK_ACCOUNT = account(ROLE_USERS[Role.CLERK])
# Accounts allowed to enter data, one per concurrent process.
WRITERS = (ADMIN_ACCOUNT, CLERK_ACCOUNT, *(account(name) for name in EXTRA_CLERKS))


@dataclass(frozen=True)
class Masters:
    demo: Path  # the demo bureau, accounts for every role and three more clerks
    base: Path  # accounts only, no bureau data: the target of a whole-book import
    v1: Path  # the demo file downgraded to schema version 1 (before leases and locks)
    departments: tuple[int, ...]  # three department ids of the demo file
    person: int  # a person id of the demo file

    def copy(self, master: Path, directory: Path, name: str = FILE_NAME) -> Path:
        return copy_file(master, directory, name)


def copy_file(master: Path, directory: Path, name: str = FILE_NAME) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    shutil.copyfile(master, target)
    return target


@pytest.fixture
def place(backend: str, request: pytest.FixtureRequest) -> Place:
    """place(master, folder): this test's own copy of a master on its backend — the file
    copied into `folder`, or a server database cloned from it (its 佐证材料 in `folder`)."""
    if backend == "sqlite":
        return copy_file
    pg: PgPlace = request.getfixturevalue("pg_place")
    return lambda master, folder: pg.clone(master, folder / "佐证材料")


def _downgrade_to_v1(path: Path) -> None:
    """Revision 0002's own downgrade: the file is then exactly what version 1 wrote
    (user_version 1, alembic at 0001, no edit_lease or period_lock tables), with the
    demo bureau's data and audit chain in it."""
    engine = make_engine(path, read_only=False)
    try:
        with write_engine(engine).begin() as connection:
            command.downgrade(alembic_config(connection), "0001")
    finally:
        engine.dispose()


def _extra_clerks(workspace: Workspace) -> None:
    for name in EXTRA_CLERKS:
        workspace.accounts.add_account(name, f"录入员{name}", Role.CLERK, PASSWORD)


# The demo bureau, an account per role and three more 录入员; none of its periods closed
# yet (the tests close and reopen them, and a version-1 file never had a closed period).
DEMO_FIVE_WRITERS = Master(demo=True, closed=False, fill=_extra_clerks)


@pytest.fixture(scope="session")
def masters(master_files: MasterFiles, tmp_path_factory: pytest.TempPathFactory) -> Masters:
    """Built through the run's master_files (`base` is the same build as tests/services'
    ROLES); the tests never write to a master, only to copies."""
    demo = master_files[DEMO_FIVE_WRITERS]
    opened = open_data_file(demo, force_read_only=True)
    try:
        with opened.unit_of_work("test").read() as session:
            ids = select(DepartmentRow.id).order_by(DepartmentRow.id)
            departments = tuple(session.scalars(ids))
            person = session.scalars(select(PersonRow.id).order_by(PersonRow.id)).first()
    finally:
        opened.close()
    v1 = tmp_path_factory.mktemp("masters") / "v1.kaohe"
    shutil.copyfile(demo, v1)
    _downgrade_to_v1(v1)
    assert person is not None and len(departments) >= 3
    return Masters(demo, master_files[ROLES], v1, departments[:3], person)


@pytest.fixture(scope="session", autouse=True)
def _figures_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    yield
    if figures.FIGURES:
        path = tmp_path_factory.getbasetemp() / "reliability-figures.json"
        figures.write_json(path)
        print(f"\n[reliability] figures written to {path} (and the table to {path.stem}.md)")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if figures.FIGURES:
        terminalreporter.section("reliability figures")
        for line in figures.summary_lines():
            terminalreporter.write_line(line)
        table = figures.concurrency_table()
        if table:
            terminalreporter.section("concurrency figures (docs/RELIABILITY.md §4)")
            for line in table:
                terminalreporter.write_line(line)
