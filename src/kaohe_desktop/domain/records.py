"""Validated records of the exchange workbook (DESIGN.md §6).

One dataclass per sheet row. They are the common currency between the workbook
reader, the demo generator, the import service and the export service: whatever
produces an `ExchangeBook` can be written to a data file by the same code path.
Departments, people and tasks are referred to by their natural keys (科室名称,
编号, 年度+序号), never by database ids.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    CommendationType,
    CommentKind,
    DepartmentKind,
    DisciplineType,
    Gender,
    NoGradeReason,
    NoticeColor,
    PersonStatus,
    PoliticalStatus,
    QuarterGrade,
    TalkKind,
    TaskCategory,
)


@dataclass(frozen=True)
class DepartmentRecord:
    name: str
    group: str | None = None
    kind: DepartmentKind | None = None
    order: int | None = None


@dataclass(frozen=True)
class PersonRecord:
    code: str
    name: str
    department: str
    category: str
    gender: Gender | None = None
    birth_date: date | None = None
    political_status: PoliticalStatus | None = None
    position: str | None = None
    key_post: bool = False
    work_start: date | None = None
    status: PersonStatus = PersonStatus.ACTIVE


@dataclass(frozen=True)
class TaskRecord:
    year: int
    seq: int
    title: str
    category: TaskCategory
    lead_department: str
    responsible_departments: tuple[str, ...]
    deadline: str
    points: Decimal
    target: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CheckRecord:
    year: int
    seq: int
    department: str
    period: str  # "2026Q2" for routine tasks, "2026-05" for key tasks
    status: CheckStatus
    actual: str | None = None
    evidence: str | None = None
    level: CheckLevel = CheckLevel.LEAD
    checker: str | None = None
    check_date: date | None = None
    # 佐证附件: the names of the files attached to the check. Exported for the reader's
    # information only: the files are not in the workbook, and the import ignores them.
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class AdjustmentRecord:
    """A row of 加减分. Deductions are negative; 一票否决 rows carry 0 points."""

    half: str  # "2026H1"
    department: str
    category: AdjustmentCategory
    points: Decimal
    reason: str
    level: CommendationLevel | None = None
    doc_no: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class AssessmentRecord:
    quarter: str  # "2026Q2"
    code: str
    performance: Decimal  # 实绩分 as entered, before 点评
    leader: Decimal  # 领导测评分
    comment_points: Decimal | None = None  # 点评加减分 entered on the row itself
    override: QuarterGrade | None = None  # only 较差 may be set directly
    override_reason: str | None = None
    no_grade_reason: NoGradeReason | None = None


@dataclass(frozen=True)
class CommentRecord:
    """A dated 点评: praise (+) or criticism (−) of one person."""

    code: str
    date: date
    kind: CommentKind
    points: Decimal
    text: str


@dataclass(frozen=True)
class RewardRecord:
    """A row of 奖惩: a commendation or a discipline, told apart by its type."""

    code: str
    date: date
    type: CommendationType | DisciplineType
    reason: str | None = None
    doc_no: str | None = None
    # `datetime.date`: inside this class `date` names the field above, not the type.
    impact_until: datetime.date | None = None  # 影响期限: the last day the record has effect


@dataclass(frozen=True)
class TalkRecord:
    code: str
    date: date
    talker: str
    kind: TalkKind | None = None
    summary: str | None = None


@dataclass(frozen=True)
class NoticeRecord:
    """A row of 督办单. Its 编号 (督办〔2026〕第3号) is the key and gives the year and
    serial. Optional values left blank keep what the file holds (None here)."""

    number: str
    color: NoticeColor
    department: str
    problem: str
    deadline: date  # 整改时限
    issued_on: date  # 下达日期
    task_year: int | None = None  # 年度 of the tasks; with task_seqs, or neither
    task_seqs: tuple[int, ...] = ()  # 序号 of the tasks ("3、7" for several)
    period: str | None = None  # "2026Q2" or "2026-05"; a new notice: 下达日期's quarter
    deduction: Decimal | None = None  # 扣分, positive; 0 takes a deduction back
    closed: bool | None = None  # 状态: 已办结 True, 整改中 False


@dataclass(frozen=True)
class RectificationRecord:
    """A row of 整改: the rectification of one 督办单 (at most one per notice)."""

    notice: str  # 督办单编号
    target: str | None = None
    items: str | None = None
    deadline: date | None = None
    measures: str | None = None
    result: str | None = None
    verified_by: str | None = None
    verified_on: date | None = None


@dataclass
class ExchangeBook:
    """Everything one exchange workbook holds, in sheet order."""

    departments: list[DepartmentRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    checks: list[CheckRecord] = field(default_factory=list)
    adjustments: list[AdjustmentRecord] = field(default_factory=list)
    assessments: list[AssessmentRecord] = field(default_factory=list)
    comments: list[CommentRecord] = field(default_factory=list)
    rewards: list[RewardRecord] = field(default_factory=list)
    talks: list[TalkRecord] = field(default_factory=list)
    notices: list[NoticeRecord] = field(default_factory=list)
    rectifications: list[RectificationRecord] = field(default_factory=list)
    bureau_name: str | None = None
    staff_categories: list[str] = field(default_factory=list)
    # Excel row number of each record, per sheet name, when the book was read from a
    # file: lets checks made later (against the database) still name the row.
    source_rows: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    def row_of(self, sheet: str, index: int) -> int | None:
        rows = self.source_rows.get(sheet)
        return rows[index] if rows and index < len(rows) else None

    def counts(self) -> dict[str, int]:
        return {
            "科室": len(self.departments),
            "人员": len(self.people),
            "台账": len(self.tasks),
            "查账": len(self.checks),
            "加减分": len(self.adjustments),
            "平时考核": len(self.assessments),
            "点评": len(self.comments),
            "奖惩": len(self.rewards),
            "谈心谈话": len(self.talks),
            "督办单": len(self.notices),
            "整改": len(self.rectifications),
        }


@dataclass(frozen=True)
class CellError:
    """One problem in a workbook, located the way a clerk finds it in Excel."""

    sheet: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [f"工作表“{self.sheet}”"]
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"“{self.column}”列")
        return f"{' '.join(where)}：{self.reason}"


DEFAULT_STAFF_CATEGORIES = ("四级调研员及以上", "机关正科级", "派出机构科级", "一般公务员")
