"""Export of the whole data file as an exchange workbook, and the blank template.

The export streams: each sheet's rows are read with one column select
(export_records.BookReader) and written as they come (ExchangeWorkbook), so a county
file (270,000 rows) never sits in memory as records or ORM objects. All sheets are
read in one snapshot, so the workbook is consistent (every 编号 an assessment names is
on the 人员 sheet); the snapshot ends before the workbook is zipped.
"""

from __future__ import annotations

from pathlib import Path

from kaohe_desktop.domain.exchange_sheets import CODECS
from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.reports.excel_exchange_writer import ExchangeWorkbook
from kaohe_desktop.reports.excel_template import write_template as _write_template
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.exchange.export_records import BookReader, read_book
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.storage.unit_of_work import UnitOfWork


def write_template(path: Path) -> None:
    """The empty workbook with headers, dropdowns and the 填写说明 sheet."""
    _write_template(path)


class ExchangeExport:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.EXPORT)
    def book(self) -> ExchangeBook:
        with self._uow.read() as session:
            return read_book(session)

    @requires(Action.EXPORT)
    def export_workbook(self, path: Path, *, progress: ProgressReporter = SILENT) -> None:
        """Every sheet to `path`; written beside it and renamed, so a failure or a
        cancel never leaves half a workbook there."""
        total = len(CODECS) + 1  # the sheets, then zipping them
        with ExchangeWorkbook() as workbook:
            with self._uow.read() as session:
                reader = BookReader(session)
                for done, codec in enumerate(CODECS):
                    progress.report(done, total, f"正在写入工作表“{codec.name}”")
                    workbook.add_sheet(codec.spec, map(codec.cells, reader.records(codec.attr)))
            progress.report(len(CODECS), total, "正在保存工作簿")
            workbook.save(path)
        progress.report(total, total, "完成")
