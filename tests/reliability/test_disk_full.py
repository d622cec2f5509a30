"""A disk that cannot take more: import, save and backup fail with a clear Chinese
message, nothing committed is lost, the file stays intact, the workspace turns
read-only, and the clerk's unsaved edit can still be exported.

Three ways to run out of space, from most to least real:
- a small tmpfs filled to the brim (real ENOSPC; needs root and mount, else skipped);
- RLIMIT_FSIZE in a child process (the kernel refuses writes past a size: EFBIG);
- PRAGMA max_page_count on every connection (SQLite's own "database or disk is full").
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.pool import Pool
from tests.factories import ADMIN
from tests.reliability import child_env, processes
from tests.reliability.conftest import ADMIN_ACCOUNT, Masters, exported_changes
from tests.reliability.figures import record

from kaohe_desktop.services.workspace import open_workspace
from kaohe_desktop.storage.backup import PARTIAL_SUFFIX
from kaohe_desktop.storage.database import check_data_file, open_data_file
from kaohe_desktop.storage.models import DepartmentRow, TalkRow, TaskRow

DISK_FULL = "磁盘已满"


def _save_once(path: Path, department: int) -> tuple[int, int]:
    """A committed, acknowledged save before the disk fills: it must survive."""
    workspace = open_workspace(path, ADMIN, daily_backup=False)
    snapshot = workspace.departments.load(department)
    saved = workspace.departments.save(
        snapshot.draft().with_value("sort_order", snapshot.values["sort_order"] + 1)
    )
    workspace.close()
    return saved.values["sort_order"], saved.version


def _assert_refused_cleanly(result: dict[str, Any], backup_on_full_disk: bool = True) -> None:
    for key in ("import_error", "save_error"):
        error, message = result[key]
        assert error == "FileUnavailableError", result[key]
        assert "已转为只读" in message and "已保留" in message
    assert result["read_only_after_import"] and result["read_only"]
    assert result["reason"] == result["save_error"][1]
    assert result["second_save_error"][0] == "ReadOnlyError"  # the edit stays on screen
    assert exported_changes(result["exported"])["目标要求"][1] == child_env.LONG_TARGET
    if backup_on_full_disk:
        error, message = result["backup_error"]
        assert error == "StorageError" and "备份失败" in message
        assert result["listed_backups"] == []
    assert not [name for name in result["backup_dir"] if PARTIAL_SUFFIX in name]


def _assert_nothing_lost(path: Path, department: int, acked: tuple[int, int]) -> None:
    opened = open_data_file(path)  # rolls back a journal a failed write may have left
    report = check_data_file(opened)
    assert report.integrity == ["ok"] and report.chain.ok
    with opened.unit_of_work("check").read() as session:
        row = session.get(DepartmentRow, department)
        assert row is not None and (row.sort_order, row.version) == tuple(acked)
        targets = session.scalars(select(TaskRow.target)).all()
        assert child_env.LONG_TARGET not in targets
        summaries = session.scalars(select(TalkRow.summary)).all()
        assert not any(child_env.BIG_TEXT[:3000] in (s or "") for s in summaries)
    opened.close()


def test_file_size_limit(tmp_path: Path, masters: Masters) -> None:
    path = masters.copy(masters.demo, tmp_path / "share")
    department = masters.departments[0]
    result = processes.run(
        child_env.file_size_limited,
        str(path),
        ADMIN_ACCOUNT,
        department,
        str(tmp_path / "备份"),
        str(tmp_path / "未保存的修改.xlsx"),
        result=tmp_path / "result.json",
    )
    _assert_refused_cleanly(result)
    _assert_nothing_lost(path, department, tuple(result["acked"]))
    record("disk full: RLIMIT_FSIZE", save_message=result["save_error"][1][:24])


def test_commit_failing_half_way_leaves_a_file_that_reopens(
    tmp_path: Path, masters: Masters
) -> None:
    path = masters.copy(masters.demo, tmp_path / "share")
    department = masters.departments[0]
    acked = _save_once(path, department)
    result = processes.run(
        child_env.growth_refused, str(path), ADMIN_ACCOUNT, result=tmp_path / "result.json"
    )
    assert result["import_error"][0] == "FileUnavailableError"
    journal = Path(f"{path}-journal")
    assert journal.exists() and journal.stat().st_size > 0  # what a crash mid-commit leaves
    _assert_nothing_lost(path, department, acked)


@contextmanager
def page_limit() -> Iterator[None]:
    """Every connection may not grow its file by a single page."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        (pages,) = dbapi_connection.execute("PRAGMA page_count").fetchone()
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Pool, "connect", on_connect)
    yield
    event.remove(Pool, "connect", on_connect)


def test_page_limit(tmp_path: Path, masters: Masters) -> None:
    path = masters.copy(masters.demo, tmp_path)
    department = masters.departments[0]
    # Before the limit: whether one more audit line fits in the file's last free bytes
    # depends on the demo's contents, which is not what this test is about.
    acked = _save_once(path, department)
    with page_limit():
        result = child_env.on_full_disk(
            str(path), ADMIN_ACCOUNT, department, str(tmp_path / "备份"), str(tmp_path / "x.xlsx")
        )
    _assert_refused_cleanly(result, backup_on_full_disk=False)  # the backup disk has room
    assert DISK_FULL in result["import_error"][1] and DISK_FULL in result["save_error"][1]
    _assert_nothing_lost(path, department, acked)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(directory: Path) -> int:
    """Write until the disk refuses; return the bytes written."""
    written = 0
    with open(directory / "filler", "wb", buffering=0) as filler:
        for size in (1 << 16, 1 << 12, 1 << 9, 1):
            while True:
                try:
                    written += filler.write(b"\0" * size)
                except OSError as error:
                    assert error.errno == errno.ENOSPC
                    break
    return written


def test_real_full_disk(tmp_path: Path, masters: Masters, small_disk: Path) -> None:
    path = masters.copy(masters.demo, small_disk / "share")
    department = masters.departments[0]
    acked = _save_once(path, department)
    filled = _fill(small_disk)
    result = child_env.on_full_disk(
        str(path),
        ADMIN_ACCOUNT,
        department,
        str(small_disk / "备份"),
        str(tmp_path / "未保存的修改.xlsx"),  # another disk, as the dialog would suggest
    )
    _assert_refused_cleanly(result)
    assert DISK_FULL in result["import_error"][1] and DISK_FULL in result["save_error"][1]
    _assert_nothing_lost(path, department, acked)
    # Space freed: the file takes writes again.
    (small_disk / "filler").unlink()
    assert _save_once(path, department)[0] == acked[0] + 1
    record(
        "disk full: tmpfs ENOSPC", filler_bytes=filled, save_message=result["save_error"][1][:24]
    )
