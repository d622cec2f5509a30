"""Writing the half's 加减分 and 一票否决: the transactions behind the dialog.

Each write runs inside one transaction and refuses (nothing written) before it changes
anything: the half's scoring lease not held, a draft the dialog's own rules refuse
(domain/adjustment_rules), a department that does not exist or was retired, a row
another workstation changed or removed since the clerk saw it, a 督办单's deduction
(it changes only through its notice). Then it writes and freezes the half's rules.
A closed half is refused by the database's triggers (PeriodClosedError).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.adjustment_rules import (
    AdjustmentDraft,
    VetoDraft,
    adjustment_problems,
    veto_problems,
)
from kaohe_desktop.domain.enums import AdjustmentCategory
from kaohe_desktop.domain.leases import scoring_scope
from kaohe_desktop.domain.periods import HalfYear, PeriodError, parse_half
from kaohe_desktop.services.access.leases import Lease, require_lease
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.exchange.upsert import assign
from kaohe_desktop.services.scoring.scheme import freeze_rules, rules_for
from kaohe_desktop.storage.models import AdjustmentRow, DepartmentRow, NoticeRow, VetoRow


def lease_label(half: HalfYear) -> str:
    return f"{half.label()}半年考核加减分"


def require_scoring_lease(session: Session, half: HalfYear, leases: Sequence[Lease]) -> None:
    held = {lease.scope: lease for lease in leases}
    lease = held.get(scoring_scope(str(half)))
    if lease is None:
        raise InputError(f"未保存：{half.label()}的加减分未取得编辑锁，请重新进入编辑。")
    require_lease(session, lease)


def _department(session: Session, department_id: int, adding: bool) -> DepartmentRow:
    department = session.get(DepartmentRow, department_id)
    if department is None:
        raise InputError(f"未保存：科室（内部编号 {department_id}）不存在，可能已被删除。")
    if adding and department.retired:
        raise InputError(f"未保存：科室“{department.name}”已撤销，不能再录入加减分。")
    return department


def _half_of(text: str) -> HalfYear:
    try:
        return parse_half(text)
    except PeriodError as error:  # a row of a newer program version
        raise InputError(f"未保存：该记录的期间“{text}”无法识别（{error}）。") from None


def _check_adjustment(session: Session, half: HalfYear, draft: AdjustmentDraft) -> None:
    rules, _ = rules_for(session, half)
    refuse([p.message for p in adjustment_problems(draft, half, rules)])


def _adjustment(session: Session, adjustment_id: int, expected_version: int) -> AdjustmentRow:
    row = session.get(AdjustmentRow, adjustment_id)
    if row is None:
        raise InputError("未保存：该加减分已被他人删除，已重新载入。")
    if row.notice_id is not None:
        number = session.scalar(select(NoticeRow.number).where(NoticeRow.id == row.notice_id))
        raise InputError(f"未保存：该扣分由督办单 {number} 产生，请在督办单中修改。")
    if row.version != expected_version:
        raise InputError("未保存：该加减分已被他人修改，已重新载入，请核对后再录入。")
    return row


def _values(session: Session, half: HalfYear, draft: AdjustmentDraft) -> dict[str, object]:
    rules, _ = rules_for(session, half)
    return {
        "department_id": draft.department_id,
        "category": draft.category.value,
        "points": draft.points_for(rules),
        "level": None if draft.level is None else draft.level.value,
        "reason": draft.reason,
        "doc_no": draft.doc_no,
        "adjusted_on": draft.on,
    }


def add_adjustment(
    session: Session, half: HalfYear, draft: AdjustmentDraft, leases: Sequence[Lease], now: datetime
) -> int:
    draft = draft.cleaned()
    _check_adjustment(session, half, draft)
    _department(session, draft.department_id, adding=True)
    require_scoring_lease(session, half, leases)
    row = AdjustmentRow(half=str(half), **_values(session, half, draft))
    session.add(row)
    freeze_rules(session, half, now)
    session.flush()
    return row.id


def update_adjustment(
    session: Session,
    adjustment_id: int,
    expected_version: int,
    draft: AdjustmentDraft,
    leases: Sequence[Lease],
    now: datetime,
) -> HalfYear:
    row = _adjustment(session, adjustment_id, expected_version)
    half = _half_of(row.half)
    draft = draft.cleaned()
    _check_adjustment(session, half, draft)
    _department(session, draft.department_id, adding=draft.department_id != row.department_id)
    require_scoring_lease(session, half, leases)
    assign(row, _values(session, half, draft), keep_blank=False)  # unchanged: no audit entry
    freeze_rules(session, half, now)
    return half


def delete_adjustment(
    session: Session, adjustment_id: int, expected_version: int, leases: Sequence[Lease]
) -> HalfYear:
    """Also removes a 一票否决 written as a 加减分 row (VetoView.adjustment_id)."""
    row = _adjustment(session, adjustment_id, expected_version)
    half = _half_of(row.half)
    require_scoring_lease(session, half, leases)
    session.delete(row)
    return half


def _veto(session: Session, veto_id: int, expected_version: int) -> VetoRow | AdjustmentRow:
    """The veto row, or for a negative id the 加减分 row of category 一票否决 it shows."""
    row: VetoRow | AdjustmentRow | None
    if veto_id < 0:
        row = session.get(AdjustmentRow, -veto_id)
        if row is not None and row.category != AdjustmentCategory.VETO.value:
            row = None
    else:
        row = session.get(VetoRow, veto_id)
    if row is None:
        raise InputError("未保存：该一票否决已被他人删除，已重新载入。")
    if row.version != expected_version:
        raise InputError("未保存：该一票否决已被他人修改，已重新载入，请核对后再录入。")
    return row


def _same_reason(
    session: Session, half: HalfYear, draft: VetoDraft, veto_id: int | None = None
) -> None:
    statement = select(VetoRow.id).where(
        VetoRow.half == str(half),
        VetoRow.department_id == draft.department_id,
        VetoRow.reason == draft.reason,
    )
    if veto_id is not None:
        statement = statement.where(VetoRow.id != veto_id)
    if session.scalar(statement) is not None:
        raise InputError(f"未保存：该科室{half.label()}已有事由相同的一票否决。")


def add_veto(
    session: Session, half: HalfYear, draft: VetoDraft, leases: Sequence[Lease], now: datetime
) -> int:
    draft = draft.cleaned()
    refuse([p.message for p in veto_problems(draft, half)])
    department = _department(session, draft.department_id, adding=True)
    require_scoring_lease(session, half, leases)
    _same_reason(session, half, draft)
    row = VetoRow(
        half=str(half), department=department, reason=draft.reason, doc_no=draft.doc_no,
        decided_on=draft.on,
    )  # fmt: skip
    session.add(row)
    freeze_rules(session, half, now)
    session.flush()
    return row.id


def update_veto(
    session: Session,
    veto_id: int,
    expected_version: int,
    draft: VetoDraft,
    leases: Sequence[Lease],
    now: datetime,
) -> HalfYear:
    row = _veto(session, veto_id, expected_version)
    half = _half_of(row.half)
    draft = draft.cleaned()
    refuse([p.message for p in veto_problems(draft, half)])
    _department(session, draft.department_id, adding=draft.department_id != row.department_id)
    require_scoring_lease(session, half, leases)
    if isinstance(row, VetoRow):
        _same_reason(session, half, draft, veto_id)
    values = {
        "department_id": draft.department_id,
        "reason": draft.reason,
        "doc_no": draft.doc_no,
        "decided_on" if isinstance(row, VetoRow) else "adjusted_on": draft.on,
    }
    assign(row, values, keep_blank=False)
    freeze_rules(session, half, now)
    return half


def delete_veto(
    session: Session, veto_id: int, expected_version: int, leases: Sequence[Lease]
) -> HalfYear:
    row = _veto(session, veto_id, expected_version)
    half = _half_of(row.half)
    require_scoring_lease(session, half, leases)
    session.delete(row)
    return half
