"""A person's 综合得分 over the quarters: one line, drawn with QPainter.

Readable without colour: every point carries its score and 等次 written beside it, the
quarters are named under the axis, and the vertical axis says where it starts (scores
sit between 60 and 100; an axis from 0 would flatten every line). With fewer than two
scored quarters there is no line to draw, and the chart says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kaohe_desktop.services.archive.views import ArchiveQuarter
from kaohe_desktop.ui.common.table_model import format_value

LINE_COLOR = "#1f5fa8"
_STEP = Decimal(5)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_YOf = Callable[[Decimal], float]  # a score's y on the plot


@dataclass(frozen=True)
class ChartPoint:
    quarter: str  # "2026Q2"
    score: Decimal
    grade: str | None


def chart_points(quarters: Sequence[ArchiveQuarter]) -> list[ChartPoint]:
    """Every scored quarter, oldest first (the archive's order)."""
    return [
        ChartPoint(q.quarter, q.composite, q.grade if q.no_grade_reason is None else None)
        for q in quarters
        if q.composite is not None
    ]


def axis_range(points: Sequence[ChartPoint]) -> tuple[Decimal, Decimal]:
    """Round numbers (multiples of 5) a little below the lowest and above the highest."""
    low = min(p.score for p in points) - 1
    high = max(p.score for p in points) + 1
    low = (low / _STEP).to_integral_value(rounding=ROUND_FLOOR) * _STEP
    high = (high / _STEP).to_integral_value(rounding=ROUND_CEILING) * _STEP
    return low, max(high, low + _STEP)


def short_quarter(quarter: str) -> str:
    """ "2026Q2" → "26年2季"; the full label is in the table above."""
    year, _, number = quarter.partition("Q")
    return f"{year[2:]}年{number}季" if number else quarter


class QuarterScoreChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quarterScoreChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.points: list[ChartPoint] = []

    def set_quarters(self, quarters: Sequence[ArchiveQuarter]) -> None:
        self.points = chart_points(quarters)
        self.setToolTip(
            "\n".join(f"{p.quarter}  {format_value(p.score)}  {p.grade or ''}" for p in self.points)
        )
        self.update()

    def empty_text(self) -> str | None:
        if len(self.points) >= 2:
            return None
        if self.points:
            return self.tr(
                "Only one quarter is scored so far ({0}: {1}); the line appears with the second."
            ).format(self.points[0].quarter, format_value(self.points[0].score))
        return self.tr("No quarter is scored yet: the chart of 综合得分 appears from the second.")

    def sizeHint(self) -> QSize:
        return QSize(520, 190)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 190)

    # --- painting ---------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        text = self.empty_text()
        if text is not None:
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(self.rect().adjusted(12, 8, -12, -8)),
                _CENTER | int(Qt.TextFlag.TextWordWrap),
                text,
            )
            return
        self._paint(painter)

    def _paint(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        row = metrics.height()
        low, high = axis_range(self.points)
        left = metrics.horizontalAdvance("100.0") + 14
        plot = QRectF(left, row + 14, self.width() - left - 28, self.height() - 3 * row - 24)
        text_color = self.palette().text().color()
        painter.setPen(text_color)
        painter.drawText(
            QRectF(8, 2, self.width() - 16, row + 4),
            _LEFT,
            self.tr("综合得分 by quarter (axis from {0})").format(format_value(low)),
        )

        def y_of(value: Decimal) -> float:
            return plot.bottom() - float((value - low) / (high - low)) * plot.height()

        step = plot.width() / max(1, len(self.points) - 1)

        def x_of(number: int) -> float:
            return plot.left() + number * step

        self._grid(painter, plot, low, high, y_of)
        path = QPainterPath()
        positions = [QPointF(x_of(n), y_of(p.score)) for n, p in enumerate(self.points)]
        path.moveTo(positions[0])
        for position in positions[1:]:
            path.lineTo(position)
        color = QColor(LINE_COLOR)
        painter.setPen(QPen(color, 2))
        painter.drawPath(path)
        label_every = max(1, int((metrics.horizontalAdvance("26年4季") + 10) // max(1.0, step)) + 1)
        for number, (point, position) in enumerate(zip(self.points, positions, strict=True)):
            painter.setPen(QPen(color, 1))
            painter.setBrush(color)
            painter.drawEllipse(position, 3.5, 3.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(text_color)
            if number % label_every == 0 or number == len(self.points) - 1:
                value = format_value(point.score) + (f" {point.grade}" if point.grade else "")
                box = QRectF(position.x() - 50, position.y() - row - 6, 100, row)
                painter.drawText(self._inside(box, plot), _CENTER, value)
                painter.drawText(
                    QRectF(position.x() - 40, plot.bottom() + 6, 80, row),
                    _CENTER,
                    short_quarter(point.quarter),
                )

    def _inside(self, box: QRectF, plot: QRectF) -> QRectF:
        """Keep a value's label within the widget at both ends of the line."""
        if box.left() < plot.left() - 20:
            box.moveLeft(plot.left() - 20)
        if box.right() > self.width() - 2:
            box.moveRight(self.width() - 2)
        return box

    def _grid(
        self, painter: QPainter, plot: QRectF, low: Decimal, high: Decimal, y_of: _YOf
    ) -> None:
        row = self.fontMetrics().height()
        ticks = int((high - low) / _STEP)
        every = max(1, ticks // 4)
        value, number = low, 0
        while value <= high:
            y = y_of(value)
            if number % every == 0:
                painter.setPen(QPen(self.palette().mid().color(), 1, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
                painter.setPen(self.palette().text().color())
                painter.drawText(QRectF(0, y - row / 2, plot.left() - 6, row), _RIGHT, str(value))
            value += _STEP
            number += 1
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
