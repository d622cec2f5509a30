"""What the live refresh is told after a commit: this workspace's own saves are not a
change (they never reload its own screens); another workstation's are, with the
tables they wrote; a lease taken or given back elsewhere is a lease change only.
(The ids of a write that rolled back: tests/storage/test_own_writes.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.factories import DEMO, CopyMaster, sign_in

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.services.files.live import ChangeSet, DataVersionWatcher, FileState
from kaohe_desktop.services.workspace import Workspace


@dataclass
class TwoDesks:
    ours: Workspace
    theirs: Workspace  # another workstation on the same file
    watcher: DataVersionWatcher  # ours


@pytest.fixture
def desks(copy_master: CopyMaster) -> Iterator[TwoDesks]:
    path: Path = copy_master(DEMO)
    ours = sign_in(path, daily_backup=False)
    theirs = sign_in(path, daily_backup=False)
    watcher = ours.change_watcher()
    yield TwoDesks(ours, theirs, watcher)
    watcher.close()
    ours.close()
    theirs.close()


def _rename(workspace: Workspace, index: int, name: str) -> int:
    """Save a person's new name under its lease, as the archive's editor does."""
    person = workspace.people.listing()[index]
    lease = workspace.leases.acquire(person_scope(person.id), person.name)
    draft = workspace.people.load(person.id).draft().with_value("name", name)
    workspace.people.save(draft, lease)
    workspace.leases.release(lease)
    return person.id


def test_our_own_save_is_not_a_change(desks: TwoDesks) -> None:
    _rename(desks.ours, 0, "张自己")
    assert desks.watcher.poll_changes() == (FileState.UNCHANGED, ChangeSet())


def test_a_save_with_no_lease_leaves_nothing_to_tell(desks: TwoDesks) -> None:
    desks.ours.departments.add("自己加的科")
    assert desks.watcher.poll_changes() == (FileState.UNCHANGED, ChangeSet())


def test_another_workstations_save_names_its_tables_and_rows(desks: TwoDesks) -> None:
    person_id = _rename(desks.theirs, 1, "李别人")
    state, change = desks.watcher.poll_changes()
    assert state is FileState.CHANGED
    assert "person" in change.tables and change.touches({"person", "talk"})
    assert not change.touches({"ledger_task", "check_record"})
    assert change.rows_of("person") == frozenset({str(person_id)})
    assert change.added_or_removed == frozenset()  # an update: no row added or removed
    assert not change.leases  # taken and given back between two polls: as it was
    assert desks.watcher.poll_changes() == (FileState.UNCHANGED, ChangeSet())  # told once


def test_ours_and_theirs_between_two_polls_tell_only_theirs(desks: TwoDesks) -> None:
    desks.ours.departments.add("我们加的")
    _rename(desks.theirs, 2, "王别人")
    desks.ours.departments.add("又是我们")
    state, change = desks.watcher.poll_changes()
    assert state is FileState.CHANGED
    assert "person" in change.tables and "department" not in change.tables


def test_a_lease_taken_elsewhere_is_a_lease_change_only(desks: TwoDesks) -> None:
    person = desks.theirs.people.listing()[3]
    lease = desks.theirs.leases.acquire(person_scope(person.id), person.name)
    state, change = desks.watcher.poll_changes()
    assert state is FileState.CHANGED and change.leases and not change.tables
    desks.theirs.leases.heartbeat(lease)  # alive: not a change of who holds what
    assert desks.watcher.poll_changes() == (FileState.UNCHANGED, ChangeSet())
    desks.theirs.leases.release(lease)
    assert desks.watcher.poll_changes()[1].leases
