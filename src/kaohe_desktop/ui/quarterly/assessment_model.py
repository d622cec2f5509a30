"""The 季度考核 table: one row per person assessed in the quarter."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject

from kaohe_desktop.services.views import AssessmentView
from kaohe_desktop.ui.common.table_model import Column, RowTableModel

CODE, NAME, DEPARTMENT, CATEGORY, PERFORMANCE, COMMENTS, LEADER, COMPOSITE, REMARK = range(9)
NOT_GRADED_COLOR = "#616161"
OVERRIDE_COLOR = "#c62828"


def _signed(points: Decimal) -> str:
    # A comment is praise or criticism; the sign is the point, so always show it.
    if points == 0:
        return "0"
    return f"{points.normalize():+f}"


class AssessmentTableModel(RowTableModel[AssessmentView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(self._columns_spec())

    def remark(self, row: AssessmentView) -> str:
        parts = []
        if row.no_grade_reason:
            parts.append(self.tr("Not graded: {0}").format(row.no_grade_reason))
        if row.override:
            parts.append(self.tr("Grade set to {0}").format(row.override))
        return "; ".join(parts)

    def _remark_color(self, row: AssessmentView) -> str | None:
        if row.override:
            return OVERRIDE_COLOR
        return NOT_GRADED_COLOR if row.no_grade_reason else None

    def _columns_spec(self) -> list[Column[AssessmentView]]:
        return [
            Column(self.tr("Code"), lambda a: a.code),
            Column(self.tr("Name"), lambda a: a.name),
            Column(self.tr("Department"), lambda a: a.department),
            Column(self.tr("Staff category"), lambda a: a.category),
            Column(self.tr("Performance"), lambda a: a.performance, numeric=True),
            Column(
                self.tr("Comments"),
                lambda a: _signed(a.comment_points),
                numeric=True,
                sort=lambda a: a.comment_points,
                header_tooltip=self.tr("Praise and criticism points of the quarter"),
            ),
            Column(self.tr("Leader evaluation"), lambda a: a.leader, numeric=True),
            Column(
                self.tr("Composite score"),
                # Two decimals always (the rule rounds to 2), so the column lines up.
                lambda a: None if a.composite is None else f"{a.composite:.2f}",
                numeric=True,
                sort=lambda a: a.composite,
                bold=lambda a: a.composite is not None,
                tooltip=lambda a: (
                    None if a.composite is not None else self.tr("Waiting for both scores")
                ),
            ),
            Column(self.tr("Remarks"), self.remark, color=self._remark_color, tooltip=self.remark),
        ]
