"""The people list of the 人员档案 tab: everyone, those out of service greyed and marked.

The search box matches 编号, 姓名, pinyin initials ("zs" finds 张三), 科室 and 状态 by
domain/person_search.matches, the rule the `kaohe` command uses too. The proxy asks
it once per row per search; the model is replaced as a whole on a reload.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from kaohe_desktop.domain.person_search import matches
from kaohe_desktop.services.archive.views import PersonFindRow
from kaohe_desktop.ui.common.table_model import SORT_ROLE, Column, RowTableModel

CODE, NAME, DEPARTMENT, POSITION, STATUS = range(5)
OUT_OF_SERVICE_COLOR = "#8a8a8a"


def _grey(row: PersonFindRow) -> str | None:
    return None if row.in_service else OUT_OF_SERVICE_COLOR


def shown_name(row: PersonFindRow) -> str:
    """The name as the list shows it: "李四（退休）" for someone out of service."""
    return row.name if row.in_service else f"{row.name}（{row.status}）"


class PersonFindModel(RowTableModel[PersonFindRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        key_post = self.tr("Key post (关键岗位)")
        self.set_columns(
            [
                Column(self.tr("Code"), lambda p: p.code, color=_grey),
                Column(
                    self.tr("Name"),
                    shown_name,
                    color=_grey,
                    bold=lambda p: p.key_post,
                    tooltip=lambda p: key_post if p.key_post else None,
                    header_tooltip=self.tr("Names in bold hold a key post"),
                ),
                Column(self.tr("Department"), lambda p: p.department, color=_grey),
                Column(
                    self.tr("Post and rank"),
                    lambda p: p.position,
                    color=_grey,
                    tooltip=lambda p: p.position,
                ),
                Column(self.tr("Status"), lambda p: p.status, color=_grey),
            ]
        )

    def row_of(self, person_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.id == person_id), None)


class PersonFilterProxy(QSortFilterProxyModel):
    """Keeps the people the search text matches; those out of service only if asked."""

    def __init__(self, source: PersonFindModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._text = ""
        self._out_of_service = True
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        text = text.strip()
        if text == self._text:
            return
        self.beginFilterChange()
        self._text = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_out_of_service(self, shown: bool) -> None:
        if shown == self._out_of_service:
            return
        self.beginFilterChange()
        self._out_of_service = shown
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def row_object(self, proxy_index: QModelIndex) -> PersonFindRow:
        return self._source.row_at(self.mapToSource(proxy_index).row())

    def row_of(self, person_id: int) -> int | None:
        """The proxy row showing the person, None when filtered out or unknown."""
        source_row = self._source.row_of(person_id)
        if source_row is None:
            return None
        index = self.mapFromSource(self._source.index(source_row, 0))
        return index.row() if index.isValid() else None

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        row = self._source.row_at(source_row)
        if not self._out_of_service and not row.in_service:
            return False
        return not self._text or matches(row, self._text)
