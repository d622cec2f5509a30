"""kill -9 at random points of saves, a whole-book import, a migration and a backup.

A killed workstation must never cost an acknowledged write, leave a half import or a
half migration, or leave a backup that is listed without being a verified copy.
Trial counts are in kill_trials.KILL_TRIALS; the delays come from a seeded RNG, so a
failing trial is reproduced by its number.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from sqlalchemy import select
from tests.reliability import child_crash
from tests.reliability.conftest import ADMIN_ACCOUNT, Masters
from tests.reliability.figures import record
from tests.reliability.kill_trials import (
    KILL_TRIALS,
    Tally,
    count_rows,
    kill_after,
    reopen_checked,
    rng,
    timed_run,
)

from kaohe_desktop.storage.backup import PARTIAL_SUFFIX, list_backups, verify_backup, verify_copy
from kaohe_desktop.storage.database import OpenedFile
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

SAVE_WINDOW_S = 0.5  # the save loop runs until killed: any point in it will do
BACKUP_WINDOW_S = 0.6
# Single-shot work is killed anywhere from its start to a little past its calibrated end,
# so that some trials land on the commit and some after it.
WINDOW_FACTOR = 1.5
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
        acked = {
            d: [(int(v), int(ver)) for dep, v, ver in killed.acks if int(dep) == d] for d in ids
        }
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
        unacknowledged_commits += extra
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


def test_trials_add_up_to_at_least_a_hundred() -> None:
    assert sum(KILL_TRIALS.values()) >= 100
