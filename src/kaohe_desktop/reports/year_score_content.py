"""What the 年底算账 workbook (`kaohe scores --year`, sheet 年度得分) shows: per department
the two halves' totals side by side, the year's total by the scheme's rule and its rank.

The year has no grade of its own (DESIGN §4 grades the halves), so the sheet has no 等次
column; the rule that makes the year's total is printed in words under the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kaohe_desktop.reports.score_sheet_content import DRAFT_MARK


@dataclass(frozen=True)
class YearRow:
    department: str
    group: str  # 组别, "" when none
    rank: int  # bureau-wide by the year's total; equal totals share a rank
    first: Decimal | None  # 上半年 总分; None: not scored that half (made or retired)
    second: Decimal | None  # 下半年
    total: Decimal  # 全年


@dataclass(frozen=True)
class YearSheet:
    bureau: str
    year: int
    rule_text: str  # how the year's total is made, in words (YearTotal.label)
    rows: tuple[YearRow, ...]  # by rank, then the bureau's order
    closed: tuple[bool, bool]  # 上半年, 下半年
    printed_on: date

    @property
    def draft(self) -> bool:
        """A half still open may change: the year's figures are final once both close."""
        return not all(self.closed)

    @property
    def suffix(self) -> str:
        return DRAFT_MARK if self.draft else ""

    def title(self) -> str:
        return f"{self.bureau}{self.year}年度科室考核得分{self.suffix}"

    def pdf_title(self) -> str:
        return f"{self.bureau} {self.year}年度 科室年度考核得分汇总表{self.suffix}"

    def state_line(self) -> str:
        states = [
            f"{name}{'已关闭' if closed else '尚未关闭'}"
            for name, closed in zip(("上半年", "下半年"), self.closed, strict=True)
        ]
        tail = "，全年得分在两个半年都关闭前仍可能变化" if self.draft else ""
        return f"共 {len(self.rows)} 个科室；{'，'.join(states)}{tail}。"

    def notes(self) -> list[str]:
        return [
            f"全年得分为{self.rule_text}；只在一个半年参加考核的科室（年中新设或撤销），"
            "全年按该半年计，空白表示该半年未参加考核。",
            "排名为全局排名（按全年得分从高到低，得分相同者名次并列）。",
            "全年不另定等次；各半年的等次和先进科室见该半年的得分表。",
        ]
