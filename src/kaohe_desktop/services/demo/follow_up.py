"""The demo's years after the import, made through the services on the demo's calendar.

The book brings the 一级 and 二级 checks through the exchange import, as a clerk's
workbook would. What only the services make comes after it, each step on the day a
clerk would have taken it (the services read that day from a clock the follow-up moves
forward), so it passes the same rules and takes the same numbers as the real thing:

- first, the department history the workbook cannot carry (services/demo/history);
- per ended quarter: the 局领导 draw (recorded) and their 三级 checks on the drawn
  pairs, which confirm what stands; a 督办单 for the worst key-task check and one for
  the worst routine check, each with its 整改; the quarter's 通报; then the 整改
  results verified, except this year's last quarter's routine one, left overdue; then
  the quarter's 平时考核 closed (services/demo/year_end);
- after this year's second quarter, with the first half's 督办单 deductions in: the
  扣分 that brings two departments of one group to equal totals across a quota line,
  which the 考核委员会 decides (half_year_tie) before the half closes; every half
  ended before today's closes;
- an earlier year ends with its 年度考核 decided and the year closed (year_end);
- in today's quarter: a 督办单 for a pair still unrecorded after its day, and a 蓝色
  reminder for a task due at the end of the year, both with their 整改 under way.

Nothing happens after the demo's today (`as_of`, held by the clock): a step whose day
falls later — a quarter that ended days before today — is taken on today, so whatever
has ended is done by then, and the file holds no time after it (the audit log's
included: `stamped_by`).

The draw's seed is the service's own (random, stored with the draw), so which pairs
carry a 三级 check differs from one file to the next; because the leaders confirm the
status that stands, every status, notice and bulletin count is the same each time.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Protocol

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.checks import SEVERITY_ORDER
from kaohe_desktop.domain.enums import (
    CheckLevel,
    CheckStatus,
    NoticeColor,
    PersonStatus,
    TaskCategory,
)
from kaohe_desktop.domain.notice_rules import period_words
from kaohe_desktop.domain.periods import Quarter, Year
from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.services.access.leases import LeaseService
from kaohe_desktop.services.archive.annual import AnnualService
from kaohe_desktop.services.checks.bulletins import BulletinService
from kaohe_desktop.services.checks.entry import CheckService
from kaohe_desktop.services.checks.notices import NoticeService
from kaohe_desktop.services.checks.views import (
    CheckChange,
    DueCheckRow,
    NoticeView,
    RectificationDraft,
)
from kaohe_desktop.services.demo._common import DEFAULT_SEED
from kaohe_desktop.services.demo.catalog_notices import LEADERSHIP_NOTES, RECTIFICATIONS
from kaohe_desktop.services.demo.catalog_people import LEADER_POSITIONS
from kaohe_desktop.services.demo.half_year_tie import make_a_tie, settle_tie
from kaohe_desktop.services.demo.history import write_history
from kaohe_desktop.services.demo.moves import planned_moves
from kaohe_desktop.services.demo.year_end import close_half, close_quarter, finish_year
from kaohe_desktop.services.files.periods import PeriodService
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading
from kaohe_desktop.services.scoring.half_year_scoring import HalfYearScoringService
from kaohe_desktop.storage.database import OpenedFile

# Days after a quarter's end on which each step is taken.
HAND_IN_AFTER = 5  # the departments' 平时考核 scores are entered
DRAW_AFTER = 10  # 局领导 draw the sample
SPOT_CHECK_AFTER = 12  # and record their 三级 checks
ISSUE_AFTER = 15  # 督办单 go out (整改时限: the settings' rectify_days later)
PLAN_AFTER = 17  # the departments hand in their 整改 plans
BULLETIN_AFTER = 20  # the 通报
VERIFY_AFTER = 27  # the 督查科室 verifies the results, before the 整改时限
SCORE_AFTER = 28  # after the second quarter: the 人事科 enters the first half's last 扣分
COMMITTEE_AFTER = 32  # the 考核委员会 decides the half's tie (after the quarter's close)
# In today's quarter: days before today.
CHASE_BEFORE = 10  # a 督办单 for a pair still unrecorded
REMIND_BEFORE = 2  # a 蓝色 reminder of a task due at the end of the year
RED_DEDUCTION = Decimal(5)
YELLOW_DEDUCTION = Decimal(2)
PROGRESS = "正在生成演示数据（局领导抽查、督办单、通报、结账、年度考核）"


class CheckDesk(Protocol):
    """The services the follow-up works through: a Workspace on the demo's clock."""

    opened: OpenedFile

    # Read-only: a Workspace builds each service at first use (services/workspace_services).
    @property
    def checks(self) -> CheckService: ...
    @property
    def notices(self) -> NoticeService: ...
    @property
    def bulletins(self) -> BulletinService: ...
    @property
    def leases(self) -> LeaseService: ...
    @property
    def scoring(self) -> HalfYearScoringService: ...
    @property
    def periods(self) -> PeriodService: ...
    @property
    def grading(self) -> QuarterlyGrading: ...
    @property
    def annual(self) -> AnnualService: ...
    @property
    def account(self) -> str: ...


class DemoClock:
    """The time the services read; the follow-up sets the day of each step, never past
    `as_of` (the demo's today): a step due later is taken on as_of."""

    def __init__(self, as_of: date, day: date | None = None) -> None:
        self.as_of = as_of
        self.now = datetime.combine(min(day or as_of, as_of), time(9, 30))

    def __call__(self) -> datetime:
        return self.now

    def set(self, day: date) -> date:
        day = min(day, self.as_of)
        self.now = datetime.combine(day, time(9, 30))
        return day


@dataclass(frozen=True)
class _Cast:
    office: str  # the 督查科室
    leaders: tuple[str, ...]  # who draw and record the 三级 checks
    verifier: str  # who verifies the 整改 results
    doc_prefix: str  # of the bureau's own documents: 夏食药监发

    @classmethod
    def of(cls, book: ExchangeBook) -> _Cast:
        office = book.departments[0].name
        leaders = tuple(p.name for p in book.people if p.position in LEADER_POSITIONS)
        staff = [
            p.name
            for p in book.people
            if p.department == office and p.position not in LEADER_POSITIONS
        ]
        county = (book.bureau_name or "").strip()[:1] or "夏"  # as the generator's 文号
        return cls(office, leaders, staff[0] if staff else leaders[0], f"{county}食药监发")


def follow_up_year(
    desk: CheckDesk,
    clock: DemoClock,
    book: ExchangeBook,
    *,
    seed: int = DEFAULT_SEED,
    progress: ProgressReporter = SILENT,
    closes: bool = True,
    hand_in: Callable[[Quarter], None] | None = None,
) -> None:
    """Add the book's years' department history, draws, 三级 checks, 督办单, 整改,
    通报, closes and 年度考核 to a file `book` (generate_demo_book's, as of the clock's
    as_of) was imported into, leaving the clock at as_of.
    Without `closes`, nothing is closed nor decided (a clean slate for tests of closing).
    `hand_in(quarter)` enters a quarter's 平时考核: HAND_IN_AFTER days after each ended
    quarter, and today's part on today."""
    today = clock.as_of
    years = sorted({task.year for task in book.tasks})
    cast = _Cast.of(book)
    clock.set(date(years[0], 1, 4))
    write_history(desk, planned_moves(book, today, seed))
    settings = desk.checks.settings()
    desk.checks.save_settings(replace(settings, supervision_department=cast.office))
    ended = [q for year in years for q in Year(year).quarters() if q.end < today]
    seconded = {p.code for p in book.people if p.status is PersonStatus.SECONDED}
    # One stream a year, through its quarters and on to today's quarter.
    rngs = {year: random.Random(f"{seed}/督办/{year}") for year in years}
    for index, quarter in enumerate(ended):
        progress.report(index, len(ended) + 1, PROGRESS)
        rng = rngs[quarter.year]
        this_year = quarter.year == today.year
        if hand_in is not None:
            clock.set(quarter.end + timedelta(days=HAND_IN_AFTER))
            hand_in(quarter)
        _follow_up_quarter(desk, clock, rng, cast, quarter, last=quarter == ended[-1])
        if this_year and quarter.quarter == 2:  # the first half's 督办单 deductions stand
            clock.set(quarter.end + timedelta(days=SCORE_AFTER))
            make_a_tie(desk, quarter.half, cast.doc_prefix)
        if not closes:
            continue
        close_quarter(desk, clock, quarter)
        if quarter.quarter in (2, 4):  # the half has ended before today's
            # The committee decides any tie first: this year's, made above, or one the
            # draws happened to give an earlier half.
            clock.set(quarter.end + timedelta(days=COMMITTEE_AFTER))
            settle_tie(desk, quarter.half)
            close_half(desk, clock, quarter.half)
        if not this_year and quarter.quarter == 4:
            finish_year(desk, clock, quarter.year, seconded)
    progress.report(len(ended), len(ended) + 1, PROGRESS)
    rng = rngs.get(today.year) or random.Random(f"{seed}/督办/{today.year}")
    current = Quarter.containing(today)
    _chase_unrecorded(desk, clock, rng, current, today)
    _remind(desk, clock, rng, current, today)
    clock.set(today)
    if hand_in is not None:
        hand_in(current)  # what the departments have handed in so far


def _follow_up_quarter(
    desk: CheckDesk, clock: DemoClock, rng: random.Random, cast: _Cast, quarter: Quarter,
    *, last: bool,
) -> None:  # fmt: skip
    """The quarter's draw and 三级 checks, its 督办单 with their 整改, its 通报, and the
    整改 verified (the last ended quarter's routine one left overdue)."""
    # Read once: the 三级 checks confirm the statuses, so the rows still tell what
    # stands after them.
    rows = desk.checks.due_list(quarter).rows
    _spot_check(desk, clock, rng, cast, quarter, rows)
    worst = _worst(desk, rng, quarter, rows)
    # All the quarter's 督办单 go out on one day, their 整改 plans come in on a later
    # one: the log's times never run backwards.
    sent = [_issue(desk, clock, rng, period, row) for period, row in worst]
    clock.set(quarter.end + timedelta(days=PLAN_AFTER))
    issued = [(_plan(desk, notice, row), row) for notice, row in sent]
    clock.set(quarter.end + timedelta(days=BULLETIN_AFTER))
    desk.bulletins.generate(quarter)
    clock.set(quarter.end + timedelta(days=VERIFY_AFTER))
    for notice, row in issued:
        if not (last and row.category is TaskCategory.ROUTINE):
            _verify(desk, cast, clock.now.date(), notice, row)


def _spot_check(
    desk: CheckDesk,
    clock: DemoClock,
    rng: random.Random,
    cast: _Cast,
    quarter: Quarter,
    rows: Sequence[DueCheckRow],
) -> None:
    """The 局领导抽查 of a quarter: the draw, then a 三级 check on every drawn pair."""
    clock.set(quarter.end + timedelta(days=DRAW_AFTER))
    sample = desk.checks.draw_sample(quarter)
    day = clock.set(quarter.end + timedelta(days=SPOT_CHECK_AFTER))
    by_key = {row.key: row for row in rows}
    changes = []
    for key in sample.drawn:
        row = by_key[key]
        note = rng.choice(LEADERSHIP_NOTES).format(n=rng.randint(2, 5))
        changes.append(
            CheckChange(
                row.task_id, row.department_id, CheckLevel.LEADERSHIP, None,
                status=row.standing, actual=note, checker=rng.choice(cast.leaders),
                check_date=day,
            )
        )  # fmt: skip
    departments = sorted({department for _task, department in sample.drawn})
    leases = [desk.checks.acquire_lease(quarter, department) for department in departments]
    try:
        desk.checks.set_checks(quarter, changes, leases)
    finally:
        for lease in leases:
            desk.leases.release(lease)


def _worst(
    desk: CheckDesk, rng: random.Random, quarter: Quarter, rows: Sequence[DueCheckRow]
) -> list[tuple[CheckPeriod, DueCheckRow]]:
    """The quarter's worst key-task check and worst routine check, of two departments
    (two routine ones when no key task went wrong): what the 督办单 go out for."""
    bad = (CheckStatus.MISSED, CheckStatus.PARTIAL, CheckStatus.LATE)
    listed: list[tuple[CheckPeriod, Sequence[DueCheckRow]]] = [(quarter, rows)]
    listed += [(month, desk.checks.due_list(month).rows) for month in quarter.months()]
    candidates = []
    for period, period_rows in listed:
        for row in period_rows:
            if row.standing in bad:
                rank = SEVERITY_ORDER.index(row.standing)
                candidates.append((rank, rng.random(), period, row))
    candidates.sort(key=lambda c: (c[0], c[1]))
    key = next((c for c in candidates if c[3].category is TaskCategory.KEY), None)
    chosen = [key] if key is not None else []
    for candidate in candidates:
        taken = {c[3].department_id for c in chosen}
        if (
            candidate[3].category is TaskCategory.ROUTINE
            and candidate[3].department_id not in taken
        ):
            chosen.append(candidate)
            if len(chosen) == 2:
                break
    return [(period, row) for _rank, _tie, period, row in chosen]


def _standing_check_id(row: DueCheckRow) -> int:
    entry = row.standing_entry
    assert entry is not None, "the demo issues notices on recorded checks only"
    return entry.check_id


def _issue(
    desk: CheckDesk, clock: DemoClock, rng: random.Random, period: CheckPeriod, row: DueCheckRow
) -> tuple[NoticeView, DueCheckRow]:
    """A 督办单 from the check as the page suggests it (its 整改 plan: _plan)."""
    quarter = period if isinstance(period, Quarter) else period.quarter
    clock.set(quarter.end + timedelta(days=ISSUE_AFTER))
    draft = desk.notices.suggest(period, [_standing_check_id(row)])
    if draft.color is NoticeColor.RED:
        deduction: Decimal | None = RED_DEDUCTION
    else:
        deduction = YELLOW_DEDUCTION if rng.random() < 0.35 else None
    return desk.notices.issue(replace(draft, deduction=deduction)), row


def _plan(desk: CheckDesk, notice: NoticeView, row: DueCheckRow) -> NoticeView:
    text = RECTIFICATIONS[row.standing]
    plan = RectificationDraft(
        text.target.format(title=row.title), text.items, notice.deadline, text.measures
    )
    return desk.notices.set_rectification(notice.id, plan, None)


def _verify(desk: CheckDesk, cast: _Cast, day: date, notice: NoticeView, row: DueCheckRow) -> None:
    """The department reports its 整改 result; the 督查科室 verifies it, closing the notice."""
    held = notice.rectification
    assert held is not None  # planned when issued
    text = RECTIFICATIONS[row.standing]
    done = RectificationDraft(held.target, held.items, held.deadline, held.measures, text.result)
    notice = desk.notices.set_rectification(notice.id, done, held.version)
    assert notice.rectification is not None
    desk.notices.verify_rectification(notice.id, notice.rectification.version, cast.verifier, day)


def _chase_unrecorded(
    desk: CheckDesk, clock: DemoClock, rng: random.Random, current: Quarter, today: date
) -> None:
    """A 督办单 for one of today's quarter's pairs still unrecorded after its day."""
    day = clock.set(today - timedelta(days=CHASE_BEFORE))
    periods: list[CheckPeriod] = [current, *current.months()]
    overdue = [
        (period, row)
        for period in periods
        for row in desk.checks.due_list(period).rows
        if row.overdue_unrecorded and row.due_by < day
    ]
    if not overdue:
        return
    period, row = rng.choice(overdue)
    draft = desk.notices.suggest(period, unrecorded=[row.key])
    _plan(desk, desk.notices.issue(draft), row)


def _remind(
    desk: CheckDesk, clock: DemoClock, rng: random.Random, current: Quarter, today: date
) -> None:
    """A 蓝色 reminder, shortly before the year's end, of a routine task not yet reported."""
    clock.set(today - timedelta(days=REMIND_BEFORE))
    ahead = [row for row in desk.checks.due_list(current).rows if row.standing is None]
    ahead = [row for row in ahead if not row.overdue_unrecorded]
    if not ahead:
        return
    row = rng.choice(ahead)
    draft = desk.notices.suggest(current, unrecorded=[row.key])
    content = (
        f"第{row.seq}项“{row.title}”：{period_words(current)}工作将于{row.due_by.month}月"
        f"{row.due_by.day}日到期，目前尚未报送完成情况，请抓紧推进，按时完成并报送佐证材料。"
    )
    notice = desk.notices.issue(replace(draft, color=NoticeColor.BLUE, content=content))
    _plan(desk, notice, row)
