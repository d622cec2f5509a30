"""What the quarterly ranking workbook and the 平时考核结果汇总表 PDF show: plain values,
built by services.ranking_export from the quarter's GradingSheet, drawn by
reports.excel_ranking and reports.pdf_assessment_summary. Nothing here knows the
database or Qt, and nothing here decides a grade: the writers print what they get, in
the order they get it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

DRAFT_MARK = "（草稿）"
NOT_GRADED_TEXT = "不定等次"
GRADE_LABELS = ("好", "较好", "一般", "较差")


@dataclass(frozen=True)
class RankedPerson:
    """One person as a ranking row or a row of the 汇总表."""

    rank: int | None  # 排名 within the staff category; None: unscored or 不定等次
    code: str  # 编号
    name: str
    department: str  # at quarter end
    position: str  # 职务职级, "" when none
    category: str  # 人员类别
    performance: Decimal | None  # 实绩分 with 点评 (what the 综合得分 is computed from)
    comment_points: Decimal  # the 点评 included in `performance` (0 when none)
    leader: Decimal | None  # 领导测评分
    composite: Decimal | None  # 综合得分; None until both scores exist
    grade: str  # 好/较好/一般/较差, 不定等次, or "" while unscored
    remark: str  # 备注 (GradingRow.remark)


@dataclass(frozen=True)
class GradeCounts:
    """One row of the summaries: a department, or the whole bureau (合计)."""

    participants: int  # 参加考核人数: everyone but 不定等次, scored or not
    good: int
    fairly_good: int
    average: int
    poor: int
    not_graded: int  # 不定等次
    unscored: int  # participants still missing a score (only in a draft)
    # 好等次名额 / 已用 of this row's own quota scope. None where the row does not have a
    # quota of its own: a department while the bureau shares one quota (printed "—").
    quota: int | None
    used: int | None

    def by_grade(self) -> tuple[int, int, int, int]:
        """Counts in GRADE_LABELS order."""
        return (self.good, self.fairly_good, self.average, self.poor)

    def good_share(self) -> Decimal | None:
        """好 as a share of the participants, in percent with one decimal (half up)."""
        if self.participants == 0:
            return None
        share = Decimal(100 * self.good) / Decimal(self.participants)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def counts_line(self) -> str:
        """The line under a department's table: every grade counted, then the 好 share."""
        counts = zip(GRADE_LABELS, self.by_grade(), strict=True)
        parts = [f"{label} {count} 人" for label, count in counts]
        parts.append(f"{NOT_GRADED_TEXT} {self.not_graded} 人")
        if self.unscored:
            parts.append(f"尚未评分 {self.unscored} 人")
        share = self.good_share()
        tail = "无参加考核人员" if share is None else f"好等次占参加考核人数的 {share}%"
        return f"{'、'.join(parts)}；{tail}"


@dataclass(frozen=True)
class CategoryRanking:
    """One staff category's sheet: ranked people by rank then 编号, the unscored last.
    不定等次 people are not in it (the sheet is posted; their reason is private)."""

    name: str
    rows: tuple[RankedPerson, ...]


@dataclass(frozen=True)
class DepartmentSection:
    """One department of the 汇总表: everyone on its roster (不定等次 included)."""

    name: str
    people: tuple[RankedPerson, ...]
    counts: GradeCounts


@dataclass(frozen=True)
class RankingBook:
    bureau: str
    quarter: str  # "2026Q2"
    quarter_label: str  # "2026年第二季度"
    scope_label: str  # who shares the 好 quota: 全局统一 / 按科室
    per_department_quota: bool
    rules_lines: tuple[tuple[str, str], ...]  # the scheme as QuarterlyRules.describe() says it
    categories: tuple[CategoryRanking, ...]  # staff category order; only those with participants
    departments: tuple[DepartmentSection, ...]  # bureau order
    total: GradeCounts  # 合计: the bureau quota, or the sum of the departments' quotas
    draft: bool  # someone is unscored or a flag is unsettled: the titles say 草稿
    printed_on: date

    @property
    def suffix(self) -> str:
        return DRAFT_MARK if self.draft else ""

    def ranking_title(self, category: str) -> str:
        return f"{self.bureau}{self.quarter_label}平时考核排名（{category}）{self.suffix}"

    def overview_title(self) -> str:
        return f"{self.bureau}{self.quarter_label}平时考核排名汇总{self.suffix}"

    def summary_title(self) -> str:
        """The PDF's title."""
        return f"{self.bureau} {self.quarter_label} 平时考核结果汇总表{self.suffix}"

    def people(self) -> int:
        return sum(len(section.people) for section in self.departments)
