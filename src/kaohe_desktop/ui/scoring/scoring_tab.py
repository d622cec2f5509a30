"""半年考核 tab: per department the half's recorded deductions, bonus and checks,
and below, the adjustments behind them for the chosen department (or all)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.empty_state import EmptyStateStack
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.scoring.scoring_models import AdjustmentTableModel, DepartmentHalfTableModel

_DEPARTMENT_WIDTHS = {0: 140, 1: 100, 2: 80, 3: 80, 4: 80, 5: 80, 6: 90, 7: 70, 8: 90}
_ADJUSTMENT_WIDTHS = {0: 96, 1: 140, 2: 90, 3: 60, 4: 90, 5: 420}


class ScoringTab(DataTab):
    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.departments = DepartmentHalfTableModel(self)
        self.department_proxy = RowFilterProxy(self.departments, (), self)
        self.adjustments = AdjustmentTableModel(self)
        self.adjustment_proxy = RowFilterProxy(self.adjustments, (), self)
        self.half = QComboBox()
        self.half.setObjectName("halfCombo")
        self.half.addItem(self.tr("First half"), 1)
        self.half.addItem(self.tr("Second half"), 2)
        self.department_table = make_table_view(
            self.department_proxy, _DEPARTMENT_WIDTHS, name="departmentHalfTable"
        )
        # Numbers only to the right: a stretched last column would push them off the eye line.
        self.department_table.horizontalHeader().setStretchLastSection(False)
        self.adjustment_table = make_table_view(
            self.adjustment_proxy, _ADJUSTMENT_WIDTHS, name="adjustmentTable"
        )
        self.detail_title = QLabel()
        self.detail_title.setObjectName("adjustmentTitle")
        self.adjustment_stack = EmptyStateStack(self.adjustment_table)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Half year:")))
        bar.addWidget(self.half)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Select a department to see only its adjustments.")))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail_title)
        lower_layout.addWidget(self.adjustment_stack)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.department_table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(content)
        layout.addLayout(bar)
        layout.addWidget(splitter)

        self._half_chosen = False
        self.half.activated.connect(self._on_half_activated)
        self.department_table.selectionModel().selectionChanged.connect(self._on_selection)

    def current_half(self) -> HalfYear | None:
        return HalfYear(self.year, int(self.half.currentData())) if self.year else None

    def set_half(self, number: int) -> None:
        self._half_chosen = True
        self.half.setCurrentIndex(self.half.findData(number))
        self.reload()

    def selected_department(self) -> str | None:
        rows = self.department_table.selectionModel().selectedRows()
        return self.department_proxy.row_object(rows[0]).department if rows else None

    def _load(self, workspace: Workspace, year: int) -> None:
        if not self._half_chosen:
            # Follow the data: the later half that has adjustments, else the first.
            later = workspace.half_year.adjustments(HalfYear(year, 2))
            self.half.setCurrentIndex(self.half.findData(2 if later else 1))
        half = HalfYear(year, int(self.half.currentData()))
        selected = self.selected_department()
        self.departments.set_rows(workspace.half_year.departments(half))
        self.adjustments.set_rows(workspace.half_year.adjustments(half))
        self._reselect(selected)
        self._show_adjustments()
        self.show_rows_or_empty(
            self.departments.rowCount() > 0,
            self.tr(
                "There are no departments yet. Fill in the 科室 sheet of the template "
                "(and the 加减分 sheet for {0}) and import it with File → Import workbook."
            ).format(half.label()),
        )

    def _clear(self) -> None:
        self.departments.set_rows([])
        self.adjustments.set_rows([])
        self._show_adjustments()

    def _reselect(self, department: str | None) -> None:
        for row in range(self.department_proxy.rowCount()):
            index = self.department_proxy.index(row, 0)
            if self.department_proxy.row_object(index).department == department:
                self.department_table.selectRow(row)
                return

    def _on_half_activated(self, _index: int) -> None:
        self._half_chosen = True
        self.reload()

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_adjustments()

    def _show_adjustments(self) -> None:
        department = self.selected_department()
        self.adjustment_proxy.set_predicate(
            None if department is None else (lambda a: a.department == department)
        )
        half = self.current_half()
        label = half.label() if half else ""
        if department is None:
            self.detail_title.setText(self.tr("Adjustments of {0}, all departments").format(label))
        else:
            self.detail_title.setText(self.tr("Adjustments of {0}: {1}").format(label, department))
        if self.adjustment_proxy.rowCount():
            self.adjustment_stack.show_content()
        else:
            self.adjustment_stack.show_empty(
                self.tr(
                    "No deductions, bonus points or vetoes recorded for this half. Record them "
                    "in the 加减分 sheet of the workbook and import it."
                )
            )
