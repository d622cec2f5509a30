"""ExchangeBook → exchange workbook file (DESIGN.md §6).

Written in openpyxl's write-only mode: a county book (10,000 people, 160,000
assessments) streams row by row instead of holding a million cell objects. Rows
keep the book's order, so the same book always gives the same sheets.
"""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell

from kaohe_desktop.domain.exchange_parse import book_rows
from kaohe_desktop.domain.exchange_schema import SHEETS
from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.reports.excel_exchange_common import (
    Sheet,
    add_instructions_sheet,
    header_cells,
    set_up_sheet,
)
from kaohe_desktop.reports.file_output import written_beside

MAX_CELL_TEXT = 32767  # Excel's limit; openpyxl would silently cut the rest off
# A text starting with one of these is read by Excel (or by a CSV import of a copy)
# as a formula: "=HYPERLINK(...)" in a task title would become a live link.
FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"


class WorkbookWriteError(ValueError):
    """A value that Excel cannot hold; the message is Chinese and names the cell."""


def write_workbook(book: ExchangeBook, path: str | Path) -> None:
    """Write every sheet of the schema (empty ones too) plus 填写说明 to `path`.

    The file is written next to `path` and then moved over it, so a failure never
    leaves half a workbook where the clerk's file was.
    """
    path = Path(path)
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "考核台账"
    add_instructions_sheet(workbook, SHEETS)
    try:
        for spec, count, rows in book_rows(book):
            ws = workbook.create_sheet(spec.name)
            set_up_sheet(ws, spec, count)
            ws.append(header_cells(ws, spec))
            headers = spec.headers
            for row_number, row in enumerate(rows, start=2):
                ws.append([_cell(ws, row[name], spec.name, row_number, name) for name in headers])
    except BaseException:
        discard_workbook(workbook)
        raise
    workbook.active = 1  # open on the first data sheet, not on the instructions
    _save_replacing(workbook, path)


def needs_text_guard(text: str) -> bool:
    """Would Excel take this text for a formula (or an error value)?"""
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


def _cell(ws: Sheet, value: object, sheet: str, row: int, column: str) -> object:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Decimal):
        # Excel holds numbers as doubles; scores have at most two decimals, so the
        # float prints back as the same decimal.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value  # openpyxl gives date cells the yyyy-mm-dd format
    text = str(value)
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)  # control characters Excel refuses
    if len(text) > MAX_CELL_TEXT:
        raise WorkbookWriteError(
            f"工作表“{sheet}”第 {row} 行“{column}”列的文字有 {len(text)} 个字符，"
            f"超过 Excel 单元格的上限 {MAX_CELL_TEXT}"
        )
    return text_cell(ws, text) if needs_text_guard(text) else text


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


def _save_replacing(workbook: Workbook, path: Path) -> None:
    with written_beside(path, ".partial.xlsx") as partial:
        workbook.save(partial)
