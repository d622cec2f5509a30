"""The 季度考核 grid: the table, its model and filter proxy, where the current cell is, and
the lines under it (the counts, and a refusal or a note about the last edit).

A spreadsheet, not a list: the current cell, not a row, is what the clerk acts on. It
stays on the same person and column when a new sheet replaces the rows (a save, a
change from another workstation), and a sheet with rows always has one, so typing
can start at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.quarterly import grading_model as cols
from kaohe_desktop.ui.quarterly.grading_model import GradingTableModel

_WIDTHS = {  # tuned on the demo at 1400 px so that every column shows without scrolling
    cols.CODE: 64,
    cols.NAME: 64,
    cols.DEPARTMENT: 120,
    cols.CATEGORY: 124,
    cols.PERFORMANCE: 90,
    cols.COMMENTS: 72,
    cols.LEADER: 110,
    cols.PERFORMANCE_TOTAL: 160,
    cols.COMPOSITE: 110,
    cols.GRADE: 72,
    cols.RANK: 80,
    cols.OVERALL_RANK: 70,
}
REFUSAL_COLOR = "#c62828"

translate = QCoreApplication.translate


class GradingGrid(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = GradingTableModel(self)
        self.proxy = RowFilterProxy(self.model, (cols.CODE, cols.NAME, cols.DEPARTMENT), self)
        # Rows stay where they are while the clerk types: a scored person does not
        # jump away under a sort or out of the 未评分 filter until the filters change.
        self.proxy.setDynamicSortFilter(False)
        self.table = make_table_view(self.proxy, _WIDTHS, name="quarterlyTable")
        _make_spreadsheet(self.table)

    # --- the current cell ---------------------------------------------------------
    def current_row(self) -> GradingRow | None:
        index = self.table.currentIndex()
        return self.proxy.row_object(index) if index.isValid() else None

    def current_cell(self) -> tuple[int, int] | None:
        """(person id, column) of the current cell, to find it again in a new sheet."""
        index = self.table.currentIndex()
        if not index.isValid() or self.model.rowCount() == 0:
            return None
        return self.proxy.row_object(index).person_id, index.column()

    def select_cell(self, person_id: int, column: int) -> bool:
        source_row = self.model.row_of(person_id)
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

    def restore(self, cell: tuple[int, int] | None, sheet: GradingSheet) -> None:
        """After a new sheet: the same cell, or the first score cell of a fresh grid."""
        if cell is not None:
            self.select_cell(*cell)
        elif sheet.rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, cols.PERFORMANCE))


class GridNote(QLabel):
    """The line under the grid: why a value was refused (red), or what a paste did."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradingStatus")
        self.setWordWrap(True)

    def show_refusal(self, text: str) -> None:
        self.setStyleSheet(f"color: {REFUSAL_COLOR};")
        self.setText(text)

    def show_note(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)


def count_text(sheet: GradingSheet | None, shown: int) -> str:
    """The line under the grid: 5 people, 2 not yet scored, 1 not graded, 1 好 (and
    "3 of 5 shown" in front when the filters hide some).

    The counts are the sheet's own (its outcomes and 好 quotas): what the quota bar and a
    close use, not a second count of the rows that could drift from them."""
    people = len(sheet.rows) if sheet is not None else 0
    unscored = not_graded = good = 0
    if sheet is not None:
        quotas = sheet.grading.quotas
        unscored = len(sheet.grading.unscored())
        not_graded = len(sheet.grading.not_graded())
        good = sum(count.used for count in quotas)
    text = translate("QuarterlyTab", "{0} people, {1} not yet scored, {2} not graded, {3} 好")
    text = text.format(people, unscored, not_graded, good)
    if shown != people:
        text = translate("QuarterlyTab", "{0} of {1} shown").format(shown, people) + " · " + text
    return text


def _make_spreadsheet(table: QAbstractItemView) -> None:
    """Cells, not rows: a current cell, a rectangle to paste into, typing starts editing."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
