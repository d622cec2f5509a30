"""A data file the account may not write: on a read-only share from the start, or one
that turns unwritable while the program has it open.

The tests run as root, whom file modes do not stop, so the child that meets the file
runs as `nobody`, with a Python it can read (unprivileged.py); run as another user,
plain chmod does.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from tests.factories import fingerprint, sidecars
from tests.reliability import child_env
from tests.reliability.conftest import ADMIN_ACCOUNT, Masters, exported_changes
from tests.reliability.unprivileged import AS_ROOT, NOBODY, Unprivileged, unprivileged_python

from kaohe_desktop.services.common.technical_log import LOG_ENVIRONMENT
from kaohe_desktop.storage.database import check_data_file, open_data_file
from kaohe_desktop.storage.models import DepartmentRow


@pytest.fixture(scope="module")
def python() -> Iterator[Unprivileged]:
    """How to start the child that meets the file (as `nobody` when we are root)."""
    with unprivileged_python() as found:
        yield found


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
            os.chown(path, NOBODY, NOBODY)


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
    area: Path, masters: Masters, python: Unprivileged
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

    result = python.call(
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
    area: Path, masters: Masters, python: Unprivileged
) -> None:
    share, out = area / "share", area / "out"
    path = masters.copy(masters.demo, share)
    out.mkdir()
    _give_to_child(share, path, out)
    department = masters.departments[0]

    result = python.call(
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


def _one_person_book(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "人员"
    sheet.append(["编号", "姓名", "科室", "人员类别"])
    sheet.append(["T900", "赵六", "办公室", "一般公务员"])
    workbook.save(path)
    return path


def test_a_trial_import_works_on_a_read_only_share_and_the_real_one_is_refused(
    area: Path, masters: Masters, python: Unprivileged
) -> None:
    """`kaohe import --dry-run` writes nothing, so a read-only file is no obstacle; the
    real import is refused, and says so without promising an edit kept."""
    share, out = area / "share", area / "out"
    path = masters.copy(masters.demo, share)
    out.mkdir()
    _give_to_child(out)
    if not AS_ROOT:
        path.chmod(0o444)
        share.chmod(0o555)
    book = _one_person_book(out / "人员.xlsx")
    before = fingerprint(path)
    environment = {
        "KAOHE_USER": ADMIN_ACCOUNT[0],
        "KAOHE_PASSWORD": ADMIN_ACCOUNT[1],
        "KAOHE_BACKUP_DIR": str(out / "备份"),
        LOG_ENVIRONMENT: str(out / "kaohe.log"),
    }

    def kaohe(*args: str) -> subprocess.CompletedProcess[str]:
        command = ("-m", "kaohe_desktop.cli", "--db", str(path), *args)
        return python.run(*command, cwd=out, environment=environment)

    trial = kaohe("import", str(book), "--dry-run")
    assert trial.returncode == 0, trial.stderr
    assert "试导入（未写入）" in trial.stdout and "人员：新增 1" in trial.stdout
    assert "正式导入需要可写的数据文件" in trial.stdout
    real = kaohe("import", str(book))
    assert real.returncode == 2
    assert "权限" in real.stderr and "不能保存" in real.stderr
    assert "已保留" not in real.stderr and "可导出" not in real.stderr
    assert fingerprint(path) == before
    assert sidecars(path) == []
