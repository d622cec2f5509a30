"""Sorting and filtering over a RowTableModel: a search text and one row predicate.

A keystroke must not read every cell through QModelIndex.data(): at county scale (10,000
rows) that alone took half a second. So the proxy keeps each source row's searched text,
casefolded, built once when a search first needs it and kept in step with the model
(a reset or a layout change drops it, inserted and removed rows splice it, a changed row
is built again), and a filter change — the text and the predicate together — is one
pass over the rows. SearchDelay waits for a short pause in typing before filtering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QLineEdit

from kaohe_desktop.ui.common.table_model import SORT_ROLE, RowTableModel

# Long enough that a clerk typing a name filters once, short enough to feel immediate.
SEARCH_DELAY_MS = 180

RowPredicate = Callable[[Any], bool]
_DISPLAY = Qt.ItemDataRole.DisplayRole


def search_words(text: str) -> tuple[str, ...]:
    """The words a search text asks for, each to be found (AND), casefolded."""
    return tuple(word.casefold() for word in text.split())


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
        self._searched = tuple(searched_columns)
        self._words: tuple[str, ...] = ()
        self._predicate: RowPredicate | None = None
        # One casefolded text per source row (None: to build); None as a whole until a
        # search needs it or after a reset. Built lazily: most tables are never searched.
        self._texts: list[str | None] | None = None
        # Connected before setSourceModel, so these run before the proxy's own handlers,
        # which call filterAcceptsRow on the changed rows.
        source.modelReset.connect(self._forget_texts)
        source.layoutChanged.connect(self._forget_texts)
        source.rowsMoved.connect(self._forget_texts)
        source.rowsInserted.connect(self._rows_inserted)
        source.rowsRemoved.connect(self._rows_removed)
        source.dataChanged.connect(self._data_changed)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    # --- what is filtered -------------------------------------------------------------
    def set_search_text(self, text: str) -> None:
        self.set_filters(text, self._predicate)

    def set_predicate(self, predicate: RowPredicate | None) -> None:
        self.set_filters(None, predicate)

    def set_filters(self, text: str | None, predicate: RowPredicate | None) -> None:
        """The search text (None: keep it) and the predicate, applied in one pass; nothing
        is filtered again when neither changed."""
        words = self._words if text is None else search_words(text)
        if words == self._words and predicate is self._predicate:
            return
        if self._texts is not None and len(self._texts) != self._source.rowCount():
            self._texts = None  # out of step (a model that did not say): build again
        self.beginFilterChange()
        self._words = words
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def search_words(self) -> tuple[str, ...]:
        return self._words

    def row_object(self, proxy_index: QModelIndex) -> Any:
        return self._source.row_at(self.mapToSource(proxy_index).row())

    # --- the filter ----------------------------------------------------------------------
    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._predicate is not None and not self._predicate(self._source.row_at(source_row)):
            return False
        if not self._words:
            return True
        text = self.row_text(source_row)
        return all(word in text for word in self._words)

    def row_text(self, source_row: int) -> str:
        """The searched columns' shown text of a source row, casefolded (kept until the
        row changes)."""
        texts = self._texts
        if texts is None or source_row >= len(texts):
            # All rows at once, column by column: a few ms for 10,000.
            texts = self._texts = cast(list[str | None], self._build_texts(0, None))
        text = texts[source_row]
        if text is None:  # a row changed since
            built = self._build_texts(source_row, source_row + 1)[0]
            texts[source_row] = built
            return built
        return text

    def _build_texts(self, first: int, last: int | None) -> list[str]:
        columns = [self._source.display_texts(c, first, last) for c in self._searched]
        if not columns:
            return [""] * (self._source.rowCount() - first if last is None else last - first)
        return [" ".join(cells).casefold() for cells in zip(*columns, strict=True)]

    # --- keeping the texts in step with the model ---------------------------------------
    def _forget_texts(self, *_args: object) -> None:
        self._texts = None

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._texts is not None and not parent.isValid():
            self._texts[first:first] = [None] * (last - first + 1)

    def _rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._texts is not None and not parent.isValid():
            del self._texts[first : last + 1]

    def _data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        texts = self._texts
        if texts is None or (roles and _DISPLAY not in roles):
            return
        first, last = top_left.row(), bottom_right.row()
        if last - first + 1 >= len(texts):
            self._texts = None  # the whole model: cheaper to start again
        else:
            texts[first : last + 1] = [None] * (last - first + 1)


class SearchDelay(QObject):
    """Applies a search box a short pause after the last keystroke, so typing a word at
    county scale filters once, not once per letter; Enter applies at once."""

    def __init__(
        self, box: QLineEdit, apply: Callable[[], object], delay_ms: int = SEARCH_DELAY_MS
    ) -> None:
        super().__init__(box)
        self._apply = apply
        self.timer = QTimer(self)
        self.timer.setObjectName("searchDelay")
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)
        box.textChanged.connect(lambda _text: self.timer.start())
        box.returnPressed.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self.timer.isActive()

    def flush(self) -> None:
        """Apply the box now (Enter, the pause after typing, a test)."""
        self.timer.stop()
        self._apply()

    def cancel(self) -> None:
        """The box was applied another way (another filter changed): nothing is due."""
        self.timer.stop()
