"""The streaming reader's limits and what it keeps of a clerk's workbook.

The limits are tried at their edge by lowering them (they are read at call time), so
no test needs a 200,000-row file; tests/reliability/test_hostile_workbooks.py tries
the real sizes in a memory-limited child.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from kaohe_desktop.domain.exchange_parse import parse_book
from kaohe_desktop.domain.exchange_schema import SHEETS_BY_NAME
from kaohe_desktop.domain.records import CellError
from kaohe_desktop.reports import excel_exchange_scan
from kaohe_desktop.reports.excel_exchange_reader import WorkbookFileError, read_workbook_rows

DEPARTMENTS = list(SHEETS_BY_NAME["科室"].headers)


def save(
    tmp_path: Path, sheets: dict[str, list[list[object]]], merges: dict[str, str] | None = None
):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    for title, ref in (merges or {}).items():
        workbook[title].merge_cells(ref)
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    return path


def offices(count: int) -> list[list[object]]:
    return [DEPARTMENTS, *([f"科室{n}", None, None, n] for n in range(1, count))]


def test_a_sheet_at_the_row_limit_is_read_and_one_more_row_is_refused_there(tmp_path, monkeypatch):
    monkeypatch.setattr(excel_exchange_scan, "MAX_ROWS", 5)
    raw = read_workbook_rows(save(tmp_path, {"科室": offices(5)}))
    assert len(raw.sheets["科室"].rows) == 4
    with pytest.raises(WorkbookFileError, match=r"工作表“科室”超过 5 行（第 6 行）"):
        read_workbook_rows(save(tmp_path, {"科室": offices(6)}))


def test_the_workbook_wide_row_limit_counts_every_sheet_read(tmp_path, monkeypatch):
    monkeypatch.setattr(excel_exchange_scan, "MAX_BOOK_ROWS", 8)
    people = [list(SHEETS_BY_NAME["人员"].headers)] + [
        ["0012", "张三", None, None, None, "科室1"]
    ] * 4
    path = save(tmp_path, {"科室": offices(4), "我的笔记": [["x"]] * 50, "人员": people})
    with pytest.raises(WorkbookFileError, match=r"合计超过 8 行（到工作表“人员”第 5 行）"):
        read_workbook_rows(path)


def test_the_cell_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(excel_exchange_scan, "MAX_CELLS", 7)
    with pytest.raises(WorkbookFileError, match=r"单元格超过 7 个（第 3 行）"):
        read_workbook_rows(save(tmp_path, {"科室": offices(3)}))


def rewrite(path: Path, part: str, old: bytes, new: bytes) -> Path:
    """A copy of the workbook with one part changed: how hostile content gets in (openpyxl
    itself would build every cell of a whole-sheet merge)."""
    target = path.with_name("hostile.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            copy.writestr(item, data.replace(old, new) if item.filename == part else data)
    return target


def test_sheets_the_import_does_not_read_are_never_parsed(tmp_path):
    """A whole-sheet merge in the clerk's own notes costs nothing: that sheet is skipped."""
    path = save(tmp_path, {"科室": offices(2), "我的笔记": [["备注"]]}, {"我的笔记": "A1:B2"})
    hostile = rewrite(path, "xl/worksheets/sheet2.xml", b"A1:B2", b"A1:XFD1048576")
    raw = read_workbook_rows(hostile)
    assert parse_book(raw)[1] == [] and len(raw.sheets["科室"].rows) == 1


def test_a_merge_from_an_unmapped_column_spreads_its_top_left_value(tmp_path):
    """Excel shows a merged range's top-left value in all its cells; so does the reader,
    even when that cell sits in a column the import ignores."""
    rows = [["备注", *DEPARTMENTS], ["办公室", None, "综合", None, 1], [None, None, None, None, 2]]
    rows[2][1] = None
    path = save(tmp_path, {"科室": rows}, {"科室": "A2:B3"})
    raw = read_workbook_rows(path)
    sheet = raw.sheets["科室"]
    assert [(r.row_number, r.cells["科室名称"]) for r in sheet.rows] == [
        (2, "办公室"),
        (3, "办公室"),
    ]


def test_a_header_merge_is_named_even_when_the_range_is_read_from_the_sheet_xml(tmp_path):
    path = save(tmp_path, {"科室": [DEPARTMENTS, ["办公室", None, None, 1]]}, {"科室": "C1:D1"})
    errors = read_workbook_rows(path).errors
    assert [(e.row, e.column) for e in errors] == [(1, "类型")]
    assert "C1:D1" in errors[0].reason


def test_no_header_in_the_first_ten_rows_takes_the_first_row(tmp_path):
    rows = [[f"标题{n}"] for n in range(10)] + [DEPARTMENTS, ["办公室"]]
    raw = read_workbook_rows(save(tmp_path, {"科室": rows}))
    assert raw.sheets["科室"].header_row == 1
    assert CellError("科室", 1, "科室名称", "缺少必填列“科室名称”") in raw.errors


def test_two_sheets_with_the_same_name_once_trimmed_are_an_error(tmp_path):
    path = save(tmp_path, {"科室": [DEPARTMENTS], "科室 ": offices(2)})
    raw = read_workbook_rows(path)
    assert CellError("科室", None, None, "有多个名为“科室”的工作表") in raw.errors


def test_openpyxl_warnings_do_not_escape(tmp_path):
    """A date serial past year 9999 makes openpyxl warn in English; the clerk gets the
    parser's Chinese reason for the cell instead."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = "奖惩"
    ws.append(list(SHEETS_BY_NAME["奖惩"].headers))
    ws.append(["0012", 1, "嘉奖"])
    ws["B2"].number_format = "yyyy-mm-dd"
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    hostile = rewrite(path, "xl/worksheets/sheet1.xml", b"<v>1</v>", b"<v>99999999</v>")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        raw = read_workbook_rows(hostile)
    assert caught == []
    errors = parse_book(raw)[1]
    assert [(e.sheet, e.row, e.column) for e in errors] == [("奖惩", 2, "日期")]
    assert "99999999" in errors[0].reason  # the number the file holds, not "#VALUE!"


def test_a_merge_written_backwards_counts_all_the_cells_it_covers(tmp_path, monkeypatch):
    """A merge written "D3:A11" is A3:D11: 36 cells, not the -18 that would hide others."""
    monkeypatch.setattr(excel_exchange_scan, "MAX_MERGED_CELLS", 30)
    path = save(tmp_path, {"科室": offices(2)}, {"科室": "A3:D11"})
    hostile = rewrite(path, "xl/worksheets/sheet1.xml", b"A3:D11", b"D3:A11")
    with pytest.raises(WorkbookFileError, match=r"合并单元格的范围过大（共 36 个单元格）"):
        read_workbook_rows(hostile)
