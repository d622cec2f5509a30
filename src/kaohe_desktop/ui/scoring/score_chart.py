"""The half's totals by group: one horizontal bar per department, highest first within
its group, drawn with QPainter.

Readable without colour: each bar ends in its total and grade written out (and
否决 where vetoed), the 优秀 and 良好 lines are dashed and labelled. Horizontal bars,
because department names are long Chinese words. The axis starts a little below the
lowest total, not at 0: totals sit between 600 and 1050, and bars from 0 would all
look alike; the axis says where it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.domain.half_year_scoring import DepartmentResult, HalfYearScoring
from kaohe_desktop.domain.quarterly_rules import plain
from kaohe_desktop.ui.scoring.score_texts import two_decimals

BAR_COLORS = {
    DepartmentGrade.EXCELLENT: "#2e7d32",
    DepartmentGrade.GOOD: "#81c784",
    DepartmentGrade.AVERAGE: "#ffb74d",
    DepartmentGrade.POOR: "#e53935",
}
_ROW = 20  # px per bar
_STEP = Decimal(50)
_STEPS = tuple(Decimal(n) for n in (50, 100, 200, 250, 500, 1000))  # axis ticks, as room allows
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_XOf = Callable[[Decimal], float]  # a score's x on the plot


@dataclass(frozen=True)
class ChartLine:
    """One line of the chart: a group heading (result None) or a department's bar."""

    text: str
    result: DepartmentResult | None = None


def chart_lines(scoring: HalfYearScoring) -> list[ChartLine]:
    """Groups in the order they first appear, departments by total, highest first."""
    groups: dict[str, list[DepartmentResult]] = {}
    for result in scoring.results:
        groups.setdefault(result.group, []).append(result)
    lines: list[ChartLine] = []
    for group, results in groups.items():
        if len(groups) > 1 or group:
            lines.append(ChartLine(group or "（未分组）"))
        for result in sorted(results, key=lambda r: (-r.total, r.rank_in_group)):
            lines.append(ChartLine(result.name, result))
    return lines


def axis_range(scoring: HalfYearScoring) -> tuple[Decimal, Decimal]:
    """From a round number below the lowest total (and the 良好 line) to one above the
    highest total (and the 优秀 line)."""
    totals = [r.total for r in scoring.results]
    rules = scoring.rules
    low = min([*totals, rules.good_min]) - _STEP
    high = max([*totals, rules.excellent_min]) + _STEP / 2
    low = max(Decimal(0), (low / _STEP).to_integral_value(rounding=ROUND_FLOOR) * _STEP)
    high = (high / _STEP).to_integral_value(rounding=ROUND_CEILING) * _STEP
    return low, high


class ScoreChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.scoring: HalfYearScoring | None = None
        self.lines: list[ChartLine] = []

    def set_scoring(self, scoring: HalfYearScoring | None) -> None:
        self.scoring = scoring if scoring is not None and scoring.results else None
        self.lines = chart_lines(self.scoring) if self.scoring is not None else []
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(340, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self._height())

    def _height(self) -> int:
        return 54 + (len(self.lines) + 2) * _ROW if self.lines else 80

    # --- painting ---------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if self.scoring is None:
            painter.setPen(self.palette().text().color())
            painter.drawText(
                self.rect().adjusted(8, 8, -8, -8),
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                self.tr("The chart appears when the half has departments."),
            )
            return
        self._paint(painter, self.scoring)

    def _paint(self, painter: QPainter, scoring: HalfYearScoring) -> None:
        metrics = self.fontMetrics()
        names = [line.text for line in self.lines if line.result is not None]
        widest = max(metrics.horizontalAdvance(n) for n in names) + 8
        name_width = min(widest, self.width() // 4, metrics.horizontalAdvance("药品医疗器械") + 8)
        value_width = metrics.horizontalAdvance("1000.00 良好 否决") + 8
        left, top = name_width + 4, 44
        plot = QRectF(left, top, max(40, self.width() - left - value_width - 8), 0)
        plot.setHeight(len(self.lines) * _ROW)
        low, high = axis_range(scoring)

        def x_of(value: Decimal) -> float:
            share = float((min(max(value, low), high) - low) / (high - low))
            return plot.left() + share * plot.width()

        text = self.palette().text().color()
        painter.setPen(text)
        painter.drawText(
            QRectF(4, 2, self.width() - 8, 20),
            _LEFT,
            self.tr("Totals by group (axis from {0})").format(plain(low)),
        )
        rules = scoring.rules
        painter.drawText(
            QRectF(4, 20, self.width() - 8, 20),
            _LEFT,
            self.tr("Dashed lines: 优秀 {0}, 良好 {1}").format(
                plain(rules.excellent_min), plain(rules.good_min)
            ),
        )
        heading = QFont(self.font())
        heading.setBold(True)
        for number, line in enumerate(self.lines):
            y = top + number * _ROW
            if line.result is None:
                painter.setFont(heading)
                painter.setPen(text)
                painter.drawText(QRectF(4, y, self.width() - 8, _ROW), _LEFT, line.text)
                painter.setFont(self.font())
                continue
            self._bar(painter, line.result, QRectF(4, y, name_width, _ROW), x_of, plot.left())
        self._thresholds(painter, scoring, plot, x_of)
        self._axis(painter, plot, low, high, x_of)

    def _bar(
        self,
        painter: QPainter,
        result: DepartmentResult,
        name_box: QRectF,
        x_of: _XOf,
        start: float,
    ) -> None:
        text = self.palette().text().color()
        painter.setPen(text)
        name = self.fontMetrics().elidedText(
            result.name, Qt.TextElideMode.ElideRight, int(name_box.width()) - 4
        )
        painter.drawText(name_box, _LEFT, name)
        end = x_of(result.total)
        bar = QRectF(start, name_box.top() + 3, max(1.0, end - start), _ROW - 6)
        color = QColor(BAR_COLORS[result.grade])
        painter.fillRect(bar, color)
        painter.setPen(QPen(color.darker(140), 1))
        painter.drawRect(bar)
        label = f"{two_decimals(result.total)} {result.grade.label}"
        if result.vetoed:
            label += " " + self.tr("veto")
        painter.setPen(text)
        painter.drawText(QRectF(end + 4, name_box.top(), 200, _ROW), _LEFT, label)

    def _thresholds(
        self, painter: QPainter, scoring: HalfYearScoring, plot: QRectF, x_of: _XOf
    ) -> None:
        rules = scoring.rules
        painter.setPen(QPen(self.palette().text().color(), 1, Qt.PenStyle.DashLine))
        for value in (rules.excellent_min, rules.good_min):
            x = int(x_of(value))
            painter.drawLine(x, int(plot.top()), x, int(plot.bottom()))

    def _axis(
        self, painter: QPainter, plot: QRectF, low: Decimal, high: Decimal, x_of: _XOf
    ) -> None:
        painter.setPen(self.palette().mid().color())
        bottom = int(plot.bottom())
        painter.drawLine(int(plot.left()), bottom, int(plot.right()), bottom)
        label = self.fontMetrics().horizontalAdvance("10000") + 8
        step = next(
            (s for s in _STEPS if plot.width() * float(s / (high - low)) >= label), _STEPS[-1]
        )
        tick = (low / step).to_integral_value(rounding=ROUND_CEILING) * step
        painter.setPen(self.palette().text().color())
        while tick <= high:
            x = x_of(tick)
            painter.drawLine(int(x), int(plot.bottom()), int(x), int(plot.bottom()) + 3)
            painter.drawText(
                QRectF(x - 30, plot.bottom() + 4, 60, _ROW),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                plain(tick),
            )
            tick += step
