"""Closing a period before its last day (issue 18): allowed, but never without a word.

The one rule of what counts as early, and its words: the question the closing dialogs
ask and the command line prints (`EarlyClose.warning`), and the mark the lock row's
close note carries (`EarlyClose.note`, added by services/files/period_locks for every
close, whichever screen or command closes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kaohe_desktop.domain.periods import HalfYear, Quarter, Year

Closable = Year | HalfYear | Quarter

# Per kind: what "this period" is called, what its last day is called, what closing locks.
_WORDS: dict[type, tuple[str, str, str]] = {
    Quarter: ("本季度", "季度末", "本季度的分数、点评和等次"),
    HalfYear: ("本半年", "半年末", "本半年的科室得分、加减分和等次"),
    Year: ("本年度", "年末", "本年度的全部考核记录"),
}


@dataclass(frozen=True)
class EarlyClose:
    """A close of `period` on `today`, before the period's last day."""

    period: Closable
    today: date

    @property
    def end(self) -> date:
        return self.period.end

    def warning(self) -> str:
        """本季度到 2026-12-31 结束，今天是 2026-12-07。提前关闭后…（管理员可重新开启）。"""
        this, _end, locked = _WORDS[type(self.period)]
        return (
            f"{this}到 {self.end:%Y-%m-%d} 结束，今天是 {self.today:%Y-%m-%d}。"
            f"提前关闭后{locked}不能再修改（管理员可重新开启）。"
        )

    def note(self) -> str:
        """提前关闭（季度末为 2026-12-31）: what the lock row's close note records."""
        return f"提前关闭（{_WORDS[type(self.period)][1]}为 {self.end:%Y-%m-%d}）"


def early_close(period: Closable, today: date) -> EarlyClose | None:
    """The early close of `period` on `today`, or None when its last day has come."""
    return EarlyClose(period, today) if today < period.end else None


def close_note(note: str, early: EarlyClose | None) -> str:
    """The close note as stored: the clerk's, after the early mark when early."""
    note = note.strip()
    if early is None:
        return note
    return f"{early.note()}；{note}" if note else early.note()
