"""Counting and assigning for upserts: write a field only when its value changes.

Writing an equal value would still mark the row dirty, bump its version and leave
an audit row; importing the same workbook twice must change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SheetCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ApplyCounts:
    sheets: dict[str, SheetCounts] = field(default_factory=dict)

    def sheet(self, name: str) -> SheetCounts:
        return self.sheets.setdefault(name, SheetCounts())


def plain_value(v: Any) -> Any:
    """An enum as the code it is stored as; anything else as it is."""
    return v.value if hasattr(v, "value") and not isinstance(v, str | int) else v


def assign(row: Any, values: dict[str, Any], *, keep_blank: bool = True) -> bool:
    """Set changed attributes only; return whether anything changed."""
    changed = False
    for key, raw in values.items():
        value = plain_value(raw)
        if value is None and keep_blank:
            continue
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed
