"""季度查账 rules: what is due in a period, who enters at which level, overdue, the
督办单 colour, the numbering of notices and bulletins, the 三级 sample (DESIGN §1, §3).

Where each rule comes from:
- routine tasks are checked per quarter and key tasks per month (夏津: 常规工作每季度
  查账，重点工作月月查账); a task is due in the periods its 完成时限 gives
  (domain/deadlines.DeadlineWindow.due_periods), per responsible department;
- three levels (一级 牵头科室汇总 → 二级 督查科室核对 → 三级 局领导抽查): which one stands
  is domain/checks.standing_checks; who enters which is `entry_levels` (ours);
- 红 / 黄 / 蓝 by urgency (霍林郭勒/天门 practice); the 红 threshold is a setting (ours);
- 督办〔2026〕第N号 and 通报〔2026〕第N期 per year, never reused (公文 practice);
- the 三级 sample is drawn with a recorded seed, so anyone can draw it again (ours).

Every number is a field of CheckSettings, kept in the data file.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from math import floor
from typing import Protocol

from kaohe_desktop.domain.deadlines import DeadlineError, parse_deadline
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, NoticeColor, TaskCategory
from kaohe_desktop.domain.periods import Month, PeriodError, Quarter, parse_check_period
from kaohe_desktop.domain.roles import Role

CheckPeriod = Quarter | Month


@dataclass(frozen=True)
class CheckSettings:
    """The bureau's 查账 settings (app_meta `check_settings`, edited by 管理员)."""

    # The department whose staff do the 二级 核对 (its name is printed on the 通报).
    supervision_department: str | None = None
    # The level a 录入员 enters at: 一级, or 二级 where the personnel office itself is
    # the 督查科室 and collects the lead departments' reports directly.
    clerk_level: CheckLevel = CheckLevel.LEAD
    max_file_mb: int = 20
    max_period_mb: int = 2000
    # Photos larger than this (longest side, pixels) are reduced on attach; 0 keeps them.
    photo_max_px: int = 2000
    # 红: a key task 未完成, or any due task overdue by more than this many days.
    red_overdue_days: int = 30
    # The default share of a period's checks drawn for the 三级 局领导抽查.
    sample_percent: int = 10
    # A 督办单's 整改时限 by default: this many days after it is issued.
    rectify_days: int = 15

    def problems(self) -> list[str]:
        """What is wrong with these settings, in Chinese (empty when fine)."""
        found = []
        if not 1 <= self.max_file_mb <= 500:
            found.append("单个附件上限应在 1–500 MB 之间")
        if not self.max_file_mb <= self.max_period_mb <= 100_000:
            found.append("每期附件总量上限应不小于单个附件上限，且不超过 100000 MB")
        if self.photo_max_px and not 600 <= self.photo_max_px <= 10_000:
            found.append("照片缩小尺寸应为 0（不缩小）或 600–10000 像素")
        if not 1 <= self.red_overdue_days <= 365:
            found.append("红色督办的逾期天数应在 1–365 之间")
        if not 1 <= self.sample_percent <= 100:
            found.append("抽查比例应在 1%–100% 之间")
        if not 1 <= self.rectify_days <= 180:
            found.append("督办单整改期限应在 1–180 天之间")
        return found


def entry_levels(role: Role, settings: CheckSettings) -> tuple[CheckLevel, ...]:
    """The levels an account may record checks at, the first its default.

    录入员 collect the departments' reports (the clerk level of the settings); 审核人
    are the 督查科室's reviewers and the leaders' spot check (二级, 三级); 管理员 may
    correct any level; 只读 record nothing."""
    if role is Role.ADMIN:
        return (settings.clerk_level, *(lv for lv in CheckLevel if lv is not settings.clerk_level))
    if role is Role.CLERK:
        return (settings.clerk_level,)
    if role is Role.REVIEWER:
        return (CheckLevel.SUPERVISION, CheckLevel.LEADERSHIP)
    return ()


def level_refusal(role: Role, level: CheckLevel, settings: CheckSettings) -> str | None:
    """Why an account of `role` may not write a check at `level` (None: it may).

    The one rule for every way a check is written: the 查账 grid (services/checks/
    check_writes), the exchange import's 查账 sheet and attaching 佐证材料 to a check.
    Whether a 三级 check needs a recorded draw is a rule of the grid alone."""
    allowed = entry_levels(role, settings)
    if level in allowed:
        return None
    if not allowed:
        return f"{role.label}账号不能录入{level.label}核查"
    levels = "、".join(lv.label for lv in allowed)
    return f"{role.label}只能录入{levels}核查，不能录入{level.label}核查"


class DueTask(Protocol):
    """What the due list needs of a task."""

    @property
    def task_id(self) -> int: ...
    @property
    def year(self) -> int: ...
    @property
    def category(self) -> TaskCategory: ...
    @property
    def deadline(self) -> str: ...
    @property
    def department_ids(self) -> Sequence[int]: ...


@dataclass(frozen=True, order=True)
class DuePair:
    """One task × responsible department due in a period, with the day it is due by."""

    task_id: int
    department_id: int
    due_by: date


def check_period_label(text: str) -> str:
    """2026Q2 → 2026年第二季度, 2026-05 → its month label; a text that is no check period
    (written into the file by hand) is shown as it is."""
    try:
        return parse_check_period(text).label()
    except PeriodError:
        return text


def is_check_period(period: CheckPeriod, category: TaskCategory) -> bool:
    """Routine tasks are checked per quarter, key tasks per month."""
    return isinstance(period, Month) == (category is TaskCategory.KEY)


def due_by(window_due: date, period: CheckPeriod) -> date:
    """The day a task due in `period` must be done by: the window's own deadline when it
    falls inside the period (6月15日前 in Q2), else the period's last day."""
    return min(window_due, period.end)


def due_pairs(tasks: Iterable[DueTask], period: CheckPeriod) -> list[DuePair]:
    """Every task × responsible department due in `period`, in task then department
    order. Tasks of another year, of the other kind (routine ↔ key) or whose 完成时限
    cannot be read are not due (the ledger shows the unreadable ones)."""
    pairs: list[DuePair] = []
    # A year's ledger says 每季度 or 每月 hundreds of times: read each window once.
    due_day: dict[str, date | None] = {}
    for task in tasks:
        if task.year != period.year or not is_check_period(period, task.category):
            continue
        if task.deadline not in due_day:
            due_day[task.deadline] = _due_day(task.deadline, period, task.category)
        by = due_day[task.deadline]
        if by is not None:
            pairs.extend(DuePair(task.task_id, d, by) for d in dict.fromkeys(task.department_ids))
    return pairs


def _due_day(deadline: str, period: CheckPeriod, category: TaskCategory) -> date | None:
    """The day a task of `category` with this 完成时限 is due by in `period` (None: not
    due there, or the window cannot be read)."""
    try:
        window = parse_deadline(deadline, period.year)
    except DeadlineError:
        return None
    return due_by(window.due, period) if period in window.due_periods(category) else None


def periods_with_due(
    tasks: Iterable[tuple[TaskCategory, str]], year: int
) -> tuple[list[Quarter], list[Month]]:
    """The quarters in which routine tasks and the months in which key tasks are due,
    given each task's category and 完成时限 (one unreadable 完成时限 is skipped)."""
    found: set[Quarter | Month] = set()
    for category, deadline in tasks:
        try:
            window = parse_deadline(deadline, year)
        except DeadlineError:
            continue
        found.update(p for p in window.due_periods(category) if is_check_period(p, category))
    quarters = sorted(p for p in found if isinstance(p, Quarter))
    months = sorted(p for p in found if isinstance(p, Month))
    return quarters, months


def is_overdue_unrecorded(pair: DuePair, recorded: bool, today: date) -> bool:
    """逾期未录: due, its day passed, and no confirmed check at any level."""
    return not recorded and today > pair.due_by


def suggested_color(
    status: CheckStatus | None,
    category: TaskCategory,
    due: date,
    today: date,
    settings: CheckSettings,
) -> NoticeColor:
    """The colour a notice issued for this check would take unless the clerk changes it.

    红: 未完成 of a key task, or due more than `red_overdue_days` ago and not done;
    黄: 部分完成, 逾期完成, or 未完成 of a routine task; 蓝: a reminder (not yet due,
    or nothing recorded and the deadline still ahead)."""
    overdue_days = (today - due).days
    unfinished = status in (None, CheckStatus.MISSED, CheckStatus.PARTIAL)
    if status is CheckStatus.MISSED and category is TaskCategory.KEY:
        return NoticeColor.RED
    if unfinished and overdue_days > settings.red_overdue_days:
        return NoticeColor.RED
    if status in (CheckStatus.PARTIAL, CheckStatus.LATE, CheckStatus.MISSED):
        return NoticeColor.YELLOW
    if status is None and overdue_days > 0:
        return NoticeColor.YELLOW
    return NoticeColor.BLUE


NOTICE_NUMBER = re.compile(r"^督办〔(\d{4})〕第(\d{1,5})号$")


def notice_number(year: int, serial: int) -> str:
    return f"督办〔{year}〕第{serial}号"


def bulletin_number(year: int, serial: int) -> str:
    return f"通报〔{year}〕第{serial}期"


def parse_notice_number(text: str) -> tuple[int, int]:
    """(year, serial) of 督办〔2026〕第3号; brackets typed as [], 【】 or () are folded."""
    folded = re.sub(r"\s+", "", str(text))
    folded = re.sub(r"[\[【(（]", "〔", re.sub(r"[\]】)）]", "〕", folded))
    match = NOTICE_NUMBER.match(folded)
    if match is None or int(match.group(2)) < 1:
        raise ValueError(f"督办单编号“{text}”应写作 督办〔2026〕第3号")
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class CompletionCounts:
    """A department's (or the bureau's) checks of one period, by standing status."""

    due: int = 0
    done: int = 0
    late: int = 0
    partial: int = 0
    missed: int = 0
    not_due: int = 0
    unrecorded: int = 0

    @property
    def rate(self) -> float | None:
        """完成率 = (已完成 + 逾期完成) ÷ (应查 − 未到期); None when nothing is due."""
        base = self.due - self.not_due
        return None if base <= 0 else (self.done + self.late) / base

    def rate_text(self) -> str:
        rate = self.rate
        return "—" if rate is None else f"{rate * 100:.1f}%"


def count_statuses(statuses: Iterable[CheckStatus | None]) -> CompletionCounts:
    """Counts of standing statuses, None meaning 未录入."""
    tally = {s: 0 for s in CheckStatus}
    due = unrecorded = 0
    for status in statuses:
        due += 1
        if status is None:
            unrecorded += 1
        else:
            tally[status] += 1
    return CompletionCounts(
        due=due,
        done=tally[CheckStatus.DONE],
        late=tally[CheckStatus.LATE],
        partial=tally[CheckStatus.PARTIAL],
        missed=tally[CheckStatus.MISSED],
        not_due=tally[CheckStatus.NOT_DUE],
        unrecorded=unrecorded,
    )


def sample_size(population: int, *, percent: int | None = None, count: int | None = None) -> int:
    """How many to draw: `count` (at most the population), or ⌊population × percent⌋
    but at least 1 when there is anything to draw."""
    if population <= 0:
        return 0
    if count is not None:
        if count < 1:
            raise ValueError("抽查数量至少为 1")
        return min(count, population)
    if percent is None or not 1 <= percent <= 100:
        raise ValueError("抽查比例应在 1%–100% 之间")
    return max(1, floor(population * percent / 100))


def draw_sample(
    population: Sequence[tuple[int, int]],
    seed: str,
    *,
    percent: int | None = None,
    count: int | None = None,
) -> list[tuple[int, int]]:
    """The (task_id, department_id) pairs drawn for the 三级 抽查, in population order.

    The population is sorted first, so the same seed over the same due list draws the
    same pairs whatever order they were read in; the seed is stored with the draw."""
    ordered = sorted(set(population))
    size = sample_size(len(ordered), percent=percent, count=count)
    chosen = set(random.Random(seed).sample(range(len(ordered)), size))
    return [pair for i, pair in enumerate(ordered) if i in chosen]
