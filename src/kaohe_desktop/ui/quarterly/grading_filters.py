"""The grid's filters: department, staff category, grade (with 未评分 and 不定等次) and
"only these people" (the flagged ones, or the ones closing is waiting for).

The proxy takes one row predicate; the tab rebuilds it whenever a filter changes,
so the filters always combine with AND. The search box is the proxy's own.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.services.quarterly.views import GradingRow
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy, SearchDelay
from kaohe_desktop.ui.common.widgets import DepartmentFilter, make_search_box
from kaohe_desktop.ui.editing.banner import Banner, Tone

RowPredicate = Callable[[GradingRow], bool]


class GradeChoice(StrEnum):
    """What the grade filter offers besides the four grades."""

    UNSCORED = "unscored"  # 未评分: a participant still missing a score
    NOT_GRADED = "not_graded"  # 不定等次
    FLAGGED = "flagged"  # 并列超出名额 / 人工定好超出名额


GradeFilterValue = QuarterGrade | GradeChoice


def accepts_grade(row: GradingRow, choice: GradeFilterValue) -> bool:
    if choice is GradeChoice.UNSCORED:
        return row.awaiting_score
    if choice is GradeChoice.NOT_GRADED:
        return row.no_grade_reason is not None
    if choice is GradeChoice.FLAGGED:
        return row.flag is not None
    return row.no_grade_reason is None and row.grade is choice


def grading_filter(
    department: str | None,
    category: str | None,
    grade: GradeFilterValue | None,
    only: Collection[int] | None = None,
) -> RowPredicate | None:
    """One predicate for the chosen filters; None when nothing narrows the rows."""
    if department is None and category is None and grade is None and only is None:
        return None

    def accepts(row: GradingRow) -> bool:
        if only is not None and row.person_id not in only:
            return False
        if department is not None and row.department != department:
            return False
        if category is not None and row.category != category:
            return False
        return grade is None or accepts_grade(row, grade)

    return accepts


class StaffCategoryFilter(QComboBox):
    """全部人员类别 or one 人员类别 (the ranking groups)."""

    category_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffCategoryFilter")
        self.setToolTip(self.tr("Show one staff category (ranks are counted within it)"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.addItem(self.tr("All staff categories"), None)
        self.currentIndexChanged.connect(lambda _index: self.category_changed.emit())

    def set_categories(self, names: Iterable[str]) -> None:
        current = self.category()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(self.tr("All staff categories"), None)
            for name in dict.fromkeys(names):
                self.addItem(name, name)
            self.setCurrentIndex(max(0, self.findData(current)) if current is not None else 0)
        finally:
            self.blockSignals(False)
        if self.category() != current:
            self.category_changed.emit()

    def category(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)


class GradeFilter(QComboBox):
    """全部等次, 好, 较好, 一般, 较差, 未评分, 不定等次, 待处理标记."""

    grade_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradeFilter")
        self.setToolTip(self.tr("Show one grade, the people not yet scored, or the flagged"))
        self.addItem(self.tr("All grades"), None)
        for grade in QuarterGrade:
            self.addItem(grade.label, grade.value)
        self.addItem(self.tr("Not yet scored"), GradeChoice.UNSCORED.value)
        self.addItem("不定等次", GradeChoice.NOT_GRADED.value)
        self.addItem(self.tr("Flagged"), GradeChoice.FLAGGED.value)
        self.currentIndexChanged.connect(lambda _index: self.grade_changed.emit())

    def grade(self) -> GradeFilterValue | None:
        data = self.currentData()
        if data is None:
            return None
        if data in {choice.value for choice in GradeChoice}:
            return GradeChoice(data)
        return QuarterGrade(data)

    def set_grade(self, grade: GradeFilterValue | None) -> None:
        self.setCurrentIndex(0 if grade is None else max(0, self.findData(grade.value)))


class GridFilters(QObject):
    """The filter row above the grid and the "only these people" banner, applied to
    the proxy as one predicate whenever one of them changes."""

    changed = Signal()  # the rows shown may differ

    def __init__(self, proxy: RowFilterProxy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.search = make_search_box(self.tr("Search code, name or department"))
        self.search.setMinimumWidth(160)
        self.department = DepartmentFilter()
        self.category = StaffCategoryFilter()
        self.grade = GradeFilter()
        self.banner = Banner("gradingFilterBanner")
        self.only: set[int] | None = None  # "show only these people"
        # The search box filters a short pause after typing (Enter at once); the combos
        # at once.
        self.search_delay = SearchDelay(self.search, self.apply)
        self.department.department_changed.connect(lambda _name: self.apply())
        self.category.category_changed.connect(self.apply)
        self.grade.grade_changed.connect(self.apply)

    def make_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        # The category and grade combos need no caption: 全部人员类别 / 全部等次 say it.
        for caption, combo in (
            (self.tr("Department:"), self.department),
            (None, self.category),
            (None, self.grade),
        ):
            bar.addSpacing(4)
            if caption is not None:
                label = QLabel(caption)
                label.setBuddy(combo)
                bar.addWidget(label)
            bar.addWidget(combo)
        bar.addStretch(1)
        return bar

    def set_choices(self, departments: Iterable[str], categories: Iterable[str]) -> None:
        self.department.set_departments(departments)
        self.category.set_categories(categories)

    def apply(self) -> None:
        self.search_delay.cancel()  # the box is applied here with the rest
        predicate = grading_filter(
            self.department.department(), self.category.category(), self.grade.grade(), self.only
        )
        self.proxy.set_filters(self.search.text(), predicate)  # one pass over the rows
        self.changed.emit()

    def show_only(self, person_ids: Collection[int], text: str) -> None:
        """Filter to these people (the other filters cleared), saying why above the grid."""
        self.only = set(person_ids)
        for widget in (self.department, self.category, self.grade, self.search):
            widget.blockSignals(True)
        try:
            for combo in (self.department, self.category, self.grade):
                combo.setCurrentIndex(0)
            self.search.clear()
        finally:
            for widget in (self.department, self.category, self.grade, self.search):
                widget.blockSignals(False)
        show_all = (self.tr("Show everyone"), self.show_everyone, "showEveryone")
        self.banner.show_message(Tone.INFO, text, [show_all])
        self.apply()

    def show_everyone(self) -> None:
        self.only = None
        self.banner.clear()
        self.apply()

    def forget_only(self) -> None:
        """Another quarter: the people chosen were this quarter's."""
        if self.only is not None:
            self.show_everyone()
