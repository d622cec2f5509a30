"""平时考核 arithmetic of the default scheme (DESIGN.md §4)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDREDTH = Decimal("0.01")
PERFORMANCE_WEIGHT = Decimal("0.5")
LEADER_WEIGHT = Decimal("0.5")


def round_half_up(value: Decimal, places: Decimal = HUNDREDTH) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def performance_with_comments(entered: Decimal, comment_points: Decimal) -> Decimal:
    """实绩分 = entered score + Σ 点评 points of the quarter, clamped to 0–100."""
    return min(Decimal(100), max(Decimal(0), entered + comment_points))


def composite_score(
    entered: Decimal,
    leader: Decimal,
    comment_points: Decimal = Decimal(0),
    performance_weight: Decimal = PERFORMANCE_WEIGHT,
    leader_weight: Decimal = LEADER_WEIGHT,
) -> Decimal:
    """综合得分 = 实绩分 × 50% + 领导测评分 × 50%, rounded half up to 2 decimals."""
    performance = performance_with_comments(entered, comment_points)
    return round_half_up(performance * performance_weight + leader * leader_weight)
