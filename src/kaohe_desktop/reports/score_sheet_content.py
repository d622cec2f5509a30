"""What the 半年考核 score workbook and the 科室半年考核得分汇总表 PDF show: plain values
made from the engine's HalfYearScoring (domain/half_year_scoring.py) by `score_sheet`,
drawn by reports.excel_scores and reports.pdf_score_sheet. Nothing here knows the
database or Qt, and nothing here scores: the writers print what the engine decided.

The 明细 lines carry, per department and scored category, a 满分 line (the category's
maximum) before the category's sources, so the 分值 of a department's lines add up to
its 总分, and those of one category to that category's score (DESIGN §4: nothing in a
total is without a source).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kaohe_desktop.domain.enums import AdjustmentCategory
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES
from kaohe_desktop.domain.half_year_scoring import (
    DepartmentResult,
    HalfYearScoring,
    PointSource,
    SourceKind,
)
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.quarterly_rules import percent

DRAFT_MARK = "（草稿）"
YES, NO = "是", "否"
BASE_SOURCE = "满分"  # the 来源 of a category's starting line in 明细
NOT_RECORDED = "未录入"
NO_GROUP = "未分组"
# The order of the categories in 明细: the four scored ones, then 表彰加分 (and the cap).
DETAIL_CATEGORIES = (*SCORED_CATEGORIES, AdjustmentCategory.BONUS)


def yes_no(value: bool) -> str:
    return YES if value else NO


@dataclass(frozen=True)
class ScoreRow:
    """One department's line of 科室得分 and of the PDF's table."""

    department: str
    group: str  # 组别, "" when none
    rank_overall: int  # 排名 (bureau-wide; equal totals share a rank)
    rank_in_group: int
    categories: tuple[Decimal, ...]  # in SCORED_CATEGORIES order, each ≥ 0
    bonus: Decimal  # after the cap
    deductions_total: Decimal  # 扣分合计
    vetoed: bool
    total: Decimal
    grade: str  # 优秀/良好/一般/较差
    advanced: bool  # 先进科室
    flagged: bool  # equal totals straddling a quota line, not settled
    decided: bool  # grade set by the committee
    missing: int  # due periods with no confirmed check (counted 未完成)

    @property
    def remark(self) -> str:
        """备注 of the PDF: why the grade is what it is, where that is not plain."""
        parts = []
        if self.vetoed:
            parts.append("一票否决")
        if self.flagged:
            parts.append("并列跨名额线，待裁定")
        if self.decided:
            parts.append("委员会裁定")
        if self.missing:
            parts.append(f"{self.missing} 项未录入")
        return "；".join(parts)


@dataclass(frozen=True)
class SourceLine:
    """One line of 明细: a source of a department's points (or a category's 满分)."""

    department: str
    category: str  # 类别
    source: str  # 来源: 满分, 查账, 加减分, 督办单, 表彰, 扣完为止, 加分上限
    subject: str  # 任务或事由
    period: str  # 期间 ("2026Q2", "2026-05") or the date of an adjustment
    status: str  # 完成情况 of a check (with its level and the share deducted)
    points: Decimal  # signed effect on the total; 0 when not counted
    doc_no: str  # 依据文号
    note: str  # 备注: why a line is not counted, or what it stands for
    counted: bool


@dataclass(frozen=True)
class GroupSection:
    """The departments of one 组别, by their rank in it (the PDF's table by group)."""

    name: str  # "" when none
    rows: tuple[ScoreRow, ...]

    @property
    def heading(self) -> str:
        return self.name or NO_GROUP


@dataclass(frozen=True)
class ScoreSheet:
    bureau: str
    half: str  # "2026H1"
    half_label: str  # "2026年上半年"
    base: Decimal  # 满分 (1000 by default)
    category_labels: tuple[str, ...]  # 业务工作, 党风廉政, 精神文明, 考勤
    rows: tuple[ScoreRow, ...]  # by 排名, then the bureau's order
    groups: tuple[GroupSection, ...]  # groups in the order they first appear in the bureau
    sources: tuple[SourceLine, ...]  # departments in the bureau's order
    rules_lines: tuple[tuple[str, str], ...]  # HalfYearRules.describe()
    grade_lines: tuple[tuple[str, Decimal], ...]  # ("优秀线", 900), … for the chart
    draft_reasons: tuple[str, ...]  # why the half cannot be closed yet; () when it can
    closed: bool  # the half is closed and these are its stored results
    printed_on: date

    @property
    def draft(self) -> bool:
        return bool(self.draft_reasons)

    @property
    def suffix(self) -> str:
        return DRAFT_MARK if self.draft else ""

    def workbook_title(self) -> str:
        return f"{self.bureau}{self.half_label}科室考核得分{self.suffix}"

    def detail_title(self) -> str:
        return f"{self.bureau}{self.half_label}科室考核得分明细{self.suffix}"

    def pdf_title(self) -> str:
        return f"{self.bureau} {self.half_label} 科室半年考核得分汇总表{self.suffix}"

    def state_line(self) -> str:
        """What the figures are: final (closed), complete but still open, or a draft."""
        if self.closed:
            return f"{self.half_label}已关闭，以下为关闭时保存的结果。"
        if self.draft:
            return "草稿：" + "；".join(self.draft_reasons) + "。"
        return f"{self.half_label}尚未关闭，结果在关闭前仍可能变化。"


def score_sheet(
    scoring: HalfYearScoring,
    *,
    bureau: str,
    half: HalfYear,
    printed_on: date,
    closed: bool = False,
) -> ScoreSheet:
    """The printed content of `scoring` (results in the bureau's order, as the engine
    keeps its input order)."""
    order = {result.department_id: index for index, result in enumerate(scoring.results)}
    rows = {result.department_id: _row(result) for result in scoring.results}
    by_rank = sorted(scoring.results, key=lambda r: (r.rank_overall, order[r.department_id]))
    return ScoreSheet(
        bureau=bureau,
        half=str(half),
        half_label=half.label(),
        base=scoring.rules.base,
        category_labels=tuple(c.label for c in SCORED_CATEGORIES),
        rows=tuple(rows[r.department_id] for r in by_rank),
        groups=_groups(scoring, rows, order),
        sources=tuple(line for r in scoring.results for line in _lines(r, scoring)),
        rules_lines=tuple(scoring.rules.describe()),
        grade_lines=(
            ("优秀线", scoring.rules.excellent_min),
            ("良好线", scoring.rules.good_min),
            ("较差线", scoring.rules.poor_below),
        ),
        draft_reasons=() if closed else draft_reasons(scoring),
        closed=closed,
        printed_on=printed_on,
    )


def draft_reasons(scoring: HalfYearScoring) -> tuple[str, ...]:
    """Why the half cannot be closed, in counts and names (empty when it can)."""
    reasons = []
    missing = scoring.missing()
    if missing:
        departments = len({result.department_id for result, _check in missing})
        reasons.append(
            f"尚有 {len(missing)} 个应查期间未录入查账结果（涉及 {departments} 个科室），"
            "暂按未完成扣分"
        )
    flagged = scoring.flagged()
    if flagged:
        names = "、".join(result.name for result in flagged)
        reasons.append(f"{names}总分相同且跨越等次名额线，暂按较低等次，待委员会裁定")
    return tuple(reasons)


def _row(result: DepartmentResult) -> ScoreRow:
    return ScoreRow(
        department=result.name,
        group=result.group,
        rank_overall=result.rank_overall,
        rank_in_group=result.rank_in_group,
        categories=tuple(result.category(c) for c in SCORED_CATEGORIES),
        bonus=result.bonus,
        deductions_total=result.deductions_total,
        vetoed=result.vetoed,
        total=result.total,
        grade=result.grade.label,
        advanced=result.advanced,
        flagged=result.flagged,
        decided=result.decided,
        missing=len(result.missing),
    )


def _groups(
    scoring: HalfYearScoring, rows: dict[int, ScoreRow], order: dict[int, int]
) -> tuple[GroupSection, ...]:
    members: dict[str, list[DepartmentResult]] = {}
    for result in scoring.results:
        members.setdefault(result.group, []).append(result)
    return tuple(
        GroupSection(
            name,
            tuple(
                rows[r.department_id]
                for r in sorted(results, key=lambda r: (r.rank_in_group, order[r.department_id]))
            ),
        )
        for name, results in members.items()
    )


def _lines(result: DepartmentResult, scoring: HalfYearScoring) -> list[SourceLine]:
    """The department's 满分 lines and sources, category by category (DETAIL_CATEGORIES,
    then any other category a source names), each category's sources in the engine's
    order."""
    lines: list[SourceLine] = []
    categories = list(DETAIL_CATEGORIES)
    categories += [s.category for s in result.sources if s.category not in categories]
    for category in dict.fromkeys(categories):
        if category in SCORED_CATEGORIES:
            maximum = scoring.rules.category_max(category)
            lines.append(_base_line(result.name, category.label, maximum))
        lines += [_line(result.name, s) for s in result.sources if s.category is category]
    return lines


def _base_line(department: str, category: str, maximum: Decimal) -> SourceLine:
    return SourceLine(
        department=department, category=category, source=BASE_SOURCE,
        subject=f"{category}满分", period="", status="", points=maximum, doc_no="",
        note="", counted=True,
    )  # fmt: skip


def _line(department: str, source: PointSource) -> SourceLine:
    period = source.period or (source.on.isoformat() if source.on is not None else "")
    return SourceLine(
        department=department,
        category=source.category.label,
        source=source.kind.label,
        subject=source.label,
        period=period,
        status=_status(source),
        points=source.points,
        doc_no=source.doc_no or "",
        note=source.note,
        counted=source.counted,
    )


def _status(source: PointSource) -> str:
    """完成情况: for a check, the standing status, the level it stands at and the share of
    the task's 分值 it deducts ("部分完成（二级），扣 50%"); for a bonus, its level."""
    if source.kind is SourceKind.BONUS and source.commendation is not None:
        return f"级别：{source.commendation.label}"
    if source.kind is not SourceKind.CHECK:
        return ""
    status = source.status.label if source.status is not None else NOT_RECORDED
    level = f"（{source.level.label}）" if source.level is not None else ""
    share = f"扣 {percent(source.share)}" if source.share else "不扣分"
    return f"{status}{level}，{share}"
