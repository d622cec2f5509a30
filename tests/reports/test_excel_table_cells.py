"""TableCells refills one cell per column and look from row to row: the sheet it writes
is the sheet StyledCells' new cell per value writes, whatever the values before."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from kaohe_desktop.reports.excel_sheet_layout import StyledCells, TableCells

# Per row: a text in column 0 (left), a number in column 1 (format "0.0"), a text or a
# number in column 2 with the same look (centred, no format), a bold text in column 3.
ROWS: list[tuple[str, int | Decimal | None, str | int | None, str]] = [
    ("办公室", 1, "—", "合计"),
    ("=1+1", Decimal("88.5"), 3, "-3"),  # a formula-like text after a plain one
    ("普通文字", None, "—", "#N/A"),  # back to plain; an empty bordered number
    ("a\x01b\tc", Decimal("90"), None, ""),  # a control character Excel refuses
    ("  =x", 7, "+1", "正常"),
    ("", Decimal("60.25"), 5, "@sum"),
]


def _write(path: Path, *, refilled: bool) -> bytes:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("表")
    cells = StyledCells()
    table = TableCells(cells, ws)
    for text, number, either, bold in ROWS:
        row: list[Any]
        if refilled:
            third = table.number(2, either) if not isinstance(either, str) else None
            row = [
                table.text(0, text),
                table.number(1, number, "0.0"),
                table.text(2, either, "center") if isinstance(either, str) else third,
                table.text(3, bold, bold=True),
            ]
        else:
            third = cells.number(ws, either) if not isinstance(either, str) else None
            row = [
                cells.text(ws, text),
                cells.number(ws, number, "0.0"),
                cells.text(ws, either, "center") if isinstance(either, str) else third,
                cells.text(ws, bold, bold=True),
            ]
        ws.append(row)
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml") + archive.read("xl/styles.xml")


def test_refilled_cells_write_what_new_cells_write(tmp_path: Path) -> None:
    fresh = _write(tmp_path / "new.xlsx", refilled=False)
    refilled = _write(tmp_path / "refilled.xlsx", refilled=True)
    assert refilled == fresh
    assert b'quotePrefix="1"' in fresh  # the guarded texts are there, as text
    assert b"<f>" not in fresh
