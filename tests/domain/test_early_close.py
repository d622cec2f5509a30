"""domain/early_close (issue 18): closing before a period's last day is allowed, with
the question the dialogs ask and the mark the close note keeps; and account_label, how
the screens name who closed."""

from __future__ import annotations

from datetime import date

from kaohe_desktop.domain.account_rules import account_label
from kaohe_desktop.domain.early_close import close_note, early_close
from kaohe_desktop.domain.periods import HalfYear, Quarter, Year

DEC_7 = date(2026, 12, 7)


def test_a_quarter_closed_before_its_last_day_is_early_with_the_words_for_it() -> None:
    early = early_close(Quarter(2026, 4), DEC_7)
    assert early is not None and early.end == date(2026, 12, 31)
    assert early.warning() == (
        "本季度到 2026-12-31 结束，今天是 2026-12-07。"
        "提前关闭后本季度的分数、点评和等次不能再修改（管理员可重新开启）。"
    )
    assert early.note() == "提前关闭（季度末为 2026-12-31）"


def test_on_or_after_the_last_day_is_not_early() -> None:
    assert early_close(Quarter(2026, 4), date(2026, 12, 31)) is None
    assert early_close(Quarter(2026, 3), DEC_7) is None
    assert early_close(Year(2025), DEC_7) is None


def test_the_half_and_the_year_have_their_own_words() -> None:
    half = early_close(HalfYear(2026, 2), DEC_7)
    year = early_close(Year(2026), DEC_7)
    assert half is not None and year is not None
    assert half.note() == "提前关闭（半年末为 2026-12-31）"
    assert half.warning().startswith("本半年到 2026-12-31 结束，今天是 2026-12-07。")
    assert year.note() == "提前关闭（年末为 2026-12-31）"
    assert "本年度的全部考核记录不能再修改" in year.warning()


def test_the_close_note_keeps_the_clerks_words_after_the_mark() -> None:
    early = early_close(Quarter(2026, 4), DEC_7)
    mark = "提前关闭（季度末为 2026-12-31）"
    assert close_note("  考核委员会已审定 ", early) == f"{mark}；考核委员会已审定"
    assert close_note("", early) == "提前关闭（季度末为 2026-12-31）"
    assert close_note(" 已审定 ", None) == "已审定"


def test_an_account_is_named_by_its_display_name_then_the_account() -> None:
    assert account_label("admin", "张科长") == "张科长（admin）"
    assert account_label("admin", "admin") == "admin"
    assert account_label("admin", None) == "admin"  # the account is gone
    assert account_label("admin", " ") == "admin"
    assert account_label("admin", "张敏（管理员）") == "张敏（管理员，admin）"
