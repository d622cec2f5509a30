"""待处理: what keeps the half from being closed, with a filter to those departments.

Two kinds of lines: a due period with no confirmed check (科室, 序号, 任务, 期间 — it
counts as 未完成 meanwhile and is entered in the 查账 tab) and a department whose
equal total straddles a quota line (待委员会裁定). "只看这些科室" limits the score
table to them; choosing a line selects its department.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kaohe_desktop.domain.half_year_scoring import HalfYearScoring
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.scoring.score_texts import FLAG_COLOR, period_text, two_decimals

translate = QCoreApplication.translate


@dataclass(frozen=True)
class PendingItem:
    department_id: int
    department: str
    tie: bool  # 待裁定; else a missing check (缺查账)
    seq: int | None
    task: str
    period: str


def pending_items(scoring: HalfYearScoring) -> list[PendingItem]:
    """The unsettled ties first (a decision settles all of a tie), then missing checks."""
    items = [
        PendingItem(
            r.department_id,
            r.name,
            True,
            None,
            translate(
                "PendingPanel", "Total {0} equals another of its group across a quota line"
            ).format(two_decimals(r.total)),
            "",
        )
        for r in scoring.flagged()
    ]
    items += [
        PendingItem(r.department_id, r.name, False, c.seq, c.title, period_text(c.period))
        for r, c in scoring.missing()
    ]
    return items


def _what(item: PendingItem) -> str:
    if item.tie:
        return translate("PendingPanel", "Awaiting decision")
    return translate("PendingPanel", "Check missing")


class PendingTableModel(RowTableModel[PendingItem]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Item"), _what, color=lambda _p: FLAG_COLOR),
                Column(self.tr("Department"), lambda p: p.department),
                Column(self.tr("No."), lambda p: p.seq, numeric=True),
                Column(self.tr("Task"), lambda p: p.task, tooltip=lambda p: p.task),
                Column(self.tr("Period"), lambda p: p.period),
            ]
        )


class PendingPanel(QWidget):
    filter_toggled = Signal(bool)  # only the pending departments in the table
    department_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pendingPanel")
        self.model = PendingTableModel(self)
        self.proxy = RowFilterProxy(self.model, (), self)
        self.table = make_table_view(self.proxy, {0: 52, 1: 80, 2: 36, 3: 110}, name="pendingTable")
        self.heading = QLabel()
        self.heading.setObjectName("pendingHeading")
        self.heading.setWordWrap(True)
        self.only = QPushButton(self.tr("Only these departments"))
        self.only.setObjectName("pendingFilter")
        self.only.setCheckable(True)
        self.only.setToolTip(self.tr("Show only the departments listed here in the table"))
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.only.toggled.connect(self.filter_toggled)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._chosen())
        self.set_scoring(None)

    def set_scoring(self, scoring: HalfYearScoring | None, *, closed: bool = False) -> None:
        items = pending_items(scoring) if scoring is not None and not closed else []
        self.model.set_rows(items)
        missing = sum(1 for item in items if not item.tie)
        ties = len(items) - missing
        if scoring is None:
            self.heading.setText(self.tr("To do before closing"))
        elif closed:
            self.heading.setText(self.tr("The half is closed: its results are stored."))
        elif not items:
            self.heading.setText(
                self.tr("Nothing is missing and no tie waits: the half can be closed.")
            )
        else:
            parts = []
            if missing:
                parts.append(self.tr("{0} checks missing").format(missing))
            if ties:
                parts.append(self.tr("{0} departments awaiting the committee").format(ties))
            both = self.tr("{0}; {1}").format(*parts) if len(parts) == 2 else parts[0]
            self.heading.setText(self.tr("To do before closing: {0}.").format(both))
        self.table.setVisible(bool(items))
        if not items and self.only.isChecked():
            self.only.setChecked(False)
        self.only.setEnabled(bool(items))

    def departments(self) -> set[int]:
        return {item.department_id for item in self.model.rows()}

    def _chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            item = self.proxy.row_object(self.proxy.index(index.row(), 0))
            self.department_chosen.emit(item.department_id)
