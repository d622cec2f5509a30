"""domain/account_rules: account names, password strength and the lockout clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kaohe_desktop.domain.account_rules import (
    LOCKOUT,
    MAX_FAILED_LOGINS,
    MIN_PASSWORD_LENGTH,
    AccountRuleError,
    check_password,
    check_username,
    is_locked,
    lockout_after_failure,
)

NOW = datetime(2026, 5, 6, 9, 30, 0)


def test_the_numbers() -> None:
    assert (MAX_FAILED_LOGINS, MIN_PASSWORD_LENGTH) == (5, 8)
    assert LOCKOUT.total_seconds() == 15 * 60


# --- usernames -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("ab", "ab"),
        ("zhang.san", "zhang.san"),
        ("luru_01", "luru_01"),
        ("li-si", "li-si"),
        ("张三", "张三"),
        ("  admin  ", "admin"),
        ("a" * 40, "a" * 40),
    ],
)
def test_good_usernames_are_kept_stripped(given: str, kept: str) -> None:
    assert check_username(given) == kept


@pytest.mark.parametrize(
    "given", ["a", "", "   ", "a" * 41, "zhang san", "adm!n", "a@b", "管理员/1", "x\ty"]
)
def test_bad_usernames_are_refused_in_chinese(given: str) -> None:
    with pytest.raises(AccountRuleError) as raised:
        check_username(given)
    message = str(raised.value)
    assert f"账号名“{given}”不合规" in message
    assert "2–40 个字符" in message


# --- passwords -----------------------------------------------------------------


@pytest.mark.parametrize("password", ["abc12345", "kaohe-demo1", "Passw0rd!", "考核台账2026年"])
def test_good_passwords_pass(password: str) -> None:
    check_password(password)


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("abc1234", "密码太短：至少需要 8 个字符"),
        ("", "密码太短"),
        ("12345678", "不能只有数字或只有字母"),
        ("abcdefgh", "不能只有数字或只有字母"),
        ("考核台账考核台账", "不能只有数字或只有字母"),  # Chinese characters are letters too
        (" abc12345", "开头或结尾不能是空格"),
        ("abc12345 ", "开头或结尾不能是空格"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(password: str, words: str) -> None:
    with pytest.raises(AccountRuleError, match=words):
        check_password(password)


def test_eight_characters_is_long_enough_and_seven_is_not() -> None:
    check_password("abcd123!")
    with pytest.raises(AccountRuleError):
        check_password("abc123!")


# --- lockout -------------------------------------------------------------------


@pytest.mark.parametrize("failures", [0, 1, 4])
def test_fewer_than_five_failures_do_not_lock(failures: int) -> None:
    assert lockout_after_failure(failures, NOW) is None


@pytest.mark.parametrize("failures", [5, 6])
def test_the_fifth_failure_locks_for_fifteen_minutes(failures: int) -> None:
    assert lockout_after_failure(failures, NOW) == datetime(2026, 5, 6, 9, 45, 0)


def test_a_lock_lasts_until_its_end_and_not_a_second_longer() -> None:
    until = datetime(2026, 5, 6, 9, 45, 0)
    assert is_locked(until, NOW)
    assert is_locked(until, until - timedelta(seconds=1))
    assert not is_locked(until, until)
    assert not is_locked(until, until + timedelta(minutes=1))
    assert not is_locked(None, NOW)
