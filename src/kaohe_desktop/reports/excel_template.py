"""The empty exchange workbook a clerk fills in: headers, dropdowns, notes.

Every column with choices gets a dropdown; its hint and format are in a comment on
the header cell (a second header row would be read as data). Columns are given a
cell format so that Excel does not "help": 编号 0012 stays 0012 and 期间 2026-05
stays text instead of becoming a date.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kaohe_desktop.domain.exchange_schema import SHEETS, ColumnSpec, SheetSpec
from kaohe_desktop.domain.exchange_sheets import CODECS_BY_NAME
from kaohe_desktop.reports.excel_exchange_common import (
    add_instructions_sheet,
    header_cells,
    set_up_sheet,
)

OPTIONS_SHEET = "_选项"
MAX_INLINE_LIST = 255  # Excel's limit on a list validation written out in the formula
LAST_ROW = 1048576
FORMATS = {"date": "yyyy-mm-dd", "text": "@"}  # by exchange_sheets Field.kind


def write_template(path: str | Path, sheets: Sequence[SheetSpec] = SHEETS) -> None:
    """Write an empty exchange workbook for the clerk to fill in."""
    workbook = Workbook()
    default = workbook.active  # the empty sheet a new Workbook comes with
    if default is not None:
        workbook.remove(default)
    workbook.properties.creator = "考核台账"
    add_instructions_sheet(workbook, sheets)
    options = _Options(workbook)
    for spec in sheets:
        ws = workbook.create_sheet(spec.name)
        set_up_sheet(ws, spec, 0)
        ws.append(header_cells(ws, spec))
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            ws[f"{letter}1"].comment = _note(spec, column)
            number_format = FORMATS.get(_kind(spec, column))
            if number_format:
                ws.column_dimensions[letter].number_format = number_format
            if column.choices:
                _add_dropdown(ws, letter, column, options)
    options.move_to_end()
    workbook.active = 0  # the clerk reads 填写说明 first
    workbook.save(Path(path))


def _kind(spec: SheetSpec, column: ColumnSpec) -> str:
    codec = CODECS_BY_NAME.get(spec.name)
    field = codec.fields.get(column.name) if codec else None
    return field.kind if field else "text"


def _note(spec: SheetSpec, column: ColumnSpec) -> Comment:
    lines = ["必填" if column.required else "选填"]
    codec = CODECS_BY_NAME.get(spec.name)
    if codec and column.name in codec.fields:
        lines.append(f"格式：{codec.fields[column.name].fmt}")
    if column.choices:
        lines.append(f"可选：{'、'.join(column.choices)}")
    if column.hint:
        lines.append(column.hint)
    comment = Comment("\n".join(lines), "考核台账")
    comment.width = 240
    comment.height = 24 + 18 * len(lines)
    return comment


class _Options:
    """The hidden sheet holding lists too long (or too awkward) to write inline."""

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._sheet: Worksheet | None = None
        self._columns = 0

    def move_to_end(self) -> None:
        if self._sheet is not None:
            last = len(self._workbook.sheetnames) - 1
            self._workbook.move_sheet(self._sheet, last - self._workbook.index(self._sheet))

    def reference(self, choices: Sequence[str]) -> str:
        if self._sheet is None:
            self._sheet = self._workbook.create_sheet(OPTIONS_SHEET)
            self._sheet.sheet_state = "hidden"
        self._columns += 1
        letter = get_column_letter(self._columns)
        for row, choice in enumerate(choices, start=1):
            self._sheet.cell(row=row, column=self._columns, value=choice)
        return f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$1:${letter}${len(choices)}"


def list_formula(choices: Sequence[str], options: _Options) -> str:
    inline = ",".join(choices)
    awkward = any("," in choice or '"' in choice for choice in choices)
    if len(inline) + 2 <= MAX_INLINE_LIST and not awkward:
        return f'"{inline}"'
    return options.reference(choices)


def _add_dropdown(ws: Worksheet, letter: str, column: ColumnSpec, options: _Options) -> None:
    validation = DataValidation(
        type="list",
        formula1=list_formula(column.choices, options),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="无效的值",
        error=f"“{column.name}”请从下拉列表中选择"[:255],
    )
    validation.add(f"{letter}2:{letter}{LAST_ROW}")
    ws.add_data_validation(validation)
