"""The 通报 PDF written from hand-made content and read back with pypdf; its JSON form."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from kaohe_desktop.reports.bulletin_content import (
    BulletinContent,
    CountsLine,
    DoneWell,
    NoticeMark,
    ProblemItem,
    RectificationItem,
)
from kaohe_desktop.reports.pdf_bulletin import (
    HEADINGS,
    NO_DONE_WELL,
    NO_PROBLEMS,
    NO_RECTIFICATIONS,
    PROBLEM_LABELS,
    write_bulletin,
)
from kaohe_desktop.reports.pdf_fonts import PdfFont, find_cjk_font
from kaohe_desktop.reports.pdf_page_numbers import page_label


@pytest.fixture(scope="module")
def font() -> PdfFont:
    return find_cjk_font()


def _flat(text: str) -> str:
    return "".join(text.split())


def _content(**changes: object) -> BulletinContent:
    content = BulletinContent(
        bureau="测试县市场监督管理局",
        period="2026Q2",
        period_label="2026年第二季度",
        doc_no="通报〔2026〕第3期",
        edition=1,
        issued_on=date(2026, 7, 6),
        generated_at=datetime(2026, 7, 6, 9, 30, 0),
        generated_by="admin",
        scope="范围：第二季度到期的常规工作。",
        summary="本期应查5项。",
        departments=(
            CountsLine("办公室", 3, 2, 0, 0, 0, 1, 0),
            CountsLine("市场秩序稽查大队", 2, 0, 0, 1, 0, 0, 1),
        ),
        total=CountsLine("合计", 5, 2, 0, 1, 0, 1, 1),
        problems=(),
        done_well=(),
        rectifications=(),
    )
    return replace(content, **changes)  # type: ignore[arg-type]


def _write(content: BulletinContent, font: PdfFont, path: Path) -> tuple[str, int]:
    pages = write_bulletin(content, path, font)
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    return "\n".join(page.extract_text() for page in reader.pages), pages


def test_empty_sections_say_so_and_not_due_gets_its_column(font: PdfFont, tmp_path: Path) -> None:
    text, pages = _write(_content(), font, tmp_path / "通报.pdf")
    flat = _flat(text)
    assert pages == 1
    for heading in HEADINGS:
        assert heading in flat
    for words in (NO_PROBLEMS, NO_DONE_WELL, NO_RECTIFICATIONS):
        assert _flat(words) in flat
    # 未到期 is printed as a column because 办公室 has one; its rate leaves it out: 2 / 2.
    cells = [line.strip() for line in text.splitlines() if line.strip()]
    header = cells.index("科室")
    assert cells[header : header + 10] == [
        "科室", "应查", "已完成", "逾期完成", "部分完成", "未完成", "未到期", "未录入", "完成率",
        "办公室",
    ]  # fmt: skip
    assert cells[header + 10 : header + 18] == ["3", "2", "0", "0", "0", "1", "0", "100.0%"]
    assert "通报〔2026〕第3期" in flat and "第2版" not in flat
    assert _flat(page_label(1, 1)) in flat and "生成日期：2026年7月6日" in flat


def _problem(n: int) -> ProblemItem:
    return ProblemItem(
        n, f"第{n}项工作任务的名称比较长需要换行显示", "市场秩序稽查大队", "第二季度", "部分完成",
        "已完成计划的一半，其余部分因人员不足顺延至下季度完成" * 2,
        (NoticeMark(f"督办〔2026〕第{n}号", "黄"),),
    )  # fmt: skip


def test_a_long_problem_list_runs_over_pages_with_its_header_repeated(
    font: PdfFont, tmp_path: Path
) -> None:
    content = _content(
        problems=tuple(_problem(n) for n in range(1, 41)),
        done_well=(DoneWell("办公室", ("1.文明创建（二级核对）", "（以上列出1项，共12项）")),),
        rectifications=(
            RectificationItem(
                "督办〔2026〕第1号",
                "红",
                "办公室",
                "第1项",
                date(2026, 4, 30),
                "逾期未整改",
                "逾期67天",
            ),
        ),
    )
    path = tmp_path / "通报.pdf"
    _, pages = _write(content, font, path)
    assert pages >= 3
    texts = [_flat(page.extract_text()) for page in PdfReader(path).pages]
    with_problems = [t for t in texts if "督办〔2026〕第" in t and "部分完成" in t]
    assert len(with_problems) >= 2
    for text in with_problems:  # the header row on every page the table runs over
        assert "".join(PROBLEM_LABELS) in text
    everything = "".join(texts)
    assert all(f"督办〔2026〕第{n}号（黄）" in everything for n in range(1, 41))
    assert "逾期未整改（逾期67天）" in everything and "（以上列出1项，共12项）" in everything
    for number, text in enumerate(texts, start=1):
        assert _flat(page_label(number, pages)) in text


def test_the_same_content_is_the_same_file_and_a_new_edition_is_not(
    font: PdfFont, tmp_path: Path
) -> None:
    one, two, other = tmp_path / "一.pdf", tmp_path / "二.pdf", tmp_path / "三.pdf"
    write_bulletin(_content(), one, font)
    write_bulletin(_content(), two, font)
    assert one.read_bytes() == two.read_bytes()
    write_bulletin(_content(edition=2), other, font)
    assert other.read_bytes() != one.read_bytes()
    assert "通报〔2026〕第3期（第2版）" in _flat(PdfReader(other).pages[0].extract_text())
    assert PdfReader(one).metadata.creation_date == datetime(2026, 7, 6, 9, 30, 0)


def test_the_json_round_trips_and_an_unknown_format_is_refused_in_words() -> None:
    content = _content(
        problems=(_problem(1),),
        done_well=(DoneWell("办公室", ("1.文明创建（二级核对）",)),),
        rectifications=(
            RectificationItem(
                "督办〔2026〕第1号", "红", "办公室", "", date(2026, 4, 30), "整改中", ""
            ),
        ),
    )
    text = content.to_json()
    assert json.loads(text)["format"] == 1
    assert BulletinContent.from_json(text) == content
    newer = json.dumps({**json.loads(text), "format": 2})
    with pytest.raises(ValueError, match="格式（2）不是本程序能读的格式"):
        BulletinContent.from_json(newer)
    broken = json.dumps({k: v for k, v in json.loads(text).items() if k != "total"})
    with pytest.raises(ValueError, match="不完整或已损坏"):
        BulletinContent.from_json(broken)
