"""The printed 人员档案 written from hand-made content and read back with pypdf: every
section's rows, 无 for an empty one, the chart or the sentence replacing it, one
bookmark per person at the page its section starts, 第 x 页 共 y 页 over the file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from kaohe_desktop.reports.archive_content import (
    AnnualLine,
    ArchiveBook,
    ChartPoint,
    CommentLine,
    DetailField,
    PersonArchiveContent,
    QuarterLine,
    RecordLine,
    StintLine,
    TalkLine,
)
from kaohe_desktop.reports.pdf_archive import CHART_SKIPPED, write_archive_pdf
from kaohe_desktop.reports.pdf_fonts import PdfFont, find_cjk_font
from kaohe_desktop.reports.pdf_page_numbers import date_label, page_label

BUREAU = "测试县市场监督管理局"
PRINTED = date(2026, 5, 6)
D = Decimal
LONG_TALK = "就近期执法检查中发现的问题进行提醒谈话，要求严格落实整改责任，" * 6 + "谈话结束。"


@pytest.fixture(scope="module")
def font() -> PdfFont:
    return find_cjk_font()


def _flat(text: str) -> str:
    """Text with the line breaks and spaces pypdf puts between runs removed."""
    return "".join(text.split())


def _quarter(label: str, composite: str | None, grade: str, **changes: object) -> QuarterLine:
    line = QuarterLine(
        label=label, department="食品生产监管科", performance=D("85.5"), leader=D(88),
        comment_points=D(0), composite=None if composite is None else D(composite), grade=grade,
        grade_note="", rank=None if composite is None else 2, closed=True,
    )  # fmt: skip
    return replace(line, **changes)


def zhang() -> PersonArchiveContent:
    details = (
        DetailField("编号", "A001"), DetailField("姓名", "张三丰"), DetailField("性别", "男"),
        DetailField("出生日期", "1985-03-02"), DetailField("政治面貌", "中共党员"),
        DetailField("参加工作时间", "2008-07-01"), DetailField("科室", "食品生产监管科"),
        DetailField("职务职级", "科长"), DetailField("人员类别", "机关正科级"),
        DetailField("关键岗位", "是"), DetailField("党政正职", "否"), DetailField("状态", "在职"),
    )  # fmt: skip
    quarters = (
        _quarter("2026年第一季度", "86.75", "较好", comment_points=D(2)),
        _quarter("2026年第二季度", "91.25", "好", rank=1),
        _quarter("2026年第三季度", None, "不定等次", grade_note="试用期"),
        _quarter("2026年第四季度", "58.5", "较差", grade_note="调整理由：严重失职", closed=False),
    )
    return PersonArchiveContent(
        code="A001",
        name="张三丰",
        status="在职",
        in_service=True,
        details=details,
        stints=(
            StintLine("办公室", date(2008, 7, 1), date(2015, 3, 1)),
            StintLine("食品生产监管科", date(2015, 3, 1), None),
        ),
        quarters=quarters,
        chart=(
            ChartPoint("2026Q1", D("86.75")),
            ChartPoint("2026Q2", D("91.25")),
            ChartPoint("2026Q4", D("58.5")),
        ),
        annual=(
            AnnualLine(2025, "优秀", "", 3, True, "", True),
            AnnualLine(2026, "不定等次", "", 1, False, "2026-10-15 记大过，影响至2027年", False),
        ),
        commendations=(
            RecordLine(
                date(2025, 1, 10), "嘉奖", "县市监发〔2025〕3号", "食品安全专项整治成绩突出"
            ),
        ),
        disciplines=(
            RecordLine(
                date(2026, 10, 15),
                "记大过",
                "县纪发〔2026〕12号",
                "监督检查失职失责",
                date(2028, 4, 14),
                "2026年度不定等次；2027年度不定等次",
            ),
        ),
        talks=(
            TalkLine(date(2026, 3, 5), "王局长", "谈心谈话", "了解思想动态"),
            TalkLine(date(2026, 11, 2), "李书记", "提醒谈话", LONG_TALK),
        ),
        comments=(CommentLine(date(2026, 2, 20), "表扬", D(2), "按时完成专项检查任务"),),
    )


def li_si() -> PersonArchiveContent:
    """Out of service, one scored quarter, nothing else recorded."""
    return PersonArchiveContent(
        code="A002", name="李四", status="退休", in_service=False,
        details=(DetailField("编号", "A002"), DetailField("姓名", "李四")),
        stints=(StintLine("办公室", date(2010, 1, 1), None),),
        quarters=(_quarter("2026年第一季度", "80.00", "较好"),),
        chart=(ChartPoint("2026Q1", D(80)),),
        annual=(), commendations=(), disciplines=(), talks=(), comments=(),
    )  # fmt: skip


def outline(reader: PdfReader) -> list[tuple[str, int]]:
    """(title, page index) of every top-level bookmark."""
    marks = []
    for item in reader.outline:
        assert isinstance(item, Destination)  # no nested entries
        page = reader.get_destination_page_number(item)
        assert item.title is not None and page is not None
        marks.append((item.title, page))
    return marks


def _write(book: ArchiveBook, font: PdfFont, path: Path) -> tuple[list[str], PdfReader]:
    pages = write_archive_pdf(book, path, font)
    reader = PdfReader(path)
    assert pages == len(reader.pages)
    return [_flat(page.extract_text()) for page in reader.pages], reader


def test_one_person_every_section_read_back(font: PdfFont, tmp_path: Path) -> None:
    texts, reader = _write(ArchiveBook(BUREAU, (zhang(),), PRINTED), font, tmp_path / "档案.pdf")
    everything = "".join(texts)
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert _flat(f"{BUREAU} 人员档案") in text
        assert _flat(page_label(number, total)) in text  # 第 x 页 共 y 页
        assert _flat(date_label(PRINTED)) in text
    assert texts[0].startswith("张三丰（A001）")
    assert "参加工作时间2008-07-01" in everything and "党政正职否" in everything
    # 任职科室经历: the open stint reads 至今.
    assert "办公室2008-07-012015-03-01" in everything
    assert "食品生产监管科2015-03-01至今" in everything
    # 平时考核: every quarter with its 等次; 不定等次 with its reason; the open one marked.
    assert "2026年第一季度食品生产监管科85.588+286.75较好2" in everything
    assert "2026年第二季度食品生产监管科85.588091.25好1" in everything
    assert "2026年第三季度食品生产监管科85.5880不定等次（试用期）" in everything
    assert (
        "2026年第四季度（未关闭）食品生产监管科85.588058.50较差（调整理由：严重失职）2"
        in everything
    )
    # 年度考核, the open year marked.
    assert "2025年优秀3是" in everything
    assert "2026年不定等次（未关闭）1否2026-10-15记大过，影响至2027年" in everything
    # 奖惩 with the discipline's 影响期 and what it bars by year.
    assert "2025-01-10嘉奖县市监发〔2025〕3号食品安全专项整治成绩突出" in everything
    assert (
        "2026-10-15记大过县纪发〔2026〕12号监督检查失职失责2028-04-14"
        "2026年度不定等次；2027年度不定等次"
    ) in everything
    # 谈心谈话, a long summary wrapped but complete; 点评 with its sign.
    assert "2026-03-05王局长谈心谈话了解思想动态" in everything
    assert _flat(LONG_TALK) in everything
    assert "2026-02-20表扬+2按时完成专项检查任务" in everything
    # The chart is drawn (its band guides) and no sentence replaces it.
    assert "好≥90" in everything and CHART_SKIPPED not in everything
    # One bookmark, at page 1.
    assert outline(reader) == [("张三丰（A001）", 0)]


def test_empty_sections_say_none_and_one_point_gives_no_chart(
    font: PdfFont, tmp_path: Path
) -> None:
    texts, _ = _write(ArchiveBook(BUREAU, (li_si(),), PRINTED), font, tmp_path / "李四.pdf")
    assert len(texts) == 1
    text = texts[0]
    assert text.startswith("李四（A002）［退休］")
    assert _flat(CHART_SKIPPED) in text and "好≥90" not in text
    for empty in ("年度考核无", "奖励无", "处分·组织处理无", "谈心谈话无", "点评无"):
        assert empty in text


def test_a_department_one_section_and_bookmark_per_person(font: PdfFont, tmp_path: Path) -> None:
    # Enough talks to carry 张三丰 over more than one page.
    many = tuple(TalkLine(date(2026, 1, 1 + n), "王局长", "谈心谈话", LONG_TALK) for n in range(12))
    first = replace(zhang(), talks=many)
    book = ArchiveBook(BUREAU, (first, li_si()), PRINTED, "食品生产监管科")
    texts, reader = _write(book, font, tmp_path / "科室.pdf")
    marks = outline(reader)
    assert [title for title, _page in marks] == ["张三丰（A001）", "李四（A002）［退休］"]
    second_start = marks[1][1]
    assert marks[0][1] == 0 and second_start >= 2  # 张三丰 took two pages or more
    assert texts[second_start].startswith("李四（A002）［退休］")  # a new page
    # The pages continuing 张三丰 name him; his first page and 李四's do not say （续）.
    for page in range(1, second_start):
        assert "张三丰（A001）（续）" in texts[page]
    assert "（续）" not in texts[0] and "（续）" not in texts[second_start]
    total = len(texts)
    assert _flat(page_label(1, total)) in texts[0]
    assert _flat(page_label(total, total)) in texts[-1]


def test_progress_per_person_and_a_raise_leaves_no_file(font: PdfFont, tmp_path: Path) -> None:
    book = ArchiveBook(BUREAU, (zhang(), li_si()), PRINTED, "食品生产监管科")
    heard: list[tuple[int, int]] = []
    write_archive_pdf(book, tmp_path / "a.pdf", font, on_person=lambda d, t: heard.append((d, t)))
    assert heard == [(1, 2), (2, 2)]

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        write_archive_pdf(book, tmp_path / "b.pdf", font, on_person=stop)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_nobody_to_print_is_refused(font: PdfFont, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_archive_pdf(ArchiveBook(BUREAU, (), PRINTED), tmp_path / "x.pdf", font)
    assert list(tmp_path.iterdir()) == []
