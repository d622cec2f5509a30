"""待办清单: who is short of the year's 谈心谈话, which special talks are called for, and
which key posts are due for 交流轮岗 (services/archive/due_lists).

Three tables for the chosen year. Double-clicking a row (or Enter) shows that
person's archive; 新增谈话… on a row opens the talk dialog for its person, a special
talk's row with its kind chosen; 导出待办清单… writes the three lists as a workbook.
The panel shows what it is given; the tab reads the lists when the panel is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.enums import TalkKind
from kaohe_desktop.services.archive.views import (
    DueListsView,
    RotationRow,
    RoutineTalkRow,
    SpecialTalkRow,
)
from kaohe_desktop.ui.archive.archive_models import FLAG_COLOR
from kaohe_desktop.ui.common.empty_state import EmptyStateStack
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view

DueRow = RoutineTalkRow | SpecialTalkRow | RotationRow


@dataclass(frozen=True)
class TalkRequest:
    person_id: int
    kind: TalkKind | None


class RoutineTalkModel(RowTableModel[RoutineTalkRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        never = self.tr("never")
        self.set_columns(
            [
                Column(self.tr("Code"), lambda r: r.code),
                Column(self.tr("Name"), lambda r: r.name, bold=lambda r: r.principal),
                Column(self.tr("Department"), lambda r: r.department),
                Column(
                    self.tr("Post and rank"), lambda r: r.position, tooltip=lambda r: r.position
                ),
                Column(
                    self.tr("Held / required"),
                    lambda r: f"{r.held} / {r.required}",
                    center=True,
                    sort=lambda r: r.held - r.required,
                    header_tooltip=self.tr("Routine talks held this year / at least required"),
                ),
                Column(
                    self.tr("Last talk"),
                    lambda r: r.last_talk if r.last_talk is not None else never,
                    sort=lambda r: r.last_talk,
                ),
            ]
        )


class SpecialTalkModel(RowTableModel[SpecialTalkRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        overdue = self.tr("Overdue")
        self.set_columns(
            [
                Column(self.tr("Name"), lambda r: r.name, tooltip=lambda r: r.code),
                Column(self.tr("Department"), lambda r: r.department),
                Column(self.tr("Talk"), lambda r: r.kind),
                Column(self.tr("Reason"), lambda r: r.reason, tooltip=lambda r: r.reason),
                Column(self.tr("Arose on"), lambda r: r.arose_on),
                Column(self.tr("Due by"), lambda r: r.due_by),
                Column(
                    self.tr("Overdue"),
                    lambda r: overdue if r.overdue else "",
                    color=lambda r: FLAG_COLOR if r.overdue else None,
                    bold=lambda r: r.overdue,
                    sort=lambda r: r.overdue,
                ),
            ]
        )


class RotationModel(RowTableModel[RotationRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        reached = self.tr("Due now")
        self.set_columns(
            [
                Column(self.tr("Name"), lambda r: r.name, tooltip=lambda r: r.code),
                Column(self.tr("Department"), lambda r: r.department),
                Column(
                    self.tr("Post and rank"), lambda r: r.position, tooltip=lambda r: r.position
                ),
                Column(self.tr("In the department since"), lambda r: r.since),
                Column(
                    self.tr("Years full on"),
                    lambda r: r.reaches_on,
                    tooltip=lambda r: self.tr("{0} years in the department").format(r.years),
                ),
                Column(
                    self.tr("Due"),
                    lambda r: reached if r.reached else "",
                    color=lambda r: FLAG_COLOR if r.reached else None,
                    bold=lambda r: r.reached,
                    sort=lambda r: r.reached,
                ),
            ]
        )


class DueListsPanel(QWidget):
    person_chosen = Signal(int)  # show this person's archive
    talk_requested = Signal(object)  # TalkRequest: 新增谈话… for a row's person
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dueListsPanel")
        self.view: DueListsView | None = None
        self.routine = RoutineTalkModel(self)
        self.special = SpecialTalkModel(self)
        self.rotations = RotationModel(self)
        self.routine_table = self._table(
            self.routine, {0: 64, 1: 80, 2: 130, 3: 110, 4: 80}, "routineTable"
        )
        self.special_table = self._table(
            self.special, {0: 80, 1: 110, 2: 80, 3: 260, 4: 92, 5: 92}, "specialTable"
        )
        self.rotation_table = self._table(
            self.rotations, {0: 80, 1: 110, 2: 110, 3: 140, 4: 110}, "rotationTable"
        )
        self.heading = QLabel()
        self.heading.setObjectName("dueHeading")
        self.heading.setWordWrap(True)
        self.titles = {table: QLabel() for table in self.tables()}
        self.stacks = {table: EmptyStateStack(table) for table in self.tables()}
        self.talk_button = QPushButton(self.tr("Add talk…"))
        self.talk_button.setObjectName("dueAddTalk")
        self.talk_button.setToolTip(
            self.tr(
                "Record a talk with the person of the chosen row (a special talk's kind is chosen)"
            )
        )
        self.show_button = QPushButton(self.tr("Show archive"))
        self.show_button.setObjectName("dueShowArchive")
        self.export_button = QPushButton(self.tr("Export due lists…"))
        self.export_button.setObjectName("exportDueLists")
        self.export_button.setToolTip(self.tr("Write the three lists as an Excel workbook"))
        self._current: QTableView | None = None
        self._may_talk = False
        self._layout()
        self.talk_button.clicked.connect(lambda _c=False: self._request_talk())
        self.show_button.clicked.connect(lambda _c=False: self._choose())
        self.export_button.clicked.connect(lambda _c=False: self.export_requested.emit())
        self.show_lists(None)

    def _table(self, model: RowTableModel[Any], widths: dict[int, int], name: str) -> QTableView:
        """A sortable table of one list; its rows are read back through the proxy."""
        table = make_table_view(RowFilterProxy(model, (), self), widths, name=name)
        table.activated.connect(lambda _index, t=table: self._choose(t))  # Enter, double-click
        table.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected, t=table: self._on_selection(t)
        )
        return table

    def tables(self) -> list[QTableView]:
        return [self.routine_table, self.special_table, self.rotation_table]

    def _layout(self) -> None:
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("dueSplitter")
        splitter.setChildrenCollapsible(False)
        for table in self.tables():
            part = QWidget()
            column = QVBoxLayout(part)
            column.setContentsMargins(0, 4, 0, 0)
            title = self.titles[table]
            title.setStyleSheet("font-weight: bold;")
            title.setWordWrap(True)
            column.addWidget(title)
            column.addWidget(self.stacks[table], 1)
            splitter.addWidget(part)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.talk_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    # --- contents -----------------------------------------------------------------------
    def show_lists(self, view: DueListsView | None) -> None:
        self.view = view
        self.routine.set_rows(view.routine if view else [])
        self.special.set_rows(view.special if view else [])
        self.rotations.set_rows(view.rotations if view else [])
        self._current = None
        if view is None:
            self.heading.setText(self.tr("The due lists are read when shown."))
        else:
            self.heading.setText(
                self.tr("Due lists of {0}, as of {1}: {2} overdue.").format(
                    view.year, view.today.isoformat(), view.overdue
                )
            )
        year = view.year if view else ""
        overdue = view.special_overdue if view else 0
        reached = view.rotations_reached if view else 0
        self.titles[self.routine_table].setText(
            self.tr("Short of routine talks (谈心谈话) in {0}: {1}").format(
                year, self.routine.rowCount()
            )
        )
        self.titles[self.special_table].setText(
            self.tr("Special talks called for (专项谈话): {0}, {1} overdue").format(
                self.special.rowCount(), overdue
            )
        )
        self.titles[self.rotation_table].setText(
            self.tr(
                "Key posts due for rotation (交流轮岗) by the end of {0}: {1}, {2} due now"
            ).format(year, self.rotations.rowCount(), reached)
        )
        empty = {
            self.routine_table: self.tr("Everyone in service has had the year's talks."),
            self.special_table: self.tr("No special talk is waiting."),
            self.rotation_table: self.tr("No key post reaches its years in the department."),
        }
        for table, stack in self.stacks.items():
            if view is None or table.model().rowCount():
                stack.show_content()
            else:
                stack.show_empty(empty[table])
        self.export_button.setEnabled(view is not None)
        self._update_buttons()

    def set_may_talk(self, may: bool, reason: str | None = None) -> None:
        self._may_talk = may
        self.talk_button.setToolTip(
            reason
            or self.tr(
                "Record a talk with the person of the chosen row (a special talk's kind is chosen)"
            )
        )
        self._update_buttons()

    # --- the chosen row -----------------------------------------------------------------
    def chosen(self) -> DueRow | None:
        table = self._current
        if table is None:
            return None
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        proxy = table.model()
        assert isinstance(proxy, RowFilterProxy)
        row: DueRow = proxy.row_object(rows[0])
        return row

    def select(self, table: QTableView, row: int) -> None:
        table.setFocus()
        table.selectRow(row)

    def _on_selection(self, table: QTableView) -> None:
        """One row chosen across the three lists: choosing in one clears the others."""
        if table.selectionModel().hasSelection():
            self._current = table
            for other in self.tables():
                if other is not table:
                    other.clearSelection()
        elif self._current is table:
            self._current = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.chosen()
        self.show_button.setEnabled(row is not None)
        self.talk_button.setEnabled(
            self._may_talk and isinstance(row, RoutineTalkRow | SpecialTalkRow)
        )

    def _choose(self, table: QTableView | None = None) -> None:
        if table is not None:
            self._current = table
        row = self.chosen()
        if row is not None:
            self.person_chosen.emit(row.person_id)

    def _request_talk(self) -> None:
        row = self.chosen()
        if isinstance(row, SpecialTalkRow):
            self.talk_requested.emit(TalkRequest(row.person_id, TalkKind(row.kind_code)))
        elif isinstance(row, RoutineTalkRow):
            self.talk_requested.emit(TalkRequest(row.person_id, TalkKind.HEART_TO_HEART))
