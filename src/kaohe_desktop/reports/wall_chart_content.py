"""What a wall chart (墙上台账) shows: plain values, built by the services, drawn by
reports.pdf_wall_chart. Nothing here knows the database or Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from kaohe_desktop.domain.ledger_rules import chart_title


class Paper(Enum):
    """Sheet size; the chart is always landscape."""

    A3 = "A3"
    A4 = "A4"


@dataclass(frozen=True)
class WallChartRow:
    """One task on one department's chart."""

    seq: int
    title: str
    target: str  # 目标要求 ("" when none)
    category: str  # 常规工作 / 重点工作
    key: bool  # a 重点工作 is marked on the chart
    lead_department: str
    deadline: str  # 完成时限 in the clerk's words
    points: str  # 分值 as printed ("10", "2.5")
    # 一季度 … 四季度 实际完成情况: "" where nothing is recorded (and always in blank mode).
    quarters: tuple[str, str, str, str] = ("", "", "", "")
    checker: str = ""  # 核查人
    note: str = ""  # 备注


@dataclass(frozen=True)
class WallChart:
    """One department's chart: every task it leads or shares, in 序号 order."""

    department: str
    rows: tuple[WallChartRow, ...]


@dataclass(frozen=True)
class WallChartBook:
    """The charts written into one PDF (one department, or all with a bookmark each)."""

    bureau: str
    year: int
    charts: tuple[WallChart, ...]
    blank: bool  # ruled space for handwriting on the right, instead of the checks
    paper: Paper
    printed_on: date

    def title(self, chart: WallChart | None = None) -> str:
        """One chart's title, or (None) the title of the book of every department."""
        return chart_title(self.year, chart.department if chart else None, self.bureau)
