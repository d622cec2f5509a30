"""The numbers of the 年度考核 scheme (DESIGN.md §4, Annual), one frozen value per year,
and the bureau's talk and rotation settings that the archive's due lists read.

Every number domain/annual_assessment.py and domain/talk_rules.py use lives here, so a
bureau whose practice differs changes data, not code. A year keeps the rules it started
with: the service writes them into the year's `scheme` row (period "2026") at its first
annual decision, as the quarterly rules are frozen into "2026Q2".

Sources: 公务员考核规定 2020 (优秀 ≤ 20% of participants, rounded down); 事业单位工作人员
考核规定 2023 (15% or 25% where the year allows, assumed for 公务员: it needs a recorded
reason); key-post cadre supervision practice (talks: 党政正职 at least twice a year,
everyone else once; 交流轮岗 after 5 years in the same key post); ours (a special talk
is overdue 30 days after the event that called for it).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

from kaohe_desktop.domain.quarterly_rules import (
    RulesError,
    percent,
    plain,
    rules_values_from_json,
)

# 优秀 shares a year may use; anything but the standard one needs a reason.
STANDARD_SHARE = Decimal("0.2")
ALLOWED_SHARES: tuple[Decimal, ...] = (Decimal("0.15"), STANDARD_SHARE, Decimal("0.25"))


@dataclass(frozen=True)
class AnnualRules:
    excellent_share: Decimal = STANDARD_SHARE  # 优秀 ≤ share × participants, ⌊⌋
    share_reason: str = ""  # why a year uses 15% or 25% (文号 or decision)
    principal_talks: Decimal = Decimal(2)  # 党政正职: talks a year at least
    other_talks: Decimal = Decimal(1)  # everyone else
    rotation_years: Decimal = Decimal(5)  # 关键岗位: years in one department before 交流轮岗
    special_talk_days: Decimal = Decimal(30)  # a special talk is overdue after this many days

    def problems(self) -> list[str]:
        found = []
        if self.excellent_share not in ALLOWED_SHARES:
            shares = "、".join(percent(s) for s in ALLOWED_SHARES)
            found.append(f"优秀比例只能是 {shares}，而不是 {percent(self.excellent_share)}")
        elif self.excellent_share != STANDARD_SHARE and not self.share_reason.strip():
            found.append(
                f"优秀比例 {percent(self.excellent_share)} 须注明依据（文件或决定），"
                f"否则按 {percent(STANDARD_SHARE)}"
            )
        for value, label, low, high in (
            (self.principal_talks, "党政正职每年谈话次数", 0, 12),
            (self.other_talks, "其他人员每年谈话次数", 0, 12),
            (self.rotation_years, "关键岗位轮岗年限", 1, 30),
            (self.special_talk_days, "专项谈话期限（天）", 1, 365),
        ):
            if value != value.to_integral_value() or not low <= value <= high:
                found.append(f"{label}应为 {low}–{high} 之间的整数，而不是 {plain(value)}")
        return found

    def check(self) -> AnnualRules:
        found = self.problems()
        if found:
            raise RulesError("；".join(found))
        return self

    def to_json(self) -> str:
        values = {k: str(v) for k, v in asdict(self).items()}
        return json.dumps({"kind": "annual", **values}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> AnnualRules:
        """Rules written by this or an older version (unknown keys keep their defaults)."""
        values = rules_values_from_json(text, cls, {"share_reason": str})
        return replace(cls(), **values).check()

    def describe(self) -> list[tuple[str, str]]:
        """The scheme as the clerk reads it (the tab's 方案 line, the workbook's 名额 sheet)."""
        share = f"参加考核人数的 {percent(self.excellent_share)}（向下取整）"
        if self.share_reason.strip():
            share += f"，依据：{self.share_reason.strip()}"
        return [
            ("优秀名额", share),
            ("优秀资格", "本年度已评定的季度中“好”不少于一半，且无“一般”“较差”；"
             "当年无警告、诫勉、调整职务"),
            ("不定等次", "当年受严重警告、记过处分；当年或上一年受记大过、降级、撤职处分；"
             "试用期；病事假累计超过半年；立案审查调查尚未结案"),
            ("谈心谈话", f"党政正职每年不少于 {int(self.principal_talks)} 次，"
             f"其他人员不少于 {int(self.other_talks)} 次"),
            ("交流轮岗", f"关键岗位在同一科室连续满 {int(self.rotation_years)} 年"),
        ]  # fmt: skip
