"""What the exchange workbook writer and the template share: header style, page
setup and the 填写说明 sheet, so a filled-in template and an export look alike.

Everything here works on both normal and write-only worksheets (cells are made
with WriteOnlyCell and added with append), because the writer streams big books.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties

from kaohe_desktop.domain.exchange_schema import INSTRUCTIONS_SHEET, SheetSpec
from kaohe_desktop.domain.exchange_sheets import column_format

REQUIRED_COLOR = "C00000"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="808080")
HEADER_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
UPSERT_RULE = "同一工作表中，键相同的行视为同一条记录；再次导入会更新而不是新增"
PAPER_A4 = "9"

Sheet = Any  # openpyxl Worksheet or WriteOnlyWorksheet: both take append() and page setup


def column_width(spec_width: int, header: str) -> float:
    """At least the schema's width, and wide enough for the header and its filter arrow:
    a Chinese character takes two character units."""
    return max(spec_width, 2 * len(header) + 4)


def header_cells(ws: Sheet, spec: SheetSpec) -> list[Any]:
    """The header row: plain column names; required ones bold and red (the reader
    also accepts a trailing *, but names stay exactly as the schema spells them)."""
    cells = []
    for column in spec.columns:
        cell = WriteOnlyCell(ws, column.name)
        color = REQUIRED_COLOR if column.required else "000000"
        cell.font = Font(bold=True, color=color)
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = HEADER_ALIGNMENT
        cells.append(cell)
    return cells


def set_up_sheet(ws: Sheet, spec: SheetSpec, data_rows: int) -> None:
    """Widths, frozen header, auto-filter and print setup.

    On a write-only sheet this must run before the first append: column widths and
    the frozen pane are written at the top of the sheet's XML.
    """
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column_width(column.width, column.name)
    ws.freeze_panes = "A2"
    set_filter(ws, spec, data_rows)
    set_up_printing(ws)


def set_filter(ws: Sheet, spec: SheetSpec, data_rows: int) -> None:
    """The auto-filter over the header and the data rows (written in the sheet's tail:
    a write-only sheet may set it after its rows)."""
    last = get_column_letter(len(spec.columns))
    ws.auto_filter.ref = f"A1:{last}{data_rows + 1}"


def set_up_printing(ws: Sheet) -> None:
    """Landscape A4, all columns on one page width, header row repeated on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"


GENERAL_NOTES = (
    "每个工作表的第一行是表头，请不要修改列名；红色加粗的列为必填列。不用的工作表可以删除，"
    "增加的其他列在导入时忽略。",
    "日期写作 2026-05-12（也可写 2026/5/12 或 2026年5月12日）；分数写阿拉伯数字，如 86.5。",
    "请不要使用公式：导入时公式按文字读取，数值列和日期列中的公式会被判为错误。",
    "有下拉列表的列请从列表中选择。",
    "导入是“全部或全不”：只要有一处错误，整本工作簿都不导入，并列出每个错误所在的工作表、行和列。",
    "空白行会被跳过；数据区的合并单元格（如“科室”一列向下合并）按每行都填写了该值处理，"
    "但表头不能合并。",
    f"本“{INSTRUCTIONS_SHEET}”工作表在导入时忽略。",
)

_INSTRUCTION_HEADERS = ("工作表", "列名", "必填", "格式", "可选值", "说明")
_INSTRUCTION_WIDTHS = (12, 16, 6, 44, 40, 40)


def sheet_summary(spec: SheetSpec) -> str:
    required = "、".join(column.name for column in spec.columns if column.required)
    key = "、".join(spec.key)
    return f"用途：{spec.purpose}。唯一键：{key}（{UPSERT_RULE}）。必填列：{required}。"


def _format(spec: SheetSpec, column: str) -> str:
    try:
        return column_format(spec.name, column)
    except KeyError:  # a sheet the parser does not know (only in tests of the template)
        return "文本"


def add_instructions_sheet(wb: Workbook, sheets: Sequence[SheetSpec], index: int = 0) -> None:
    """The 填写说明 sheet: general rules, then each sheet's purpose, key and columns."""
    ws = wb.create_sheet(INSTRUCTIONS_SHEET, index)
    for position, width in enumerate(_INSTRUCTION_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(position)].width = width
    set_up_printing(ws)
    last = get_column_letter(len(_INSTRUCTION_WIDTHS))
    row = 0

    def text(value: str, *, bold: bool = False, size: float | None = None) -> Any:
        if not value:
            return None
        cell = WriteOnlyCell(ws, value)
        cell.alignment = WRAP
        if bold or size:
            cell.font = Font(bold=bold, size=size)
        return cell

    def append(cells: list[Any]) -> None:
        nonlocal row
        row += 1
        ws.append(cells)

    def append_wide(label: str, body: str, *, bold: bool = False) -> None:
        """A label in column A and a long text across B…F. Excel does not grow a merged
        cell's row to fit its text, so the height is set from the text's length."""
        nonlocal row
        lines = math.ceil(2 * len(body) / sum(_INSTRUCTION_WIDTHS[1:]))
        ws.row_dimensions[row + 1].height = 16 * max(lines, 1) + 4  # before the row is written
        ws.merged_cells.add(f"B{row + 1}:{last}{row + 1}")
        append([text(label, bold=bold), text(body, bold=bold)])

    append([text("考核台账 数据交换工作簿 填写说明", bold=True, size=14)])
    for number, note in enumerate(GENERAL_NOTES, start=1):
        append_wide(f"{number}.", note)
    append([])
    append([text(header, bold=True) for header in _INSTRUCTION_HEADERS])
    for spec in sheets:
        append_wide(spec.name, sheet_summary(spec), bold=True)
        for column in spec.columns:
            append(
                [
                    None,
                    text(column.name, bold=column.required),
                    text("是" if column.required else ""),
                    text(_format(spec, column.name)),
                    text("、".join(column.choices)),
                    text(column.hint),
                ]
            )
