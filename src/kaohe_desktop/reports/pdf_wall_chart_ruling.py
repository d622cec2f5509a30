"""The blank wall chart's writing room: the lines ruled in its quarter cells.

A routine task is checked once a quarter, so its cell gets a few dotted lines to write
a sentence or two on. A key task is checked every month, so its cell is ruled into
three bands, one per month of the quarter, each headed by its label (4月, 5月, 6月) for
the clerk to write that month's result in. The lines are drawn by the table's render
callback, the only place that knows a cell's final height (a row grows with the
text on its left).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus.flowables import Flowable


class MonthLines(Flowable):
    """The content of a key task's blank quarter cell: nothing to draw itself, it only
    tells rule_quarter_cell which months the cell is ruled into."""

    _ZEROSIZE = True

    def __init__(self, months: tuple[int, int, int]) -> None:
        super().__init__()
        self.months = months

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


def quarter_months(quarter: int) -> tuple[int, int, int]:
    """The months of quarter 1–4: (1, 2, 3) … (10, 11, 12)."""
    first = 3 * quarter - 2
    return first, first + 1, first + 2


def month_label(month: int) -> str:
    return f"{month}月"


@dataclass(frozen=True)
class Ruling:
    """How the lines are drawn on one paper size."""

    font: str  # a registered font name, for the month labels
    label_size: float
    pad: float  # the cell's side padding: dotted lines stay inside it
    guide_gap: float  # between a routine task's dotted lines


def rule_quarter_cell(
    canvas: Any,
    value: object,
    corner: tuple[float, float],
    size: tuple[float, float],
    ruling: Ruling,
) -> None:
    """Rule one blank quarter cell at `corner` (its bottom left) of `size`."""
    if isinstance(value, MonthLines):
        _month_bands(canvas, value.months, corner, size, ruling)
    else:
        _dotted_lines(canvas, corner, size, ruling)


def _dotted_lines(
    canvas: Any, corner: tuple[float, float], size: tuple[float, float], ruling: Ruling
) -> None:
    (x, y), (width, height) = corner, size
    lines = max(1, round(height / ruling.guide_gap))
    canvas.saveState()
    canvas.setStrokeGray(0.6)
    canvas.setLineWidth(0.35)
    canvas.setDash(1, 2)
    for index in range(1, lines):
        level = y + height * index / lines
        canvas.line(x + ruling.pad, level, x + width - ruling.pad, level)
    canvas.restoreState()


def _month_bands(
    canvas: Any,
    months: tuple[int, int, int],
    corner: tuple[float, float],
    size: tuple[float, float],
    ruling: Ruling,
) -> None:
    """Three bands, top to bottom the quarter's months, each headed by its label; the
    rules run the cell's full width so the bands read as rows of the table."""
    (x, y), (width, height) = corner, size
    band = height / len(months)
    canvas.saveState()
    canvas.setStrokeGray(0.45)
    canvas.setLineWidth(0.4)
    for index in range(1, len(months)):
        canvas.line(x, y + band * index, x + width, y + band * index)
    canvas.setFillGray(0.3)
    canvas.setFont(ruling.font, ruling.label_size)
    for index, month in enumerate(months):
        top = y + height - band * index
        canvas.drawString(x + ruling.pad, top - ruling.label_size - 1.5, month_label(month))
    canvas.restoreState()
