"""Small helpers shared by the demo generator's modules.

Everything random takes the one `random.Random` of the book, so a seed fixes the
whole book; nothing here reads the clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

T = TypeVar("T")

_CN_DIGITS = "零一二三四五六七八九"
DEFAULT_SEED = 2026


def cn_number(value: int) -> str:
    """1–99 in Chinese numerals, as written in names such as 第十二中队."""
    if not 1 <= value <= 99:
        raise ValueError(value)
    tens, ones = divmod(value, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def one_decimal(value: float) -> Decimal:
    """A score as a clerk types it: one decimal place, e.g. Decimal("86.5")."""
    return Decimal(f"{value:.1f}")


def day_between(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end], both included."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


def doc_number(rng: random.Random, prefix: str, day: date) -> str:
    """A 文号 like 夏食药监发〔2026〕12号; the number grows through the year as real ones do."""
    number = day.timetuple().tm_yday * 3 // 10 + rng.randint(1, 3)
    return f"{prefix}〔{day.year}〕{number}号"


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def unique_by(rows: list[T], key: Callable[[T], Hashable]) -> list[T]:
    """Keep the first row of each key: the exchange sheets' upsert keys must not repeat."""
    seen: set[Hashable] = set()
    kept: list[T] = []
    for row in rows:
        marker = key(row)
        if marker not in seen:
            seen.add(marker)
            kept.append(row)
    return kept
