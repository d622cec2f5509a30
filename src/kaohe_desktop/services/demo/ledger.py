"""The year's ledger (台账) of the demo bureau and its 一级 and 二级 checks (查账).

The demo's today (its `as_of`, any day of its last year): whatever was due
before it has its checks — one 一级 check per responsible department and due period,
and a 二级 check on most, the 督查科室 sometimes changing the status — except a few
pairs of today's quarter, still unrecorded, which the 查账 page shows as 逾期未录.
Nothing due later is checked yet. The 三级 checks are not in the book: a 局领导 check
stands only on a pair of a recorded draw, which the services make (follow_up).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from kaohe_desktop.domain.check_rules import due_by
from kaohe_desktop.domain.deadlines import parse_deadline
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.domain.records import CheckRecord, TaskRecord
from kaohe_desktop.services.demo.catalog import (
    LATE_REASONS,
    MISSED_REASONS,
    SUPERVISION_DOWNGRADE,
    SUPERVISION_FINDINGS,
    SUPERVISION_UPGRADE,
)
from kaohe_desktop.services.demo.catalog_tasks import AREA_TASKS, TASKS, TaskTemplate
from kaohe_desktop.services.demo.organization import Organization

TaskPair = tuple[TaskRecord, TaskTemplate]
SUPERVISED_SHARE = 0.8  # of the 一级 checks, those the 督查科室 has checked (二级)
UNRECORDED = 4  # pairs of today's quarter that are overdue and still not reported
BASE_TASKS = 50
MAX_TASKS = 300
ROLE_ORDER = ("office", "law", "prod", "circ", "cater", "drug", "insp", "branch", "self")


class _Picker:
    """Chooses the least-loaded department of a role, so every wall chart gets work."""

    def __init__(self, rng: random.Random, org: Organization) -> None:
        self.rng = rng
        self.by_role = org.by_role()
        self.usage = {d.name: 0 for d in org.departments}

    def base(self, role: str) -> str:
        return self.by_role[role][0]  # the bureau's own department of that role

    def pick(self, role: str, taken: list[str]) -> str | None:
        candidates = [d for d in self.by_role.get(role, ()) if d not in taken]
        if not candidates:
            return None
        least = min(self.usage[d] for d in candidates)
        return self.rng.choice([d for d in candidates if self.usage[d] == least])

    def use(self, names: list[str]) -> None:
        for name in names:
            self.usage[name] += 1


def _task_count(rng: random.Random, departments: int) -> int:
    wanted = min(MAX_TASKS, max(BASE_TASKS, departments * 5))
    return wanted + rng.randint(-3, 4) if wanted < MAX_TASKS else wanted


def build_tasks(rng: random.Random, org: Organization, year: int) -> list[TaskPair]:
    picker = _Picker(rng, org)
    count = _task_count(rng, len(org.departments))
    core = [t for t in TASKS if t.core]
    optional = [t for t in TASKS if not t.core]
    chosen = core + rng.sample(optional, min(len(optional), count - len(core)))
    # The ledger lists 重点工作 first, then 常规工作, each by the lead department.
    chosen.sort(key=lambda t: (not t.key, ROLE_ORDER.index(t.lead)))
    planned: list[tuple[TaskTemplate, str | None]] = [(t, None) for t in chosen]
    for i in range(count - len(chosen)):  # a larger system: tasks for single areas
        area = picker.pick("branch", [])
        assert area is not None
        picker.use([area])
        planned.append((AREA_TASKS[i % len(AREA_TASKS)], area))

    pairs: list[TaskPair] = []
    for seq, (template, area) in enumerate(planned, start=1):
        lead = area if template.lead == "self" else picker.base(template.lead)
        assert lead is not None
        # The lead department usually also answers for the task; sometimes it only
        # organises it and the others do the work.
        responsible = [lead] if (rng.random() < 0.85 or not template.others) else []
        roles = list(template.others)
        rng.shuffle(roles)
        for role in roles:
            if len(responsible) >= 4:
                break
            name = area if role == "self" else picker.pick(role, responsible)
            if name is not None and name not in responsible:
                responsible.append(name)
        responsible = responsible or [lead]
        picker.use(responsible)
        category = TaskCategory.KEY if template.key else TaskCategory.ROUTINE
        note = "每月25日前报送工作进度" if template.key and rng.random() < 0.3 else None
        task = TaskRecord(
            year=year,
            seq=seq,
            title=template.title.format(area=area or ""),
            category=category,
            lead_department=lead,
            responsible_departments=tuple(responsible),
            deadline=template.deadline,
            points=Decimal(template.points),
            target=template.target.format(area=area or ""),
            source=template.source,
            note=note,
        )
        pairs.append((task, template))
    return pairs


def _status(rng: random.Random, slack: float) -> CheckStatus:
    roll = rng.random()
    bad = 0.15 * slack
    if roll >= bad:
        return CheckStatus.DONE
    if roll < bad * 0.45:
        return CheckStatus.LATE
    return CheckStatus.PARTIAL if roll < bad * 0.8 else CheckStatus.MISSED


def _texts(
    rng: random.Random,
    template: TaskTemplate,
    period: Quarter | Month,
    status: CheckStatus,
    day: date,
) -> tuple[str, str | None]:
    """实际完成情况 and 佐证材料 as the lead department's clerk writes them on `day`."""
    monthly = isinstance(period, Month)
    prefix = "本月" if monthly else "本季度"
    low, high = template.n
    n = rng.randint(low, high)
    n = max(1, n // 3) if monthly else n
    done = template.actual.format(n=n, m=rng.randint(1, max(1, n // 4)))
    if status is CheckStatus.DONE:
        return f"{prefix}{done}。", template.evidence
    if status is CheckStatus.LATE:
        finished = day - timedelta(days=rng.randint(0, 3))
        reason = rng.choice(LATE_REASONS)
        text = f"{prefix}{done}；{reason}，延至{finished.month}月{finished.day}日完成。"
        return text, template.evidence
    if status is CheckStatus.PARTIAL:
        share = rng.choice((50, 60, 70, 80))
        reason = rng.choice(LATE_REASONS)
        text = f"{prefix}完成计划的{share}%，{done}；{reason}，剩余工作下期完成。"
        return text, template.evidence.split("、")[0]
    return f"{prefix}未完成。{rng.choice(MISSED_REASONS)}，已列入督办事项。", "情况说明"


def _check_day(rng: random.Random, period: Quarter | Month, due: date, status: CheckStatus) -> date:
    """Checks are summarised in the last days before a task is due or the first days
    after it; a late one only once the work is finally done."""
    if status is CheckStatus.LATE:
        return due + timedelta(days=rng.randint(8, 20))
    low, high = (-3, 5) if isinstance(period, Month) else (-5, 8)
    return max(period.start, due + timedelta(days=rng.randint(low, high)))


@dataclass(frozen=True)
class _Due:
    """One responsible department's task in one check period, due by `due`."""

    task: TaskRecord
    template: TaskTemplate
    department: str
    period: Quarter | Month
    due: date


def _due_before(pairs: list[TaskPair], today: date) -> list[_Due]:
    """Every task × responsible department × period due before `today`, in ledger order."""
    found = []
    for task, template in pairs:
        window = parse_deadline(task.deadline, task.year)
        for department in task.responsible_departments:
            for period in window.due_periods(task.category):
                due = due_by(window.due, period)
                if due < today:
                    found.append(_Due(task, template, department, period, due))
    return found


def _still_unrecorded(rng: random.Random, due: list[_Due], today: date) -> set[int]:
    """A few pairs of today's quarter, overdue and not yet reported (indexes into `due`)."""
    current = [i for i, d in enumerate(due) if _quarter_of(d.period) == _quarter_of(today)]
    return set(rng.sample(current, min(UNRECORDED, len(current))))


def _quarter_of(value: Quarter | Month | date) -> tuple[int, int]:
    if isinstance(value, Quarter):
        return value.year, value.quarter
    return value.year, (value.month - 1) // 3 + 1


def build_checks(
    rng: random.Random, org: Organization, pairs: list[TaskPair], today: date
) -> list[CheckRecord]:
    """The 一级 and 二级 checks of the year's tasks as they stand on `today`."""
    office = org.departments[0].name
    leader_codes = {p.code for p in org.leaders}
    supervisors = [p.name for p in org.members[office] if p.code not in leader_codes][:3]
    # Some departments are slower than others, so the half-year scores spread out.
    slack = {d.name: rng.uniform(0.4, 1.8) for d in org.departments}
    due = _due_before(pairs, today)
    waiting = _still_unrecorded(rng, due, today)
    checks: list[CheckRecord] = []
    for index, item in enumerate(due):
        task, period = item.task, item.period
        status = _status(rng, slack[item.department])
        day = min(today, _check_day(rng, period, item.due, status))
        actual, evidence = _texts(rng, item.template, period, status, day)
        supervised = rng.random() < SUPERVISED_SHARE
        day2 = day + timedelta(days=rng.randint(2, 6))
        note, status2 = f"{actual.rstrip('。')}{rng.choice(SUPERVISION_FINDINGS)}。", status
        change = rng.random()
        if status is CheckStatus.DONE and change < 0.05:
            note, status2 = SUPERVISION_DOWNGRADE, CheckStatus.PARTIAL
        elif status is CheckStatus.PARTIAL and change < 0.3:
            note, status2 = SUPERVISION_UPGRADE, CheckStatus.DONE
        supervisor = rng.choice(supervisors)
        if index in waiting:
            continue  # drawn like the others, so the rest of the book does not shift
        # The sheet's key without the level: one row per level below.
        record = partial(CheckRecord, task.year, task.seq, item.department, str(period))
        summariser = org.heads[task.lead_department].name
        checks.append(record(status, actual, evidence, CheckLevel.LEAD, summariser, day))
        if supervised and day2 <= today:  # 督查科室核对 most of the checks
            checks.append(record(status2, note, evidence, CheckLevel.SUPERVISION, supervisor, day2))
    return checks
