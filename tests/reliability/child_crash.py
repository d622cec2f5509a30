"""Child programs for the concurrency and kill -9 tests (run in their own processes).

Each one works through the real service layer, as a signed-in account, and logs a
flushed "ACK …" line only after the service call that committed has returned: the
line is the clerk seeing "已保存". Anything logged as ACK must survive a kill.
"""

from __future__ import annotations

import functools
import os
import random
import sys
import time
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, ParamSpec

# Imported here so that the fork server has them loaded before it forks a child.
import alembic.command  # noqa: F401  (a migration child needs it at once)
from sqlalchemy.orm import Session
from tests.factories import DEMO_AS_OF

from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import parse_quarter
from kaohe_desktop.domain.roles import Actor, Role
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.errors import BusyError, EditConflictError
from kaohe_desktop.services.quarterly.views import ScoreChange, ScoreField
from kaohe_desktop.services.workspace import Workspace, begin_open, open_workspace
from kaohe_desktop.storage.models import DepartmentRow

P = ParamSpec("P")
MAX_LOOP = 100_000  # a looping child is meant to be killed long before this
# What hold_write_open adds to a department's sort_order and never commits.
HALF_WRITTEN = 1000


class Log:
    """Append-only lines, each flushed to the kernel before the call returns."""

    def __init__(self, path: str) -> None:
        self._file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the child

    def line(self, *parts: object) -> None:
        self._file.write(" ".join(str(part) for part in parts) + "\n")
        self._file.flush()


def child(function: Callable[P, None]) -> Callable[P, None]:
    """Log an unexpected exception as ERROR (the parent fails on it) and exit non-zero."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            function(*args, **kwargs)
        except BaseException as error:
            Log(str(args[-1])).line("ERROR", f"{type(error).__name__}: {error}".replace("\n", " "))
            traceback.print_exc(file=sys.stderr)
            os._exit(1)

    return run


def _sign_in(path: str, account: tuple[str, str]) -> Workspace:
    return open_workspace(path, Credentials(*account), daily_backup=False)


def _as_admin(path: str, account: tuple[str, str]) -> Workspace:
    """What signing in as the administrator gives, minus the password check: Argon2 is
    slow on purpose (about half a second here), and a hundred kill trials would spend
    most of their time hashing. The crash is what is under test, not the sign-in."""
    return Workspace(begin_open(path).opened, Actor(account[0], account[0], Role.ADMIN))


@child
def save_loop(path: str, account: tuple[str, str], departments: list[int], log_path: str) -> None:
    """Bump sort_order of the departments in turn until killed."""
    workspace = _as_admin(path, account)
    log = Log(log_path)
    log.line("READY")
    for i in range(MAX_LOOP):
        department = departments[i % len(departments)]
        snapshot = workspace.departments.load(department)
        value = snapshot.values["sort_order"] + 1
        saved = workspace.departments.save(snapshot.draft().with_value("sort_order", value))
        log.line("ACK", department, saved.values["sort_order"], saved.version)
    log.line("DONE")


@child
def import_once(path: str, account: tuple[str, str], log_path: str) -> None:
    """Import the whole demo bureau (one transaction) into a file that has none of it."""
    workspace = _as_admin(path, account)
    book = generate_demo_book(as_of=DEMO_AS_OF)
    log = Log(log_path)
    log.line("READY")
    result = workspace.importer.apply(book)
    log.line("ACK", result.changed)
    log.line("DONE")


@child
def migrate_once(path: str, backup_dir: str, log_path: str) -> None:
    """Open a schema-1 file: back it up, then migrate it to the current schema."""
    os.environ["KAOHE_BACKUP_DIR"] = backup_dir
    log = Log(log_path)
    log.line("READY")
    pending = begin_open(path)
    log.line("ACK", pending.opened.migrated_from, pending.opened.migration_backup)
    pending.close()
    log.line("DONE")


@child
def backup_loop(path: str, account: tuple[str, str], backup_dir: str, log_path: str) -> None:
    """Take verified backups one after another until killed."""
    workspace = _as_admin(path, account)
    log = Log(log_path)
    log.line("READY")
    for _ in range(MAX_LOOP):
        copy = workspace.backup(Path(backup_dir))
        log.line("ACK", copy.name)
    log.line("DONE")


@child
def contend(
    path: str,
    account: tuple[str, str],
    departments: list[int],
    cycles: int,
    seed: int,
    go_file: str,
    log_path: str,
) -> None:
    """Load-edit-save cycles on rows other processes edit too.

    Every attempt ends as exactly one of: ACK (committed), CONFLICT (the service
    refused a stale draft), BUSY (no write lock within the bound); anything else is
    logged as OTHER and fails the test.
    """
    workspace = _sign_in(path, account)
    log = Log(log_path)
    rng = random.Random(seed)
    log.line("READY")
    while not os.path.exists(go_file):  # start together, so the cycles overlap
        time.sleep(0.001)
    counts: dict[str, int] = {"commits": 0, "conflicts": 0, "busy": 0, "other": 0}
    for _ in range(cycles):
        department = rng.choice(departments)
        outcome: tuple[Any, ...]
        try:
            snapshot = workspace.departments.load(department)
            # A clerk's think time between reading and saving widens the race window.
            time.sleep(rng.uniform(0, 0.004))
            draft = snapshot.draft().with_value("sort_order", snapshot.values["sort_order"] + 1)
            saved = workspace.departments.save(draft)
            outcome = ("ACK", department, saved.values["sort_order"], saved.version)
            counts["commits"] += 1
        except EditConflictError as error:
            outcome = ("CONFLICT", department, error.conflict.their_version)
            counts["conflicts"] += 1
        except BusyError:
            outcome = ("BUSY", department)
            counts["busy"] += 1
        except Exception as error:
            outcome = ("OTHER", department, f"{type(error).__name__}: {error}".replace("\n", " "))
            counts["other"] += 1
        log.line(*outcome)
    log.line("DONE", *(f"{key}={value}" for key, value in counts.items()))


@child
def hold_write_open(path: str, account: tuple[str, str], department: int, log_path: str) -> None:
    """Stop inside a write transaction, holding the write lock (the file's, or the
    server's advisory lock), with an UPDATE and its audit row already sent, until killed."""
    workspace = _as_admin(path, account)
    uow = workspace.opened.unit_of_work(account[0])
    log = Log(log_path)

    def work(session: Session) -> None:
        row = session.get(DepartmentRow, department)
        assert row is not None
        row.sort_order += HALF_WRITTEN
        session.flush()  # the UPDATE and its audit row are in the open transaction
        log.line("INSIDE", row.sort_order)
        for _ in range(MAX_LOOP):
            time.sleep(1)

    log.line("READY")
    uow.write(work)
    log.line("DONE")


@child
def enter_score(path: str, account: tuple[str, str], quarter: str, log_path: str) -> None:
    """Another workstation types one 领导测评分 in the quarter's sheet, under the
    department's lease (taken and given back), as the quarterly grid does."""
    workspace = _sign_in(path, account)
    log = Log(log_path)
    period = parse_quarter(quarter)
    row = workspace.grading.sheet(period).rows[0]
    lease = workspace.leases.acquire(grading_scope(quarter, row.department_id), row.department)
    value = Decimal(90) if row.leader != Decimal(90) else Decimal(91)
    change = ScoreChange(row.person_id, ScoreField.LEADER, value, row.version)
    sheet = workspace.grading.set_scores(period, [change], [lease])
    workspace.leases.release(lease)
    saved = next(r for r in sheet.rows if r.person_id == row.person_id)
    log.line("ACK", row.person_id, saved.assessment_id, saved.leader)
    workspace.close()
    log.line("DONE")
