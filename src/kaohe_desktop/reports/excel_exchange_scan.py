"""Bounded, streaming checks of a workbook's XML before openpyxl builds anything from it.

openpyxl builds whatever a file describes: a merge over a whole sheet becomes billions
of cells, a styles part with millions of entries millions of objects, a million-row
sheet a million rows. So every XML part the reader lets openpyxl see is first streamed
through defusedxml's parser here (callbacks only, no tree is kept, memory stays flat)
and refused at the first element past one of these limits:

=====================  ==========  ===================================================
``MAX_ROWS``              200,000  rows present in one worksheet (a stray cell at row
                                   1,048,576 is one row). The county file of DESIGN §8
                                   has 155,320 平时考核 rows; a bureau a few thousand.
``MAX_CELLS``           3,200,000  cells of one worksheet: 16 a row at the most rows
``MAX_BOOK_ROWS``         400,000  rows of all the worksheets read (the county file:
                                   230,332)
``MAX_BOOK_ELEMENTS``   8,000,000  XML elements of all the worksheets read: cells,
                                   values, text (the county file: 3.1 million)
``MAX_OTHER_ELEMENTS``    100,000  elements of a worksheet outside its rows: columns,
                                   merges, hyperlinks, validations, formats, views
``MAX_MERGED_CELLS``      500,000  cells covered by the merged ranges of a worksheet
``MAX_SHARED_STRINGS``    500,000  entries of the shared-strings part
``MAX_STRING_ELEMENTS`` 3,000,000  elements of the shared-strings part (rich text runs)
``MAX_TREE_ELEMENTS``     100,000  elements of a part openpyxl parses whole: content
                                   types, relationships, workbook, styles
``MAX_TEXT_CHARS``         32,767  characters of one text run (Excel's own cell limit)
``MAX_PENDING_BYTES``        1 MB  input without a parser event: a tag, comment or
                                   attribute that long would sit whole in memory
=====================  ==========  ===================================================

Together with the package limits of `excel_exchange_package` (file size, entries, total
uncompressed size) they bound time and memory whatever the file: the most a file can
cost is what the largest acceptable workbook costs. Only the worksheets the import
reads count (`Tally`); other sheets are never parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.exceptions import CellCoordinatesException

MAX_ROWS = 200_000
MAX_CELLS = 3_200_000
MAX_BOOK_ROWS = 400_000
MAX_BOOK_ELEMENTS = 8_000_000
MAX_OTHER_ELEMENTS = 100_000
MAX_MERGED_CELLS = 500_000
MAX_SHARED_STRINGS = 500_000
MAX_STRING_ELEMENTS = 3_000_000
MAX_TREE_ELEMENTS = 100_000
MAX_TEXT_CHARS = 32_767
MAX_PENDING_BYTES = 1024 * 1024
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
CHUNK_BYTES = 64 * 1024

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW_TAG, MERGE_TAG, STRING_TAG = MAIN_NS + "row", MAIN_NS + "mergeCell", MAIN_NS + "si"
VALUE_TAG = MAIN_NS + "v"
SUSPICIOUS = "疑似恶意构造的文件，拒绝读取"
UNSAFE_XML = "工作簿含有不安全的 XML 内容，拒绝读取"
DAMAGED = "文件已损坏，无法作为 Excel 工作簿打开"
RESAVE = "请在 Excel 中打开后“另存为”再导入"
BAD_CHARACTER_REF = 14  # expat's XML_ERROR_BAD_CHAR_REF: "&#1;" and the like


class WorkbookFileError(Exception):
    """The whole file is refused; the message is Chinese and says what to do."""


class SharedStringError(Exception):
    """Entry `index` of the shared strings is refused; the reader names a cell using it."""

    def __init__(self, index: int, reason: str) -> None:
        super().__init__(reason)
        self.index = index
        self.reason = reason


@dataclass(frozen=True)
class Merge:
    min_col: int
    min_row: int
    max_col: int
    max_row: int

    @property
    def coord(self) -> str:
        start = f"{get_column_letter(self.min_col)}{self.min_row}"
        if (self.min_col, self.min_row) == (self.max_col, self.max_row):
            return start
        return f"{start}:{get_column_letter(self.max_col)}{self.max_row}"


@dataclass
class Tally:
    """What the worksheets scanned so far have used of the workbook-wide limits."""

    rows: int = 0
    elements: int = 0


@dataclass
class SheetLayout:
    """What the reader needs to know before openpyxl streams the sheet."""

    rows: int = 0  # row elements: openpyxl yields exactly this many, then the tail follows
    merges: list[Merge] = field(default_factory=list)


def _bad_content(error: ParseError) -> str:
    # expat's own message is English and names a line of XML no clerk has seen
    if error.code == BAD_CHARACTER_REF:
        return f"含有 XML 不允许的控制字符，{RESAVE}"
    return f"含有 XML 不允许的字符（如控制字符）或内容已损坏，{RESAVE}"


class _Budget:
    """A defusedxml parser target that counts instead of building a tree."""

    limit = MAX_TREE_ELEMENTS

    def __init__(self, part: str) -> None:
        self.part = part
        self.elements = 0
        self.text = 0  # characters of the current text run
        self.fed = self.seen = 0  # bytes fed so far; bytes fed at the last event

    def where(self) -> str:
        return f"工作簿的 {self.part} 部分"

    def refuse(self, reason: str) -> WorkbookFileError:
        return WorkbookFileError(f"{self.where()}{reason}")

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.seen, self.text = self.fed, 0
        self.elements += 1
        if self.elements > self.limit:
            raise self.refuse(f"过大（超过 {self.limit:,} 个 XML 元素），{SUSPICIOUS}")

    def end(self, tag: str) -> None:
        self.seen, self.text = self.fed, 0

    def data(self, text: str) -> None:
        self.seen = self.fed
        self.text += len(text)
        if self.text > MAX_TEXT_CHARS:
            raise self.refuse(f"有超过 {MAX_TEXT_CHARS} 个字符的文本（Excel 的上限），{SUSPICIOUS}")

    def comment(self, text: str) -> None:
        self.seen = self.fed

    def pi(self, target: str, text: str) -> None:
        self.seen = self.fed

    def close(self) -> None:
        return None

    def parse_error(self, error: ParseError) -> Exception:
        return self.refuse(_bad_content(error))


class _Strings(_Budget):
    limit = MAX_STRING_ELEMENTS

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.index = -1  # the shared string being read

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        super().start(tag, attrib)
        if tag == STRING_TAG:
            self.index += 1
            if self.index >= MAX_SHARED_STRINGS:
                raise self.refuse(f"文本过多（超过 {MAX_SHARED_STRINGS:,} 条），{SUSPICIOUS}")

    def data(self, text: str) -> None:
        if self.index >= 0 and self.text + len(text) > MAX_TEXT_CHARS:
            reason = f"文本超过 {MAX_TEXT_CHARS} 个字符（Excel 的上限），{SUSPICIOUS}"
            raise SharedStringError(self.index, reason)
        super().data(text)

    def parse_error(self, error: ParseError) -> Exception:
        if self.index < 0:
            return super().parse_error(error)
        return SharedStringError(self.index, "文本" + _bad_content(error))


_OTHER, _ROW, _CELL, _CONTENT = range(4)  # what an open element is


class _Sheet(_Budget):
    """Rows, cells and merges of one worksheet; refusals name the sheet, row and column."""

    def __init__(self, part: str, sheet: str, tally: Tally, find_string: int | None = None) -> None:
        super().__init__(part)
        self.sheet = sheet
        self.tally = tally
        self.layout = SheetLayout()
        self.kinds: list[int] = []
        self.cells = self.others = self.covered = 0
        self.row = 0  # openpyxl's counting: the row's r attribute, else the previous + 1
        self.column = 0  # likewise for the cell; 0 before a row's first cell
        self.find_string = find_string  # a shared string index to locate, or None
        self.string_cell = False
        self.value = ""

    def where(self) -> str:
        if self.column:
            letter = get_column_letter(min(self.column, EXCEL_COLUMNS))
            return f"工作表“{self.sheet}” 第 {self.row} 行 {letter} 列"
        if self.row:
            return f"工作表“{self.sheet}” 第 {self.row} 行"
        return f"工作表“{self.sheet}”"

    def too_many(self) -> WorkbookFileError:
        return WorkbookFileError(
            f"要导入的工作表合计超过 {MAX_BOOK_ELEMENTS:,} 个 XML 元素"
            f"（到工作表“{self.sheet}”第 {self.row:,} 行），{SUSPICIOUS}"
        )

    # start, end and data run for every element of every sheet read: kept flat, without
    # calls to the base class, because the scan's time is mostly theirs
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.seen, self.text = self.fed, 0
        self.tally.elements += 1
        if self.tally.elements > MAX_BOOK_ELEMENTS:
            raise self.too_many()
        kinds = self.kinds
        parent = kinds[-1] if kinds else _OTHER
        if parent >= _CELL:
            kinds.append(_CONTENT)
            self.value = ""
        elif parent == _ROW:  # openpyxl takes every child of a row for a cell
            kinds.append(_CELL)
            self._cell(attrib)
        elif tag == ROW_TAG:
            kinds.append(_ROW)
            self._row(attrib)
        else:
            kinds.append(_OTHER)
            self.others += 1
            if self.others > MAX_OTHER_ELEMENTS:
                raise WorkbookFileError(
                    f"工作表“{self.sheet}”中行以外的内容过多（超过 {MAX_OTHER_ELEMENTS:,} 个"
                    f" XML 元素：合并、超链接、数据验证、条件格式等），{SUSPICIOUS}"
                )
            if tag == MERGE_TAG:
                self._merge(attrib.get("ref", ""))

    def end(self, tag: str) -> None:
        self.seen, self.text = self.fed, 0
        if self.kinds.pop() == _ROW:
            self.column = 0
        elif self.string_cell and tag == VALUE_TAG and self.value.strip() == str(self.find_string):
            raise _Found(self.where())

    def data(self, text: str) -> None:
        self.seen = self.fed
        self.text += len(text)
        if self.text > MAX_TEXT_CHARS:
            raise self.refuse(f"有超过 {MAX_TEXT_CHARS} 个字符的文本（Excel 的上限），{SUSPICIOUS}")
        if self.string_cell and self.kinds and self.kinds[-1] == _CONTENT:
            self.value += text

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
        if self.layout.rows > MAX_ROWS:
            raise WorkbookFileError(
                f"工作表“{self.sheet}”超过 {MAX_ROWS:,} 行（第 {self.row:,} 行），"
                "请只导入需要的数据，或分成几个工作簿导入"
            )
        if self.tally.rows > MAX_BOOK_ROWS:
            raise WorkbookFileError(
                f"要导入的工作表合计超过 {MAX_BOOK_ROWS:,} 行（到工作表“{self.sheet}”"
                f"第 {self.row:,} 行），请分成几个工作簿导入"
            )

    def _cell(self, attrib: dict[str, str]) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise WorkbookFileError(
                f"工作表“{self.sheet}”的单元格超过 {MAX_CELLS:,} 个（第 {self.row:,} 行），"
                "请只导入需要的数据，或分成几个工作簿导入"
            )
        coordinate = attrib.get("r")
        if coordinate is None:
            self.column += 1
        else:
            try:
                self.column = coordinate_to_tuple(coordinate)[1]
            except (ValueError, CellCoordinatesException):
                self.column = 0
            if not 1 <= self.column <= EXCEL_COLUMNS:
                self.column = 0
                raise self.refuse(f"的单元格位置“{coordinate[:20]}”无效，{RESAVE}")
        style = attrib.get("s", "0")
        if not (style.isascii() and style.isdigit()):  # openpyxl would stop at int("x")
            raise self.refuse(f"的单元格格式编号“{style[:20]}”无效，{RESAVE}")
        self.string_cell = self.find_string is not None and attrib.get("t") == "s"

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
        if self.covered > MAX_MERGED_CELLS:
            raise WorkbookFileError(
                f"工作表“{self.sheet}”合并单元格的范围过大（共 {self.covered:,} 个单元格），"
                + SUSPICIOUS
            )
        self.layout.merges.append(merge)

    def parse_error(self, error: ParseError) -> Exception:
        near = "附近" if self.column else ""
        return WorkbookFileError(f"{self.where()}{near}：{_bad_content(error)}")


class _Found(Exception):
    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def _feed(stream: IO[bytes], budget: _Budget) -> None:
    parser = DefusedXMLParser(target=budget)
    try:
        while chunk := stream.read(CHUNK_BYTES):
            budget.fed += len(chunk)
            parser.feed(chunk)
            if budget.fed - budget.seen > MAX_PENDING_BYTES:
                raise budget.refuse(f"有超过 1 MB 的单个标签或注释，{SUSPICIOUS}")
        parser.close()
    except ParseError as error:
        raise budget.parse_error(error) from None
    except DefusedXmlException as error:
        raise WorkbookFileError(UNSAFE_XML) from error


def scan_tree(stream: IO[bytes], part: str) -> None:
    """A part openpyxl will parse whole: bound its elements and text."""
    _feed(stream, _Budget(part))


def scan_strings(stream: IO[bytes], part: str) -> None:
    """The shared strings: bound their count; a bad entry raises SharedStringError."""
    _feed(stream, _Strings(part))


def scan_sheet(stream: IO[bytes], part: str, sheet: str, tally: Tally) -> SheetLayout:
    """A worksheet: bound rows, cells and merges, and return its row count and merges;
    `tally` carries the workbook-wide counts from one sheet to the next."""
    budget = _Sheet(part, sheet, tally)
    _feed(stream, budget)
    return budget.layout


def find_string_cell(stream: IO[bytes], part: str, sheet: str, index: int) -> str | None:
    """Where the first cell showing shared string `index` is, as a clerk reads it."""
    try:
        _feed(stream, _Sheet(part, sheet, Tally(), find_string=index))
    except _Found as found:
        return found.where
    return None
