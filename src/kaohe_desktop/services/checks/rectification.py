"""整改 of a 督办单: the plan (目标, 事项, 时限, 措施), its result, and the 核实 that
closes the notice.

One rectification per notice. It is written while the notice is open; verifying it
(a reviewer's act: the 督查科室 checks the result) marks it verified and closes the
notice in the same transaction. Nothing else closes a notice, so "closed" always
means "rectified and verified".
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from kaohe_desktop.domain.notice_rules import rectification_problems, verification_problems
from kaohe_desktop.services.checks.notice_reads import notice_row, rectification_of
from kaohe_desktop.services.checks.views import RectificationDraft
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.errors import ConflictError
from kaohe_desktop.storage.models import NoticeRow, RectificationRow


def _open_notice(session: Session, notice_id: int, doing: str) -> NoticeRow:
    notice = notice_row(session, notice_id)
    if notice.closed:
        raise InputError(f"督办单 {notice.number} 的整改已核实销号，不能再{doing}。")
    return notice


def _as_seen(notice: NoticeRow, row: RectificationRow | None, expected: int | None) -> None:
    """The rectification is as the clerk saw it (None: there was none)."""
    actual = None if row is None else row.version
    if expected != actual:
        raise ConflictError(
            entity="督办单的整改",
            entity_id=notice.number,
            theirs=None if row is None else {"version": row.version},
        )


def write_rectification(
    session: Session, notice_id: int, draft: RectificationDraft, expected_version: int | None
) -> None:
    notice = _open_notice(session, notice_id, "修改整改情况")
    row = rectification_of(session, notice_id)
    _as_seen(notice, row, expected_version)
    texts = {"target": draft.target, "items": draft.items, "measures": draft.measures}
    refuse(rectification_problems(texts, draft.result, draft.deadline, notice.issued_on))
    result = (draft.result or "").strip() or None
    values = {
        "target": draft.target.strip(),
        "items": draft.items.strip(),
        "deadline": draft.deadline,
        "measures": draft.measures.strip(),
        "result": result,
    }
    if row is None:
        first_check = next((t.check_id for t in notice.tasks if t.check_id is not None), None)
        session.add(
            RectificationRow(
                notice_id=notice.id,
                check_id=first_check,
                department_id=notice.department_id,
                verified=False,
                **values,
            )
        )
        return
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def verify(
    session: Session,
    notice_id: int,
    expected_version: int,
    verified_by: str,
    verified_on: date,
    today: date,
) -> None:
    notice = _open_notice(session, notice_id, "核实")
    row = rectification_of(session, notice_id)
    if row is None:
        raise InputError(f"督办单 {notice.number} 还没有整改情况，不能核实。")
    _as_seen(notice, row, expected_version)
    refuse(verification_problems(row.result, verified_by, verified_on, notice.issued_on, today))
    row.verified = True
    row.verified_by = verified_by.strip()
    row.verified_on = verified_on
    notice.closed = True
