"""Chinese text broken into lines by reportlab's Paragraph rules, without Paragraph.

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
- a text Paragraph holds as one run (no hard break, no mark, no escaped &, < or >
  beside other text) has its lines trimmed; one of several runs keeps their spaces.

pdf_cjk_cell draws the lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from unicodedata import category

from reportlab.lib import textsplit as rl_textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

# reportlab's CJK line breaker keeps Japanese closing marks off the start of a line but
# not the Chinese ones, so a line could begin with "，".
CHINESE_CANNOT_START = "，；：？！”’》〉」』】"
# Read once, with the Chinese marks added, so TextCell does not depend on whether
# keep_chinese_punctuation_off_line_starts has run.
CANNOT_START = frozenset(rl_textsplit.ALL_CANNOT_START + CHINESE_CANNOT_START)
_FUZZ = 1e-6  # reportlab's rl_config._FUZZ, which its breakers compare with


def keep_chinese_punctuation_off_line_starts() -> None:
    """For the reports that still use Paragraph: both of reportlab's CJK breakers
    (single-run and mixed-run paragraphs) read this module-level table; adding to it only
    changes where such a mark goes."""
    for module in (rl_textsplit, rl_paragraph):
        table: str = module.ALL_CANNOT_START
        missing = "".join(ch for ch in CHINESE_CANNOT_START if ch not in table)
        if missing:
            # The stubs make textsplit's table Final and leave paragraph's re-export out.
            module.ALL_CANNOT_START = table + missing  # type: ignore[attr-defined]


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
        # A transcription of reportlab's dumbSplit (one run) and cjkFragSplit (several),
        # which differ only in trimming and in hard breaks; the names are theirs.
        widths = [self.width(ch) for ch in text]
        lines: list[Line] = []
        i = start = 0
        used = 0.0
        count = len(text)
        while i < count:
            ch, w = text[i], widths[i]
            used += w
            i += 1
            hard = runs and ch == "\n"
            if not hard and not (used > room + _FUZZ and used > 0):
                continue
            extra = room - used
            if not hard:
                if ord(ch) < 0x3000:  # inside a Latin run: back to a space or a Chinese character
                    for j in range(i - 1, (start + i) >> 1, -1):
                        cj = text[j]
                        if category(cj) == "Zs" or ord(cj) >= 0x3000:
                            k = j + 1
                            if k < i:
                                extra += sum(widths[k + 1 : i])
                                w, ch, i = widths[k], text[k], k + 1
                                break
                if ch not in CANNOT_START and i > start + 1:
                    i -= 1  # the overflowing character starts the next line
                    extra += w
            piece = text[start:i]
            if runs:
                lines.append(Line(piece[:-1] if hard else piece, extra))
            else:
                lines.append(Line(piece.strip(), extra))
            start, used = i, 0.0
        if used > 0:
            lines.append(Line(text[start:], room - used))
        return lines
