"""Import of the exchange workbook: all or nothing.

The whole workbook is validated first (cells, then references against the data
file); any error means nothing is written and every error is reported with its
sheet, row and column. The write itself is one BEGIN IMMEDIATE transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import parse_notice_number
from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.exchange_parse import error_order, parse_book
from kaohe_desktop.domain.exchange_raw import RawSheet, RawWorkbook
from kaohe_desktop.domain.exchange_sheets import CODECS
from kaohe_desktop.domain.records import CellError, ExchangeBook
from kaohe_desktop.domain.roles import Action, Role
from kaohe_desktop.domain.text_rules import CodeCase
from kaohe_desktop.reports.excel_exchange_reader import WorkbookFileError, read_workbook_rows
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.exchange.apply import IMPORT, BookApplier
from kaohe_desktop.services.exchange.canonical import canonical_book
from kaohe_desktop.services.exchange.notice_refs import known_notices
from kaohe_desktop.services.exchange.refs import KnownKeys, find_reference_errors
from kaohe_desktop.services.exchange.repeat import (
    IMPORT_ACTION,
    IMPORT_ENTITY,
    import_detail,
    unchanged_since_import,
)
from kaohe_desktop.services.exchange.settings import read_code_case, write_code_case
from kaohe_desktop.services.exchange.upsert import SheetCounts
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.models import DepartmentRow, PersonRow, StaffCategoryRow, TaskRow
from kaohe_desktop.storage.row_digests import BulkContext
from kaohe_desktop.storage.trial_copy import trial_copy
from kaohe_desktop.storage.unit_of_work import UnitOfWork

MAX_ERRORS_SHOWN = 200


@dataclass(frozen=True)
class ImportSource:
    """The workbook an import read, as its audit event names it."""

    name: str
    sha256: str
    size: int

    @classmethod
    def of(cls, path: Path) -> ImportSource:
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        return cls(path.name, digest, path.stat().st_size)


@dataclass
class ImportResult:
    counts: dict[str, SheetCounts]
    dry_run: bool
    # Set on a trial run against a file that cannot be written: the real import will not go.
    read_only_reason: str | None = None
    # The workbook was imported last, byte for byte, and nothing has changed since
    # (services/exchange/repeat): it was not read again.
    same_as_last: bool = False

    @property
    def changed(self) -> int:
        return sum(c.added + c.updated for c in self.counts.values())

    def summary(self) -> str:
        head = "试导入（未写入）" if self.dry_run else "导入完成"
        lines = [f"{head}："]
        for sheet, c in self.counts.items():
            lines.append(f"  {sheet}：新增 {c.added}，更新 {c.updated}，未变 {c.unchanged}")
        if not self.counts:
            lines.append("  工作簿中没有可导入的数据")
        if self.same_as_last:
            lines.append("工作簿与上次导入的完全相同（SHA-256 一致），此后数据未有改动，无需写入。")
        if self.read_only_reason:
            lines.append(f"注意：{self.read_only_reason}正式导入需要可写的数据文件。")
        return "\n".join(lines)


class _DryRunDone(Exception):
    """Raised inside the transaction to roll a dry run back."""

    def __init__(self, result: ImportResult) -> None:
        self.result = result


def errors_message(errors: list[CellError]) -> str:
    shown = [str(e) for e in errors[:MAX_ERRORS_SHOWN]]
    more = len(errors) - len(shown)
    tail = [f"……另有 {more} 处错误"] if more > 0 else []
    return "\n".join([f"工作簿有 {len(errors)} 处错误，未导入任何数据：", *shown, *tail])


class ExchangeImport:
    def __init__(
        self, guard: Guard, uow: UnitOfWork, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock  # when the import happens (the demo runs on its own calendar)

    @requires(Action.IMPORT)
    def read_book(self, path: Path) -> ExchangeBook:
        """Read and validate the cells of a workbook; raise InputError listing every error.

        Each sheet is converted as soon as it is read, its raw rows then let go: the
        same parse as `parse_book` of the whole workbook (it converts sheet by sheet),
        without a county workbook's raw rows and records in memory at once."""
        with self._uow.read() as session:
            code_case = read_code_case(session)
        book, errors = ExchangeBook(), []

        def take(sheet: RawSheet | None, found: list[CellError]) -> None:
            sheets = {} if sheet is None else {sheet.name: sheet}
            part, part_errors = parse_book(RawWorkbook(sheets, found), code_case)
            for codec in CODECS:
                getattr(book, codec.attr).extend(getattr(part, codec.attr))
            book.source_rows.update(part.source_rows)
            errors.extend(part_errors)

        try:
            raw = read_workbook_rows(path, each_sheet=take)
        except WorkbookFileError as error:
            raise InputError(str(error)) from error
        errors.extend(raw.errors)  # found outside the sheets read (a repeated sheet name)
        errors.sort(key=error_order)
        if errors:
            raise InputError(errors_message(errors), list(errors))
        return book

    @requires(Action.IMPORT)
    def import_workbook(
        self, path: Path, *, dry_run: bool = False, progress: ProgressReporter = SILENT
    ) -> ImportResult:
        try:
            source: ImportSource | None = ImportSource.of(Path(path))
        except OSError:  # read_book names what is wrong with the file
            source = None
        if source is not None:
            with self._uow.read() as session:
                unchanged = unchanged_since_import(session, source.sha256)
            if unchanged is not None:
                return ImportResult(unchanged, dry_run, same_as_last=True)
        book = self.read_book(path)
        if source is not None and _rehashed(Path(path)) != source.sha256:
            # Saved again between the hash and the read: the event must not name bytes
            # that may not be the ones imported (repeat.py would skip them later).
            source = None
        return self.apply(book, dry_run=dry_run, progress=progress, source=source)

    @requires(Action.VIEW)
    def code_case(self) -> CodeCase:
        """How this file writes the letters of 编号 (the bureau's choice)."""
        with self._uow.read() as session:
            return read_code_case(session)

    @requires(Action.EDIT_SCHEME)
    def set_code_case(self, case: CodeCase) -> None:
        """编号 imported from now on is folded to `case`; the change is logged."""
        self._uow.write(lambda session: write_code_case(session, self.guard.actor.username, case))

    @requires(Action.IMPORT)
    def apply(
        self,
        book: ExchangeBook,
        *,
        dry_run: bool = False,
        progress: ProgressReporter = SILENT,
        source: ImportSource | None = None,
    ) -> ImportResult:
        may_verify = self.guard.actor.may(Action.REVIEW)  # 整改 verified in the 整改 sheet
        role = self.guard.actor.role  # the 查账 levels it may write
        return apply_book(
            self._uow,
            book,
            dry_run=dry_run,
            progress=progress,
            may_verify=may_verify,
            role=role,
            source=source,
            now=self._clock(),
        )


def apply_book(
    uow: UnitOfWork,
    book: ExchangeBook,
    *,
    dry_run: bool,
    progress: ProgressReporter,
    may_verify: bool = False,
    role: Role = Role.CLERK,
    source: ImportSource | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Check a parsed book's references against the file, then write it in one
    transaction (or, for a dry run, roll it back and report what it would do).
    `may_verify`: the account may verify rectifications (the 整改 sheet's 核实人).
    `role`: the importing account's, which decides the 查账 levels it may create or
    change (by default the least an importing account may do). `source`: the workbook,
    which the import's audit event names with its SHA-256."""
    context = _context(source)

    def work(session: Session) -> ImportResult:
        canonical = canonical_book(session, book)
        errors = find_reference_errors(canonical, _known_keys(session, canonical, may_verify))
        if errors:
            raise InputError(errors_message(errors), list(errors))
        applier = BookApplier(session, canonical, progress, uow.account, role, context, now)
        counts = applier.apply()
        if applier.refused:
            raise InputError(errors_message(applier.refused), list(applier.refused))
        result = ImportResult(counts.sheets, dry_run)
        if result.changed:  # an import that changes nothing leaves no trace (see _log_import)
            _log_import(session, uow.account, source, result)
        if dry_run:
            raise _DryRunDone(result)
        return result

    if not (dry_run and uow.read_only):
        try:
            return uow.write(work)
        except _DryRunDone as done:
            return done.result
    # A file that cannot be written (a read-only share, a newer version) can still be
    # tried, on a private copy (storage/trial_copy.py). A writable file is tried in
    # place and rolled back: copying a county's file over the share costs more.
    with trial_copy(uow) as trial:
        try:
            trial.write(work)
        except _DryRunDone as done:
            done.result.read_only_reason = uow.read_only_reason
            return done.result
    raise AssertionError("a dry run always ends in _DryRunDone")


def _rehashed(path: Path) -> str | None:
    try:
        return ImportSource.of(path).sha256
    except OSError:
        return None


def _context(source: ImportSource | None) -> BulkContext:
    if source is None:
        return IMPORT
    return BulkContext("import", f"导入 {source.name}"[:60], {"sha256": source.sha256[:16]})


def _log_import(
    session: Session, account: str, source: ImportSource | None, result: ImportResult
) -> None:
    """One event per import that changed something: the workbook's name, size and
    SHA-256 and what each sheet added, updated and left. The rows it wrote have their
    own entries (compact for the big sheets). An import that changes nothing writes no
    event: it changed no data, and a commit that writes nothing leaves the file as it
    was, so other workstations do not reload for it."""
    if source is None:
        detail = import_detail(None, None, None, result.counts)
        name, entity_id = "（未记下工作簿）", "—"
    else:
        detail = import_detail(source.name, source.sha256, source.size, result.counts)
        name, entity_id = source.name, source.sha256[:16]
    record_event(
        session.connection(), account, IMPORT_ACTION, IMPORT_ENTITY, entity_id, name, detail
    )


def _known_keys(session: Session, book: ExchangeBook, may_verify: bool) -> KnownKeys:
    tasks: dict[tuple[int, int], tuple[TaskCategory, tuple[str, ...]]] = {}
    for task in session.scalars(select(TaskRow)):
        names = tuple(link.department.name for link in task.responsible)
        tasks[(task.year, task.seq)] = (TaskCategory(task.category), names)
    return KnownKeys(
        departments=set(session.scalars(select(DepartmentRow.name))),
        # and those the book brings (the demo's 局领导): BookApplier adds them first.
        categories={*session.scalars(select(StaffCategoryRow.name)), *book.staff_categories},
        people=set(session.scalars(select(PersonRow.code))),
        tasks=tasks,
        notices=known_notices(
            session,
            (parse_notice_number(r.number)[0] for r in book.notices),
            may_verify=may_verify,
        ),
    )
