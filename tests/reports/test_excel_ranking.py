"""The quarterly ranking workbook written from hand-made content and read back with openpyxl."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kaohe_desktop.reports.excel_ranking import (
    OVERVIEW_HEADERS,
    RANKING_HEADERS,
    sheet_name,
    write_ranking_workbook,
)
from kaohe_desktop.reports.excel_sheet_layout import text_units
from kaohe_desktop.reports.ranking_content import (
    CategoryRanking,
    DepartmentSection,
    GradeCounts,
    RankedPerson,
    RankingBook,
)

BUREAU = "新余市渝水区市场监督管理局"
PRINTED = date(2026, 7, 3)
RULES = (
    ("综合得分", "实绩分 × 50% + 领导测评分 × 50%"),
    ("分数线", "好 ≥ 90，较好 ≥ 80，一般 ≥ 60"),
)
LONG_REMARK = "人工定为较差：年度内受到通报批评，经考核委员会研究定为较差；5月6日由办公室调入"


def person(
    code: str, rank: int | None, grade: str, composite: str | None, *, department: str = "办公室",
    category: str = "一般公务员", name: str = "", remark: str = "", performance: str | None = None,
    leader: str | None = None, position: str = "一级科员",
) -> RankedPerson:  # fmt: skip
    value = Decimal(composite) if composite is not None else None
    return RankedPerson(
        rank=rank, code=code, name=name or f"人员{code}", department=department,
        position=position, category=category,
        performance=Decimal(performance) if performance else value,
        comment_points=Decimal(0), leader=Decimal(leader) if leader else value,
        composite=value, grade=grade, remark=remark,
    )  # fmt: skip


def counts(
    participants: int, grades: tuple[int, int, int, int], not_graded: int = 0, unscored: int = 0,
    quota: int | None = None, used: int | None = None,
) -> GradeCounts:  # fmt: skip
    return GradeCounts(participants, *grades, not_graded, unscored, quota, used)


def sample_book(*, draft: bool = False, per_department: bool = False) -> RankingBook:
    """Two departments, two categories; 马超 is 不定等次 (on no category sheet); 周涛
    unscored when `draft`."""
    wang = person("A001", 1, "好", "95.00", name="王芳", category="机关正科级")
    zhang = person("A003", 2, "较差", "92.00", name="张伟", category="机关正科级",
                   department="食品生产监管科", remark="人工定为较差：通报批评")  # fmt: skip
    liu = person("A004", 1, "好", "91.00", name="刘洋", department="食品生产监管科",
                 performance="90.0", leader="92.0")  # fmt: skip
    li = person("A002", 2, "好", "91.00", name="李强", performance="92.0", leader="90.0")
    chen = person("A005", 3, "较好", "87.25", name="陈静", performance="88.5", leader="86.0",
                  remark="=HYPERLINK(\"http://x\")")  # fmt: skip
    zhao = person("-007", 4, "一般", "79.00", name="+赵敏", department="食品生产监管科",
                  remark=LONG_REMARK)  # fmt: skip
    ma = person("A011", None, "不定等次", None, name="马超", remark="不定等次（试用期）")
    zhou = person("A009", None, "", None, name="周涛", category="机关正科级",
                  department="食品生产监管科", performance="75.0")  # fmt: skip
    officers = (wang, zhang) + ((zhou,) if draft else ())
    staff = (liu, li, chen, zhao)
    office_counts = counts(3, (2, 1, 0, 0), not_graded=1, quota=2 if per_department else None,
                           used=2 if per_department else None)  # fmt: skip
    food_people = (zhang, liu, zhao) + ((zhou,) if draft else ())
    food_counts = counts(len(food_people), (1, 0, 1, 1), unscored=int(draft),
                         quota=1 if per_department else None,
                         used=1 if per_department else None)  # fmt: skip
    total = counts(3 + len(food_people), (3, 1, 1, 1), not_graded=1, unscored=int(draft),
                   quota=3, used=3)  # fmt: skip
    return RankingBook(
        bureau=BUREAU, quarter="2026Q2", quarter_label="2026年第二季度",
        scope_label="按科室" if per_department else "全局统一",
        per_department_quota=per_department, rules_lines=RULES,
        categories=(CategoryRanking("机关正科级", officers), CategoryRanking("一般公务员", staff)),
        departments=(
            DepartmentSection("办公室", (wang, li, chen, ma), office_counts),
            DepartmentSection("食品生产监管科", food_people, food_counts),
        ),
        total=total, draft=draft, printed_on=PRINTED,
    )  # fmt: skip


def _write(book: RankingBook, tmp_path: Path) -> Path:
    path = tmp_path / "2026年第二季度平时考核排名.xlsx"
    write_ranking_workbook(book, path)
    return path


def _rows(ws: Worksheet, first: int = 4) -> list[tuple[object, ...]]:
    return [row for row in ws.iter_rows(min_row=first, values_only=True) if any(row)]


def test_sheets_titles_and_headers(tmp_path: Path) -> None:
    wb = load_workbook(_write(sample_book(), tmp_path))
    assert wb.sheetnames == ["汇总", "机关正科级", "一般公务员"]
    overview = wb["汇总"]
    assert overview["A1"].value == f"{BUREAU}2026年第二季度平时考核排名汇总"
    assert [c.value for c in overview[3]] == list(OVERVIEW_HEADERS)
    for category in ("机关正科级", "一般公务员"):
        ws = wb[category]
        assert ws["A1"].value == f"{BUREAU}2026年第二季度平时考核排名（{category}）"
        assert ws["A2"].value.startswith("共 ")
        assert [c.value for c in ws[3]] == list(RANKING_HEADERS)
        assert "A1:J1" in {str(r) for r in ws.merged_cells.ranges}


def test_every_participant_once_with_rank_and_grade(tmp_path: Path) -> None:
    book = sample_book()
    wb = load_workbook(_write(book, tmp_path))
    written = {}
    for category in book.categories:
        rows = _rows(wb[category.name])
        assert [r[1] for r in rows] == [p.code for p in category.rows]  # the book's order
        for row in rows:
            assert row[1] not in written
            written[row[1]] = row
    participants = {p.code: p for c in book.categories for p in c.rows}
    assert written.keys() == participants.keys()
    assert "A011" not in written  # 不定等次: not posted
    for code, row in written.items():
        p = participants[code]
        assert (row[0], row[2], row[3], row[4], row[8]) == (
            p.rank, p.name, p.department, p.category, p.grade)  # fmt: skip
    assert written["A005"][5:8] == (88.5, 86, 87.25)


def test_numbers_are_numeric_with_formats(tmp_path: Path) -> None:
    ws = load_workbook(_write(sample_book(), tmp_path))["一般公务员"]
    for row in ws.iter_rows(min_row=4, max_row=ws.max_row):
        rank, performance, leader, composite = row[0], row[5], row[6], row[7]
        assert rank.data_type == "n" and isinstance(rank.value, int)
        assert isinstance(composite.value, int | float)
        assert composite.number_format == "0.00"
        assert performance.number_format == leader.number_format == "0.0"
        assert performance.data_type == leader.data_type == "n"


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    ws = load_workbook(_write(sample_book(), tmp_path))["一般公务员"]
    by_code = {row[1].value: row for row in ws.iter_rows(min_row=4)}
    remark = by_code["A005"][9]
    assert remark.value == '=HYPERLINK("http://x")' and remark.data_type == "s"
    assert remark.quotePrefix
    code, name = by_code["-007"][1], by_code["-007"][2]
    assert (code.value, code.data_type, name.value, name.data_type) == ("-007", "s", "+赵敏", "s")


def test_only_guarded_text_gets_the_apostrophe(tmp_path: Path) -> None:
    # The very first table cell written is a guarded one (a department named "=…"): its
    # look must not be handed on to the plain cells after it.
    book = sample_book()
    first = replace(book.departments[0], name="=办公室")
    book = replace(book, departments=(first, *book.departments[1:]))
    wb = load_workbook(_write(book, tmp_path))
    overview = wb["汇总"]
    assert overview["A4"].value == "=办公室" and overview["A4"].quotePrefix
    assert overview["A5"].value == "食品生产监管科" and not overview["A5"].quotePrefix
    ws = wb["一般公务员"]
    plain = [c for row in ws.iter_rows(min_row=4) for c in row if c.data_type == "s"]
    quoted = {c.value for c in plain if c.quotePrefix}
    assert quoted == {'=HYPERLINK("http://x")', "-007", "+赵敏"}


def test_frozen_header_filter_and_print_setup(tmp_path: Path) -> None:
    wb = load_workbook(_write(sample_book(), tmp_path))
    overview, ws = wb["汇总"], wb["一般公务员"]
    assert ws.freeze_panes == overview.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:J7"  # header + 4 people
    assert overview.auto_filter.ref == "A3:I5"  # header + 2 departments, not 合计
    for sheet in (overview, ws):
        assert sheet.print_title_rows == "$1:$3"
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert overview.page_setup.orientation == "portrait"
    assert ws.page_setup.orientation == "portrait"


def test_widths_fit_chinese_and_long_remarks_wrap(tmp_path: Path) -> None:
    ws = load_workbook(_write(sample_book(), tmp_path))["一般公务员"]
    widths = {letter: dim.width for letter, dim in ws.column_dimensions.items()}
    assert widths["D"] >= text_units("食品生产监管科") == 14  # 科室
    assert widths["G"] >= 2 * len("领导测评分")
    assert widths["J"] <= 30  # 备注 wraps rather than widening the page
    row = next(r for r in ws.iter_rows(min_row=4) if r[1].value == "-007")
    assert row[9].alignment.wrap_text
    assert ws.row_dimensions[row[9].row].height >= 30  # two lines or more


def test_overview_rows_bureau_scope(tmp_path: Path) -> None:
    ws = load_workbook(_write(sample_book(), tmp_path))["汇总"]
    assert _rows(ws)[:3] == [
        ("办公室", 3, 2, 1, 0, 0, 1, "—", "—"),
        ("食品生产监管科", 3, 1, 0, 1, 1, 0, "—", "—"),
        ("合计", 6, 3, 1, 1, 1, 1, 3, 3),
    ]


def test_overview_rows_department_scope(tmp_path: Path) -> None:
    ws = load_workbook(_write(sample_book(per_department=True), tmp_path))["汇总"]
    assert _rows(ws)[:3] == [
        ("办公室", 3, 2, 1, 0, 0, 1, 2, 2),
        ("食品生产监管科", 3, 1, 0, 1, 1, 0, 1, 1),
        ("合计", 6, 3, 1, 1, 1, 1, 3, 3),
    ]
    assert "按科室" in ws["A2"].value


def test_a_draft_says_so_and_lists_the_unscored_last(tmp_path: Path) -> None:
    wb = load_workbook(_write(sample_book(draft=True), tmp_path))
    ws = wb["机关正科级"]
    assert ws["A1"].value.endswith("平时考核排名（机关正科级）（草稿）")
    assert wb["汇总"]["A1"].value.endswith("（草稿）")
    assert "1 人尚未评分" in ws["A2"].value
    last = _rows(ws)[-1]
    assert (last[0], last[1], last[5], last[6], last[7], last[8]) == (
        None, "A009", 75, None, None, None)  # fmt: skip
    notes = [row[0] for row in _rows(wb["汇总"])]
    assert any(str(n).startswith("草稿：尚有 1 人未评分") for n in notes)


def test_sheet_names_excel_accepts() -> None:
    assert sheet_name("借调/聘用:人员?", ["汇总"]) == "借调_聘用_人员_"
    long = "四级调研员及以上" * 5
    first = sheet_name(long, ["汇总"])
    assert len(first) == 31
    second = sheet_name(long + "乙", ["汇总", first])
    assert len(second) == 31 and second.endswith("(2)")
    assert sheet_name("汇总", ["汇总"]) == "汇总(2)"
    assert sheet_name("", ["汇总"]) == "未分类"


def test_cancelled_write_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "排名.xlsx"
    path.write_bytes(b"old")

    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt  # what a cancelled progress raises is passed through

    with pytest.raises(KeyboardInterrupt):
        write_ranking_workbook(sample_book(), path, on_sheet=cancel)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["排名.xlsx"]


def test_progress_reports_every_sheet(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_ranking_workbook(sample_book(), tmp_path / "x.xlsx",
                           on_sheet=lambda d, t: seen.append((d, t)))  # fmt: skip
    assert seen == [(1, 3), (2, 3), (3, 3)]
