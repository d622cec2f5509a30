"""The name check and the ordering the 基础数据 screens share (科室, 人员类别).

A name is checked as the exchange workbook's import checks it (domain/text_rules):
cleaned of spaces, within its column's limit, and unlike every name already there
once full-width forms are folded ("执法１队" is the 执法1队 already there).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from kaohe_desktop.domain import text_rules


def name_problem(
    name: str, taken: Collection[str], rule: text_rules.TextRule, what: str
) -> str | None:
    """What is wrong with a new `what`'s name (None: nothing), in the clerk's words."""
    label = f"{what}名称"
    cleaned = text_rules.clean_name(name)
    if not cleaned:
        return f"{label}不能为空。"
    problem = rule.problem(cleaned, label)
    if problem is not None:
        return f"{problem}。"
    key = text_rules.name_key(cleaned)
    same = next((t for t in taken if text_rules.name_key(t) == key), None)
    if same is not None:
        return f"已有名为“{same}”的{what}，{label}不能重复。"
    return None


class Ordered(Protocol):
    sort_order: int


def renumber(ordered: Sequence[Ordered]) -> None:
    """排序 becomes 1..n in the given order, so the numbers the clerk sees read in the
    order the list shows; untouched rows keep their version."""
    for place, row in enumerate(ordered, start=1):
        if row.sort_order != place:
            row.sort_order = place
