"""The exchange workbook as a package: checked as a zip, then opened part by part.

The file comes from outside the program (a colleague, an e-mail, a USB stick), so it
is checked as a zip before openpyxl sees it: size, entry count, total uncompressed
size (zip bombs), encryption. Then openpyxl reads only what the import needs, in
read-only fashion — content types, workbook, styles, shared strings — through an
archive that streams each part through `excel_exchange_scan` first; worksheets are
left to the reader, which scans each schema sheet before streaming its rows.
Chart sheets, drawings, comments, properties and sheets the import does not use are
never parsed at all.
"""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Literal

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.xml.constants import SHARED_STRINGS

from kaohe_desktop.reports.excel_exchange_scan import (
    DAMAGED,
    SUSPICIOUS,
    SharedStringError,
    WorkbookFileError,
    scan_tree,
)
from kaohe_desktop.reports.excel_exchange_sheet import find_string_cell
from kaohe_desktop.reports.excel_exchange_stream import read_strings, scan_strings

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
DEFAULT_MAX_UNCOMPRESSED = 300 * MB
DEFAULT_MAX_ENTRIES = 2000  # an ordinary workbook has a few dozen parts
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and also password-protected .xlsx
SAVE_AS_XLSX = "请在 Excel 中“另存为”Excel 工作簿（*.xlsx）后再导入"
UNREADABLE = "unreadable"  # data type of a cell whose content is damaged; value: the reason

Cell = dict[str, Any]  # openpyxl's parsed cell: row, column, value, data_type, style_id


class ScannedZip(zipfile.ZipFile):
    """The archive openpyxl reads from: every part is scanned before it is handed over.

    openpyxl parses a part it `read`s as one tree, so that gets the tree budget; the
    only part it `open`s to stream, in the steps `open_book` runs, is the shared
    strings. Worksheets are opened by the reader through `member`, after their scan.
    """

    def member(self, name: str) -> IO[bytes]:
        return super().open(name)

    def read(self, name: str | zipfile.ZipInfo, pwd: bytes | None = None) -> bytes:
        part = name.filename if isinstance(name, zipfile.ZipInfo) else name
        with self.member(part) as stream:
            scan_tree(stream, part)
        with self.member(part) as stream:
            return stream.read()

    def open(
        self,
        name: str | zipfile.ZipInfo,
        mode: Literal["r", "w"] = "r",
        pwd: bytes | None = None,
        *,
        force_zip64: bool = False,
    ) -> IO[bytes]:
        if mode == "r":
            part = name.filename if isinstance(name, zipfile.ZipInfo) else name
            with self.member(part) as stream:
                scan_strings(stream, part)
        return super().open(name, mode, pwd, force_zip64=force_zip64)


@dataclass
class Book:
    """What the reader needs from openpyxl to stream a worksheet's cells."""

    archive: ScannedZip
    strings: list[str]
    epoch: datetime
    date_formats: Collection[int]
    timedelta_formats: Collection[int]
    sheets: list[tuple[str, str]]  # (title, part) of each worksheet, in the workbook's order


def open_book(handle: IO[bytes], wanted: Collection[str]) -> Book:
    """Read the workbook's common parts; `wanted` are the sheet titles the import reads
    (a refused shared string is located in them)."""
    reader = ExcelReader(handle, read_only=True, keep_links=False)
    reader.archive.close()  # it does not close `handle`: the file was passed in open
    archive = reader.archive = ScannedZip(handle)
    try:
        reader.read_manifest()
        reader.read_workbook()
        apply_stylesheet(archive, reader.wb)
        sheets = [
            (sheet.name, rel.target)
            for sheet, rel in reader.parser.find_sheets()
            # as openpyxl's own read: anything not a chart sheet is read as a worksheet
            if "chartsheet" not in str(rel.Type) and rel.target in reader.valid_files
        ]
        try:
            # Read in the scan's own pass (excel_exchange_stream), not parsed again by
            # openpyxl: a county workbook's 300,000 strings took openpyxl 4 s.
            found = reader.package.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]
            if found is not None:
                with archive.member(found.PartName[1:]) as stream:
                    reader.shared_strings = read_strings(stream, found.PartName[1:])
        except SharedStringError as error:
            raise _locate(archive, sheets, wanted, error) from None
    except BaseException:
        archive.close()
        raise
    return Book(
        archive,
        reader.shared_strings,
        reader.wb.epoch,
        getattr(reader.wb, "_date_formats", set()),  # filled by apply_stylesheet
        getattr(reader.wb, "_timedelta_formats", set()),
        sheets,
    )


def _locate(
    archive: ScannedZip,
    sheets: list[tuple[str, str]],
    wanted: Collection[str],
    error: SharedStringError,
) -> WorkbookFileError:
    for title, part in sheets:
        if title.strip() in wanted:
            with archive.member(part) as stream:
                where = find_string_cell(stream, part, title.strip(), error.index)
            if where is not None:
                return WorkbookFileError(f"{where}：{error.reason}")
    return WorkbookFileError(f"工作簿的共享文本第 {error.index + 1} 条{error.reason}")


def check_package(path: Path, max_bytes: int, max_uncompressed: int, max_entries: int) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(len(OLE_MAGIC))
    except FileNotFoundError:
        raise WorkbookFileError(f"找不到文件：{path}") from None
    except OSError as exc:
        raise WorkbookFileError(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
    if size > max_bytes:
        limit = f"{max_bytes / MB:g} MB"
        raise WorkbookFileError(f"文件过大（{size / MB:.1f} MB），超过 {limit} 的上限")
    if head == OLE_MAGIC:
        raise WorkbookFileError(
            "这是旧版 Excel 97-2003 工作簿（.xls）或设置了打开密码的工作簿；"
            f"请取消密码，{SAVE_AS_XLSX}"
        )
    if not zipfile.is_zipfile(path):
        raise WorkbookFileError(
            "文件不是 Excel 工作簿（.xlsx），可能是改了扩展名的 CSV、文本或其他文件；"
            + SAVE_AS_XLSX
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise WorkbookFileError(DAMAGED) from exc
    if len(entries) > max_entries:
        raise WorkbookFileError(f"工作簿内部文件过多（{len(entries)} 个），{SUSPICIOUS}")
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        what = (
            "这是 Excel 二进制工作簿（.xlsb）"
            if "xl/workbook.bin" in names
            else "压缩文件中没有 [Content_Types].xml 或 xl/workbook.xml"
        )
        raise WorkbookFileError(f"文件不是 Excel 工作簿（.xlsx）：{what}；{SAVE_AS_XLSX}")
    # zipfile never inflates a member past its declared size, so the sum of declared
    # sizes bounds what will be decompressed.
    total = sum(entry.file_size for entry in entries)
    if total > max_uncompressed:
        raise WorkbookFileError(
            f"工作簿解压后过大（{total / MB:.0f} MB，上限 {max_uncompressed / MB:g} MB），"
            + SUSPICIOUS
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise WorkbookFileError("工作簿内部文件已加密，无法读取")


class _CellParser(WorkSheetParser):
    """openpyxl's own worksheet parser, except that a cell it cannot convert — NaN or
    "inf" in a number cell, 2026-13-45 in a date cell, a date serial past year 9999 —
    is handed on as the text (or, for the date, the number) the file holds, for
    `exchange_parse` to judge and report with its sheet, row and column, instead of
    stopping the whole read."""

    def parse_cell(self, element: Any) -> Cell:
        raw = element.findtext(VALUE_TAG)
        if element.get("t") == "s" and raw and not self._string_index_ok(raw):
            row, column = self._advance(element)
            reason = f"单元格内容已损坏（共享文本编号“{raw[:20]}”不存在），请重新填写"
            return {"row": row, "column": column, "value": reason, "data_type": UNREADABLE}
        try:
            cell: Cell = super().parse_cell(element)
        except MemoryError:
            raise
        except Exception:  # any one cell openpyxl cannot convert stays that cell's problem
            return self._as_text(element, raw)
        if cell["data_type"] == "e" and cell["value"] == "#VALUE!" and raw != "#VALUE!":
            # openpyxl's stand-in for a date serial out of range: the number it was
            number = raw or "0"  # it converted once, in openpyxl's way: float if . or e
            value = float(number) if any(c in number for c in ".eE") else int(number)
            cell.update(value=value, data_type="n")
        return cell

    def _string_index_ok(self, raw: str) -> bool:
        # openpyxl would take -1 for the last string, and fail on 99 of 10 or on "x"
        text, count = raw.strip(), len(self.shared_strings)  # type: ignore[arg-type]
        return text.isascii() and text.isdigit() and int(text) < count

    def _advance(self, element: Any) -> tuple[int, int]:
        coordinate = element.get("r")
        if coordinate:  # valid: excel_exchange_scan refused the sheet otherwise
            self.col_counter = coordinate_to_tuple(coordinate)[1]
        else:
            self.col_counter += 1
        return self.row_counter, self.col_counter

    def _as_text(self, element: Any, raw: str | None) -> Cell:
        # parse_cell fails only after it has counted the cell's column
        row, column = self.row_counter, self.col_counter
        formula = element.findtext(FORMULA_TAG)
        value = f"={formula}" if formula is not None and not self.data_only else raw
        return {"row": row, "column": column, "value": value, "data_type": "s"}


def stream_rows(book: Book, part: str, count: int) -> Iterator[tuple[int, list[Cell]]]:
    """The first `count` rows of a scanned worksheet, each as (row number, cells).

    `count` is the scan's row count: once the last row is read, openpyxl stops, so
    it never parses what follows the rows (merges, hyperlinks, validations, formats).
    """
    with book.archive.member(part) as stream:
        parser = _CellParser(
            stream,
            book.strings,
            data_only=False,
            epoch=book.epoch,
            date_formats=book.date_formats,
            timedelta_formats=book.timedelta_formats,
        )
        rows = parser.parse()
        try:
            yield from itertools.islice(rows, count)
        finally:
            rows.close()
