"""A small bureau for the 通报 tests, every count of its 2026Q2 bulletin worked out by hand.

Three departments: 办公室 and 法规科 have work due in the second quarter, 稽查大队 none.

| 序号 | 类别 | 责任科室 | 完成时限 | due in 2026Q2 |
|---|---|---|---|---|
| 1 | 常规 | 办公室、法规科 | 每季度 | Q2, both departments |
| 2 | 常规 | 法规科 | 6月 | Q2 |
| 3 | 常规 | 办公室 | 9月 | (Q3) |
| 4 | 重点 | 办公室 | 每月 | 4月, 5月, 6月 |
| 5 | 重点 | 法规科 | 5月 | 5月 |

Checks (the one that stands is the highest level):
- 1 × 办公室 Q2: 一级 部分完成, 二级 已完成 → 已完成 (二级);
- 1 × 法规科 Q2: 一级 未完成;          2 × 法规科 Q2: none (past 6月30日 on 7月6日);
- 4 × 办公室: 4月 已完成 (一级 and 二级), 5月 逾期完成, 6月 一级 部分完成 + 三级 已完成
  → 已完成 (三级);
- 5 × 法规科 5月: 部分完成, with a long 实际完成情况;
- and checks of other periods (Q1, Q3) that a Q2 bulletin must not count.

So on 2026-07-06: 办公室 应查 4, 已完成 3, 逾期完成 1 → 100.0%; 法规科 应查 3, 部分完成 1,
未完成 1, 未录入 1 → 0.0%; 合计 7, 3, 1, 1, 1, 1 → 4 / 7 = 57.1%.

Notices (rows written directly: the notice service is not what is tested here):
- 督办〔2026〕第1号 黄, 法规科, 2026Q1, open; 整改时限 4月30日 → 逾期未整改（逾期67天）;
- 第2号 蓝, 办公室, 2026Q1, verified 3月30日 (before Q2) → not reported again;
- 第3号 黄, 办公室, 2026Q1, verified 5月10日 → 已核实（5月10日核实）;
- 第4号 红, 法规科, 2026Q2, for 1 × 法规科, issued 7月2日, 时限 7月20日 → 整改中, and
  listed against that problem.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import Master

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.domain.records import CheckRecord, DepartmentRecord, ExchangeBook, TaskRecord
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import (
    CheckRow,
    DepartmentRow,
    NoticeRow,
    NoticeTaskRow,
    RectificationRow,
    TaskRow,
)

Q2 = Quarter(2026, 2)
APRIL, MAY, JUNE = Month(2026, 4), Month(2026, 5), Month(2026, 6)
ISSUED = date(2026, 7, 6)
OFFICE, LEGAL, INSPECTION = "办公室", "法规科", "稽查大队"
ROUTINE, KEY = TaskCategory.ROUTINE, TaskCategory.KEY
DONE, LATE, PARTIAL, MISSED = (
    CheckStatus.DONE,
    CheckStatus.LATE,
    CheckStatus.PARTIAL,
    CheckStatus.MISSED,
)
LEAD, SUPERVISION, LEADERSHIP = CheckLevel.LEAD, CheckLevel.SUPERVISION, CheckLevel.LEADERSHIP
TITLES = {1: "食品安全抽检", 2: "法治宣传", 3: "年度考核准备", 4: "质量提升行动", 5: "专项整治"}
LONG_ACTUAL = (
    "本月完成专项整治计划的百分之六十，检查经营户一百二十家，发现问题三十处，"
    "已整改二十处，其余十处因当事人外出尚未整改，下月继续督促落实。"
)
# 实际完成情况 as the problem list prints it: 59 characters and an ellipsis.
LONG_ACTUAL_SHORT = LONG_ACTUAL[:59] + "…"

# Hand-worked: name → (应查, 已完成, 逾期完成, 部分完成, 未完成, 未录入, 完成率).
EXPECTED = {
    OFFICE: (4, 3, 1, 0, 0, 0, "100.0%"),
    LEGAL: (3, 0, 0, 1, 1, 1, "0.0%"),
    "合计": (7, 3, 1, 1, 1, 1, "57.1%"),
}


def _check(
    seq: int, department: str, period: object, status: CheckStatus, level: CheckLevel = LEAD,
    actual: str | None = None,
) -> CheckRecord:  # fmt: skip
    return CheckRecord(2026, seq, department, str(period), status, actual, None, level, "检查人")


def _book() -> ExchangeBook:
    tasks = [
        (1, ROUTINE, OFFICE, (OFFICE, LEGAL), "每季度"),
        (2, ROUTINE, LEGAL, (LEGAL,), "6月"),
        (3, ROUTINE, OFFICE, (OFFICE,), "9月"),
        (4, KEY, OFFICE, (OFFICE,), "每月"),
        (5, KEY, LEGAL, (LEGAL,), "5月"),
    ]
    return ExchangeBook(
        departments=[
            DepartmentRecord(name, order=n) for n, name in enumerate((OFFICE, LEGAL, INSPECTION))
        ],
        tasks=[
            TaskRecord(2026, seq, TITLES[seq], kind, lead, responsible, deadline, Decimal(5))
            for seq, kind, lead, responsible, deadline in tasks
        ],
        checks=[
            _check(1, OFFICE, Q2, PARTIAL, LEAD, "完成两次抽检"),
            _check(1, OFFICE, Q2, DONE, SUPERVISION, "核对：已全部完成"),
            _check(1, LEGAL, Q2, MISSED, LEAD, "因人员不足未开展"),
            _check(4, OFFICE, APRIL, DONE),
            _check(4, OFFICE, APRIL, DONE, SUPERVISION),
            _check(4, OFFICE, MAY, LATE, LEAD, "5月8日完成"),
            _check(4, OFFICE, JUNE, PARTIAL),
            _check(4, OFFICE, JUNE, DONE, LEADERSHIP, "局领导抽查：已完成"),
            _check(5, LEGAL, MAY, PARTIAL, LEAD, LONG_ACTUAL),
            _check(1, OFFICE, Quarter(2026, 1), MISSED),
            _check(3, OFFICE, Quarter(2026, 3), DONE),
        ],
    )


def _notice(
    session: Session, serial: int, color: str, department: int, period: str,
    issued: date, deadline: date, *, closed: bool = False,
) -> NoticeRow:  # fmt: skip
    row = NoticeRow(
        number=f"督办〔2026〕第{serial}号", year=2026, serial=serial, color=color,
        department_id=department, period=period, issued_on=issued, deadline=deadline,
        content="问题", closed=closed, issued_by="admin",
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def _rectify(
    session: Session, notice: NoticeRow, deadline: date, verified_on: date | None = None
) -> None:
    session.add(
        RectificationRow(
            notice_id=notice.id,
            department_id=notice.department_id,
            target="整改到位",
            items="补做",
            deadline=deadline,
            measures="督促",
            verified=verified_on is not None,
            verified_by="admin" if verified_on else None,
            verified_on=verified_on,
        )
    )


def add_notices(session: Session) -> None:
    ids = {name: id_ for name, id_ in session.execute(select(DepartmentRow.name, DepartmentRow.id))}
    task = session.scalars(select(TaskRow.id).where(TaskRow.year == 2026, TaskRow.seq == 1)).one()
    check = session.scalars(
        select(CheckRow.id).where(
            CheckRow.task_id == task,
            CheckRow.department_id == ids[LEGAL],
            CheckRow.period == "2026Q2",
        )
    ).one()
    first = _notice(
        session, 1, "yellow", ids[LEGAL], "2026Q1", date(2026, 3, 20), date(2026, 4, 15)
    )
    session.add(NoticeTaskRow(notice_id=first.id, task_id=task))
    _rectify(session, first, date(2026, 4, 30))
    second = _notice(session, 2, "blue", ids[OFFICE], "2026Q1", date(2026, 3, 25),
                     date(2026, 4, 10), closed=True)  # fmt: skip
    _rectify(session, second, date(2026, 4, 10), date(2026, 3, 30))
    third = _notice(session, 3, "yellow", ids[OFFICE], "2026Q1", date(2026, 3, 28),
                    date(2026, 4, 20), closed=True)  # fmt: skip
    _rectify(session, third, date(2026, 4, 20), date(2026, 5, 10))
    fourth = _notice(session, 4, "red", ids[LEGAL], "2026Q2", date(2026, 7, 2), date(2026, 7, 20))
    session.add(NoticeTaskRow(notice_id=fourth.id, task_id=task, check_id=check))


def fill_bulletin_bureau(workspace: Workspace) -> None:
    workspace.importer.apply(_book())
    workspace._uow.write(add_notices)


BULLETIN_BUREAU = Master(fill=fill_bulletin_bureau)  # with an account per role
GENERATED = datetime(2026, 7, 6, 9, 0, 0)
