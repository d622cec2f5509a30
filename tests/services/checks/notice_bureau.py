"""A small bureau for the 督办单 tests, with its checks recorded, so every suggestion,
colour and deduction is worked out by hand.

| 序号 | 工作任务 | 类别 | 责任科室 | 完成时限 | due |
|---|---|---|---|---|---|
| 1 | 食品安全抽检 | 常规 | 综合科、市场科 | 每季度 | each quarter, by its last day |
| 2 | 双随机检查 | 常规 | 市场科 | 6月15日前 | 2026Q2, by 6月15日 |
| 3 | 质量提升行动 | 重点 | 质量科 | 每月 | every month, by its last day |
| 2025 年 1 | 上年度任务 | 常规 | 市场科 | 年底前 | (another year) |

Checks recorded (2026):
- 1 × 市场科 × 2026Q2: 一级 部分完成 "完成抽检 60 批次。", 二级 未完成 "仅完成 40 批次"
- 2 × 市场科 × 2026Q2: 一级 逾期完成 "6月20日完成"
- 1 × 综合科 × 2026Q2: 一级 已完成
- 3 × 质量科 × 2026-05: 一级 未完成 "未开展"

旧科室 is retired; 督查室 is the 督查科室 of the settings. Built once per test run and
copied for each test.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from tests.factories import Master

from kaohe_desktop.domain.check_rules import CheckSettings
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.domain.records import CheckRecord, DepartmentRecord, ExchangeBook, TaskRecord
from kaohe_desktop.services.checks.settings import write_check_settings
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import CheckRow

Q2, Q3 = Quarter(2026, 2), Quarter(2026, 3)
MAY = Month(2026, 5)
DEPARTMENTS = ("综合科", "市场科", "质量科", "督查室", "旧科室")
ROUTINE, KEY = TaskCategory.ROUTINE, TaskCategory.KEY
LEAD, SUPERVISION = CheckLevel.LEAD, CheckLevel.SUPERVISION
TASKS = (
    (2026, 1, "食品安全抽检", ROUTINE, "综合科", ("综合科", "市场科"), "每季度"),
    (2026, 2, "双随机检查", ROUTINE, "市场科", ("市场科",), "6月15日前"),
    (2026, 3, "质量提升行动", KEY, "质量科", ("质量科",), "每月"),
    (2025, 1, "上年度任务", ROUTINE, "市场科", ("市场科",), "年底前"),
)
CHECKS = (
    (1, "市场科", Q2, CheckStatus.PARTIAL, "完成抽检 60 批次。", LEAD),
    (1, "市场科", Q2, CheckStatus.MISSED, "仅完成 40 批次", SUPERVISION),
    (2, "市场科", Q2, CheckStatus.LATE, "6月20日完成", LEAD),
    (1, "综合科", Q2, CheckStatus.DONE, None, LEAD),
    (3, "质量科", MAY, CheckStatus.MISSED, "未开展", LEAD),
)


def _notice_bureau(workspace: Workspace) -> None:
    book = ExchangeBook(
        departments=[DepartmentRecord(name, order=n) for n, name in enumerate(DEPARTMENTS, 1)],
        tasks=[
            TaskRecord(year, seq, title, kind, lead, responsible, deadline, Decimal(5))
            for year, seq, title, kind, lead, responsible, deadline in TASKS
        ],
        checks=[
            CheckRecord(2026, seq, department, str(period), status, actual, level=level)
            for seq, department, period, status, actual, level in CHECKS
        ],
    )
    workspace.importer.apply(book)
    workspace.departments.set_retired(department_ids(workspace)["旧科室"], True)
    settings = CheckSettings(supervision_department="督查室")
    workspace._uow.write(lambda session: write_check_settings(session, "admin", settings))


NOTICE_BUREAU = Master(fill=_notice_bureau)  # with an account per role


def department_ids(workspace: Workspace) -> dict[str, int]:
    return {item.name: item.id for item in workspace.departments.listing()}


def task_id(workspace: Workspace, seq: int, year: int = 2026) -> int:
    return next(task.id for task in workspace.ledger.tasks(year) if task.seq == seq)


def check_id(
    workspace: Workspace,
    seq: int,
    department: str,
    period: Quarter | Month = Q2,
    level: CheckLevel = LEAD,
) -> int:
    """The id of a check recorded above."""
    with workspace._uow.read() as session:
        found = session.scalars(
            select(CheckRow.id).where(
                CheckRow.task_id == task_id(workspace, seq),
                CheckRow.department_id == department_ids(workspace)[department],
                CheckRow.period == str(period),
                CheckRow.level == level.value,
            )
        ).one()
    return int(found)
