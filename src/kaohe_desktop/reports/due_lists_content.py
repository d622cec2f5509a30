"""What the due lists workbook (谈心谈话不足, 专项谈话, 交流轮岗) shows: plain lines, the
year, the day the lists were made and each list's rule in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RoutineLine:
    """A person short of the year's 谈心谈话."""

    code: str
    name: str
    department: str
    position: str
    principal: bool  # 党政正职
    required: int  # 应谈次数
    held: int  # 已谈次数
    last_talk: date | None  # 最近一次谈话, any kind, any year


@dataclass(frozen=True)
class SpecialLine:
    """A special talk called for and not held yet."""

    code: str
    name: str
    department: str
    kind: str  # 提醒谈话 / 诫勉谈话 / 任职谈话
    reason: str  # 事由
    arose_on: date
    due_by: date
    overdue: bool


@dataclass(frozen=True)
class RotationLine:
    """A key post whose years in one department are full by the year's end."""

    code: str
    name: str
    department: str
    position: str
    since: date  # 本科室任职起始
    reaches_on: date  # 满 N 年日期
    reached: bool  # on or before the day the lists were made


@dataclass(frozen=True)
class DueListsBook:
    bureau: str
    year: int
    today: date  # the day the lists were made (what 已逾期 / 已到期 are measured by)
    routine_rule: str  # "党政正职每年不少于 2 次，其他人员不少于 1 次"
    special_rule: str
    rotation_rule: str  # "关键岗位在同一科室连续满 5 年"
    rotation_years: int
    routine: tuple[RoutineLine, ...]
    special: tuple[SpecialLine, ...]
    rotations: tuple[RotationLine, ...]

    def title(self, what: str) -> str:
        return f"{self.bureau} {self.year}年度 {what}"

    def made_on(self) -> str:
        day = self.today
        return f"统计日期：{day.year}年{day.month}月{day.day}日"

    def routine_note(self) -> str:
        rule = f"谈心谈话：{self.routine_rule}（只计谈心谈话和关键岗位廉政谈话）"
        return f"{rule}。共 {len(self.routine)} 人　　{self.made_on()}"

    def special_note(self) -> str:
        overdue = sum(1 for line in self.special if line.overdue)
        count = f"，其中已逾期 {overdue} 项" if overdue else ""
        rule = f"专项谈话：{self.special_rule}"
        return f"{rule}。共 {len(self.special)} 项{count}　　{self.made_on()}"

    def rotation_note(self) -> str:
        reached = sum(1 for line in self.rotations if line.reached)
        count = f"，其中已到期 {reached} 人" if reached else ""
        rule = (
            f"交流轮岗：{self.rotation_rule}（连续任职按科室任职历史计算，"
            f"截至{self.year}年12月31日）"
        )
        return f"{rule}。共 {len(self.rotations)} 人{count}　　{self.made_on()}"
