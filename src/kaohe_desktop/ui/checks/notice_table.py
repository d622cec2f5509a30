"""The 督办单列表's table: one notice a row, 逾期未整改 in words and in red.

Rows are replaced one at a time after a change (`put`, `drop`): the list answers a
save with the notice as stored and reads nothing else again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from kaohe_desktop.domain.notice_rules import COLOR_WORDS
from kaohe_desktop.services.checks.views import NoticeView
from kaohe_desktop.ui.checks.notice_dialog import COLOR_TEXT
from kaohe_desktop.ui.checks.rectification_dialog import period_text
from kaohe_desktop.ui.common.table_model import AnyIndex, Column, RowTableModel

OVERDUE_COLOR = "#c62828"
(NUMBER, COLOR, DEPARTMENT, PERIOD, ISSUED, DEADLINE, CONTENT, DEDUCTION, STATE) = range(9)
WIDTHS = {
    NUMBER: 150, COLOR: 80, DEPARTMENT: 110, PERIOD: 130, ISSUED: 96, DEADLINE: 96,
    CONTENT: 300, DEDUCTION: 56,
}  # fmt: skip


def rectify_by(notice: NoticeView) -> date:
    rect = notice.rectification
    return rect.deadline if rect is not None else notice.deadline


class NoticeTableModel(RowTableModel[NoticeView]):
    def __init__(self, today: date, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.today = today
        self._overdue = QBrush(QColor(OVERDUE_COLOR))
        self.set_columns(
            [
                Column(self.tr("Number"), lambda n: n.number, sort=lambda n: (n.year, n.serial)),
                Column(
                    self.tr("Colour"),
                    lambda n: COLOR_WORDS[n.color],
                    color=lambda n: COLOR_TEXT[n.color],
                    bold=lambda n: True,
                ),
                Column(self.tr("Department"), lambda n: n.department),
                Column(self.tr("Period"), lambda n: period_text(n.period), sort=lambda n: n.period),
                Column(self.tr("Issued on"), lambda n: n.issued_on),
                Column(self.tr("Rectify by"), rectify_by),
                Column(self.tr("Problem"), lambda n: n.content, tooltip=lambda n: n.content),
                Column(self.tr("Deduction"), lambda n: n.deduction, numeric=True),
                Column(self.tr("Rectification"), self.state_text),
            ]
        )

    def state_text(self, notice: NoticeView) -> str:
        rect = notice.rectification
        if notice.closed:
            return self.tr("Verified, closed")
        if notice.rectification_overdue(self.today):
            return "逾期未整改"
        if rect is None:
            return self.tr("No plan yet")
        if rect.result:
            return self.tr("Done, awaiting verification")
        return self.tr("In progress")

    def put(self, notice: NoticeView) -> bool:
        """The notice as stored now in place of its row (False: it is not listed)."""
        for row, shown in enumerate(self._rows):
            if shown.id == notice.id:
                self._rows[row] = notice
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
                return True
        return False

    def drop(self, notice_id: int) -> bool:
        """The notice's row out of the list (False: it was not listed)."""
        for row, shown in enumerate(self._rows):
            if shown.id == notice_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
                return True
        return False

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() != COLOR
            and 0 <= index.row() < len(self._rows)
            and self._rows[index.row()].rectification_overdue(self.today)
        ):
            return self._overdue
        return super().data(index, role)
