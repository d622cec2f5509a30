"""TextCell and its line breaker: the rules reportlab's Paragraph (wordWrap="CJK") broke
lines by, worked by hand on round glyph widths, then checked against Paragraph itself."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from tests.reports.test_pdf_wall_chart import _lines

from kaohe_desktop.reports.pdf_cjk_cell import EMPTY, CellStyle, TextCell
from kaohe_desktop.reports.pdf_cjk_lines import (
    Line,
    LineBreaker,
    clean,
    keep_chinese_punctuation_off_line_starts,
)
from kaohe_desktop.reports.pdf_fonts import PdfFont, find_cjk_font


class RoundWidths(LineBreaker):
    """Widths to work by hand: a Chinese character or full-width mark 10, anything else 5."""

    def __init__(self) -> None:
        super().__init__("Helvetica", 10)

    def width(self, ch: str) -> float:
        if ch == "\n":
            return 0.0
        return 10.0 if ord(ch) >= 0x3000 else 5.0


def lines(text: str, room: float = 40, *, mark: str = "") -> list[tuple[str, float]]:
    breaker = RoundWidths()
    cleaned, runs = breaker.prepare(text, mark)
    return [(line.text, line.extra) for line in breaker.lines(cleaned, room, runs=runs)]


# ---- hand-worked: room 40 holds four Chinese characters ---------------------------------


def test_chinese_breaks_between_any_two_characters() -> None:
    assert lines("检查食品生产企业") == [("检查食品", 0), ("生产企业", 0)]
    assert lines("检查食品生产") == [("检查食品", 0), ("生产", 20)]
    assert lines("检查") == [("检查", 20)]


@pytest.mark.parametrize("mark", ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "】"])
def test_a_closing_mark_never_starts_a_line_it_hangs_at_the_end(mark: str) -> None:
    # The fifth character overflows; a closing mark stays, hanging 10 past the room.
    assert lines(f"检查食品{mark}生产") == [(f"检查食品{mark}", -10), ("生产", 20)]


def test_only_one_mark_hangs_a_second_takes_the_character_before_down() -> None:
    # One mark hangs ("would result in growing ugliness" to hang two); the second may
    # not start a line either, so 品 goes down with both (test_pdf_kinsoku has more).
    assert lines("检查食品，，生产") == [("检查食", 10), ("品，，生", 0), ("产", 30)]


def test_an_opening_mark_goes_down_with_what_it_opens() -> None:
    assert lines("检查食品（生产）") == [("检查食品", 0), ("（生产）", 0)]
    assert lines("检查食（生产）") == [("检查食", 10), ("（生产）", 0)]


def test_a_latin_word_moves_to_the_next_line_when_a_space_is_near() -> None:
    # "abcde fgh": the "h" overflows (45); back to the space in the line's second half,
    # so "fgh" goes down whole and the line ends trimmed.
    assert lines("abcde fgh") == [("abcde", 10), ("fgh", 25)]


def test_a_latin_word_is_cut_when_no_space_is_near() -> None:
    # The space is in the first half of the line: the word is cut like Chinese.
    assert lines("ab cdefghij") == [("ab cdefg", 0), ("hij", 25)]
    assert lines("a" * 10) == [("a" * 8, 0), ("aa", 30)]


def test_a_number_moves_whole_after_a_chinese_character_near_the_end() -> None:
    # Room 70: "检查食品检查" 60, "12" 70, "3" overflows; back to "查" (second half).
    assert lines("检查食品检查1234", room=70) == [("检查食品检查", 10), ("1234", 50)]


def test_a_long_number_is_cut_when_no_chinese_character_is_near() -> None:
    assert lines("年度12345678") == [("年度1234", 0), ("5678", 20)]


def test_spaces_are_cleaned_as_paragraph_cleaned_them() -> None:
    assert clean("  检查\t\t食品\u3000 生产  ") == "检查 食品 生产"
    assert clean("已完成 \n\n 未完成") == "已完成 \n\n 未完成"  # a newline is a hard break
    assert lines("检查    食品") == [("检查 食", 5), ("品", 30)]


def test_a_newline_breaks_the_line_and_spaces_are_kept_then() -> None:
    # Several runs (a hard break): lines keep their spaces, an empty line stays.
    assert lines("检查\n食品生产企业") == [("检查", 20), ("食品生产", 0), ("企业", 20)]
    assert lines("已完成 \n\n 未") == [("已完成 ", 5), ("", 40), (" 未", 25)]


def test_a_mark_comes_first_with_a_space() -> None:
    # "★" is not a Chinese character (below U+3000): 5 here, like the space after it.
    assert lines("检查食品", mark="★") == [("★ 检查食", 0), ("品", 30)]


def test_lines_are_cached_per_text_and_width() -> None:
    breaker = RoundWidths()
    first = breaker.lines("检查食品生产", 40, runs=False)
    assert breaker.lines("检查食品生产", 40, runs=False) is first
    assert breaker.lines("检查食品生产", 60, runs=False) == (Line("检查食品生产", 0),)


# ---- the cell --------------------------------------------------------------------------


def test_cell_height_is_a_leading_per_line_and_it_splits_between_lines() -> None:
    style = CellStyle(RoundWidths(), leading=14)
    cell = TextCell("检查食品生产企业家次发现问题", style)  # 14 characters: 4 lines at 40
    assert cell.wrap(40, 1000) == (40, 56)
    assert cell.split(40, 20) == []  # room for one line only: not cut (no orphan)
    assert cell.split(40, 100) == [cell]
    top, rest = cell.split(40, 30)
    assert isinstance(top, TextCell) and isinstance(rest, TextCell)
    assert [line.text for line in top.lines(40)] == ["检查食品", "生产企业"]
    assert [line.text for line in rest.lines(40)] == ["家次发现", "问题"]
    assert top.wrap(40, 1000) == (40, 28) and rest.wrap(40, 1000) == (40, 28)


def test_indents_narrow_the_room() -> None:
    style = CellStyle(RoundWidths(), leading=14, left_indent=5, right_indent=5)
    assert [line.text for line in TextCell("检查食品生产", style).lines(50)] == ["检查食品", "生产"]


def test_empty_cell_takes_no_room() -> None:
    assert EMPTY.wrap(100, 100) == (0.0, 0.0)


# ---- the same as Paragraph, in the real font ----------------------------------------------


@pytest.fixture(scope="module")
def font() -> PdfFont:
    keep_chinese_punctuation_off_line_starts()  # the rule Paragraph was given
    return find_cjk_font()


TEXT = st.text(
    alphabet=st.sampled_from(
        list("检查食品生产企业发现问题整改到位") + list("，。、；：？！）》“”（《")
        + list("abcXYZ0123456789.-/:") + [" ", " ", "\u3000", "\t", "\n", "&", "<", "★"]
    ),
    min_size=1,
    max_size=90,
).filter(lambda text: bool(text.strip()))  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=TEXT,
    width=st.floats(min_value=15, max_value=220),
    centred=st.booleans(),
    mark=st.booleans(),
)
def test_lines_are_the_ones_paragraph_made(
    font: PdfFont, text: str, width: float, centred: bool, mark: bool
) -> None:
    indent = 1.25 if centred else 0.0
    style = ParagraphStyle(
        "p", fontName=font.name, fontSize=10.5, leading=14.5, wordWrap="CJK",
        alignment=TA_CENTER if centred else TA_LEFT, leftIndent=indent, rightIndent=6.5,
    )  # fmt: skip
    markup = escape(text).replace("\n", "<br/>")
    paragraph = Paragraph(f'<font color="red">★</font> {markup}' if mark else markup, style)
    size = paragraph.wrap(width, 10_000)
    broken = paragraph.blPara
    if broken.kind == 0:
        expected = [(" ".join(words), extra) for extra, words in broken.lines]
    else:
        expected = [("".join(w.text for w in line.words), line.extraSpace) for line in broken.lines]
    cell_style = CellStyle(LineBreaker(font.name, 10.5), 14.5, centred, indent, 6.5)
    cell = TextCell(text, cell_style, mark="★" if mark else "", mark_color=colors.red)
    assert cell.wrap(width, 10_000) == size
    assert [(line.text, line.extra) for line in cell.lines(width)] == expected


def test_drawn_where_paragraph_drew_it(font: PdfFont) -> None:
    texts = [
        "按照年度工作要点，制定实施方案，明确责任人和时间节点。",
        "平台网址 https://example.gov.cn/abc 每季度",
        "3月 已完成：检查10家\n6月 未完成：待整改",
        "2026-06-30",
    ]

    def page(cells: list[object]) -> list[tuple[float, float, str]]:
        buffer = io.BytesIO()
        table = Table(
            [cells], colWidths=[90, 120, 100, 60], rowHeights=[120],
            style=TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("FONT", (0, 0), (-1, -1), font.name, 10.5),
                              ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]),
        )  # fmt: skip
        SimpleDocTemplate(buffer, initialFontName=font.name).build([table])
        found = _lines(PdfReader(buffer).pages[0], font.name)
        return sorted((round(line.x, 3), round(line.y, 3), line.text) for line in found)

    left = ParagraphStyle("l", fontName=font.name, fontSize=10.5, leading=14.5, wordWrap="CJK",
                          rightIndent=6.5)  # fmt: skip
    centre = ParagraphStyle("c", parent=left, alignment=TA_CENTER, leftIndent=1.25,
                            rightIndent=1.25)  # fmt: skip
    breaker = LineBreaker(font.name, 10.5)
    cell_left = CellStyle(breaker, 14.5, right_indent=6.5)
    cell_centre = CellStyle(breaker, 14.5, centred=True, left_indent=1.25, right_indent=1.25)
    paragraphs = [Paragraph(escape(t).replace("\n", "<br/>"), left) for t in texts[:3]]
    paragraphs.append(Paragraph(texts[3], centre))
    cells = [TextCell(t, cell_left) for t in texts[:3]] + [TextCell(texts[3], cell_centre)]
    assert page(cells) == page(paragraphs)
    assert len(page(cells)) >= 6
