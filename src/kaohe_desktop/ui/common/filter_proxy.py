"""Sorting and filtering over a RowTableModel: a search text and one row predicate."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from kaohe_desktop.ui.common.table_model import SORT_ROLE, RowTableModel


class RowFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose searched columns contain every word of the search text."""

    def __init__(
        self,
        source: RowTableModel[Any],
        searched_columns: Sequence[int] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._searched = list(searched_columns)
        self._words: list[str] = []
        self._predicate: Callable[[Any], bool] | None = None
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_search_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = [word.casefold() for word in text.split()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def row_object(self, proxy_index: QModelIndex) -> Any:
        return self._source.row_at(self.mapToSource(proxy_index).row())

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._predicate is not None and not self._predicate(self._source.row_at(source_row)):
            return False
        if not self._words:
            return True
        haystack = " ".join(
            str(self._source.index(source_row, column, source_parent).data() or "")
            for column in self._searched
        ).casefold()
        return all(word in haystack for word in self._words)
