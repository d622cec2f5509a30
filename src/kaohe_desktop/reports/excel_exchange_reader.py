"""Exchange workbook file → raw rows (DESIGN.md §6), refusing hostile files.

The file is checked as a package and opened part by part in `excel_exchange_package`
(the shared strings read in one bounded pass, excel_exchange_stream). Each schema
sheet is then read in one streaming pass (`excel_exchange_sheet.read_sheet`), so
memory stays bounded whatever the file and a hostile sheet is refused at the first
element past a limit: more than ``MAX_ROWS`` (200,000) rows or ``MAX_CELLS``
(3,200,000) cells in a sheet, ``MAX_BOOK_ROWS`` (400,000) rows in all the sheets
read, merges covering more than ``MAX_MERGED_CELLS`` (500,000) cells, and the other
limits listed in `excel_exchange_scan`'s docstring. The pass keeps each cell's value
as openpyxl would convert it (excel_exchange_cells) and the merged ranges; openpyxl's
own cell parser reads only a sheet with formulas (it translates shared formulas),
exactly the rows the pass counted, so it never sees merges, hyperlinks, data
validations or conditional formats and cannot expand one over a whole sheet.

Merged cells a clerk makes down a column (科室) are filled from their top-left value,
as Excel shows them; a merge across the header is an error. Only header mapping
happens here; what the values mean is `domain.exchange_parse`'s job.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import openpyxl.xml
from defusedxml import DefusedXmlException
from openpyxl.utils import get_column_letter

from kaohe_desktop.domain.exchange_parse import missing_column_reason
from kaohe_desktop.domain.exchange_raw import RawRow, RawSheet, RawWorkbook
from kaohe_desktop.domain.exchange_schema import SHEETS_BY_NAME, SheetSpec
from kaohe_desktop.domain.records import CellError
from kaohe_desktop.reports.excel_exchange_cells import UNREADABLE, CellTypes
from kaohe_desktop.reports.excel_exchange_package import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ENTRIES,
    DEFAULT_MAX_UNCOMPRESSED,
    OLE_MAGIC,
    Book,
    Cell,
    check_package,
    open_book,
    stream_rows,
)
from kaohe_desktop.reports.excel_exchange_scan import (
    DAMAGED,
    UNSAFE_XML,
    Merge,
    Tally,
    WorkbookFileError,
)
from kaohe_desktop.reports.excel_exchange_sheet import read_sheet

__all__ = [
    "HEADER_SEARCH_ROWS",
    "OLE_MAGIC",
    "XML_IS_DEFUSED",
    "WorkbookFileError",
    "normalize_header",
    "read_workbook_rows",
]

# openpyxl and our scans parse the package XML with defusedxml when it is installed;
# that is what refuses entity-expansion ("billion laughs") and external-entity tricks
# in a hostile file. Without it we do not read workbooks from outside at all.
XML_IS_DEFUSED: bool = bool(openpyxl.xml.DEFUSEDXML)

HEADER_SEARCH_ROWS = 10  # a title row or two may sit above the header


def read_workbook_rows(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
    max_entries: int = DEFAULT_MAX_ENTRIES,
    each_sheet: SheetTaker | None = None,
) -> RawWorkbook:
    """Read every schema sheet of the workbook at `path` into raw rows.

    Raises WorkbookFileError when the file as a whole cannot be read; problems in
    headers and cells are returned in `RawWorkbook.errors`. With `each_sheet`, each
    schema sheet is handed over as soon as it is read, with the problems found in it,
    and is not kept: the caller converts it before the next one is read (a county
    workbook's raw rows and its records then need not be held at once).
    """
    if not XML_IS_DEFUSED:
        raise WorkbookFileError("缺少安全组件 defusedxml，为防范恶意文件，拒绝读取工作簿")
    path = Path(path)
    check_package(path, max_bytes, max_uncompressed, max_entries)
    try:
        # openpyxl's warnings are English and about what it would drop; not for a clerk.
        # (catch_warnings is process-wide: while an import runs in its worker thread,
        # other threads' warnings are silenced too, which is harmless here.)
        with warnings.catch_warnings(), path.open("rb") as handle:
            warnings.simplefilter("ignore")
            return _read_book(handle, each_sheet)
    except (WorkbookFileError, MemoryError):
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        if _caused_by_defusedxml(exc):
            raise WorkbookFileError(UNSAFE_XML) from exc
        if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
            raise WorkbookFileError(DAMAGED) from exc
        reason = f"无法打开工作簿，文件可能已损坏（{type(exc).__name__}）"
        raise WorkbookFileError(reason) from exc


# Takes a schema sheet as soon as it is read (None: present but empty) and the
# problems the reader found in it.
SheetTaker = Callable[[RawSheet | None, list[CellError]], None]


def _read_book(handle: IO[bytes], each_sheet: SheetTaker | None) -> RawWorkbook:
    book = open_book(handle, SHEETS_BY_NAME.keys())
    types = CellTypes(book.strings, book.epoch, book.date_formats, book.timedelta_formats)
    raw = RawWorkbook()
    try:
        tally = Tally()  # the workbook-wide limits, counted over the sheets read so far
        seen: set[str] = set()
        for title, part in book.sheets:
            name = title.strip()
            spec = SHEETS_BY_NAME.get(name)
            if spec is None:
                continue  # 填写说明, _选项 and the clerk's own sheets: never parsed
            if name in seen:
                raw.errors.append(CellError(name, None, None, f"有多个名为“{name}”的工作表"))
                continue
            seen.add(name)
            found: list[CellError] = []
            sheet = _read_sheet(book, spec, part, tally, types, found)
            if each_sheet is not None:
                each_sheet(sheet, found)
                continue
            raw.errors += found
            if sheet is not None:
                raw.sheets[spec.name] = sheet
    finally:
        book.archive.close()
    return raw


def _read_sheet(
    book: Book,
    spec: SheetSpec,
    part: str,
    tally: Tally,
    types: CellTypes,
    errors: list[CellError],
) -> RawSheet | None:
    """One schema sheet: read in one pass, each row mapped as it comes. Merges are
    listed after the rows in the sheet's XML, so a sheet with merges (rare in a
    workbook the program wrote) is read a second time knowing them; a sheet with
    formulas is read again by openpyxl's own parser, which translates them."""
    first = _SheetReader(spec, [])
    with book.archive.member(part) as stream:
        layout = read_sheet(stream, part, spec.name, tally, types, first.take)
    reader = first
    if layout.formulas:
        reader = _SheetReader(spec, layout.merges)
        for number, values in _cells(stream_rows(book, part, layout.rows)):
            reader.take(number, values)
    elif layout.merges:
        reader = _SheetReader(spec, layout.merges)
        with book.archive.member(part) as stream:  # counted already: a tally of its own
            read_sheet(stream, part, spec.name, Tally(), types, reader.take)
    errors += reader.errors
    return reader.finish()


def _cells(rows: Iterable[tuple[int, list[Cell]]]) -> Iterator[tuple[int, list[Any]]]:
    """openpyxl's rows in the pass's form: column, value, data type, column, …"""
    for number, cells in rows:
        flat: list[Any] = []
        for cell in cells:
            if cell["value"] is not None:
                flat += (cell["column"], _cell_value(cell), cell["data_type"])
        yield number, flat


def _caused_by_defusedxml(exc: BaseException | None) -> bool:
    # openpyxl wraps parse failures in a ValueError of its own
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def normalize_header(value: object) -> str:
    """科室名称 / "科室 名称＊" / "科室名称\\n*" all name the column 科室名称."""
    return re.sub(r"\s+", "", str(value)).rstrip("*＊")


def _cell_value(cell: Cell) -> object:
    value = cell["value"]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    text = getattr(value, "text", None)  # ArrayFormula keeps its formula text here
    if isinstance(text, str):
        return text
    if type(value).__name__ == "DataTableFormula":
        return "=TABLE()"
    return value  # datetime, date, time, timedelta: the parser judges them


Value = tuple[Any, str]  # a cell's value (as _cell_value gives it) and data type


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _SheetReader:
    """One schema sheet, row by row: the header is found among the first non-blank
    rows, and of every later row only the mapped cells are kept (plus the top-left
    cells of merged ranges, whose values the merges spread)."""

    def __init__(self, spec: SheetSpec, merges: list[Merge]) -> None:
        self.spec, self.merges = spec, merges
        self.errors: list[CellError] = []
        self.corners = {(m.min_row, m.min_col) for m in merges}
        self.corner_cells: dict[tuple[int, int], Value] = {}
        self.header_row: int | None = None
        self.mapping: dict[int, str] = {}  # column index → schema column name
        self.candidates: list[tuple[int, dict[int, Value]]] = []  # header not yet found
        self.fills: dict[int, list[Merge]] = {}  # mapped column → merges below the header
        self.fill_starts: dict[int, list[int]] = {}
        self.rows: list[RawRow] = []

    def take(self, number: int, flat: list[Any]) -> None:
        """One row as read: its number, then column, value, data type, column, …"""
        # a later cell of one column stands, as it did in openpyxl's rows
        own = {flat[i]: (flat[i + 1], flat[i + 2]) for i in range(0, len(flat), 3)}
        if self.corners:
            for column, cell in own.items():
                if (number, column) in self.corners:
                    self.corner_cells[(number, column)] = cell
        if not own:
            return
        if self.header_row is None:
            self._seek_header(number, own)
        elif number > self.header_row:
            self._data_row(number, own)

    def finish(self) -> RawSheet | None:
        """The sheet once every row is taken; None for an empty sheet."""
        if self.header_row is None:
            if not self.candidates:
                return None  # an empty sheet: nothing to import
            self._choose_header(0)
        assert self.header_row is not None
        columns = tuple(self.mapping.values())
        return RawSheet(self.spec.name, self.header_row, columns, tuple(self.rows))

    def _seek_header(self, number: int, own: dict[int, Value]) -> None:
        if all(_is_blank(cell[0]) for cell in own.values()):
            return
        self.candidates.append((number, own))
        known = set(self.spec.headers)
        if any(normalize_header(cell[0]) in known for cell in own.values()):
            self._choose_header(len(self.candidates) - 1)
        elif len(self.candidates) == HEADER_SEARCH_ROWS:
            self._choose_header(0)  # no header among the first rows: the first one is it

    def _choose_header(self, index: int) -> None:
        number, cells = self.candidates[index]
        self.header_row = number
        self.mapping = _map_header(self.spec, number, cells, self.errors)
        self._plan_merges(number)
        later, self.candidates = self.candidates[index + 1 :], []
        for row, own in later:
            self._data_row(row, own)

    def _plan_merges(self, header_row: int) -> None:
        for merge in self.merges:
            if merge.min_row <= header_row <= merge.max_row:
                corner = self.corner_cells.get((merge.min_row, merge.min_col))
                name = normalize_header(corner[0]) if corner is not None else ""
                reason = f"表头不能合并单元格（{merge.coord}），请取消合并，每列写一个列名"
                header = name if name in self.spec.headers else None
                self.errors.append(CellError(self.spec.name, header_row, header, reason))
            elif merge.min_row > header_row:
                for column in self.mapping:
                    if merge.min_col <= column <= merge.max_col:
                        self.fills.setdefault(column, []).append(merge)
        for column, merges in self.fills.items():
            merges.sort(key=lambda merge: merge.min_row)
            self.fill_starts[column] = [merge.min_row for merge in merges]

    def _fill(self, row: int, column: int) -> object:
        """The value a merge below the header spreads over (row, column), if any."""
        starts = self.fill_starts.get(column)
        if not starts:
            return None
        index = bisect_right(starts, row) - 1
        if index < 0 or self.fills[column][index].max_row < row:
            return None
        merge = self.fills[column][index]
        corner = self.corner_cells.get((merge.min_row, merge.min_col))
        return corner[0] if corner is not None else None

    def _data_row(self, number: int, own: dict[int, Value]) -> None:
        mapping = self.mapping
        values = {name: own[c][0] if c in own else None for c, name in mapping.items()}
        if all(_is_blank(v) for v in values.values()):
            return  # judged before filling merges: a merge alone does not make a row
        for column, name in mapping.items():
            if values[name] is None:
                values[name] = self._fill(number, column)
            present = own.get(column)
            if present is None:
                continue
            if present[1] == "e":
                reason = f"单元格是错误值 {present[0]}，请填写实际内容"
            elif present[1] == UNREADABLE:
                reason = str(present[0])
            else:
                continue
            self.errors.append(CellError(self.spec.name, number, name, reason))
            values[name] = None
        # blank cells left out: the parser reads cells with .get (a county book: 40 MB less)
        self.rows.append(RawRow(number, {k: v for k, v in values.items() if v is not None}))


def _map_header(
    spec: SheetSpec, header_row: int, cells: dict[int, Value], errors: list[CellError]
) -> dict[int, str]:
    """Column index → schema column name; unknown columns are left out."""
    known = set(spec.headers)
    mapping: dict[int, str] = {}
    first_seen: dict[str, int] = {}
    for column in sorted(cells):
        name = normalize_header(cells[column][0])
        if name not in known:
            continue
        if name in first_seen:
            where = f"{get_column_letter(first_seen[name])} 列和 {get_column_letter(column)} 列"
            errors.append(CellError(spec.name, header_row, name, f"表头“{name}”重复（{where}）"))
            continue
        first_seen[name] = column
        mapping[column] = name
    for column_spec in spec.columns:
        if column_spec.required and column_spec.name not in first_seen:
            reason = missing_column_reason(column_spec.name)
            errors.append(CellError(spec.name, header_row, column_spec.name, reason))
    return mapping
