"""A table cell of plain text broken between Chinese characters, drawn without Paragraph.

TextCell holds its text broken by pdf_cjk_lines (Paragraph's rules, cached) and draws
where a Paragraph with wordWrap="CJK" drew it, so the page looks the same: the first
baseline the font size below the cell's top, one leading per line, a centred line moved
by half its room. In a TrueType font (the embedded one) it writes the text operators
itself, as reportlab's ttfonts documents for a dynamic font, with each line's operators
cached for the document: the same words on every row cost one lookup. Otherwise (the
STSong fallback, a coloured mark) it goes through reportlab's text object.

The one difference from Paragraph: a row taller than a page is cut between lines and the
rest keeps the lines it had; Paragraph re-broke the rest, which gave the same lines
except where it put a space at a cut (after a mark or a hard break) that could move a
break.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.reports.pdf_cjk_lines import Line, LineBreaker


class _TextOps:
    """The text operators of lines in one TrueType font for one document: per line its
    runs, each a subset of the font (reportlab embeds a TrueType font as subsets of 256
    glyphs) and the string shown. A subset's glyphs are fixed once assigned, so a line's
    operators stay right for the whole document."""

    def __init__(self, font: Any) -> None:
        self.font = font
        self._runs: dict[str, tuple[tuple[int, str], ...]] = {}
        self._names: dict[int, str] = {}

    def runs(self, text: str, doc: object) -> tuple[tuple[int, str], ...]:
        found = self._runs.get(text)
        if found is None:
            found = self._runs[text] = tuple(
                (subset, f"({escapePDF(chunk)}) Tj")
                for subset, chunk in self.font.splitString(text, doc)
            )
        return found

    def name(self, subset: int, doc: object) -> str:
        found = self._names.get(subset)
        if found is None:
            found = self._names[subset] = self.font.getSubsetInternalName(subset, doc)
        return found


# Per document (held weakly, as reportlab holds its own subsets) and font name.
_OPS: WeakKeyDictionary[object, dict[str, _TextOps]] = WeakKeyDictionary()


def _ops(font_name: str, canvas: Any) -> _TextOps | None:
    """The operators cache for this font in the canvas's document, or None where
    reportlab's text object must write the text (a CID font, shaping, top-down)."""
    font = getFont(font_name)
    if not getattr(font, "_dynamicFont", False) or getattr(font, "shapable", False):
        return None
    if not getattr(canvas, "bottomup", 1):
        return None
    per_font = _OPS.setdefault(canvas._doc, {})
    found = per_font.get(font_name)
    if found is None:
        found = per_font[font_name] = _TextOps(font)
    return found


@dataclass(frozen=True)
class CellStyle:
    """How a TextCell sets its text: one font, size and leading, left or centred within
    the indents (an indent leaves room for a hanging closing mark)."""

    breaker: LineBreaker
    leading: float
    centred: bool = False
    left_indent: float = 0.0
    right_indent: float = 0.0


class TextCell(Flowable):
    """Plain text in a table cell, broken between Chinese characters. `mark` is drawn in
    `mark_color` before the text, separated by a space (the ★ of a key task).

    Meant for a Table: drawn in the table's TEXTCOLOR, at the place the Table gives,
    without the save/translate/restore around every flowable."""

    def __init__(
        self,
        text: str,
        style: CellStyle,
        *,
        mark: str = "",
        mark_color: colors.Color = colors.black,
    ) -> None:
        super().__init__()
        self.style = style
        self.mark, self.mark_color = mark, mark_color
        self.text, self.runs = style.breaker.prepare(text, mark)
        self._broken: tuple[float, tuple[Line, ...]] | None = None  # (width, lines) last broken to
        self.width = self.height = 0.0

    def __repr__(self) -> str:
        return f"TextCell({self.text!r})"

    def lines(self, width: float) -> tuple[Line, ...]:
        broken = self._broken
        if broken is None or broken[0] != width:
            style = self.style
            room = width - style.left_indent - style.right_indent
            broken = self._broken = (width, style.breaker.lines(self.text, room, runs=self.runs))
        return broken[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Cut between lines, as Paragraph did (no orphan: at least two lines here)."""
        lines = self.lines(availWidth)
        fit = int(availHeight / self.style.leading)
        if fit <= 1:
            return []
        if len(lines) <= fit:
            return [self]
        return [self._part(availWidth, lines[:fit], self.mark), self._part(availWidth, lines[fit:])]

    def _part(self, width: float, lines: tuple[Line, ...], mark: str = "") -> TextCell:
        # The text only matters if the part were broken to another width.
        text = ("\n" if self.runs else "").join(line.text for line in lines)
        if mark:
            text = text[len(mark) :].lstrip(" ")
        part = TextCell(text, self.style, mark=mark, mark_color=self.mark_color)
        part.runs = self.runs
        part._broken = (width, lines)
        return part

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self._draw(canvas, x, y)

    def draw(self) -> None:
        self._draw(self.canv, 0.0, 0.0)

    def _draw(self, canvas: Any, x: float, y: float) -> None:
        lines = self.lines(self.width)
        if not lines:
            return
        style = self.style
        breaker = style.breaker
        x, y = x + style.left_indent, y + self.height - breaker.size
        ops = None if self.mark else _ops(breaker.font, canvas)
        if ops is not None:
            canvas.addLiteral(self._code(ops, canvas._doc, lines, x, y))
            return
        text = canvas.beginText(x, y)
        text.setFont(breaker.font, breaker.size, style.leading)
        first, *rest = lines
        self._line(text, first, self.mark, canvas._fillColorObj)
        for line in rest:
            self._line(text, line)
        canvas.drawText(text)

    def _code(self, ops: _TextOps, doc: object, lines: tuple[Line, ...], x: float, y: float) -> str:
        """What reportlab's text object writes for these lines (see _line)."""
        style = self.style
        font_op = f"{fp_str(style.breaker.size)} Tf {fp_str(style.leading)} TL"
        code = [f"BT 1 0 0 1 {fp_str(x, y)} Tm"]
        current = -1
        for line in lines:
            shift = 0.5 * line.extra if style.centred else 0.0
            moved = shift > 1e-6 or shift < -1e-6
            if moved:
                code.append(f"{fp_str(shift, 0)} Td")
            for subset, shown in ops.runs(line.text, doc):
                if subset != current:
                    code.append(f"{ops.name(subset, doc)} {font_op}")
                    current = subset
                code.append(shown)
            code.append("T*")
            if moved:
                code.append(f"{fp_str(-shift, 0)} Td")
        code.append("ET")
        return " ".join(code)

    def _line(self, text: Any, line: Line, mark: str = "", color: Any = None) -> None:
        # The operators Paragraph writes: a centred line moves right by half its room,
        # writes, goes down a line (T*) and moves back.
        shift = 0.5 * line.extra if self.style.centred else 0.0
        if shift > 1e-6 or shift < -1e-6:
            text.moveCursor(shift, 0)
        body = line.text
        if mark and body.startswith(mark):
            text.setFillColor(self.mark_color)
            text.textOut(mark)
            text.setFillColor(color)  # back to the table's text colour
            body = body[len(mark) :]
        text.textLine(body)
        if shift > 1e-6 or shift < -1e-6:
            text.moveCursor(-shift, 0)


class _Empty(Flowable):
    """Nothing, for an empty cell: reportlab's Table draws an empty string as a text
    object with no text in it (a tenth of a filled chart's cells are empty)."""

    _ZEROSIZE = True

    def __repr__(self) -> str:
        return "EMPTY"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        pass


EMPTY = _Empty()  # holds no state, so every empty cell can share it
