"""What the printed 人员档案 (一人一档) shows: plain values, built by
services.archive.archive_print from each person's PersonArchiveView, drawn by
reports.pdf_archive. Nothing here knows the database or Qt, and nothing here decides a
grade or an effect: the writer prints what it gets, in the order it gets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ARCHIVE_SUBJECT = "人员档案"
NONE_TEXT = "无"  # an empty section
OPEN_MARK = "未关闭"  # a quarter or a year not closed yet: its figures may still change


@dataclass(frozen=True)
class DetailField:
    """One cell pair of the basic details grid: 性别 | 男."""

    label: str
    value: str  # "" when not recorded


@dataclass(frozen=True)
class StintLine:
    """任职科室经历: one stint; `end` None for the current one (至今)."""

    department: str
    start: date
    end: date | None


@dataclass(frozen=True)
class QuarterLine:
    """平时考核: one quarter as its grid shows it (open) or its close stored it."""

    label: str  # 2026年第二季度
    department: str
    performance: Decimal | None  # 实绩分 as entered
    leader: Decimal | None  # 领导测评分
    comment_points: Decimal  # 点评 of the quarter (Σ)
    composite: Decimal | None  # 综合得分
    grade: str  # 好 / 较好 / 一般 / 较差 / 不定等次, "" while unscored
    grade_note: str  # why: the 不定等次 reason, a grade set by hand; "" when none
    rank: int | None  # 类别内排名
    closed: bool


@dataclass(frozen=True)
class AnnualLine:
    """年度考核: one year, as closed or as it stands."""

    year: int
    grade: str  # 优秀 / 称职 / 基本称职 / 不称职 / 不定等次 / 不参加
    grade_note: str  # the clerk's reason for a grade set by hand, "" when none
    good_count: int  # 好次数
    eligible: bool  # 优秀资格
    limits: str  # 限制情形 in words, "" when none
    closed: bool


@dataclass(frozen=True)
class RecordLine:
    """A 奖励 or a 处分·组织处理. `impact_until` and `effects` are a discipline's."""

    on: date
    type: str
    doc_no: str  # 文号, "" when none
    reason: str  # 事由, "" when none
    impact_until: date | None = None  # 影响期至
    effects: str = ""  # what it bars, by year: "2026年度不定等次；2027年度不定等次"


@dataclass(frozen=True)
class TalkLine:
    on: date
    talker: str
    kind: str
    summary: str


@dataclass(frozen=True)
class CommentLine:
    on: date
    kind: str  # 表扬 / 批评
    points: Decimal
    text: str


@dataclass(frozen=True)
class ChartPoint:
    """One point of the 综合得分 chart."""

    quarter: str  # "2026Q2"
    value: Decimal


@dataclass(frozen=True)
class PersonArchiveContent:
    """One person's section of the archive. Tables are oldest first."""

    code: str
    name: str
    status: str  # 在职 / 退休 / …
    in_service: bool  # False: 退休 / 调出 / 离职, marked in the heading
    details: tuple[DetailField, ...]
    stints: tuple[StintLine, ...]
    quarters: tuple[QuarterLine, ...]
    chart: tuple[ChartPoint, ...]  # 综合得分 of every scored quarter
    annual: tuple[AnnualLine, ...]
    commendations: tuple[RecordLine, ...]
    disciplines: tuple[RecordLine, ...]
    talks: tuple[TalkLine, ...]
    comments: tuple[CommentLine, ...]

    def heading(self) -> str:
        """The section's heading and bookmark: 张三（A001）, marked when out of service."""
        mark = "" if self.in_service else f"［{self.status}］"
        return f"{self.name}（{self.code}）{mark}"


@dataclass(frozen=True)
class ArchiveBook:
    """The archives written into one PDF: one person, or a department's members."""

    bureau: str
    people: tuple[PersonArchiveContent, ...]
    printed_on: date
    department: str | None = None  # the department printed, None for one person

    def title(self) -> str:
        return f"{self.bureau} {ARCHIVE_SUBJECT}".strip()
