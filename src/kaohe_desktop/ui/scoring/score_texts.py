"""How the 半年考核 screens write numbers, periods and flags: one place, so the table, the
drill-down, the pending list and the chart say a thing the same way."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from kaohe_desktop.domain.half_year_scoring import DepartmentResult, DueCheck
from kaohe_desktop.domain.periods import PeriodError, parse_check_period
from kaohe_desktop.domain.quarterly_rules import two_decimals as two_decimals  # re-exported

translate = QCoreApplication.translate

DEDUCTION_COLOR = "#c62828"
BONUS_COLOR = "#2e7d32"
FLAG_COLOR = "#b26a00"
MUTED_COLOR = "#757575"


def signed_points(value: Decimal) -> str:
    """A source's effect on a total: −3.00, +20.00, 0.00."""
    if value == 0:
        return "0.00"
    text = two_decimals(value)
    return text.replace("-", "−") if value < 0 else f"+{text}"


def period_text(period: str | None) -> str:
    """ "2026Q2" → 2026年第二季度, "2026-05" → 2026年5月; what cannot be read stays as is."""
    if not period:
        return ""
    try:
        return parse_check_period(period).label()
    except PeriodError:
        return period


def flag_text(result: DepartmentResult) -> str:
    """The 标记 cell: what keeps the half from closing, or that the committee decided."""
    parts = []
    if result.flagged:
        parts.append(translate("ScoreTexts", "Awaiting decision"))
    if result.missing:
        parts.append(translate("ScoreTexts", "{0} checks missing").format(len(result.missing)))
    if result.decided:
        parts.append(translate("ScoreTexts", "Decided by the committee"))
    return "、".join(parts)


def flag_tooltip(result: DepartmentResult) -> str | None:
    lines = []
    if result.flagged:
        lines.append(
            translate(
                "ScoreTexts",
                "Equal totals straddle a quota line: all of them take the lower grade until "
                "the committee decides (委员会裁定…).",
            )
        )
    if result.missing:
        lines.append(
            translate(
                "ScoreTexts",
                "Due periods with no confirmed check count as 未完成 and keep the half from "
                "closing:",
            )
        )
        lines += [f"  {missing_line(check)}" for check in result.missing[:12]]
        if len(result.missing) > 12:
            lines.append(f"  …（共 {len(result.missing)} 项）")
    return "\n".join(lines) or None


def missing_line(check: DueCheck) -> str:
    """第12项 双随机检查，2026年第二季度."""
    return f"第{check.seq}项 {check.title}，{period_text(check.period)}"
