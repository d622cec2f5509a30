"""The panel under the score table: every source of the selected cell's points.

Select 办公室's 业务工作 and it lists each due check of the half with its task,
period, level, status and share, each 扣分 with its reason, 文号, date and who entered
it; select 总分 and it lists all of them. The line at the bottom adds them up to the
number in the cell, so nothing in a total is without a source. An entered row can be
changed or deleted from here; one made by a 督办单 says so and stays read-only.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal, SignalInstance
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kaohe_desktop.domain.enums import AdjustmentCategory
from kaohe_desktop.domain.half_year_scoring import DepartmentResult
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.ui.common.empty_state import EmptyStateStack
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.scoring.drill_sources import CellSum, SourceLine, cell_sum, lines_for
from kaohe_desktop.ui.scoring.score_model import ALL_SOURCES, SCORED, VETOES, Scope
from kaohe_desktop.ui.scoring.score_texts import signed_points, two_decimals
from kaohe_desktop.ui.scoring.source_model import SourceTableModel

_WIDTHS = {0: 62, 1: 70, 2: 300, 3: 110, 4: 76, 5: 130, 6: 50, 7: 70, 8: 160, 9: 86, 10: 70}


class DrillDownPanel(QWidget):
    edit_requested = Signal(object)  # SourceLine
    delete_requested = Signal(object)  # SourceLine

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillDown")
        self.model = SourceTableModel(self)
        self.proxy = RowFilterProxy(self.model, (), self)
        self.table = make_table_view(self.proxy, _WIDTHS, name="sourceTable")
        self.title = QLabel()
        self.title.setObjectName("drillTitle")
        self.title.setStyleSheet("font-weight: bold;")
        self.footer = QLabel()
        self.footer.setObjectName("drillSum")
        self.edit_button = QPushButton(self.tr("Change…"))
        self.edit_button.setObjectName("editSource")
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteSource")
        # A half's 业务工作 lists every due check, most of them 已完成 for 0 points.
        self.only_points = QCheckBox(self.tr("Only sources that change the score"))
        self.only_points.setObjectName("onlyPointSources")
        self.stack = EmptyStateStack(self.table)
        self.result: DepartmentResult | None = None
        self.scope: Scope = ALL_SOURCES
        self.sum: CellSum | None = None
        self._editable = False

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.only_points)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.footer)

        self.edit_button.clicked.connect(lambda: self._request(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))
        self.table.doubleClicked.connect(lambda _i: self._request(self.edit_requested))
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.only_points.toggled.connect(self._filter_points)
        self.show_nothing()

    # --- what is shown ------------------------------------------------------------------
    def show_cell(
        self, result: DepartmentResult, scope: Scope, sheet: HalfYearSheet, *, editable: bool
    ) -> None:
        """The sources of `result` in `scope`; `editable`: the clerk may change entries."""
        current = self.current_line()
        self.result, self.scope, self._editable = result, scope, editable
        self.model.set_rows(lines_for(result, scope, sheet))
        self.sum = cell_sum(result, scope, sheet.rules)
        self.title.setText(self._title(result, scope))
        self.footer.setText(self._footer(scope, self.sum))
        if self.model.rowCount():
            self.stack.show_content()
        else:
            self.stack.show_empty(self._empty_text(scope))
        self._reselect(current)
        self._update_buttons()

    def show_nothing(self) -> None:
        self.result, self.sum = None, None
        self.model.set_rows([])
        self.title.setText(self.tr("Sources of the points"))
        self.footer.clear()
        self.stack.show_empty(
            self.tr(
                "Select a cell of the table above to see every source of its points: the "
                "checks of the ledger, the deductions, the bonuses and the vetoes."
            )
        )
        self._update_buttons()

    def current_line(self) -> SourceLine | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        line = self.proxy.row_object(self.proxy.index(index.row(), 0))
        return line if isinstance(line, SourceLine) else None

    def _filter_points(self, on: bool) -> None:
        self.proxy.set_predicate((lambda line: line.source.points != 0) if on else None)

    # --- texts ------------------------------------------------------------------------
    def _title(self, result: DepartmentResult, scope: Scope) -> str:
        if isinstance(scope, AdjustmentCategory):
            what = scope.label
        elif scope == SCORED:
            what = self.tr("deductions")
        elif scope == VETOES:
            what = self.tr("vetoes")
        else:
            what = self.tr("total")
        return self.tr("{0}, {1}: {2} sources").format(result.name, what, self.model.rowCount())

    def _footer(self, scope: Scope, total: CellSum) -> str:
        if scope == VETOES:
            return self.tr("A veto takes no points: the department cannot be 优秀 this half.")
        listed = signed_points(total.sources)
        if scope == SCORED:
            return self.tr("Sources add up to {0}: deductions {1}").format(
                listed, two_decimals(-total.cell)
            )
        if total.start:
            return self.tr("Full marks {0} {1} from the sources = {2}").format(
                two_decimals(total.start), listed, two_decimals(total.cell)
            )
        return self.tr("Sources add up to {0} = {1}").format(listed, two_decimals(total.cell))

    def _empty_text(self, scope: Scope) -> str:
        if scope == VETOES:
            return self.tr("No veto this half.")
        if scope is AdjustmentCategory.BONUS:
            return self.tr("No commendation entered this half.")
        return self.tr("Nothing was deducted here: full marks.")

    # --- entries ------------------------------------------------------------------------
    def _reselect(self, line: SourceLine | None) -> None:
        if line is None or line.entry is None:
            return
        for row in range(self.proxy.rowCount()):
            found = self.proxy.row_object(self.proxy.index(row, 0))
            if found.entry is not None and found.entry.id == line.entry.id:
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return

    def _update_buttons(self) -> None:
        line = self.current_line()
        can = self._editable and line is not None and line.editable
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(can)
            button.setToolTip(self._why_not(line) if not can else "")

    def _why_not(self, line: SourceLine | None) -> str:
        if not self._editable:
            return self.tr("The half cannot be changed here (see the note above the table).")
        if line is None:
            return self.tr("Select an entered deduction, bonus or veto.")
        if line.read_only_reason:
            return line.read_only_reason
        return self.tr("Checks come from the ledger (查账); the clamp and the cap are computed.")

    def _request(self, signal: SignalInstance) -> None:
        line = self.current_line()
        if self._editable and line is not None and line.editable:
            signal.emit(line)

    def select_first_entry(self) -> QModelIndex | None:
        """The first row that can be changed (tests, and Enter after a drill-down)."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.row_object(self.proxy.index(row, 0)).editable:
                index = self.proxy.index(row, 0)
                self.table.setCurrentIndex(index)
                return index
        return None
