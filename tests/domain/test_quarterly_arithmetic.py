from decimal import Decimal as D

from kaohe_desktop.domain.quarterly import composite_score, performance_with_comments


def test_composite_is_half_and_half_rounded_half_up() -> None:
    # 86.5 * 0.5 + 90.35 * 0.5 = 88.425 → 88.43 (half up, not banker's 88.42)
    assert composite_score(D("86.5"), D("90.35")) == D("88.43")


def test_comments_are_added_to_performance_and_clamped() -> None:
    assert performance_with_comments(D("99"), D("4")) == D(100)
    assert performance_with_comments(D("1"), D("-4")) == D(0)
    assert composite_score(D("80"), D("90"), D("2")) == D("86.00")
