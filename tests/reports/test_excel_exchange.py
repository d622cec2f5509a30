"""The exchange workbook as a file: write → read → parse, hostile files, the template."""

from __future__ import annotations

import random
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    CommendationType,
    CommentKind,
    DepartmentKind,
    DisciplineType,
    Gender,
    NoGradeReason,
    PersonStatus,
    PoliticalStatus,
    QuarterGrade,
    TalkKind,
    TaskCategory,
)
from kaohe_desktop.domain.exchange_cells import FORMULA_AS_NUMBER
from kaohe_desktop.domain.exchange_parse import REQUIRED_EMPTY, parse_book
from kaohe_desktop.domain.exchange_schema import (
    INSTRUCTIONS_SHEET,
    SHEETS,
    SHEETS_BY_NAME,
    ColumnSpec,
    SheetSpec,
)
from kaohe_desktop.domain.records import (
    AdjustmentRecord,
    AssessmentRecord,
    CellError,
    CheckRecord,
    CommentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
    RewardRecord,
    TalkRecord,
    TaskRecord,
)
from kaohe_desktop.reports import excel_exchange_reader
from kaohe_desktop.reports.excel_exchange_common import UPSERT_RULE
from kaohe_desktop.reports.excel_exchange_reader import WorkbookFileError, read_workbook_rows
from kaohe_desktop.reports.excel_exchange_writer import WorkbookWriteError, write_workbook
from kaohe_desktop.reports.excel_template import OPTIONS_SHEET, write_template

INJECTIONS = ['=HYPERLINK("http://evil.example/","点我")', "+1", "-2", "@SUM(A1)", " =1+1"]


# fmt: off
def full_book() -> ExchangeBook:
    """At least two rows of every sheet, every column used somewhere."""
    return ExchangeBook(
        departments=[
            DepartmentRecord("办公室", "综合科室", DepartmentKind.OFFICE, 1),
            DepartmentRecord("执法一队", "业务科室", DepartmentKind.TEAM, 2),
            DepartmentRecord("城关所", None, DepartmentKind.BRANCH, None),
        ],
        people=[
            PersonRecord("0012", "张三", "办公室", "一般公务员", Gender.MALE, date(1985, 3, 12),
                         PoliticalStatus.CPC_MEMBER, "一级科员", True, date(2008, 7, 1)),
            PersonRecord("0013", "李四", "执法一队", "机关正科级", Gender.FEMALE,
                         status=PersonStatus.PROBATION),
        ],
        tasks=[
            TaskRecord(2026, 1, INJECTIONS[0], TaskCategory.ROUTINE, "执法一队",
                       ("执法一队", "办公室"), "5-6月", Decimal("20"), INJECTIONS[1],
                       INJECTIONS[2], INJECTIONS[3]),
            TaskRecord(2026, 2, "信息公开\n（每月更新）", TaskCategory.KEY, "办公室", ("办公室",),
                       "每月", Decimal("7.5")),
            TaskRecord(2026, 3, INJECTIONS[4].strip(), TaskCategory.ROUTINE, "城关所",
                       ("城关所",), "2026-12-31", Decimal("12.25")),
        ],
        checks=[
            CheckRecord(2026, 1, "执法一队", "2026Q2", CheckStatus.DONE, "完成 310 批次",
                        "抽检报告", CheckLevel.SUPERVISION, "王五", date(2026, 7, 3)),
            CheckRecord(2026, 2, "办公室", "2026-05", CheckStatus.LATE),
            CheckRecord(2026, 2, "办公室", "2026-05", CheckStatus.PARTIAL,
                        level=CheckLevel.LEADERSHIP),
        ],
        adjustments=[
            AdjustmentRecord("2026H1", "办公室", AdjustmentCategory.ATTENDANCE, Decimal("-2"),
                             "迟到 2 次", None, "人事〔2026〕3号", date(2026, 4, 1)),
            AdjustmentRecord("2026H1", "执法一队", AdjustmentCategory.BONUS, Decimal("15"),
                             "市级表彰", CommendationLevel.CITY, "市政〔2026〕8号"),
            AdjustmentRecord("2026H2", "执法一队", AdjustmentCategory.VETO, Decimal("0"), "事故"),
        ],
        assessments=[
            AssessmentRecord("2026Q2", "0012", Decimal("86.5"), Decimal("90"), Decimal("2")),
            AssessmentRecord("2026Q2", "0013", Decimal("55"), Decimal("60.5"), Decimal("-1.5"),
                             QuarterGrade.POOR, "多次迟到"),
            AssessmentRecord("2026Q1", "0013", Decimal("0"), Decimal("100"),
                             no_grade_reason=NoGradeReason.PROBATION),
        ],
        comments=[
            CommentRecord("0012", date(2026, 5, 8), CommentKind.PRAISE, Decimal("2"), "来信表扬"),
            CommentRecord("0013", date(2026, 5, 22), CommentKind.CRITICISM, Decimal("-2"), "迟到"),
        ],
        rewards=[
            RewardRecord("0012", date(2026, 1, 20), CommendationType.MERIT_3, "抗洪", "县〔26〕1"),
            RewardRecord("0013", date(2026, 3, 1), DisciplineType.WARNING, "违反工作纪律",
                         "纪〔2026〕2号", date(2026, 8, 31)),
        ],
        talks=[
            TalkRecord("0012", date(2026, 2, 1), "局长", TalkKind.KEY_POST, "廉政提醒"),
            TalkRecord("0013", date(2026, 2, 2), "副局长"),
        ],
    )
# fmt: on


def read_and_parse(path: Path) -> tuple[ExchangeBook, list[CellError]]:
    return parse_book(read_workbook_rows(path))


def make_xlsx(tmp_path: Path, sheets: dict[str, list[list[object]]], name: str = "in.xlsx"):
    """A workbook as a clerk might make it: plain openpyxl, rows appended from row 1."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path, workbook


def headers(sheet: str) -> list[object]:
    return list(SHEETS_BY_NAME[sheet].headers)


PERSON = ["0012", "张三", "男", "1985-03-12", "中共党员", "办公室", "科员", "一般公务员", "否"]


# -- round trip ------------------------------------------------------------------------


def test_full_book_round_trips(tmp_path):
    book = full_book()
    path = tmp_path / "book.xlsx"
    write_workbook(book, path)
    parsed, errors = read_and_parse(path)
    assert errors == []
    assert parsed == book


def test_empty_book_round_trips(tmp_path):
    path = tmp_path / "empty.xlsx"
    write_workbook(ExchangeBook(), path)
    assert read_and_parse(path) == (ExchangeBook(), [])


def test_formula_injection_is_written_as_text(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook(full_book(), path)
    ws = openpyxl.load_workbook(path)["台账"]
    cells = [ws["C2"], ws["D2"], ws["J2"], ws["K2"]]  # 工作任务, 目标要求, 任务来源, 备注
    assert [c.value for c in cells] == INJECTIONS[:4]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert (ws["C4"].value, ws["C4"].data_type) == ("=1+1", "s")
    assert ws["C3"].quotePrefix is False  # ordinary text is left alone


def test_leading_space_tab_and_error_codes_are_text(tmp_path):
    book = ExchangeBook(departments=[DepartmentRecord(" =1+1"), DepartmentRecord("#N/A")])
    path = tmp_path / "book.xlsx"
    write_workbook(book, path)
    ws = openpyxl.load_workbook(path)["科室"]
    assert [(ws[a].value, ws[a].data_type) for a in ("A2", "A3")] == [(" =1+1", "s"), ("#N/A", "s")]


def test_written_cells_have_their_types_and_formats(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook(full_book(), path)
    workbook = openpyxl.load_workbook(path)
    tasks = workbook["台账"]
    assert [tasks[f"I{r}"].value for r in (2, 3, 4)] == [20, 7.5, 12.25]
    assert isinstance(tasks["I2"].value, int)
    assert tasks["G2"].value == "执法一队、办公室"
    assert tasks["E2"].value == "常规工作"
    birth = workbook["人员"]["D2"]
    assert birth.is_date and birth.value == datetime(1985, 3, 12)
    assert birth.number_format == "yyyy-mm-dd"
    assert workbook["人员"]["I2"].value == "是" and workbook["人员"]["I3"].value == "否"
    assert workbook["奖惩"]["C3"].value == "警告"
    assert [c.value for c in workbook["查账"]["D"]] == ["期间", "2026Q2", "2026-05", "2026-05"]


def test_sheet_layout(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook(full_book(), path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [INSTRUCTIONS_SHEET] + [spec.name for spec in SHEETS]
    assert workbook.active.title == SHEETS[0].name
    for spec in SHEETS:
        ws = workbook[spec.name]
        assert [c.value for c in ws[1]] == spec.headers
        for cell, column in zip(ws[1], spec.columns, strict=True):
            assert cell.font.bold
            assert (cell.font.color.rgb == "00C00000") is column.required
            assert ws.column_dimensions[cell.column_letter].width >= column.width
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
    assert workbook["台账"].auto_filter.ref == "A1:K4"


def test_instructions_sheet_explains_every_sheet(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook(ExchangeBook(), path)
    ws = openpyxl.load_workbook(path)[INSTRUCTIONS_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for spec in SHEETS:
        assert spec.purpose in text
        assert f"唯一键：{'、'.join(spec.key)}（{UPSERT_RULE}）" in text
    assert "必填列：年度、序号、工作任务、类别、牵头科室、责任科室、完成时限、分值。" in text
    assert "2026-05-12" in text and "常规工作、重点工作" in text


def test_row_order_is_kept(tmp_path):
    people = [PersonRecord(f"{n:04d}", f"人{n}", "办公室", "一般公务员") for n in (5, 1, 3, 2)]
    path = tmp_path / "book.xlsx"
    write_workbook(ExchangeBook(people=people), path)
    parsed, errors = read_and_parse(path)
    assert errors == [] and parsed.people == people


def test_control_characters_dropped_and_overlong_text_refused(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook(ExchangeBook(departments=[DepartmentRecord("办公\x07室")]), path)
    assert openpyxl.load_workbook(path)["科室"]["A2"].value == "办公室"
    long_task = TaskRecord(
        2026, 1, "x" * 40000, TaskCategory.KEY, "办公室", ("办公室",), "6月", Decimal(1)
    )
    with pytest.raises(WorkbookWriteError, match="工作表“台账”第 2 行“工作任务”列"):
        write_workbook(ExchangeBook(tasks=[long_task]), tmp_path / "long.xlsx")
    assert not (tmp_path / "long.xlsx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]  # no temporary left


def test_writing_replaces_an_existing_file(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"old")
    write_workbook(full_book(), path)
    assert read_and_parse(path)[0] == full_book()


# -- reading what clerks make ------------------------------------------------------------


def test_formula_in_a_text_column_reads_as_its_text(tmp_path):
    task = [2026, 1, '=A1&"任务"', None, "重点工作", "办公室", "办公室", "6月", 5]
    path, _ = make_xlsx(tmp_path, {"台账": [headers("台账"), task]})
    book, errors = read_and_parse(path)
    assert errors == []
    assert book.tasks[0].title == '=A1&"任务"'


def test_formula_in_a_numeric_column_is_an_error(tmp_path):
    rows = [headers("平时考核"), ["2026Q2", "0012", "=D2*0.5", 90]]
    path, _ = make_xlsx(tmp_path, {"平时考核": rows})
    assert read_and_parse(path)[1] == [CellError("平时考核", 2, "实绩分", FORMULA_AS_NUMBER)]


def test_merged_data_cells_are_filled(tmp_path):
    rows = [headers("人员")]
    for n in (1, 2, 3):
        department = "办公室" if n == 1 else None
        rows.append([f"00{n}", f"人{n}", None, None, None, department, None, "一般公务员"])
    rows.append(["004", "人4", None, None, None, "法规科", None, "一般公务员"])
    path, workbook = make_xlsx(tmp_path, {"人员": rows})
    workbook["人员"].merge_cells("F2:F4")
    workbook.save(path)
    book, errors = read_and_parse(path)
    assert errors == []
    assert [p.department for p in book.people] == ["办公室", "办公室", "办公室", "法规科"]


def test_merged_header_is_an_error_naming_the_range(tmp_path):
    path, workbook = make_xlsx(tmp_path, {"科室": [headers("科室"), ["办公室", "综合", None, 1]]})
    workbook["科室"].merge_cells("A1:B1")
    workbook.save(path)
    errors = read_and_parse(path)[1]
    assert [(e.sheet, e.row, e.column) for e in errors] == [("科室", 1, "科室名称")]
    assert "A1:B1" in errors[0].reason and "表头不能合并单元格" in errors[0].reason


def test_blank_rows_skipped_and_real_row_numbers_reported(tmp_path):
    rows = [
        headers("人员"),
        PERSON,
        [None],
        ["  ", "\u3000"],
        [],
        ["0014", "王五", "未知", *PERSON[3:]],
    ]
    path, _ = make_xlsx(tmp_path, {"人员": rows})
    book, errors = read_and_parse(path)
    assert [p.code for p in book.people] == ["0012"]
    assert [(e.sheet, e.row, e.column) for e in errors] == [("人员", 6, "性别")]


def test_title_rows_above_the_header_are_passed_over(tmp_path):
    rows = [["2026年人员花名册"], [None], headers("人员"), PERSON]
    path, workbook = make_xlsx(tmp_path, {"人员": rows})
    workbook["人员"].merge_cells("A1:K1")
    workbook.save(path)
    raw = read_workbook_rows(path)
    assert raw.sheets["人员"].header_row == 3
    book, errors = parse_book(raw)
    assert errors == [] and book.people[0].code == "0012"


def test_header_names_tolerate_stars_spaces_and_line_breaks(tmp_path):
    names = [
        "编号*",
        " 姓名 ＊",
        "性别",
        "出生\n日期",
        "政治面貌",
        "科\u3000室*",
        "职务职级",
        "人员 类别*",
    ]
    path, _ = make_xlsx(tmp_path, {"人员": [names, PERSON[:8]]})
    book, errors = read_and_parse(path)
    assert errors == []
    assert book.people[0].birth_date == date(1985, 3, 12)


def test_unknown_columns_and_sheets_are_ignored_columns_in_any_order(tmp_path):
    rows = [
        ["备注", "人员类别", "姓名", "编号", "科室"],
        ["随便", "一般公务员", "张三", "0012", "办公室"],
    ]
    path, _ = make_xlsx(tmp_path, {"我的笔记": [["x"]], INSTRUCTIONS_SHEET: [["y"]], "人员": rows})
    book, errors = read_and_parse(path)
    assert errors == []
    assert book.people == [PersonRecord("0012", "张三", "办公室", "一般公务员")]


def test_empty_and_header_only_sheets_give_nothing(tmp_path):
    path, _ = make_xlsx(tmp_path, {"人员": [], "科室": [headers("科室")]})
    assert read_and_parse(path) == (ExchangeBook(), [])


def test_error_value_cell(tmp_path):
    row = [*PERSON[:5], "#N/A", *PERSON[6:]]
    path, _ = make_xlsx(tmp_path, {"人员": [headers("人员"), row]})
    errors = read_and_parse(path)[1]
    assert errors == [CellError("人员", 2, "科室", "单元格是错误值 #N/A，请填写实际内容")]


BAD_CELLS = [
    ("人员", [headers("人员"), PERSON, ["0013", None, *PERSON[2:]]], 3, "姓名", REQUIRED_EMPTY),
    ("平时考核", [headers("平时考核"), ["2026Q2", "0012", "八十", 90]], 2, "实绩分", "不是数字"),
    ("奖惩", [headers("奖惩"), ["0012", "2026-13-01", "嘉奖"]], 2, "日期", "月份 13 不在 1–12"),
    ("人员", [headers("人员"), [*PERSON[:2], "M", *PERSON[3:]]], 2, "性别", "可选：男、女"),
    ("平时考核", [headers("平时考核"), ["2026H1", "0012", 80, 90]], 2, "期间", "不是季度期间"),
    (
        "台账",
        [headers("台账"), [2026, 1, "抽检", None, "常规工作", "办公室", "办公室", "明天", 5]],
        2,
        "完成时限",
        "无法识别完成时限“明天”",
    ),
    (
        "科室",
        [headers("科室"), ["办公室"], ["法规科"], [" 办公室 "]],
        4,
        "科室名称",
        "与第 2 行重复",
    ),
]


@pytest.mark.parametrize(("sheet", "rows", "row", "column", "reason"), BAD_CELLS)
def test_bad_cells_are_located(tmp_path, sheet, rows, row, column, reason):
    path, _ = make_xlsx(tmp_path, {sheet: rows})
    errors = read_and_parse(path)[1]
    assert [(e.sheet, e.row, e.column) for e in errors] == [(sheet, row, column)]
    assert reason in errors[0].reason


def test_missing_required_column(tmp_path):
    rows = [["编号", "科室", "人员类别"], ["0012", "办公室", "一般公务员"]]
    path, _ = make_xlsx(tmp_path, {"人员": rows})
    assert read_and_parse(path)[1] == [CellError("人员", 1, "姓名", "缺少必填列“姓名”")]


def test_duplicate_header(tmp_path):
    rows = [
        ["编号", "姓名", "科室", "人员类别", "姓名*"],
        ["0012", "张三", "办公室", "一般公务员", "李四"],
    ]
    path, _ = make_xlsx(tmp_path, {"人员": rows})
    errors = read_and_parse(path)[1]
    assert errors == [CellError("人员", 1, "姓名", "表头“姓名”重复（B 列和 E 列）")]


# -- hostile and wrong files ------------------------------------------------------------


def test_renamed_csv_is_refused(tmp_path):
    path = tmp_path / "人员.xlsx"
    path.write_text("编号,姓名\n0012,张三\n", encoding="utf-8")
    with pytest.raises(WorkbookFileError, match=r"不是 Excel 工作簿.*CSV"):
        read_workbook_rows(path)


def test_random_bytes_are_refused(tmp_path):
    path = tmp_path / "noise.xlsx"
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(WorkbookFileError, match="不是 Excel 工作簿"):
        read_workbook_rows(path)


def test_old_xls_is_refused_with_advice(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(excel_exchange_reader.OLE_MAGIC + bytes(1000))
    with pytest.raises(WorkbookFileError, match=r"Excel 97-2003.*另存为"):
        read_workbook_rows(path)


def test_oversize_file_is_refused(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook(full_book(), path)
    with pytest.raises(WorkbookFileError, match="文件过大"):
        read_workbook_rows(path, max_bytes=1000)


def test_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(WorkbookFileError, match=r"不是 Excel 工作簿.*\[Content_Types\]\.xml"):
        read_workbook_rows(path)


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))
    assert path.stat().st_size < 20_000
    with pytest.raises(WorkbookFileError, match="解压后过大"):
        read_workbook_rows(path, max_uncompressed=1024 * 1024)


def test_too_many_entries_is_refused(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook(ExchangeBook(), path)
    with pytest.raises(WorkbookFileError, match="内部文件过多"):
        read_workbook_rows(path, max_entries=5)


def _rewrite_part(source: Path, target: Path, part: str, change) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, change(data) if item.filename == part else data)


def test_merge_over_a_whole_sheet_is_refused_before_loading(tmp_path):
    path, workbook = make_xlsx(tmp_path, {"人员": [headers("人员"), PERSON]})
    workbook["人员"].merge_cells("A5:B6")
    workbook.save(path)
    hostile = tmp_path / "hostile.xlsx"
    part = "xl/worksheets/sheet1.xml"
    _rewrite_part(path, hostile, part, lambda data: data.replace(b"A5:B6", b"A5:XFD1048576"))
    with pytest.raises(WorkbookFileError, match="合并单元格的范围过大"):
        read_workbook_rows(hostile)


def test_entity_expansion_is_refused(tmp_path):
    path, _ = make_xlsx(tmp_path, {"人员": [headers("人员"), PERSON]})
    hostile = tmp_path / "laughs.xlsx"
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )

    def poison(data: bytes) -> bytes:
        return bomb + re.sub(rb"^<\?xml[^>]*\?>", b"", data)

    _rewrite_part(path, hostile, "xl/workbook.xml", poison)
    with pytest.raises(WorkbookFileError, match="不安全的 XML"):
        read_workbook_rows(hostile)


def test_missing_file(tmp_path):
    with pytest.raises(WorkbookFileError, match="找不到文件"):
        read_workbook_rows(tmp_path / "nowhere.xlsx")


def test_refuses_to_read_without_defusedxml(tmp_path, monkeypatch):
    path = tmp_path / "book.xlsx"
    write_workbook(ExchangeBook(), path)
    monkeypatch.setattr(excel_exchange_reader, "XML_IS_DEFUSED", False)
    with pytest.raises(WorkbookFileError, match="defusedxml"):
        read_workbook_rows(path)


def test_defusedxml_is_in_use():
    assert openpyxl.xml.DEFUSEDXML is True
    assert excel_exchange_reader.XML_IS_DEFUSED is True


# -- the template ---------------------------------------------------------------------


def _validations(ws) -> dict[str, str]:
    """Column letter → list formula of the dropdown covering rows 2 to the end."""
    found = {}
    for validation in ws.data_validations.dataValidation:
        assert validation.type == "list"
        for cell_range in validation.sqref.ranges:
            letter = cell_range.coord.split(":")[0].rstrip("0123456789")
            assert cell_range.coord == f"{letter}2:{letter}1048576"
            found[letter] = validation.formula1
    return found


def test_template_has_a_dropdown_for_every_choices_column(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == INSTRUCTIONS_SHEET
    for spec in SHEETS:
        ws = workbook[spec.name]
        assert [c.value for c in ws[1]] == spec.headers
        expected = {
            openpyxl.utils.get_column_letter(index): '"' + ",".join(column.choices) + '"'
            for index, column in enumerate(spec.columns, start=1)
            if column.choices
        }
        assert _validations(ws) == expected, spec.name
        for index, column in enumerate(spec.columns, start=1):
            comment = ws.cell(row=1, column=index).comment
            assert comment is not None and column.hint in comment.text
            assert comment.text.startswith("必填" if column.required else "选填")
    people = workbook["人员"]
    assert people.column_dimensions["A"].number_format == "@"  # 编号 0012 stays 0012
    assert people.column_dimensions["D"].number_format == "yyyy-mm-dd"


def test_template_reads_back_as_an_empty_book(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    assert read_and_parse(path) == (ExchangeBook(), [])


def test_long_choice_lists_go_to_a_hidden_sheet(tmp_path):
    choices = tuple(f"很长的选项名称{n:03d}" for n in range(40))
    spec = SheetSpec("长列表", (ColumnSpec("类型", True, choices=choices),), ("类型",), "测试")
    path = tmp_path / "template.xlsx"
    write_template(path, sheets=(*SHEETS, spec))
    workbook = openpyxl.load_workbook(path)
    options = workbook[OPTIONS_SHEET]
    assert options.sheet_state == "hidden"
    assert workbook.sheetnames[-1] == OPTIONS_SHEET
    assert _validations(workbook["长列表"]) == {"A": "'_选项'!$A$1:$A$40"}
    assert [c.value for c in options["A"]] == list(choices)
    assert read_and_parse(path) == (ExchangeBook(), [])
