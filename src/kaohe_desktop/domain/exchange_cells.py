"""Converting one spreadsheet cell into a domain value, with Chinese reasons.

Every converter takes a non-blank cell value as the spreadsheet gave it (str, int,
float, bool, datetime, date, time) and returns the domain value or raises
`CellValueError` whose reason tells the clerk what is wrong and what to write.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TypeVar

from kaohe_desktop.domain.enums import LabeledEnum
from kaohe_desktop.domain.periods import (
    Month,
    PeriodError,
    parse_check_period,
    parse_half,
    parse_quarter,
)

E = TypeVar("E", bound=LabeledEnum)

MIN_DATE_YEAR = 1900
MAX_DATE_YEAR = 2100
FORMULA_AS_NUMBER = "公式不能作为数值，请填写数值本身"
FORMULA_AS_DATE = "公式不能作为日期，请填写日期本身"
DATE_EXAMPLE = "2026-05-12、2026/5/12 或 2026年5月12日"
# No column holds a number this large; past it a cell is a slip or a hostile file, and
# its reason must not spell out hundreds of digits (1e308 as an integer has 309).
MAX_MAGNITUDE = 10**15


class CellValueError(ValueError):
    """A cell that cannot be converted; `reason` is the Chinese message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _normalized(text: str) -> str:
    # NFKC turns full-width digits, letters and punctuation (clerks type them with a
    # Chinese IME) into their ASCII forms; U+2212 is the minus sign Word inserts.
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()


def to_text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < MAX_MAGNITUDE:
        # A code such as 编号 1001 typed into a number cell comes back as 1001.0 from
        # some tools; it means the text "1001". (1e308 stays "1e+308".)
        return str(int(value))
    return str(value).strip()


def to_normalized_text(value: object) -> str:
    """Text with full-width forms folded: "5－6月" typed with a Chinese IME is 5-6月."""
    return _normalized(to_text(value))


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def _too_large(value: float | Decimal) -> CellValueError:
    return CellValueError(f"数值过大（{value:.6g}），请检查是否填错")


def _to_number(value: object) -> Decimal:
    number = _unbounded_number(value)
    if number.is_nan():
        raise CellValueError("数值无效")
    if abs(number) >= MAX_MAGNITUDE:
        raise _too_large(number)
    return number


def _unbounded_number(value: object) -> Decimal:
    if isinstance(value, bool):  # bool is an int subclass: TRUE is not the number 1
        raise CellValueError("应填写数值，而不是逻辑值")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if math.isinf(value):
            raise _too_large(value)
        if math.isnan(value):
            raise CellValueError("数值无效")
        # str() gives the shortest text that round-trips, so 86.5 stays 86.5 rather
        # than the binary expansion 86.4999999999999...
        return Decimal(str(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        text = _normalized(value)
        if text.startswith("="):
            raise CellValueError(FORMULA_AS_NUMBER)
        if not _NUMBER.fullmatch(text):
            raise CellValueError(f"“{value.strip()}”不是数字，请填写阿拉伯数字，如 86.5")
        try:
            return Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
            raise CellValueError(f"“{value.strip()}”不是数字") from exc
    if isinstance(value, date | time):
        raise CellValueError("应填写数值，而不是日期或时间")
    raise CellValueError(f"无法识别的数值“{value}”")


def _plain(number: Decimal) -> Decimal:
    """Drop exponent noise: 86.50 → 86.5, 1E+2 → 100."""
    if number == number.to_integral_value():
        return Decimal(int(number))
    return number.normalize()


def to_int(value: object, low: int, high: int) -> int:
    number = _to_number(value)
    if number != number.to_integral_value():
        raise CellValueError(f"应为整数，而不是 {_plain(number)}")
    result = int(number)
    if not low <= result <= high:
        raise CellValueError(f"{result} 超出范围，应在 {low}–{high} 之间")
    return result


def to_decimal(value: object, low: Decimal, high: Decimal, places: int) -> Decimal:
    number = _plain(_to_number(value))
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise CellValueError(f"{number} 的小数位数过多，最多 {places} 位小数")
    if not low <= number <= high:
        raise CellValueError(f"{number} 超出范围，应在 {low}–{high} 之间")
    return number


_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # a midnight time some exports append
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _make_date(year: int, month: int, day: int, shown: str) -> date:
    if not MIN_DATE_YEAR <= year <= MAX_DATE_YEAR:
        raise CellValueError(f"日期“{shown}”的年份超出范围（{MIN_DATE_YEAR}–{MAX_DATE_YEAR}）")
    if not 1 <= month <= 12:
        raise CellValueError(f"日期“{shown}”无效：月份 {month} 不在 1–12 之间")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellValueError(f"日期“{shown}”无效：{year}年{month}月没有 {day} 日") from None


def to_date(value: object) -> date:
    if isinstance(value, datetime):
        return _make_date(value.year, value.month, value.day, value.date().isoformat())
    if isinstance(value, date):
        return _make_date(value.year, value.month, value.day, value.isoformat())
    if isinstance(value, bool | time):
        raise CellValueError(f"应填写日期，如 {DATE_EXAMPLE}")
    if isinstance(value, int | float):
        if abs(value) >= MAX_MAGNITUDE:  # inf too; NaN compares false
            shown = Decimal(value) if isinstance(value, int) else value
            raise CellValueError(f"{_too_large(shown).reason}，不是日期")
        # 20260512 typed into a number cell is a compact date; other numbers are not.
        whole = isinstance(value, int) or (math.isfinite(value) and value.is_integer())
        compact = _COMPACT_DATE.fullmatch(str(int(value))) if whole else None
        if compact:
            y, m, d = (int(g) for g in compact.groups())
            return _make_date(y, m, d, compact.group(0))
        raise CellValueError(f"“{to_text(value)}”不是日期，应写作 {DATE_EXAMPLE}")
    text = _normalized(str(value))
    if text.startswith("="):
        raise CellValueError(FORMULA_AS_DATE)
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if not match:
        raise CellValueError(f"“{text}”不是日期，应写作 {DATE_EXAMPLE}")
    y, m, d = (int(g) for g in match.groups())
    return _make_date(y, m, d, text)


def to_enum(value: object, kind: type[E]) -> E:
    # Labels never contain spaces, so "中共 党员" is a typing slip, not another value.
    text = re.sub(r"\s+", "", _normalized(to_text(value)))
    try:
        return kind.from_label(text)
    except ValueError:
        raise CellValueError(f"“{text}”不是可选值，可选：{'、'.join(kind.labels())}") from None


def to_one_of(value: object, kinds: tuple[type[LabeledEnum], ...]) -> LabeledEnum:
    """A value from the first of several enumerations whose labels contain it."""
    text = re.sub(r"\s+", "", _normalized(to_text(value)))
    for kind in kinds:
        try:
            return kind.from_label(text)
        except ValueError:
            continue
    allowed = "、".join(label for kind in kinds for label in kind.labels())
    raise CellValueError(f"“{text}”不是可选值，可选：{allowed}")


def to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _normalized(to_text(value))
    if text in ("是", "否"):
        return text == "是"
    raise CellValueError(f"“{text}”无效，应填写“是”或“否”")


_DEPARTMENT_SEPARATORS = re.compile(r"[、,，;；\s]+")


def to_departments(value: object) -> tuple[str, ...]:
    """责任科室: split on 、,，;； and whitespace, drop repeats, keep the clerk's order."""
    names = [name for name in _DEPARTMENT_SEPARATORS.split(to_text(value)) if name]
    if not names:
        raise CellValueError("未填写科室名称，多个科室用、或 , 分隔")
    return tuple(dict.fromkeys(names))


def _period_text(value: object) -> str:
    return re.sub(r"\s+", "", _normalized(to_text(value)))


@lru_cache(maxsize=4096)  # a sheet repeats the same few periods thousands of times
def to_half(value: object) -> str:
    try:
        return str(parse_half(_period_text(value)))
    except PeriodError as exc:
        raise CellValueError(str(exc)) from None


@lru_cache(maxsize=4096)
def to_quarter(value: object) -> str:
    try:
        return str(parse_quarter(_period_text(value)))
    except PeriodError as exc:
        raise CellValueError(str(exc)) from None


@lru_cache(maxsize=4096)
def to_check_period(value: object) -> str:
    # Excel turns "2026-05" typed into a General cell into the date 2026-05-01; the
    # clerk meant the month.
    if isinstance(value, date) and value.day == 1:
        try:
            return str(Month(value.year, value.month))
        except PeriodError as exc:
            raise CellValueError(str(exc)) from None
    try:
        return str(parse_check_period(_period_text(value)))
    except PeriodError as exc:
        raise CellValueError(str(exc)) from None


def period_year(text: str) -> int:
    """The year of a period text already normalised by one of the converters above."""
    return int(text[:4])
