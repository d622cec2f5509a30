"""The look of the printed result workbooks (the quarterly ranking, the 半年考核 score
sheet): two title rows, a shaded header, bordered cells, widths measured from the
Chinese text, the pane frozen under the header, a filter, and A4 fitted to the width.

For openpyxl's write-only mode: widths, panes and print setup go before the first
row, so each sheet's content is known (and measured) before it is written.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from kaohe_desktop.reports.excel_cells import needs_text_guard, text_cell
from kaohe_desktop.reports.excel_exchange_common import (
    HEADER_ALIGNMENT,
    HEADER_BORDER,
    HEADER_FILL,
    PAPER_A4,
    THIN,
    column_width,
)

TITLE_ROWS = 2  # the title, then a line saying what the sheet holds
HEADER_ROW = TITLE_ROWS + 1
# About what fits across A4 portrait before fitting to the width shrinks the type too far.
PORTRAIT_UNITS = 130
LINE_HEIGHT = 15.0  # points per line of 11-point text
_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
ALIGNMENTS = {
    "left": Alignment(horizontal="left", vertical="center"),
    "center": Alignment(horizontal="center", vertical="center"),
    "right": Alignment(horizontal="right", vertical="center"),
    "wrap": Alignment(horizontal="left", vertical="center", wrap_text=True),
}
_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)

Sheet = Any  # a write-only worksheet


def text_units(text: str) -> int:
    """Width of `text` in Excel character units: a Chinese (wide) character takes two."""
    if text.isascii():
        return len(text)  # 编号, numbers, "": no wide character to look up
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrapped_lines(text: str, width: float) -> int:
    """Lines `text` takes in a wrapping cell `width` character units wide."""
    return max(1, math.ceil(text_units(text) / max(width - 1, 1)))


def plain_text(ws: Sheet, value: str) -> Cell:
    """Text as text: "=1+1" or "-3" in a 备注 must not become a formula or a number."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters Excel refuses
    return text_cell(ws, text) if needs_text_guard(text) else WriteOnlyCell(ws, text)


class StyledCells:
    """Makes the cells of one workbook. Setting a style on a cell makes openpyxl hash
    and look up the style objects, which cost 20 s for 10,000 people; each distinct
    look is set once here and its style indexes (the cell's StyleArray, which openpyxl
    copies the same way between cells) are copied onto the next cells."""

    def __init__(self) -> None:
        self._looks: dict[tuple[str, str | None, bool, bool], StyleArray] = {}

    def _styled(self, cell: Cell, align: str, number_format: str | None, bold: bool) -> Cell:
        # A guarded text carries Excel's leading apostrophe (quotePrefix) in its style.
        key = (align, number_format, bold, bool(cell.quotePrefix))
        look = self._looks.get(key)
        if look is not None:
            # _style: the StyleArray slot of openpyxl's StyleableObject, left out of its stubs.
            cell._style = copy(look)  # type: ignore[attr-defined]
            return cell
        cell.border = _BORDER
        cell.alignment = ALIGNMENTS[align]
        if number_format is not None:
            cell.number_format = number_format
        if bold:
            cell.font = _BOLD
        self._looks[key] = copy(cell._style)  # type: ignore[attr-defined]  # as above
        return cell

    def text(self, ws: Sheet, value: str, align: str = "left", *, bold: bool = False) -> Cell:
        """A bordered cell holding `value` as text."""
        return self._styled(plain_text(ws, value), align, None, bold)

    def number(
        self, ws: Sheet, value: int | Decimal | None, number_format: str | None = None,
        *, bold: bool = False, align: str = "center",
    ) -> Cell:  # fmt: skip
        """A numeric cell (Excel sorts and sums it); an empty bordered cell for None."""
        plain: float | None
        if isinstance(value, Decimal):
            # Scores have at most two decimals: the float prints back as the same decimal.
            plain = int(value) if value == value.to_integral_value() else float(value)
        else:
            plain = value
        return self._styled(WriteOnlyCell(ws, plain), align, number_format, bold)


class TableCells:
    """The cells of one table's rows, made once per column and look and given the next
    row's values: openpyxl's write-only sheet writes a row while `append` runs, so a
    cell appended is free again when `append` returns (openpyxl's own append refills
    one cell the same way). A new styled cell per value (the object, its style copied,
    its text cleaned) cost 0.2 s of the 1.2 s a 10,000-person ranking workbook took to
    write. The looks and values are StyledCells' own: the first cell of each look is
    made by it (tests/reports/test_excel_table_cells.py compares the two)."""

    def __init__(self, cells: StyledCells, ws: Sheet) -> None:
        self._cells = cells
        self._ws = ws
        # (column, text or number, align, number format, bold, guarded) → its cell
        self._made: dict[tuple[int, bool, str, str | None, bool, bool], Cell] = {}

    def text(self, column: int, value: str, align: str = "left", *, bold: bool = False) -> Cell:
        """As StyledCells.text, for `column` of the row being made."""
        if not value.isprintable():  # no control character Excel refuses is printable
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        guarded = needs_text_guard(value)
        key = (column, True, align, None, bold, guarded)
        cell = self._made.get(key)
        if cell is None:
            cell = self._made[key] = self._cells.text(self._ws, value, align, bold=bold)
            return cell
        cell.value = value
        if guarded:
            cell.data_type = "s"  # as text_cell: a text, never a formula
        return cell

    def number(
        self, column: int, value: int | Decimal | None, number_format: str | None = None,
        *, bold: bool = False, align: str = "center",
    ) -> Cell:  # fmt: skip
        """As StyledCells.number, for `column` of the row being made."""
        key = (column, False, align, number_format, bold, False)
        cell = self._made.get(key)
        if cell is None:
            cell = self._cells.number(self._ws, value, number_format, bold=bold, align=align)
            self._made[key] = cell
            return cell
        if isinstance(value, Decimal):
            # Scores have at most two decimals: the float prints back as the same decimal.
            cell.value = int(value) if value == value.to_integral_value() else float(value)
        else:
            cell.value = value
        return cell


def header_row(ws: Sheet, headers: Sequence[str]) -> list[Cell]:
    cells = []
    for name in headers:
        cell = WriteOnlyCell(ws, name)
        cell.font = _BOLD
        cell.fill, cell.border, cell.alignment = HEADER_FILL, HEADER_BORDER, HEADER_ALIGNMENT
        cells.append(cell)
    return cells


def title_rows(ws: Sheet, title: str, note: str, columns: int, note_lines: int = 1) -> None:
    """The title over the table's width, then the note under it (TITLE_ROWS rows); a
    note of more than one line wraps in a row that tall."""
    last = get_column_letter(columns)
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    ws.row_dimensions[1].height = 26
    if note_lines > 1:
        ws.row_dimensions[2].height = LINE_HEIGHT * note_lines
    heading = plain_text(ws, title)
    heading.font, heading.alignment = _TITLE_FONT, ALIGNMENTS["center"]
    ws.append([heading])
    line = plain_text(ws, note)
    line.alignment = ALIGNMENTS["wrap" if note_lines > 1 else "left"]
    ws.append([line])


def lay_out(
    ws: Sheet, headers: Sequence[str], limits: Sequence[tuple[int, int]],
    columns: Sequence[Sequence[str]], data_rows: int,
) -> list[float]:  # fmt: skip
    """Widths from the longest text of each column (within its (least, most) limits, in
    character units), the pane frozen under the header, the filter over header and
    data, and the print setup; returns the widths."""
    widths: list[float] = []
    for index, (name, (least, most)) in enumerate(zip(headers, limits, strict=True)):
        # each distinct text once: 10,000 rows hold a few hundred departments
        longest = max((text_units(text) for text in set(columns[index])), default=0)
        width = max(column_width(least, name), min(most, longest + 2))
        widths.append(width)
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    last = get_column_letter(len(headers))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(data_rows, 1)}"
    setup = ws.page_setup
    setup.orientation = "portrait" if sum(widths) <= PORTRAIT_UNITS else "landscape"
    setup.paperSize = PAPER_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"1:{HEADER_ROW}"  # the title and the header on every page
    ws.print_options.horizontalCentered = True
    return widths


def note_rows(ws: Sheet, notes: Sequence[str], first_row: int, widths: Sequence[float]) -> None:
    """Notes under a table, from `first_row` on: each merged across the table's width
    and wrapped in a row as tall as its text, so a long one is printed whole."""
    last = get_column_letter(len(widths))
    for number, note in enumerate(notes, start=first_row):
        ws.merged_cells.add(f"A{number}:{last}{number}")
        lines = wrapped_lines(note, sum(widths))
        if lines > 1:
            ws.row_dimensions[number].height = LINE_HEIGHT * lines
        cell = plain_text(ws, note)
        cell.alignment = ALIGNMENTS["wrap"]
        ws.append([cell])
