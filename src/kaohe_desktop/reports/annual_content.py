"""What the 年度考核 outputs show: the annual workbook (`kaohe annual`), the
公务员年度考核登记表 (one page per person) and the 优秀等次拟推荐人选公示. Plain values
built by services/archive/annual_export from the year's AnnualSheetView, drawn by
reports.excel_annual, reports.pdf_annual_form and reports.pdf_excellent_list. Nothing
here knows the database or Qt, and nothing here decides a grade: the writers print
what they get, in the order they get it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

DRAFT_MARK = "（草稿）"
YES, NO = "是", "否"
NOT_CLOSED = "年度考核尚未关闭"


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def month_text(day: date) -> str:
    return f"{day.year}年{day.month}月"


@dataclass(frozen=True)
class AnnualLine:
    """One person's row of sheet 年度考核."""

    code: str  # 编号
    name: str
    department: str
    position: str  # 职务职级, "" when none
    quarters: tuple[str, str, str, str]  # 好 / 较好 / 一般 / 较差 / 不定等次, "" when none
    good_count: int  # 好次数
    eligible: bool  # 优秀资格
    limits: str  # 限制情形; for 不定等次 / 不参加: the reason
    proposed: str  # 推荐等次: 优秀 when recommended, else the grade set by hand, else ""
    grade: str  # 年度等次 as it stands (as stored once closed)
    remark: str  # 备注: the reason of a grade set by hand, the note, what blocks the close


@dataclass(frozen=True)
class AnnualBook:
    """The annual workbook: sheet 年度考核 (every person once) and sheet 名额."""

    bureau: str
    year: int
    lines: tuple[AnnualLine, ...]  # department order, then 编号
    participants: int  # 参加考核人数 (不定等次 and 不参加 not counted)
    not_graded: int  # 不定等次人数
    not_participating: int  # 不参加人数
    share: Decimal  # 优秀比例 (0.2)
    quota: int  # 优秀名额
    recommended: int  # 已推荐
    rules_lines: tuple[tuple[str, str], ...]  # AnnualRules.describe()
    open_quarters: tuple[str, ...]  # "2026Q4": quarters of the year not closed yet
    closed: bool  # the year's close stored every grade
    printed_on: date

    @property
    def draft(self) -> bool:
        """A year whose quarters are not all closed is printed as （草稿）."""
        return bool(self.open_quarters) and not self.closed

    @property
    def remaining(self) -> int:
        return self.quota - self.recommended

    def title(self) -> str:
        suffix = DRAFT_MARK if self.draft else ""
        return f"{self.bureau}{self.year}年度公务员年度考核汇总表{suffix}"

    def quota_title(self) -> str:
        suffix = DRAFT_MARK if self.draft else ""
        return f"{self.bureau}{self.year}年度考核优秀等次名额{suffix}"

    def state_words(self) -> list[str]:
        """What is not final yet, in words: "草稿：2026Q4 未关闭", "年度考核尚未关闭"."""
        words = []
        if self.draft:
            words.append("草稿：" + "、".join(f"{q} 未关闭" for q in self.open_quarters))
        if not self.closed:
            words.append(NOT_CLOSED)
        return words


@dataclass(frozen=True)
class AnnualFormPage:
    """One 公务员年度考核登记表: the printed fields; blank ones are written by hand."""

    name: str
    code: str  # 编号 (the footer, so loose pages can be told apart)
    gender: str  # 男 / 女, "" when not recorded
    born: str  # 出生年月 "1985年3月", "" when not recorded
    political: str  # 政治面貌
    unit_and_position: str  # 单位及职务职级
    position_since: str  # 任现职务职级时间, as honestly as the data allows
    grade_suggestion: str  # the 等次 line under 主管领导评语: the grade as it stands
    explanation: str  # 未确定等次或不参加考核情况说明 ("" for participants)
    remark: str  # 备注 ("" when none)


@dataclass(frozen=True)
class AnnualForms:
    bureau: str
    year: int
    pages: tuple[AnnualFormPage, ...]
    draft: bool  # the grades may still change: the pages say so
    printed_on: date

    def title(self) -> str:
        return f"公务员年度考核登记表（{self.year}年度）"


@dataclass(frozen=True)
class ExcellentCandidate:
    name: str
    department: str
    position: str  # "" when none


@dataclass(frozen=True)
class ExcellentList:
    """{单位}{年度}年度考核优秀等次拟推荐人选公示."""

    bureau: str
    year: int
    people: tuple[ExcellentCandidate, ...]  # department order, then 编号
    start: date  # 公示期 from
    end: date  # to (inclusive)
    days: int  # the working days it lasts
    draft: bool
    printed_on: date

    def title(self) -> str:
        return f"{self.bureau}{self.year}年度考核优秀等次拟推荐人选公示"
