"""A small bureau for the 查账 service tests, and helpers to record checks in it.

Four departments (督查室 does the 二级 核对) and four 2026 tasks, so every due list is
worked out by hand:

| 序号 | 工作任务 | 类别 | 牵头 | 责任科室 | 完成时限 | due in |
|---|---|---|---|---|---|---|
| 1 | 食品安全抽检 | 常规 | 综合科 | 综合科、市场科 | 每季度 | Q1–Q4, by each quarter's end |
| 2 | 双随机检查 | 常规 | 市场科 | 市场科 | 6月15日前 | Q2, by 6月15日 |
| 3 | 质量提升行动 | 重点 | 质量科 | 质量科 | 每月 | every month |
| 4 | 年度工作总结 | 常规 | 综合科 | 综合科 | 年底前 | Q4 |

So 2026Q2 has three pairs, (1, 综合科), (1, 市场科), (2, 市场科), and 2026-05 one,
(3, 质量科). Built once per test run (a kind of master file) and copied for each test.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from tests.factories import Master

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.domain.records import DepartmentRecord, ExchangeBook, TaskRecord
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.checks.views import CheckChange, DueCheckRow
from kaohe_desktop.services.workspace import Workspace

Q1, Q2 = Quarter(2026, 1), Quarter(2026, 2)
MAY = Month(2026, 5)
T0 = datetime(2026, 6, 20, 10, 0, 0)  # inside Q2, after task 2's 6月15日
DEPARTMENTS = ("综合科", "市场科", "质量科", "督查室")
ROUTINE, KEY = TaskCategory.ROUTINE, TaskCategory.KEY
TASKS = (
    (1, "食品安全抽检", ROUTINE, "综合科", ("综合科", "市场科"), "每季度", "10"),
    (2, "双随机检查", ROUTINE, "市场科", ("市场科",), "6月15日前", "5"),
    (3, "质量提升行动", KEY, "质量科", ("质量科",), "每月", "8"),
    (4, "年度工作总结", ROUTINE, "综合科", ("综合科",), "年底前", "4"),
)


def _check_bureau(workspace: Workspace) -> None:
    book = ExchangeBook(
        departments=[DepartmentRecord(name, order=n) for n, name in enumerate(DEPARTMENTS, 1)],
        tasks=[
            TaskRecord(2026, seq, title, kind, lead, responsible, deadline, Decimal(points))
            for seq, title, kind, lead, responsible, deadline, points in TASKS
        ],
    )
    workspace.importer.apply(book)


CHECK_BUREAU = Master(fill=_check_bureau)  # with an account per role


def department_ids(workspace: Workspace) -> dict[str, int]:
    return {item.name: item.id for item in workspace.departments.listing()}


def task_ids(workspace: Workspace) -> dict[int, int]:
    """Task id by 序号."""
    return {task.seq: task.id for task in workspace.ledger.tasks(2026)}


def key(workspace: Workspace, seq: int, department: str) -> tuple[int, int]:
    return task_ids(workspace)[seq], department_ids(workspace)[department]


def leases(
    workspace: Workspace, period: Quarter | Month = Q2, names: Iterable[str] = DEPARTMENTS
) -> list[Lease]:
    """The 查账 lease of each named department in `period` (all four by default)."""
    departments = department_ids(workspace)
    return [workspace.checks.acquire_lease(period, departments[name]) for name in names]


def row(workspace: Workspace, period: Quarter | Month, seq: int, department: str) -> DueCheckRow:
    wanted = key(workspace, seq, department)
    return next(r for r in workspace.checks.due_list(period).rows if r.key == wanted)


def change(
    workspace: Workspace,
    period: Quarter | Month,
    seq: int,
    department: str,
    level: CheckLevel = CheckLevel.LEAD,
    status: CheckStatus | None = CheckStatus.DONE,
    **fields: object,
) -> CheckChange:
    """A change of one pair at one level, with the version the due list shows now."""
    seen = row(workspace, period, seq, department).entry(level)
    task_id, department_id = key(workspace, seq, department)
    version = None if seen is None else seen.version
    return CheckChange(task_id, department_id, level, version, status=status, **fields)  # type: ignore[arg-type]


def record(
    workspace: Workspace,
    period: Quarter | Month,
    entries: Iterable[tuple[int, str, CheckLevel, CheckStatus]],
) -> list[DueCheckRow]:
    """Record (序号, 科室, level, status) checks as `workspace`'s account, in one write."""
    changes = [change(workspace, period, s, d, lv, st) for s, d, lv, st in entries]
    held = leases(workspace, period)
    try:
        return workspace.checks.set_checks(period, changes, held)
    finally:
        for lease in held:
            workspace.leases.release(lease)
