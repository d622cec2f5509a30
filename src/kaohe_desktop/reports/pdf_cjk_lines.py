"""Chinese text broken into lines by reportlab's Paragraph rules and 禁则, without Paragraph.

A wall chart has some 30,000 cells of plain text; as Paragraphs each was parsed as
markup and broken with a stringWidth call per character, and that was half the time of
a county's print run. LineBreaker breaks by the same rules as reportlab's Paragraph with
wordWrap="CJK" (reportlab 4–5: paragraph.py's breakLinesCJK, textsplit.dumbSplit and
cjkFragSplit), from glyph widths cached per character, and caches the lines of a text
per width, so a requirement repeated on 200 rows is broken once:

- the text is cleaned as Paragraph cleans it: whitespace runs become one space, the
  ends are trimmed, a newline is a hard break;
- a line is filled while its width stays within the room; the character that
  overflows goes to the next line unless it may not start one (closing marks, kept
  on the line, hanging into the cell's padding); inside a Latin run the break goes
  back to the last space or Chinese character in the second half of the line;
- 禁则 on top of reportlab's rules: no line starts with a closing mark (also not the
  。 after a hanging ）) and none ends with an opening mark; the break moves back
  (break_spans says why). keep_chinese_punctuation_off_line_starts makes Paragraph
  break the same way, so this is the one line breaker of every PDF;
- a text Paragraph holds as one run (no hard break, no mark, no escaped &, < or >
  beside other text) has its lines trimmed; one of several runs keeps their spaces.

pdf_cjk_cell draws the lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, NamedTuple
from unicodedata import category

from reportlab.lib import textsplit as rl_textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

# 禁则 (GB/T 15834, W3C clreq §3.1.7): a closing mark never starts a line, an opening
# mark never ends one. reportlab's tables are Japanese; the Chinese marks are added.
CHINESE_CANNOT_START = "，；：？！”’》〉」』】〕〗）］｝…—"
CHINESE_CANNOT_END = "（［｛〔〖【《〈「『“‘"
# Read once, with the Chinese marks added, so TextCell does not depend on whether
# keep_chinese_punctuation_off_line_starts has run.
CANNOT_START = frozenset(rl_textsplit.ALL_CANNOT_START + CHINESE_CANNOT_START)
CANNOT_END = frozenset(rl_textsplit.ALL_CANNOT_END + CHINESE_CANNOT_END)
_FUZZ = 1e-6  # reportlab's rl_config._FUZZ, which its breakers compare with
_NO_BREAKS: frozenset[int] = frozenset()


class Span(NamedTuple):
    """One line of a broken text: text[start:end], the room left on it as reportlab
    counts it (negative: a hanging mark), the width reportlab reports as used, whether
    it ends at a hard break (the break character is text[end - 1]) and whether it is the
    rest after the last break."""

    start: int
    end: int
    extra: float
    used: float
    hard: bool = False
    last: bool = False


def break_spans(
    text: Sequence[str],
    widths: Sequence[float],
    rooms: Sequence[float],
    hard: AbstractSet[int] = _NO_BREAKS,
) -> list[Span]:
    """`text` (one character an item, each of `widths[i]`) broken into lines, the n-th
    `rooms[n]` wide (the last room for the rest); `hard` holds the indices of hard breaks.

    reportlab's rules (dumbSplit / cjkFragSplit): a line is filled while it fits; the
    character that overflows goes down unless it is a closing mark, which stays and
    hangs into the cell's padding (one mark at most: two would hang two full widths);
    inside a Latin run the break goes back to a space or a Chinese character in the
    line's second half. Then 禁则: if the next line would still start with a closing
    mark (the 。 after a hanging ）) or this one end on an opening mark, the break moves
    back (推出: the character before the marks goes down with them), as far as it must,
    never splitting a Latin word if it can help it. Hanging more marks instead would
    push them past the padding into the next cell. A line where no break is allowed
    (a cell one character wide, a run of marks longer than a line) keeps reportlab's
    break, so every line holds at least one character and breaking always ends."""
    spans: list[Span] = []
    i = start = 0
    used = 0.0
    room = rooms[0]
    count = len(text)
    any_hard = bool(hard)
    limit = room + _FUZZ
    while i < count:
        used += widths[i]
        i += 1
        # The hot loop: most characters fit, and most texts have no hard break.
        if used <= limit or used <= 0:
            if not any_hard or (i - 1) not in hard:
                continue
            at_hard = True
        else:
            at_hard = any_hard and (i - 1) in hard
        ch, w = text[i - 1], widths[i - 1]
        extra = room - used
        if not at_hard:
            # Inside a Latin run: back to a space or a Chinese character.
            if ch and ord(ch) < 0x3000:
                for j in range(i - 1, (start + i) >> 1, -1):
                    cj = text[j]
                    if cj and (category(cj) == "Zs" or ord(cj) >= 0x3000):
                        k = j + 1
                        if k < i:
                            extra += sum(widths[k + 1 : i])
                            w, ch, i = widths[k], text[k], k + 1
                            break
            if ch not in CANNOT_START and i > start + 1:
                i -= 1  # the overflowing character starts the next line
                extra += w
            if i < count and (text[i] in CANNOT_START or text[i - 1] in CANNOT_END):
                end = _allowed_end(text, start, i)
                if end < i:
                    moved = sum(widths[end:i])
                    extra += moved
                    used -= moved
                    i = end
        spans.append(Span(start, i, extra, used, at_hard))
        start, used = i, 0.0
        room = rooms[min(len(spans), len(rooms) - 1)]
        limit = room + _FUZZ
    if used > 0:
        spans.append(Span(start, count, room - used, used, last=True))
    return spans


def _allowed_end(text: Sequence[str], start: int, end: int) -> int:
    """The nearest end before `end` for the line from `start` that 禁则 allows, keeping
    a Latin word whole where one can; `end` itself if none does."""
    inside_word = end
    for p in range(end - 1, start, -1):
        after, before = text[p], text[p - 1]
        if after in CANNOT_START or before in CANNOT_END:
            continue
        if after.isascii() and before.isascii() and after.isalnum() and before.isalnum():
            if inside_word == end:
                inside_word = p
            continue
        return p
    return inside_word


def keep_chinese_punctuation_off_line_starts() -> None:
    """For the reports that still use Paragraph (wordWrap="CJK"): its two breakers,
    textsplit.dumbSplit (a paragraph of one run) and paragraph.cjkFragSplit (several),
    are replaced by ones that break by break_spans, so every PDF of the app follows the
    same 禁则 as TextCell. Both are looked up as module globals when a Paragraph is
    wrapped; calling this again changes nothing."""
    rl_textsplit.dumbSplit = _dumb_split
    rl_paragraph.cjkFragSplit = _cjk_frag_split  # type: ignore[attr-defined]


def clean(text: str) -> str:
    """The text as Paragraph sees it: whitespace runs one space, the ends trimmed (by
    reportlab's own cleaner, whose idea of whitespace has its quirks); a newline is
    markup there (<br/>) and stays."""
    if not any(ch in text for ch in "\n\xa0\u200b"):
        # What reportlab's cleaner comes to without those three (it is a third of the
        # time of making a cell): split on whitespace, join with one space.
        return " ".join(text.split())
    if "\n" not in text:
        return cleanBlockQuotedText(text)
    hold = next(chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    return cleanBlockQuotedText(text.replace("\n", hold)).replace(hold, "\n")


def several_runs(text: str, mark: str) -> bool:
    """Whether Paragraph would hold `text` (cleaned) as several runs: a mark or a hard
    break, or an escaped &, < or > (the parser makes each its own run) beside anything."""
    if mark or "\n" in text:
        return True
    return len(text) > 1 and any(ch in text for ch in "&<>")


@dataclass(frozen=True)
class Line:
    text: str
    extra: float  # room left on the line as reportlab counts it (negative: a hanging mark)


class LineBreaker:
    """Breaks text in one font and size; caches glyph widths and each text's lines per
    width (a breaker lives as long as one document, so the caches do too)."""

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self._widths: dict[str, float] = {"\n": 0.0}
        self._lines: dict[tuple[str, bool, float], tuple[Line, ...]] = {}
        self._prepared: dict[tuple[str, str], tuple[str, bool]] = {}

    def prepare(self, text: str, mark: str = "") -> tuple[str, bool]:
        """`text` after `mark` as Paragraph holds it: cleaned, and whether in several runs."""
        key = (text, mark)
        found = self._prepared.get(key)
        if found is None:
            cleaned = clean(f"{mark} {text}" if mark else text)
            found = self._prepared[key] = (cleaned, several_runs(cleaned, mark))
        return found

    def width(self, ch: str) -> float:
        found = self._widths.get(ch)
        if found is None:
            found = self._widths[ch] = stringWidth(ch, self.font, self.size)
        return found

    def lines(self, text: str, room: float, *, runs: bool) -> tuple[Line, ...]:
        """`text` (cleaned) broken to `room`; `runs` as a Paragraph of several runs."""
        key = (text, runs, room)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = tuple(self._break(text, room, runs))
        return found

    def _break(self, text: str, room: float, runs: bool) -> list[Line]:
        # reportlab's dumbSplit (one run) and cjkFragSplit (several) differ only in
        # trimming and in hard breaks; both now break by break_spans.
        widths = [self.width(ch) for ch in text]
        hard = _NO_BREAKS
        if runs and "\n" in text:
            hard = frozenset(i for i, ch in enumerate(text) if ch == "\n")
        lines: list[Line] = []
        for span in break_spans(text, widths, (room,), hard):
            piece = text[span.start : span.end]
            if span.hard:
                piece = piece[:-1]
            elif not (runs or span.last):
                piece = piece.strip()
            lines.append(Line(piece, span.extra))
        return lines


def _dumb_split(word: str, widths: Sequence[float], maxWidths: Any) -> list[list[Any]]:
    """textsplit.dumbSplit's result ([extra, text] per line, broken lines trimmed)."""
    rooms = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    lines: list[list[Any]] = []
    for span in break_spans(word, widths, rooms):
        piece = word[span.start : span.end]
        lines.append([span.extra, piece if span.last else piece.strip()])
    return lines


def _cjk_frag_split(frags: Any, maxWidths: Any, calcBounds: Any, encoding: str = "utf8") -> Any:
    """paragraph.cjkFragSplit's result: one glyph per item, a frag with lineBreak (a
    <br/>) a hard break."""
    paragraph: Any = rl_paragraph  # the stubs leave these helpers out
    glyphs: list[Any] = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        if text:
            glyphs.extend(paragraph.cjkU(t, frag, encoding) for t in text)
        else:
            glyphs.append(paragraph.cjkU(text, frag, encoding))
    widths = []
    for glyph in glyphs:
        w = glyph.width
        if hasattr(w, "normalizedValue"):  # a width in % of the line (an image)
            w._normalizer = maxWidths[0]
            w = w.normalizedValue(maxWidths[0])
        widths.append(w)
    hard = frozenset(i for i, glyph in enumerate(glyphs) if hasattr(glyph.frag, "lineBreak"))
    lines = [
        paragraph.makeCJKParaLine(
            glyphs[span.start : span.end],
            maxWidths[min(n, len(maxWidths) - 1)],
            span.used,
            span.extra,
            span.hard,
            calcBounds,
        )
        for n, span in enumerate(break_spans(glyphs, widths, maxWidths, hard))
    ]
    return paragraph.ParaLines(kind=1, lines=lines)
