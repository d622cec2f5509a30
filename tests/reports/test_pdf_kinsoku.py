"""禁则 (GB/T 15834, W3C clreq): no line of a PDF starts with a closing mark or ends with
an opening one. Worked by hand on round glyph widths (a Chinese character or full-width
mark 10, anything else 5; room 40 holds four characters), then as properties, then in
a Paragraph (the reports that still use one break by the same rule)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from tests.reports.test_pdf_cjk_cell import RoundWidths, lines

from kaohe_desktop.reports.pdf_cjk_lines import (
    CANNOT_END,
    CANNOT_START,
    keep_chinese_punctuation_off_line_starts,
)
from kaohe_desktop.reports.pdf_fonts import find_cjk_font

CLOSING = "。，、；：？！）」』】〕》”’…—"
OPENING = "（「『【〔《“‘"


def test_the_marks_of_gb_t_15834_are_all_ruled() -> None:
    assert set(CLOSING + "）］｝〉") <= CANNOT_START
    assert set(OPENING + "［｛〈") <= CANNOT_END


def test_the_full_stop_after_a_hanging_bracket_takes_the_character_before_down() -> None:
    # The wall chart's "（核对属实）。": ） overflows and hangs, 。 may not start the next
    # line, so 实 goes down with both (推出) rather than hanging two marks into the rule.
    assert lines("检查属实）。生产") == [("检查属", 10), ("实）。生", 0), ("产", 30)]


def test_the_wall_chart_case_word_for_word() -> None:
    # From the demo's A3 chart: 办事项（核对属实 fills the cell, ） hangs, 。 followed.
    assert lines("办事项（核对属实）。", 80) == [("办事项（核对属", 10), ("实）。", 50)]


def test_an_opening_mark_at_the_end_goes_down() -> None:
    # 数据条（ fits exactly; the break may not follow （, so （ goes down with 核.
    assert lines("数据条（核对属实）") == [("数据条", 10), ("（核对属", 0), ("实）", 20)]
    # The A4 chart's "许可“ | 一次办好”" (“ counts 5 here, as any non-Chinese character).
    assert lines("许可许“一次") == [("许可许", 10), ("“一次", 15)]


def test_a_latin_word_stays_whole_when_the_break_moves_back() -> None:
    # Room 35: 检查OK fits, ） hangs, 。 may not start a line; the break goes back past
    # "OK" to before it rather than cut the word.
    assert lines("检查OK）。", 35) == [("检查", 15), ("OK）。", 5)]


def test_a_cell_one_character_wide_keeps_every_character_and_ends() -> None:
    # No break is allowed inside 实）。 in a cell this narrow: reportlab's break stays.
    assert lines("属实）。", 10) == [("属", 0), ("实）", -10), ("。", 0)]
    # Narrower than a character: one a line, whatever it is.
    assert [text for text, _ in lines("（属实）。", 5)] == ["（", "属", "实", "）", "。"]


def test_closing_marks_at_the_start_of_the_text_stay() -> None:
    assert lines("。。检查") == [("。。检查", 0)]
    assert "".join(text for text, _ in lines("。。。。。。")) == "。。。。。。"


# ---- properties -----------------------------------------------------------------------------

CORES = st.one_of(
    st.sampled_from(list("检查食品生产企业发现问题整改到位核对属实")),
    st.text(alphabet="abcXYZ0123", min_size=1, max_size=4),
)
TOKEN = st.tuples(
    st.sampled_from(["", *OPENING]), CORES, st.text(alphabet=CLOSING, max_size=2)
).map("".join)
PUNCTUATED = st.lists(TOKEN, min_size=1, max_size=30).map("".join)  # words as typed
ANY = st.text(alphabet=list("检查食品核对属实abXY01") + list(CLOSING + OPENING), min_size=1)


def _broken(text: str, room: float, runs: bool) -> list[str]:
    breaker = RoundWidths()
    return [line.text for line in breaker.lines(text, room, runs=runs)]


def _allowed(text: str, p: int) -> bool:
    return text[p] not in CANNOT_START and text[p - 1] not in CANNOT_END


@settings(max_examples=400, deadline=None)
@given(text=ANY, room=st.floats(min_value=1, max_value=200), runs=st.booleans())
def test_every_character_is_kept_in_order_and_a_mark_breaks_only_where_it_must(
    text: str, room: float, runs: bool
) -> None:
    broken = _broken(text, room, runs)
    assert "".join(broken) == text
    assert all(broken)
    start = 0
    for line, following in pairwise(broken):
        end = start + len(line)
        if following[0] in CANNOT_START or line[-1] in CANNOT_END:
            # Only where no break in the line was allowed (a run of marks longer than
            # the line, or a cell one character wide).
            assert not any(_allowed(text, p) for p in range(start + 1, end + 1))
        start = end


@settings(max_examples=400, deadline=None)
@given(text=PUNCTUATED, room=st.floats(min_value=50, max_value=200), runs=st.booleans())
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    text: str, room: float, runs: bool
) -> None:
    # Room for the widest word with its marks (50): a break is always allowed.
    broken = _broken(text, room, runs)
    assert "".join(broken) == text
    for line, following in pairwise(broken):
        assert following[0] not in CANNOT_START, (line, following)
        assert line[-1] not in CANNOT_END, (line, following)


# ---- the reports that use Paragraph -----------------------------------------------------------


def test_a_paragraph_breaks_by_the_same_rule() -> None:
    keep_chinese_punctuation_off_line_starts()
    font = find_cjk_font()
    style = ParagraphStyle("p", fontName=font.name, fontSize=10, leading=14, wordWrap="CJK")
    em = 10.0
    one_run = Paragraph("检查属实）。生产", style)
    one_run.wrap(4 * em + 0.01, 1000)
    assert [" ".join(words) for _, words in one_run.blPara.lines] == ["检查属", "实）。生", "产"]
    several = Paragraph('<font color="red">检</font>查食（生产）', style)  # two runs
    several.wrap(4 * em + 0.01, 1000)
    texts = ["".join(w.text for w in line.words) for line in several.blPara.lines]
    assert texts == ["检查食", "（生产）"]
