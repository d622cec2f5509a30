"""A worksheet cell's value from its XML, as openpyxl's reader makes it.

The import reads each worksheet in one streaming pass (excel_exchange_sheet.read_sheet)
instead of scanning it and then letting openpyxl parse it again: at county scale
(230,000 rows, 1.1 million cells) openpyxl's element-by-element parse was two thirds
of the import's reading. The pass hands each cell's parts here: the `t` and `s`
attributes, the text of its first `<v>` and, for an inline string, the text of its
`<is>`. The rules are openpyxl 3.1's `WorkSheetParser.parse_cell` with the reader's
own exceptions (excel_exchange_package._CellParser): a cell that does not convert —
"NaN" in a number cell, 2026-13-45 in a date cell, a date serial past year 9999 — is
handed on as the text (or, for the date, the number) the file holds, for
`exchange_parse` to judge with its sheet, row and column. A cell with a formula is not
converted here: a sheet with formulas is read by openpyxl's own parser (the reader).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

UNREADABLE = "unreadable"  # data type of a cell whose content is damaged; value: the reason


@dataclass(frozen=True)
class CellTypes:
    """What converting a cell needs from the rest of the workbook."""

    strings: list[str] = field(default_factory=list)
    epoch: datetime = CALENDAR_WINDOWS_1900
    date_formats: Collection[int] = frozenset()  # style ids showing a date
    timedelta_formats: Collection[int] = frozenset()  # style ids showing a duration


def _number(text: str) -> int | float:
    # openpyxl's _cast_number
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def cell_value(
    types: CellTypes, kind: str, style: str, raw: str | None, inline: str | None
) -> tuple[Any, str]:
    """(value, data type) of a cell: `kind` its `t` attribute ("n" if none), `style` its
    `s` ("0" if none, digits: the scan refused others), `raw` the text of its first
    `<v>` (None without one), `inline` the text of its first `<is>` (None without one)."""
    if kind == "s" and raw:
        text = raw.strip()
        if not (text.isascii() and text.isdigit() and int(text) < len(types.strings)):
            # openpyxl would take -1 for the last string, and fail on 99 of 10 or on "x"
            reason = f"单元格内容已损坏（共享文本编号“{raw[:20]}”不存在），请重新填写"
            return reason, UNREADABLE
        return types.strings[int(text)], "s"
    if kind == "inlineStr":
        return (inline, "s") if inline is not None else (None, kind)
    if not raw:
        return None, kind
    try:
        if kind == "n":
            number = _number(raw)
            if int(style) not in types.date_formats:
                return number, "n"
            try:
                timedelta = int(style) in types.timedelta_formats
                return from_excel(number, types.epoch, timedelta=timedelta), "d"
            except (OverflowError, ValueError):
                return number, "n"  # openpyxl's "#VALUE!" for a serial past the calendar
        if kind == "b":
            return bool(int(raw)), "b"
        if kind == "str":
            return raw, "s"
        if kind == "d":
            return from_ISO8601(raw), "d"  # type: ignore[no-untyped-call]
    except MemoryError:
        raise
    except Exception:  # any one cell that does not convert stays that cell's problem
        return raw, "s"
    return raw, kind  # "e" (an error value) and kinds openpyxl leaves as they are
