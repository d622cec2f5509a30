"""The 优秀等次拟推荐人选公示 written from hand-made content and read back with pypdf."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from kaohe_desktop.reports.annual_content import ExcellentCandidate, ExcellentList
from kaohe_desktop.reports.pdf_excellent_list import write_excellent_list_pdf
from kaohe_desktop.reports.pdf_fonts import PdfFont, find_cjk_font

BUREAU = "测试县市场监督管理局"
POSTING = ExcellentList(
    bureau=BUREAU,
    year=2026,
    people=(
        ExcellentCandidate("张一", "综合科", "一级主任科员"),
        ExcellentCandidate("欧阳娜娜", "食品生产监管科", ""),
    ),
    start=date(2026, 12, 21),
    end=date(2026, 12, 25),
    days=5,
    draft=False,
    printed_on=date(2026, 12, 20),
)


@pytest.fixture(scope="module")
def font() -> PdfFont:
    return find_cjk_font()


def _text(posting: ExcellentList, font: PdfFont, tmp_path: Path) -> list[str]:
    path = tmp_path / "公示.pdf"
    count = write_excellent_list_pdf(posting, path, font)
    texts = ["".join(page.extract_text().split()) for page in PdfReader(path).pages]
    assert count == len(texts)
    return texts


def test_the_posting_lists_the_people_with_dates_and_how_to_object(
    font: PdfFont, tmp_path: Path
) -> None:
    (text,) = _text(POSTING, font, tmp_path)
    for expected in (
        f"{BUREAU}2026年度考核优秀等次拟推荐人选公示",
        "拟推荐以下2名同志为2026年度考核优秀等次人选",
        "序号姓名科室职务职级",
        "1张一综合科一级主任科员",
        "2欧阳娜娜食品生产监管科",
        "公示期：2026年12月21日至2026年12月25日（5个工作日）",
        "如对公示人选有异议",
        "联系人：", "联系电话：",
        f"{BUREAU}2026年12月21日",
        "第1页共1页", "打印日期：2026年12月20日",
    ):  # fmt: skip
        assert expected in text, expected
    assert "草稿" not in text


def test_a_long_list_repeats_its_header_and_keeps_the_ending_together(
    font: PdfFont, tmp_path: Path
) -> None:
    people = tuple(ExcellentCandidate(f"人员{n:02d}", "综合科", "一级科员") for n in range(1, 41))
    texts = _text(replace(POSTING, people=people), font, tmp_path)
    assert len(texts) == 2
    assert all("序号姓名科室职务职级" in text for text in texts)
    joined = "".join(texts)
    assert all(f"{n}人员{n:02d}综合科" in joined for n in range(1, 41))
    assert "公示期：" in texts[-1] and texts[-1].rstrip().endswith("打印日期：2026年12月20日")


def test_a_draft_says_so(font: PdfFont, tmp_path: Path) -> None:
    (text,) = _text(replace(POSTING, draft=True), font, tmp_path)
    assert "草稿：季度考核尚未全部关闭，人选可能变化" in text
