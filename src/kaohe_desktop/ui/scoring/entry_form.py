"""The fields of one 加减分 or 一票否决, each with the place its problem is shown.

The form holds values only: it reads them as an AdjustmentDraft or a VetoDraft
(domain/adjustment_rules) and shows the problems it is given under their fields.
What is wrong is adjustment_problems' to say, when to say it the dialog's.

The sign is not typed: the category says it. 业务工作, 党风廉政, 精神文明 and 考勤
are deductions, 表彰加分 adds; the field is labelled 扣分 or 加分 accordingly and takes
the number of points ("5" under 扣分 takes 5 points off; "-5" is read the same). A
clerk who thinks in signed numbers is not punished, and one who does not never has
to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.adjustment_rules import EntryField, EntryProblem
from kaohe_desktop.domain.enums import AdjustmentCategory, CommendationLevel
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES

PROBLEM_COLOR = "#b00020"
HINT_COLOR = "#555555"
ENTRY_CATEGORIES = (*SCORED_CATEGORIES, AdjustmentCategory.BONUS)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class PointsText:
    """What the points field holds: blank, a number (its magnitude), or unreadable."""

    def __init__(self, text: str) -> None:
        self.text = text.translate(_FULL_WIDTH).replace(" ", "")
        self.blank = not self.text
        self.value: Decimal | None = None
        if _NUMBER.match(self.text):
            try:
                self.value = Decimal(self.text)
            except InvalidOperation:
                self.value = None

    @property
    def readable(self) -> bool:
        return self.blank or self.value is not None

    def signed_for(self, category: AdjustmentCategory) -> Decimal | None:
        """The stored points: negative for a deduction, as typed for a bonus."""
        if self.value is None:
            return None
        if category is AdjustmentCategory.BONUS:
            return self.value
        return -abs(self.value)


def _label(name: str, color: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {color};")
    return label


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class EntryForm(QWidget):
    """Department, then (加减分 only) category, points and level, then 事由, 文号, 日期."""

    edited = Signal(str)  # the EntryField the clerk changed

    def __init__(
        self,
        departments: Sequence[tuple[int, str]],
        *,
        points: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.problem_labels: dict[EntryField, QLabel] = {}
        self.department = QComboBox()
        for department_id, name in departments:
            self.department.addItem(name, department_id)
        self.category = QComboBox()
        for category in ENTRY_CATEGORIES:
            self.category.addItem(category.label, category.value)
        self.points = QLineEdit()
        self.points.setMaximumWidth(160)
        self.points_label = QLabel()
        self.points_hint = _label("pointsHint", HINT_COLOR)
        self.level = QComboBox()
        self.level.setPlaceholderText(self.tr("Choose the level"))
        for level in CommendationLevel:
            self.level.addItem(level.label, level.value)
        self.level.setCurrentIndex(-1)
        self.reason = QLineEdit()
        self.reason.setMinimumWidth(360)
        self.doc_no = QLineEdit()
        self.doc_no.setPlaceholderText(self.tr("e.g. 夏市监发〔2026〕12号"))
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumWidth(150)
        self.no_day = QCheckBox(self.tr("No date"))
        self.no_day.toggled.connect(lambda on: self.day.setEnabled(not on))
        self.widgets: dict[EntryField, QWidget] = {
            EntryField.DEPARTMENT: self.department,
            EntryField.CATEGORY: self.category,
            EntryField.POINTS: self.points,
            EntryField.LEVEL: self.level,
            EntryField.REASON: self.reason,
            EntryField.DOC_NO: self.doc_no,
            EntryField.DATE: self.day,
        }
        for field, widget in self.widgets.items():
            widget.setObjectName(f"field_{field.value}")
        self.no_day.setObjectName("field_no_date")
        self._layout(points)
        self._connect()
        self.update_sign()

    def _cell(self, field: EntryField, *widgets: QWidget) -> QWidget:
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for widget in widgets:
            column.addWidget(widget)
        problem = _label(f"problem_{field.value}", PROBLEM_COLOR)
        problem.hide()
        column.addWidget(problem)
        self.problem_labels[field] = problem
        return cell

    def _layout(self, points: bool) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("Department:"), self._cell(EntryField.DEPARTMENT, self.department))
        if points:
            form.addRow(self.tr("Category:"), self._cell(EntryField.CATEGORY, self.category))
            form.addRow(
                self.points_label, self._cell(EntryField.POINTS, self.points, self.points_hint)
            )
            form.addRow(self.tr("Level:"), self._cell(EntryField.LEVEL, self.level))
        else:
            for widget in (self.category, self.points, self.points_label, self.level):
                widget.hide()
        form.addRow(self.tr("Reason:"), self._cell(EntryField.REASON, self.reason))
        form.addRow(self.tr("Document no.:"), self._cell(EntryField.DOC_NO, self.doc_no))
        day = QWidget()
        row = QHBoxLayout(day)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day)
        row.addWidget(self.no_day)
        row.addStretch(1)
        form.addRow(self.tr("Date:"), self._cell(EntryField.DATE, day))

    def _connect(self) -> None:
        self.department.currentIndexChanged.connect(
            lambda _i: self.edited.emit(EntryField.DEPARTMENT.value)
        )
        self.category.currentIndexChanged.connect(lambda _i: self._on_category())
        self.points.textEdited.connect(lambda _t: self.edited.emit(EntryField.POINTS.value))
        self.level.currentIndexChanged.connect(lambda _i: self.edited.emit(EntryField.LEVEL.value))
        self.reason.textEdited.connect(lambda _t: self.edited.emit(EntryField.REASON.value))
        self.doc_no.textEdited.connect(lambda _t: self.edited.emit(EntryField.DOC_NO.value))
        self.day.dateChanged.connect(lambda _d: self.edited.emit(EntryField.DATE.value))
        self.no_day.toggled.connect(lambda _c: self.edited.emit(EntryField.DATE.value))

    def _on_category(self) -> None:
        self.update_sign()
        self.edited.emit(EntryField.CATEGORY.value)

    # --- values -----------------------------------------------------------------
    def chosen_category(self) -> AdjustmentCategory:
        return AdjustmentCategory(self.category.currentData())

    def department_id(self) -> int:
        return int(self.department.currentData())

    def chosen_level(self) -> CommendationLevel | None:
        data = self.level.currentData()
        return CommendationLevel(data) if data is not None else None

    def points_text(self) -> PointsText:
        return PointsText(self.points.text())

    def chosen_date(self) -> date | None:
        return None if self.no_day.isChecked() else pydate(self.day.date())

    def is_bonus(self) -> bool:
        return self.chosen_category() is AdjustmentCategory.BONUS

    def update_sign(self) -> None:
        """扣分 or 加分, and the level only where it means something."""
        bonus = self.is_bonus()
        self.points_label.setText(self.tr("Bonus points:") if bonus else self.tr("Points off:"))
        self.points.setPlaceholderText(
            self.tr("blank: the level's value") if bonus else self.tr("e.g. 5")
        )
        self.level.setEnabled(bonus)
        if not bonus:
            self.level.setCurrentIndex(-1)

    def set_date(self, day: date | None, fallback: date) -> None:
        self.day.setDate(qdate(day or fallback))
        self.no_day.setChecked(day is None)

    # --- problems ---------------------------------------------------------------
    def show_problems(self, problems: Sequence[EntryProblem], shown: set[EntryField]) -> None:
        by_field: dict[EntryField, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        for field, label in self.problem_labels.items():
            lines = by_field.get(field, []) if field in shown else []
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))
