"""Local accounts in the data file: sign-in with lockout, the first administrator,
and the administrator's account management.

Passwords are hashed with Argon2id (argon2-cffi). Hashing is slow on purpose, so it
runs outside any write transaction: a sign-in reads, verifies, then records the
outcome in one short transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from kaohe_desktop.domain.account_rules import (
    AccountRuleError,
    check_display_name,
    check_password,
    check_username,
    is_locked,
    lockout_after_failure,
)
from kaohe_desktop.domain.roles import Action, Actor, Role
from kaohe_desktop.services.access import unrecorded_failures
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.errors import AuthenticationError, InputError
from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.errors import BusyError, FileUnavailableError, ReadOnlyError
from kaohe_desktop.storage.models import AccountRow
from kaohe_desktop.storage.queries.accounts import account_named, account_total
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
# Argon2id at argon2-cffi's defaults (RFC 9106's low-memory profile): about 80 ms a try,
# which is the point. The test suite alone sets KAOHE_TEST_CHEAPEST_HASH=1 (it signs in
# some 700 times) to use argon2's own CHEAPEST profile, made for tests. A hash made that
# way is replaced at its next sign-in without the variable (check_needs_rehash below), so
# a file that began in a test never keeps a weak hash in real use.
CHEAPEST_HASH_ENVIRONMENT = "KAOHE_TEST_CHEAPEST_HASH"
_hasher = (
    PasswordHasher.from_parameters(profiles.CHEAPEST)
    if os.environ.get(CHEAPEST_HASH_ENVIRONMENT) == "1"
    else PasswordHasher()
)
WRONG = "账号或密码不正确。"


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str

    def __repr__(self) -> str:  # never print a password in a traceback or log
        return f"Credentials(username={self.username!r}, password=***)"


@dataclass(frozen=True)
class AccountView:
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    failed_logins: int


def _locked_until(row: AccountRow) -> datetime | None:
    return datetime.fromisoformat(row.locked_until) if row.locked_until else None


def _view(row: AccountRow) -> AccountView:
    return AccountView(
        row.username,
        row.display_name,
        Role(row.role),
        row.active,
        _locked_until(row),
        row.failed_logins,
    )


def _rules(action: Callable[[], object]) -> None:
    try:
        action()
    except AccountRuleError as error:
        raise InputError(str(error)) from None


def hash_password(password: str) -> str:
    _rules(lambda: check_password(password))
    return _hasher.hash(password)


def account_count(uow: UnitOfWork) -> int:
    with uow.read() as session:
        return account_total(session)


def create_first_admin(uow: UnitOfWork, credentials: Credentials, display_name: str = "") -> Actor:
    """The administrator of a file that has no account yet (a new file, or one made
    before accounts existed)."""
    username = credentials.username.strip()
    _rules(lambda: check_username(username))
    password_hash = hash_password(credentials.password)

    def work(session: Session) -> None:
        if account_total(session):
            raise InputError("该数据文件已有账号，不能再创建第一个管理员。")
        session.add(
            AccountRow(
                username=username,
                display_name=display_name or username,
                role=Role.ADMIN.value,
                password_hash=password_hash,
            )
        )

    uow.write(work)
    return Actor(username, display_name or username, Role.ADMIN)


def _file_of(session: Session) -> str:
    """The data file's own path as SQLite opened it: one key however it was reached.
    On a server: the server and database, as the server names itself."""
    if session.get_bind().dialect.name == "postgresql":
        row = session.execute(
            text("SELECT inet_server_addr()::text, inet_server_port(), current_database()")
        ).one()
        return f"{row[0]}:{row[1]}/{row[2]}"
    for _seq, name, file in session.execute(text("PRAGMA database_list")):
        if name == "main":
            return str(file)
    return "?"


def _later(first: datetime | None, second: datetime | None) -> datetime | None:
    return max((t for t in (first, second) if t is not None), default=None)


def authenticate(uow: UnitOfWork, credentials: Credentials, clock: Clock = datetime.now) -> Actor:
    """Check a sign-in; count failures and lock the account after too many."""
    username = credentials.username.strip()
    with uow.read() as session:
        row = account_named(session, username)
        key = (_file_of(session), username)
    now = clock()
    if row is None or not row.active:
        _record(uow, username, "login_fail", username, {"reason": "unknown or disabled"})
        raise AuthenticationError(WRONG)
    locked_until = _later(_locked_until(row), unrecorded_failures.locked_until(key))
    if is_locked(locked_until, now):
        assert locked_until is not None
        _record(uow, username, "login_fail", username, {"reason": "locked"})
        raise AuthenticationError(
            f"账号“{username}”因连续输错密码已被锁定，请在 {locked_until:%H:%M} 之后再试，"
            "或请管理员解锁。"
        )
    try:
        _hasher.verify(row.password_hash, credentials.password)
    except (VerificationError, InvalidHashError):
        if not _record_failure(uow, username, now):
            unrecorded_failures.count_failure(key, row.failed_logins, now)
        raise AuthenticationError(WRONG) from None
    unrecorded_failures.forget(key)
    rehash = _hasher.check_needs_rehash(row.password_hash)
    new_hash = _hasher.hash(credentials.password) if rehash else None

    def succeed(session: Session) -> None:
        account = _row(session, username)
        account.failed_logins = 0
        account.locked_until = None
        if new_hash:
            account.password_hash = new_hash

    # A successful sign-in writes nothing unless there is something to reset: reading
    # the file (a report, a refused import) must leave it byte for byte unchanged.
    if row.failed_logins or row.locked_until or new_hash:
        _write_if_possible(uow, succeed)
    return Actor(row.username, row.display_name, Role(row.role))


def _record_failure(uow: UnitOfWork, username: str, now: datetime) -> bool:
    def work(session: Session) -> None:
        account = _row(session, username)
        account.failed_logins += 1
        until = lockout_after_failure(account.failed_logins, now)
        if until is not None:
            account.locked_until = until.isoformat(timespec="seconds")
            account.failed_logins = 0
        record_event(session.connection(), username, "login_fail", "account", username, "密码错误")

    return _write_if_possible(uow, work)


def _record(
    uow: UnitOfWork, username: str, action: str, entity_id: str, detail: dict[str, str]
) -> None:
    _write_if_possible(
        uow,
        lambda session: record_event(
            session.connection(), username or "?", action, "account", entity_id, "登录失败", detail
        ),
    )


def _write_if_possible(uow: UnitOfWork, work: Callable[[Session], object]) -> bool:
    """Whether the file took the write. A file opened read-only (a read-only share), one
    that stopped taking writes, or one too busy still lets people sign in to look; it
    just cannot record the sign-in (the caller counts a failure in memory instead)."""
    if uow.read_only:
        return False
    try:
        uow.write(work)
    except (ReadOnlyError, FileUnavailableError, BusyError):
        return False
    return True


class AccountService:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.MANAGE_ACCOUNTS)
    def accounts(self) -> list[AccountView]:
        with self._uow.read() as session:
            rows = session.scalars(select(AccountRow).order_by(AccountRow.id)).all()
            return [_view(row) for row in rows]

    @requires(Action.MANAGE_ACCOUNTS)
    def add_account(self, username: str, display_name: str, role: Role, password: str) -> None:
        name = username.strip()
        _rules(lambda: check_username(name))
        _rules(lambda: check_display_name(display_name))
        password_hash = hash_password(password)

        def work(session: Session) -> None:
            if account_named(session, name) is not None:
                raise InputError(f"账号“{name}”已存在。")
            session.add(
                AccountRow(
                    username=name,
                    display_name=display_name.strip() or name,
                    role=role.value,
                    password_hash=password_hash,
                )
            )

        self._uow.write(work)

    @requires(Action.MANAGE_ACCOUNTS)
    def update_account(self, username: str, *, display_name: str, role: Role, active: bool) -> None:
        _rules(lambda: check_display_name(display_name))

        def work(session: Session) -> None:
            row = _row(session, username)
            demoted = (
                row.role == Role.ADMIN.value
                and row.active
                and (role is not Role.ADMIN or not active)
            )
            if demoted and _active_admins(session) <= 1:
                raise InputError("不能停用或降级最后一个管理员账号：文件将无人能管理账号。")
            row.display_name = display_name.strip() or row.username
            row.role = role.value
            row.active = active

        self._uow.write(work)

    @requires(Action.MANAGE_ACCOUNTS)
    def reset_password(self, username: str, new_password: str) -> None:
        password_hash = hash_password(new_password)

        def work(session: Session) -> None:
            row = _row(session, username)
            row.password_hash = password_hash
            row.failed_logins = 0
            row.locked_until = None

        self._uow.write(work)

    @requires(Action.MANAGE_ACCOUNTS)
    def unlock(self, username: str) -> None:
        def work(session: Session) -> None:
            row = _row(session, username)
            row.failed_logins = 0
            row.locked_until = None

        self._uow.write(work)

    @requires(Action.CHANGE_OWN_PASSWORD)
    def change_own_password(self, old_password: str, new_password: str) -> None:
        username = self.guard.actor.username
        with self._uow.read() as session:
            current = _row(session, username).password_hash
        try:
            _hasher.verify(current, old_password)
        except (VerificationError, InvalidHashError):
            raise AuthenticationError("原密码不正确，密码未修改。") from None
        if old_password == new_password:
            raise InputError("新密码与原密码相同，请换一个。")
        password_hash = hash_password(new_password)

        def work(session: Session) -> None:
            _row(session, username).password_hash = password_hash

        self._uow.write(work)


def _row(session: Session, username: str) -> AccountRow:
    row = account_named(session, username)
    if row is None:
        raise InputError(f"找不到账号“{username}”。")
    return row


def _active_admins(session: Session) -> int:
    statement = (
        select(func.count())
        .select_from(AccountRow)
        .where(AccountRow.role == Role.ADMIN.value, AccountRow.active.is_(True))
    )
    return session.scalar(statement) or 0
