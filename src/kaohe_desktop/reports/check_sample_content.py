"""局领导抽查清单: what the printed list of a 三级 draw holds (plain values, no rows).

The list is what the leaders take round the departments: the drawn task × department
pairs with the status recorded at the first two levels, and blank space to write the
spot check's result and sign. The head of the page says how the draw was made (when,
by whom, the share or the number asked for, the seed, the population), so anyone can
draw it again (domain/check_rules.draw_sample) and see it was fair.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

LABELS = ("序号", "工作任务", "责任科室", "一级", "二级", "抽查结果", "签字")


def _day(moment: datetime) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日"


@dataclass(frozen=True)
class SampleLine:
    task_seq: int  # the ledger's 序号
    title: str
    department: str
    lead: str  # the 一级 status as printed ("已完成", "未录入", "已完成（草稿）")
    supervision: str  # the 二级 status, printed the same way


@dataclass(frozen=True)
class SampleSheet:
    bureau: str
    period: str  # "2026Q2"
    period_label: str  # "2026年第二季度"
    drawn_at: datetime
    drawn_by: str
    share_percent: int | None
    requested: int | None
    seed: str
    population: int
    lines: tuple[SampleLine, ...]
    printed_on: date

    def title(self) -> str:
        return f"{self.bureau} {self.period_label} 局领导抽查清单"

    def basis(self) -> str:
        """按比例 10% / 按数量 5 项: what was asked for."""
        if self.requested is not None:
            return f"按数量抽取 {self.requested} 项"
        return f"按比例抽取 {self.share_percent}%"

    def header_lines(self) -> tuple[str, ...]:
        """The draw, in the words printed above the table."""
        return (
            f"抽取时间：{_day(self.drawn_at)} {self.drawn_at:%H:%M}　抽取人：{self.drawn_by}",
            f"抽取方式：{self.basis()}；抽查范围：本期已确认查账记录 {self.population} 项，"
            f"抽中 {len(self.lines)} 项",
            f"随机种子：{self.seed}（凭此种子和抽查范围可重新抽取，核对抽查是否公正）",
        )
