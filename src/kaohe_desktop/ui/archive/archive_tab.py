"""人员档案 tab: find a person on the left, read their archive (一人一档) on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.services.org.views import PersonView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.archive import archive_models as cols
from kaohe_desktop.ui.archive.archive_models import ArchiveEntryTableModel, PersonTableModel
from kaohe_desktop.ui.archive.person_details import PersonDetails
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.empty_state import EmptyStateStack
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import make_search_box, make_table_view

_PEOPLE_WIDTHS = {cols.CODE: 72, cols.NAME: 64, cols.DEPARTMENT: 120}
_ENTRY_WIDTHS = {0: 96, 1: 170, 2: 190}


class ArchiveTab(DataTab):
    edit_person_requested = Signal(int)

    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.people = PersonTableModel(self)
        self.people_proxy = RowFilterProxy(
            self.people, (cols.CODE, cols.NAME, cols.DEPARTMENT), self
        )
        self.entries = ArchiveEntryTableModel(self)
        self.entries_proxy = RowFilterProxy(self.entries, (), self)
        self.search = make_search_box(self.tr("Search code, name or department"))
        self.search.setMinimumWidth(200)
        self.people_table = make_table_view(self.people_proxy, _PEOPLE_WIDTHS, name="peopleTable")
        self.people_table.horizontalHeader().setMinimumSectionSize(40)
        self.people_count = QLabel()
        self.edit_button = QPushButton(self.tr("Edit person…"))
        self.edit_button.setObjectName("editPerson")
        self.edit_button.setToolTip(
            self.tr("Edit this person's record; one clerk at a time, others see who edits it")
        )
        self._editable = False
        self.details = PersonDetails()
        self.only_year = QCheckBox()
        self.only_year.setObjectName("onlyYear")
        self.entries_table = make_table_view(self.entries_proxy, _ENTRY_WIDTHS, name="entryTable")
        self.entries_stack = EmptyStateStack(self.entries_table)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.people_table)
        count_bar = QHBoxLayout()
        count_bar.addWidget(self.people_count, 1)
        count_bar.addWidget(self.edit_button)
        left_layout.addLayout(count_bar)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details)
        entries_bar = QHBoxLayout()
        entries_bar.addWidget(QLabel(self.tr("Archive records, newest first")))
        entries_bar.addStretch(1)
        entries_bar.addWidget(self.only_year)
        right_layout.addLayout(entries_bar)
        right_layout.addWidget(self.entries_stack, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 950])
        layout = QVBoxLayout(content)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self._on_search)
        self.only_year.toggled.connect(lambda _checked: self._filter_entries())
        self.people_table.selectionModel().selectionChanged.connect(self._on_selection)
        self.people_table.doubleClicked.connect(lambda _index: self._request_edit())
        self.edit_button.clicked.connect(lambda _checked=False: self._request_edit())
        self._update_edit_button()

    def set_editable(self, editable: bool) -> None:
        """Whether the signed-in role may edit records (viewing stays possible)."""
        self._editable = editable
        self._update_edit_button()

    def _update_edit_button(self) -> None:
        self.edit_button.setEnabled(self.selected_person() is not None)
        self.edit_button.setText(self.tr("Edit person…") if self._editable else self.tr("View…"))

    def _request_edit(self) -> None:
        person = self.selected_person()
        if person is not None:
            self.edit_person_requested.emit(person.id)

    def selected_person(self) -> PersonView | None:
        rows = self.people_table.selectionModel().selectedRows()
        return self.people_proxy.row_object(rows[0]) if rows else None

    def select_person(self, code: str) -> bool:
        for row in range(self.people_proxy.rowCount()):
            if self.people_proxy.row_object(self.people_proxy.index(row, 0)).code == code:
                self.people_table.selectRow(row)
                return True
        return False

    def _load(self, workspace: Workspace, year: int) -> None:
        selected = self.selected_person()
        self.only_year.setText(self.tr("Only {0}").format(year))
        self.people.set_rows(workspace.people.listing())
        self._update_count()
        if not (selected and self.select_person(selected.code)) and self.people_proxy.rowCount():
            self.people_table.selectRow(0)
        self._show_entries()
        self.show_rows_or_empty(
            self.people.rowCount() > 0,
            self.tr(
                "There are no people yet. Fill in the 科室 and 人员 sheets of the template "
                "and import it with File → Import workbook."
            ),
        )

    def _clear(self) -> None:
        self.people.set_rows([])
        self.entries.set_rows([])
        self.details.show_person(None)
        self._update_count()

    def _on_search(self, text: str) -> None:
        self.people_proxy.set_search_text(text)
        self._update_count()
        if self.selected_person() is None and self.people_proxy.rowCount():
            self.people_table.selectRow(0)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_entries()
        self._update_edit_button()

    def _show_entries(self) -> None:
        person = self.selected_person()
        self.details.show_person(person)
        if person is None or self.workspace is None:
            self.entries.set_rows([])
        else:
            self.entries.set_rows(self.workspace.archive.entries(person.id))
        self._filter_entries()

    def _filter_entries(self) -> None:
        year = self.year
        if self.only_year.isChecked() and year is not None:
            self.entries_proxy.set_predicate(lambda e: e.date is not None and e.date.year == year)
        else:
            self.entries_proxy.set_predicate(None)
        if self.entries_proxy.rowCount():
            self.entries_stack.show_content()
        elif self.selected_person() is None:
            self.entries_stack.show_empty(self.tr("Select a person on the left."))
        else:
            self.entries_stack.show_empty(
                self.tr(
                    "Nothing recorded for this person yet. Quarterly assessments, commendations, "
                    "discipline and talks are imported from the workbook's sheets."
                )
            )

    def _update_count(self) -> None:
        self.people_count.setText(
            self.tr("{0} of {1} people").format(
                self.people_proxy.rowCount(), self.people.rowCount()
            )
        )
