"""The `kaohe` command: exit codes, messages and files written (DESIGN.md §7). On a
data file and on a PostgreSQL server (`--db postgresql+psycopg://…`, the server's
password from PGPASSWORD, set by the pg_place fixture and inherited)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from tests.cli.conftest import FreshDb, on_backend
from tests.factories import PASSWORD, with_demo_categories

from kaohe_desktop.cli import main
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_PASSWORD
from kaohe_desktop.services.workspace import open_workspace
from kaohe_desktop.storage.migrate import SCHEMA_VERSION
from kaohe_desktop.storage.source import parse_server_url


@pytest.fixture
def demo_copy(
    demo_master: Path, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Path | str:
    """A private copy of the demo, to change."""
    return on_backend(demo_master, backend, tmp_path / "副本", request)


State = Callable[[Path | str], str]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KAOHE_USER": "tester", "KAOHE_PASSWORD": PASSWORD}
    return subprocess.run(
        [sys.executable, "-m", "kaohe_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_check_reports_integrity_identity_version_and_chain(demo_db: Path | str) -> None:
    result = run("--db", str(demo_db), "check")
    assert result.returncode == 0, result.stderr
    assert "完整性检查：通过" in result.stdout
    if isinstance(demo_db, Path):
        assert f"数据文件：{demo_db}" in result.stdout
        assert "文件标识：考核台账数据文件" in result.stdout
    else:
        address = parse_server_url(demo_db)
        assert f"数据库：kaohe_app@127.0.0.1:{address.port}/{address.database}" in result.stdout
        assert "数据库标识：考核台账数据库" in result.stdout
    assert f"结构版本：{SCHEMA_VERSION}" in result.stdout
    assert "操作日志链完整" in result.stdout
    assert "结构核对：表、索引和触发器与本程序的迁移一致" in result.stdout
    assert "期间关闭记录和账号与操作日志一致" in result.stdout


def test_export_import_round_trip_through_the_command(
    demo_db: Path | str, fresh_db: FreshDb, tmp_path: Path
) -> None:
    book = tmp_path / "导出.xlsx"
    assert main(["--db", str(demo_db), "export", str(book)]) == 0
    workbook = openpyxl.load_workbook(book, read_only=True)
    assert {"科室", "人员", "台账", "查账", "加减分", "平时考核", "奖惩", "谈心谈话"} <= set(
        workbook.sheetnames
    )
    workbook.close()
    fresh = fresh_db.db
    assert main(fresh_db.init()) == 0
    # The demo's 局领导 have a 人员类别 a new file lacks (an import refuses unknown ones).
    with_demo_categories(open_workspace(fresh, Credentials("tester", PASSWORD))).close()
    assert main(["--db", str(fresh), "import", str(book)]) == 0
    again = tmp_path / "再导出.xlsx"
    assert main(["--db", str(fresh), "export", str(again)]) == 0
    first, second = openpyxl.load_workbook(book), openpyxl.load_workbook(again)
    for name in first.sheetnames:
        assert [list(r) for r in first[name].iter_rows(values_only=True)] == [
            list(r) for r in second[name].iter_rows(values_only=True)
        ], name


def test_bad_workbook_exits_2_names_the_cell_and_writes_nothing(
    demo_db: Path | str, tmp_path: Path, db_state: State
) -> None:
    book = tmp_path / "坏.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "人员"
    sheet.append(["编号", "姓名", "科室", "人员类别"])
    sheet.append(["T001", "王五", "不存在的科室", "一般公务员"])
    sheet.append(["T002", "", "办公室", "一般公务员"])
    workbook.save(book)
    before = db_state(demo_db)
    result = run("--db", str(demo_db), "import", str(book))
    assert result.returncode == 2
    assert "工作表“人员” 第 3 行 “姓名”列" in result.stderr
    assert db_state(demo_db) == before


def test_dry_run_writes_nothing(demo_db: Path | str, tmp_path: Path, db_state: State) -> None:
    book = tmp_path / "人员.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "人员"
    sheet.append(["编号", "姓名", "科室", "人员类别"])
    sheet.append(["T900", "赵六", "办公室", "一般公务员"])
    workbook.save(book)
    before = db_state(demo_db)
    result = run("--db", str(demo_db), "import", str(book), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "试导入" in result.stdout and "新增 1" in result.stdout
    assert db_state(demo_db) == before


@pytest.mark.file_only("a file's bytes; on a server: tests/cli/test_cli_server.py")
@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_refused_data_file_exits_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.kaohe"
    path.write_bytes(content)
    result = run("--db", str(path), "check")
    assert result.returncode == 2
    assert "错误：" in result.stderr
    assert path.read_bytes() == content


def test_renamed_csv_is_refused(demo_db: Path | str, tmp_path: Path) -> None:
    fake = tmp_path / "名单.xlsx"
    fake.write_text("编号,姓名\nT1,张三\n", encoding="utf-8")
    assert main(["--db", str(demo_db), "import", str(fake)]) == 2


def test_init_refuses_to_overwrite(demo_db: Path | str, tmp_path: Path, db_state: State) -> None:
    before = db_state(demo_db)
    options = [] if isinstance(demo_db, Path) else ["--evidence-dir", str(tmp_path)]
    assert main(["--db", str(demo_db), "init", *options]) == 2
    assert db_state(demo_db) == before


def test_backup_writes_a_verified_copy(demo_db: Path | str, tmp_path: Path) -> None:
    target = tmp_path / "U盘备份"
    result = run("--db", str(demo_db), "backup", "--to", str(target))
    assert result.returncode == 0, result.stderr
    copies = list(target.glob("*.kaohe"))  # the daily automatic copy went to the usual folder
    assert len(copies) == 1 and "已备份并校验" in result.stdout
    assert run("--db", str(copies[0]), "check").returncode == 0


def test_unknown_reference_names_its_row_and_column(
    demo_db: Path | str, tmp_path: Path, db_state: State
) -> None:
    book = tmp_path / "引用.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "人员"
    sheet.append(["编号", "姓名", "科室", "人员类别"])
    sheet.append(["T001", "王五", "办公室", "一般公务员"])
    sheet.append([None, None, None, None])
    sheet.append(["T002", "赵六", "不存在的科室", "一般公务员"])
    workbook.save(book)
    before = db_state(demo_db)
    result = run("--db", str(demo_db), "import", str(book))
    assert result.returncode == 2
    assert "工作表“人员” 第 4 行 “科室”列" in result.stderr
    assert "不存在的科室" in result.stderr
    assert db_state(demo_db) == before


def run_as(user: str, password: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KAOHE_USER": user}
    env.pop("KAOHE_PASSWORD", None)
    if password is not None:
        env["KAOHE_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "kaohe_desktop.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,  # not a terminal: the command must not prompt
        timeout=300,
    )


def test_without_a_password_and_no_terminal_the_command_refuses(demo_db: Path | str) -> None:
    result = run_as("tester", None, "--db", str(demo_db), "check")
    assert result.returncode == 2
    assert "KAOHE_PASSWORD" in result.stderr


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    demo_db: Path | str,
) -> None:
    result = run_as("tester", "wrong-pass-9", "--db", str(demo_db), "check")
    assert result.returncode == 2
    assert "账号或密码不正确" in result.stderr
    unknown = run_as("nobody", PASSWORD, "--db", str(demo_db), "check")
    assert unknown.returncode == 2 and "账号或密码不正确" in unknown.stderr


def test_init_demo_lists_the_role_accounts_and_they_act_by_role(demo_copy: Path | str) -> None:
    copy = demo_copy
    listing = run("--db", str(copy), "accounts")
    assert listing.returncode == 0, listing.stderr
    assert "tester" in listing.stdout and "管理员" in listing.stdout
    assert "luru" in listing.stdout and "录入员" in listing.stdout

    # The demo's fourth quarter is in progress (not ready to close): its third, closed,
    # is reopened by the administrator first.
    first = run("--db", str(copy), "reopen-period", "2026Q3", "--reason", "复核")
    assert first.returncode == 0, first.stderr
    refused = run_as("luru", DEMO_PASSWORD, "--db", str(copy), "close-period", "2026Q3")
    assert refused.returncode == 2
    assert "无权关闭期间" in refused.stderr
    closed = run_as("shenhe", DEMO_PASSWORD, "--db", str(copy), "close-period", "2026Q3")
    assert closed.returncode == 0, closed.stderr
    no_reason = run_as(
        "shenhe", DEMO_PASSWORD, "--db", str(copy), "reopen-period", "2026Q3", "--reason", "更正"
    )
    assert no_reason.returncode == 2 and "无权重新开放" in no_reason.stderr
    reopened = run("--db", str(copy), "reopen-period", "2026Q3", "--reason", "更正录入错误")
    assert reopened.returncode == 0, reopened.stderr


def test_code_case_is_shown_and_set_by_the_administrator(fresh_db: FreshDb) -> None:
    assert run(*fresh_db.init()).returncode == 0
    data_file = fresh_db.db
    shown = run("--db", str(data_file), "code-case")
    assert shown.returncode == 0 and "大写" in shown.stdout
    changed = run("--db", str(data_file), "code-case", "小写")
    assert changed.returncode == 0 and "小写" in changed.stdout
    assert "小写" in run("--db", str(data_file), "code-case").stdout
    bad = run("--db", str(data_file), "code-case", "混合")
    assert bad.returncode == 2


def test_sweep_evidence_is_for_the_administrator(demo_db: Path | str) -> None:
    """Nothing unreferenced in the demo store: the sweep says so; a 录入员 is refused."""
    result = run("--db", str(demo_db), "sweep-evidence")
    assert result.returncode == 0, result.stderr
    assert "没有需要清理的文件" in result.stdout
    refused = run_as("luru", DEMO_PASSWORD, "--db", str(demo_db), "sweep-evidence")
    assert refused.returncode != 0
    assert "删除佐证材料附件" in refused.stderr + refused.stdout
