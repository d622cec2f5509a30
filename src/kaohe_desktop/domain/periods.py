"""Assessment periods as values: Year(2026), HalfYear(2026, 1) ↔ "2026H1",
Quarter(2026, 2) ↔ "2026Q2", Month(2026, 5) ↔ "2026-05".

Periods are stored as their text form, so the text form is the contract: it must
round-trip exactly and sort chronologically within one kind.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MIN_YEAR = 2000
MAX_YEAR = 2100


class PeriodError(ValueError):
    """A period string or value that is not understood; the message is Chinese."""


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"年度 {year} 超出范围（{MIN_YEAR}–{MAX_YEAR}）")
    return year


@dataclass(frozen=True, order=True)
class Year:
    year: int

    def __post_init__(self) -> None:
        _check_year(self.year)

    def __str__(self) -> str:
        return f"{self.year}"

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)

    def halves(self) -> list[HalfYear]:
        return [HalfYear(self.year, 1), HalfYear(self.year, 2)]

    def quarters(self) -> list[Quarter]:
        return [Quarter(self.year, q) for q in range(1, 5)]

    def months(self) -> list[Month]:
        return [Month(self.year, m) for m in range(1, 13)]

    def label(self) -> str:
        return f"{self.year}年度"


@dataclass(frozen=True, order=True)
class HalfYear:
    year: int
    half: int

    def __post_init__(self) -> None:
        _check_year(self.year)
        if self.half not in (1, 2):
            raise PeriodError(f"半年只能是 1 或 2，而不是 {self.half}")

    def __str__(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    def quarters(self) -> list[Quarter]:
        first = 1 if self.half == 1 else 3
        return [Quarter(self.year, first), Quarter(self.year, first + 1)]

    def months(self) -> list[Month]:
        first = 1 if self.half == 1 else 7
        return [Month(self.year, m) for m in range(first, first + 6)]

    def label(self) -> str:
        return f"{self.year}年{'上' if self.half == 1 else '下'}半年"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int

    def __post_init__(self) -> None:
        _check_year(self.year)
        if self.quarter not in (1, 2, 3, 4):
            raise PeriodError(f"季度只能是 1–4，而不是 {self.quarter}")

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        month = 3 * self.quarter
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def half(self) -> HalfYear:
        return HalfYear(self.year, 1 if self.quarter <= 2 else 2)

    def months(self) -> list[Month]:
        first = 3 * self.quarter - 2
        return [Month(self.year, m) for m in range(first, first + 3)]

    def label(self) -> str:
        return f"{self.year}年第{'一二三四'[self.quarter - 1]}季度"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def containing(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        _check_year(self.year)
        if not 1 <= self.month <= 12:
            raise PeriodError(f"月份只能是 1–12，而不是 {self.month}")

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def quarter(self) -> Quarter:
        return Quarter(self.year, (self.month - 1) // 3 + 1)

    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    @classmethod
    def containing(cls, day: date) -> Month:
        return cls(day.year, day.month)


Period = Year | HalfYear | Quarter | Month

_PATTERNS: list[tuple[re.Pattern[str], type[Period]]] = [
    (re.compile(r"^(\d{4})$"), Year),
    (re.compile(r"^(\d{4})[Hh]([12])$"), HalfYear),
    (re.compile(r"^(\d{4})[Qq]([1-4])$"), Quarter),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), Month),
]

EXAMPLES = "2026、2026H1、2026Q2、2026-05"


def parse_period(text: str) -> Period:
    """Parse "2026", "2026H1", "2026Q2" or "2026-05"; anything else is refused."""
    cleaned = str(text).strip()
    for pattern, kind in _PATTERNS:
        match = pattern.match(cleaned)
        if match:
            try:
                return kind(*(int(group) for group in match.groups()))
            except PeriodError as error:
                raise PeriodError(f"期间“{cleaned}”无效：{error}") from None
    raise PeriodError(f"无法识别的期间“{text}”，应写作 {EXAMPLES}")


def _parse_kind(text: str, wording: str) -> Period:
    """parse_period for a parser that takes some kinds only: text that is no period at
    all gets `wording` (the kinds that parser takes), not EXAMPLES, which would offer a
    year or a half year to a caller that refuses them. A period that is out of range
    ("2026-13") keeps parse_period's own words, which say what is wrong with it."""
    cleaned = str(text).strip()
    if not any(pattern.match(cleaned) for pattern, _ in _PATTERNS):
        raise PeriodError(wording)
    return parse_period(text)


def parse_half(text: str) -> HalfYear:
    wording = f"“{text}”不是半年期间，应写作 2026H1 或 2026H2"
    period = _parse_kind(text, wording)
    if not isinstance(period, HalfYear):
        raise PeriodError(wording)
    return period


def parse_quarter(text: str) -> Quarter:
    wording = f"“{text}”不是季度期间，应写作 2026Q1–2026Q4"
    period = _parse_kind(text, wording)
    if not isinstance(period, Quarter):
        raise PeriodError(wording)
    return period


def parse_check_period(text: str) -> Quarter | Month:
    """A check is recorded per quarter (routine tasks) or per month (key tasks)."""
    wording = f"查账期间“{text}”应为季度（2026Q2）或月份（2026-05）"
    period = _parse_kind(text, wording)
    if not isinstance(period, Quarter | Month):
        raise PeriodError(wording)
    return period


def year_of(period: Period) -> int:
    return period.year


def parse_closable(text: str) -> Year | HalfYear | Quarter:
    """A period that can be closed: a quarter, a half year or a year."""
    period = parse_period(text)
    if isinstance(period, Month):
        raise PeriodError(f"“{text}”是月份；只能关闭季度（2026Q2）、半年（2026H1）或年度（2026）")
    return period


def month_span(period: Period) -> tuple[str, str]:
    """First and last month ("2026-04", "2026-06") a period covers.

    A closed period locks every row whose own period lies wholly inside this span
    (the triggers compare the same strings), so closing 2026H1 also locks 2026Q2
    and 2026-05, but closing 2026Q2 leaves the half-year scores of 2026H1 open.
    """
    return str(Month.containing(period.start)), str(Month.containing(period.end))


def closable_periods(year: int) -> list[Quarter | HalfYear | Year]:
    """What can be closed in a year, shortest first: Q1–Q4, H1, H2, the year."""
    whole = Year(year)
    return [*whole.quarters(), *whole.halves(), whole]


def locks(closed: Period, period: Period) -> bool:
    """Whether closing `closed` locks every month of another period `period` (the rule
    the database triggers apply to rows: closing 2026H1 locks 2026Q2, not the reverse)."""
    if str(closed) == str(period):
        return False
    closed_first, closed_last = month_span(closed)
    first, last = month_span(period)
    return closed_first <= first and last <= closed_last
