"""The 查账 grid: one row per task × responsible department due in the period.

Two cells per row are typed, both at the level the clerk enters (一级, 二级 or 三级):
its 完成情况 (keys 1–5) and its 实际完成情况. The model never writes a check itself:
setData only emits `actual_entered` / `status_entered`, the editing helper saves through
the service, and the fresh rows that come back replace just the rows touched. So the
grid shows what the data file holds, except for a typed value the file refused: that
one is kept on screen, marked 未保存, until the clerk saves it again or leaves it.

Colour never carries meaning alone: a draft says （草稿）, an overdue pair says 逾期未录,
and every status is its own word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus
from kaohe_desktop.services.checks.views import DueCheckRow
from kaohe_desktop.ui.checks.due_columns import (
    ACTUAL,
    AWAITING_BACKGROUND,
    DRAFT_COLOR,
    LEVEL1,
    LEVEL_COLUMNS,
    LOCKED_COLOR,
    OVERDUE_BACKGROUND,
    PENDING_COLOR,
    due_columns,
)
from kaohe_desktop.ui.common.table_model import AnyIndex, RowTableModel


class DueTableModel(RowTableModel[DueCheckRow]):
    status_entered = Signal(object, object)  # DueCheckRow, CheckStatus | None (None: clear)
    actual_entered = Signal(object, str)  # DueCheckRow, the text typed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.level = CheckLevel.LEAD
        self._editable = False
        self._locked: dict[int, str] = {}  # department id → why it is read-only here
        # (task id, department id) → the 实际完成情况 typed but refused, and why.
        self.pending: dict[tuple[int, int], tuple[str, str]] = {}
        self._index_of: dict[tuple[int, int], int] = {}
        self._italic = QFont()
        self._italic.setItalic(True)
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes: dict[str, QBrush] = {}
        self.set_columns(due_columns(lambda: self.level))

    # --- contents -------------------------------------------------------------
    def set_due_rows(self, rows: Iterable[DueCheckRow]) -> None:
        """Show these rows; the same pairs in the same order are updated in place, so
        the current cell, the selection and an open editor survive a live refresh."""
        rows = list(rows)
        if [r.key for r in rows] == [r.key for r in self._rows] and rows:
            self._rows = rows
            self._changed(0, len(rows) - 1)
        else:
            self.pending.clear()
            self.set_rows(rows)
        self._index_of = {row.key: n for n, row in enumerate(self._rows)}

    def update_rows(self, fresh: Iterable[DueCheckRow]) -> None:
        """Replace the rows of these pairs (a write's answer); the others stay as read."""
        for row in fresh:
            number = self._index_of.get(row.key)
            if number is not None:
                self._rows[number] = row
                self._changed(number, number)

    def row_of(self, key: tuple[int, int]) -> int | None:
        return self._index_of.get(key)

    def keep_pending(self, row: DueCheckRow, text: str, reason: str) -> None:
        self.pending[row.key] = (text, reason)
        self._changed_key(row.key)

    def drop_pending(self, key: tuple[int, int]) -> None:
        if self.pending.pop(key, None) is not None:
            self._changed_key(key)

    def _changed_key(self, key: tuple[int, int]) -> None:
        number = self._index_of.get(key)
        if number is not None:
            self._changed(number, number)

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    # --- the level entered and who may type where ------------------------------
    def set_level(self, level: CheckLevel) -> None:
        if level is self.level:
            return
        self.level = level
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, LEVEL1, ACTUAL)
        if self._rows:
            self._changed(0, len(self._rows) - 1)

    def set_edit_state(self, editable: bool, locked: Mapping[int, str]) -> None:
        if editable == self._editable and dict(locked) == self._locked:
            return
        self._editable, self._locked = editable, dict(locked)
        if self._rows:
            self._changed(0, len(self._rows) - 1)

    @property
    def editable(self) -> bool:
        return self._editable

    @property
    def status_column(self) -> int:
        return LEVEL_COLUMNS[self.level]

    def lock_reason(self, row: DueCheckRow) -> str | None:
        """Why this row's entry cells are read-only here (None: they are not, for the
        row's own sake): another workstation holds its department, or a 三级 check is
        asked of a pair the leaders did not draw."""
        locked = self._locked.get(row.department_id)
        if locked is not None:
            return locked
        if (
            self.level is CheckLevel.LEADERSHIP
            and not row.sampled
            and row.entry(self.level) is None
        ):
            return self.tr(
                "Not drawn for this period's 局领导抽查: a 三级 check is recorded only on the "
                "drawn rows (局领导抽查…)."
            )
        return None

    def is_entry_cell(self, index: AnyIndex) -> bool:
        return (
            index.isValid()
            and index.column() in (self.status_column, ACTUAL)
            and 0 <= index.row() < len(self._rows)
        )

    def is_editable(self, index: AnyIndex) -> bool:
        if not (self._editable and self.is_entry_cell(index)):
            return False
        return self.lock_reason(self._rows[index.row()]) is None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.is_editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- data -----------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if column == ACTUAL and row.key in self.pending:
            return self._pending_data(row, role)
        if role == Qt.ItemDataRole.EditRole and column == ACTUAL:
            entry = row.entry(self.level)
            return entry.actual or "" if entry is not None else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.FontRole and self._is_draft_cell(row, column):
            return self._italic
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._is_draft_cell(row, column):
                return self._brush(DRAFT_COLOR)
            if self.is_entry_cell(index) and self._editable and self.lock_reason(row):
                return self._brush(LOCKED_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and self.is_entry_cell(index):
            locked = self.lock_reason(row)
            if locked is not None:
                return locked
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index):
            return False
        row = self._rows[index.row()]
        if index.column() == ACTUAL:
            text = "" if value is None else str(value)
            entry = row.entry(self.level)
            unchanged = text == ((entry.actual or "") if entry is not None else "")
            if unchanged and row.key not in self.pending:
                return False  # opened and closed without a change
            self.actual_entered.emit(row, text)
        else:
            self.status_entered.emit(row, CheckStatus(value) if value else None)
        return False  # nothing written here: the row changes when the service's rows come

    def _pending_data(self, row: DueCheckRow, role: int) -> Any:
        text, reason = self.pending[row.key]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text if role == Qt.ItemDataRole.EditRole else f"{text}（未保存）"
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._brush(PENDING_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(
                "Not saved: {0}\nEdit the cell and press Enter to save it again."
            ).format(reason)
        return super().data(self.index(self._index_of[row.key], ACTUAL), role)

    def _is_draft_cell(self, row: DueCheckRow, column: int) -> bool:
        if column == ACTUAL:
            entry = row.entry(self.level)
            return entry is not None and entry.draft
        level = next((lv for lv, c in LEVEL_COLUMNS.items() if c == column), None)
        if level is None:
            return False
        entry = row.entry(level)
        return entry is not None and entry.draft

    def _background(self, row: DueCheckRow, column: int) -> QBrush | None:
        awaiting = self._editable and row.entry(self.level) is None
        if column == self.status_column and awaiting and self.lock_reason(row) is None:
            return self._brush(AWAITING_BACKGROUND)
        if row.overdue_unrecorded:
            return self._brush(OVERDUE_BACKGROUND)
        return None

    def _brush(self, name: str) -> QBrush:
        brush = self._brushes.get(name)
        if brush is None:
            brush = self._brushes[name] = QBrush(QColor(name))
        return brush

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        entering = orientation == Qt.Orientation.Horizontal and section in (
            self.status_column,
            ACTUAL,
        )
        if entering and role == Qt.ItemDataRole.FontRole:
            return self._bold
        if entering and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(
                "{0} ({1}) is the level you enter: in its column press 1 已完成, 2 逾期完成, "
                "3 部分完成, 4 未完成, 5 未到期, Delete to clear; Enter moves down."
            ).format(self.level.label, self.level.description)
        return super().headerData(section, orientation, role)
