"""ExchangeBook → exchange workbook file (DESIGN.md §6).

Written in openpyxl's write-only mode: a county book (10,000 people, 160,000
assessments, 1.3 million cells) streams row by row instead of holding a million cell
objects. `ExchangeWorkbook` takes each sheet's rows as an iterator, so the export
writes them as it reads them. Rows keep the book's order, so the same book always
gives the same sheets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from kaohe_desktop.domain.exchange_parse import book_rows
from kaohe_desktop.domain.exchange_schema import SHEETS, SheetSpec
from kaohe_desktop.domain.records import ExchangeBook

# The text guard and the clean-up live in excel_cells (the ranking workbook uses them
# without the exchange schema); the other writers still import them from here.
from kaohe_desktop.reports.excel_cells import Sheet
from kaohe_desktop.reports.excel_cells import discard_workbook as discard_workbook
from kaohe_desktop.reports.excel_cells import needs_text_guard as needs_text_guard
from kaohe_desktop.reports.excel_cells import text_cell as text_cell
from kaohe_desktop.reports.excel_exchange_common import (
    add_instructions_sheet,
    header_cells,
    set_filter,
    set_up_sheet,
)
from kaohe_desktop.reports.file_output import written_beside

MAX_CELL_TEXT = 32767  # Excel's limit; openpyxl would silently cut the rest off
DATE_FORMAT = "yyyy-mm-dd"


class WorkbookWriteError(ValueError):
    """A value that Excel cannot hold; the message is Chinese and names the cell."""


def write_workbook(book: ExchangeBook, path: str | Path) -> None:
    """Write every sheet of the schema (empty ones too) plus 填写说明 to `path`.

    The file is written next to `path` and then moved over it, so a failure never
    leaves half a workbook where the clerk's file was.
    """
    with ExchangeWorkbook() as workbook:
        for spec, _count, rows in book_rows(book):
            workbook.add_sheet(spec, rows)
        workbook.save(path)


class ExchangeWorkbook:
    """The exchange workbook written sheet by sheet, each from an iterator of rows
    (column → value), so a caller can stream rows as it reads them: nothing but the
    row being written is held. Used as a context manager: leaving it without `save`
    (an error, a cancel) deletes what was written."""

    def __init__(self) -> None:
        self._workbook = Workbook(write_only=True)
        self._workbook.properties.creator = "考核台账"
        add_instructions_sheet(self._workbook, SHEETS)
        self._saved = False

    def __enter__(self) -> ExchangeWorkbook:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._saved:
            discard_workbook(self._workbook)

    def add_sheet(self, spec: SheetSpec, rows: Iterable[Mapping[str, object]]) -> int:
        """Write the sheet of `spec` with `rows`, in their order; the rows written."""
        ws = self._workbook.create_sheet(spec.name)
        set_up_sheet(ws, spec, 0)  # before the first row: widths and pane go first
        ws.append(header_cells(ws, spec))
        headers, name = spec.headers, spec.name
        count = 0
        for count, row in enumerate(rows, start=1):
            ws.append(_row_cells(ws, row, headers, name, count + 1))
        set_filter(ws, spec, count)  # the filter is written in the sheet's tail
        return count

    def save(self, path: str | Path) -> None:
        self._workbook.active = 1  # open on the first data sheet, not on the instructions
        with written_beside(Path(path), ".partial.xlsx") as partial:
            self._workbook.save(partial)
        self._saved = True


def _row_cells(
    ws: Sheet, row: Mapping[str, object], headers: Sequence[str], sheet: str, number: int
) -> list[object]:
    """The row's values as the file's cells (see _cell), in the header's order."""
    cells: list[object] = []
    for column in headers:
        value = row[column]
        kind = type(value)
        # The usual cells inline (a county export has 1.9 million): a text with no
        # control character (isprintable), not too long and not read as a formula
        # goes as it is, as do None, an int and a date; a Decimal as in _cell.
        if kind is str:
            text: str = value  # type: ignore[assignment]
            if text.isprintable() and len(text) <= MAX_CELL_TEXT and not needs_text_guard(text):
                cells.append(text)
                continue
        elif value is None or kind is int or kind is date:
            cells.append(value)
            continue
        elif kind is Decimal:
            score: Decimal = value  # type: ignore[assignment]
            cells.append(int(score) if score == score.to_integral_value() else float(score))
            continue
        cells.append(_cell(ws, value, sheet, number, column))
    return cells


def _cell(ws: Sheet, value: object, sheet: str, row: int, column: str) -> object:
    """A row's value as the file's cell: numbers as numbers, dates as dates, text as
    text — cleaned of control characters Excel refuses, and guarded where Excel would
    read it as a formula."""
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
