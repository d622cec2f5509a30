"""A data file the account may not write: on a read-only share from the start, or one
that turns unwritable while the program has it open.

The tests run as root, whom file modes do not stop, so the child that meets the file
drops to `nobody` (child_env.drop_privileges); run as another user, plain chmod does.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.factories import fingerprint, sidecars
from tests.reliability import child_env, processes
from tests.reliability.conftest import ADMIN_ACCOUNT, Masters, exported_changes

from kaohe_desktop.storage.database import check_data_file, open_data_file
from kaohe_desktop.storage.models import DepartmentRow

AS_ROOT = os.geteuid() == 0


@pytest.fixture
def area() -> Iterator[Path]:
    """A folder `nobody` can reach: pytest's own tmp folders are private to root."""
    folder = Path(tempfile.mkdtemp(prefix="kaohe-readonly-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(stat.S_IMODE(path.stat().st_mode) | stat.S_IWUSR | stat.S_IXUSR)
    shutil.rmtree(folder)


def _give_to_child(*paths: Path) -> None:
    """Paths the child (nobody, when we are root) must own."""
    if AS_ROOT:
        for path in paths:
            os.chown(path, child_env.NOBODY, child_env.NOBODY)


def _department_value(path: Path, department: int) -> tuple[int, int]:
    opened = open_data_file(path, force_read_only=True)
    assert check_data_file(opened).ok
    with opened.unit_of_work("check").read() as session:
        row = session.get(DepartmentRow, department)
        assert row is not None
        value = (row.sort_order, row.version)
    opened.close()
    return value


def test_file_on_a_read_only_share_opens_read_only_and_is_never_written(
    area: Path, masters: Masters
) -> None:
    share, out = area / "share", area / "out"
    path = masters.copy(masters.demo, share)
    out.mkdir()
    _give_to_child(out)
    if not AS_ROOT:
        path.chmod(0o444)
        share.chmod(0o555)
    before = fingerprint(path)
    department = masters.departments[0]

    result = processes.run(
        child_env.open_read_only_location,
        str(path),
        ADMIN_ACCOUNT,
        department,
        str(out / "未保存的修改.xlsx"),
        result=out / "result.json",
    )
    assert result["euid"] != 0
    assert result["read_only"] and result["reason"]
    assert "权限" in result["opened_reason"]
    assert result["may_enter_data"] is False
    assert result["save_error"][0] == "ReadOnlyError"
    assert "不能保存" in result["save_error"][1]
    original, mine = exported_changes(result["exported"])["排序"]
    assert int(mine) == int(original) + 1  # the edit that could not be saved
    assert fingerprint(path) == before
    assert sidecars(path) == []


def test_file_turning_unwritable_while_open_fails_clearly_and_keeps_the_edit(
    area: Path, masters: Masters
) -> None:
    share, out = area / "share", area / "out"
    path = masters.copy(masters.demo, share)
    out.mkdir()
    _give_to_child(share, path, out)
    department = masters.departments[0]

    result = processes.run(
        child_env.becomes_unwritable,
        str(path),
        ADMIN_ACCOUNT,
        department,
        str(out / "未保存的修改.xlsx"),
        result=out / "result.json",
    )
    assert result["euid"] != 0
    assert result["read_only_at_open"] is False
    error, message = result["save_error"]
    assert error == "FileUnavailableError" and "不可写" in message and "已保留" in message
    assert result["read_only"] and result["reason"] == message
    assert result["second_save_error"][0] == "ReadOnlyError"  # refused before touching the file
    original, mine = exported_changes(result["exported"])["排序"]
    assert (int(original), int(mine)) == (result["acked"][0], result["acked"][0] + 1)
    assert fingerprint(path) == result["digest_after_chmod"]
    assert sidecars(path) == []
    assert _department_value(path, department) == tuple(result["acked"])
