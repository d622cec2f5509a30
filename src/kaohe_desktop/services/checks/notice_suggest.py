"""What a 督办单 issued from the 查账 page says unless the clerk changes it.

From one or many checks of one department (or due tasks with nothing recorded): the
colour the domain suggests for each problem, the most urgent of them; the tasks in
序号 order; one sentence per problem; 整改时限 the settings' `rectify_days` after
today. One notice goes to one department, so checks of several are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckPeriod, suggested_color
from kaohe_desktop.domain.checks import level_rank
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, NoticeColor, TaskCategory
from kaohe_desktop.domain.notice_rules import join_problems, most_urgent, problem_sentence
from kaohe_desktop.services.checks.due_list import load_due_list
from kaohe_desktop.services.checks.views import DueCheckRow, NoticeDraft
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import CheckRow, DepartmentRow, TaskRow


@dataclass(frozen=True)
class _Problem:
    task_id: int
    seq: int
    title: str
    category: TaskCategory
    department_id: int
    status: CheckStatus | None
    actual: str | None
    due: date
    check_id: int | None
    level: int  # 0 for a pair with nothing recorded


def _from_checks(
    session: Session,
    period: CheckPeriod,
    check_ids: Sequence[int],
    due: dict[tuple[int, int], DueCheckRow],
    found: list[str],
) -> list[_Problem]:
    checks = {
        row.id: row
        for row in session.scalars(select(CheckRow).where(CheckRow.id.in_(list(check_ids))))
    }
    tasks = {
        row.id: row
        for row in session.scalars(
            select(TaskRow).where(TaskRow.id.in_({c.task_id for c in checks.values()}))
        )
    }
    problems = []
    for check_id in dict.fromkeys(check_ids):
        check = checks.get(check_id)
        if check is None:
            found.append(f"查账记录（内部编号 {check_id}）不存在，可能已被删除")
            continue
        if check.period != str(period):
            found.append(f"所选查账记录属于 {check.period}，不是 {period}")
            continue
        if check.draft:
            found.append("所选查账记录中有草稿，请先确认后再据此下达督办单")
            continue
        task = tasks[check.task_id]
        row = due.get((check.task_id, check.department_id))
        problems.append(
            _Problem(
                task.id, task.seq, task.title, TaskCategory(task.category),
                check.department_id, CheckStatus(check.status), check.actual,
                row.due_by if row is not None else period.end, check.id,
                level_rank(CheckLevel(check.level)),
            )
        )  # fmt: skip
    return problems


def _from_pairs(
    pairs: Sequence[tuple[int, int]], due: dict[tuple[int, int], DueCheckRow], found: list[str]
) -> list[_Problem]:
    problems = []
    for pair in dict.fromkeys(pairs):
        row = due.get(pair)
        if row is None:
            found.append(f"所选任务（内部编号 {pair[0]}）在本期不是该科室的应查任务")
            continue
        standing = row.standing_entry
        problems.append(
            _Problem(
                row.task_id, row.seq, row.title, row.category, row.department_id,
                row.standing, standing.actual if standing else None, row.due_by,
                standing.check_id if standing else None,
                level_rank(standing.level) if standing else 0,
            )
        )  # fmt: skip
    return problems


def _one_department(session: Session, problems: list[_Problem]) -> int:
    ids = list(dict.fromkeys(p.department_id for p in problems))
    if len(ids) > 1:
        statement = select(DepartmentRow.id, DepartmentRow.name).where(DepartmentRow.id.in_(ids))
        names = {row_id: name for row_id, name in session.execute(statement)}
        listed = "、".join(names.get(i, str(i)) for i in ids)
        raise InputError(
            f"一张督办单只能下达给一个科室：所选记录涉及 {listed} {len(ids)} 个科室，"
            "请按科室分别下达。"
        )
    return ids[0]


def suggest_draft(
    session: Session,
    period: CheckPeriod,
    check_ids: Sequence[int],
    unrecorded: Sequence[tuple[int, int]],
    department_id: int | None,
    today: date,
) -> NoticeDraft:
    listing = load_due_list(session, period, today)
    settings = listing.settings
    deadline = today + timedelta(days=settings.rectify_days)
    if not check_ids and not unrecorded:
        if department_id is None:
            raise InputError("请选择要督办的查账记录，或指定科室后手工填写督办单。")
        return NoticeDraft(NoticeColor.BLUE, department_id, period, (), "", deadline, today)
    due = {row.key: row for row in listing.rows}
    found: list[str] = []
    problems = _from_checks(session, period, check_ids, due, found)
    problems += _from_pairs(unrecorded, due, found)
    refuse(found)
    department = _one_department(session, problems)
    if department_id is not None and department_id != department:
        raise InputError("所选记录不属于指定的科室；一张督办单只能下达给一个科室。")
    # One problem per task: the highest level recorded says what stands.
    per_task: dict[int, _Problem] = {}
    for problem in problems:
        held = per_task.get(problem.task_id)
        if held is None or problem.level > held.level:
            per_task[problem.task_id] = problem
    chosen = sorted(per_task.values(), key=lambda p: p.seq)
    color = most_urgent(
        suggested_color(p.status, p.category, p.due, today, settings) for p in chosen
    )
    content = join_problems(
        problem_sentence(p.seq, p.title, period, p.status, p.actual, p.due) for p in chosen
    )
    return NoticeDraft(
        color=color,
        department_id=department,
        period=period,
        task_ids=tuple(p.task_id for p in chosen),
        content=content,
        deadline=deadline,
        issued_on=today,
        check_ids=tuple(p.check_id for p in chosen if p.check_id is not None),
    )
