"""The grade distribution of the 汇总表: one stacked bar per department, 好 / 较好 / 一般 /
较差 from the bottom up, drawn with reportlab.graphics.

The page is usually printed in black and white, so the grades differ by grey level
(dark for 好, white for 较差, each with a black outline) and every segment carries its
count: the chart reads without colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from kaohe_desktop.reports.ranking_content import GRADE_LABELS, DepartmentSection

CHART_TITLE = "各科室等次分布（人数）"
# Grey per grade, darkest for 好; the label on a dark segment is white.
FILLS = (colors.Color(0.2, 0.2, 0.2), colors.Color(0.5, 0.5, 0.5),
         colors.Color(0.8, 0.8, 0.8), colors.white)  # fmt: skip
LABEL_COLORS = (colors.white, colors.white, colors.black, colors.black)
_LABEL_SIZE = 8.5
_TITLE_SIZE = 11
_TOP = 40.0  # title and legend above the plot
_LEFT = 32.0  # the value axis and its numbers
_RIGHT = 8.0
_MAX_BAR = 36.0  # a bureau of three departments still gets slim bars


def _value_step(largest: int) -> int:
    """A whole-number tick step giving at most about eight ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if largest / step <= 8:
            return step
    return math.ceil(largest / 8)


def grade_chart(
    sections: Sequence[DepartmentSection], width: float, height: float, font: str
) -> Drawing:
    """A Drawing `width` × `height` points; department names in `font` (a CJK font)."""
    names = [section.name for section in sections]
    data = [
        [section.counts.by_grade()[grade] for section in sections]
        for grade in range(len(GRADE_LABELS))
    ]
    plot_width = width - _LEFT - _RIGHT
    slot = plot_width / max(len(sections), 1)
    widest = max((stringWidth(name, font, _LABEL_SIZE) for name in names), default=0.0)
    # Names side by side while they fit under their bar, else turned (they never overlap).
    angle = 0 if widest <= slot * 0.92 else (45 if slot > _LABEL_SIZE * 1.6 else 90)
    if angle == 0:
        bottom = _LABEL_SIZE * 2.4
    else:
        bottom = widest * math.sin(math.radians(angle)) + _LABEL_SIZE * 1.8

    drawing = Drawing(width, height)
    drawing.add(String(0, height - _TITLE_SIZE, CHART_TITLE, fontName=font, fontSize=_TITLE_SIZE))

    chart = VerticalBarChart()
    # types-reportlab says int for these sizes; reportlab itself takes any number.
    chart.x, chart.y = _LEFT, bottom  # type: ignore[assignment]
    chart.width, chart.height = plot_width, max(height - _TOP - bottom, 40.0)  # type: ignore[assignment]
    chart.data = data
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = names
    labels = chart.categoryAxis.labels
    labels.fontName, labels.fontSize, labels.angle = font, _LABEL_SIZE, angle
    labels.boxAnchor = "n" if angle == 0 else "ne"
    labels.dy = -4 if angle == 0 else -2
    labels.dx = 0 if angle == 0 else 3
    largest = max((sum(column) for column in zip(*data, strict=True)), default=0)
    step = _value_step(largest)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step, math.ceil(largest / step) * step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = _LABEL_SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.75, 0.75, 0.75)
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.gridStrokeDashArray = (1, 2)
    # In the slot's own units, so reportlab's scaling of the category axis keeps them.
    bar = min(_MAX_BAR, slot * 0.7)
    # int in types-reportlab, any number in reportlab (as for chart.x above).
    chart.barWidth, chart.barSpacing, chart.groupSpacing = bar, 0, slot - bar  # type: ignore[assignment]
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.6
    for grade, fill in enumerate(FILLS):
        chart.bars[grade].fillColor = fill
    chart.barLabelFormat = lambda value: str(int(value)) if value else ""
    chart.barLabels.boxTarget = "mid"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = _LABEL_SIZE
    for grade, color in enumerate(LABEL_COLORS):
        for column in range(len(sections)):
            chart.barLabels[(grade, column)].fillColor = color
    drawing.add(chart)

    legend = Legend()
    legend.colorNamePairs = list(zip(FILLS, GRADE_LABELS, strict=True))
    legend.fontName, legend.fontSize = font, 9
    legend.alignment = "right"
    legend.columnMaximum = 1  # one row: each grade its own column
    legend.dx = legend.dy = 9
    legend.dxTextSpace = 4
    widest_label = max(stringWidth(label, font, 9) for label in GRADE_LABELS)
    # int in types-reportlab, any number in reportlab (as for chart.x above).
    legend.deltax = legend.dx + legend.dxTextSpace + widest_label + 12  # type: ignore[assignment]
    legend.strokeColor = colors.black
    legend.strokeWidth = 0.6
    legend.boxAnchor = "ne"
    legend.x, legend.y = width, height - 2  # type: ignore[assignment]  # as deltax
    drawing.add(legend)
    return drawing
