"""What every workbook writer here shares about cells and files: the guard that keeps
a text Excel would read as a formula a text, and the clean-up of a write-only
workbook given up half way. Only openpyxl: the ranking workbook imports this without
the exchange schema.
"""

from __future__ import annotations

import contextlib
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell

# A text starting with one of these is read by Excel (or by a CSV import of a copy)
# as a formula: "=HYPERLINK(...)" in a task title would become a live link.
FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r")
# The first characters of all of the above and of Excel's error values (#N/A …); a
# text starting with whitespace is looked at further (" =1" is a formula too).
_GUARD_FIRST = frozenset("".join(FORMULA_STARTS + CONTROL_STARTS) + "#")

Sheet = Any  # openpyxl Worksheet or WriteOnlyWorksheet


def needs_text_guard(text: str) -> bool:
    """Would Excel take this text for a formula (or an error value)?"""
    if not text:
        return False
    first = text[0]
    if first not in _GUARD_FIRST and not first.isspace():
        return False  # the usual case, decided on the first character (a million cells)
    return (
        text.startswith(CONTROL_STARTS)
        or text.lstrip().startswith(FORMULA_STARTS)
        or text in ERROR_CODES
    )


def text_cell(ws: Sheet, text: str) -> Cell:
    """A cell that holds `text` as text whatever it starts with."""
    cell = WriteOnlyCell(ws, text)  # openpyxl types "=..." as a formula here...
    cell.data_type = "s"  # ...so say it is a string
    cell.quotePrefix = True  # Excel's leading apostrophe: stays text when the clerk edits it
    return cell


def discard_workbook(workbook: Workbook) -> None:
    """Finish and delete the temporary sheet files of a write-only workbook we give up
    on; left alone, they would be closed in arbitrary order by the garbage collector."""
    for ws in workbook.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            ws.close()
        with contextlib.suppress(Exception):
            writer.cleanup()
