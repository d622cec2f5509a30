"""The 通报's chart: each department's 完成率 as a horizontal bar, drawn with
reportlab.graphics.

The bulletin is mostly printed in black and white, so the bars are one mid grey with a
black outline, each carries its rate in figures at its end, and the bureau's overall
rate is a dashed line named in words: nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from kaohe_desktop.reports.bulletin_content import CountsLine

CHART_TITLE = "各科室完成率"
BAR_FILL = colors.Color(0.6, 0.6, 0.6)
_LABEL_SIZE = 8.5
_TITLE_SIZE = 10.5
_ROW = 17.0  # height per department
_TOP = 30.0  # title and the bureau line's caption
_BOTTOM = 16.0  # the value axis numbers
_RIGHT = 44.0  # the column of rates


def chart_height(departments: int) -> float:
    return _TOP + _BOTTOM + _ROW * max(departments, 1)


def completion_chart(
    departments: Sequence[CountsLine], total: CountsLine, width: float, font: str
) -> Drawing:
    """A Drawing `width` wide with one bar per department, top to bottom in the order
    given (the bureau's); a department with nothing past due shows "—"."""
    height = chart_height(len(departments))
    names = [line.name for line in departments]
    left = max((stringWidth(n, font, _LABEL_SIZE) for n in names), default=0.0) + 8
    drawing = Drawing(width, height)
    drawing.add(String(0, height - _TITLE_SIZE, CHART_TITLE, fontName=font, fontSize=_TITLE_SIZE))

    chart = HorizontalBarChart()
    # types-reportlab says int for these sizes; reportlab itself takes any number.
    chart.x, chart.y = left, _BOTTOM  # type: ignore[assignment]
    chart.width = width - left - _RIGHT  # type: ignore[assignment]
    chart.height = _ROW * max(len(departments), 1)  # type: ignore[assignment]
    # reportlab draws the first category at the bottom: reversed, the first is on top.
    rows = list(reversed(departments))
    rates = [line.rate for line in rows]
    chart.data = [[0.0 if rate is None else rate * 100 for rate in rates]]
    chart.categoryAxis.categoryNames = [line.name for line in rows]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = _LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = _LABEL_SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.75, 0.75, 0.75)
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.gridStrokeDashArray = (1, 2)
    chart.barWidth = _ROW * 0.6  # type: ignore[assignment]  # as chart.x
    chart.groupSpacing = _ROW * 0.4  # type: ignore[assignment]
    chart.bars[0].fillColor = BAR_FILL
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.5
    drawing.add(chart)
    # The rate as the table prints it ("87.5%", "—"), in a column right of the plot, where
    # neither a long bar nor the bureau's line runs through it.
    for index, line in enumerate(rows):
        y = _BOTTOM + _ROW * (index + 0.5) - _LABEL_SIZE * 0.35
        drawing.add(
            String(width, y, line.rate_text(), fontName=font, fontSize=_LABEL_SIZE,
                   textAnchor="end")
        )  # fmt: skip

    if total.rate is not None:
        x = left + chart.width * total.rate
        top = _BOTTOM + chart.height
        rule = Line(x, _BOTTOM, x, top + 4, strokeColor=colors.black, strokeWidth=0.8)
        rule.strokeDashArray = (3, 2)
        drawing.add(rule)
        caption = f"全局完成率 {total.rate_text()}"
        drawing.add(
            String(x, top + 6, caption, fontName=font, fontSize=_LABEL_SIZE, textAnchor="middle")
        )
    return drawing
