"""The 查账 grid: the table, its model and filter proxy, and where the current cell is.

A spreadsheet, not a list: the current cell is what the clerk acts on. It stays on the
same task × department and column when rows are replaced (a save, a live refresh),
and a grid with rows always has one, in the 完成情况 column of the level entered, so
typing 1–5 can start at once.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView

from kaohe_desktop.services.checks.views import DueCheckRow
from kaohe_desktop.ui.checks import due_columns as cols
from kaohe_desktop.ui.checks.due_model import DueTableModel
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import make_table_view

# Tuned on the demo at 1400 px: the Chinese headers, 6月30日 and the statuses with
# their draft mark (逾期完成（草稿）) show whole; 工作任务 and 实际完成情况 get the rest.
_WIDTHS = {
    cols.SEQ: 40,
    cols.TITLE: 188,
    cols.DEADLINE: 64,
    cols.DUE_BY: 76,
    cols.POINTS: 40,
    cols.LEAD: 80,
    cols.DEPARTMENT: 96,
    cols.LEVEL1: 104,
    cols.LEVEL2: 104,
    cols.LEVEL3: 104,
    cols.STANDING: 68,
    cols.ACTUAL: 184,
    cols.EVIDENCE: 40,
    cols.NOTICES: 124,
    cols.SAMPLED: 40,
}
SEARCHED = (cols.SEQ, cols.TITLE, cols.LEAD, cols.DEPARTMENT)


class DueGrid(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = DueTableModel(self)
        self.proxy = RowFilterProxy(self.model, SEARCHED, self)
        # Rows stay where they are while the clerk types: a row entered does not jump
        # away under a sort or out of the 未录入 filter until the filters change.
        self.proxy.setDynamicSortFilter(False)
        self.table = make_table_view(self.proxy, _WIDTHS, name="checksTable")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def current_row(self) -> DueCheckRow | None:
        index = self.table.currentIndex()
        return self.proxy.row_object(index) if index.isValid() else None

    def current_cell(self) -> tuple[tuple[int, int], int] | None:
        """(pair, column) of the current cell, to find it again among new rows."""
        index = self.table.currentIndex()
        if not index.isValid() or self.model.rowCount() == 0:
            return None
        return self.proxy.row_object(index).key, index.column()

    def select_cell(self, key: tuple[int, int], column: int) -> bool:
        source_row = self.model.row_of(key)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, column))
        if not index.isValid():
            return False
        if index != self.table.currentIndex():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def restore(self, cell: tuple[tuple[int, int], int] | None, status_column: int) -> None:
        """After new rows: the same cell, or the first status cell of a fresh grid."""
        if cell is not None and self.select_cell(*cell):
            return
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, status_column))

    def shown_rows(self) -> list[DueCheckRow]:
        """The rows the filters let through, top to bottom."""
        return [self.proxy.row_object(self.proxy.index(n, 0)) for n in range(self.proxy.rowCount())]
