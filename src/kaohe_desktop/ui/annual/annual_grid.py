"""The 年度考核 list: the table, its model and filter proxy, the filter row above it
(search 编号/姓名/科室, and which people), and the selected person.

The selected person, not a cell, is what the actions work on. They stay selected, and
the list stays scrolled where it was, when a write returns the year's fresh sheet.
Rows do not jump away under a sort or out of a filter while the clerk works; they are
filtered again when the filter changes.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QItemSelectionModel, QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit

from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.ui.annual import annual_model as cols
from kaohe_desktop.ui.annual.annual_model import AnnualTableModel, takes_part
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy, SearchDelay
from kaohe_desktop.ui.common.widgets import make_search_box, make_table_view

_WIDTHS = {  # tuned on the demo at 1400 px: every column shows, 标记 takes the rest
    cols.SERIAL: 36,
    cols.CODE: 64,
    cols.NAME: 60,
    cols.DEPARTMENT: 116,
    cols.POSITION: 96,
    cols.Q1: 62,
    cols.Q2: 62,
    cols.Q3: 62,
    cols.Q4: 62,
    cols.GOOD_COUNT: 50,
    cols.ELIGIBLE: 64,
    cols.LIMITS: 230,
    cols.PROPOSED: 66,
    cols.GRADE: 66,
    cols.REMARK: 140,
}


class Show(StrEnum):
    """Which people the list shows."""

    ALL = "all"
    ELIGIBLE = "eligible"  # 有优秀资格
    RECOMMENDED = "recommended"  # 已推荐优秀
    OUT = "out"  # 不定等次 · 不参加
    FLAGGED = "flagged"  # 需处理: what keeps the year from closing


def accepts(row: AnnualRowView, show: Show) -> bool:
    if show is Show.ELIGIBLE:
        return row.eligible
    if show is Show.RECOMMENDED:
        return row.recommended
    if show is Show.OUT:
        return not takes_part(row)
    if show is Show.FLAGGED:
        return row.flag is not None
    return True


class AnnualGrid(QObject):
    filter_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = AnnualTableModel(self)
        self.proxy = RowFilterProxy(self.model, (cols.CODE, cols.NAME, cols.DEPARTMENT), self)
        self.proxy.setDynamicSortFilter(False)
        self.table = make_table_view(self.proxy, _WIDTHS, name="annualTable")
        self.search: QLineEdit = make_search_box(self.tr("Search 编号, 姓名 or 科室"))
        self.search.setObjectName("annualSearch")
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("annualShow")
        for text, value in (
            (self.tr("Everyone"), Show.ALL),
            (self.tr("Qualify for 优秀"), Show.ELIGIBLE),
            (self.tr("Recommended for 优秀"), Show.RECOMMENDED),
            (self.tr("不定等次 · 不参加"), Show.OUT),
            (self.tr("To settle (flagged)"), Show.FLAGGED),
        ):
            self.show_combo.addItem(text, value.value)
        self.show_combo.setToolTip(self.tr("Which people the list shows"))
        # The search box filters a short pause after typing (Enter at once).
        self.search_delay = SearchDelay(self.search, self._on_search)
        self.show_combo.currentIndexChanged.connect(lambda _i: self._apply_show())

    def make_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search)
        label = QLabel(self.tr("Show:"))
        label.setBuddy(self.show_combo)
        bar.addSpacing(8)
        bar.addWidget(label)
        bar.addWidget(self.show_combo)
        bar.addStretch(1)
        return bar

    # --- filters ----------------------------------------------------------------------
    def shown(self) -> Show:
        return Show(str(self.show_combo.currentData()))

    def set_shown(self, show: Show) -> None:
        self.show_combo.setCurrentIndex(self.show_combo.findData(show.value))

    def _on_search(self) -> None:
        self.proxy.set_search_text(self.search.text())
        self.filter_changed.emit()

    def _apply_show(self) -> None:
        show = self.shown()
        self.proxy.set_predicate(None if show is Show.ALL else lambda r: accepts(r, show))
        self.filter_changed.emit()

    # --- the selected person ----------------------------------------------------------
    def current_row(self) -> AnnualRowView | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.model.rowCount() == 0:
            return None
        row: AnnualRowView = self.proxy.row_object(index)
        return row

    def select(self, person_id: int, *, scroll: bool = True) -> bool:
        source_row = self.model.row_of(person_id)
        if source_row is None:
            return False
        column = max(self.table.currentIndex().column(), 0)
        index = self.proxy.mapFromSource(self.model.index(source_row, column))
        if not index.isValid():
            return False
        if index != self.table.currentIndex():
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.selectionModel().setCurrentIndex(index, flags)
        if scroll:
            self.table.scrollTo(index)
        return True

    def show_sheet(self, sheet: AnnualSheetView | None) -> None:
        """The new sheet, with the same person selected and the list where it was."""
        current = self.current_row()
        bar = self.table.verticalScrollBar()
        position = bar.value()
        self.model.set_sheet(sheet)
        if current is not None and self.select(current.person_id, scroll=False):
            bar.setValue(position)
        elif sheet is not None and sheet.rows and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, cols.NAME))
