"""Small widgets every tab uses: the configured table view, search and filter boxes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

translate = QCoreApplication.translate


def make_table_view(
    model: QAbstractItemModel,
    widths: Mapping[int, int] | None = None,
    *,
    sortable: bool = True,
    name: str = "",
) -> QTableView:
    """A read-only, row-selecting, sortable table whose long text is elided, not wrapped."""
    view = QTableView()
    if name:
        view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setSortingEnabled(sortable)
    # No sort column until the clerk clicks one: the services' order (序号, the
    # bureau's department order) is the order people expect to read.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    if isinstance(model, QSortFilterProxyModel):
        model.sort(-1)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setHighlightSections(False)
    for column, width in (widths or {}).items():
        view.setColumnWidth(column, width)
    return view


def make_search_box(placeholder: str) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName("searchBox")
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setMinimumWidth(220)
    box.setMaximumWidth(340)
    return box


class DepartmentFilter(QComboBox):
    """“All departments” or one department; keeps the choice across reloads if it still exists."""

    department_changed = Signal(object)  # str | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("departmentFilter")
        self.setMinimumContentsLength(10)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.addItem(translate("Widgets", "All departments"), None)
        self.currentIndexChanged.connect(
            lambda _index: self.department_changed.emit(self.department())
        )

    def set_departments(self, names: Iterable[str]) -> None:
        current = self.department()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(translate("Widgets", "All departments"), None)
            for name in dict.fromkeys(names):  # keep the bureau's order, drop repeats
                self.addItem(name, name)
            index = self.findData(current) if current is not None else 0
            self.setCurrentIndex(max(0, index))
        finally:
            self.blockSignals(False)
        if self.department() != current:
            self.department_changed.emit(self.department())

    def department(self) -> str | None:
        data = self.currentData()
        return str(data) if data is not None else None


def make_action(parent: QWidget, text: str, slot: Callable[[], object], name: str) -> QAction:
    """A menu action named `action_<name>` (tests find it by that name) calling `slot`."""
    action = QAction(text, parent)
    action.setObjectName(f"action_{name}")
    action.triggered.connect(lambda _checked=False: slot())
    return action
