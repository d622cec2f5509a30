"""The 督办单 PDF written from hand-made content and read back with pypdf."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.domain.notice_rules import COLOR_WORDS
from kaohe_desktop.reports.notice_content import (
    NoticeSheet,
    NoticeTaskLine,
    RectificationContent,
)
from kaohe_desktop.reports.pdf_fonts import PdfFont, find_cjk_font
from kaohe_desktop.reports.pdf_notice import write_notice_pdf
from kaohe_desktop.reports.pdf_notice_band import BANDS

SHEET = NoticeSheet(
    bureau="测试县市场监督管理局",
    number="督办〔2026〕第3号",
    color=NoticeColor.RED,
    color_words="红色督办",
    urgency="紧急 · 限期整改",
    department="市场科",
    period="2026年第二季度",
    tasks=(NoticeTaskLine(2, "双随机检查"), NoticeTaskLine(7, "食品安全抽检")),
    problem="第2项“双随机检查”：二季度查账为未完成（实际：仅完成 40%）。",
    deadline=date(2026, 7, 25),
    deduction="5 分（计入半年考核业务工作）",
    issued_on=date(2026, 7, 10),
    issued_by="张科员",
    status="整改中",
    supervision_department="督查室",
    rectification=None,
    printed_on=date(2026, 7, 11),
)
PLAN = RectificationContent(
    target="双随机检查按期完成",
    items="补查 12 户",
    deadline=date(2026, 8, 10),
    measures="专人负责，每周报进度",
    result="已补查 12 户",
    verified_by="王督查",
    verified_on=date(2026, 8, 12),
)


@pytest.fixture(scope="module")
def font() -> PdfFont:
    return find_cjk_font()


def _pages(sheet: NoticeSheet, font: PdfFont, tmp_path: Path) -> list[str]:
    path = tmp_path / "督办单.pdf"
    count = write_notice_pdf(sheet, path, font)
    texts = ["".join(page.extract_text().split()) for page in PdfReader(path).pages]
    assert count == len(texts)
    return texts


@pytest.mark.parametrize("color", list(NoticeColor), ids=[c.value for c in NoticeColor])
def test_the_form_names_its_colour_in_words_with_number_department_and_problem(
    font: PdfFont, tmp_path: Path, color: NoticeColor
) -> None:
    sheet = replace(SHEET, color=color, color_words=COLOR_WORDS[color])
    (text,) = _pages(sheet, font, tmp_path)
    # In the band, and again beside the number: a grey copy still says which colour.
    assert text.count(COLOR_WORDS[color]) == 2
    for expected in (
        "测试县市场监督管理局", "督办单", "编号：督办〔2026〕第3号", "状态：整改中",
        "责任科室市场科", "检查期间2026年第二季度", "第2项双随机检查", "第7项食品安全抽检",
        "二季度查账为未完成（实际：仅完成40%）", "整改时限2026年7月25日前",
        "扣分5分（计入半年考核业务工作）", "下达日期2026年7月10日", "下达人张科员",
        "督查室（签章）：", "责任科室负责人签收：", "第1页共1页", "打印日期：2026年7月11日",
    ):  # fmt: skip
        assert expected in text, expected


def test_the_three_bands_differ_without_colour() -> None:
    """A black-and-white copy keeps the words; the pattern, the border and the grey the
    fill prints as tell the three apart too."""
    looks = {(style.pattern, style.border, style.double, style.dashed) for style in BANDS.values()}
    assert len(looks) == 3
    greys = sorted(
        0.3 * s.fill.red + 0.59 * s.fill.green + 0.11 * s.fill.blue for s in BANDS.values()
    )
    assert greys[1] - greys[0] > 0.2 and greys[2] - greys[1] > 0.05


def test_a_recorded_rectification_is_printed_and_a_missing_one_left_for_handwriting(
    font: PdfFont, tmp_path: Path
) -> None:
    (blank,) = _pages(SHEET, font, tmp_path)
    assert "整改情况" in blank and "整改目标" in blank and "年月日前" in blank
    assert "双随机检查按期完成" not in blank
    closed = replace(SHEET, rectification=PLAN, status="已核实销号")
    (filled,) = _pages(closed, font, tmp_path)
    for expected in (
        "整改目标双随机检查按期完成", "整改事项补查12户", "整改时限2026年8月10日前",
        "整改措施专人负责，每周报进度", "整改结果已补查12户", "核实人王督查",
        "核实日期2026年8月12日", "状态：已核实销号",
    ):  # fmt: skip
        assert expected in filled, expected


def test_a_long_notice_moves_the_rectification_block_whole_to_a_second_page(
    font: PdfFont, tmp_path: Path
) -> None:
    tasks = tuple(NoticeTaskLine(n, f"第{n}号重点工作任务的完整名称") for n in range(1, 13))
    long = replace(SHEET, tasks=tasks, problem="问题描述" * 250)  # 1000 characters
    first, second = _pages(long, font, tmp_path)
    assert "第12项第12号重点工作任务的完整名称" in first and "第1页共2页" in first
    assert "整改情况" not in first
    for expected in ("整改情况", "核实人", "责任科室负责人签收", "第2页共2页", "督办〔2026〕第3号"):
        assert expected in second, expected
