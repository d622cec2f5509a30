"""The grading bureau (tests/services/grading_bureau) with a closed and an open
quarter, for the 人员档案 tests. Built once per test run (ARCHIVE_BUREAU).

2026Q2, closed: P01 95/95, P02 93/93, P03 91/91, P04 85/85 (机关正科级), P05 70/70.
The 好 quota is ⌊5 × 40%⌋ = 2: P01 and P02 好, P03 (91, left out) and P04 较好, P05 一般.
Ranks by category: 一般公务员 P01 1, P02 2, P03 3, P05 4; 机关正科级 P04 1.

P05 moves from 质量科 to 市场科 on 2026-09-01.

2026Q3, open: six on the roster (P06 joined 2026-08-01), so the quota is ⌊6 × 40%⌋ = 2.
P01 80/80 with a 表扬 on 2026-08-10 (+2: 实绩分 82, 综合得分 81.00), P02 96/96, P03 92/92,
P04 60/50 (55.00), P05 94/94, P06 91/91. 好: P02 (96) and P05 (94); P03 and P06 (≥ 90,
left out) and P01 较好; P04 较差. Ranks: 一般公务员 P02 1, P05 2, P03 3, P06 4, P01 5;
机关正科级 P04 1.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import Master
from tests.services.grading_bureau import GRADING_BUREAU, Q2, ids, score, take_leases

from kaohe_desktop.domain.enums import CommentKind
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.org.moves import record_moves
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import DepartmentRow, PersonRow

Q3 = Quarter(2026, 3)
Q2_SCORES = {"P01": ("95", "95"), "P02": ("93", "93"), "P03": ("91", "91"),
             "P04": ("85", "85"), "P05": ("70", "70")}  # fmt: skip
Q3_SCORES = {"P01": ("80", "80"), "P02": ("96", "96"), "P03": ("92", "92"),
             "P04": ("60", "50"), "P05": ("94", "94"), "P06": ("91", "91")}  # fmt: skip
MOVED_ON = date(2026, 9, 1)


def move_p05(workspace: Workspace) -> None:
    """P05 to 市场科 from 2026-09-01 (the stint in 质量科 ends 2026-08-31)."""

    def work(session: Session) -> None:
        person = session.scalars(select(PersonRow).where(PersonRow.code == "P05")).one()
        market = session.scalars(select(DepartmentRow).where(DepartmentRow.name == "市场科")).one()
        person.department = market
        session.flush()
        record_moves(session, [(person, market, MOVED_ON)], date(2026, 8, 31))

    workspace._uow.write(work)


def _archive_bureau(workspace: Workspace) -> None:
    assert GRADING_BUREAU.fill is not None
    GRADING_BUREAU.fill(workspace)
    leases = take_leases(workspace, Q2)
    score(workspace, Q2_SCORES, leases)
    workspace.grading.close_quarter(Q2)
    for lease in leases:
        workspace.leases.release(lease)
    move_p05(workspace)
    leases = take_leases(workspace, Q3)
    score(workspace, Q3_SCORES, leases, Q3)
    workspace.grading.add_comment(
        Q3, ids(workspace)["P01"], date(2026, 8, 10), CommentKind.PRAISE, "主动加班完成抽检", leases
    )
    for lease in leases:
        workspace.leases.release(lease)


ARCHIVE_BUREAU = Master(fill=_archive_bureau)
