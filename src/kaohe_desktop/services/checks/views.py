"""Read models and inputs of 查账, 督办单, 整改 and 通报 (frozen, no rows, no Qt)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from kaohe_desktop.domain.check_rules import (
    CheckPeriod,
    CheckSettings,
    CompletionCounts,
    count_statuses,
)
from kaohe_desktop.domain.checks import level_rank, standing_checks
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, NoticeColor, TaskCategory


@dataclass(frozen=True)
class CheckEntryView:
    """One recorded check at one level."""

    check_id: int
    version: int
    level: CheckLevel
    status: CheckStatus
    actual: str | None
    evidence_text: str | None
    checker: str | None
    check_date: date | None
    draft: bool
    evidence_files: int = 0


def standing_entry(entries: Iterable[CheckEntryView | None]) -> CheckEntryView | None:
    """The check that stands among one pair's checks: the highest confirmed level
    (domain/checks.standing_checks; a draft never stands). The due list's `standing`,
    DueCheckRow.standing_entry and the half-year scoring all read it."""
    confirmed = ((0, e) for e in entries if e is not None and not e.draft)
    return standing_checks(confirmed).get(0)


@dataclass(frozen=True)
class DueCheckRow:
    """One task × responsible department due in the period, with its checks per level."""

    task_id: int
    seq: int
    title: str
    category: TaskCategory
    deadline: str
    points: Decimal
    lead_department: str
    department_id: int
    department: str
    due_by: date
    # Indexed by domain.checks.LEVEL_ORDER: 一级, 二级, 三级 (None = not recorded).
    levels: tuple[CheckEntryView | None, CheckEntryView | None, CheckEntryView | None]
    # The status that stands (highest confirmed level), None = 未录入.
    standing: CheckStatus | None
    overdue_unrecorded: bool
    sampled: bool = False
    notices: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[int, int]:
        return (self.task_id, self.department_id)

    def entry(self, level: CheckLevel) -> CheckEntryView | None:
        return self.levels[level_rank(level) - 1]

    @property
    def standing_entry(self) -> CheckEntryView | None:
        """The check whose status is `standing` (None = 未录入): the one a 督办单 refers
        to and the 通报 quotes. Read from `levels`, so a row a screen updates in place
        (replace(row, levels=…)) never disagrees with itself."""
        return standing_entry(self.levels)


@dataclass(frozen=True)
class SampleView:
    """The latest 三级 draw of a period."""

    id: int
    seed: str
    share_percent: int | None
    requested: int | None
    population: int
    drawn: tuple[tuple[int, int], ...]
    drawn_by: str
    drawn_at: datetime


@dataclass(frozen=True)
class DueList:
    period: CheckPeriod
    rows: tuple[DueCheckRow, ...]
    settings: CheckSettings
    closed: bool
    # The bureau's department order (names), for the 逾期未录 line.
    department_order: tuple[str, ...] = ()
    sample: SampleView | None = None

    @property
    def counts(self) -> CompletionCounts:
        """The period's standing statuses counted (None = 未录入)."""
        return count_statuses(row.standing for row in self.rows)

    @property
    def overdue_by_department(self) -> tuple[tuple[str, int], ...]:
        """Department name → number of 逾期未录 pairs, in the bureau's order."""
        overdue = Counter(row.department for row in self.rows if row.overdue_unrecorded)
        return tuple((name, overdue[name]) for name in self.department_order if overdue[name])

    def with_rows(self, fresh: Iterable[DueCheckRow]) -> DueList:
        """This list with the rows of these pairs replaced (what a write returns), so a
        screen shows its own save without reading the period again."""
        by_key = {row.key: row for row in fresh}
        if not by_key:
            return self
        return replace(self, rows=tuple(by_key.get(row.key, row) for row in self.rows))


@dataclass(frozen=True)
class CheckChange:
    """One cell or a bulk change of the grid at one level. A field left None keeps what
    is stored ("" empties a text); `clear` removes the check of that level (its other
    fields are then ignored); `confirm_draft` confirms a draft as it is (CheckService.
    set_checks says the rules)."""

    task_id: int
    department_id: int
    level: CheckLevel
    expected_version: int | None  # None: no check of this level was seen
    status: CheckStatus | None = None
    actual: str | None = None
    evidence_text: str | None = None
    checker: str | None = None
    check_date: date | None = None
    confirm_draft: bool = False
    clear: bool = False


@dataclass(frozen=True)
class EvidenceView:
    id: int
    version: int
    check_id: int
    file_name: str
    description: str | None
    sha256: str
    size_bytes: int
    media_type: str
    added_by: str
    added_at: datetime
    present: bool = True


@dataclass(frozen=True)
class RectificationView:
    id: int
    version: int
    target: str
    items: str
    deadline: date
    measures: str
    result: str | None
    verified: bool
    verified_by: str | None
    verified_on: date | None

    def overdue(self, today: date) -> bool:
        """整改 past its 时限 and not verified."""
        return not self.verified and today > self.deadline


@dataclass(frozen=True)
class NoticeTaskView:
    task_id: int
    seq: int
    title: str
    check_id: int | None


@dataclass(frozen=True)
class NoticeView:
    id: int
    version: int
    number: str
    year: int
    serial: int
    color: NoticeColor
    department_id: int
    department: str
    period: str
    issued_on: date
    deadline: date
    content: str
    deduction: Decimal | None
    closed: bool
    issued_by: str
    tasks: tuple[NoticeTaskView, ...] = ()
    rectification: RectificationView | None = None

    def rectification_overdue(self, today: date) -> bool:
        if self.closed:
            return False
        if self.rectification is None:
            return today > self.deadline
        return self.rectification.overdue(today)


@dataclass(frozen=True)
class NoticeDraft:
    """What the clerk fills in to issue a 督办单 (from checks or by hand)."""

    color: NoticeColor
    department_id: int
    period: CheckPeriod
    task_ids: tuple[int, ...]
    content: str
    deadline: date
    issued_on: date
    check_ids: tuple[int, ...] = ()
    deduction: Decimal | None = None


@dataclass(frozen=True)
class RectificationDraft:
    target: str
    items: str
    deadline: date
    measures: str
    result: str | None = None


@dataclass(frozen=True)
class BulletinView:
    id: int
    period: str
    edition: int
    doc_no: str
    title: str
    issued_on: date
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class CheckFileProblems:
    """What `check` found in the evidence store."""

    referenced: int
    missing: tuple[str, ...] = field(default_factory=tuple)
    damaged: tuple[str, ...] = field(default_factory=tuple)
    store_present: bool = True

    @property
    def ok(self) -> bool:
        return not self.missing and not self.damaged
