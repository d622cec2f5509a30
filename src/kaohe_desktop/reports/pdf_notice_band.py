"""The coloured band across the top of a 督办单, made to read in black and white too.

The colour is named in large black type on a white panel (红色督办, 黄色督办, 蓝色提醒),
and each colour has a pattern and a border of its own, so a grey photocopy or a
colour-blind reader tells them apart: 红 solid under a heavy border, 黄 diagonal
hatching inside a double border, 蓝 dots inside a dashed border.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.reports.notice_content import NoticeSheet

BAND_HEIGHT = 19 * mm


@dataclass(frozen=True)
class BandStyle:
    fill: colors.Color
    ink: colors.Color  # the pattern's colour
    pattern: str  # "solid", "hatch" or "dots"
    border: float  # line width of the border, points
    double: bool = False
    dashed: bool = False


BANDS: dict[NoticeColor, BandStyle] = {
    NoticeColor.RED: BandStyle(colors.Color(0.80, 0.08, 0.08), colors.black, "solid", 3.0),
    NoticeColor.YELLOW: BandStyle(
        colors.Color(1.0, 0.84, 0.0), colors.Color(0.35, 0.28, 0.0), "hatch", 1.0, double=True
    ),
    NoticeColor.BLUE: BandStyle(
        colors.Color(0.80, 0.89, 1.0), colors.Color(0.1, 0.3, 0.7), "dots", 1.0, dashed=True
    ),
}


class ColorBand(Flowable):
    """The band across the top: colour, pattern and border, and the words in a white
    panel in black, so the colour survives a black-and-white copy as words and pattern."""

    def __init__(self, sheet: NoticeSheet, font: str, width: float) -> None:
        super().__init__()
        self._sheet, self._font, self._width = sheet, font, width
        self._style = BANDS[sheet.color]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self._width, BAND_HEIGHT

    def draw(self) -> None:
        canvas, style, w, h = self.canv, self._style, self._width, BAND_HEIGHT
        canvas.saveState()
        canvas.setFillColor(style.fill)
        canvas.rect(0, 0, w, h, stroke=0, fill=1)
        path = canvas.beginPath()
        path.rect(0, 0, w, h)
        canvas.clipPath(path, stroke=0, fill=0)
        canvas.setStrokeColor(style.ink)
        canvas.setFillColor(style.ink)
        if style.pattern == "hatch":
            canvas.setLineWidth(1.6)
            step = 3.5 * mm
            x = -h
            while x < w:
                canvas.line(x, 0, x + h, h)
                x += step
        elif style.pattern == "dots":
            step = 3 * mm
            for row, y in enumerate(_steps(step / 2, h, step)):
                for x in _steps(step / 2 + (step / 2 if row % 2 else 0), w, step):
                    canvas.circle(x, y, 0.45 * mm, stroke=0, fill=1)
        canvas.restoreState()
        self._border()
        self._panel()

    def _border(self) -> None:
        canvas, style, w, h = self.canv, self._style, self._width, BAND_HEIGHT
        canvas.saveState()
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(style.border)
        if style.dashed:
            canvas.setDash(6, 3)
        inset = style.border / 2
        canvas.rect(inset, inset, w - 2 * inset, h - 2 * inset, stroke=1, fill=0)
        if style.double:
            gap = 2.2
            canvas.rect(gap + inset * 2, gap + inset * 2, w - 2 * (gap + inset * 2),
                        h - 2 * (gap + inset * 2), stroke=1, fill=0)  # fmt: skip
        canvas.restoreState()

    def _panel(self) -> None:
        """The words in black on white, on one line: 红 色 督 办 │ 紧急 · 限期整改."""
        canvas, sheet, font = self.canv, self._sheet, self._font
        words, small = _spaced(sheet.color_words), sheet.urgency
        big_size, small_size, pad, gap = 21.0, 10.0, 5 * mm, 4 * mm
        big_w, small_w = stringWidth(words, font, big_size), stringWidth(small, font, small_size)
        panel_w, panel_h = pad + big_w + 2 * gap + small_w + pad, BAND_HEIGHT - 6 * mm
        x0, y0 = (self._width - panel_w) / 2, (BAND_HEIGHT - panel_h) / 2
        baseline = y0 + (panel_h - big_size * 0.72) / 2
        canvas.saveState()
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.8)
        canvas.rect(x0, y0, panel_w, panel_h, stroke=1, fill=1)
        canvas.setFillColor(colors.black)
        bold_text(canvas, words, font, big_size, x0 + pad + big_w / 2, baseline)
        bar = x0 + pad + big_w + gap
        canvas.setLineWidth(0.6)
        canvas.line(bar, y0 + 2.5 * mm, bar, y0 + panel_h - 2.5 * mm)
        canvas.setFont(font, small_size)
        canvas.drawString(bar + gap, baseline + 1, small)
        canvas.restoreState()


def _steps(start: float, stop: float, step: float) -> list[float]:
    values, value = [], start
    while value < stop:
        values.append(value)
        value += step
    return values


def _spaced(text: str) -> str:
    return " ".join(text)


def bold_text(canvas: Any, text: str, font: str, size: float, centre: float, y: float) -> None:
    """There is no bold CJK face to embed; fill-and-stroke thickens whatever font is in
    use (as the running titles do), and survives any printer."""
    canvas.saveState()
    width = stringWidth(text, font, size)
    obj = canvas.beginText()
    obj.setFont(font, size)
    obj.setTextRenderMode(2)
    canvas.setLineWidth(size * 0.03)
    canvas.setStrokeColor(colors.black)
    obj.setTextOrigin(centre - width / 2, y)
    obj.textOut(text)
    canvas.drawText(obj)
    canvas.restoreState()


class BoldLine(Flowable):
    """One centred line of bold CJK text (the title)."""

    def __init__(self, text: str, font: str, size: float, width: float) -> None:
        super().__init__()
        self._text, self._font, self._size, self._width = text, font, size, width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self._width, self._size * 1.25

    def draw(self) -> None:
        bold_text(self.canv, self._text, self._font, self._size, self._width / 2, self._size * 0.3)
