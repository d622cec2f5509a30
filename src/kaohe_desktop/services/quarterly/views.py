"""What the 季度考核 screens, the ranking workbook and the 汇总表 read: one quarter's
roster with its entries and the engine's outcome per person."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from kaohe_desktop.domain.enums import CommentKind, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Flag, GradeStatus, Grading, Outcome, QuotaCount
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules

BUREAU_SCOPE_LABEL = "全局"


class ScoreField(StrEnum):
    PERFORMANCE = "performance"  # 实绩分 as entered
    LEADER = "leader"  # 领导测评分

    @property
    def label(self) -> str:
        return "实绩分" if self is ScoreField.PERFORMANCE else "领导测评分"


@dataclass(frozen=True)
class ScoreChange:
    """One cell the clerk typed or pasted; value None clears it."""

    person_id: int
    field: ScoreField
    value: Decimal | None
    expected_version: int | None  # the row's version as shown; None: no row was shown


@dataclass(frozen=True)
class RosterMove:
    """A department change inside the quarter."""

    on: date
    from_department: str
    to_department: str

    def describe(self) -> str:
        return f"{self.on.month}月{self.on.day}日由{self.from_department}调入"


@dataclass(frozen=True)
class CommentView:
    id: int
    version: int
    person_id: int
    day: date
    kind: CommentKind
    points: Decimal
    text: str


class GradingRow(NamedTuple):
    """One person's row of the quarter. A NamedTuple, not a frozen dataclass like the
    other read models (immutable all the same): 10,000 are made for a county quarter,
    and a frozen dataclass's field-by-field __init__ took 35 ms of it (issue 16)."""

    person_id: int
    code: str
    name: str
    position: str | None  # 职务职级
    department_id: int  # at quarter end
    department: str
    category: str  # 人员类别
    moves: tuple[RosterMove, ...]  # inside the quarter, oldest first
    assessment_id: int | None  # None: nothing entered for this person yet
    version: int | None
    performance: Decimal | None  # 实绩分 as entered, before 点评
    leader: Decimal | None  # 领导测评分
    row_comment_points: Decimal | None  # 点评加减分 entered on the row itself (workbook)
    comment_points: Decimal  # Σ 点评 of the quarter + row_comment_points
    comment_count: int  # 点评 records dated inside the quarter
    override: QuarterGrade | None
    override_reason: str | None
    no_grade_reason: NoGradeReason | None
    outcome: Outcome

    @property
    def performance_total(self) -> Decimal | None:
        return self.outcome.performance_total

    @property
    def composite(self) -> Decimal | None:
        return self.outcome.composite

    @property
    def grade(self) -> QuarterGrade | None:
        return self.outcome.grade

    @property
    def rank(self) -> int | None:
        """类别内排名: within the person's 人员类别."""
        return self.outcome.rank

    @property
    def overall_rank(self) -> int | None:
        """全局排名: over everyone scored in the quarter, by the same order and ties."""
        return self.outcome.overall_rank

    @property
    def flag(self) -> Flag | None:
        return self.outcome.flag

    @property
    def awaiting_score(self) -> bool:
        return self.outcome.status is GradeStatus.UNSCORED

    def missing_scores(self) -> list[str]:
        """The score labels still empty (实绩分, 领导测评分)."""
        entered = ((ScoreField.PERFORMANCE, self.performance), (ScoreField.LEADER, self.leader))
        return [field.label for field, value in entered if value is None]

    @property
    def grade_text(self) -> str:
        """等次 as printed: 好/较好/一般/较差, 不定等次, or empty while unscored."""
        if self.no_grade_reason is not None:
            return "不定等次"
        return self.grade.label if self.grade is not None else ""

    def remark(self) -> str:
        """备注 as the workbook, the PDF and the grid print it (Chinese, one place)."""
        parts = []
        if self.no_grade_reason is not None:
            parts.append(f"不定等次（{self.no_grade_reason.label}）")
        if self.outcome.overridden and self.override is not None:
            reason = f"：{self.override_reason}" if self.override_reason else ""
            parts.append(f"人工定为{self.override.label}{reason}")
        if self.flag is not None:
            parts.append(self.flag.label)
        parts.extend(move.describe() for move in self.moves)
        return "；".join(parts)


@dataclass(frozen=True)
class RowChanges:
    """Which rows of a sheet differ from the sheet it was made from, when a write of
    this workstation changed only some people (issue 16): the grid updates those rows
    and leaves the rest. `base` is weak, so a run of edits does not keep every earlier
    sheet alive; a grid showing another sheet (or none) reads the whole sheet again."""

    base: weakref.ref[GradingSheet]
    positions: tuple[int, ...]  # indexes into GradingSheet.rows, ascending

    def since(self, shown: GradingSheet | None) -> tuple[int, ...] | None:
        """The changed positions, if `shown` is the sheet this one was made from."""
        return self.positions if shown is not None and self.base() is shown else None


@dataclass(frozen=True)
class GradingSheet:
    quarter: Quarter
    bureau: str
    rules: QuarterlyRules
    rules_frozen: bool  # the quarter has its own scheme row (grading has started)
    rows: tuple[GradingRow, ...]  # department order, then 编号
    grading: Grading
    closed: bool  # locked by its own close or by a closed half year / year
    departments: tuple[tuple[int, str], ...]  # (id, name) of the roster, in bureau order
    categories: tuple[str, ...]  # staff categories in their order (all of them)
    # Not part of the value: two sheets of the same quarter are equal whether made whole
    # or by changing some rows of an earlier one.
    changes: RowChanges | None = field(default=None, compare=False, repr=False)

    def row(self, person_id: int) -> GradingRow:
        return next(r for r in self.rows if r.person_id == person_id)

    def quota_for(self, row: GradingRow) -> QuotaCount:
        return self.grading.quota_for(row.department_id)

    def quota_lines(self) -> list[tuple[str, QuotaCount]]:
        """(scope label, count): one line for the bureau, or one per department."""
        names = dict(self.departments)
        return [
            (BUREAU_SCOPE_LABEL if q.department_id is None else names.get(q.department_id, ""), q)
            for q in self.grading.quotas
        ]

    def blocking_rows(self) -> list[GradingRow]:
        """The people who keep the quarter from being closed: unscored or flagged."""
        return [r for r in self.rows if r.awaiting_score or r.flag is not None]

    def blockers(self) -> list[str]:
        """Why the quarter cannot be closed yet, one Chinese line per person."""
        lines = []
        for r in self.blocking_rows():
            if r.awaiting_score:
                missing = "、".join(r.missing_scores())
                lines.append(f"{r.department} {r.name}（{r.code}）：尚未录入{missing}")
            elif r.flag is not None:
                lines.append(f"{r.department} {r.name}（{r.code}）：{r.flag.label}")
        return lines
