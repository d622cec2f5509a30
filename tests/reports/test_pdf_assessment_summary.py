"""The 平时考核结果汇总表 PDF written from hand-made content and read back with pypdf."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.reports.test_excel_ranking import BUREAU, PRINTED, counts, person, sample_book

from kaohe_desktop.reports.pdf_assessment_summary import (
    PEOPLE_LABELS,
    SUMMARY_HEADING,
    SUMMARY_LABELS,
    write_assessment_summary,
)
from kaohe_desktop.reports.pdf_fonts import PdfFont, find_cjk_font
from kaohe_desktop.reports.pdf_grade_chart import CHART_TITLE
from kaohe_desktop.reports.pdf_page_numbers import date_label, page_label
from kaohe_desktop.reports.ranking_content import DepartmentSection, RankingBook


@pytest.fixture(scope="module")
def font() -> PdfFont:
    return find_cjk_font()


def _flat(text: str) -> str:
    """Text with the line breaks and spaces pypdf puts between runs removed."""
    return "".join(text.split())


def _write(book: RankingBook, font: PdfFont, tmp_path: Path) -> tuple[list[str], int, Path]:
    path = tmp_path / "汇总表.pdf"
    pages = write_assessment_summary(book, path, font)
    reader = PdfReader(path)
    return [_flat(page.extract_text()) for page in reader.pages], pages, path


def test_title_departments_counts_and_pages(font: PdfFont, tmp_path: Path) -> None:
    book = sample_book()
    texts, pages, path = _write(book, font, tmp_path)
    everything = "".join(texts)
    assert pages == len(texts) == len(PdfReader(path).pages)
    for number, text in enumerate(texts, start=1):
        assert _flat(f"{BUREAU} 2026年第二季度 平时考核结果汇总表") in text
        assert _flat(page_label(number, pages)) in text  # 第 x 页 共 y 页
        assert _flat(date_label(PRINTED)) in text
    assert "草稿" not in everything
    for section in book.departments:
        assert section.name in everything
        assert _flat("合计：" + section.counts.counts_line()) in everything
    office = "好 2 人、较好 1 人、一般 0 人、较差 0 人、不定等次 1 人；好等次占参加考核人数的 66.7%"
    assert _flat(office) in everything
    assert "".join(PEOPLE_LABELS) in everything
    # Everyone, 不定等次 included (an internal document).
    assert "马超" in everything and "不定等次（试用期）" in everything
    for name in ("王芳", "李强", "陈静", "张伟", "刘洋", "+赵敏"):
        assert name in everything
    assert "95.00" in everything and "87.25" in everything


def test_people_rows_in_the_books_order(font: PdfFont, tmp_path: Path) -> None:
    texts, _pages, _path = _write(sample_book(), font, tmp_path)
    first = texts[0]
    rows = [first.index(f"{seq}办公室{name}") for seq, name in
            ((1, "王芳"), (2, "李强"), (3, "陈静"), (4, "马超"))]  # fmt: skip
    assert rows == sorted(rows)


def test_bureau_summary_rows(font: PdfFont, tmp_path: Path) -> None:
    texts, _pages, _path = _write(sample_book(), font, tmp_path)
    last = texts[-1]
    assert SUMMARY_HEADING in last and "".join(SUMMARY_LABELS) in last
    # 科室 考核人数 好等次名额 实评好人数 较好 一般 较差: a shared quota shows "—" per department.
    assert "办公室3—2100" in last
    assert "食品生产监管科3—1011" in last
    assert "合计633111" in last
    assert CHART_TITLE in last
    assert "名额3人，已用3人" in last


def test_department_scope_prints_each_quota(font: PdfFont, tmp_path: Path) -> None:
    texts, _pages, _path = _write(sample_book(per_department=True), font, tmp_path)
    last = texts[-1]
    assert "办公室32210" in last and "食品生产监管科31101" in last
    assert "好等次名额按科室分别计算" in last


def test_a_draft_says_so_on_every_page(font: PdfFont, tmp_path: Path) -> None:
    texts, _pages, _path = _write(sample_book(draft=True), font, tmp_path)
    assert all("平时考核结果汇总表（草稿）" in text for text in texts)
    assert "尚未评分1人" in "".join(texts)


def test_a_long_department_repeats_its_header(font: PdfFont, tmp_path: Path) -> None:
    people = tuple(
        person(f"B{n:03d}", n, "一般", f"{80 - n / 10:.2f}", department="市场秩序稽查大队")
        for n in range(1, 121)
    )
    section = DepartmentSection("市场秩序稽查大队", people, counts(120, (0, 0, 120, 0)))
    book = replace(sample_book(), departments=(section,), total=section.counts)
    texts, pages, _path = _write(book, font, tmp_path)
    assert pages >= 4
    header = "".join(PEOPLE_LABELS)
    table_pages = [text for text in texts if "B0" in text or "B1" in text]
    assert len(table_pages) >= 3 and all(header in text for text in table_pages)
    assert "120市场秩序稽查大队人员B120" in "".join(texts)
    assert _flat(page_label(pages, pages)) in texts[-1]


def test_cancelled_write_leaves_no_file(font: PdfFont, tmp_path: Path) -> None:
    path = tmp_path / "汇总表.pdf"

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_assessment_summary(sample_book(), path, font, on_section=cancel)
    assert list(tmp_path.iterdir()) == []


def test_progress_counts_departments_then_the_summary(font: PdfFont, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_assessment_summary(sample_book(), tmp_path / "x.pdf", font,
                             on_section=lambda d, t: seen.append((d, t)))  # fmt: skip
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a4_portrait(font: PdfFont, tmp_path: Path) -> None:
    _texts, _pages, path = _write(sample_book(), font, tmp_path)
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
