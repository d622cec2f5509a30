"""Exchange workbook file → raw rows (DESIGN.md §6), refusing hostile files.

The file comes from outside the program (a colleague, an e-mail, a USB stick), so
it is checked as a zip before openpyxl sees it: size, entry count, total
uncompressed size (zip bombs), and merged ranges (a tiny file with one merge over
a whole sheet makes openpyxl create billions of cells). Only header mapping
happens here; what the values mean is `domain.exchange_parse`'s job.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl.xml
from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from kaohe_desktop.domain.exchange_parse import missing_column_reason
from kaohe_desktop.domain.exchange_raw import RawRow, RawSheet, RawWorkbook
from kaohe_desktop.domain.exchange_schema import SHEETS_BY_NAME, SheetSpec
from kaohe_desktop.domain.records import CellError

# openpyxl parses the package XML with defusedxml when it is installed; that is
# what refuses entity-expansion ("billion laughs") and external-entity tricks in
# a hostile file. Without it we do not read workbooks from outside at all.
XML_IS_DEFUSED: bool = bool(openpyxl.xml.DEFUSEDXML)

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
DEFAULT_MAX_UNCOMPRESSED = 300 * MB
DEFAULT_MAX_ENTRIES = 2000  # an ordinary workbook has a few dozen parts
MAX_MERGED_CELLS = 500_000  # clerks merge a 科室 column down a few hundred rows
HEADER_SEARCH_ROWS = 10  # a title row or two may sit above the header
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and also password-protected .xlsx

SAVE_AS_XLSX = "请在 Excel 中“另存为”Excel 工作簿（*.xlsx）后再导入"
SUSPICIOUS = "疑似恶意构造的文件，拒绝读取"


class WorkbookFileError(Exception):
    """The whole file is refused; the message is Chinese and says what to do."""


def read_workbook_rows(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
    max_entries: int = DEFAULT_MAX_ENTRIES,
) -> RawWorkbook:
    """Read every schema sheet of the workbook at `path` into raw rows.

    Raises WorkbookFileError when the file as a whole cannot be read; problems in
    headers and cells are returned in `RawWorkbook.errors`.
    """
    if not XML_IS_DEFUSED:
        raise WorkbookFileError("缺少安全组件 defusedxml，为防范恶意文件，拒绝读取工作簿")
    path = Path(path)
    _check_package(path, max_bytes, max_uncompressed, max_entries)
    try:
        workbook = load_workbook(path, read_only=False, data_only=False)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        if _caused_by_defusedxml(exc):
            raise WorkbookFileError("工作簿含有不安全的 XML 内容，拒绝读取") from exc
        reason = f"无法打开工作簿，文件可能已损坏（{type(exc).__name__}）"
        raise WorkbookFileError(reason) from exc
    raw = RawWorkbook()
    try:
        for worksheet in workbook.worksheets:
            name = worksheet.title.strip()
            spec = SHEETS_BY_NAME.get(name)
            if spec is None:
                continue  # 填写说明, _选项 and the clerk's own sheets
            if name in raw.sheets:
                raw.errors.append(CellError(name, None, None, f"有多个名为“{name}”的工作表"))
                continue
            sheet = _read_sheet(worksheet, spec, raw.errors)
            if sheet is not None:
                raw.sheets[name] = sheet
    finally:
        workbook.close()
    return raw


def _caused_by_defusedxml(exc: BaseException | None) -> bool:
    # openpyxl wraps parse failures in a ValueError of its own
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _check_package(path: Path, max_bytes: int, max_uncompressed: int, max_entries: int) -> None:
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
            if len(entries) > max_entries:
                count = len(entries)
                raise WorkbookFileError(f"工作簿内部文件过多（{count} 个），{SUSPICIOUS}")
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                what = (
                    "这是 Excel 二进制工作簿（.xlsb）"
                    if "xl/workbook.bin" in names
                    else "压缩文件中没有 [Content_Types].xml 或 xl/workbook.xml"
                )
                raise WorkbookFileError(f"文件不是 Excel 工作簿（.xlsx）：{what}；{SAVE_AS_XLSX}")
            # zipfile never inflates a member past its declared size, so the sum of
            # declared sizes bounds what openpyxl will decompress.
            total = sum(entry.file_size for entry in entries)
            if total > max_uncompressed:
                raise WorkbookFileError(
                    f"工作簿解压后过大（{total / MB:.0f} MB，上限 {max_uncompressed / MB:g} MB），"
                    + SUSPICIOUS
                )
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise WorkbookFileError("工作簿内部文件已加密，无法读取")
            # every part, not just xl/worksheets/: the workbook's relationships may
            # name any part as a worksheet
            _check_merges(archive, [entry.filename for entry in entries if not entry.is_dir()])
    except zipfile.BadZipFile as exc:
        raise WorkbookFileError("文件已损坏，无法作为 Excel 工作簿打开") from exc


_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)\""
)


def _check_merges(archive: zipfile.ZipFile, parts: list[str]) -> None:
    """Refuse merged ranges covering more cells than a clerk could mean."""
    covered = 0
    for part in parts:
        carry = b""
        with archive.open(part) as stream:
            while chunk := stream.read(MB):
                buffer = carry + chunk
                end = 0
                if b"mergeCell" not in buffer:  # the usual case, and a fast one
                    carry = buffer[-4096:]
                    continue
                for match in _MERGE.finditer(buffer):
                    min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode())
                    covered += ((max_col or 1) - (min_col or 1) + 1) * (
                        (max_row or 1) - (min_row or 1) + 1
                    )
                    end = match.end()
                # keep an unfinished tag for the next chunk, never one already counted
                carry = buffer[max(end, buffer.rfind(b"<")) :][-4096:]
        if covered > MAX_MERGED_CELLS:
            raise WorkbookFileError(f"合并单元格的范围过大（共 {covered} 个单元格），{SUSPICIOUS}")


def normalize_header(value: object) -> str:
    """科室名称 / "科室 名称＊" / "科室名称\\n*" all name the column 科室名称."""
    return re.sub(r"\s+", "", str(value)).rstrip("*＊")


def _cell_value(cell: Cell | MergedCell) -> object:
    value = cell.value
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    text = getattr(value, "text", None)  # ArrayFormula keeps its formula text here
    if isinstance(text, str):
        return text
    if type(value).__name__ == "DataTableFormula":
        return "=TABLE()"
    return value  # datetime, date, time, timedelta: the parser judges them


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_sheet(ws: Worksheet, spec: SheetSpec, errors: list[CellError]) -> RawSheet | None:
    # ws._cells holds only the cells present in the file. Walking it (rather than
    # iter_rows over the used range) keeps a sheet with one stray cell at XFD1048576
    # from making openpyxl create seventeen billion empty cells.
    rows: dict[int, dict[int, Cell]] = {}
    for (row, column), cell in ws._cells.items():
        if cell.value is not None:
            rows.setdefault(row, {})[column] = cell
    order = sorted(rows)
    nonblank = [r for r in order if any(not _is_blank(c.value) for c in rows[r].values())]
    if not nonblank:
        return None  # an empty sheet: nothing to import
    known = set(spec.headers)
    header_row = next(
        (
            r
            for r in nonblank[:HEADER_SEARCH_ROWS]
            if any(normalize_header(c.value) in known for c in rows[r].values())
        ),
        nonblank[0],
    )
    mapping = _map_header(spec, header_row, rows[header_row], errors)
    fills = _merges(ws, spec, header_row, mapping, errors)

    raw_rows: list[RawRow] = []
    for r in order:
        if r <= header_row:
            continue
        own = rows[r]
        values = {name: _cell_value(own[c]) if c in own else None for c, name in mapping.items()}
        if all(_is_blank(v) for v in values.values()):
            continue  # judged before filling merges: a merge alone does not make a row
        for c, name in mapping.items():
            if values[name] is None and (r, c) in fills:
                values[name] = fills[(r, c)]
            present = own.get(c)
            if present is not None and present.data_type == "e":
                reason = f"单元格是错误值 {present.value}，请填写实际内容"
                errors.append(CellError(spec.name, r, name, reason))
                values[name] = None
        raw_rows.append(RawRow(r, values))
    return RawSheet(spec.name, header_row, tuple(mapping.values()), tuple(raw_rows))


def _map_header(
    spec: SheetSpec, header_row: int, cells: dict[int, Cell], errors: list[CellError]
) -> dict[int, str]:
    """Column index → schema column name; unknown columns are left out."""
    known = set(spec.headers)
    mapping: dict[int, str] = {}
    first_seen: dict[str, int] = {}
    for column in sorted(cells):
        name = normalize_header(cells[column].value)
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


def _merges(
    ws: Worksheet,
    spec: SheetSpec,
    header_row: int,
    mapping: dict[int, str],
    errors: list[CellError],
) -> dict[tuple[int, int], object]:
    """Values that merged ranges below the header spread over the cells they cover."""
    fills: dict[tuple[int, int], object] = {}
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= header_row <= merged.max_row:
            top_left = ws._cells.get((merged.min_row, merged.min_col))
            title = top_left.value if top_left is not None else None
            name = normalize_header(title) if title is not None else ""
            reason = f"表头不能合并单元格（{merged.coord}），请取消合并，每列写一个列名"
            header = name if name in spec.headers else None
            errors.append(CellError(spec.name, header_row, header, reason))
        elif merged.min_row > header_row:
            source = ws._cells.get((merged.min_row, merged.min_col))
            value = _cell_value(source) if source is not None else None
            for row in range(merged.min_row, merged.max_row + 1):
                for column in range(merged.min_col, merged.max_col + 1):
                    if column in mapping:
                        fills[(row, column)] = value
    return fills
