"""The 台账 tab's filters: department, category and deadline month, combined into one predicate.

The proxy takes one row predicate (ui.common.filter_proxy); the tab rebuilds it from the
three combos whenever one changes, so the filters always combine with AND.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from kaohe_desktop.domain.deadlines import DeadlineError, parse_deadline
from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.services.ledger.views import TaskView

TaskPredicate = Callable[[TaskView], bool]


def covers_month(task: TaskView, month: int) -> bool:
    """Whether the task's 完成时限 window covers `month` (DeadlineWindow.covers). A window
    the parser does not understand (an old row typed before validation existed) covers
    no month rather than every month."""
    try:
        return parse_deadline(task.deadline, task.year).covers(month)
    except DeadlineError:
        return False


def task_filter(
    department: str | None, category: TaskCategory | None, month: int | None
) -> TaskPredicate | None:
    """One predicate for the chosen filters; None when nothing narrows the rows."""
    if department is None and category is None and month is None:
        return None

    def accepts(task: TaskView) -> bool:
        if department is not None and not (
            department == task.lead_department or department in task.responsible_departments
        ):
            return False
        if category is not None and task.category is not category:
            return False
        return month is None or covers_month(task, month)

    return accepts


class CategoryFilter(QComboBox):
    """全部类别 / 常规工作 / 重点工作."""

    category_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryFilter")
        self.setToolTip(self.tr("Show only routine or only key tasks"))
        self.addItem(self.tr("All categories"), None)
        for category in TaskCategory:
            self.addItem(category.label, category.value)
        self.currentIndexChanged.connect(lambda _index: self.category_changed.emit())

    def category(self) -> TaskCategory | None:
        data = self.currentData()
        return None if data is None else TaskCategory(data)

    def set_category(self, category: TaskCategory | None) -> None:
        self.setCurrentIndex(0 if category is None else max(0, self.findData(category.value)))


class MonthFilter(QComboBox):
    """全部月份, 1月 … 12月: the tasks whose deadline window covers the month."""

    month_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthFilter")
        self.setToolTip(self.tr("Show the tasks whose deadline window covers the month"))
        self.addItem(self.tr("All months"), None)
        for month in range(1, 13):
            self.addItem(self.tr("Month {0}").format(month), month)
        self.currentIndexChanged.connect(lambda _index: self.month_changed.emit())

    def month(self) -> int | None:
        data = self.currentData()
        return None if data is None else int(data)

    def set_month(self, month: int | None) -> None:
        self.setCurrentIndex(0 if month is None else max(0, self.findData(month)))
