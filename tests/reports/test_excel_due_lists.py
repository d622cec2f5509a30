"""The due lists workbook written from hand-made content and read back with openpyxl."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kaohe_desktop.reports.due_lists_content import (
    DueListsBook,
    RotationLine,
    RoutineLine,
    SpecialLine,
)
from kaohe_desktop.reports.excel_due_lists import (
    ROUTINE_HEADERS,
    SPECIAL_HEADERS,
    rotation_headers,
    write_due_lists_workbook,
)
from kaohe_desktop.reports.excel_sheet_layout import text_units

LONG_DEPARTMENT = "食品生产安全监督管理科（药品化妆品医疗器械）"
LONG_REASON = "2026-04-15 由综合执法大队第三中队调入食品生产安全监督管理科（药品化妆品医疗器械）"


def sample_book(**changes: object) -> DueListsBook:
    book = DueListsBook(
        bureau="夏津县市场监督管理局",
        year=2026,
        today=date(2026, 5, 6),
        routine_rule="党政正职每年不少于 2 次，其他人员不少于 1 次",
        special_rule="应在发生之日起 30 天内谈话",
        rotation_rule="关键岗位在同一科室连续满 5 年",
        rotation_years=5,
        routine=(
            RoutineLine("-007", "=SUM(A1)", "办公室", "科长", True, 2, 1, date(2026, 3, 2)),
            RoutineLine("P02", "李四", LONG_DEPARTMENT, "", False, 1, 0, None),
        ),
        special=(
            SpecialLine("P03", "王五", "市场科", "提醒谈话", "2026年一季度平时考核一般",
                        date(2026, 3, 31), date(2026, 4, 30), True),
            SpecialLine("P04", "@赵六", "质量科", "任职谈话", LONG_REASON,
                        date(2026, 4, 15), date(2026, 5, 15), False),
        ),
        rotations=(
            RotationLine("P05", "+钱七", "质量科", "一级主任科员", date(2021, 3, 1),
                         date(2026, 3, 1), True),
            RotationLine("P06", "孙八", "市场科", "四级主任科员", date(2021, 9, 1),
                         date(2026, 9, 1), False),
        ),
    )  # fmt: skip
    return replace(book, **changes)  # type: ignore[arg-type]


def written(tmp_path: Path, book: DueListsBook) -> dict[str, Worksheet]:
    out = tmp_path / "提醒.xlsx"
    write_due_lists_workbook(book, out)
    workbook = load_workbook(out)
    return {name: workbook[name] for name in workbook.sheetnames}


def rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return [tuple(row) for row in sheet.iter_rows(min_row=4, values_only=True)]


def test_three_sheets_with_their_headers_and_rows(tmp_path: Path) -> None:
    sheets = written(tmp_path, sample_book())
    assert list(sheets) == ["谈心谈话不足", "专项谈话", "交流轮岗"]
    routine, special, rotation = sheets.values()
    assert [c.value for c in routine[3]] == list(ROUTINE_HEADERS) == [
        "序号", "编号", "姓名", "科室", "职务职级", "党政正职", "应谈次数", "已谈次数",
        "最近一次谈话",
    ]  # fmt: skip
    assert [c.value for c in special[3]] == list(SPECIAL_HEADERS) == [
        "序号", "编号", "姓名", "科室", "谈话类型", "事由", "发生日期", "应谈日期", "状态",
    ]  # fmt: skip
    assert [c.value for c in rotation[3]] == [
        "序号", "编号", "姓名", "科室", "职务职级", "本科室任职起始", "满5年日期", "状态",
    ]  # fmt: skip
    assert rows(routine) == [
        (1, "-007", "=SUM(A1)", "办公室", "科长", "是", 2, 1, datetime(2026, 3, 2)),
        (2, "P02", "李四", LONG_DEPARTMENT, None, "否", 1, 0, None),
    ]
    assert rows(special) == [
        (1, "P03", "王五", "市场科", "提醒谈话", "2026年一季度平时考核一般",
         datetime(2026, 3, 31), datetime(2026, 4, 30), "已逾期"),
        (2, "P04", "@赵六", "质量科", "任职谈话", LONG_REASON,
         datetime(2026, 4, 15), datetime(2026, 5, 15), "待谈"),
    ]  # fmt: skip
    assert rows(rotation) == [
        (1, "P05", "+钱七", "质量科", "一级主任科员", datetime(2021, 3, 1), datetime(2026, 3, 1),
         "已到期"),
        (2, "P06", "孙八", "市场科", "四级主任科员", datetime(2021, 9, 1), datetime(2026, 9, 1),
         "年内到期"),
    ]  # fmt: skip


def test_title_and_rule_lines(tmp_path: Path) -> None:
    routine, special, rotation = written(tmp_path, sample_book()).values()
    assert routine["A1"].value == "夏津县市场监督管理局 2026年度 谈心谈话不足人员名单"
    assert routine["A2"].value == (
        "谈心谈话：党政正职每年不少于 2 次，其他人员不少于 1 次（只计谈心谈话和关键岗位廉政谈话）。"
        "共 2 人　　统计日期：2026年5月6日"
    )
    assert special["A1"].value == "夏津县市场监督管理局 2026年度 专项谈话提醒名单"
    assert special["A2"].value == (
        "专项谈话：应在发生之日起 30 天内谈话。共 2 项，其中已逾期 1 项　　统计日期：2026年5月6日"
    )
    assert rotation["A1"].value == "夏津县市场监督管理局 2026年度 关键岗位交流轮岗提醒名单"
    assert rotation["A2"].value == (
        "交流轮岗：关键岗位在同一科室连续满 5 年"
        "（连续任职按科室任职历史计算，截至2026年12月31日）。"
        "共 2 人，其中已到期 1 人　　统计日期：2026年5月6日"
    )


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    routine, special, rotation = written(tmp_path, sample_book()).values()
    for cell in (routine["B4"], routine["C4"], special["C5"], rotation["C4"]):
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    assert routine["C5"].value == "李四" and not routine["C5"].quotePrefix
    assert routine["A4"].data_type == "n" and routine["G4"].data_type == "n"
    assert routine["I4"].is_date and routine["I4"].number_format == "yyyy-mm-dd"


def test_layout_frozen_filtered_fitted_and_printable(tmp_path: Path) -> None:
    sheets = written(tmp_path, sample_book())
    for sheet in sheets.values():
        assert sheet.freeze_panes == "A4"
        assert sheet.print_title_rows == "$1:$3"
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert "A1:" in str(sheet.merged_cells) and "A2:" in str(sheet.merged_cells)
    routine, special, rotation = sheets.values()
    assert routine.auto_filter.ref == "A3:I5"
    assert special.auto_filter.ref == "A3:I5"
    assert rotation.auto_filter.ref == "A3:H5"
    # 科室 is as wide as its longest name (capped at 20 units); 姓名 fits its header.
    assert routine.column_dimensions["D"].width == 20
    assert text_units(LONG_DEPARTMENT) > 20
    assert special.column_dimensions["D"].width >= text_units("质量科") + 2
    # The long 事由 wraps in a row tall enough for it.
    assert special["F5"].alignment.wrap_text
    assert (special.row_dimensions[5].height or 0) > 15


def test_empty_lists_keep_their_sheets_with_one_line(tmp_path: Path) -> None:
    sheets = written(tmp_path, sample_book(routine=(), special=(), rotations=()))
    assert list(sheets) == ["谈心谈话不足", "专项谈话", "交流轮岗"]
    for sheet in sheets.values():
        assert [row[0] for row in rows(sheet)] == ["无"]
        assert sheet.auto_filter.ref is not None
    assert "共 0 人" in str(sheets["谈心谈话不足"]["A2"].value)


@pytest.mark.parametrize("years", [3, 8])
def test_the_rotation_header_names_the_years(tmp_path: Path, years: int) -> None:
    book = sample_book(rotation_years=years, rotation_rule=f"关键岗位在同一科室连续满 {years} 年")
    rotation = written(tmp_path, book)["交流轮岗"]
    assert [c.value for c in rotation[3]] == list(rotation_headers(years))
    assert rotation["G3"].value == f"满{years}年日期"


def test_a_failed_write_leaves_the_old_file_and_no_partial(tmp_path: Path) -> None:
    out = tmp_path / "提醒.xlsx"
    write_due_lists_workbook(sample_book(), out)
    before = out.read_bytes()
    # A value no cell can hold stops the write halfway through.
    held: object = object()
    broken = sample_book(routine=(replace(sample_book().routine[0], held=held),))
    with pytest.raises(ValueError):
        write_due_lists_workbook(broken, out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["提醒.xlsx"]
