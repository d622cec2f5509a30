"""A ruled form for A4 documents: label | value (| label | value) rows, groups of rows
under one label that still break across pages, and ruled blank lines for handwriting.
The 督办单 is drawn with it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import Flowable

RULE_GAP = 6.8 * mm  # between the ruled lines left for handwriting
LABEL_SHADE = colors.Color(0.9, 0.9, 0.9)


class RuledLines(Flowable):
    """Blank ruled lines inside a cell, for handwriting."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self._lines = lines
        self._width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._width = available_width
        return available_width, self._lines * RULE_GAP

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeGray(0.45)
        canvas.setLineWidth(0.4)
        for n in range(self._lines):
            y = n * RULE_GAP + 1.5 * mm
            canvas.line(0, y, self._width, y)
        canvas.restoreState()


CHUNK = 160  # characters of a long text per table row (rows, not lines, split pages)


def text_chunks(text: str) -> list[str]:
    """A long text as pieces of about CHUNK characters, cut after a sentence where one
    ends nearby: a table splits between rows only, so a 1000-character problem in one
    row would leave a page empty and push the whole row to the next."""
    pieces: list[str] = []
    for line in text.splitlines() or [""]:
        sentences = re.split(r"(?<=[。；;！？])", line)
        current = ""
        for sentence in sentences:
            while len(sentence) > CHUNK:
                cut = CHUNK - len(current)
                current, sentence = current + sentence[:cut], sentence[cut:]
                pieces.append(current)
                current = ""
            if current and len(current) + len(sentence) > CHUNK:
                pieces.append(current)
                current = ""
            current += sentence
        pieces.append(current)
    return pieces


class BoxedTable(Table):
    """A table whose every part, when it breaks across pages, is boxed all round
    (reportlab leaves the edges at the break open)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for n, part in enumerate(parts):
            if not isinstance(part, Table):
                continue
            # A group's inner rows have no padding between them; at a break they get it.
            edges: list[tuple[Any, ...]] = [("BOX", (0, 0), (-1, -1), 1.4, colors.black)]
            if n > 0:
                edges.append(("TOPPADDING", (0, 0), (-1, 0), 5))
            if n < len(parts) - 1:
                edges.append(("BOTTOMPADDING", (0, -1), (-1, -1), 5))
            part.setStyle(TableStyle(edges))
        return parts


class RuledForm:
    """A ruled form of label | value (| label | value) rows. A group of rows under one
    label (the tasks, a long problem) has no rules between its rows, so it reads as one
    cell and still breaks across pages between its rows."""

    def __init__(self, font: str, columns: Sequence[float], size: float, leading: float) -> None:
        self.font, self.columns, self.size, self.leading = font, list(columns), size, leading
        self.data: list[list[Any]] = []
        self.commands: list[tuple[Any, ...]] = []
        self._min_heights: dict[int, float] = {}

    def _start_group(self) -> int:
        row = len(self.data)
        if row:
            self.commands.append(("LINEABOVE", (0, row), (-1, row), 0.6, colors.black))
        return row

    def header(self, cell: Any) -> None:
        row = self._start_group()
        self.data.append([cell, "", "", ""])
        self.commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), LABEL_SHADE),
        ]

    def pair(self, label: Any, value: Any, label2: Any, value2: Any) -> None:
        row = self._start_group()
        self.data.append([label, value, label2, value2])
        self.commands += [
            ("LINEAFTER", (0, row), (2, row), 0.6, colors.black),
            ("BACKGROUND", (2, row), (2, row), LABEL_SHADE),
        ]

    def wide(self, label: Any, values: list[Any], min_height: float = 0.0) -> None:
        first = self._start_group()
        last = first + len(values) - 1
        for n, value in enumerate(values):
            self.data.append([label if n == 0 else "", value, "", ""])
            self.commands.append(("SPAN", (1, first + n), (3, first + n)))
        self.commands += [
            ("LINEAFTER", (0, first), (0, last), 0.6, colors.black),
            ("TOPPADDING", (0, first + 1), (-1, last), 0),
            ("BOTTOMPADDING", (0, first), (-1, last - 1), 0),
        ]
        if len(values) > 1:  # the label at the top of a group that may break across pages
            self.commands.append(("VALIGN", (0, first), (0, last), "TOP"))
        if min_height:
            self._min_heights[last] = min_height

    def table(self) -> Table:
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.font, self.size, self.leading),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE),
            *self.commands,
            ("BOX", (0, 0), (-1, -1), 1.4, colors.black),
        ]
        minimum = [self._min_heights.get(row, 0.0) for row in range(len(self.data))]
        return BoxedTable(self.data, colWidths=self.columns, style=TableStyle(style),
                           minRowHeights=minimum)  # fmt: skip
