"""domain/checks: the check that stands is the highest level recorded, in any order."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from kaohe_desktop.domain.checks import level_rank, standing_checks, worst_status
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus

LEAD, SUPERVISION, LEADERSHIP = CheckLevel.LEAD, CheckLevel.SUPERVISION, CheckLevel.LEADERSHIP


@dataclass(frozen=True)
class Recorded:
    level: CheckLevel
    status: CheckStatus
    note: str = ""


def test_the_highest_level_stands_whatever_the_order_of_entry() -> None:
    key = (1, "综合科", "2026Q2")
    lead = Recorded(LEAD, CheckStatus.DONE)
    leadership = Recorded(LEADERSHIP, CheckStatus.PARTIAL)
    supervision = Recorded(SUPERVISION, CheckStatus.LATE)
    standing = standing_checks([(key, lead), (key, leadership), (key, supervision)])
    assert standing == {key: leadership}


def test_each_department_and_period_has_its_own_standing_check() -> None:
    q2, q3 = (1, "综合科", "2026Q2"), (1, "综合科", "2026Q3")
    other = (1, "法规科", "2026Q2")
    checks = [
        (q2, Recorded(LEAD, CheckStatus.DONE)),
        (q3, Recorded(LEAD, CheckStatus.MISSED)),
        (q2, Recorded(SUPERVISION, CheckStatus.LATE)),
        (other, Recorded(LEAD, CheckStatus.PARTIAL)),
    ]
    standing = standing_checks(checks)
    assert {key: check.status for key, check in standing.items()} == {
        q2: CheckStatus.LATE,
        q3: CheckStatus.MISSED,
        other: CheckStatus.PARTIAL,
    }


def test_of_two_checks_at_one_level_the_first_given_stands() -> None:
    key = (1, "综合科", "2026-05")
    first, second = Recorded(LEAD, CheckStatus.DONE, "first"), Recorded(LEAD, CheckStatus.MISSED)
    assert standing_checks([(key, first), (key, second)])[key] is first


def test_the_worst_status_is_missed_then_partial_then_late() -> None:
    assert worst_status([CheckStatus.DONE, CheckStatus.LATE, CheckStatus.PARTIAL]) is (
        CheckStatus.PARTIAL
    )
    assert worst_status([CheckStatus.NOT_DUE, CheckStatus.DONE]) is CheckStatus.DONE
    assert worst_status([CheckStatus.LATE, CheckStatus.MISSED]) is CheckStatus.MISSED
    assert worst_status([]) is None


checks_strategy = st.lists(
    st.tuples(
        st.sampled_from(["2026Q1", "2026Q2"]),
        st.builds(Recorded, st.sampled_from(list(CheckLevel)), st.sampled_from(list(CheckStatus))),
    ),
    max_size=12,
)


@given(checks_strategy)
def test_the_standing_check_is_never_outranked_and_was_recorded(
    checks: list[tuple[str, Recorded]],
) -> None:
    standing = standing_checks(checks)
    assert set(standing) == {key for key, _check in checks}
    for key, check in checks:
        assert level_rank(standing[key].level) >= level_rank(check.level)
        assert any(standing[key] is c for k, c in checks if k == key)


@given(checks_strategy, st.randoms())
def test_the_standing_level_does_not_depend_on_the_order_of_entry(
    checks: list[tuple[str, Recorded]], random: Random
) -> None:
    shuffled = list(checks)
    random.shuffle(shuffled)
    levels = {key: check.level for key, check in standing_checks(checks).items()}
    assert {key: check.level for key, check in standing_checks(shuffled).items()} == levels
