"""services/backups: the daily automatic copy and its rotation, the folder the
administrator chooses, and restoring a backup into a new file (never a damaged one)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.factories import ADMIN, Clock, CopyMaster, Master, fingerprint, sign_in

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.workspace import Workspace, open_workspace
from kaohe_desktop.storage.backup import backup_name
from kaohe_desktop.storage.identity import FileIdentity
from kaohe_desktop.storage.models import DepartmentRow

CJK = re.compile(r"[\u4e00-\u9fff]")


def _one_department(workspace: Workspace) -> None:
    workspace._uow.write(lambda session: session.add(DepartmentRow(name="综合科")))


ONE_DEPARTMENT = Master(fill=_one_department)  # and an account per role


@pytest.fixture
def path(copy_master: CopyMaster, tmp_path: Path) -> Path:
    return copy_master(ONE_DEPARTMENT, tmp_path / "共享盘")


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False)
    yield workspace
    workspace.close()


def _fake(folder: Path, owner: FileIdentity, when: datetime, reason: str) -> Path:
    """A backup file as the rotation sees it (its name carries the file's bureau and id,
    the time and the reason)."""
    path = folder / backup_name(Path("考核台账.kaohe"), owner, reason, when)
    path.write_bytes(b"")
    return path


def _automatic(workspace: Workspace) -> list[datetime]:
    return [b.taken_at for b in workspace.backups.backups() if b.automatic]


def _department_names(workspace: Workspace) -> set[str]:
    with workspace._uow.read() as session:
        return set(session.scalars(select(DepartmentRow.name)))


# --- the daily backup ------------------------------------------------------------------


def test_the_first_open_of_a_day_makes_one_automatic_backup(path: Path, tmp_path: Path) -> None:
    workspace = open_workspace(path, ADMIN)
    try:
        assert workspace.backups.folder() == tmp_path / "备份"
        [backup] = workspace.backups.backups()
        assert backup.automatic and backup.reason == "自动"
        assert backup.path.parent == tmp_path / "备份"
        assert workspace.backups.daily() is None  # the same day: nothing more
        assert len(workspace.backups.backups()) == 1
    finally:
        workspace.close()
    sign_in(path, Role.CLERK).close()  # another account, the same day
    assert len(list((tmp_path / "备份").iterdir())) == 1


def test_one_daily_backup_per_folder(admin: Workspace, tmp_path: Path) -> None:
    first = admin.backups.daily()
    assert first is not None and first.parent == tmp_path / "备份"
    admin.backups.set_folder(tmp_path / "共享备份")
    second = admin.backups.daily()
    assert second is not None and second.parent == tmp_path / "共享备份"
    assert admin.backups.daily() is None
    assert first.exists() and second.exists()


def test_the_daily_backup_follows_the_workspace_clock(path: Path) -> None:
    clock = Clock(datetime(2030, 1, 1, 9, 0, 0))
    workspace = open_workspace(path, ADMIN, clock=clock)
    try:
        assert _automatic(workspace) == [datetime(2030, 1, 1, 9, 0, 0)]
        clock.now = datetime(2030, 1, 1, 17, 30, 0)
        assert workspace.backups.daily() is None
        clock.now = datetime(2030, 1, 2, 8, 0, 0)
        assert workspace.backups.daily() is not None
        assert _automatic(workspace) == [
            datetime(2030, 1, 2, 8, 0, 0),
            datetime(2030, 1, 1, 9, 0, 0),
        ]
    finally:
        workspace.close()


def test_rotation_deletes_old_automatic_backups_only(admin: Workspace) -> None:
    folder = admin.backups.folder()
    folder.mkdir(parents=True, exist_ok=True)
    owner = admin.backups.identity
    assert owner is not None
    stem = admin.path.stem
    # Forty daily automatic backups, 2020-01-01 … 2020-02-09, and hand-made ones older still.
    for n in range(40):
        _fake(folder, owner, datetime(2020, 1, 1, 9) + timedelta(days=n), "自动")
    kept_anyway = [
        _fake(folder, owner, datetime(2019, 3, 1, 10), "手动"),
        _fake(folder, owner, datetime(2019, 3, 2, 10), "升级前"),
        _fake(folder, owner, datetime(2019, 3, 3, 10), "恢复前"),
        _fake(folder, owner, datetime(2020, 1, 5, 10), "手动"),
    ]
    partial = folder / f"{stem}-20200101-080000-自动.kaohe.partial"
    partial.write_bytes(b"")
    # Another bureau's file of the same name: its automatic backups are not ours to rotate.
    other_bureau = FileIdentity("0123abcd" * 4, "乙县市场监督管理局")
    theirs = [_fake(folder, other_bureau, datetime(2019, 1, n, 9), "自动") for n in (1, 2, 3)]

    today = admin.backups.daily()
    assert today is not None and today.exists()

    # Kept: today's, and the 13 newest days of 2020 (Jan 28 … Feb 9); January's and
    # February's newest are among them. Jan 1 … Jan 27 go.
    automatic = _automatic(admin)
    assert automatic[0].date() == date.today()
    assert automatic[1:] == [datetime(2020, 2, 9, 9) - timedelta(days=n) for n in range(13)]
    assert all(path.exists() for path in kept_anyway)
    reasons = sorted(b.reason for b in admin.backups.backups() if not b.automatic)
    assert reasons == ["升级前", "恢复前", "手动", "手动"]
    # Files that are not finished backups of this file are neither listed nor touched.
    assert partial.exists() and all(path.exists() for path in theirs)


def test_partial_files_are_never_listed(admin: Workspace) -> None:
    made = admin.backups.backup_now()
    partial = made.with_name(made.name.replace("手动", "自动") + ".partial")
    shutil.copyfile(made, partial)
    listed = [b.path for b in admin.backups.backups()]
    assert listed == [made]
    assert admin.backups.backups()[0].reason == "手动"


# --- the backup folder -----------------------------------------------------------------


def test_only_the_administrator_sets_the_folder(path: Path, tmp_path: Path) -> None:
    clerk = sign_in(path, Role.CLERK, daily_backup=False)
    try:
        with pytest.raises(PermissionDeniedError, match="无权设置备份文件夹"):
            clerk.backups.set_folder(tmp_path / "别处")
        assert clerk.backups.folder() == tmp_path / "备份"
        assert not (tmp_path / "别处").exists()
    finally:
        clerk.close()


def test_the_chosen_folder_is_kept_in_the_file_and_logged(
    path: Path, admin: Workspace, tmp_path: Path
) -> None:
    chosen = tmp_path / "局共享" / "考核备份"
    admin.backups.set_folder(chosen)
    assert chosen.is_dir()
    assert admin.backups.folder() == chosen
    clerk = sign_in(path, Role.CLERK, daily_backup=False)  # another workstation sees it
    try:
        assert clerk.backups.folder() == chosen
        assert clerk.backup().parent == chosen
    finally:
        clerk.close()

    admin.backups.set_folder(None)
    assert admin.backups.folder() == tmp_path / "备份"
    entries = admin.audit_log.entries(AuditFilter(entity="app_meta"))
    assert [(e.action, e.account, e.entity_id) for e in entries] == [
        ("setting", "admin", "backup_dir"),
        ("setting", "admin", "backup_dir"),
    ]
    assert json.loads(entries[1].after_json or "{}") == {"from": None, "to": str(chosen)}
    assert json.loads(entries[0].after_json or "{}") == {"from": str(chosen), "to": None}
    assert entries[0].action_label == "更改设置" and entries[0].entity_label == "文件设置"


def test_a_folder_that_cannot_be_made_is_refused_in_chinese(
    admin: Workspace, tmp_path: Path
) -> None:
    blocker = tmp_path / "是文件"
    blocker.write_text("x")
    with pytest.raises(InputError, match="无法使用备份文件夹"):
        admin.backups.set_folder(blocker / "备份")
    assert admin.backups.folder() == tmp_path / "备份"
    assert admin.audit_log.entries(AuditFilter(entity="app_meta")) == []


# --- restoring -------------------------------------------------------------------------


def test_restore_writes_a_new_file_that_opens_and_verifies(
    path: Path, admin: Workspace, tmp_path: Path
) -> None:
    backup = admin.backup()
    admin._uow.write(lambda session: session.add(DepartmentRow(name="备份后新增科")))
    target = tmp_path / "恢复" / "考核台账-恢复.kaohe"
    target.parent.mkdir()
    before = fingerprint(path)

    assert admin.backups.restore(backup, target) == target

    assert fingerprint(path) == before  # the open file is never touched
    reasons = [b.reason for b in admin.backups.backups()]
    assert "恢复前" in reasons
    assert not list(target.parent.glob("*.partial"))

    restored = sign_in(target, Role.ADMIN, daily_backup=False)
    try:
        assert restored.check().ok
        status = restored.audit_log.verify()
        assert status.ok, status.text
        assert _department_names(restored) == {"综合科"}  # as it was at the backup
        event = restored.audit_log.entries()[0]
        assert (event.action, event.account, event.entity) == ("restore", "admin", "data_file")
        assert event.action_label == "从备份恢复"
        detail = json.loads(event.after_json or "{}")
        assert detail == {"backup": str(backup), "previous_file": admin.location}
    finally:
        restored.close()


# It names the open data file itself as the target: a server database is no file.
@pytest.mark.file_only
def test_restore_never_overwrites_the_open_file(admin: Workspace, path: Path) -> None:
    backup = admin.backup()
    with pytest.raises(InputError, match="已存在。恢复只写入新文件"):
        admin.backups.restore(backup, path)


def test_restore_never_overwrites(admin: Workspace, tmp_path: Path) -> None:
    backup = admin.backup()
    other = tmp_path / "共享盘" / "别的.kaohe"
    other.parent.mkdir(exist_ok=True)
    other.write_bytes(b"keep me")
    with pytest.raises(InputError, match="已存在"):
        admin.backups.restore(backup, other)
    assert other.read_bytes() == b"keep me"


def _tampered_backup(admin: Workspace) -> Path:
    backup = admin.backup()
    connection = sqlite3.connect(backup)
    try:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET label = '篡改' WHERE id = 2")
        connection.commit()
    finally:
        connection.close()
    return backup


def test_a_tampered_backup_is_refused(admin: Workspace, tmp_path: Path) -> None:
    backup = _tampered_backup(admin)
    target = tmp_path / "恢复.kaohe"
    with pytest.raises(StorageError) as raised:
        admin.backups.restore(backup, target)
    message = str(raised.value)
    assert "操作日志链在第 2 条断开" in message
    assert "不能用于恢复" in message
    assert not target.exists()
    assert not list(tmp_path.glob("恢复.kaohe*"))


def test_a_truncated_backup_is_refused(admin: Workspace, tmp_path: Path) -> None:
    made = admin.backup()
    data = made.read_bytes()
    truncated = made.with_name(made.name.replace("手动", "截断"))
    truncated.write_bytes(data[: len(data) // 2])
    target = tmp_path / "恢复.kaohe"
    with pytest.raises(StorageError) as raised:
        admin.backups.restore(truncated, target)
    assert CJK.search(str(raised.value))
    assert truncated.name in str(raised.value)
    assert not target.exists()
    assert not list(tmp_path.glob("恢复.kaohe*"))
