"""kill -9 at random points of saves, a whole-book import, a migration and a backup.

A killed workstation must never cost an acknowledged write, leave a half import or a
half migration, or leave a backup that is listed without being a verified copy.
Trial counts are in kill_trials.KILL_TRIALS; the delays come from a seeded RNG, so a
failing trial is reproduced by its number.

On a PostgreSQL server (issue 17) the client killed is a workstation whose write
transaction the server holds: the server must roll it back when the connection drops
and release the writer lock, so the next writer goes on; nothing half-written is ever
seen, and the audit log stays one verified chain.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.factories import sign_in
from tests.pg_support import PgPlace
from tests.reliability import child_crash, processes
from tests.reliability.conftest import ADMIN_ACCOUNT, Masters, Place, on_server, open_source
from tests.reliability.figures import SCALE, record
from tests.reliability.kill_trials import (
    KILL_TRIALS,
    Tally,
    count_rows,
    kill_after,
    reopen_checked,
    rng,
    timed_run,
)

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.errors import BusyError
from kaohe_desktop.services.workspace import PendingOpen
from kaohe_desktop.storage.audit import verify_chain
from kaohe_desktop.storage.backup import PARTIAL_SUFFIX, list_backups, verify_backup, verify_copy
from kaohe_desktop.storage.database import OpenedFile, check_data_file
from kaohe_desktop.storage.migrate import SCHEMA_VERSION
from kaohe_desktop.storage.models import (
    AuditRow,
    CheckRow,
    DepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    TalkRow,
    TaskRow,
)
from kaohe_desktop.storage.schema_check import REVISIONS
from kaohe_desktop.storage.server_engine import WRITER_LOCK

T = TypeVar("T")

SAVE_WINDOW_S = 0.5  # the save loop runs until killed: any point in it will do
BACKUP_WINDOW_S = 0.6
# Single-shot work is killed anywhere from its start to a little past its calibrated end,
# so that some trials land on the commit and some after it.
WINDOW_FACTOR = 1.5
# On a server: fewer import trials (each costs a database and a 1–2 s import), aimed
# mostly inside the import.
SERVER_IMPORT_TRIALS = 8 * SCALE
SERVER_WINDOW_FACTOR = 1.2
IMPORTED = [DepartmentRow, PersonRow, TaskRow, CheckRow, QuarterlyAssessmentRow, TalkRow, AuditRow]
# Tables the migrations from version 1 to the current one create.
NEW_TABLES = {"edit_lease", "period_lock", "check_sample", "notice_task", "score_decision"}


def _departments(opened: OpenedFile, ids: tuple[int, ...]) -> dict[int, tuple[int, int]]:
    with opened.unit_of_work("check").read() as session:
        rows = session.scalars(select(DepartmentRow).where(DepartmentRow.id.in_(ids))).all()
        return {row.id: (row.sort_order, row.version) for row in rows}


def _department_updates(opened: OpenedFile, ids: tuple[int, ...], after_id: int) -> int:
    with opened.unit_of_work("check").read() as session:
        rows = session.scalars(
            select(AuditRow.action).where(
                AuditRow.id > after_id,
                AuditRow.entity == "department",
                AuditRow.entity_id.in_([str(i) for i in ids]),
            )
        ).all()
    assert set(rows) <= {"update"}
    return len(rows)


def _saves_kept(
    killed: Any,
    ids: Sequence[int],
    initial: dict[int, tuple[int, int]],
    final: dict[int, tuple[int, int]],
    where: str,
) -> int:
    """Every acknowledged save of a killed save loop is there and at most the one in
    flight went further; returns how many commits were not acknowledged (0 or 1)."""
    acked = {d: [(int(v), int(ver)) for dep, v, ver in killed.acks if int(dep) == d] for d in ids}
    extra = 0
    for department in ids:
        start_value, start_version = initial[department]
        value, version = final[department]
        committed = value - start_value
        # Value and version moved together: no torn or doubled write.
        assert version - start_version == committed, where
        # Every acknowledged save is there; at most the one in flight went further.
        assert committed in (len(acked[department]), len(acked[department]) + 1), where
        if acked[department]:
            assert (value, version) >= acked[department][-1], where
        extra += committed - len(acked[department])
    assert extra <= 1, where
    return extra


def test_kill_during_saves(tmp_path: Path, masters: Masters) -> None:
    ids = masters.departments
    master = reopen_checked(masters.demo, None, "master", force_read_only=True)
    initial = _departments(master, ids)
    audit_start = count_rows(master, [AuditRow])[0]
    master.close()
    random, tally, started = rng("save"), Tally(), time.monotonic()
    unacknowledged_commits = 0
    for trial in range(KILL_TRIALS["save"]):
        folder = tmp_path / f"t{trial}"
        path = masters.copy(masters.demo, folder)
        args = (str(path), ADMIN_ACCOUNT, list(ids))
        delay = random.uniform(0, SAVE_WINDOW_S)
        killed = kill_after(child_crash.save_loop, args, folder / "log", path, delay, trial)
        tally.add(killed)
        where = killed.where("save")
        opened = reopen_checked(path, killed, "save")
        final = _departments(opened, ids)
        unacknowledged_commits += _saves_kept(killed, ids, initial, final, where)
        committed_total = sum(final[d][0] - initial[d][0] for d in ids)
        assert _department_updates(opened, ids, audit_start) == committed_total, where
        opened.close()
        shutil.rmtree(folder)
    tally.seconds = round(time.monotonic() - started, 1)
    record(
        "kill -9 during saves",
        **vars(tally),
        committed_not_acked=unacknowledged_commits,
    )


def test_kill_during_import(tmp_path: Path, masters: Masters) -> None:
    base = reopen_checked(masters.base, None, "base", force_read_only=True)
    before = count_rows(base, IMPORTED)
    base.close()
    calibration = masters.copy(masters.base, tmp_path / "calibration")
    duration = timed_run(
        child_crash.import_once, (str(calibration), ADMIN_ACCOUNT), tmp_path / "calibration" / "log"
    )
    full = reopen_checked(calibration, None, "import")
    after = count_rows(full, IMPORTED)
    full.close()
    assert all(a > b for a, b in zip(after[:-1], before[:-1], strict=True))
    random, tally, started = rng("import"), Tally(), time.monotonic()
    outcomes = {"before": 0, "after": 0}
    for trial in range(KILL_TRIALS["import"]):
        folder = tmp_path / f"t{trial}"
        path = masters.copy(masters.base, folder)
        delay = random.uniform(0, duration * WINDOW_FACTOR)
        args = (str(path), ADMIN_ACCOUNT)
        killed = kill_after(child_crash.import_once, args, folder / "log", path, delay, trial)
        tally.add(killed)
        opened = reopen_checked(path, killed, "import")
        counts = count_rows(opened, IMPORTED)
        opened.close()
        # All or nothing: every table (and the audit log) before, or every one after.
        assert counts in (before, after), f"{killed.where('import')}: {counts}"
        if killed.acks:
            assert counts == after, killed.where("import")
        outcomes["after" if counts == after else "before"] += 1
        shutil.rmtree(folder)
    tally.seconds = round(time.monotonic() - started, 1)
    record(
        "kill -9 during import",
        **vars(tally),
        rows_imported=sum(after[:-1]) - sum(before[:-1]),
        import_seconds=round(duration, 2),
        ended_before=outcomes["before"],
        ended_after=outcomes["after"],
    )


def _schema_seen_after_rollback(path: Path, scratch: Path) -> tuple[int, set[str], str]:
    """The state a crash left, as SQLite recovers it, without completing the migration:
    a copy of the file and its journal is opened raw (which rolls the journal back)."""
    scratch.mkdir()
    copy = scratch / path.name
    shutil.copyfile(path, copy)
    journal = Path(f"{path}-journal")
    if journal.exists():
        shutil.copyfile(journal, Path(f"{copy}-journal"))
    connection = sqlite3.connect(copy)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return version, tables & NEW_TABLES, revision


def test_kill_during_migration(tmp_path: Path, masters: Masters) -> None:
    v1 = reopen_checked(masters.v1, None, "v1", force_read_only=True)
    data = count_rows(v1, IMPORTED[:-1])
    v1.close()
    folder = tmp_path / "calibration"
    path = masters.copy(masters.v1, folder)
    duration = timed_run(
        child_crash.migrate_once, (str(path), str(folder / "backups")), folder / "log"
    )
    random, tally, started = rng("migration"), Tally(), time.monotonic()
    states = {1: 0, SCHEMA_VERSION: 0}
    for trial in range(KILL_TRIALS["migration"]):
        folder = tmp_path / f"t{trial}"
        path = masters.copy(masters.v1, folder)
        backups = folder / "backups"
        delay = random.uniform(0, duration * WINDOW_FACTOR)
        args = (str(path), str(backups))
        killed = kill_after(child_crash.migrate_once, args, folder / "log", path, delay, trial)
        tally.add(killed)
        where = killed.where("migration")
        version, tables, revision = _schema_seen_after_rollback(path, folder / "scratch")
        # Either untouched version 1 or complete current version: never a mixture.
        assert (version, tables, revision) in (
            (1, set(), "0001"),
            (SCHEMA_VERSION, NEW_TABLES, REVISIONS[SCHEMA_VERSION]),
        ), f"{where}: {version}, {tables}, {revision}"
        if killed.acks:
            assert version == SCHEMA_VERSION, where
        states[version] += 1
        # Reopening finishes the job, keeps every row, and the chain still verifies.
        opened = reopen_checked(path, killed, "migration", backup_dir=backups)
        assert opened.schema_version == SCHEMA_VERSION, where
        assert count_rows(opened, IMPORTED[:-1]) == data, where
        opened.close()
        for backup in list_backups(backups, path):
            verify_copy(backup.path)
        shutil.rmtree(folder)
    tally.seconds = round(time.monotonic() - started, 1)
    record(
        "kill -9 during migration",
        **vars(tally),
        migration_seconds=round(duration, 2),
        found_v1=states[1],
        found_current=states[SCHEMA_VERSION],
    )


def test_kill_during_backup(tmp_path: Path, masters: Masters) -> None:
    random, tally, started = rng("backup"), Tally(), time.monotonic()
    partials = listed_total = 0
    for trial in range(KILL_TRIALS["backup"]):
        folder = tmp_path / f"t{trial}"
        path = masters.copy(masters.demo, folder)
        before = path.read_bytes()
        backups = folder / "backups"
        delay = random.uniform(0, BACKUP_WINDOW_S)
        args = (str(path), ADMIN_ACCOUNT, str(backups))
        killed = kill_after(child_crash.backup_loop, args, folder / "log", path, delay, trial)
        tally.add(killed)
        where = killed.where("backup")
        assert path.read_bytes() == before, where  # a backup only reads the data file
        listed = list_backups(backups, path)
        names = {backup.path.name for backup in listed}
        assert {name for (name,) in killed.acks} <= names, where
        for backup in listed:
            assert not backup.path.name.endswith(PARTIAL_SUFFIX), where
            verify_copy(backup.path)  # every listed backup is a good one
        if listed:
            verify_backup(listed[0].path)  # and the newest is fit to restore
        listed_total += len(listed)
        partials += len(list(backups.glob(f"*{PARTIAL_SUFFIX}*")))
        reopen_checked(path, killed, "backup").close()
        shutil.rmtree(folder)
    tally.seconds = round(time.monotonic() - started, 1)
    record(
        "kill -9 during backup",
        **vars(tally),
        backups_listed=listed_total,
        partials_left=partials,
    )


# --- a client killed inside its write transaction: a file and a server --------------

# This database's writer lock, as pg_locks shows it (a bigint key: its low half in objid).
WRITER_LOCKS_SQL = (
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid::bigint = %s "
    "AND granted = %s AND database = (SELECT oid FROM pg_database "
    "WHERE datname = current_database())"
)
# Sessions on this database, other than the asking one, still inside a transaction.
IN_TRANSACTION_SQL = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
)


def _server_count(opened: OpenedFile, sql: str, *parameters: object) -> int:
    with opened.engine.connect() as connection:
        found = connection.exec_driver_sql(sql, parameters).scalar()
        connection.rollback()
    return int(found or 0)


def _eventually(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Wait for a state of the server (no time asserted: only that it comes at all)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"never came: {what}"
        time.sleep(0.01)


def test_a_writer_killed_inside_its_transaction_leaves_nothing_and_blocks_no_one(
    tmp_path: Path, masters: Masters, place: Place, backend: str
) -> None:
    """A deterministic kill: the child stops inside its write transaction, holding the
    write lock, its UPDATE and audit row sent. Meanwhile a reader sees the row as it
    was, an impatient writer gets BusyError (it waits, never interleaves), a patient one
    waits; after SIGKILL the lock is free, the patient save goes through with the edit
    it was given, and the half-written change is nowhere."""
    source = place(masters.demo, tmp_path)
    department = masters.departments[0]
    admin = sign_in(source, Role.ADMIN, daily_backup=False)  # type: ignore[arg-type]
    impatient = PendingOpen(open_source(source, busy_timeout_ms=100)).sign_in(
        Credentials(*ADMIN_ACCOUNT)
    )
    before = admin.departments.load(department)
    rows_before = admin.audit_log.verify().rows
    log = tmp_path / "hold.log"
    process = processes.start(
        child_crash.hold_write_open, str(source), ADMIN_ACCOUNT, department, str(log)
    )
    processes.wait_for(log, "INSIDE", process)
    half = before.values["sort_order"] + child_crash.HALF_WRITTEN
    assert processes.lines(log)[-1] == f"INSIDE {half}"

    # A reader is not blocked and sees only what is committed.
    assert admin.departments.load(department).values == before.values
    # A second writer waits for the lock and, past its bound, gives up with its edit kept.
    draft = before.draft().with_value("sort_order", before.values["sort_order"] + 1)
    with pytest.raises(BusyError) as busy:
        impatient.departments.save(draft)
    assert "您的修改已保留" in str(busy.value)
    if on_server(source):
        assert _server_count(admin.opened, WRITER_LOCKS_SQL, WRITER_LOCK, True) == 1

    # A patient writer waits for the lock (on a server, pg_locks shows it waiting) …
    saved: list[Any] = []
    patient = threading.Thread(target=lambda: saved.append(admin.departments.save(draft)))
    patient.start()
    if on_server(source):
        _eventually(
            lambda: _server_count(admin.opened, WRITER_LOCKS_SQL, WRITER_LOCK, False) == 1,
            "the second writer waiting for the writer lock",
        )
    # … and goes on once the client holding it is killed: the lock was released.
    assert processes.kill(process), "the child left its transaction before the kill"
    patient.join(120)
    assert not patient.is_alive() and saved, "the second writer never got the lock"
    assert saved[0].values["sort_order"] == before.values["sort_order"] + 1
    assert saved[0].version == before.version + 1
    assert "DONE" not in processes.lines(log)

    # Nothing half-written: the killed change is gone, one audit row for the one save.
    checked = open_source(source)
    report = check_data_file(checked)
    assert report.integrity == ["ok"] and report.application_id_ok
    assert report.chain.ok and report.chain.rows == rows_before + 1, str(report.chain)
    assert report.records.ok
    if on_server(source):
        _eventually(
            lambda: _server_count(checked, IN_TRANSACTION_SQL) == 0,
            "no session of the killed client left inside a transaction",
        )
        assert _server_count(checked, WRITER_LOCKS_SQL, WRITER_LOCK, True) == 0
    checked.close()
    for workspace in (admin, impatient):
        workspace.close()


def _settled(opened: OpenedFile, ids: tuple[int, ...]) -> tuple[dict[int, tuple[int, int]], int]:
    """The departments and the last audit id, read under the writer lock: whatever a
    killed client's transaction was doing has ended (committed or rolled back) by then."""

    def read(session: Session) -> tuple[dict[int, tuple[int, int]], int]:
        rows = session.scalars(select(DepartmentRow).where(DepartmentRow.id.in_(ids))).all()
        last = session.scalar(select(AuditRow.id).order_by(AuditRow.id.desc()).limit(1))
        return {row.id: (row.sort_order, row.version) for row in rows}, int(last or 0)

    return opened.unit_of_work("check").write(read)


def test_kill_during_saves_on_a_server(tmp_path: Path, masters: Masters, pg_place: PgPlace) -> None:
    """The file's save-loop trials, on ONE server database killed again and again: each
    next trial's client must get the writer lock the last one died holding."""
    url = pg_place.clone(masters.demo, tmp_path / "佐证材料")
    ids = masters.departments
    opened = open_source(url)
    random, tally, started = rng("save-server"), Tally(), time.monotonic()
    unacknowledged_commits = 0
    state, audit_last = _settled(opened, ids)
    for trial in range(KILL_TRIALS["save"]):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        args = (url, ADMIN_ACCOUNT, list(ids))
        delay = random.uniform(0, SAVE_WINDOW_S)
        killed = kill_after(child_crash.save_loop, args, folder / "log", None, delay, trial)
        tally.add(killed)
        where = killed.where("save on a server")
        final, last = _settled(opened, ids)
        unacknowledged_commits += _saves_kept(killed, ids, state, final, where)
        committed_total = sum(final[d][0] - state[d][0] for d in ids)
        assert _department_updates(opened, ids, audit_last) == committed_total, where
        assert last - audit_last == committed_total, where  # nothing else was logged
        with opened.engine.connect() as connection:
            chain = verify_chain(connection)
            connection.rollback()
        assert chain.ok, f"{where}: {chain}"
        state, audit_last = final, last
        shutil.rmtree(folder)
    report = check_data_file(opened)
    assert report.integrity == ["ok"] and report.chain.ok and report.records.ok
    opened.close()
    tally.seconds = round(time.monotonic() - started, 1)
    record(
        "kill -9 during saves postgresql",
        **vars(tally),
        committed_not_acked=unacknowledged_commits,
    )


def _settled_counts(opened: OpenedFile) -> tuple[int, ...]:
    """count_rows, under the writer lock (see _settled)."""

    def read(session: Session) -> tuple[int, ...]:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0 for model in IMPORTED
        )

    return opened.unit_of_work("check").write(read)


def test_kill_during_import_on_a_server(
    tmp_path: Path, masters: Masters, pg_place: PgPlace
) -> None:
    """The whole-book import is one transaction on the server too: a client killed
    anywhere in it leaves every table as before or every table as after."""
    before = _settled_counts(open_source(pg_place.clone(masters.base, tmp_path / "base")))
    # From READY to ACK (the commit returned), the second of two runs: the first import
    # on a fresh server warms it up.
    for run in range(2):
        calibration = pg_place.clone(masters.base, tmp_path / f"calibration{run}")
        log = tmp_path / f"calibration{run}.log"
        process = processes.start(child_crash.import_once, calibration, ADMIN_ACCOUNT, str(log))
        processes.wait_for(log, "READY", process)
        begun = time.monotonic()
        processes.wait_for(log, "ACK", process)
        duration = time.monotonic() - begun
        processes.finish(process)
    after = _settled_counts(open_source(calibration))
    assert all(a > b for a, b in zip(after[:-1], before[:-1], strict=True))
    random, tally, started = rng("import-server"), Tally(), time.monotonic()
    outcomes = {"before": 0, "after": 0}
    for trial in range(SERVER_IMPORT_TRIALS):
        folder = tmp_path / f"t{trial}"
        url = pg_place.clone(masters.base, folder)
        delay = random.uniform(0, duration * SERVER_WINDOW_FACTOR)
        args = (url, ADMIN_ACCOUNT)
        killed = kill_after(child_crash.import_once, args, folder / "log", None, delay, trial)
        tally.add(killed)
        opened = open_source(url)
        counts = _settled_counts(opened)
        report = check_data_file(opened)
        opened.close()
        where = killed.where("import on a server")
        assert report.integrity == ["ok"] and report.chain.ok, f"{where}: {report.chain}"
        assert counts in (before, after), f"{where}: {counts}"
        if killed.acks:
            assert counts == after, where
        outcomes["after" if counts == after else "before"] += 1
        pg_place.drop(url)
    tally.seconds = round(time.monotonic() - started, 1)
    record(
        "kill -9 during import postgresql",
        **vars(tally),
        rows_imported=sum(after[:-1]) - sum(before[:-1]),
        import_seconds=round(duration, 2),
        ended_before=outcomes["before"],
        ended_after=outcomes["after"],
    )


def test_trials_add_up_to_at_least_a_hundred() -> None:
    assert sum(KILL_TRIALS.values()) >= 100
