"""services/accounts: sign-in, lockout, Argon2 hashes kept out of the log, the last
administrator, the first administrator of an old file, and sign-in on a read-only file.

Argon2 is slow on purpose; the suite uses argon2's CHEAPEST profile (tests/conftest.py)
and the file with its accounts is made once per run and copied for each test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import (
    ADMIN,
    PASSWORD,
    ROLES,
    Clock,
    CopyMaster,
    credentials,
    fingerprint,
    new_data_file,
    sign_in,
    stored_rows,
)

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access import accounts
from kaohe_desktop.services.access.accounts import WRONG, AccountView, Credentials
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import (
    AuthenticationError,
    BusyError,
    FileUnavailableError,
    InputError,
    StorageError,
)
from kaohe_desktop.services.workspace import Workspace, begin_open, open_workspace
from kaohe_desktop.storage.models import AccountRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

T0 = datetime(2026, 5, 6, 9, 30, 0)
WRONG_PASSWORD = "not-the-pass1"


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(ROLES)


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False)
    yield workspace
    workspace.close()


def _account(workspace: Workspace, username: str) -> AccountRow:
    with workspace._uow.read() as session:
        return session.scalars(select(AccountRow).where(AccountRow.username == username)).one()


def _stored(path: Path, username: str) -> tuple[int, str | None]:
    """failed_logins and locked_until as the file holds them (read past any service)."""
    statement = "SELECT failed_logins, locked_until FROM account WHERE username = :username"
    [(failed, until)] = stored_rows(path, statement, username=username)
    return int(failed), None if until is None else str(until)


def _view(workspace: Workspace, username: str) -> AccountView:
    return next(a for a in workspace.accounts.accounts() if a.username == username)


def _refused(path: Path, creds: Credentials, **options: object) -> str:
    with pytest.raises(AuthenticationError) as raised:
        open_workspace(path, creds, daily_backup=False, **options)  # type: ignore[arg-type]
    return str(raised.value)


# --- signing in ------------------------------------------------------------------


def test_sign_in_with_the_right_password(path: Path) -> None:
    workspace = sign_in(path, Role.CLERK, daily_backup=False)
    try:
        assert workspace.account == "clerk"
        assert workspace.actor.role is Role.CLERK
        assert workspace.actor.display_name == "录入员clerk"
    finally:
        workspace.close()


def test_a_wrong_password_and_an_unknown_account_read_the_same(path: Path) -> None:
    wrong = _refused(path, Credentials("clerk", WRONG_PASSWORD))
    unknown = _refused(path, Credentials("nobody", PASSWORD))
    assert wrong == unknown == WRONG == "账号或密码不正确。"


def test_failed_sign_ins_are_logged(path: Path) -> None:
    _refused(path, Credentials("clerk", WRONG_PASSWORD))
    _refused(path, Credentials("nobody", PASSWORD))
    workspace = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        failures = workspace.audit_log.entries(AuditFilter(entity="account"))
        fails = [(e.account, e.entity_id) for e in failures if e.action == "login_fail"]
        assert fails == [("nobody", "nobody"), ("clerk", "clerk")]
    finally:
        workspace.close()


def test_the_username_is_trimmed(path: Path) -> None:
    workspace = open_workspace(path, Credentials("  clerk ", PASSWORD), daily_backup=False)
    assert workspace.account == "clerk"
    workspace.close()


def test_five_wrong_passwords_lock_for_fifteen_minutes(path: Path) -> None:
    clock = Clock(T0)
    pending = begin_open(path, clock=clock)
    try:
        for _ in range(5):
            with pytest.raises(AuthenticationError, match=WRONG):
                pending.sign_in(Credentials("clerk", WRONG_PASSWORD))
        # Locked: even the right password is refused, with the time it lifts.
        clock.now = T0 + timedelta(minutes=1)
        with pytest.raises(AuthenticationError) as raised:
            pending.sign_in(credentials(Role.CLERK))
        assert "clerk" in str(raised.value)
        assert "已被锁定" in str(raised.value)
        assert "09:45" in str(raised.value)
        # Wrong passwords during the lock neither count nor extend it.
        clock.now = T0 + timedelta(minutes=14, seconds=59)
        with pytest.raises(AuthenticationError, match="已被锁定"):
            pending.sign_in(Credentials("clerk", WRONG_PASSWORD))
        with pytest.raises(AuthenticationError, match="已被锁定"):
            pending.sign_in(credentials(Role.CLERK))
        assert _stored(path, "clerk") == (0, "2026-05-06T09:45:00")
        # Other accounts are not affected.
        other = pending.sign_in(credentials(Role.REVIEWER))
        assert other.account == "reviewer"
        # The lock lifts after fifteen minutes.
        clock.now = T0 + timedelta(minutes=15)
        workspace = pending.sign_in(credentials(Role.CLERK))
        assert workspace.account == "clerk"
        row = _account(workspace, "clerk")
        assert (row.failed_logins, row.locked_until) == (0, None)
    finally:
        pending.close()


def test_a_good_sign_in_forgives_earlier_failures(path: Path) -> None:
    clock = Clock(T0)
    for _ in range(4):
        _refused(path, Credentials("clerk", WRONG_PASSWORD), clock=clock)
    assert _stored(path, "clerk") == (4, None)
    workspace = open_workspace(path, credentials(Role.CLERK), daily_backup=False, clock=clock)
    try:
        row = _account(workspace, "clerk")
        assert (row.failed_logins, row.locked_until) == (0, None)
    finally:
        workspace.close()
    # The count starts again: one more failure does not lock.
    _refused(path, Credentials("clerk", WRONG_PASSWORD), clock=clock)
    workspace = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        assert _view(workspace, "clerk").failed_logins == 1
        assert _view(workspace, "clerk").locked_until is None
    finally:
        workspace.close()


def test_a_disabled_account_is_refused_like_a_wrong_password(path: Path, admin: Workspace) -> None:
    admin.accounts.update_account("clerk", display_name="王录入", role=Role.CLERK, active=False)
    assert _refused(path, credentials(Role.CLERK)) == WRONG
    admin.accounts.update_account("clerk", display_name="王录入", role=Role.CLERK, active=True)
    workspace = sign_in(path, Role.CLERK, daily_backup=False)
    assert workspace.actor.display_name == "王录入"
    workspace.close()


def test_an_administrator_unlocks_an_account(path: Path, admin: Workspace) -> None:
    def lock(session: Session) -> None:
        row = session.scalars(select(AccountRow).where(AccountRow.username == "clerk")).one()
        row.locked_until = "2999-01-01T00:00:00"

    admin._uow.write(lock)
    assert "已被锁定" in _refused(path, credentials(Role.CLERK))
    admin.accounts.unlock("clerk")
    assert _view(admin, "clerk").locked_until is None
    sign_in(path, Role.CLERK, daily_backup=False).close()


# --- hashes and the log ------------------------------------------------------------


def _id(workspace: Workspace, username: str) -> str:
    with workspace._uow.read() as session:
        return str(session.scalar(select(AccountRow.id).where(AccountRow.username == username)))


def test_passwords_are_argon2id_and_never_reach_the_log(path: Path, admin: Workspace) -> None:
    admin.accounts.add_account("xiaoli", "小李", Role.CLERK, "xiaoli-pass1")
    admin.accounts.reset_password("viewer", "viewer-pass2")
    with admin._uow.read() as session:
        hashes = session.scalars(select(AccountRow.password_hash)).all()
    assert len(hashes) == 5
    assert all(h.startswith("$argon2id$") for h in hashes)

    entries = admin.audit_log.entries(AuditFilter(entity="account"))
    added = next(e for e in entries if e.action == "insert" and e.entity_id == _id(admin, "xiaoli"))
    assert '"password_hash": "（已隐去）"' in (added.after_json or "")
    reset = next(e for e in entries if e.action == "update" and e.entity_id == _id(admin, "viewer"))
    assert added.label == "小李（xiaoli）"  # the line names the person and the account
    assert '"password_hash": "（已隐去）"' in (reset.before_json or "")
    assert '"password_hash": "（已隐去）"' in (reset.after_json or "")

    # Nowhere in the log, not even in rows the screens do not show.
    logged = stored_rows(
        path,
        "SELECT COALESCE(before_json, '') || COALESCE(after_json, '') || COALESCE(label, '')"
        " FROM audit_log",
    )
    assert logged
    text = "".join(str(row[0]) for row in logged)
    assert "$argon2" not in text
    for secret in ("xiaoli-pass1", "viewer-pass2", PASSWORD):
        assert secret not in text


def test_a_test_suite_hash_is_upgraded_at_the_next_real_sign_in(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The suite runs on argon2's CHEAPEST profile (tests/conftest.py); the program's own
    # hasher must replace such a hash the first time the account signs in.
    assert _stored_hash(path, ADMIN.username).startswith("$argon2id$v=19$m=8,t=1,p=1$")
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher())
    sign_in(path, Role.ADMIN, daily_backup=False).close()
    assert _stored_hash(path, ADMIN.username).startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    sign_in(path, Role.ADMIN, daily_backup=False).close()  # and it still signs in


def _stored_hash(path: Path, username: str) -> str:
    statement = "SELECT password_hash FROM account WHERE username = :username"
    [(stored,)] = stored_rows(path, statement, username=username)
    return str(stored)


def test_credentials_never_print_the_password() -> None:
    shown = repr(Credentials("clerk", "s3cret-pass"))
    assert "s3cret-pass" not in shown and "clerk" in shown


# --- account management ------------------------------------------------------------


def test_add_account_refuses_duplicates_bad_names_and_weak_passwords(admin: Workspace) -> None:
    with pytest.raises(InputError, match="账号“clerk”已存在"):
        admin.accounts.add_account("clerk", "重名", Role.CLERK, "another-pass1")
    with pytest.raises(InputError, match="账号名“a b”不合规"):
        admin.accounts.add_account("a b", "空格", Role.CLERK, "another-pass1")
    with pytest.raises(InputError, match="密码太短"):
        admin.accounts.add_account("xiaowang", "小王", Role.CLERK, "short1")
    assert [a.username for a in admin.accounts.accounts()] == [
        "admin",
        "clerk",
        "reviewer",
        "viewer",
    ]


def test_change_own_password(path: Path) -> None:
    workspace = sign_in(path, Role.CLERK, daily_backup=False)
    try:
        with pytest.raises(AuthenticationError, match="原密码不正确"):
            workspace.accounts.change_own_password(WRONG_PASSWORD, "new-pass-22")
        with pytest.raises(InputError, match="新密码与原密码相同"):
            workspace.accounts.change_own_password(PASSWORD, PASSWORD)
        with pytest.raises(InputError, match="不能只有数字或只有字母"):
            workspace.accounts.change_own_password(PASSWORD, "12345678")
        workspace.accounts.change_own_password(PASSWORD, "new-pass-22")
    finally:
        workspace.close()
    assert _refused(path, credentials(Role.CLERK)) == WRONG
    again = open_workspace(path, Credentials("clerk", "new-pass-22"), daily_backup=False)
    assert again.account == "clerk"
    again.close()


def test_the_last_administrator_cannot_be_demoted_or_disabled(admin: Workspace) -> None:
    for role, active in ((Role.CLERK, True), (Role.ADMIN, False), (Role.VIEWER, False)):
        with pytest.raises(InputError, match="不能停用或降级最后一个管理员账号"):
            admin.accounts.update_account("admin", display_name="管理员", role=role, active=active)
    assert _view(admin, "admin").role is Role.ADMIN and _view(admin, "admin").active

    admin.accounts.add_account("chief", "刘科长", Role.ADMIN, "chief-pass-1")
    admin.accounts.update_account("admin", display_name="原管理员", role=Role.CLERK, active=True)
    assert _view(admin, "admin").role is Role.CLERK
    # Now chief is the last one.
    with pytest.raises(InputError, match="最后一个管理员"):
        admin.accounts.update_account("chief", display_name="刘科长", role=Role.ADMIN, active=False)
    # Renaming the last administrator is no demotion.
    admin.accounts.update_account("chief", display_name="刘局", role=Role.ADMIN, active=True)
    assert _view(admin, "chief").display_name == "刘局"


def test_editing_a_disabled_administrator_is_no_demotion(admin: Workspace) -> None:
    admin.accounts.add_account("chief", "刘科长", Role.ADMIN, "chief-pass-1")
    admin.accounts.update_account("chief", display_name="刘科长", role=Role.ADMIN, active=False)
    # One active administrator (admin) is left whatever happens to chief next.
    admin.accounts.update_account(
        "chief", display_name="刘局（已调离）", role=Role.ADMIN, active=False
    )
    assert _view(admin, "chief").display_name == "刘局（已调离）"


def test_unknown_accounts_are_named(admin: Workspace) -> None:
    with pytest.raises(InputError, match="找不到账号“ghost”"):
        admin.accounts.unlock("ghost")


# --- the first administrator ---------------------------------------------------------


def test_a_file_without_accounts_asks_for_its_first_administrator(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    path = opened.path
    opened.close()
    pending = begin_open(path)
    assert pending.needs_first_admin
    with pytest.raises(InputError, match="密码太短"):
        pending.create_admin(Credentials("chief", "short1"), "刘科长")
    workspace = pending.create_admin(Credentials("chief", "chief-pass-1"), "刘科长")
    try:
        assert workspace.actor.role is Role.ADMIN
        assert workspace.actor.display_name == "刘科长"
        assert "已创建管理员账号“chief”。" in workspace.warnings
        assert [a.username for a in workspace.accounts.accounts()] == ["chief"]
        created = workspace.audit_log.entries(AuditFilter(entity="account"))[0]
        assert (created.action, created.account, created.label) == (
            "insert",
            "chief",
            "刘科长（chief）",
        )
    finally:
        workspace.close()

    pending = begin_open(path)
    try:
        assert not pending.needs_first_admin
        with pytest.raises(InputError, match="已有账号"):
            pending.create_admin(Credentials("second", "second-pass1"))
        assert pending.sign_in(Credentials("chief", "chief-pass-1")).actor.role is Role.ADMIN
    finally:
        pending.close()


def test_a_read_only_file_without_accounts_lets_one_look(tmp_path: Path) -> None:
    opened = new_data_file(tmp_path)
    path = opened.path
    opened.close()
    before = fingerprint(path)
    pending = begin_open(path, read_only=True)
    try:
        assert pending.needs_first_admin and pending.read_only
        workspace = pending.sign_in(Credentials("chief", "chief-pass-1"))
        assert workspace.actor.role is Role.VIEWER
        assert workspace.read_only
    finally:
        pending.close()
    assert fingerprint(path) == before


# --- read-only opens write nothing -----------------------------------------------------


def test_sign_in_on_a_read_only_open_writes_nothing(path: Path) -> None:
    # A failure recorded earlier would be reset by a good sign-in on a writable open.
    _refused(path, Credentials("clerk", WRONG_PASSWORD))
    before = fingerprint(path)
    assert _refused(path, Credentials("clerk", WRONG_PASSWORD), read_only=True) == WRONG
    workspace = open_workspace(path, credentials(Role.CLERK), read_only=True, daily_backup=False)
    try:
        assert workspace.read_only and workspace.account == "clerk"
        assert workspace.read_only_reason
        assert _account(workspace, "clerk").failed_logins == 1  # nothing was reset
    finally:
        workspace.close()
    assert fingerprint(path) == before


def test_a_plain_sign_in_writes_nothing_either(path: Path) -> None:
    before = fingerprint(path)
    open_workspace(path, ADMIN, daily_backup=False).close()
    assert fingerprint(path) == before


def test_failed_sign_ins_on_a_read_only_file_still_lock_the_account(path: Path) -> None:
    # One failure the file holds, then four it cannot take: together five, the lockout.
    _refused(path, Credentials("clerk", WRONG_PASSWORD))
    before = fingerprint(path)
    clock = Clock(T0)
    for _ in range(4):
        wrong = Credentials("clerk", WRONG_PASSWORD)
        assert _refused(path, wrong, read_only=True, clock=clock) == WRONG
    # Each try opened the file afresh (as the command line does): the count is the
    # process's, not one open's. Even the right password is refused now.
    clock.now = T0 + timedelta(minutes=1)
    locked = _refused(path, credentials(Role.CLERK), read_only=True, clock=clock)
    assert "已被锁定" in locked and "09:45" in locked
    # Other accounts are not affected; the file is untouched.
    open_workspace(path, credentials(Role.REVIEWER), read_only=True, daily_backup=False).close()
    assert fingerprint(path) == before
    assert _stored(path, "clerk") == (1, None)
    # The lock holds on a writable open in the same process too, and lifts on time.
    assert "已被锁定" in _refused(path, credentials(Role.CLERK), clock=clock)
    clock.now = T0 + timedelta(minutes=15)
    workspace = open_workspace(
        path, credentials(Role.CLERK), read_only=True, daily_backup=False, clock=clock
    )
    assert workspace.account == "clerk"
    workspace.close()


@pytest.mark.parametrize("refusal", [FileUnavailableError, BusyError])
def test_a_file_that_stops_taking_writes_still_answers_a_sign_in_as_one(
    path: Path, monkeypatch: pytest.MonkeyPatch, refusal: type[StorageError]
) -> None:
    """Unwritable since it was opened, or too busy: the clerk reads 账号或密码不正确 (not a
    message about saving an edit) and the failure is counted all the same."""

    def refuse(self: UnitOfWork, work: object) -> None:
        raise refusal("数据文件不可写，未能保存，已转为只读；您的修改已保留，可导出。")

    monkeypatch.setattr(UnitOfWork, "write", refuse)
    clock = Clock(T0)
    for _ in range(5):
        assert _refused(path, Credentials("clerk", WRONG_PASSWORD), clock=clock) == WRONG
    assert "已被锁定" in _refused(path, credentials(Role.CLERK), clock=clock)


def test_a_display_name_longer_than_its_column_is_refused_on_both(admin: Workspace) -> None:
    """A file would store 41 characters where a server refuses them: both refuse the same
    way, before anything is written, and the account can still be made with a shorter one."""
    with pytest.raises(InputError, match=r"显示名.*太长：最多 40 个字符"):
        admin.accounts.add_account("clerk9", "张" * 41, Role.CLERK, "test-pass-9")
    assert not admin.read_only
    admin.accounts.add_account("clerk9", "张" * 40, Role.CLERK, "test-pass-9")
    with pytest.raises(InputError, match="太长"):
        admin.accounts.update_account(
            "clerk9", display_name="李" * 41, role=Role.CLERK, active=True
        )
