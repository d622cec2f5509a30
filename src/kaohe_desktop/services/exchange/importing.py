"""Import of the exchange workbook: all or nothing.

The whole workbook is validated first (cells, then references against the data
file); any error means nothing is written and every error is reported with its
sheet, row and column. The write itself is one BEGIN IMMEDIATE transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import parse_notice_number
from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.exchange_parse import parse_book
from kaohe_desktop.domain.records import CellError, ExchangeBook
from kaohe_desktop.domain.roles import Action, Role
from kaohe_desktop.domain.text_rules import CodeCase
from kaohe_desktop.reports.excel_exchange_reader import WorkbookFileError, read_workbook_rows
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.exchange.apply import BookApplier
from kaohe_desktop.services.exchange.canonical import canonical_book
from kaohe_desktop.services.exchange.notice_refs import known_notices
from kaohe_desktop.services.exchange.refs import KnownKeys, find_reference_errors
from kaohe_desktop.services.exchange.settings import read_code_case, write_code_case
from kaohe_desktop.services.exchange.upsert import SheetCounts
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.storage.models import DepartmentRow, PersonRow, StaffCategoryRow, TaskRow
from kaohe_desktop.storage.trial_copy import trial_copy
from kaohe_desktop.storage.unit_of_work import UnitOfWork

MAX_ERRORS_SHOWN = 200


@dataclass
class ImportResult:
    counts: dict[str, SheetCounts]
    dry_run: bool
    # Set on a trial run against a file that cannot be written: the real import will not go.
    read_only_reason: str | None = None

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
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.IMPORT)
    def read_book(self, path: Path) -> ExchangeBook:
        """Read and validate the cells of a workbook; raise InputError listing every error."""
        try:
            raw = read_workbook_rows(path)
        except WorkbookFileError as error:
            raise InputError(str(error)) from error
        with self._uow.read() as session:
            code_case = read_code_case(session)
        book, errors = parse_book(raw, code_case)
        if errors:
            raise InputError(errors_message(errors), list(errors))
        return book

    @requires(Action.IMPORT)
    def import_workbook(
        self, path: Path, *, dry_run: bool = False, progress: ProgressReporter = SILENT
    ) -> ImportResult:
        return self.apply(self.read_book(path), dry_run=dry_run, progress=progress)

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
        self, book: ExchangeBook, *, dry_run: bool = False, progress: ProgressReporter = SILENT
    ) -> ImportResult:
        may_verify = self.guard.actor.may(Action.REVIEW)  # 整改 verified in the 整改 sheet
        role = self.guard.actor.role  # the 查账 levels it may write
        return apply_book(
            self._uow, book, dry_run=dry_run, progress=progress, may_verify=may_verify, role=role
        )


def apply_book(
    uow: UnitOfWork,
    book: ExchangeBook,
    *,
    dry_run: bool,
    progress: ProgressReporter,
    may_verify: bool = False,
    role: Role = Role.CLERK,
) -> ImportResult:
    """Check a parsed book's references against the file, then write it in one
    transaction (or, for a dry run, roll it back and report what it would do).
    `may_verify`: the account may verify rectifications (the 整改 sheet's 核实人).
    `role`: the importing account's, which decides the 查账 levels it may create or
    change (by default the least an importing account may do)."""

    def work(session: Session) -> ImportResult:
        canonical = canonical_book(session, book)
        errors = find_reference_errors(canonical, _known_keys(session, canonical, may_verify))
        if errors:
            raise InputError(errors_message(errors), list(errors))
        applier = BookApplier(session, canonical, progress, uow.account, role)
        counts = applier.apply()
        if applier.refused:
            raise InputError(errors_message(applier.refused), list(applier.refused))
        result = ImportResult(counts.sheets, dry_run)
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


def _known_keys(session: Session, book: ExchangeBook, may_verify: bool) -> KnownKeys:
    tasks: dict[tuple[int, int], tuple[TaskCategory, tuple[str, ...]]] = {}
    for task in session.scalars(select(TaskRow)):
        names = tuple(link.department.name for link in task.responsible)
        tasks[(task.year, task.seq)] = (TaskCategory(task.category), names)
    return KnownKeys(
        departments=set(session.scalars(select(DepartmentRow.name))),
        categories=set(session.scalars(select(StaffCategoryRow.name))),
        people=set(session.scalars(select(PersonRow.code))),
        tasks=tasks,
        notices=known_notices(
            session,
            (parse_notice_number(r.number)[0] for r in book.notices),
            may_verify=may_verify,
        ),
    )
