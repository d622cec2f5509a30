"""A 督办单's immediate deduction as a row of the half year's 加减分.

The deduction is written once, on the notice; the 加减分 row follows it (made, changed
or removed in the same transaction as the notice), so the half-year scoring shows it
under 业务工作 with the notice number as 依据文号 and nobody copies it by hand. The
row is found by its `notice_id`, never by its text, so a clerk's edit of its 事由
elsewhere does not break the link.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import AdjustmentCategory
from kaohe_desktop.domain.notice_rules import deduction_reason
from kaohe_desktop.services.checks.notice_reads import half_of, notice_period
from kaohe_desktop.storage.models import AdjustmentRow, NoticeRow


def linked_adjustments(session: Session, notice_id: int) -> list[AdjustmentRow]:
    statement = (
        select(AdjustmentRow).where(AdjustmentRow.notice_id == notice_id).order_by(AdjustmentRow.id)
    )
    return list(session.scalars(statement))


def keep_deduction_in_step(session: Session, notice: NoticeRow) -> None:
    """Inside a write, after `notice` is flushed: its 加减分 row says what the notice
    says (none without a deduction). Used by issuing, editing and importing notices."""
    linked = linked_adjustments(session, notice.id)
    category = None if notice.deduction is None else AdjustmentCategory.BUSINESS.value
    if notice.deduction_category != category:
        notice.deduction_category = category
    if notice.deduction is None:
        for row in linked:
            session.delete(row)
        session.flush()
        return
    values = {
        "half": str(half_of(notice_period(notice))),
        "department_id": notice.department_id,
        "category": AdjustmentCategory.BUSINESS.value,
        "points": -Decimal(notice.deduction),
        "level": None,
        "reason": deduction_reason(notice.content),
        "doc_no": notice.number,
        "adjusted_on": notice.issued_on,
        "notice_id": notice.id,
    }
    if not linked:
        session.add(AdjustmentRow(**values))
    else:
        first, *extra = linked
        for name, value in values.items():
            if getattr(first, name) != value:  # an unchanged row writes no audit entry
                setattr(first, name, value)
        for row in extra:  # a second row for one notice would deduct twice
            session.delete(row)
    session.flush()


def drop_deduction(session: Session, notice_id: int) -> None:
    """Remove the notice's 加减分 rows (before the notice itself is removed)."""
    for row in linked_adjustments(session, notice_id):
        session.delete(row)
    session.flush()
