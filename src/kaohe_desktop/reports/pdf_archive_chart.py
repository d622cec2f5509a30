"""The small chart of a person's 综合得分 over the quarters in the printed archive, drawn
with reportlab.graphics.

The archive is usually printed in black and white, so the chart is black and grey: a
line with a marker and its value at every quarter, and dashed guides at the grade bands
(好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60) labelled in words at the right.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from kaohe_desktop.reports.archive_content import ChartPoint

# The bands' lower bounds as DESIGN §4 states them (the chart's guides, not a rule).
BANDS = ((90, "好"), (80, "较好"), (60, "一般"))
_LABEL_SIZE = 7.5
_LEFT = 26.0  # the value axis and its numbers
_RIGHT = 30.0  # the band names
_TOP = 14.0  # room for the value over the highest point
_MOST_VALUE_LABELS = 24  # beyond this many quarters the values would run into each other
_GUIDE = colors.Color(0.55, 0.55, 0.55)


def _value_min(lowest: float) -> int:
    """The axis' foot: a multiple of ten some way below the lowest score (0 at the least)."""
    return max(0, math.floor((lowest - 5) / 10.0) * 10)


def composite_chart(
    points: Sequence[ChartPoint], width: float, height: float, font: str
) -> Drawing:
    """A Drawing `width` × `height` points of `points` (at least two), oldest first."""
    names = [point.quarter for point in points]
    values = [float(point.value) for point in points]
    plot_width = width - _LEFT - _RIGHT
    slot = plot_width / max(len(points), 1)
    widest = max(stringWidth(name, font, _LABEL_SIZE) for name in names)
    angle = 0 if widest <= slot * 0.92 else 45
    bottom = _LABEL_SIZE * 2.2 if angle == 0 else widest * 0.71 + _LABEL_SIZE * 1.6

    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    # types-reportlab says int for these sizes; reportlab itself takes any number.
    chart.x, chart.y = _LEFT, bottom  # type: ignore[assignment]
    chart.width, chart.height = plot_width, max(height - bottom - _TOP, 40.0)  # type: ignore[assignment]
    chart.data = [values]
    chart.joinedLines = 1
    chart.lines[0].strokeColor = colors.black
    chart.lines[0].strokeWidth = 1.2
    # makeMarker has no annotations in types-reportlab.
    marker = makeMarker("FilledCircle", size=4, fillColor=colors.black)  # type: ignore[no-untyped-call]
    chart.lines[0].symbol = marker
    if len(points) <= _MOST_VALUE_LABELS:
        chart.lineLabelFormat = "%.2f"
        chart.lineLabels.fontName = font
        chart.lineLabels.fontSize = _LABEL_SIZE
        chart.lineLabels.dy = 6
        chart.lineLabels.boxFillColor = colors.white  # legible over a band's guide
    category = chart.categoryAxis
    category.categoryNames = names
    category.labels.fontName, category.labels.fontSize = font, _LABEL_SIZE
    category.labels.angle = angle
    category.labels.boxAnchor = "n" if angle == 0 else "ne"
    category.labels.dy = -3
    low = _value_min(min(values))
    value_axis = chart.valueAxis
    value_axis.valueMin, value_axis.valueMax = low, 100
    value_axis.valueStep = 10 if 100 - low <= 60 else 20
    value_axis.labels.fontName, value_axis.labels.fontSize = font, _LABEL_SIZE
    drawing.add(chart)

    scale = chart.height / (100 - low)
    for bound, label in BANDS:
        if bound <= low:
            continue
        y = chart.y + (bound - low) * scale
        guide = Line(chart.x, y, chart.x + chart.width, y)
        guide.strokeColor, guide.strokeWidth, guide.strokeDashArray = _GUIDE, 0.5, (2, 2)
        drawing.add(guide)
        text = f"{label} ≥{bound}"
        drawing.add(
            String(chart.x + chart.width + 3, y - _LABEL_SIZE * 0.35, text,
                   fontName=font, fontSize=_LABEL_SIZE, fillColor=colors.black)
        )  # fmt: skip
    return drawing
