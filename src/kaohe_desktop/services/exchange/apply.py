"""Upserting an exchange book into the data file, sheet by sheet.

Rules (documented in the template's 填写说明 too):
- a row whose upsert key exists updates that record, otherwise it is added;
- a blank optional cell keeps the stored value (partial sheets are common);
- a value equal to the stored one is not written, so importing the same workbook
  twice changes nothing and leaves no audit rows.

查账 rows (`_checks`): a row that would add or change a check is refused unless the
importing account may write that level (domain/check_rules.level_refusal, the rule of
the 查账 grid); a row identical to the stored check passes whatever its level, so a
录入员 may import a workbook exported with every level in it. 管理员 imports every level,
三级 included without a recorded 局领导抽查 draw: the draw decides what is entered on the
screen, while an administrator bringing in records kept in Excel is trusted, and each
row it writes is audited. An imported row is a confirmed record: one that meets a draft
(copied forward) confirms it, which counts as a change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import level_refusal
from kaohe_desktop.domain.enums import AdjustmentCategory
from kaohe_desktop.domain.records import CellError, ExchangeBook
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.checks.settings import read_check_settings
from kaohe_desktop.services.exchange.apply_notices import NoticeSheets
from kaohe_desktop.services.exchange.apply_people import PersonSheets
from kaohe_desktop.services.exchange.bulk import UNCHANGED, BulkTable
from kaohe_desktop.services.exchange.overrides import PendingGrade
from kaohe_desktop.services.exchange.upsert import ApplyCounts, assign
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.storage.audit import record_entries
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    BureauRow,
    CheckRow,
    DepartmentRow,
    StaffCategoryRow,
    TaskDepartmentRow,
    TaskRow,
    VetoRow,
)
from kaohe_desktop.storage.row_digests import BulkContext

CHECKS = "查账"
IMPORT = BulkContext("import", "导入")  # a book applied without a workbook (the demo)


class BookApplier(PersonSheets, NoticeSheets):
    def __init__(
        self,
        session: Session,
        book: ExchangeBook,
        progress: ProgressReporter,
        account: str,
        role: Role,
        context: BulkContext = IMPORT,
        now: datetime | None = None,
    ) -> None:
        self.s = session
        self.context = context  # what each compact audit entry says of the import
        self.book = book
        self.progress = progress
        self.account = account  # who imports: the issuer of the notices the book adds
        self.role = role  # the importing account's: the 查账 levels it may write
        self.counts = ApplyCounts()
        self.now = now or datetime.now()  # the service's clock (the demo's calendar)
        self.today = self.now.date()
        self.departments = {d.name: d for d in session.scalars(select(DepartmentRow))}
        self.categories = {c.name: c for c in session.scalars(select(StaffCategoryRow))}
        self.people: dict[str, int] = {}  # 编号 → id, read with the 人员 sheet
        self.tasks = {(t.year, t.seq): t for t in session.scalars(select(TaskRow))}
        self._done = 0
        self._updated_rows: set[Any] = set()
        self._total = sum(book.counts().values())
        self._pending: list[PendingGrade] = []
        self._unchanged_rows: set[int] = set()  # 平时考核 rows the upsert left as they were
        self.refused: list[CellError] = []  # grades set by hand that the grid would refuse

    def _tick(self, message: str) -> None:
        self._done += 1
        if self._done % 500 == 0 or self._done == self._total:
            self.progress.report(self._done, self._total, message)

    def _upsert(
        self, sheet: str, existing: Any, make: Callable[[], Any], values: dict[str, Any]
    ) -> Any:
        counts = self.counts.sheet(sheet)
        if existing is None:
            row = make()
            assign(row, values, keep_blank=False)
            self.s.add(row)
            counts.added += 1
            return row
        if assign(existing, values):
            counts.updated += 1
            self._updated_rows.add(existing)
        else:
            counts.unchanged += 1
        return existing

    def _table(
        self, model: Any, what: str, key: tuple[str, ...], compared: tuple[str, ...], where: Any
    ) -> BulkTable:
        """A big sheet's table, its stored rows read once (services/exchange/bulk)."""
        return BulkTable(self.s.connection(), model.__table__, what, key, compared, where)

    def _store(self, table: BulkTable) -> None:
        """Write what the sheet's upserts left, in chunks, and its compact audit entries.
        The rows added were inserted as the sheet was read (CHUNK at a time); the bar
        stays where the sheet's rows put it, and a cancel is seen at every chunk."""
        if not table.pending:
            return
        message = f"正在写入{table.what}"

        def tick(_rows: int) -> None:
            self.progress.report(self._done, self._total, message)  # Cancelled: rolled back

        table.write(tick)
        record_entries(self.s.connection(), self.account, table.audit_entries(self.context))

    def _mark_updated(self, sheet: str, existing: Any) -> None:
        """A link (科室, 牵头科室, 责任科室) changed on a row assign() counted as unchanged."""
        if existing not in self._updated_rows:
            counts = self.counts.sheet(sheet)
            counts.unchanged -= 1
            counts.updated += 1
            self._updated_rows.add(existing)

    def apply(self) -> ApplyCounts:
        self.progress.report(0, self._total, "正在写入")
        if self.book.bureau_name:
            bureau = self.s.scalars(select(BureauRow)).first()
            if bureau is not None:
                assign(bureau, {"name": self.book.bureau_name})
        for order, name in enumerate(self.book.staff_categories, start=1):
            if name not in self.categories:
                self.categories[name] = StaffCategoryRow(name=name, sort_order=order)
                self.s.add(self.categories[name])
        self._departments()
        self.s.flush()  # the new departments' ids, which the 人员 rows refer to
        self._people()
        self._tasks()
        self._checks()
        self._notices_and_rectifications()
        self._adjustments()
        self._assessments()
        self._comments()
        self._rewards()
        self._talks()
        self._settle_grades()
        self.s.flush()
        return self.counts

    def _departments(self) -> None:
        for record in self.book.departments:
            row = self._upsert(
                "科室",
                self.departments.get(record.name),
                DepartmentRow,
                {
                    "name": record.name,
                    "group_name": record.group,
                    "kind": record.kind,
                    "sort_order": record.order,
                },
            )
            if row.sort_order is None:
                row.sort_order = 0
            if row.retired is None:
                row.retired = False
            self.departments[record.name] = row
            self._tick("科室")

    def _tasks(self) -> None:
        for record in self.book.tasks:
            key = (record.year, record.seq)
            existing = self.tasks.get(key)
            row = self._upsert(
                "台账",
                existing,
                TaskRow,
                {
                    "year": record.year,
                    "seq": record.seq,
                    "title": record.title,
                    "target": record.target,
                    "category": record.category,
                    "deadline": record.deadline,
                    "points": record.points,
                    "source": record.source,
                    "note": record.note,
                },
            )
            lead = self.departments[record.lead_department]
            wanted = [self.departments[name] for name in record.responsible_departments]
            relinked = False
            if existing is None or existing.lead_department is not lead:
                row.lead_department = lead
                relinked = existing is not None
            current = [link.department for link in row.responsible]
            if current != wanted:
                if row.responsible:
                    row.responsible.clear()
                    self.s.flush()  # delete the old links before re-adding the same keys
                row.responsible.extend(
                    TaskDepartmentRow(department=d, position=i) for i, d in enumerate(wanted)
                )
                relinked = relinked or existing is not None
            if relinked:
                self._mark_updated("台账", existing)
            self.tasks[key] = row
            self._tick("台账")
        self.s.flush()

    def _checks(self) -> None:
        rows = self._table(
            CheckRow,
            "查账记录",
            ("task_id", "department_id", "period", "level"),
            ("status", "actual", "evidence_text", "checker", "check_date", "draft"),
            None,
        )
        settings = read_check_settings(self.s)
        for index, record in enumerate(self.book.checks):
            task = self.tasks[(record.year, record.seq)]
            department = self.departments[record.department]
            _, outcome = rows.upsert(
                (task.id, department.id, record.period, record.level.value),
                {
                    "status": record.status,
                    "actual": record.actual,
                    "evidence_text": record.evidence,
                    "checker": record.checker,
                    "check_date": record.check_date,
                    "draft": False,  # an imported row is a confirmed record
                },
            )
            self._count(CHECKS, outcome)
            # added, changed or confirmed: the importing account must record that level
            written = outcome != UNCHANGED
            refusal = level_refusal(self.role, record.level, settings) if written else None
            if refusal is not None:
                row_number = self.book.row_of(CHECKS, index)
                self.refused.append(CellError(CHECKS, row_number, "核查层级", refusal))
            self._tick(CHECKS)
        self._store(rows)

    def _adjustments(self) -> None:
        # A notice's deduction follows the notice (督办单 sheet), never a 加减分 row.
        adjustments = {
            (a.half, a.department_id, a.category, a.reason, a.doc_no, a.adjusted_on): a
            for a in self.s.scalars(select(AdjustmentRow).where(AdjustmentRow.notice_id.is_(None)))
        }
        vetoes = {(v.half, v.department_id, v.reason): v for v in self.s.scalars(select(VetoRow))}
        for record in self.book.adjustments:
            department = self.departments[record.department]
            if record.category is AdjustmentCategory.VETO:
                key3 = (record.half, department.id, record.reason)
                vetoes[key3] = self._upsert(
                    "加减分",
                    vetoes.get(key3),
                    partial(VetoRow, department=department),
                    {
                        "half": record.half,
                        "reason": record.reason,
                        "doc_no": record.doc_no,
                        "decided_on": record.date,
                    },
                )
            else:
                key = (
                    record.half,
                    department.id,
                    record.category.value,
                    record.reason,
                    record.doc_no,
                    record.date,
                )
                adjustments[key] = self._upsert(
                    "加减分",
                    adjustments.get(key),
                    partial(AdjustmentRow, department=department),
                    {
                        "half": record.half,
                        "category": record.category,
                        "points": record.points,
                        "level": record.level,
                        "reason": record.reason,
                        "doc_no": record.doc_no,
                        "adjusted_on": record.date,
                    },
                )
            self._tick("加减分")
