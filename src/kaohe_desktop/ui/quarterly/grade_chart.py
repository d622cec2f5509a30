"""The grade distribution of a quarter per department: one stacked bar per department,
好 / 较好 / 一般 / 较差, with the count written in each part.

Horizontal bars, because department names are long Chinese words that would not fit
under vertical ones. 不定等次 and unscored people have no grade and are not drawn; a
quarter where nobody is graded yet shows a sentence instead of an empty frame.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import GRADE_ORDER
from kaohe_desktop.services.quarterly.views import GradingSheet

GRADE_COLORS = {
    QuarterGrade.GOOD: "#2e7d32",
    QuarterGrade.FAIRLY_GOOD: "#81c784",
    QuarterGrade.AVERAGE: "#ffb74d",
    QuarterGrade.POOR: "#e53935",
}


def grade_counts(sheet: GradingSheet) -> list[tuple[str, dict[QuarterGrade, int]]]:
    """(department, count per grade) in the bureau's department order."""
    counts: dict[int, dict[QuarterGrade, int]] = {
        department_id: dict.fromkeys(GRADE_ORDER, 0) for department_id, _name in sheet.departments
    }
    for row in sheet.rows:
        if row.no_grade_reason is None and row.grade is not None:
            counts.setdefault(row.department_id, dict.fromkeys(GRADE_ORDER, 0))[row.grade] += 1
    names = dict(sheet.departments)
    return [(names.get(department_id, ""), count) for department_id, count in counts.items()]


class GradeChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradeChart")
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.view = QChartView(self.chart)
        self.view.setObjectName("gradeChartView")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.empty = QLabel()
        self.empty.setObjectName("gradeChartEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.empty)
        self.counts: list[tuple[str, dict[QuarterGrade, int]]] = []
        self.set_sheet(None)

    def set_sheet(self, sheet: GradingSheet | None) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.counts = grade_counts(sheet) if sheet is not None else []
        graded = sum(sum(count.values()) for _name, count in self.counts)
        if sheet is None or graded == 0:
            self.empty.setText(
                self.tr("No quarter is shown.")
                if sheet is None
                else self.tr("Nobody of {0} is graded yet: the chart appears with the first "
                         "grades.").format(sheet.quarter.label())
            )  # fmt: skip
            self._stack.setCurrentWidget(self.empty)
            return
        assert sheet is not None
        self.chart.setTitle(self.tr("Grades per department, {0}").format(sheet.quarter.label()))
        self._draw()
        self._stack.setCurrentWidget(self.view)

    def _draw(self) -> None:
        # The first department at the top: a horizontal chart draws its first category
        # at the bottom, so the departments go in reversed.
        rows = list(reversed(self.counts))
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.7)
        for grade in GRADE_ORDER:
            bar = QBarSet(grade.label)
            bar.setColor(QColor(GRADE_COLORS[grade]))
            bar.setBorderColor(QColor(GRADE_COLORS[grade]))
            text = "#ffffff" if grade in (QuarterGrade.GOOD, QuarterGrade.POOR) else "#000000"
            bar.setLabelColor(QColor(text))
            bar.append([count[grade] for _name, count in rows])
            series.append(bar)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QHorizontalStackedBarSeries.LabelsPosition.LabelsCenter)
        self.chart.addSeries(series)

        departments = QBarCategoryAxis()
        departments.append([name for name, _count in rows])
        self.chart.addAxis(departments, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(departments)
        people = QValueAxis()
        largest = max(sum(count.values()) for _name, count in rows)
        step = max(1, -(-largest // 10))  # whole people, ten ticks at most
        people.setRange(0, -(-largest // step) * step)  # ends on a tick, past the longest bar
        people.setTickType(QValueAxis.TickType.TicksDynamic)
        people.setTickAnchor(0)
        people.setTickInterval(step)
        people.setLabelFormat("%d")
        people.setTitleText(self.tr("People"))
        self.chart.addAxis(people, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(people)
