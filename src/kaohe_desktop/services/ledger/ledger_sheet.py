"""The 台账 sheet of the exchange workbook, on its own, for the 台账 tab.

Import reads a whole exchange workbook but keeps only its 台账 sheet, so a problem
in another sheet neither blocks the ledger nor gets written; the rest is the full
import's machinery (cells, references, upsert, all or nothing). Export writes an
exchange workbook with the year's tasks in 台账 and the other sheets empty, which
imports back unchanged.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.exchange_parse import parse_book
from kaohe_desktop.domain.exchange_raw import RawWorkbook
from kaohe_desktop.domain.exchange_schema import TASKS
from kaohe_desktop.domain.records import ExchangeBook, TaskRecord
from kaohe_desktop.reports.excel_exchange_reader import WorkbookFileError, read_workbook_rows
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.exchange.importing import ImportResult, apply_book, errors_message
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.storage.queries.ledger import tasks_of_year
from kaohe_desktop.storage.unit_of_work import UnitOfWork

SHEET = TASKS.name  # 台账


def read_ledger_sheet(path: Path) -> ExchangeBook:
    """The 台账 rows of the workbook at `path`; InputError listing every cell problem."""
    try:
        raw = read_workbook_rows(path)
    except WorkbookFileError as error:
        raise InputError(str(error)) from error
    sheet = raw.sheets.get(SHEET)
    errors = [e for e in raw.errors if e.sheet == SHEET]
    if sheet is None and not errors:
        raise InputError(f"工作簿中没有“{SHEET}”工作表，未导入任何数据。")
    ledger_only = RawWorkbook({SHEET: sheet} if sheet is not None else {}, errors)
    book, errors = parse_book(ledger_only)
    if errors:
        raise InputError(errors_message(errors), list(errors))
    return book


def import_sheet(
    uow: UnitOfWork, path: Path, *, dry_run: bool, progress: ProgressReporter
) -> ImportResult:
    # The full import's reference check and upsert: only the 台账 rows are in the book.
    return apply_book(uow, read_ledger_sheet(path), dry_run=dry_run, progress=progress)


def _records(session: Session, year: int) -> list[TaskRecord]:
    rows = tasks_of_year(session, year)
    return [
        TaskRecord(
            row.year,
            row.seq,
            row.title,
            TaskCategory(row.category),
            row.lead_department.name,
            tuple(link.department.name for link in row.responsible),
            row.deadline,
            row.points,
            row.target,
            row.source,
            row.note,
        )
        for row in rows
    ]


def export_sheet(uow: UnitOfWork, year: int, path: Path, *, progress: ProgressReporter) -> int:
    progress.report(0, 2, "正在读取台账")
    with uow.read() as session:
        records = _records(session, year)
    progress.report(1, 2, "正在写入工作簿")
    write_workbook(ExchangeBook(tasks=records), path)  # beside, then renamed into place
    progress.report(2, 2, "完成")
    return len(records)
