"""The live refresh across processes: another workstation's committed score is told at
the next poll, with its table and row; this workstation's own saves never are.

On a data file the watcher reads PRAGMA data_version; on a PostgreSQL server it polls
the audit head and the leases (storage/server_watcher.py). The other workstation is
a process of its own, as it would be.
"""

from __future__ import annotations

from pathlib import Path

from tests.factories import sign_in
from tests.reliability import child_crash, processes
from tests.reliability.conftest import CLERK_ACCOUNT, Masters, Place, on_server

from kaohe_desktop.domain.periods import parse_quarter
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.files.live import ChangeSet, FileState
from kaohe_desktop.storage.server_watcher import ServerWatcher

QUARTER = "2026Q2"


def test_another_processes_score_is_seen_at_the_next_poll_and_our_own_saves_are_not(
    tmp_path: Path, masters: Masters, place: Place
) -> None:
    source = place(masters.demo, tmp_path)
    ours = sign_in(source, Role.ADMIN, daily_backup=False)  # type: ignore[arg-type]
    watcher = ours.change_watcher()
    assert isinstance(watcher, ServerWatcher) == on_server(source)
    assert watcher.poll_changes() == (FileState.UNCHANGED, ChangeSet())

    # Our own save: committed, and not a change to reload for.
    department = ours.departments.load(masters.departments[0])
    ours.departments.save(department.draft().with_value("sort_order", 55))
    assert watcher.poll_changes() == (FileState.UNCHANGED, ChangeSet())

    # Another workstation's score, committed before the poll.
    log = tmp_path / "score.log"
    process = processes.start(
        child_crash.enter_score, str(source), CLERK_ACCOUNT, QUARTER, str(log)
    )
    processes.finish(process)
    lines = processes.lines(log)
    assert lines[-1] == "DONE", lines
    _ack, _person, assessment_id, leader = lines[0].split()
    state, change = watcher.poll_changes()
    assert state is FileState.CHANGED
    assert "quarterly_assessment" in change.tables
    assert change.rows_of("quarterly_assessment") == frozenset({assessment_id})
    assert "department" not in change.tables  # ours, not told
    assert not change.leases  # the lease was taken and given back between two polls
    assert watcher.poll_changes() == (FileState.UNCHANGED, ChangeSet())  # told once
    # Reading again (what the screen does when told) shows their score.
    rows = ours.grading.sheet(parse_quarter(QUARTER)).rows
    assert [str(r.leader) for r in rows if str(r.assessment_id) == assessment_id] == [leader]
    watcher.close()
    ours.close()
