"""The 年度考核 workbook written from hand-made content and read back with openpyxl."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.reports.annual_content import AnnualBook, AnnualLine
from kaohe_desktop.reports.excel_annual import (
    ANNUAL_HEADERS,
    QUOTA_HEADERS,
    write_annual_workbook,
)

BUREAU = "霍林郭勒市市场监督管理局"
PRINTED = date(2026, 12, 21)


def line(code: str, name: str, **fields: object) -> AnnualLine:
    values: dict[str, object] = dict(
        code=code, name=name, department="综合科", position="一级科员",
        quarters=("好", "好", "好", "好"), good_count=4, eligible=True, limits="",
        proposed="", grade="称职", remark="",
    )  # fmt: skip
    values.update(fields)
    return AnnualLine(**values)  # type: ignore[arg-type]


LINES = (
    line("A01", "张一", proposed="优秀", grade="优秀"),
    line("A02", "王二", quarters=("好", "好", "较好", "较好"), good_count=2),
    line("A03", "李三", department="市场科", quarters=("好", "好", "一般", ""), good_count=2,
         eligible=False, limits="三季度一般"),
    line("A05", "钱五", department="市场科", quarters=("较好",) * 4, good_count=0,
         eligible=False, limits="2026-03-01 记过", grade="不定等次"),
    line("A06", "孙六", quarters=("较好",) * 4, good_count=0, eligible=False, limits="长期病休",
         proposed="不参加", grade="不参加"),
    line("-07", "+周七", position="=1+1", quarters=("较好",) * 4, good_count=0, eligible=False,
         limits="好次数不足一半（好 0 次，已评定 4 个季度）", proposed="基本称职",
         grade="基本称职", remark="@基本称职理由：全年多次迟报统计数据"),
)  # fmt: skip


def book(**changes: object) -> AnnualBook:
    made = AnnualBook(
        bureau=BUREAU, year=2026, lines=LINES, participants=4, not_graded=1,
        not_participating=1, share=Decimal("0.2"), quota=0, recommended=1,
        rules_lines=tuple(AnnualRules().describe()), open_quarters=(), closed=True,
        printed_on=PRINTED,
    )  # fmt: skip
    return replace(made, **changes)  # type: ignore[arg-type]


def _write(made: AnnualBook, tmp_path: Path) -> Path:
    path = tmp_path / "2026年度考核.xlsx"
    write_annual_workbook(made, path)
    return path


def _data(ws: Worksheet, count: int) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(min_row=4, max_row=3 + count, values_only=True))


def test_two_sheets_with_the_headers_exactly(tmp_path: Path) -> None:
    wb = load_workbook(_write(book(), tmp_path))
    assert wb.sheetnames == ["年度考核", "名额"]
    assert [c.value for c in wb["年度考核"][3]] == list(ANNUAL_HEADERS)
    assert [c.value for c in wb["名额"][3]] == list(QUOTA_HEADERS)
    assert ANNUAL_HEADERS == (
        "序号", "编号", "姓名", "科室", "职务职级", "一季度", "二季度", "三季度", "四季度",
        "好次数", "优秀资格", "限制情形", "推荐等次", "年度等次", "备注",
    )  # fmt: skip
    assert QUOTA_HEADERS == (
        "考核年度", "参加考核人数", "不定等次人数", "不参加人数", "优秀比例", "优秀名额", "已推荐",
    )  # fmt: skip


def test_every_person_once_with_grades_as_words(tmp_path: Path) -> None:
    ws = load_workbook(_write(book(), tmp_path))["年度考核"]
    rows = _data(ws, len(LINES))
    assert rows[0] == (1, "A01", "张一", "综合科", "一级科员", "好", "好", "好", "好", 4, "是",
                       None, "优秀", "优秀", None)  # fmt: skip
    assert rows[2][5:12] == ("好", "好", "一般", None, 2, "否", "三季度一般")
    # 不定等次 and 不参加: the grade says so, the reason is the 限制情形.
    assert rows[3][10:14] == ("否", "2026-03-01 记过", None, "不定等次")
    assert rows[4][10:14] == ("否", "长期病休", "不参加", "不参加")
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [r[1] for r in rows] == [p.code for p in LINES]
    # Nothing after the people but the note.
    after = [r for r in ws.iter_rows(min_row=4 + len(LINES), values_only=True) if any(r)]
    assert len(after) == 1 and str(after[0][0]).startswith("不定等次、不参加人员")


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    ws = load_workbook(_write(book(), tmp_path))["年度考核"]
    row = _data(ws, len(LINES))[5]
    assert row[1:5] == ("-07", "+周七", "综合科", "=1+1")
    assert row[14] == "@基本称职理由：全年多次迟报统计数据"
    assert ws.cell(row=9, column=5).data_type == "s"


def test_quota_sheet_one_row_then_the_scheme(tmp_path: Path) -> None:
    ws = load_workbook(_write(book(), tmp_path))["名额"]
    assert ws["A1"].value == f"{BUREAU}2026年度考核优秀等次名额"
    values = [c.value for c in ws[4]]
    assert values == [2026, 4, 1, 1, 0.2, 0, 1]
    assert ws["E4"].number_format == "0%"
    notes = [r[0] for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
    assert notes[0] == "剩余名额：-1 人（优秀名额 − 已推荐）"
    assert notes[1:] == [f"{label}：{text}" for label, text in AnnualRules().describe()]
    assert ws["A5"].value is None  # a blank row between the counts and the scheme


def test_print_setup_as_the_ranking_workbook(tmp_path: Path) -> None:
    wb = load_workbook(_write(book(), tmp_path))
    for ws in wb:
        assert ws.freeze_panes == "A4"
        assert ws.print_title_rows == "$1:$3"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    people = wb["年度考核"]
    assert people.auto_filter.ref == f"A3:O{3 + len(LINES)}"
    assert people.page_setup.orientation == "landscape"
    # Wide enough for the Chinese 限制情形 (two units a character), within its limit.
    assert people.column_dimensions["L"].width >= 2 * len("好次数不足一半（好 0 次，")
    assert wb["名额"].auto_filter.ref == "A3:G4"


def test_a_final_year_has_a_plain_title(tmp_path: Path) -> None:
    ws = load_workbook(_write(book(), tmp_path))["年度考核"]
    assert ws["A1"].value == f"{BUREAU}2026年度公务员年度考核汇总表"
    assert ws["A2"].value == f"共 {len(LINES)} 人　　打印日期：2026年12月21日"


@pytest.mark.parametrize("closed", [False, True])
def test_a_year_with_open_quarters_is_a_draft_naming_them(tmp_path: Path, closed: bool) -> None:
    made = book(open_quarters=("2026Q3", "2026Q4"), closed=closed)
    wb = load_workbook(_write(made, tmp_path))
    people, quota = wb["年度考核"], wb["名额"]
    if closed:  # a closed year shows what its close stored: final, whatever the quarters
        assert "（草稿）" not in people["A1"].value
        return
    assert people["A1"].value == f"{BUREAU}2026年度公务员年度考核汇总表（草稿）"
    assert quota["A1"].value.endswith("（草稿）")
    for ws in (people, quota):
        assert "草稿：2026Q3 未关闭、2026Q4 未关闭" in ws["A2"].value
        assert "年度考核尚未关闭" in ws["A2"].value


def test_quarters_closed_but_the_year_open_is_said(tmp_path: Path) -> None:
    ws = load_workbook(_write(book(closed=False), tmp_path))["年度考核"]
    assert "（草稿）" not in ws["A1"].value
    assert ws["A2"].value == f"共 {len(LINES)} 人　　年度考核尚未关闭　　打印日期：2026年12月21日"


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "年度.xlsx"
    with pytest.raises(OSError):
        write_annual_workbook(book(), target)
    assert not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_people_sheets_note_states_the_rules_the_book_carries(tmp_path: Path) -> None:
    # The note under the list quotes the year's scheme (AnnualRules.describe), not its
    # own copy of the 优秀资格 rule: a scheme worded otherwise is printed as worded.
    rules = tuple(
        (label, "好不少于三个季度" if label == "优秀资格" else text)
        for label, text in AnnualRules().describe()
    )
    ws = load_workbook(_write(book(rules_lines=rules), tmp_path))["年度考核"]
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and "优秀资格" in c.value]
    assert notes == [
        "不定等次、不参加人员不计入参加考核人数，其原因列于“限制情形”；优秀资格：好不少于三个季度。"
    ]
