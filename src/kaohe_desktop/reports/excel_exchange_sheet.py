"""One streaming pass over each worksheet the import reads (excel_exchange_stream's
expat callbacks): rows, cells and merges counted and bounded as excel_exchange_scan's
docstring says — a refusal names the sheet, row and column — and every cell's value
kept by row for the reader, converted as openpyxl would (excel_exchange_cells).

The limits are read from excel_exchange_scan at call time (tests lower them there).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from defusedxml.ElementTree import ParseError
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.exceptions import CellCoordinatesException

from kaohe_desktop.reports import excel_exchange_scan as limits
from kaohe_desktop.reports.excel_exchange_cells import CellTypes, cell_value
from kaohe_desktop.reports.excel_exchange_scan import (
    EXCEL_COLUMNS,
    EXCEL_ROWS,
    FORMULA_TAG,
    INLINE_TAG,
    MERGE_TAG,
    RESAVE,
    ROW_TAG,
    SUSPICIOUS,
    VALUE_TAG,
    Merge,
    SheetLayout,
    Tally,
    WorkbookFileError,
    bad_content,
)
from kaohe_desktop.reports.excel_exchange_stream import (
    CELL,
    CONTENT,
    INLINE,
    INLINE_T,
    OTHER,
    ROW,
    RUN,
    RUN_T,
    VALUE,
    Raw,
    RichText,
    feed_raw,
    local_name,
)

RowSink = Callable[[int, list[Any]], None]
DIGITS = "0123456789"
SHARED_TEXT = 40  # texts up to this long are kept once per sheet (codes, names, labels)
_COLUMNS: dict[str, int] = {}  # column letters → index, as coordinate_to_tuple read them


class _Sheet(Raw):
    """One worksheet in one pass: rows, cells and merges counted and bounded (the
    refusals name the sheet, row and column), and — with `types` — every cell's value
    kept, by row (SheetLayout.cells), for the reader."""

    def __init__(
        self,
        part: str,
        sheet: str,
        tally: Tally,
        types: CellTypes | None = None,
        find_string: int | None = None,
        sink: RowSink | None = None,
    ) -> None:
        super().__init__(part)
        self.sheet = sheet
        self.tally = tally
        self.types = types
        self.layout = SheetLayout()
        self.kinds: list[int] = []
        self.cells = self.others = self.covered = 0
        self.row = 0  # openpyxl's counting: the row's r attribute, else the previous + 1
        self.column = 0  # likewise for the cell; 0 before a row's first cell
        self.find_string = find_string  # a shared string index to locate, or None
        self.sink = sink  # takes each row with a value: its number and values
        self.texts: dict[str, str] = {}  # each short text read, once
        self.values: list[Any] = []  # the row being read: column, value, type, column, …
        # the cell being read
        self.kind, self.style = "n", "0"
        self.raw: list[str] | None = None  # the text of its first <v>
        self.inline: RichText | None = None  # its first <is>

    def where(self) -> str:
        if self.column:
            letter = get_column_letter(min(self.column, EXCEL_COLUMNS))
            return f"工作表“{self.sheet}” 第 {self.row} 行 {letter} 列"
        if self.row:
            return f"工作表“{self.sheet}” 第 {self.row} 行"
        return f"工作表“{self.sheet}”"

    def too_many(self) -> WorkbookFileError:
        return WorkbookFileError(
            f"要导入的工作表合计超过 {limits.MAX_BOOK_ELEMENTS:,} 个 XML 元素"
            f"（到工作表“{self.sheet}”第 {self.row:,} 行），{SUSPICIOUS}"
        )

    # start, end and data run for every element of every sheet read: kept flat, because
    # the read's time is mostly theirs
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.seen, self.text = self.fed, 0
        self.tally.elements += 1
        if self.tally.elements > limits.MAX_BOOK_ELEMENTS:
            raise self.too_many()
        kinds = self.kinds
        parent = kinds[-1] if kinds else OTHER
        if parent >= CELL:
            self.collecting = None  # ElementTree's .text ends at the first child
            kinds.append(self._content(parent, tag))
        elif parent == ROW:  # openpyxl takes every child of a row for a cell
            kinds.append(CELL)
            self._cell(attrib)
        elif tag == ROW_TAG:
            kinds.append(ROW)
            self._row(attrib)
        else:
            kinds.append(OTHER)
            self.others += 1
            if self.others > limits.MAX_OTHER_ELEMENTS:
                raise WorkbookFileError(
                    f"工作表“{self.sheet}”中行以外的内容过多（超过 {limits.MAX_OTHER_ELEMENTS:,} 个"
                    f" XML 元素：合并、超链接、数据验证、条件格式等），{SUSPICIOUS}"
                )
            if tag == MERGE_TAG:
                self._merge(attrib.get("ref", ""))

    def _content(self, parent: int, tag: str) -> int:
        if parent == CELL:
            if tag == VALUE_TAG and self.raw is None:
                self.raw = self.collecting = []
                return VALUE
            if tag == FORMULA_TAG:
                self.layout.formulas = True  # the reader lets openpyxl read this sheet
            elif tag == INLINE_TAG and self.inline is None:
                self.inline = RichText()
                return INLINE
            return CONTENT
        inline = self.inline
        if parent == INLINE and inline is not None:
            local = local_name(tag)
            if local == "t":
                self.collecting = inline.plain = []  # the last <t> stands
                return INLINE_T
            if local == "r":
                inline.run_has_t = False
                return RUN
        elif parent == RUN and inline is not None and local_name(tag) == "t":
            if not inline.run_has_t:
                inline.runs.append([])
                inline.run_has_t = True
            self.collecting = inline.runs[-1] = []  # the last <t> of the run stands
            return RUN_T
        return CONTENT

    def end(self, tag: str) -> None:
        self.seen, self.text = self.fed, 0
        kind = self.kinds.pop()
        if kind == CELL:
            self._end_cell()
        elif kind == ROW:
            self.column = 0
            if self.values:
                if self.sink is not None and not self.layout.formulas:
                    self.sink(self.row, self.values)
                self.values = []
        elif kind >= VALUE:  # the text went into the <v> or <t> it belongs to
            self.collecting = None

    def _end_cell(self) -> None:
        raw = None if self.raw is None else "".join(self.raw)
        if self.find_string is not None:
            if self.kind == "s" and raw is not None and raw.strip() == str(self.find_string):
                raise _Found(self.where())
        elif self.sink is not None and self.types is not None and not self.layout.formulas:
            inline = None if self.inline is None else self.inline.content()
            value, data_type = cell_value(self.types, self.kind, self.style, raw, inline)
            if value is not None:
                if type(value) is str and len(value) <= SHARED_TEXT:
                    # one object per distinct text: a county sheet repeats 科室, 季度,
                    # 等次 and 编号 on every row (15 MB of copies otherwise)
                    value = self.texts.setdefault(value, value)
                self.values += (self.column, value, data_type)
        self.raw = self.inline = self.collecting = None

    def _row(self, attrib: dict[str, str]) -> None:
        self.layout.rows += 1
        self.tally.rows += 1
        self.column = 0
        number = attrib.get("r")
        if number is None:
            self.row += 1
        else:
            try:
                value = float(number)  # openpyxl also takes "5.0"
            except ValueError:
                value = 0.5
            if not (value.is_integer() and 1 <= value <= EXCEL_ROWS):
                raise WorkbookFileError(
                    f"工作表“{self.sheet}”第 {self.layout.rows:,} 个行的行号“{number[:20]}”无效，"
                    + RESAVE
                )
            self.row = int(value)
        # rows present count, not row numbers: one stray cell at row 1,048,576 costs
        # nothing, a million empty <row/> elements do
        if self.layout.rows > limits.MAX_ROWS:
            raise WorkbookFileError(
                f"工作表“{self.sheet}”超过 {limits.MAX_ROWS:,} 行（第 {self.row:,} 行），"
                "请只导入需要的数据，或分成几个工作簿导入"
            )
        if self.tally.rows > limits.MAX_BOOK_ROWS:
            raise WorkbookFileError(
                f"要导入的工作表合计超过 {limits.MAX_BOOK_ROWS:,} 行（到工作表“{self.sheet}”"
                f"第 {self.row:,} 行），请分成几个工作簿导入"
            )

    def _cell(self, attrib: dict[str, str]) -> None:
        self.cells += 1
        if self.cells > limits.MAX_CELLS:
            raise WorkbookFileError(
                f"工作表“{self.sheet}”的单元格超过 {limits.MAX_CELLS:,} 个（第 {self.row:,} 行），"
                "请只导入需要的数据，或分成几个工作簿导入"
            )
        coordinate = attrib.get("r")
        if coordinate is None:
            self.column += 1
        else:
            letters = coordinate.rstrip(DIGITS)
            known = _COLUMNS.get(letters) if len(letters) < len(coordinate) else None
            self.column = known if known is not None else self._column(coordinate, letters)
        style = attrib.get("s", "0")
        if not (style.isascii() and style.isdigit()):  # openpyxl would stop at int("x")
            raise self.refuse(f"的单元格格式编号“{style[:20]}”无效，{RESAVE}")
        self.kind, self.style = attrib.get("t", "n"), style
        self.raw = self.inline = self.collecting = None

    def _column(self, coordinate: str, letters: str) -> int:
        """openpyxl's reading of a cell's `r`; the column of a good one is remembered by
        its letters (B17 → 2), sparing a million cells the parse."""
        try:
            column = coordinate_to_tuple(coordinate)[1]
        except (ValueError, CellCoordinatesException):
            column = 0
        if not 1 <= column <= EXCEL_COLUMNS:
            self.column = 0
            raise self.refuse(f"的单元格位置“{coordinate[:20]}”无效，{RESAVE}")
        if len(letters) < len(coordinate) and len(_COLUMNS) < EXCEL_COLUMNS:
            _COLUMNS[letters] = column  # letters, then ASCII digits: read as openpyxl reads it
        return column

    def _merge(self, ref: str) -> None:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            raise WorkbookFileError(
                f"工作表“{self.sheet}”的合并单元格范围“{ref[:40]}”无效，{RESAVE}"
            ) from None
        # "A:A" leaves the rows open, "1:1" the columns; "B5:A1" is accepted reversed
        cols = sorted((min_col or 1, max_col or EXCEL_COLUMNS))
        rows = sorted((min_row or 1, max_row or EXCEL_ROWS))
        merge = Merge(cols[0], rows[0], cols[1], rows[1])
        self.covered += (merge.max_col - merge.min_col + 1) * (merge.max_row - merge.min_row + 1)
        if self.covered > limits.MAX_MERGED_CELLS:
            raise WorkbookFileError(
                f"工作表“{self.sheet}”合并单元格的范围过大（共 {self.covered:,} 个单元格），"
                + SUSPICIOUS
            )
        self.layout.merges.append(merge)

    def parse_error(self, error: ParseError) -> Exception:
        near = "附近" if self.column else ""
        return WorkbookFileError(f"{self.where()}{near}：{bad_content(error)}")


class _Found(Exception):
    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def read_sheet(
    stream: IO[bytes],
    part: str,
    sheet: str,
    tally: Tally,
    types: CellTypes | None = None,
    sink: RowSink | None = None,
) -> SheetLayout:
    """A worksheet in one pass: bound rows, cells and merges and return its layout;
    with `types` and `sink`, hand each row with a value to `sink` as it is read (the
    row's number, then column, value, data type, column, … as openpyxl would convert
    them) — until a formula is met (`layout.formulas`: the reader reads it again).
    `tally` carries the workbook-wide counts from one sheet to the next."""
    handler = _Sheet(part, sheet, tally, types, sink=sink)
    feed_raw(stream, handler)
    return handler.layout


def find_string_cell(stream: IO[bytes], part: str, sheet: str, index: int) -> str | None:
    """Where the first cell showing shared string `index` is, as a clerk reads it."""
    try:
        feed_raw(stream, _Sheet(part, sheet, Tally(), find_string=index))
    except _Found as found:
        return found.where
    return None
