"""Helpers for the 半年考核 service tests, on the small bureau of check_bureau.py.

Its four departments have no 组别, so they form one group of four: 优秀 at most
max(1, ⌊4 × 20%⌋) = 1, 良好 at most ⌊4 × 40%⌋ = 1. What is due in 2026H1:

| 序号 | 任务 | 分值 | 科室 | due periods in H1 |
|---|---|---|---|---|
| 1 | 食品安全抽检 (每季度) | 10 | 综合科、市场科 | 2026Q1, 2026Q2 |
| 2 | 双随机检查 (6月15日前) | 5 | 市场科 | 2026Q2 |
| 3 | 质量提升行动 (重点, 每月) | 8 | 质量科 | 2026-01 … 2026-06 |
| 4 | 年度工作总结 (年底前) | 4 | 综合科 | — (2026Q4 only) |

With nothing recorded every due period counts 未完成 (100%): 综合科 1000 − 20 = 980,
市场科 1000 − 25 = 975, 质量科 1000 − 48 = 952, 督查室 (nothing due) 1000.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from tests.services.checks.check_bureau import MAY, Q1, Q2, department_ids, record

from kaohe_desktop.domain.adjustment_rules import AdjustmentDraft, VetoDraft
from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
)
from kaohe_desktop.domain.periods import HalfYear, Month
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.services.workspace import Workspace

H1, H2 = HalfYear(2026, 1), HalfYear(2026, 2)
DONE, LATE, PARTIAL = CheckStatus.DONE, CheckStatus.LATE, CheckStatus.PARTIAL
LEAD, SUPERVISION = CheckLevel.LEAD, CheckLevel.SUPERVISION
H1_MONTHS = [Month(2026, m) for m in range(1, 7)]

__all__ = ["MAY", "Q1", "Q2"]


@contextmanager
def scoring_lease(workspace: Workspace, half: HalfYear = H1) -> Iterator[list[Lease]]:
    lease = workspace.scoring.acquire_lease(half)
    try:
        yield [lease]
    finally:
        workspace.leases.release(lease)


def deduction(
    workspace: Workspace,
    department: str,
    points: str,
    category: AdjustmentCategory = AdjustmentCategory.ATTENDANCE,
    reason: str = "考勤抽查缺岗",
    **fields: object,
) -> AdjustmentDraft:
    department_id = department_ids(workspace)[department]
    return AdjustmentDraft(department_id, category, Decimal(points), reason, **fields)  # type: ignore[arg-type]


def add(workspace: Workspace, draft: AdjustmentDraft, half: HalfYear = H1) -> HalfYearSheet:
    with scoring_lease(workspace, half) as leases:
        return workspace.scoring.add_adjustment(half, draft, leases)


def veto(workspace: Workspace, department: str, reason: str = "发生重大安全责任事故") -> VetoDraft:
    return VetoDraft(
        department_ids(workspace)[department], reason, "夏纪发〔2026〕3号", date(2026, 5, 8)
    )


def record_all_h1(workspace: Workspace, status: CheckStatus = DONE) -> None:
    """Every due period of H1 checked (一级) with `status`."""
    record(workspace, Q1, [(1, "综合科", LEAD, status), (1, "市场科", LEAD, status)])
    record(
        workspace,
        Q2,
        [(1, "综合科", LEAD, status), (1, "市场科", LEAD, status), (2, "市场科", LEAD, status)],
    )
    for month in H1_MONTHS:
        record(workspace, month, [(3, "质量科", LEAD, status)])


def totals(sheet: HalfYearSheet) -> dict[str, Decimal]:
    return {r.name: r.total for r in sheet.scoring.results}


def settle_ties(workspace: Workspace, half: HalfYear = H1) -> None:
    """The committee settles every flagged tie of `half` (as 管理员 or 审核人): the first
    department of each tie takes the highest grade it can be given, which leaves the
    others of that tie below. For tests about something else that close the half."""
    flagged = workspace.scoring.scoring(half).flagged()
    while flagged:
        first = flagged[0]
        (best, *_) = workspace.scoring.decision_grades(half, first.department_id)
        sheet = workspace.scoring.decide(half, first.department_id, best, "考核委员会裁定", None)
        flagged = sheet.scoring.flagged()
