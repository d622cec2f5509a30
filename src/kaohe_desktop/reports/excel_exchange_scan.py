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

This module holds the limits and scans the parts openpyxl parses whole; the shared
strings and the worksheets are read in one bounded pass each, values and all, by
excel_exchange_stream and excel_exchange_sheet (on expat's callbacks directly), which
read the limits from here at call time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from openpyxl.utils import get_column_letter

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

# as expat reports them with ElementTree's separator (ElementTree then adds a "{")
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW_TAG, MERGE_TAG, STRING_TAG = MAIN_NS + "row", MAIN_NS + "mergeCell", MAIN_NS + "si"
VALUE_TAG, FORMULA_TAG, INLINE_TAG = MAIN_NS + "v", MAIN_NS + "f", MAIN_NS + "is"
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
    formulas: bool = False  # a cell has a formula: openpyxl's parser reads the sheet


def bad_content(error: ParseError) -> str:
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
        return self.refuse(bad_content(error))


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
