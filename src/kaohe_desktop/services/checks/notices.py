"""督办单 and 整改: suggest, issue, list, edit and withdraw notices; record and verify
their rectification; print one (issue 13).

Every write is one transaction that reads what it changes again, refuses (nothing
written) on a bad value, a stale version or a closed notice, then writes. The number
督办〔year〕第N号 (year = 下达日期's) is taken from the per-year counter inside that
transaction (services/checks/counters): BEGIN IMMEDIATE serialises writers, so two
workstations never get the same number, and a number is never given twice, even after
its notice is withdrawn. A deduction is kept as the half year's 加减分 row in the same
transaction (notice_deductions). The audit rows come with the unit of work; a closed
period is refused by the database's triggers (PeriodClosedError).

Withdrawing exists for a notice issued by mistake (wrong department, wrong task) that
editing cannot mend: the notice, its tasks, its unverified 整改 and its 加减分 row are
deleted, the number stays used, and the reason goes to the 操作日志 beside the deletes.
A verified (closed) notice is history and cannot be withdrawn or edited.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckPeriod, notice_number
from kaohe_desktop.domain.enums import AdjustmentCategory, NoticeColor
from kaohe_desktop.domain.notice_rules import notice_problems
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.domain.text_rules import REASON
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.checks.counters import take_serial
from kaohe_desktop.services.checks.notice_deductions import (
    drop_deduction,
    keep_deduction_in_step,
)
from kaohe_desktop.services.checks.notice_print import notice_sheet
from kaohe_desktop.services.checks.notice_reads import (
    find_notice,
    notice_row,
    notice_views,
    rectification_of,
    views_of,
)
from kaohe_desktop.services.checks.notice_refusals import check_draft, check_open
from kaohe_desktop.services.checks.notice_suggest import suggest_draft
from kaohe_desktop.services.checks.rectification import verify, write_rectification
from kaohe_desktop.services.checks.views import NoticeDraft, NoticeView, RectificationDraft
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.common.output_paths import output_file
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.models import NoticeRow, NoticeTaskRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]

NOTICE_PDF = "督办单（.pdf）"
BUSINESS = AdjustmentCategory.BUSINESS


class NoticeService:
    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Clock = datetime.now) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock

    def _today(self) -> date:
        return self._clock().date()

    def _view(self, notice_id: int) -> NoticeView:
        with self._uow.read() as session:
            return views_of(session, [notice_row(session, notice_id)])[0]

    # --- reading -------------------------------------------------------------------------

    @requires(Action.VIEW)
    def suggest(
        self,
        period: CheckPeriod,
        check_ids: Sequence[int] = (),
        *,
        unrecorded: Sequence[tuple[int, int]] = (),
        department_id: int | None = None,
    ) -> NoticeDraft:
        """The notice the 查账 page offers for the chosen checks (and due task ×
        department pairs with nothing recorded), all of one department; with neither,
        a blank notice for `department_id` to fill in by hand."""
        with self._uow.read() as session:
            return suggest_draft(
                session, period, check_ids, unrecorded, department_id, self._today()
            )

    @requires(Action.VIEW)
    def notices(
        self, year: int | None = None, period: CheckPeriod | None = None
    ) -> list[NoticeView]:
        """Notices by number: of a year (下达日期's), of a check period, or all."""
        where = []
        if year is not None:
            where.append(NoticeRow.year == year)
        if period is not None:
            where.append(NoticeRow.period == str(period))
        with self._uow.read() as session:
            return notice_views(session, *where)

    @requires(Action.VIEW)
    def notice(self, number: str) -> NoticeView:
        """The notice numbered `number` (督办〔2026〕第3号; [] 【】 () read as 〔〕)."""
        with self._uow.read() as session:
            return views_of(session, [find_notice(session, number)])[0]

    @requires(Action.VIEW)
    def overdue(self, today: date | None = None) -> list[NoticeView]:
        """Open notices past their 整改时限 (the rectification's, else the notice's)."""
        day = today or self._today()
        with self._uow.read() as session:
            views = notice_views(session, NoticeRow.closed.is_(False))
        return [view for view in views if view.rectification_overdue(day)]

    # --- writing the notice --------------------------------------------------------------

    @requires(Action.RECORD_CHECKS)
    def issue(self, draft: NoticeDraft) -> NoticeView:
        """Issue the notice under the next number of its year; its deduction, if any,
        becomes the half year's 业务工作 加减分 with the number as 依据文号."""

        def work(session: Session) -> int:
            checked = check_draft(session, draft)
            year = draft.issued_on.year
            serial = take_serial(session, "notice", year)
            notice = NoticeRow(
                number=notice_number(year, serial),
                year=year,
                serial=serial,
                color=draft.color.value,
                department_id=checked.department.id,
                period=str(draft.period),
                issued_on=draft.issued_on,
                deadline=draft.deadline,
                content=draft.content.strip(),
                deduction=draft.deduction,
                deduction_category=None if draft.deduction is None else BUSINESS.value,
                closed=False,
                issued_by=self._uow.account,
                tasks=[
                    NoticeTaskRow(task_id=task_id, check_id=check_id, position=position)
                    for position, (task_id, check_id) in enumerate(checked.tasks)
                ],
            )
            session.add(notice)
            session.flush()
            keep_deduction_in_step(session, notice)
            return notice.id

        return self._view(self._uow.write(work))

    @requires(Action.RECORD_CHECKS)
    def update(
        self,
        notice_id: int,
        expected_version: int,
        *,
        color: NoticeColor,
        content: str,
        deadline: date,
        deduction: Decimal | None,
    ) -> NoticeView:
        """Change what an open notice says (not its number, department or tasks: a
        notice issued to the wrong department is withdrawn and issued again)."""

        def work(session: Session) -> None:
            notice = notice_row(session, notice_id)
            check_open(notice, expected_version, "修改")
            refuse(notice_problems(content, notice.issued_on, deadline, deduction))
            changes = {
                "color": color.value,
                "content": content.strip(),
                "deadline": deadline,
                "deduction": deduction,
            }
            for name, value in changes.items():
                if getattr(notice, name) != value:
                    setattr(notice, name, value)
            session.flush()
            keep_deduction_in_step(session, notice)

        self._uow.write(work)
        return self._view(notice_id)

    @requires(Action.RECORD_CHECKS)
    def withdraw(self, notice_id: int, expected_version: int, reason: str) -> str:
        """Withdraw a notice issued by mistake; returns its number, which is not given
        again. Its 整改 (unverified) and its 加减分 row go with it."""
        cleaned = reason.strip()
        if not cleaned:
            raise InputError("撤回督办单必须填写理由（将记入操作日志）。")
        too_long = REASON.problem(cleaned, "撤回理由")
        if too_long:
            raise InputError(f"{too_long}。")

        def work(session: Session) -> str:
            notice = notice_row(session, notice_id)
            check_open(notice, expected_version, "撤回")
            number = notice.number
            drop_deduction(session, notice.id)
            rectification = rectification_of(session, notice.id)
            while rectification is not None:
                session.delete(rectification)
                session.flush()
                rectification = rectification_of(session, notice.id)
            session.delete(notice)
            session.flush()
            record_event(
                session.connection(),
                self._uow.account,
                "withdraw",
                "notice",
                notice_id,
                number,
                {"reason": cleaned},
            )
            return number

        return self._uow.write(work)

    # --- 整改 ----------------------------------------------------------------------------

    @requires(Action.RECORD_CHECKS)
    def set_rectification(
        self, notice_id: int, draft: RectificationDraft, expected_version: int | None
    ) -> NoticeView:
        """Write the notice's 整改 (目标, 事项, 时限, 措施, 结果); `expected_version` is
        the rectification's version the clerk saw (None: there was none)."""
        self._uow.write(
            lambda session: write_rectification(session, notice_id, draft, expected_version)
        )
        return self._view(notice_id)

    @requires(Action.REVIEW)
    def verify_rectification(
        self, notice_id: int, expected_version: int, verified_by: str, verified_on: date
    ) -> NoticeView:
        """核实: the result is checked by `verified_by` on `verified_on`; the notice
        closes (the only way a notice closes)."""
        today = self._today()
        self._uow.write(
            lambda session: verify(
                session, notice_id, expected_version, verified_by, verified_on, today
            )
        )
        return self._view(notice_id)

    # --- printing ------------------------------------------------------------------------

    @requires(Action.EXPORT)
    def notice_pdf(
        self,
        number: str,
        out: Path,
        *,
        font_path: Path | None = None,
        printed_on: date | None = None,
    ) -> Path:
        """The 督办单 as an A4 PDF at `out` (all or nothing)."""
        # reportlab (~150 ms to import) is loaded only when a PDF is written.
        from kaohe_desktop.reports.pdf_notice import write_notice_pdf

        out = output_file(out, NOTICE_PDF)
        with self._uow.read() as session:
            view = views_of(session, [find_notice(session, number)])[0]
            sheet = notice_sheet(session, view, printed_on or self._today())
        write_notice_pdf(sheet, out, pdf_font(font_path))
        return out


__all__ = ["NOTICE_PDF", "NoticeService"]
