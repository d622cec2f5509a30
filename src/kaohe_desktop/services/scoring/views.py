"""Read models handed to the screens: plain, immutable, no ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kaohe_desktop.domain.enums import AdjustmentCategory


@dataclass(frozen=True)
class AdjustmentView:
    id: int
    half: str
    department: str
    group: str | None
    category: AdjustmentCategory
    points: Decimal
    level: str | None  # 国家级 … 县直部门, as the clerk reads it
    reason: str
    doc_no: str | None
    date: date | None


@dataclass(frozen=True)
class DepartmentHalfView:
    """Per department, the half's recorded adjustments summed by category."""

    department: str
    group: str | None
    business: Decimal
    integrity: Decimal
    civility: Decimal
    attendance: Decimal
    bonus: Decimal
    vetoed: bool
    missed_checks: int  # first-level checks of the half with status 未完成
    late_or_partial: int
