"""A schema or a safeguard row changed with raw sqlite3 is seen (issue 12).

The attacker has the file and sqlite3. Dropping the closed-period triggers used to
let the application change a closed quarter while `check` said all was well; now the
open compares the schema with what the migrations make and opens such a file
read-only, and `check` names the difference. Deleting a period close or lifting a
lockout by raw SQL leaves the hash chain intact, but not the rows the chain vouches
for: `check` replays the log's history of period_lock and account and names the row.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from tests.factories import PASSWORD, fingerprint, new_workspace, sign_in
from tests.reliability.conftest import Masters

from kaohe_desktop.cli import EXIT_OK, EXIT_PROBLEM, main
from kaohe_desktop.domain.account_rules import MAX_FAILED_LOGINS
from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.errors import AuthenticationError
from kaohe_desktop.services.workspace import open_workspace
from kaohe_desktop.storage.database import open_data_file
from kaohe_desktop.storage.errors import ReadOnlyError
from kaohe_desktop.storage.migrate import SCHEMA_VERSION

LOCK_TRIGGER = "quarterly_assessment_closed_update"
NAMED = f"缺少触发器 {LOCK_TRIGGER}（已关闭期间的锁定：平时考核的修改）"


def _raw(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def _trigger_sql(path: Path, name: str) -> str:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    finally:
        connection.close()
    return str(row[0])


def _kaohe_check(
    path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    monkeypatch.setenv("KAOHE_PASSWORD", PASSWORD)
    code = main(["--db", str(path), "--user", "admin", "check"])
    return code, capsys.readouterr().out


def _closed_q2(tmp_path: Path, masters: Masters) -> Path:
    path = masters.copy(masters.demo, tmp_path)
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    admin.periods.close("2026Q2", "二季度结账")
    admin.close()
    return path


def test_a_dropped_lock_trigger_opens_read_only_and_check_names_it(
    tmp_path: Path,
    masters: Masters,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _closed_q2(tmp_path, masters)
    _raw(path, f"DROP TRIGGER {LOCK_TRIGGER}")
    before = fingerprint(path)

    clerk = sign_in(path, Role.CLERK, daily_backup=False)
    assert clerk.read_only
    assert NAMED in (clerk.read_only_reason or "") and "只读" in (clerk.read_only_reason or "")
    # The story of the issue: a closed quarter's score changed through the application.
    book = clerk.exporter.book()
    q2 = next(a for a in book.assessments if a.quarter == "2026Q2")
    changed = dataclasses.replace(q2, leader=q2.leader + 1)
    with pytest.raises(ReadOnlyError):
        clerk.importer.apply(ExchangeBook(assessments=[changed]))
    report = clerk.check()
    clerk.close()
    assert not report.ok and not report.schema_ok and report.chain_ok and report.records_ok
    assert report.schema_problems == (NAMED,)
    assert fingerprint(path) == before

    code, out = _kaohe_check(path, capsys, monkeypatch)
    assert code == EXIT_PROBLEM
    assert "结构核对：与本程序的迁移不符（1 处）" in out and NAMED in out


def test_a_period_close_deleted_by_raw_sql_is_seen(
    tmp_path: Path,
    masters: Masters,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _closed_q2(tmp_path, masters)
    guard = _trigger_sql(path, "period_lock_no_delete")
    # The careful attacker puts the trigger back, so the schema is as it should be.
    _raw(path, "DROP TRIGGER period_lock_no_delete", "DELETE FROM period_lock", guard)

    opened = open_data_file(path)
    assert not opened.read_only
    opened.close()
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    report = admin.check()
    admin.close()
    assert report.schema_ok and report.chain_ok  # the hash chain alone does not see it
    assert not report.ok and not report.records_ok
    assert report.records_problems == (
        "期间关闭记录“2026Q2”（#1）在操作日志中没有删除记录，却已不在文件中：被绕过程序删除",
    )
    code, out = _kaohe_check(path, capsys, monkeypatch)
    assert code == EXIT_PROBLEM and "被绕过程序删除" in out


def test_a_lockout_lifted_and_an_account_deleted_by_raw_sql_are_seen(
    tmp_path: Path, masters: Masters
) -> None:
    path = masters.copy(masters.demo, tmp_path)
    wrong = Credentials("clerk", "not-the-password-1")
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            open_workspace(path, wrong, daily_backup=False)
    _raw(
        path,
        "UPDATE account SET locked_until = NULL WHERE username = 'clerk'",
        "DELETE FROM account WHERE username = 'viewer'",
    )
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    report = admin.check()
    admin.close()
    assert report.schema_ok and report.chain_ok and not report.ok
    deleted, lifted = report.records_problems  # deleted rows first, then changed ones
    assert lifted.startswith("账号“clerk”") and "锁定至与操作日志不符" in lifted
    assert lifted.endswith("；文件：空）：被绕过程序改动")
    assert deleted.startswith("账号“viewer”") and deleted.endswith("被绕过程序删除")


def test_untouched_files_are_all_well(
    tmp_path: Path,
    masters: Masters,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "新").mkdir()
    fresh = new_workspace(tmp_path / "新", roles=True)
    fresh.periods.close("2026Q1")
    fresh.periods.reopen("2026Q1", "补录")
    report = fresh.check()
    fresh.close()
    assert report.ok and report.schema_ok and report.records_ok, report

    v1 = masters.copy(masters.v1, tmp_path / "旧")
    looked_at = open_data_file(v1, force_read_only=True)  # not migrated: compared as schema 1
    assert looked_at.schema_version == 1 and looked_at.warnings == []
    looked_at.close()
    code, out = _kaohe_check(v1, capsys, monkeypatch)  # migrates to the current schema
    assert code == EXIT_OK, out
    assert f"结构版本：{SCHEMA_VERSION}" in out
    assert "结构核对：表、索引和触发器与本程序的迁移一致" in out
    assert "期间关闭记录和账号与操作日志一致" in out


def test_a_tampered_old_file_is_not_migrated(tmp_path: Path, masters: Masters) -> None:
    path = masters.copy(masters.v1, tmp_path)
    _raw(path, "DROP TRIGGER audit_log_no_delete")
    before = fingerprint(path)
    opened = open_data_file(path)
    assert opened.read_only and opened.schema_version == 1 and opened.migrated_from is None
    assert "缺少触发器 audit_log_no_delete（操作日志不可删除）" in (opened.read_only_reason or "")
    opened.close()
    assert fingerprint(path) == before


def test_a_forged_schema_version_opens_read_only(tmp_path: Path, masters: Masters) -> None:
    """user_version 0 would otherwise look like a file awaiting its first migration."""
    path = masters.copy(masters.demo, tmp_path)
    _raw(path, "PRAGMA user_version = 0")
    opened = open_data_file(path)
    assert opened.read_only and opened.migrated_from is None
    assert "多出表" in (opened.read_only_reason or "")
    opened.close()
