"""Raw workbook rows → an `ExchangeBook`, reporting every problem (DESIGN.md §6).

Import is all or nothing, so the clerk needs the whole list of problems at once,
each located as sheet / row / column: nothing here stops at the first error. The
returned book holds the rows that were clean; callers import it only when the
error list is empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import Any

from kaohe_desktop.domain.exchange_cells import CellValueError, is_blank
from kaohe_desktop.domain.exchange_codec import SheetCodec
from kaohe_desktop.domain.exchange_raw import RawRow, RawSheet, RawWorkbook
from kaohe_desktop.domain.exchange_schema import SHEETS, SheetSpec
from kaohe_desktop.domain.exchange_sheets import CODECS, CODECS_BY_NAME
from kaohe_desktop.domain.records import CellError, ExchangeBook
from kaohe_desktop.domain.text_rules import DEFAULT_CODE_CASE, CodeCase, normalize_code

REQUIRED_EMPTY = "必填项为空"

_SHEET_ORDER = {spec.name: index for index, spec in enumerate(SHEETS)}


def missing_column_reason(column: str) -> str:
    return f"缺少必填列“{column}”"


def parse_book(
    raw: RawWorkbook, code_case: CodeCase = DEFAULT_CODE_CASE
) -> tuple[ExchangeBook, list[CellError]]:
    """Convert and check every row of every schema sheet present in `raw`; 编号 is
    folded to `code_case` (the bureau's setting) before rows are compared."""
    errors = list(raw.errors)
    reported = {(e.sheet, e.row, e.column) for e in raw.errors}
    book = ExchangeBook()
    for codec in CODECS:
        sheet = raw.sheets.get(codec.name)
        if sheet is not None:
            records, rows = _parse_sheet(codec, sheet, reported, errors, code_case)
            getattr(book, codec.attr).extend(records)
            book.source_rows[codec.name] = rows
    errors.sort(key=error_order)
    return book, errors


def error_order(error: CellError) -> tuple[int, int, int]:
    """Sheet order of the schema, then row (sheet-wide problems first), then column."""
    sheet = _SHEET_ORDER.get(error.sheet, len(_SHEET_ORDER))
    columns = SHEETS[sheet].headers if sheet < len(SHEETS) else []
    column = columns.index(error.column) if error.column in columns else len(columns)
    return sheet, error.row or 0, column


def _parse_sheet(
    codec: SheetCodec,
    sheet: RawSheet,
    reported: set[tuple[str, int | None, str | None]],
    errors: list[CellError],
    code_case: CodeCase,
) -> tuple[list[Any], list[int]]:
    """The sheet's records and the Excel row number of each."""
    spec = codec.spec
    present = set(sheet.columns)
    for column in spec.columns:
        where = (spec.name, sheet.header_row, column.name)
        if column.required and column.name not in present and where not in reported:
            errors.append(CellError(*where, missing_column_reason(column.name)))
            reported.add(where)

    records: list[Any] = []
    row_numbers: list[int] = []
    first_row_of_key: dict[tuple[object, ...], int] = {}
    for row in sheet.rows:
        values, row_errors = _convert_row(codec, row, present, reported, code_case)
        key = _key(spec, values)
        if key is not None:
            if key in first_row_of_key:
                row_errors.append(_duplicate(spec, row.row_number, first_row_of_key[key], key))
            else:
                first_row_of_key[key] = row.row_number
        if not row_errors and all(column in values for column in codec.fields):
            records.append(codec.build(values))
            row_numbers.append(row.row_number)
        errors.extend(row_errors)
    return records, row_numbers


def _convert_row(
    codec: SheetCodec,
    row: RawRow,
    present: set[str],
    reported: set[tuple[str, int | None, str | None]],
    code_case: CodeCase,
) -> tuple[dict[str, Any], list[CellError]]:
    """Converted values by column (a cell that failed is absent) and the row's errors."""
    spec = codec.spec
    row_errors: list[CellError] = []

    def fail(column: str, reason: str) -> None:
        row_errors.append(CellError(spec.name, row.row_number, column, reason))

    values: dict[str, Any] = {}
    check_reported = bool(reported)  # skip building a tuple per cell in the usual case
    for column in spec.columns:
        field = codec.fields[column.name]
        if column.name not in present:
            if not column.required:
                values[column.name] = field.default  # an optional column left out
            continue
        if check_reported and (spec.name, row.row_number, column.name) in reported:
            continue  # the reader already said what is wrong with this cell
        cell = row.cells.get(column.name)
        if is_blank(cell):
            if column.required:
                fail(column.name, REQUIRED_EMPTY)
            else:
                values[column.name] = field.default
            continue
        try:
            value = field.convert(cell)
            values[column.name] = normalize_code(value, code_case) if field.code else value
        except CellValueError as exc:
            fail(column.name, exc.reason)
    if codec.check is not None:
        codec.check(values, fail)
    return values, row_errors


def _key(spec: SheetSpec, values: dict[str, Any]) -> tuple[object, ...] | None:
    if not all(column in values for column in spec.key):
        return None  # a key cell is wrong or missing: that is reported already
    return tuple(values[column] for column in spec.key)


def _shown(value: object) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, Enum) and hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _duplicate(spec: SheetSpec, row: int, first: int, key: tuple[object, ...]) -> CellError:
    described = "，".join(f"{c}={_shown(v)}" for c, v in zip(spec.key, key, strict=True))
    reason = f"与第 {first} 行重复（{described}）；同一工作表中键相同的行只能有一行"
    return CellError(spec.name, row, "、".join(spec.key), reason)


def book_rows(
    book: ExchangeBook,
) -> Iterator[tuple[SheetSpec, int, Iterator[dict[str, object]]]]:
    """Each schema sheet with its row count and its rows as column → value, for writers.

    Rows are produced lazily, in the book's order: a county book has 160,000 of them.
    """
    for codec in CODECS:
        records = getattr(book, codec.attr)
        yield codec.spec, len(records), (codec.cells(record) for record in records)


def codec_for(sheet: str) -> SheetCodec:
    return CODECS_BY_NAME[sheet]
