"""未保存的修改: when a save cannot reach the data file (read-only share, disk full,
file gone, lease taken over), the clerk's edit is written to a small workbook so
nothing typed is lost and it can be compared or re-entered later."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from kaohe_desktop.reports.excel_exchange_common import HEADER_BORDER, HEADER_FILL
from kaohe_desktop.reports.excel_exchange_writer import text_cell


@dataclass(frozen=True)
class UnsavedField:
    label: str
    original: str
    mine: str
    changed: bool


@dataclass(frozen=True)
class UnsavedEdit:
    record: str  # e.g. 人员 王芳（A012）
    data_file: str
    account: str
    reason: str
    fields: Sequence[UnsavedField]
    written_at: datetime


def write_unsaved_edit(edit: UnsavedEdit, path: Path) -> None:
    """Every text goes through text_cell: a typed "=..." stays text, never a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("未保存的修改")
    for letter, width in zip("ABCD", (18, 36, 36, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A7"
    for line in (
        f"未保存的修改：{edit.record}",
        f"数据文件：{edit.data_file}",
        f"账号：{edit.account}    导出时间：{edit.written_at:%Y-%m-%d %H:%M}",
        f"未保存的原因：{edit.reason}",
    ):
        sheet.append([text_cell(sheet, line)])
    sheet.append([])
    header = [text_cell(sheet, text) for text in ("项目", "打开时的值", "我的修改", "是否修改")]
    for cell in header:
        cell.fill, cell.border = HEADER_FILL, HEADER_BORDER
    sheet.append(header)
    for item in edit.fields:
        sheet.append(
            [
                text_cell(sheet, item.label),
                text_cell(sheet, item.original),
                text_cell(sheet, item.mine),
                text_cell(sheet, "是" if item.changed else ""),
            ]
        )
    workbook.save(path)
