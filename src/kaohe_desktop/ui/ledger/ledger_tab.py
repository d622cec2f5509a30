"""台账 tab: the year's work tasks with their check progress."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.services.views import TaskView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import DepartmentFilter, make_search_box, make_table_view
from kaohe_desktop.ui.ledger import task_model as cols
from kaohe_desktop.ui.ledger.task_model import TaskTableModel

_WIDTHS = {  # tuned on the demo at 1400 px so that every column shows without scrolling
    cols.SEQ: 44,
    cols.TITLE: 220,
    cols.TARGET: 250,
    cols.CATEGORY: 74,
    cols.LEAD: 104,
    cols.RESPONSIBLE: 170,
    cols.DEADLINE: 80,
    cols.DUE: 120,
    cols.POINTS: 48,
    cols.PROGRESS: 72,
    cols.WORST: 78,
}


class LedgerTab(DataTab):
    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.model = TaskTableModel(self)
        self.proxy = RowFilterProxy(
            self.model, (cols.TITLE, cols.TARGET, cols.LEAD, cols.RESPONSIBLE), self
        )
        self.search = make_search_box(self.tr("Search task, target or department"))
        self.department = DepartmentFilter()
        self.count = QLabel()
        self.count.setObjectName("ledgerCount")
        self.table = make_table_view(self.proxy, _WIDTHS, name="ledgerTable")

        bar = QHBoxLayout()
        bar.addWidget(self.search)
        bar.addWidget(QLabel(self.tr("Department:")))
        bar.addWidget(self.department)
        bar.addStretch(1)
        layout = QVBoxLayout(content)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count)  # below the table, where a clerk looks after scrolling

        self.search.textChanged.connect(self._on_filter_changed)
        self.department.department_changed.connect(lambda _name: self._on_filter_changed())

    def _load(self, workspace: Workspace, year: int) -> None:
        tasks = workspace.queries.tasks(year)
        self.model.set_rows(tasks)
        departments: list[str] = []
        for task in tasks:
            departments += [task.lead_department, *task.responsible_departments]
        self.department.set_departments(departments)
        self._update_count()
        self.show_rows_or_empty(
            bool(tasks),
            self.tr(
                "There are no ledger tasks for {0} yet. Import the ledger with "
                "File → Import workbook, or download the template, fill in its 台账 sheet "
                "and import it."
            ).format(year),
        )

    def _clear(self) -> None:
        self.model.set_rows([])
        self.department.set_departments([])
        self._update_count()

    def _on_filter_changed(self) -> None:
        self.proxy.set_search_text(self.search.text())
        name = self.department.department()
        self.proxy.set_predicate(None if name is None else _involves(name))
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        key = sum(1 for t in self.model.rows() if t.category is TaskCategory.KEY)
        if shown == total:
            text = self.tr("{0} tasks, {1} key").format(total, key)
        else:
            text = self.tr("{0} of {1} tasks shown").format(shown, total)
        self.count.setText(text)


def _involves(department: str) -> Callable[[TaskView], bool]:
    def predicate(task: TaskView) -> bool:
        return department == task.lead_department or department in task.responsible_departments

    return predicate
