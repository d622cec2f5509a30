"""Read models of the 人员档案 tab, the 年度考核 tab and the due lists: plain, immutable,
no ORM rows. Labels are the clerk's words (等次 as 好/较好…, types as 警告/嘉奖…)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from kaohe_desktop.domain.annual_assessment import QuotaCounter
from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.services.archive.pinyin_initials import initials
from kaohe_desktop.services.org.views import PersonView


@dataclass(frozen=True)
class ArchiveEntry:
    """One line of a person's archive timeline: a dated event of any kind."""

    date: date | None
    kind: str  # 平时考核 / 年度考核 / 奖励 / 处分·组织处理 / 谈心谈话 / 点评
    summary: str
    detail: str | None


# -- finding a person ------------------------------------------------------------------
class PersonFindRow(NamedTuple):
    """A row of the 人员档案 tab's list: everyone, those out of service marked. A
    NamedTuple: 10,000 of them are made at every read of the list, and a frozen
    dataclass's field-by-field __init__ doubled the time (issue 16)."""

    id: int
    code: str
    name: str
    department: str
    position: str | None
    category: str
    status: str  # 在职 / 试用期 / 借调 / 退休 / 调出 / 离职
    in_service: bool  # False: 退休 / 调出 / 离职 (shown marked, still found)
    key_post: bool

    @property
    def initials(self) -> str:
        """Pinyin initials of the name, lower case ("zsf" for 张三丰): worked out when a
        search first asks, not when the list is read (pinyin_initials)."""
        return initials(self.name)


# -- one person's archive --------------------------------------------------------------
@dataclass(frozen=True)
class StintView:
    department: str
    start: date
    end: date | None  # None: current


@dataclass(frozen=True)
class ArchiveQuarter:
    """One quarter as its grid shows it (open) or its close stored it (closed)."""

    quarter: str  # "2026Q2"
    label: str  # "2026年第二季度"
    department: str
    category: str
    performance: Decimal | None  # 实绩分 as entered
    leader: Decimal | None  # 领导测评分
    comment_points: Decimal  # 点评 of the quarter (Σ, with the row's own)
    composite: Decimal | None  # 综合得分
    grade: str | None  # 好 / 较好 / 一般 / 较差, None while unscored
    rank: int | None  # within the staff category
    no_grade_reason: str | None  # 不定等次 reason
    closed: bool
    override_reason: str | None = None
    # Of an open quarter: what keeps it from closing (并列超出名额 …), as the grid flags it.
    flag: str | None = None


@dataclass(frozen=True)
class ArchiveAnnual:
    year: int
    grade: str  # 优秀 / 称职 / … / 不定等次 / 不参加
    closed: bool  # stored by the year's close; else as it stands now
    good_count: int
    eligible: bool
    limits: str  # 限制情形 in words
    reason: str | None  # the clerk's reason for a grade set by hand
    note: str | None


@dataclass(frozen=True)
class RewardView:
    """A 奖励 or a 处分·组织处理 record (one dialog edits both)."""

    id: int
    version: int
    discipline: bool
    type_code: str
    type: str  # label
    on: date
    doc_no: str | None
    reason: str | None
    impact_until: date | None
    effects: str | None  # what it bars, by year: "2026年度不定等次；2027年度不定等次"


@dataclass(frozen=True)
class TalkView:
    id: int
    version: int
    on: date
    talker: str
    kind_code: str | None
    kind: str  # label, 谈心谈话 when none
    summary: str | None


@dataclass(frozen=True)
class CommentView:
    on: date
    kind: str  # 表扬 / 批评
    points: Decimal
    text: str


@dataclass(frozen=True)
class PersonArchiveView:
    person: PersonView
    in_service: bool
    principal: bool  # 党政正职 (domain/talk_rules.is_principal)
    stints: tuple[StintView, ...]  # oldest first
    quarters: tuple[ArchiveQuarter, ...]  # oldest first
    annual: tuple[ArchiveAnnual, ...]  # oldest first
    commendations: tuple[RewardView, ...]  # newest first
    disciplines: tuple[RewardView, ...]  # newest first
    talks: tuple[TalkView, ...]  # newest first
    comments: tuple[CommentView, ...]  # newest first

    def chart_points(self) -> list[tuple[str, Decimal]]:
        """(quarter, 综合得分) of every scored quarter, oldest first: the small chart."""
        return [(q.quarter, q.composite) for q in self.quarters if q.composite is not None]


# -- 年度考核 ---------------------------------------------------------------------------
class AnnualRowView(NamedTuple):
    """One person of the 年度考核 list. A NamedTuple: 10,000 are made when a year is
    read, and a frozen dataclass's field-by-field __init__ was a third of it."""

    person_id: int
    code: str
    name: str
    department: str
    position: str | None
    category: str
    quarter_grades: tuple[str | None, str | None, str | None, str | None]  # 好 / 不定等次 / None
    good_count: int
    participation: str  # 参加考核 / 不定等次 / 不参加
    eligible: bool  # 优秀资格
    limits: str  # 限制情形 in words ("" when none)
    recommended: bool  # 推荐优秀
    hand_grade: str | None  # a grade set by hand (称职 / 基本称职 / 不称职 / 不参加)
    reason: str | None  # its reason
    grade: str  # 年度等次 as it stands (as stored, once closed)
    note: str | None  # 备注
    flag: str | None  # what blocks the close (推荐优秀超出名额 …)
    assessment_id: int | None  # None: nothing decided for the person yet
    version: int | None
    # Why the person cannot be recommended whatever the quota (domain standing_refusal).
    recommend_refusal: str | None = None


@dataclass(frozen=True)
class AnnualSheetView:
    year: int
    bureau: str
    rules: AnnualRules
    rules_frozen: bool
    closed: bool
    counter: QuotaCounter  # 名额 / 已推荐 / 剩余
    rows: tuple[AnnualRowView, ...]  # department order, then 编号
    open_quarters: tuple[str, ...]  # quarters of the year not closed yet ("2026Q4"): a draft

    @property
    def draft(self) -> bool:
        return bool(self.open_quarters) and not self.closed

    def blockers(self) -> list[AnnualRowView]:
        return [row for row in self.rows if row.flag is not None]


# -- due lists -------------------------------------------------------------------------
@dataclass(frozen=True)
class RoutineTalkRow:
    person_id: int
    code: str
    name: str
    department: str
    position: str | None
    principal: bool
    required: int
    held: int
    last_talk: date | None


@dataclass(frozen=True)
class SpecialTalkRow:
    person_id: int
    code: str
    name: str
    department: str
    kind_code: str
    kind: str  # 提醒谈话 / 诫勉谈话 / 任职谈话
    reason: str
    arose_on: date
    due_by: date
    overdue: bool


@dataclass(frozen=True)
class RotationRow:
    person_id: int
    code: str
    name: str
    department: str
    position: str | None
    since: date
    reaches_on: date
    years: int  # the setting: whole years before rotation
    reached: bool


@dataclass(frozen=True)
class DueListsView:
    year: int
    today: date
    routine: tuple[RoutineTalkRow, ...]
    special: tuple[SpecialTalkRow, ...]
    rotations: tuple[RotationRow, ...]

    @property
    def special_overdue(self) -> int:
        """Special talks past their time."""
        return sum(1 for r in self.special if r.overdue)

    @property
    def rotations_reached(self) -> int:
        """Key posts whose years in the department are full by today."""
        return sum(1 for r in self.rotations if r.reached)

    @property
    def overdue(self) -> int:
        """What the status bar counts: special talks past their time, rotations reached."""
        return self.special_overdue + self.rotations_reached
