"""Backups belong to a data file by its identity (id and bureau), not by its name.

Issue 12 item 3: two bureaus' files both named 考核台账.kaohe (the name the README
recommends) shared one backup namespace, so the second got no daily backup and its
restore list offered the other bureau's backup. Rotation also leaves no stale
".partial-journal" behind, and never removes a live one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.factories import ADMIN, CopyMaster, Master, fingerprint, sign_in

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.workspace import Workspace, create_workspace, open_workspace
from kaohe_desktop.storage.backup import RESTORED_FROM_KEY
from kaohe_desktop.storage.errors import FileReplacedError, ReadOnlyError
from kaohe_desktop.storage.identity import FILE_ID_KEY, identity_of_file
from kaohe_desktop.storage.server_backup import backup_source_name
from kaohe_desktop.storage.server_database import stand_in_path
from kaohe_desktop.storage.source import is_server_url, parse_server_url

OURS = "测试县市场监督管理局"  # the bureau of tests.factories' files
THEIRS = "乙县市场监督管理局"
TWO_DAYS = 2 * 24 * 3600
ROLES_ONLY = Master()


@pytest.fixture
def path(copy_master: CopyMaster, tmp_path: Path) -> Path:
    return copy_master(ROLES_ONLY, tmp_path / "甲局共享盘")


def _named(path: Path) -> Path:
    """The name the backups of `path` carry: the file's; a server database's stand-in
    name (数据库@服务器-端口) with ".kaohe"."""
    if is_server_url(path):
        return backup_source_name(stand_in_path(parse_server_url(str(path))))
    return path


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False)
    yield workspace
    workspace.close()


@pytest.fixture
def theirs(path: Path, tmp_path: Path) -> Iterator[Workspace]:
    """Another bureau's file with the same name, backing up into the same folder."""
    other = tmp_path / "乙局共享盘" / _named(path).name
    other.parent.mkdir()
    workspace = create_workspace(other, admin=ADMIN, bureau_name=THEIRS)
    yield workspace
    workspace.close()


def test_two_bureaus_files_of_the_same_name_each_get_their_own_daily_backup(
    path: Path, theirs: Workspace, tmp_path: Path
) -> None:
    assert theirs.path.name == _named(path).name
    ours = open_workspace(path, ADMIN)  # the day's first open: our automatic backup
    try:
        assert ours.backups.folder() == theirs.backups.folder() == tmp_path / "备份"
        theirs.daily_backup()  # the same day, the same folder: theirs is made all the same
        [mine] = ours.backups.backups()
        [their] = theirs.backups.backups()
        assert mine.automatic and their.automatic and mine.path != their.path
        assert (mine.bureau, their.bureau) == (OURS, THEIRS)
        identity = theirs.backups.identity
        assert identity is not None
        assert their.path.name.startswith(f"{_named(path).stem}-{THEIRS}-{identity.short_id}-")
        assert identity_of_file(their.path).file_id == identity.file_id
        assert ours.backups.daily() is None and theirs.backups.daily() is None
    finally:
        ours.close()


def test_the_restore_list_offers_only_the_open_files_own_backups(
    admin: Workspace, theirs: Workspace
) -> None:
    mine = admin.backups.backup_now()
    their = theirs.backups.backup_now()
    assert mine.parent == their.parent
    assert [b.path for b in admin.backups.backups()] == [mine]
    assert [b.path for b in theirs.backups.backups()] == [their]


def _leftover(folder: Path, name: str, *, stale: bool) -> Path:
    path = folder / name
    path.write_bytes(b"half")
    if stale:
        old = time.time() - TWO_DAYS
        os.utime(path, (old, old))
    return path


def test_rotation_removes_stale_partial_journals_but_never_a_live_one(
    admin: Workspace, path: Path, tmp_path: Path
) -> None:
    """The backup folder set to the data file's own folder, the worst case: the data
    file's journal sits among the leftovers."""
    folder, named = tmp_path / "甲局共享盘", _named(path)
    admin.backups.set_folder(folder)
    stem = named.stem
    killed = _leftover(folder, f"{stem}-20200101-080000-自动.11-aaaa1111.partial", stale=True)
    killed_journal = _leftover(folder, killed.name + "-journal", stale=True)
    orphan_name = f"{stem}-20200102-080000-自动.12-bbbb2222.partial-journal"
    orphan = _leftover(folder, orphan_name, stale=True)  # its copy was removed already
    # A copy being written now: its journal is live whatever its own time says, and so
    # is a fresh journal whose copy was last written long ago.
    live = _leftover(folder, f"{stem}-20200103-080000-手动.13-cccc3333.partial", stale=False)
    live_journal = _leftover(folder, live.name + "-journal", stale=True)
    slow = _leftover(folder, f"{stem}-20200104-080000-自动.14-dddd4444.partial", stale=True)
    slow_journal = _leftover(folder, slow.name + "-journal", stale=False)
    data_journal = _leftover(folder, f"{named.name}-journal", stale=True)
    data_journal.write_bytes(b"")  # empty, so the next open is not an unclean one
    os.utime(data_journal, (time.time() - TWO_DAYS,) * 2)

    assert admin.backups.daily() is not None
    assert not killed.exists() and not killed_journal.exists() and not orphan.exists()
    assert live.exists() and live_journal.exists()
    assert slow.exists() and slow_journal.exists()
    assert data_journal.exists()


def test_backups_named_before_ids_are_attributed_by_their_content(
    admin: Workspace, theirs: Workspace, path: Path
) -> None:
    """Names without an id ("考核台账-20250101-090000-自动.kaohe"): listed only when the
    copy inside is of this file."""
    folder = admin.backups.folder()
    mine = admin.backups.backup_now()
    their = theirs.backups.backup_now(folder)
    stem = _named(path).stem
    old_mine = folder / f"{stem}-20250101-090000-自动.kaohe"
    old_theirs = folder / f"{stem}-20250102-090000-自动.kaohe"
    shutil.copyfile(mine, old_mine)
    shutil.copyfile(their, old_theirs)
    listed = {b.path: b.bureau for b in admin.backups.backups()}
    assert listed == {mine: OURS, old_mine: OURS}
    assert old_theirs in {b.path for b in theirs.backups.backups()}


def test_a_restored_file_is_a_file_of_its_own(admin: Workspace, tmp_path: Path) -> None:
    backup = admin.backup()
    target = tmp_path / "恢复" / "考核台账.kaohe"
    target.parent.mkdir()
    admin.backups.restore(backup, target)
    identity = admin.backups.identity
    assert identity is not None
    restored = sign_in(target, Role.ADMIN, daily_backup=False)
    try:
        new = restored.backups.identity
        assert new is not None and new.file_id != identity.file_id and new.bureau == OURS
        assert restored.backups.backups() == []  # the original's backups stay the original's
        assert restored.check().ok
    finally:
        restored.close()
    connection = sqlite3.connect(target)
    meta = dict(connection.execute("SELECT key, value FROM app_meta").fetchall())
    connection.close()
    assert meta[RESTORED_FROM_KEY] == identity.file_id and meta[FILE_ID_KEY] == new.file_id


# It replaces the data file on disk under the open workspace: a server database has no
# file to replace.
@pytest.mark.file_only
def test_a_backup_of_a_file_replaced_underneath_is_refused(
    admin: Workspace, theirs: Workspace
) -> None:
    other = theirs.path
    theirs.close()
    before = fingerprint(other)
    os.replace(other, admin.path)
    with pytest.raises(FileReplacedError, match="数据文件已被替换"):
        admin.backups.backup_now()
    folder = admin.backups.folder()
    assert not folder.exists() or not list(folder.iterdir())  # nothing filed under our id
    assert fingerprint(admin.path) == before
    assert admin.read_only
    with pytest.raises(ReadOnlyError, match="数据文件已被替换"):
        admin.departments.add("办公室")
