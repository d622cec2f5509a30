"""复制上期: the previous period's checks as drafts of this one, for the clerk to confirm.

A task checked every quarter (or every month) often reads the same from one period to
the next. For every pair due in the period with no check at the account's default
level, the same pair's confirmed check of the previous period of the same kind (the
previous quarter, the previous month; nothing before Q1 or January) at that level is
copied as a draft: its status, 实际完成情况 and 佐证材料 text, not its files, its
核查人 or its date. A draft is shown but never stands until the clerk confirms it
(services/checks/check_writes.py), so a copy cannot pass for this period's check.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.checks.check_writes import audit_label, require_check_leases
from kaohe_desktop.services.checks.due_list import load_due_list
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import CheckRow
from kaohe_desktop.storage.queries.checks import CONFIRMED


def previous_period(period: CheckPeriod) -> CheckPeriod | None:
    """The period before, of the same kind and year (a year's ledger is its own)."""
    if isinstance(period, Quarter):
        return Quarter(period.year, period.quarter - 1) if period.quarter > 1 else None
    return Month(period.year, period.month - 1) if period.month > 1 else None


def copy_forward_drafts(
    session: Session,
    period: CheckPeriod,
    level: CheckLevel,
    leases: Sequence[Lease],
    today: date,
    department_ids: Collection[int] | None = None,
) -> int:
    """Inside a write: make the drafts; returns how many (0: nothing to copy)."""
    if level is CheckLevel.LEADERSHIP:
        raise InputError("三级核查只在局领导抽查样本上逐项录入，不能复制上期。")
    previous = previous_period(period)
    if previous is None:
        return 0
    wanted = None if department_ids is None else set(department_ids)
    empty = [
        row
        for row in load_due_list(session, period, today).rows
        if row.entry(level) is None and (wanted is None or row.department_id in wanted)
    ]
    if not empty:
        return 0
    earlier = {
        (check.task_id, check.department_id): check
        for check in session.scalars(
            select(CheckRow).where(
                CheckRow.period == str(previous),
                CheckRow.level == level.value,
                CONFIRMED,
                CheckRow.task_id.in_({row.task_id for row in empty}),
            )
        )
    }
    copied = [(row, earlier[row.key]) for row in empty if row.key in earlier]
    if not copied:
        return 0
    departments = {row.department_id: row.department for row, _ in copied}
    require_check_leases(session, period, departments, leases)
    for row, source in copied:
        draft = CheckRow(
            task_id=row.task_id,
            department_id=row.department_id,
            period=str(period),
            level=level.value,
            status=source.status,
            actual=source.actual,
            evidence_text=source.evidence_text,
            checker=None,
            check_date=None,
            draft=True,
        )
        draft.name_for_audit(audit_label(period, row, level) + " 草稿（复制上期）")
        session.add(draft)
    session.flush()
    return len(copied)
