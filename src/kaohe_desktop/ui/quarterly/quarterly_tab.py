"""季度考核 tab: the 平时考核 of one quarter of the chosen year."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.views import AssessmentView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import DepartmentFilter, make_search_box, make_table_view
from kaohe_desktop.ui.quarterly import assessment_model as cols
from kaohe_desktop.ui.quarterly.assessment_model import AssessmentTableModel

_WIDTHS = {
    cols.CODE: 80,
    cols.NAME: 80,
    cols.DEPARTMENT: 130,
    cols.CATEGORY: 130,
    cols.PERFORMANCE: 80,
    cols.COMMENTS: 60,
    cols.LEADER: 90,
    cols.COMPOSITE: 80,
}


class QuarterlyTab(DataTab):
    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.model = AssessmentTableModel(self)
        self.proxy = RowFilterProxy(self.model, (cols.CODE, cols.NAME, cols.DEPARTMENT), self)
        self.quarter = QComboBox()
        self.quarter.setObjectName("quarterCombo")
        for number, label in enumerate(
            (self.tr("Q1"), self.tr("Q2"), self.tr("Q3"), self.tr("Q4")), start=1
        ):
            self.quarter.addItem(label, number)
        self.search = make_search_box(self.tr("Search code, name or department"))
        self.department = DepartmentFilter()
        self.count = QLabel()
        self.count.setObjectName("quarterlyCount")
        self.table = make_table_view(self.proxy, _WIDTHS, name="quarterlyTable")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Quarter:")))
        bar.addWidget(self.quarter)
        bar.addSpacing(12)
        bar.addWidget(self.search)
        bar.addWidget(QLabel(self.tr("Department:")))
        bar.addWidget(self.department)
        bar.addStretch(1)
        layout = QVBoxLayout(content)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count)  # below the table, where a clerk looks after scrolling

        self._quarter_chosen = False  # until the clerk picks one, follow the data
        # activated: only the clerk's own choice, which then sticks across years.
        self.quarter.activated.connect(self._on_quarter_activated)
        self.search.textChanged.connect(self._on_filter_changed)
        self.department.department_changed.connect(lambda _name: self._on_filter_changed())

    def current_quarter(self) -> Quarter | None:
        return Quarter(self.year, int(self.quarter.currentData())) if self.year else None

    def set_quarter(self, number: int) -> None:
        self._quarter_chosen = True
        self.quarter.setCurrentIndex(self.quarter.findData(number))
        self.reload()

    def _load(self, workspace: Workspace, year: int) -> None:
        rows = [] if self._quarter_chosen else self._latest_quarter_with_rows(workspace, year)
        if not rows:
            rows = workspace.queries.assessments(Quarter(year, int(self.quarter.currentData())))
        self.model.set_rows(rows)
        self.department.set_departments(r.department for r in rows)
        self._update_count()
        quarter = self.current_quarter()
        self.show_rows_or_empty(
            bool(rows),
            self.tr(
                "No quarterly assessments for {0} yet. Fill in the 平时考核 sheet of the "
                "template (period {1}) and import it with File → Import workbook."
            ).format(quarter.label() if quarter else year, quarter),
        )

    def _latest_quarter_with_rows(self, workspace: Workspace, year: int) -> list[AssessmentView]:
        # Opening a year shows its latest assessed quarter rather than an empty one.
        for number in (4, 3, 2, 1):
            rows = workspace.queries.assessments(Quarter(year, number))
            if rows:
                self.quarter.setCurrentIndex(self.quarter.findData(number))
                return rows
        return []

    def _clear(self) -> None:
        self.model.set_rows([])
        self.department.set_departments([])
        self._update_count()

    def _on_quarter_activated(self, _index: int) -> None:
        self._quarter_chosen = True
        self.reload()

    def _on_filter_changed(self) -> None:
        self.proxy.set_search_text(self.search.text())
        name = self.department.department()
        self.proxy.set_predicate(None if name is None else (lambda a: a.department == name))
        self._update_count()

    def _update_count(self) -> None:
        rows: list[AssessmentView] = [
            self.proxy.row_object(self.proxy.index(i, 0)) for i in range(self.proxy.rowCount())
        ]
        not_graded = sum(1 for r in rows if r.no_grade_reason)
        unscored = sum(1 for r in rows if r.awaiting_score)
        self.count.setText(
            self.tr("{0} people, {1} not yet scored, {2} not graded").format(
                len(rows), unscored, not_graded
            )
        )
