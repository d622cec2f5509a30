"""Rules for local accounts: names, password strength and the login lockout."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8

_USERNAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,40}$")


class AccountRuleError(ValueError):
    """A username or password that breaks a rule; the message is Chinese."""


def check_username(username: str) -> str:
    name = username.strip()
    if not _USERNAME.match(name):
        raise AccountRuleError(
            f"账号名“{username}”不合规：需 2–40 个字符，"
            "只能含汉字、字母、数字、下划线、点或连字符。"
        )
    return name


MAX_DISPLAY_NAME = 40  # account.display_name is VARCHAR(40): a server refuses more


def check_display_name(display_name: str) -> str:
    name = display_name.strip()
    if len(name) > MAX_DISPLAY_NAME:
        raise AccountRuleError(
            f"显示名“{name[:12]}…”太长：最多 {MAX_DISPLAY_NAME} 个字符（现有 {len(name)} 个）。"
        )
    return name


def account_label(username: str, display_name: str | None) -> str:
    """An account as the screens name someone: 张科长（admin）, or the account name alone
    when it has no other display name (or is gone)."""
    name = (display_name or "").strip()
    if not name or name == username:
        return username
    if name.endswith("）"):  # 张敏（管理员） → 张敏（管理员，admin）, not two brackets in a row
        return f"{name[:-1]}，{username}）"
    return f"{name}（{username}）"


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountRuleError(f"密码太短：至少需要 {MIN_PASSWORD_LENGTH} 个字符。")
    if password.strip() != password:
        raise AccountRuleError("密码的开头或结尾不能是空格。")
    if password.isdigit() or password.isalpha():
        raise AccountRuleError("密码不能只有数字或只有字母，请混合使用。")


def lockout_after_failure(failed_logins: int, now: datetime) -> datetime | None:
    """The time until which the account is locked after this many failures, if any."""
    if failed_logins >= MAX_FAILED_LOGINS:
        return now + LOCKOUT
    return None


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until
