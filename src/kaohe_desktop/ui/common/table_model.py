"""A read-only table model over a list of frozen dataclasses, described by columns.

Every tab shows service views (plain dataclasses) as a table; the only thing that
differs between tabs is which columns to show and how, so that is all a tab writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

T = TypeVar("T")

# The role a proxy sorts by: numbers sort as numbers, not as their text.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


def format_value(value: object) -> str:
    """How a cell shows a value: no trailing zeros on scores, ISO dates, blank for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "、".join(str(item) for item in value)
    return str(value)


def sort_value(value: object) -> Any:
    """A key that QSortFilterProxyModel can compare: numbers as floats, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal | int | float):
        return float(value)
    return format_value(value)


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header and how to read a row for each role."""

    header: str
    value: Callable[[T], object]
    tooltip: Callable[[T], str | None] | None = None
    numeric: bool = False
    center: bool = False
    color: Callable[[T], str | None] | None = None  # a colour name for the text
    bold: Callable[[T], bool] | None = None
    header_tooltip: str | None = None
    sort: Callable[[T], object] | None = None  # when the shown text does not sort right


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows are replaced as a whole (a reload); nothing is edited in place."""

    def __init__(self, columns: Sequence[Column[T]] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # --- contents -------------------------------------------------------------
    def set_columns(self, columns: Sequence[Column[T]]) -> None:
        # Subclasses declare columns after QObject.__init__, because headers use self.tr.
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def column_headers(self) -> list[str]:
        return [column.header for column in self._columns]

    def display_texts(self, column: int, first: int = 0, last: int | None = None) -> list[str]:
        """What a column shows (DisplayRole) in rows first..last-1, read without a
        QModelIndex per cell: the search box's text (RowFilterProxy) of 10,000 rows in a
        few milliseconds. A subclass that shows other text overrides this too."""
        value = self._columns[column].value
        shown = [value(row) for row in self._rows[first:last]]
        return [text if type(text) is str else format_value(text) for text in shown]

    # --- QAbstractTableModel --------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(column.value(row))
        if role == SORT_ROLE:
            return sort_value(column.sort(row) if column.sort else column.value(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.numeric:
                return int(_RIGHT.value)
            return int((_CENTER if column.center else _LEFT).value)
        if role == Qt.ItemDataRole.ForegroundRole and column.color:
            name = column.color(row)
            return QBrush(QColor(name)) if name else None
        if role == Qt.ItemDataRole.FontRole and column.bold and column.bold(row):
            return self._bold
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].header_tooltip
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
