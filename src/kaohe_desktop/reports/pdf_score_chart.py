"""The score sheet's chart: each department's 总分 as a horizontal bar, grouped by 组别
(best first within each group), drawn with reportlab.graphics shapes.

The sheet is mostly printed in black and white, so a bar's grey says its grade (dark
for 优秀, white for 较差, each with a black outline, named in the legend), every bar
carries its total in figures, and the grade lines (优秀线, 良好线, 较差线) are dashed
lines named in words. The axis starts at 0: a bar's length is its total.

A bureau of hundreds of departments does not fit one page, so the chart comes as
several drawings of at most `rows_per_part` lines, all on one scale.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.reports.score_sheet_content import GroupSection, ScoreSheet

CHART_TITLE = "各科室总分（按组别）"
GRADE_FILLS = {
    DepartmentGrade.EXCELLENT.label: colors.Color(0.25, 0.25, 0.25),
    DepartmentGrade.GOOD.label: colors.Color(0.55, 0.55, 0.55),
    DepartmentGrade.AVERAGE.label: colors.Color(0.82, 0.82, 0.82),
    DepartmentGrade.POOR.label: colors.white,
}
_LABEL_SIZE = 8.0
_GROUP_SIZE = 9.0
_TITLE_SIZE = 10.5
_ROW = 14.0  # height per line (a department or a group's name)
_BAR = 9.0
_TOP = 26.0  # the title and the legend
_BOTTOM = 26.0  # the value axis and the grade lines' names
_VALUE_ROOM = 40.0  # right of the longest bar: its total in figures
_LINE_GREY = colors.Color(0.35, 0.35, 0.35)
_GRID_GREY = colors.Color(0.8, 0.8, 0.8)


_Line = tuple[str, str, Decimal | None, str]  # (kind, text, total, grade)


def _lines(groups: Sequence[GroupSection]) -> list[_Line]:
    """(kind, text, total, grade) per line: a group's heading, then its departments."""
    lines: list[_Line] = []
    for group in groups:
        lines.append(("group", group.heading, None, ""))
        lines += [("department", row.department, row.total, row.grade) for row in group.rows]
    return lines


def _split(lines: list[_Line], most: int) -> list[list[_Line]]:
    """Parts of about `most` lines at most, as even as may be (no part of three lines
    after three full ones); a group's name is never the last line of a part."""
    count = max(1, math.ceil(len(lines) / most))
    size = math.ceil(len(lines) / count)
    parts: list[list[_Line]] = [[]]
    for line in lines:
        if len(parts[-1]) >= size:
            parts.append([])
        parts[-1].append(line)
    for index in range(len(parts) - 1):
        if parts[index][-1][0] == "group":
            parts[index + 1].insert(0, parts[index].pop())
    return [part for part in parts if part]


def _scale_top(sheet: ScoreSheet) -> float:
    """The axis end: the highest total or the full score, up to the next hundred."""
    highest = max([float(row.total) for row in sheet.rows] + [float(sheet.base)])
    return float(math.ceil(highest / 100) * 100) or 100.0


def chart_parts(
    sheet: ScoreSheet, width: float, font: str, rows_per_part: int = 30
) -> list[Drawing]:
    """Drawings `width` wide, each of at most `rows_per_part` lines (a group's name
    takes one), with the sheet's grade lines."""
    lines = _lines(sheet.groups)
    parts = _split(lines, rows_per_part)
    top = _scale_top(sheet)
    # The names column fits the longest department name and the longest group name.
    left = 10 + max(
        stringWidth(text, font, _LABEL_SIZE if kind == "department" else _GROUP_SIZE)
        for kind, text, _total, _grade in lines
    )
    return [
        _part(part, index, len(parts), top, left, sheet.grade_lines, width, font)
        for index, part in enumerate(parts)
    ]


_Anchor = Literal["start", "middle", "end"]


def _text(
    x: float, y: float, text: str, font: str, size: float, anchor: _Anchor = "start"
) -> String:
    return String(x, y, text, fontName=font, fontSize=size, textAnchor=anchor)


def _box(x: float, y: float, width: float, height: float, fill: colors.Color) -> Rect:
    box = Rect(x, y, width, height)
    # Set after construction: types-reportlab's Rect keywords leave these out.
    box.strokeColor, box.strokeWidth, box.fillColor = colors.black, 0.5, fill
    return box


def _part(
    lines: Sequence[_Line],
    index: int,
    count: int,
    top: float,
    left: float,
    grade_lines: Sequence[tuple[str, Decimal]],
    width: float,
    font: str,
) -> Drawing:
    plot = width - left - _VALUE_ROOM
    height = _TOP + _BOTTOM + _ROW * len(lines)
    drawing = Drawing(width, height)
    title = CHART_TITLE if count == 1 else f"{CHART_TITLE}（{index + 1}/{count}）"
    drawing.add(_text(0, height - _TITLE_SIZE, title, font, _TITLE_SIZE))
    _legend(drawing, width, height, font)

    def x_of(value: float) -> float:
        return left + plot * value / top

    floor, ceiling = _BOTTOM, _BOTTOM + _ROW * len(lines)
    step = 100 if top <= 1200 else 200
    for tick in range(0, int(top) + 1, step):
        x = x_of(tick)
        drawing.add(Line(x, floor, x, ceiling, strokeColor=_GRID_GREY, strokeWidth=0.3))
        drawing.add(_text(x, floor - 10, str(tick), font, _LABEL_SIZE, "middle"))
    drawing.add(Line(left, floor, left, ceiling, strokeColor=colors.black, strokeWidth=0.6))
    for number, (kind, text, total, grade) in enumerate(lines):
        middle = ceiling - _ROW * (number + 0.5)
        if kind == "group" or total is None:
            drawing.add(_text(0, middle - _GROUP_SIZE * 0.35, text, font, _GROUP_SIZE))
            continue
        baseline = middle - _LABEL_SIZE * 0.35
        drawing.add(_text(left - 4, baseline, text, font, _LABEL_SIZE, "end"))
        end = x_of(max(float(total), 0.0))
        fill = GRADE_FILLS.get(grade, colors.white)
        drawing.add(_box(left, middle - _BAR / 2, end - left, _BAR, fill))
        drawing.add(_text(end + 3, baseline, f"{total:.2f}", font, _LABEL_SIZE))
    for name, line_at in grade_lines:
        x = x_of(float(line_at))
        drawing.add(
            Line(x, floor, x, ceiling + 2, strokeColor=_LINE_GREY, strokeWidth=0.8,
                 strokeDashArray=(3, 2))
        )  # fmt: skip
        label = f"{name} {line_at.normalize():f}"
        drawing.add(_text(x, floor - 20, label, font, _LABEL_SIZE - 0.5, "middle"))
    return drawing


def _legend(drawing: Drawing, width: float, height: float, font: str) -> None:
    """The grades and their greys, in one line at the top right."""
    x = width
    y = height - _TITLE_SIZE
    for label, fill in reversed(GRADE_FILLS.items()):
        x -= stringWidth(label, font, _LABEL_SIZE)
        drawing.add(_text(x, y, label, font, _LABEL_SIZE))
        x -= 14
        drawing.add(_box(x, y - 1, 10, 8, fill))
        x -= 10
