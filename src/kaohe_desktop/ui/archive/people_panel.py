"""The left side of the 人员档案 tab: the search box, the people list and its count.

The list filters a short moment after the clerk stops typing (SEARCH_DELAY_MS), so a
county file of 10,000 people is not filtered once per keystroke. When the selected
person drops out of the list, the first one shown is selected; `person_chosen`
announces every change of the selected person (None when nobody is shown).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from kaohe_desktop.services.archive.views import PersonFindRow
from kaohe_desktop.ui.archive.person_list_model import (
    CODE,
    DEPARTMENT,
    NAME,
    POSITION,
    PersonFilterProxy,
    PersonFindModel,
)
from kaohe_desktop.ui.common.widgets import make_search_box, make_table_view

SEARCH_DELAY_MS = 150
_WIDTHS = {CODE: 60, NAME: 80, DEPARTMENT: 100, POSITION: 96}


class PeoplePanel(QWidget):
    person_chosen = Signal(object)  # PersonFindRow | None
    filtered = Signal()  # the search or the checkbox changed what is listed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PersonFindModel(self)
        self.proxy = PersonFilterProxy(self.model, self)
        self.search = make_search_box(self.tr("Code, name, initials (zs), department or status"))
        self.search.setMaximumWidth(16777215)
        self.search.setToolTip(
            self.tr(
                "Type a code, a name, the pinyin initials of a name (zs for 张三), a department "
                "or a status (退休); several words must all match"
            )
        )
        self.out_of_service = QCheckBox(self.tr("Show retired and transferred people"))
        self.out_of_service.setObjectName("showOutOfService")
        self.out_of_service.setChecked(True)
        self.out_of_service.setToolTip(
            self.tr("People out of service (退休, 调出, 离职) are listed greyed, with their status")
        )
        self.table = make_table_view(self.proxy, _WIDTHS, name="peopleTable")
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.count = QLabel()
        self.count.setObjectName("peopleCount")
        self.timer = QTimer(self)
        self.timer.setObjectName("searchDelay")
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self._shown: int | None = None  # the person last announced

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.out_of_service)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.timer.timeout.connect(self.apply_search)
        self.out_of_service.toggled.connect(self._on_out_of_service)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.update_count()

    # --- rows ---------------------------------------------------------------------
    def set_people(self, rows: Sequence[PersonFindRow]) -> None:
        """A reload: the same person stays selected when still listed."""
        keep = self._shown
        self.model.set_rows(rows)
        self.update_count()
        if keep is None or not self.select(keep):
            self._select_first()
        self._announce()

    def selected(self) -> PersonFindRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_object(rows[0]) if rows else None

    def select(self, person_id: int) -> bool:
        """Select the person, showing them again if the search or the checkbox hid them."""
        row = self.proxy.row_of(person_id)
        if row is None and self.model.row_of(person_id) is not None:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.timer.stop()
            self.proxy.set_text("")
            self.out_of_service.setChecked(True)
            self.update_count()
            row = self.proxy.row_of(person_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))
        return True

    def select_code(self, code: str) -> bool:
        found = next((r for r in self.model.rows() if r.code == code), None)
        return found is not None and self.select(found.id)

    # --- filtering ----------------------------------------------------------------
    def apply_search(self) -> None:
        self.timer.stop()
        self.proxy.set_text(self.search.text())
        self._after_filter()

    def _on_out_of_service(self, shown: bool) -> None:
        self.proxy.set_show_out_of_service(shown)
        self._after_filter()

    def _after_filter(self) -> None:
        self.update_count()
        if self.selected() is None:
            self._select_first()
        self._announce()
        self.filtered.emit()

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.table.clearSelection()

    def update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        out = sum(1 for r in self.model.rows() if not r.in_service)
        text = self.tr("{0} of {1} people shown").format(shown, total)
        if out:
            text += self.tr(" ({0} out of service)").format(out)
        self.count.setText(text)

    # --- the selected person ------------------------------------------------------
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._announce()

    def _announce(self) -> None:
        person = self.selected()
        person_id = person.id if person is not None else None
        if person_id != self._shown:
            self._shown = person_id
            self.person_chosen.emit(person)

    def forget(self) -> None:
        """The file closed: nobody is selected any more (nothing is announced)."""
        self._shown = None
        self.model.set_rows([])
        self.update_count()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
