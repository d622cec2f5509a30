"""`kaohe copy --from … --to …` (issue 17 §3): an administrator's copy of the whole
database into a new data file or an empty server database, with a Chinese summary."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from devtools.throwaway_pg import APP
from tests.cli.conftest import kaohe_process
from tests.factories import DEMO_ROLES, ROLE_USERS, CopyMaster, fingerprint
from tests.pg_support import PgPlace

from kaohe_desktop.cli import main
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.storage.database import check_data_file, open_data_file
from kaohe_desktop.storage.identity import identity_of_file


def kaohe(*args: str, user: str = "admin") -> subprocess.CompletedProcess[str]:
    return kaohe_process(*args, user=user)


def test_copy_to_a_new_file_prints_rows_chain_and_where(
    copy_master: CopyMaster, tmp_path: Path
) -> None:
    source = copy_master(DEMO_ROLES)
    target = tmp_path / "副本.kaohe"
    result = kaohe("copy", "--from", str(source), "--to", str(target), "--user", "admin")
    assert result.returncode == 0, result.stderr
    assert f"已复制到 {target}" in result.stdout
    assert "人员：80 行" in result.stdout  # tables as the 操作日志 names them
    assert "操作日志链完整" in result.stdout
    assert identity_of_file(target).file_id != identity_of_file(source).file_id
    opened = open_data_file(target)
    try:
        assert check_data_file(opened).ok
    finally:
        opened.close()


def test_only_an_administrator_may_copy(copy_master: CopyMaster, tmp_path: Path) -> None:
    source = copy_master(DEMO_ROLES)
    target = tmp_path / "副本.kaohe"
    clerk = ROLE_USERS[Role.CLERK]
    result = kaohe("--user", clerk, "copy", "--from", str(source), "--to", str(target), user=clerk)
    assert result.returncode == 2
    assert "无权复制整个数据库" in result.stderr
    assert not target.exists()


def test_an_existing_target_is_refused(
    copy_master: CopyMaster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_master(DEMO_ROLES)
    target = tmp_path / "已有.kaohe"
    target.write_bytes(b"keep")
    assert main(["--user", "admin", "copy", "--from", str(source), "--to", str(target)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert target.read_bytes() == b"keep"


def test_a_password_in_the_server_address_is_refused_before_signing_in(
    copy_master: CopyMaster,
) -> None:
    source = copy_master(DEMO_ROLES)
    before = fingerprint(source)
    result = kaohe(
        "copy", "--from", str(source), "--to", "postgresql+psycopg://kaohe:secret@localhost/k"
    )
    assert result.returncode == 2
    assert "不能写密码" in result.stderr
    assert fingerprint(source) == before  # not even signed in: no event logged


def test_copy_to_an_empty_server_then_back(
    copy_master: CopyMaster, tmp_path: Path, pg_url: str
) -> None:
    source = copy_master(DEMO_ROLES)
    up = kaohe("copy", "--from", str(source), "--to", pg_url)
    assert up.returncode == 0, up.stderr
    assert "佐证材料仍在原处" in up.stdout
    again = kaohe("copy", "--from", str(source), "--to", pg_url)
    assert again.returncode == 2
    assert "不是空的" in again.stderr
    back = tmp_path / "回来.kaohe"
    down = kaohe("copy", "--from", pg_url, "--to", str(back))
    assert down.returncode == 0, down.stderr
    assert "操作日志链完整" in down.stdout
    opened = open_data_file(back)
    try:
        assert check_data_file(opened).ok
    finally:
        opened.close()


def test_the_clerks_server_account_cannot_receive_a_copy(
    copy_master: CopyMaster, pg_place: PgPlace
) -> None:
    source = copy_master(DEMO_ROLES)
    url = pg_place.empty(APP)  # rows only, no tables: the least-privilege account
    result = kaohe("copy", "--from", str(source), "--to", url)
    assert result.returncode == 2
    assert "没有在数据库" in result.stderr and "kaohe_owner" in result.stderr
