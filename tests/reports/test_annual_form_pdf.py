"""The 公务员年度考核登记表 written from hand-made content and read back with pypdf."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from kaohe_desktop.reports.annual_content import AnnualFormPage, AnnualForms
from kaohe_desktop.reports.pdf_annual_form import write_annual_forms_pdf
from kaohe_desktop.reports.pdf_fonts import PdfFont, find_cjk_font

BUREAU = "测试县市场监督管理局"
ZHANG = AnnualFormPage(
    name="张一", code="A01", gender="男", born="1985年3月", political="中共党员",
    unit_and_position=f"{BUREAU}综合科　一级主任科员",
    position_since="2020年1月（按进入现科室时间）", grade_suggestion="优秀", explanation="",
    remark="",
)  # fmt: skip
QIAN = AnnualFormPage(
    name="钱五", code="A05", gender="女", born="", political="",
    unit_and_position=f"{BUREAU}市场科",
    position_since="", grade_suggestion="不定等次", explanation="不定等次：2026-03-01 记过",
    remark="已于12月述职",
)  # fmt: skip
FORMS = AnnualForms(BUREAU, 2026, (ZHANG, QIAN), draft=False, printed_on=date(2026, 12, 21))
LABELS = (
    "姓名", "性别", "出生年月", "政治面貌", "任现职务职级时间", "单位及职务职级", "从事或分管工作",
    "个人总结", "主管领导评语和考核等次建议", "机关负责人或考核委员会意见", "被考核人意见",
    "未确定等次或不参加考核情况说明", "备注",
)  # fmt: skip


@pytest.fixture(scope="module")
def font() -> PdfFont:
    return find_cjk_font()


def _pages(forms: AnnualForms, font: PdfFont, tmp_path: Path) -> list[str]:
    path = tmp_path / "登记表.pdf"
    count = write_annual_forms_pdf(forms, path, font)
    texts = ["".join(page.extract_text().split()) for page in PdfReader(path).pages]
    assert count == len(texts)
    return texts


def test_one_page_per_person_with_every_field_of_the_national_form(
    font: PdfFont, tmp_path: Path
) -> None:
    first, second = _pages(FORMS, font, tmp_path)
    for text in (first, second):
        assert "公务员年度考核登记表（2026年度）" in text
        assert f"单位：{BUREAU}" in text
        assert all(label in text for label in LABELS), [lb for lb in LABELS if lb not in text]
        assert "打印日期：2026年12月21日" in text
    assert "第1页共2页" in first and "第2页共2页" in second
    for expected in ("姓名张一", "性别男", "出生年月1985年3月", "政治面貌中共党员",
                     "2020年1月（按进入现科室时间）", f"{BUREAU}综合科一级主任科员",
                     "编号：A01"):  # fmt: skip
        assert expected in first, expected
    assert "钱五" in second and "张一" not in second


def test_the_grade_suggestion_and_the_explanation_are_filled_in(
    font: PdfFont, tmp_path: Path
) -> None:
    first, second = _pages(FORMS, font, tmp_path)
    assert "考核等次建议：优秀" in first
    assert "考核等次建议：不定等次" in second
    assert "情况说明不定等次：2026-03-01记过" in second
    assert "备注已于12月述职" in second
    # The hand-written parts are blank: signature lines, no text.
    assert first.count("签名") == 4 and "年月日" in first


def test_a_long_explanation_still_fits_the_page(font: PdfFont, tmp_path: Path) -> None:
    long = replace(QIAN, explanation="不定等次：" + "2026-03-01 记过；立案审查调查尚未结案。" * 12)
    (text,) = _pages(replace(FORMS, pages=(long,)), font, tmp_path)
    assert "第1页共1页" in text and "备注已于12月述职" in text


def test_each_person_has_a_bookmark(font: PdfFont, tmp_path: Path) -> None:
    path = tmp_path / "登记表.pdf"
    write_annual_forms_pdf(FORMS, path, font)
    reader = PdfReader(path)
    titles = [entry.title for entry in reader.outline]  # type: ignore[union-attr]
    assert titles == ["张一（A01）", "钱五（A05）"]
    assert [reader.get_destination_page_number(e) for e in reader.outline] == [0, 1]  # type: ignore[arg-type]


def test_a_draft_says_the_grades_may_change(font: PdfFont, tmp_path: Path) -> None:
    (text,) = _pages(replace(FORMS, pages=(ZHANG,), draft=True), font, tmp_path)
    assert "草稿：季度考核尚未全部关闭，等次建议可能变化" in text
