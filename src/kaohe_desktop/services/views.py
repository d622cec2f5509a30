"""Read models handed to the screens: plain, immutable, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kaohe_desktop.domain.enums import AdjustmentCategory, CheckStatus, TaskCategory


@dataclass(frozen=True)
class TaskView:
    id: int
    year: int
    seq: int
    title: str
    target: str | None
    category: TaskCategory
    lead_department: str
    responsible_departments: tuple[str, ...]
    deadline: str
    due_periods: str  # the deadline shown back as periods, e.g. "第二季度"
    points: Decimal
    source: str | None
    note: str | None
    checks_recorded: int  # first-level checks recorded so far
    checks_expected: int  # responsible departments × due periods
    worst_status: CheckStatus | None  # the worst first-level status recorded
    version: int = 0  # the row's version: a delete (or an undo) names the one it saw


@dataclass(frozen=True)
class AssessmentView:
    person_id: int
    code: str
    name: str
    department: str
    category: str
    performance: Decimal | None  # 实绩分 as entered
    comment_points: Decimal  # 点评 of the quarter plus any entered on the row
    leader: Decimal | None
    composite: Decimal | None  # 综合得分 by the quarter's rules, None until both scores exist
    no_grade_reason: str | None
    override: str | None

    @property
    def awaiting_score(self) -> bool:
        """Still to be scored this quarter: no 综合得分 yet, and not 不定等次."""
        return self.composite is None and self.no_grade_reason is None


@dataclass(frozen=True)
class AdjustmentView:
    id: int
    half: str
    department: str
    group: str | None
    category: AdjustmentCategory
    points: Decimal
    level: str | None  # 国家级 … 县直部门, as the clerk reads it
    reason: str
    doc_no: str | None
    date: date | None


@dataclass(frozen=True)
class DepartmentHalfView:
    """Per department, the half's recorded adjustments summed by category."""

    department: str
    group: str | None
    business: Decimal
    integrity: Decimal
    civility: Decimal
    attendance: Decimal
    bonus: Decimal
    vetoed: bool
    missed_checks: int  # first-level checks of the half with status 未完成
    late_or_partial: int


@dataclass(frozen=True)
class PersonView:
    id: int
    code: str
    name: str
    gender: str | None
    birth_date: date | None
    political_status: str | None
    department: str
    position: str | None
    category: str
    key_post: bool
    work_start: date | None
    status: str


@dataclass(frozen=True)
class ArchiveEntry:
    """One line of a person's archive: a dated event of any kind."""

    date: date | None
    kind: str  # 平时考核 / 奖励 / 处分 / 谈心谈话 / 点评
    summary: str
    detail: str | None


@dataclass(frozen=True)
class DataFileCheck:
    """Result of the full check of a data file (the `kaohe check` report)."""

    ok: bool
    integrity: tuple[str, ...]  # ("ok",) when sound
    identity_ok: bool  # application_id says this is our file
    schema_version: int
    chain_ok: bool
    chain_text: str  # the audit chain's verdict in Chinese, naming the first broken row


@dataclass(frozen=True)
class BureauSummary:
    bureau_name: str
    departments: int
    people: int
    years: tuple[int, ...]  # years that have any data, newest first
