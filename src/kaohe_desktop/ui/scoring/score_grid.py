"""The half's score table: its model and proxy, where the current cell is, and the
filter to the departments the half waits on.

The current cell, not only a row, is what the clerk looks into: selecting 业务工作
lists that column's sources. It stays on the same department and column when a new
sheet replaces the rows (a save, a reload), so the drill-down follows a save at once.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QItemSelectionModel, QObject
from PySide6.QtWidgets import QAbstractItemView

from kaohe_desktop.domain.half_year_scoring import DepartmentResult
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.scoring import score_model as cols
from kaohe_desktop.ui.scoring.score_model import ScoreTableModel

_WIDTHS = {  # tuned on the demo at 1400 px beside the chart, the 标记 column in view
    cols.DEPARTMENT: 122,
    cols.GROUP: 72,
    cols.FIRST_CATEGORY: 66,
    cols.FIRST_CATEGORY + 1: 66,
    cols.FIRST_CATEGORY + 2: 66,
    cols.FIRST_CATEGORY + 3: 56,
    cols.BONUS: 54,
    cols.DEDUCTIONS: 66,
    cols.VETO: 62,
    cols.TOTAL: 70,
    cols.RANK_IN_GROUP: 64,
    cols.RANK_OVERALL: 64,
    cols.GRADE: 40,
    cols.ADVANCED: 64,
}


class ScoreGrid(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = ScoreTableModel(self)
        self.proxy = RowFilterProxy(self.model, (cols.DEPARTMENT, cols.GROUP), self)
        self.table = make_table_view(self.proxy, _WIDTHS, name="scoreTable")
        # A cell, not a row: the column chosen is the category looked into.
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self._only: frozenset[int] | None = None

    # --- the current cell ------------------------------------------------------------
    def current_result(self) -> DepartmentResult | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        result = self.proxy.row_object(index)
        return result if isinstance(result, DepartmentResult) else None

    def current_column(self) -> int:
        index = self.table.currentIndex()
        return index.column() if index.isValid() else cols.TOTAL

    def current_cell(self) -> tuple[int, int] | None:
        """(department id, column) of the current cell, to find it again after a save."""
        result = self.current_result()
        return None if result is None else (result.department_id, self.current_column())

    def select(self, department_id: int, column: int | None = None) -> bool:
        """Make the department's cell in `column` (the current column) current."""
        column = self.current_column() if column is None else column
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, column)
            if self.proxy.row_object(index).department_id == department_id:
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.table.scrollTo(index)
                return True
        return False

    def restore(self, cell: tuple[int, int] | None) -> None:
        if cell is not None and self.select(*cell):
            return
        self.table.clearSelection()
        self.table.setCurrentIndex(self.proxy.index(-1, -1))

    # --- only some departments --------------------------------------------------------
    def show_only(self, department_ids: Collection[int] | None) -> None:
        self._only = None if department_ids is None else frozenset(department_ids)
        only = self._only
        self.proxy.set_predicate(None if only is None else (lambda r: r.department_id in only))

    @property
    def filtered(self) -> bool:
        return self._only is not None
