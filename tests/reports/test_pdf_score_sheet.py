"""The 科室半年考核得分汇总表 (and the year's) written from the engine's scoring of a
hand-made half and read back with pypdf."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.reports.score_samples import (
    BUREAU,
    EXPECTED_TOTALS,
    HALF,
    PRINTED,
    sample_inputs,
    sample_sheet,
)

from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.half_year_scoring import DepartmentInput, score_half
from kaohe_desktop.reports.pdf_fonts import PdfFont, find_cjk_font
from kaohe_desktop.reports.pdf_page_numbers import date_label, page_label
from kaohe_desktop.reports.pdf_score_chart import CHART_TITLE
from kaohe_desktop.reports.pdf_score_sheet import write_score_sheet_pdf
from kaohe_desktop.reports.pdf_year_scores import write_year_scores_pdf
from kaohe_desktop.reports.score_sheet_content import ScoreSheet, score_sheet
from kaohe_desktop.reports.year_score_content import YearRow, YearSheet


@pytest.fixture(scope="module")
def font() -> PdfFont:
    return find_cjk_font()


def _flat(text: str) -> str:
    """Text with the line breaks and spaces pypdf puts between runs removed."""
    return "".join(text.split())


def _write(sheet: ScoreSheet, font: PdfFont, path: Path) -> tuple[list[str], int]:
    pages = write_score_sheet_pdf(sheet, path, font)
    return [_flat(page.extract_text()) for page in PdfReader(path).pages], pages


def test_title_departments_totals_grades_and_pages(font: PdfFont, tmp_path: Path) -> None:
    sheet = sample_sheet(with_missing=False)
    texts, pages = _write(sheet, font, tmp_path / "汇总表.pdf")
    everything = "".join(texts)
    assert pages == len(texts)
    for number, text in enumerate(texts, start=1):
        assert _flat(f"{BUREAU} 2026年上半年 科室半年考核得分汇总表") in text
        assert _flat(page_label(number, pages)) in text  # 第 x 页 共 y 页
        assert _flat(date_label(PRINTED)) in text
    assert "草稿" not in everything
    # Each department's row: its name, then (after the categories) its total.
    for name, total in EXPECTED_TOTALS.items():
        assert everything.count(name) >= 2  # the table and the chart
        assert f"{total:.2f}" in everything
    # Groups as headings with their grade counts; the veto and the scheme in words.
    assert "综合组（5个科室：优秀1、良好2、一般2）" in everything
    assert "执法组（3个科室：优秀1、良好1、一般1）" in everything
    assert "一票否决" in everything
    assert _flat("表彰加分：国家级 30") in everything
    assert CHART_TITLE in everything
    for line in ("制表人：", "审核人：", "日期："):
        assert line in everything


def test_a_half_with_a_missing_check_is_a_draft_and_says_why(font: PdfFont, tmp_path: Path) -> None:
    texts, _pages = _write(sample_sheet(), font, tmp_path / "草稿.pdf")
    assert all("科室半年考核得分汇总表（草稿）" in text for text in texts)
    assert _flat("草稿：尚有 1 个应查期间未录入查账结果（涉及 1 个科室）") in texts[0]
    assert "1项未录入" in texts[0]  # 备注 of 办公室


def test_a_county_of_departments_flows_over_pages_with_the_chart_in_parts(
    font: PdfFont, tmp_path: Path
) -> None:
    # 90 departments in three groups: the table and the chart each need several pages.
    base = sample_inputs(with_missing=False)
    inputs = [
        replace(base[n % len(base)], department_id=n + 1, name=f"第{n + 1}科",
                group=("甲组", "乙组", "丙组")[n % 3])
        for n in range(90)
    ]  # fmt: skip
    sheet = score_sheet(
        score_half(inputs, HalfYearRules()), bureau=BUREAU, half=HALF, printed_on=PRINTED
    )
    texts, pages = _write(sheet, font, tmp_path / "全县.pdf")
    everything = "".join(texts)
    assert pages >= 4
    assert all(f"第{n}科" in everything for n in range(1, 91))
    assert f"{CHART_TITLE}（1/" in everything
    assert all("全局排名" in text for text in texts[:2])  # the header on each table page


def test_departments_without_a_group_are_listed_under_one_heading(
    font: PdfFont, tmp_path: Path
) -> None:
    inputs: list[DepartmentInput] = [replace(d, group="") for d in sample_inputs()[:3]]
    sheet = score_sheet(
        score_half(inputs, HalfYearRules()), bureau=BUREAU, half=HALF, printed_on=PRINTED
    )
    texts, _pages = _write(sheet, font, tmp_path / "未分组.pdf")
    assert "未分组（3个科室" in "".join(texts)


def test_the_year_pdf_lists_both_halves_and_the_rule(font: PdfFont, tmp_path: Path) -> None:
    sheet = YearSheet(
        bureau=BUREAU, year=2026, rule_text="两个半年的平均分",
        rows=(
            YearRow("财务科", "综合组", 1, Decimal(1000), Decimal("990.5"), Decimal("995.25")),
            YearRow("新设科", "", 2, None, Decimal(960), Decimal(960)),
        ),
        closed=(True, False), printed_on=PRINTED,
    )  # fmt: skip
    path = tmp_path / "年度.pdf"
    pages = write_year_scores_pdf(sheet, path, font)
    text = "".join(_flat(page.extract_text()) for page in PdfReader(path).pages)
    assert pages == 1
    assert _flat(f"{BUREAU} 2026年度 科室年度考核得分汇总表（草稿）") in text
    assert "1财务科综合组1000.00990.50995.25" in text
    assert "2新设科—960.00960.00" in text
    assert "全年得分为两个半年的平均分" in text
    assert "上半年已关闭，下半年尚未关闭" in text
