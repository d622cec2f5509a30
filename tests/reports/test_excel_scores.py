"""The 半年考核 score workbook written from the engine's scoring of a hand-made half
(tests/reports/score_samples.py) and read back with openpyxl."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from tests.reports.score_samples import (
    BUREAU,
    EXPECTED_TOTALS,
    FORMULA_LIKE_REASON,
    HALF,
    PRINTED,
    sample_inputs,
    sample_scoring,
    sample_sheet,
)

from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES, HalfYearRules
from kaohe_desktop.domain.half_year_scoring import Decision, score_half
from kaohe_desktop.reports.excel_scores import (
    DETAIL_HEADERS,
    SCORE_HEADERS,
    YEAR_HEADERS,
    write_scores_workbook,
    write_year_workbook,
)
from kaohe_desktop.reports.score_sheet_content import score_sheet
from kaohe_desktop.reports.year_score_content import YearRow, YearSheet

DESIGN_COLUMNS = (
    "排名", "科室", "组别", "业务工作", "党风廉政", "精神文明", "考勤", "加分", "扣分合计",
    "一票否决", "总分", "等次", "先进科室",
)  # fmt: skip
ISSUE_DETAIL_COLUMNS = (
    "科室", "类别", "来源", "任务或事由", "期间", "完成情况", "分值", "依据文号",
)  # fmt: skip


def _table(ws: Worksheet, first: str) -> tuple[int, list[tuple[Any, ...]]]:
    """The header's row number and the data rows under it (up to the first empty row)."""
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row and row[0] == first)
    data = []
    for row in rows[header + 1 :]:
        if not row or all(value is None for value in row):
            break
        data.append(row)
    return header + 1, [rows[header], *data]


@pytest.fixture
def written(tmp_path: Path) -> Path:
    out = tmp_path / "得分.xlsx"
    write_scores_workbook(sample_sheet(), out)
    return out


def test_the_score_sheet_has_the_design_columns_and_every_department_once_as_scored(
    written: Path,
) -> None:
    book = load_workbook(written)
    assert book.sheetnames == ["科室得分", "明细"]
    _row, (header, *rows) = _table(book["科室得分"], "排名")
    assert header == DESIGN_COLUMNS == SCORE_HEADERS
    assert sorted(row[1] for row in rows) == sorted(EXPECTED_TOTALS)

    scoring = sample_scoring()
    expected = {
        r.name: (
            r.rank_overall, r.name, r.group, *(r.category(c) for c in SCORED_CATEGORIES),
            r.bonus, r.deductions_total, "是" if r.vetoed else "否", r.total, r.grade.label,
            "是" if r.advanced else "否",
        )
        for r in scoring.results
    }  # fmt: skip
    for row in rows:
        # Numbers are numbers (Excel sums them), equal to the engine's.
        assert all(isinstance(v, int | float) for v in (row[0], *row[3:9], row[10]))
        as_decimals = tuple(Decimal(str(v)) if isinstance(v, int | float) else v for v in row)
        assert as_decimals == expected[row[1]]
    assert {row[1]: Decimal(str(row[10])) for row in rows} == EXPECTED_TOTALS
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)  # by rank
    # The veto: the top total, yet not 优秀 nor 先进科室.
    top = next(row for row in rows if row[1] == "综合科")
    assert (top[0], top[9], top[11], top[12]) == (1, "是", "良好", "否")


def test_scores_show_two_decimals(written: Path) -> None:
    ws = load_workbook(written)["科室得分"]
    header_row, _ = _table(ws, "排名")
    first = header_row + 1
    assert ws.cell(first, 11).number_format == "0.00"  # 总分
    assert ws.cell(first, 4).number_format == "0.00"  # 业务工作
    assert ws.cell(first, 1).number_format == "General"  # 排名, a whole number


def test_the_detail_sheet_sums_to_each_total_and_each_category(written: Path) -> None:
    book = load_workbook(written)
    _row, (header, *lines) = _table(book["明细"], "科室")
    assert header[: len(ISSUE_DETAIL_COLUMNS)] == ISSUE_DETAIL_COLUMNS
    assert header == DETAIL_HEADERS
    _row, (_h, *scores) = _table(book["科室得分"], "排名")

    totals: dict[str, Decimal] = defaultdict(Decimal)
    by_category: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for line in lines:
        assert isinstance(line[6], int | float)
        totals[line[0]] += Decimal(str(line[6]))
        by_category[(line[0], line[1])] += Decimal(str(line[6]))
    assert totals == {row[1]: Decimal(str(row[10])) for row in scores}
    for row in scores:
        for column in range(3, 7):
            assert by_category[(row[1], DESIGN_COLUMNS[column])] == Decimal(str(row[column]))
        assert by_category[(row[1], "表彰加分")] == Decimal(str(row[7]))


def test_every_source_is_listed_with_what_it_did(written: Path) -> None:
    _row, (_header, *lines) = _table(load_workbook(written)["明细"], "科室")
    office = [line for line in lines if line[0] == "办公室"]
    sources = [(line[2], line[4], line[5], line[6]) for line in office if line[2] == "查账"]
    assert sources == [
        ("查账", "2026Q1", "已完成（一级），不扣分", 0),
        ("查账", "2026Q2", "部分完成（二级），扣 50%", -5),
        ("查账", "2026-03", "未录入，扣 100%", -20),
    ]
    # One 文号 at two levels: the lower one is listed, worth 0, and says why.
    bonuses = [(line[5], line[6], line[7], line[8]) for line in office if line[2] == "表彰"]
    assert bonuses == [
        ("级别：省级", 20, "鲁政〔2026〕8号", None),
        ("级别：县直部门", 0, "鲁政〔2026〕8号", "同一文号已按省级计入"),
    ]
    kinds = {(line[0], line[2], line[6]) for line in lines}
    assert ("法规科", "扣完为止", 20) in kinds
    assert ("综合科", "加分上限", -10) in kinds
    veto = next(line for line in lines if line[0] == "综合科" and line[1] == "一票否决")
    assert (veto[3], veto[6]) == ("发生重大安全责任事故", 0)


def test_a_half_with_a_missing_check_is_a_draft_and_says_why(tmp_path: Path) -> None:
    draft, final = tmp_path / "草稿.xlsx", tmp_path / "定稿.xlsx"
    write_scores_workbook(sample_sheet(), draft)
    write_scores_workbook(sample_sheet(with_missing=False), final)

    ws = load_workbook(draft)["科室得分"]
    assert ws["A1"].value == f"{BUREAU}2026年上半年科室考核得分（草稿）"
    assert "草稿：尚有 1 个应查期间未录入查账结果（涉及 1 个科室）" in ws["A2"].value
    assert load_workbook(draft)["明细"]["A1"].value.endswith("（草稿）")

    ws = load_workbook(final)["科室得分"]
    assert "草稿" not in ws["A1"].value
    assert "尚未关闭" in ws["A2"].value


def test_an_unsettled_tie_is_a_draft_naming_the_tied_until_the_committee_decides(
    tmp_path: Path,
) -> None:
    # 人事科 without its late check: 1000, level with 财务科 for 综合组's one 优秀 place.
    inputs = sample_inputs(with_missing=False)
    inputs[4] = replace(inputs[4], checks=())
    tied = score_half(inputs, HalfYearRules())
    assert {r.name for r in tied.flagged()} == {"财务科", "人事科"}
    out = tmp_path / "并列.xlsx"
    write_scores_workbook(score_sheet(tied, bureau=BUREAU, half=HALF, printed_on=PRINTED), out)
    ws = load_workbook(out)["科室得分"]
    assert str(ws["A1"].value).endswith("（草稿）")
    assert "财务科、人事科总分相同且跨越等次名额线，暂按较低等次，待委员会裁定" in ws["A2"].value

    decisions = [Decision(4, DepartmentGrade.EXCELLENT, "年度重点工作突出"),
                 Decision(5, DepartmentGrade.GOOD, "委员会投票")]  # fmt: skip
    decided = score_half(inputs, HalfYearRules(), decisions)
    write_scores_workbook(score_sheet(decided, bureau=BUREAU, half=HALF, printed_on=PRINTED), out)
    ws = load_workbook(out)["科室得分"]
    assert "草稿" not in ws["A1"].value
    texts = [row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], str)]
    assert "等次经考核委员会裁定：财务科、人事科。" in texts
    _row, (_header, *rows) = _table(ws, "排名")
    assert {row[1]: (row[11], row[12]) for row in rows if row[1] in ("财务科", "人事科")} == {
        "财务科": ("优秀", "是"),
        "人事科": ("良好", "否"),
    }


def test_text_that_looks_like_a_formula_stays_text(written: Path) -> None:
    ws = load_workbook(written)["明细"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == FORMULA_LIKE_REASON]
    assert len(cells) == 1
    assert cells[0].data_type == "s"


def test_sheets_are_set_up_to_filter_and_print(written: Path) -> None:
    book = load_workbook(written)
    for name, columns in (("科室得分", "M"), ("明细", "I")):
        ws = book[name]
        header_row, (_h, *rows) = _table(ws, ws.cell(3, 1).value)
        assert header_row == 3
        assert ws.freeze_panes == "A4"
        assert ws.auto_filter.ref == f"A3:{columns}{3 + len(rows)}"
        assert ws.print_title_rows == "$1:$3"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    # 科室 fits its longest name (two units per Chinese character).
    assert book["科室得分"].column_dimensions["B"].width >= 2 * len("稽查大队") + 2


def test_notes_under_the_table_say_what_排名_is_and_the_scheme(written: Path) -> None:
    ws = load_workbook(written)["科室得分"]
    texts = [row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], str)]
    assert any(t.startswith("排名为全局排名") for t in texts)
    assert any(t.startswith("表彰加分：") for t in texts)
    assert f"打印日期：{PRINTED.year}年{PRINTED.month}月{PRINTED.day}日" in texts


def test_the_year_sheet_lists_both_halves_and_the_rule(tmp_path: Path) -> None:
    sheet = YearSheet(
        bureau=BUREAU, year=2026, rule_text="两个半年的平均分",
        rows=(
            YearRow("财务科", "综合组", 1, Decimal(1000), Decimal("990.5"), Decimal("995.25")),
            YearRow("办公室", "综合组", 2, Decimal(992), Decimal(990), Decimal(991)),
            YearRow("新设科", "", 3, None, Decimal(960), Decimal(960)),
        ),
        closed=(True, False), printed_on=PRINTED,
    )  # fmt: skip
    out = tmp_path / "年度.xlsx"
    write_year_workbook(sheet, out)
    ws = load_workbook(out)["年度得分"]
    _row, (header, *rows) = _table(ws, "排名")
    assert header == YEAR_HEADERS == ("排名", "科室", "组别", "上半年", "下半年", "全年")
    assert rows == [
        (1, "财务科", "综合组", 1000, 990.5, 995.25),
        (2, "办公室", "综合组", 992, 990, 991),
        (3, "新设科", None, None, 960, 960),
    ]
    texts = [row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], str)]
    assert ws["A1"].value == f"{BUREAU}2026年度科室考核得分（草稿）"
    assert "上半年已关闭，下半年尚未关闭" in ws["A2"].value
    assert any(t.startswith("全年得分为两个半年的平均分") for t in texts)
