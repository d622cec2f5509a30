"""The 半年考核 tables: the departments of the half, and their adjustments."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QObject

from kaohe_desktop.domain.enums import AdjustmentCategory
from kaohe_desktop.services.scoring.views import AdjustmentView, DepartmentHalfView
from kaohe_desktop.ui.common.table_model import Column, RowTableModel

DEDUCTION_COLOR = "#c62828"
BONUS_COLOR = "#2e7d32"


def _points_color(points: Decimal) -> str | None:
    if points < 0:
        return DEDUCTION_COLOR
    return BONUS_COLOR if points > 0 else None


def _signed(points: Decimal) -> str:
    return "0" if points == 0 else f"{points.normalize():+f}"


class DepartmentHalfTableModel(RowTableModel[DepartmentHalfView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(self._columns_spec())

    def _points(
        self, header: str, read: Callable[[DepartmentHalfView], Decimal], tip: str
    ) -> Column[DepartmentHalfView]:
        return Column(
            header,
            lambda d: _signed(read(d)),
            numeric=True,
            color=lambda d: _points_color(read(d)),
            sort=read,
            header_tooltip=tip,
        )

    def _columns_spec(self) -> list[Column[DepartmentHalfView]]:
        deduction = self.tr("Recorded deductions (negative)")
        return [
            Column(self.tr("Department"), lambda d: d.department),
            Column(self.tr("Group"), lambda d: d.group),
            self._points(self.tr("Business work"), lambda d: d.business, deduction),
            self._points(self.tr("Integrity"), lambda d: d.integrity, deduction),
            self._points(self.tr("Civility"), lambda d: d.civility, deduction),
            self._points(self.tr("Attendance"), lambda d: d.attendance, deduction),
            self._points(
                self.tr("Commendation bonus"), lambda d: d.bonus, self.tr("Recorded bonus points")
            ),
            Column(
                self.tr("Veto"),
                lambda d: self.tr("Yes") if d.vetoed else "",
                center=True,
                color=lambda d: DEDUCTION_COLOR if d.vetoed else None,
                bold=lambda d: d.vetoed,
                sort=lambda d: d.vetoed,
            ),
            Column(
                self.tr("Missed checks"),
                lambda d: d.missed_checks,
                numeric=True,
                color=lambda d: DEDUCTION_COLOR if d.missed_checks else None,
                header_tooltip=self.tr("First-level checks of the half with status 未完成"),
            ),
            Column(
                self.tr("Late / partial"),
                lambda d: d.late_or_partial,
                numeric=True,
                header_tooltip=self.tr("First-level checks of the half 逾期完成 or 部分完成"),
            ),
        ]


class AdjustmentTableModel(RowTableModel[AdjustmentView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(self._columns_spec())

    def _columns_spec(self) -> list[Column[AdjustmentView]]:
        return [
            Column(self.tr("Date"), lambda a: a.date),
            Column(self.tr("Department"), lambda a: a.department),
            Column(
                self.tr("Category"),
                lambda a: a.category.label,
                color=lambda a: DEDUCTION_COLOR if a.category is AdjustmentCategory.VETO else None,
            ),
            Column(
                self.tr("Points"),
                lambda a: "" if a.category is AdjustmentCategory.VETO else _signed(a.points),
                numeric=True,
                sort=lambda a: a.points,
                color=lambda a: _points_color(a.points),
            ),
            Column(self.tr("Level"), lambda a: a.level),
            Column(self.tr("Reason"), lambda a: a.reason, tooltip=lambda a: a.reason),
            Column(self.tr("Document no."), lambda a: a.doc_no, tooltip=lambda a: a.doc_no),
        ]
