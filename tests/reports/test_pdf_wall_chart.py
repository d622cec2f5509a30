"""The wall chart PDF read back with pypdf: what is on each page, and where every line sits."""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream, TextStringObject
from reportlab.pdfbase.pdfmetrics import stringWidth

from kaohe_desktop.reports.pdf_fonts import FALLBACK_FONT, PdfFont, find_cjk_font
from kaohe_desktop.reports.pdf_page_numbers import date_label, page_label
from kaohe_desktop.reports.pdf_wall_chart import (
    COLUMN_LABELS,
    CONTINUED,
    CONTINUED_SHEET,
    EMPTY_CHART_TEXT,
    KEY_LEGEND,
    KEY_MARK,
    QUARTERS_HEADING,
    column_edges,
    page_size,
    write_wall_charts,
)
from kaohe_desktop.reports.pdf_wall_chart_ruling import month_label, quarter_months
from kaohe_desktop.reports.wall_chart_content import Paper, WallChart, WallChartBook, WallChartRow

PRINTED = date(2026, 1, 5)
TARGET = (
    "对辖区食品生产企业每季度至少检查一次，检查结果录入监管系统并向社会公示；发现问题立即整改。"
)
DONE = "检查食品生产企业25家次，发现问题6个，已督促整改到位（见整改报告）。"
# Full-width punctuation that a Chinese line must never start with.
NO_LINE_START = "，。、；：？！）》”’"


@pytest.fixture(scope="module")
def font() -> PdfFont:
    return find_cjk_font()


def _row(seq: int, title: str, *, key: bool = False, target: str = TARGET,
         quarters: tuple[str, str, str, str] = (DONE, DONE, "", ""), checker: str = "王建国",
         note: str = "") -> WallChartRow:  # fmt: skip
    return WallChartRow(
        seq, title, target, "重点工作" if key else "常规工作", key, "食品生产监管科",
        "2026-06-30" if seq % 2 else "每季度", "2.5" if key else "10", quarters, checker, note,
    )  # fmt: skip


def _chart(department: str, count: int, *, first: int = 1, **kwargs: Any) -> WallChart:
    rows = tuple(_row(first + i, f"{department}任务{first + i}号", **kwargs) for i in range(count))
    return WallChart(department, rows)


def _book(*charts: WallChart, blank: bool = False, paper: Paper = Paper.A3) -> WallChartBook:
    return WallChartBook("夏津县食品药品监督管理局", 2026, charts, blank, paper, PRINTED)


def _write(book: WallChartBook, font: PdfFont) -> tuple[PdfReader, int, bytes]:
    buffer = io.BytesIO()
    pages = write_wall_charts(book, buffer, font)
    data = buffer.getvalue()
    return PdfReader(io.BytesIO(data)), pages, data


def _flat(text: str) -> str:
    """Text with the line breaks a wrapped cell puts in removed."""
    return "".join(text.split())


def _page_texts(reader: PdfReader) -> list[str]:
    return [_flat(page.extract_text()) for page in reader.pages]


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    y: float  # baseline
    size: float
    width: float


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _decoder(pdf_font: Any) -> Any:
    """bytes of a text-showing operator → str, for the two kinds of font reportlab writes."""
    if pdf_font.get("/Encoding") == "/UniGB-UCS2-H":  # STSong-Light: the codes are UCS-2
        return lambda raw: raw.decode("utf-16-be")
    cmap = pdf_font["/ToUnicode"].get_object().get_data().decode("latin-1")
    assert "bfrange" not in cmap  # reportlab's subsets map code by code
    table = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    return lambda raw: "".join(table[byte] for byte in raw)


def _raw(value: Any) -> bytes:
    if isinstance(value, TextStringObject):
        raw = value.get_original_bytes()
        # pypdf takes some strings for UTF-16 (a zero byte is a hint) and hands their bytes
        # back behind a byte-order mark that was never in the file.
        bom = getattr(value, "utf16_bom", b"") if getattr(value, "autodetect_utf16", False) else b""
        return raw[len(bom) :] if raw.startswith(bom) else raw
    return bytes(value)


def _runs(page: PageObject, font_name: str) -> list[Line]:
    """Every text-showing operation on the page with where it starts and how wide it is,
    by following the content stream's graphics and text state (reportlab's subset of it)."""
    fonts = {name: ref.get_object() for name, ref in page["/Resources"]["/Font"].items()}
    decoders = {name: _decoder(pdf_font) for name, pdf_font in fonts.items()}
    runs: list[Line] = []
    ctm, stack = IDENTITY, []
    tm = tlm = IDENTITY
    font, size, leading = "", 0.0, 0.0

    def show(raw: bytes) -> None:
        nonlocal tm
        text = decoders[font](raw)
        width = stringWidth(text, font_name, size)
        scale, _, _, _, x, y = _mul(tm, ctm)
        runs.append(Line(text, x, y, size * scale, width * scale))
        tm = _mul((1, 0, 0, 1, width, 0), tm)

    def move(tx: float, ty: float) -> None:
        nonlocal tm, tlm
        tlm = tm = _mul((1, 0, 0, 1, tx, ty), tlm)

    for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
        values = [float(v) if isinstance(v, (int, float)) else v for v in operands]
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _mul(tuple(values), ctm)  # type: ignore[arg-type]
        elif op == b"BT":
            tm = tlm = IDENTITY
        elif op == b"Tm":
            tm = tlm = tuple(values)  # type: ignore[assignment]
        elif op == b"Tf":
            font, size = operands[0], float(operands[1])
        elif op == b"TL":
            leading = values[0]
        elif op in (b"Td", b"TD"):
            if op == b"TD":
                leading = -values[1]
            move(values[0], values[1])
        elif op == b"T*":
            move(0, -leading)
        elif op == b"Tj":
            show(_raw(operands[0]))
        elif op == b"'":
            move(0, -leading)
            show(_raw(operands[0]))
        elif op == b"TJ":
            for item in operands[0]:
                if isinstance(item, (int, float)):
                    tm = _mul((1, 0, 0, 1, -float(item) / 1000 * size, 0), tm)
                else:
                    show(_raw(item))
    return [run for run in runs if run.text.strip()]


def _lines(page: PageObject, font_name: str) -> list[Line]:
    """Runs that continue one another on one baseline joined: reportlab switches font
    subsets inside a line."""
    lines: list[Line] = []
    for run in _runs(page, font_name):
        last = lines[-1] if lines else None
        if last and abs(last.y - run.y) < 0.01 and abs(last.x + last.width - run.x) < 0.01:
            lines[-1] = Line(
                last.text + run.text, last.x, last.y, last.size, last.width + run.width
            )
        else:
            lines.append(run)
    return lines


def _furniture(text: str, book: WallChartBook) -> bool:
    headings = {book.title(chart) for chart in book.charts}
    headings |= {heading + CONTINUED_SHEET for heading in headings}
    return (
        text in headings
        or text == KEY_LEGEND
        or text.startswith("打印日期")
        # The page label may come back in two runs (font subsets): either part counts.
        or re.fullmatch(r"(第 \d+ 页)? ?(共 \d+ 页)?", text.strip()) is not None
    )


def _violations(lines: list[Line], book: WallChartBook) -> list[str]:
    """Lines that leave the sheet, or the column they start in."""
    width, height = page_size(book.paper)
    edges = column_edges(book.paper, blank=book.blank)
    spanned = {QUARTERS_HEADING: COLUMN_LABELS.index("四季度") + 1}
    found = []
    for line in lines:
        right = line.x + line.width
        if line.x < 0 or right > width or line.y < 0 or line.y + line.size > height:
            found.append(f"off the page: {line}")
            continue
        if _furniture(line.text, book):
            continue
        column = bisect_right(edges, line.x) - 1
        if not 0 <= column < len(COLUMN_LABELS):
            found.append(f"outside the table: {line}")
            continue
        edge = edges[spanned.get(line.text, column + 1)]
        if right > edge + 0.01:
            found.append(
                f"over the right rule of {COLUMN_LABELS[column]} by {right - edge:.1f}: {line}"
            )
    return found


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


# ---- content ----------------------------------------------------------------------------


def test_one_department_book_shows_its_title_and_every_task(font: PdfFont) -> None:
    chart = _chart("食品生产监管科", 6)
    reader, pages, _ = _write(_book(chart), font)
    text = "".join(_page_texts(reader))
    assert _flat(_book(chart).title(chart)) in text
    assert "夏津县食品药品监督管理局2026年度食品生产监管科岗位目标责任台账" in text
    for row in chart.rows:
        assert _flat(row.title) in text and _flat(row.target) in text
    assert "稽查大队" not in text
    assert pages == len(reader.pages) == 1


def test_each_department_section_holds_only_its_own_tasks(font: PdfFont) -> None:
    charts = (
        _chart("办公室", 3),
        _chart("稽查大队", 30, first=4),
        _chart("城区监管所", 2, first=34),
    )
    book = _book(*charts)
    reader, _, _ = _write(book, font)
    texts = _page_texts(reader)
    starts = [page for _, page in _outline(reader)] + [len(texts)]
    for chart, first, end in zip(charts, starts, starts[1:], strict=False):
        section = "".join(texts[first:end])
        assert all(_flat(book.title(chart)) in page for page in texts[first:end])
        for other in charts:
            for row in other.rows:
                assert (_flat(row.title) in section) == (other is chart), row.title


def test_header_rows_and_title_repeat_on_every_page(font: PdfFont) -> None:
    chart = _chart("稽查大队", 24)
    book = _book(chart, blank=True)
    reader, pages, _ = _write(book, font)
    assert pages >= 3
    for text in _page_texts(reader):
        assert _flat(book.title(chart)) in text
        assert QUARTERS_HEADING in text
        for label in COLUMN_LABELS:
            assert label in text


def _sections(reader: PdfReader) -> list[range]:
    """The pages of each department, from the bookmarks."""
    starts = [page for _, page in _outline(reader)] + [len(reader.pages)]
    return [range(first, end) for first, end in pairwise(starts)]


def test_footer_numbers_pages_within_each_department_and_prints_the_date(font: PdfFont) -> None:
    # 12 blank rows take 2 pages of A3 (the rows are 24 mm, about 9 to a page), 3 rows 1.
    book = _book(
        _chart("办公室", 12), _chart("政策法规科", 3, first=13), _chart("稽查大队", 12, first=16),
        blank=True,
    )  # fmt: skip
    reader, pages, _ = _write(book, font)
    assert pages == len(reader.pages) == 5
    sections = _sections(reader)
    assert [len(s) for s in sections] == [2, 1, 2]
    for section in sections:
        for number, index in enumerate(section, start=1):
            lines = [line.text for line in _lines(reader.pages[index], font.name)]
            assert page_label(number, len(section)) in lines, index
            assert date_label(PRINTED) == "打印日期：2026年1月5日"
            assert date_label(PRINTED) in lines


def test_continuation_sheets_say_so_after_the_title_and_repeat_the_header(
    font: PdfFont,
) -> None:
    book = _book(_chart("办公室", 12), _chart("政策法规科", 3, first=13), blank=True)
    reader, _, _ = _write(book, font)
    for chart, section in zip(book.charts, _sections(reader), strict=True):
        for number, index in enumerate(section, start=1):
            lines = [line.text for line in _lines(reader.pages[index], font.name)]
            heading = book.title(chart)
            expected = heading + CONTINUED_SHEET if number > 1 else heading
            assert expected in lines, (chart.department, number)
            assert (heading + CONTINUED_SHEET in lines) == (number > 1)
            assert set(COLUMN_LABELS) <= set(lines)


def test_one_bookmark_per_department_in_order_each_on_a_new_page(font: PdfFont) -> None:
    names = ("办公室", "政策法规科", "稽查大队", "城区监管所")
    charts = tuple(
        _chart(name, n, first=100 * i)
        for i, (name, n) in enumerate(zip(names, (2, 13, 1, 3), strict=True))
    )
    book = _book(*charts, blank=True)
    reader, _, _ = _write(book, font)
    outline = _outline(reader)
    assert [title for title, _ in outline] == list(names)
    firsts = [page for _, page in outline]
    assert firsts[0] == 0 and firsts == sorted(set(firsts))
    texts = _page_texts(reader)
    for chart, first in zip(charts, firsts, strict=True):
        assert _flat(book.title(chart)) in texts[first]
        assert first == 0 or _flat(book.title(chart)) not in texts[first - 1]


def test_empty_chart_prints_title_header_and_a_note(font: PdfFont) -> None:
    book = _book(WallChart("人事科", ()), blank=True)
    reader, pages, _ = _write(book, font)
    text = _page_texts(reader)[0]
    assert pages == 1
    assert _flat(book.title(book.charts[0])) in text
    assert EMPTY_CHART_TEXT in text and "实际完成情况" in text
    assert KEY_LEGEND not in text  # nothing to explain


def test_key_tasks_are_starred_and_explained(font: PdfFont) -> None:
    rows = (_row(1, "疫苗质量监督检查", key=True), _row(2, "食品安全快检"))
    reader, _, _ = _write(_book(WallChart("药品科", rows)), font)
    lines = [line.text for line in _lines(reader.pages[0], font.name)]
    assert f"{KEY_MARK} 疫苗质量监督检查" in lines
    assert "食品安全快检" in lines
    assert KEY_LEGEND in lines


# ---- modes and paper --------------------------------------------------------------------


def test_blank_and_filled_modes_differ_as_designed(font: PdfFont) -> None:
    chart = _chart("食品生产监管科", 24, quarters=("一季度已完成抽检", "", "", "三季度已整改"))
    blank_reader, blank_pages, _ = _write(_book(chart, blank=True), font)
    filled_reader, filled_pages, _ = _write(_book(chart), font)
    blank_text = "".join(_page_texts(blank_reader))
    filled_text = "".join(_page_texts(filled_reader))
    assert "一季度已完成抽检" in filled_text and "三季度已整改" in filled_text
    assert "王建国" in filled_text
    assert "一季度已完成抽检" not in blank_text and "王建国" not in blank_text
    # Blank rows are tall enough to write in: fewer tasks fit on a sheet (short texts, so
    # the filled rows are at their own, lower, minimum height).
    short = _chart("食品生产监管科", 40, target="按时完成", quarters=("已完成", "", "", ""))
    blank_reader, blank_pages, _ = _write(_book(short, blank=True), font)
    filled_reader, filled_pages, _ = _write(_book(short), font)
    first_pages = [_page_texts(reader)[0] for reader in (blank_reader, filled_reader)]
    first_page_tasks = [
        sum(f"任务{row.seq}号" in text for row in short.rows) for text in first_pages
    ]
    assert first_page_tasks[0] < first_page_tasks[1]
    assert blank_pages > filled_pages
    # The writing room holds on every page, not only the first (reportlab drops row
    # minimums in the part of a table it carries over).
    per_page = [
        sum(f"任务{row.seq}号" in text for row in short.rows) for text in _page_texts(blank_reader)
    ]
    assert all(count == per_page[0] for count in per_page[:-1]), per_page


@pytest.mark.parametrize("paper", [Paper.A3, Paper.A4])
def test_blank_key_tasks_get_a_labelled_line_per_month_in_each_quarter(
    font: PdfFont, paper: Paper
) -> None:
    rows = (_row(1, "疫苗质量监督检查", key=True), _row(2, "食品安全快检"),
            _row(3, "中药市场专项检查", key=True))  # fmt: skip
    book = _book(WallChart("药品医疗器械监管科", rows), blank=True, paper=paper)
    reader, pages, _ = _write(book, font)
    assert pages == 1
    lines = _lines(reader.pages[0], font.name)
    titles = {line.text: line.y for line in lines}
    key_rows = (titles[f"{KEY_MARK} 疫苗质量监督检查"], titles[f"{KEY_MARK} 中药市场专项检查"])
    routine_y = titles["食品安全快检"]
    edges = column_edges(paper, blank=True)
    first_quarter = COLUMN_LABELS.index("一季度")
    assert [month_label(m) for m in quarter_months(4)] == ["10月", "11月", "12月"]
    for quarter in (1, 2, 3, 4):
        left, right = edges[first_quarter + quarter - 1], edges[first_quarter + quarter]
        labels = [[line for line in lines if line.text == month_label(m)] for m in
                  quarter_months(quarter)]  # fmt: skip
        for month_lines in labels:
            assert len(month_lines) == 2  # once in each key task's cell of that quarter
            assert all(left < line.x and line.x + line.width < right for line in month_lines)
            # Not in the routine task's row, whose title sits in its middle.
            assert all(abs(line.y - routine_y) > 30 for line in month_lines)
        for task, title_y in enumerate(key_rows):
            in_row = [month_lines[task].y for month_lines in labels]
            assert in_row == sorted(in_row, reverse=True)  # the months top to bottom
            assert in_row[0] > title_y > in_row[-1]  # around the task's own title
    filled = {line.text for line in _lines(_write(_book(book.charts[0]), font)[0].pages[0],
                                            font.name)}  # fmt: skip
    assert not {month_label(m) for m in range(1, 13)} & filled


@pytest.mark.parametrize(
    ("paper", "size"), [(Paper.A3, (1190.55, 841.89)), (Paper.A4, (841.89, 595.28))]
)
def test_paper_is_landscape_a3_or_a4(
    font: PdfFont, paper: Paper, size: tuple[float, float]
) -> None:
    reader, _, _ = _write(_book(_chart("办公室", 2), paper=paper), font)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)
    assert page_size(paper) == pytest.approx(size, abs=0.01)
    edges = column_edges(paper)
    assert len(edges) == len(COLUMN_LABELS) + 1 and edges == sorted(edges)
    assert edges[0] > 0 and edges[-1] == pytest.approx(size[0] - edges[0], abs=0.01)


@pytest.mark.parametrize("paper", [Paper.A3, Paper.A4])
def test_short_fields_and_header_labels_stay_on_one_line(font: PdfFont, paper: Paper) -> None:
    rows = (_row(1, "疫苗质量监督检查", key=True), _row(2, "食品安全快检"), _row(120, "快检"))
    reader, _, _ = _write(_book(WallChart("食品生产监管科", rows), paper=paper), font)
    lines = {line.text for line in _lines(reader.pages[0], font.name)}
    whole = {
        "重点工作",
        "常规工作",
        "食品生产监管科",
        "2026-06-30",
        "每季度",
        "2.5",
        "120",
        "王建国",
    }
    assert whole | set(COLUMN_LABELS) | {QUARTERS_HEADING} <= lines


# ---- text stays inside its cell ---------------------------------------------------------


def _awkward_chart() -> WallChart:
    """Long requirements, punctuation at line ends, a Latin run with no spaces, key tasks."""
    punctuated = "抽检、快检、复检，" * 12 + "“双随机、一公开”；全年不少于60次！"
    rows = (
        _row(1, "中药市场专项检查（染色增重、掺杂使假）", key=True, target=punctuated),
        _row(2, "网络订餐监测", target="平台网址 https://example.gov.cn/" + "a" * 80,
             quarters=(punctuated, DONE, DONE, DONE), note="与县公安局联合开展，" * 3),
        _row(3, "餐饮服务单位量化分级管理" * 2, key=True, checker="欧阳明月、司马光"),
    )  # fmt: skip
    return WallChart("餐饮服务监管科", rows + _chart("餐饮服务监管科", 8, first=4).rows)


@pytest.mark.parametrize(
    ("paper", "blank", "fallback"),
    [
        (Paper.A3, False, False),
        (Paper.A3, True, False),
        (Paper.A4, False, False),
        (Paper.A4, True, False),
        (Paper.A4, False, True),
    ],
)
def test_every_line_lies_inside_the_page_and_its_column(
    font: PdfFont, paper: Paper, blank: bool, fallback: bool
) -> None:
    used = find_cjk_font(candidates=[]) if fallback else font
    long_row = _row(99, "超长任务", target="很长的目标要求，" * 150)
    chart = WallChart("餐饮服务监管科", (*_awkward_chart().rows, long_row))
    book = _book(chart, blank=blank, paper=paper)
    reader, _, _ = _write(book, used)
    columns_hit: set[int] = set()
    edges = column_edges(paper, blank=blank)
    for number, page in enumerate(reader.pages, start=1):
        lines = _lines(page, used.name)
        assert _violations(lines, book) == [], f"page {number}"
        columns_hit |= {bisect_right(edges, line.x) - 1 for line in lines}
    # The check saw real positions: text was found in every column.
    expected = set(range(len(COLUMN_LABELS)))
    assert columns_hit >= expected


def test_the_column_check_catches_a_line_over_the_rule(font: PdfFont) -> None:
    book = _book(_chart("办公室", 1))
    edges = column_edges(Paper.A3)
    inside = Line("检查", edges[1] + 2, 400, 10.5, 21)
    over = Line("检查" * 20, edges[1] + 2, 400, 10.5, 420)
    off_page = Line("检查", 5, 900, 10.5, 21)
    assert _violations([inside], book) == []
    assert len(_violations([over, off_page], book)) == 2


def test_chinese_punctuation_never_starts_a_line(font: PdfFont) -> None:
    reader, _, _ = _write(_book(_awkward_chart(), paper=Paper.A4), font)
    starts = [line.text for page in reader.pages for line in _lines(page, font.name)]
    assert len(starts) > 50
    assert [text for text in starts if text[0] in NO_LINE_START] == []


def test_a_task_taller_than_a_page_is_continued_not_refused(font: PdfFont) -> None:
    target = "".join(f"第{i}条要求。" for i in range(1, 901))
    rows = (_row(1, "短任务"), _row(7, "超长任务", key=True, target=target), _row(8, "后面的任务"))
    reader, pages, _ = _write(_book(WallChart("稽查大队", rows), paper=Paper.A4), font)
    assert pages >= 4
    texts = _page_texts(reader)
    joined = "".join(texts)
    for i in (1, 450, 900):  # nothing lost at the page breaks
        assert f"第{i}条要求。" in joined
    assert sum(CONTINUED in text for text in texts) >= 2
    assert "后面的任务" in texts[-1]


# ---- fonts --------------------------------------------------------------------------------


def _font_descriptors(reader: PdfReader) -> list[Any]:
    found = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            pdf_font = ref.get_object()
            for descendant in pdf_font.get("/DescendantFonts", [pdf_font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                found.append((pdf_font["/BaseFont"], descriptor and descriptor.get_object()))
    return found


def test_truetype_cjk_font_is_embedded(font: PdfFont) -> None:
    if not font.embedded:
        pytest.skip("no TrueType CJK font on this machine")
    reader, _, _ = _write(_book(_chart("办公室", 3)), font)
    fonts = _font_descriptors(reader)
    assert fonts and all(descriptor and "/FontFile2" in descriptor for _, descriptor in fonts)


def test_without_a_truetype_font_stsong_is_used_and_text_still_extracts() -> None:
    fallback = find_cjk_font(candidates=[])
    assert fallback.name == FALLBACK_FONT and not fallback.embedded
    chart = _chart("办公室", 3)
    book = _book(chart)
    reader, pages, _ = _write(book, fallback)
    assert pages == 1
    assert {str(name) for name, _ in _font_descriptors(reader)} == {f"/{FALLBACK_FONT}"}
    assert all(
        not descriptor or "/FontFile2" not in descriptor
        for _, descriptor in _font_descriptors(reader)
    )
    text = _page_texts(reader)[0]
    assert _flat(book.title(chart)) in text
    assert all(_flat(row.title) in text for row in chart.rows)


# ---- the call itself ----------------------------------------------------------------------


def test_on_chart_reports_each_chart_after_it_is_laid_out(font: PdfFont) -> None:
    calls: list[tuple[int, int]] = []
    book = _book(_chart("办公室", 2), _chart("稽查大队", 2), _chart("城区监管所", 2))
    write_wall_charts(
        book, io.BytesIO(), font, on_chart=lambda done, total: calls.append((done, total))
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_raising_from_on_chart_aborts_and_writes_nothing(font: PdfFont, tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise Cancelled

    book = _book(_chart("办公室", 2), _chart("稽查大队", 2), _chart("城区监管所", 2))
    target = tmp_path / "台账.pdf"
    with pytest.raises(Cancelled):
        write_wall_charts(book, target, font, on_chart=cancel)
    assert not target.exists()


def test_writes_to_a_path(font: PdfFont, tmp_path: Path) -> None:
    target = tmp_path / "2026年度 办公室 岗位目标责任台账.pdf"
    pages = write_wall_charts(_book(_chart("办公室", 2)), target, font)
    assert pages == len(PdfReader(target).pages) == 1
    assert (
        PdfReader(str(target)).metadata.title
        == "夏津县食品药品监督管理局 2026年度 办公室 岗位目标责任台账"
    )


def test_a_book_without_charts_is_refused(font: PdfFont) -> None:
    with pytest.raises(ValueError, match="没有要打印的台账"):
        write_wall_charts(_book(), io.BytesIO(), font)
