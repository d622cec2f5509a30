"""The 人员档案 tables: the people list and one person's archive entries."""

from __future__ import annotations

from PySide6.QtCore import QObject

from kaohe_desktop.services.archive.views import ArchiveEntry
from kaohe_desktop.services.org.views import PersonView
from kaohe_desktop.ui.common.table_model import Column, RowTableModel

CODE, NAME, DEPARTMENT, CATEGORY = range(4)


class PersonTableModel(RowTableModel[PersonView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        key_post = self.tr("Key post")
        self.set_columns(
            [
                Column(self.tr("Code"), lambda p: p.code),
                Column(
                    self.tr("Name"),
                    lambda p: p.name,
                    bold=lambda p: p.key_post,
                    tooltip=lambda p: key_post if p.key_post else None,
                    header_tooltip=self.tr("Names in bold hold a key post"),
                ),
                Column(self.tr("Department"), lambda p: p.department),
                Column(self.tr("Status"), lambda p: p.status),
            ]
        )


class ArchiveEntryTableModel(RowTableModel[ArchiveEntry]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Date"), lambda e: e.date),
                Column(self.tr("Record"), lambda e: e.kind, tooltip=lambda e: e.kind),
                Column(self.tr("Summary"), lambda e: e.summary, tooltip=lambda e: e.summary),
                Column(self.tr("Details"), lambda e: e.detail, tooltip=lambda e: e.detail),
            ]
        )
