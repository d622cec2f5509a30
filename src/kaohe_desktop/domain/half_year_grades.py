"""Ranks and grades of the 半年考核 (DESIGN.md §4, issue 14), from the departments'
totals; the points themselves are domain/half_year_points.py's.

Each rule has one home below:

- ranks by total, 1, 2, 2, 4, per group and bureau-wide → `competition_ranks`
- the size of the 优秀 and 良好 quotas                    → `excellent_places`, `good_places`
- who may be 优秀 (total ≥ 900, no veto), 良好 (≥ 800)    → `_eligible`
- filling a quota in order, the tie rule, decisions       → `_fill`
- the decisions that can all stand together               → `_settle`
- 较差 below 600, the rest 一般                           → `_band_below`

Choices of ours, where DESIGN is silent:
- Groups: departments with the same 组别 ("" is a group of its own); quotas count
  every department of the group, vetoed ones included.
- A vetoed department is skipped for 优秀 and uses no place: the next eligible total
  takes it. It competes for 良好 as any other.
- Only 优秀 has "at least 1" (DESIGN); 良好 is ⌊n × 40%⌋, so a group of two has no
  良好. Places of 优秀 left unused do not pass to 良好.
- Equal totals straddling a line (more of them than places left, at least one place
  left) all fall to the next grade and are flagged. A Decision for one of them sets
  its grade only while the decisions of that tie fit the places left (otherwise none
  of them stands, as the quarterly manual 好: no arbitrary few); a decision that
  cannot be honoured (a stale one, a grade the department cannot have) is ignored and
  the department is graded and flagged as without it. Places a settled tie leaves
  unused pass to nobody below it. Decisions for departments not in a tie are ignored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.quarterly_rules import floor_int

GRADE_ORDER = (
    DepartmentGrade.EXCELLENT,
    DepartmentGrade.GOOD,
    DepartmentGrade.AVERAGE,
    DepartmentGrade.POOR,
)


def grade_value(grade: DepartmentGrade) -> int:
    """Higher is better: 优秀 3, 良好 2, 一般 1, 较差 0."""
    return len(GRADE_ORDER) - 1 - GRADE_ORDER.index(grade)


@dataclass(frozen=True)
class Standing:
    """What ranking and grading read of a department."""

    department_id: int
    group: str
    total: Decimal
    vetoed: bool


@dataclass(frozen=True)
class Placing:
    rank_in_group: int
    rank_overall: int
    grade: DepartmentGrade
    flagged: bool  # in a tie straddling a quota line, not settled
    decided: bool  # the grade is a Decision's


def excellent_places(group_size: int, rules: HalfYearRules) -> int:
    """优秀 at most 20% of the group, rounded down, at least 1."""
    if group_size == 0:
        return 0
    return max(1, floor_int(Decimal(group_size) * rules.excellent_quota))


def good_places(group_size: int, rules: HalfYearRules) -> int:
    """良好 at most 40% of the group, rounded down, with no minimum."""
    return floor_int(Decimal(group_size) * rules.good_quota)


def _total(standing: Standing) -> Decimal:
    return standing.total


def _by_total(members: Iterable[Standing]) -> list[list[Standing]]:
    """Runs of equal totals, best first (Decimal equality: 900 == 900.00)."""
    ordered = sorted(members, key=lambda s: -s.total)
    return [list(run) for _key, run in groupby(ordered, key=_total)]


def competition_ranks(totals: Mapping[int, Decimal]) -> dict[int, int]:
    """Competition ranks by total, descending: equal totals share (1, 2, 2, 4). Keyed
    as `totals` (department ids); the year's ranks (年底算账) are these too."""
    ordered = sorted(totals.values(), reverse=True)
    first: dict[Decimal, int] = {}
    for position, value in enumerate(ordered, 1):
        first.setdefault(value, position)
    return {key: first[value] for key, value in totals.items()}


def _ranks(members: Iterable[Standing]) -> dict[int, int]:
    return competition_ranks({s.department_id: s.total for s in members})


def _eligible(grade: DepartmentGrade, standing: Standing, rules: HalfYearRules) -> bool:
    if grade is DepartmentGrade.EXCELLENT:
        return standing.total >= rules.excellent_min and not standing.vetoed
    return standing.total >= rules.good_min


def _band_below(standing: Standing, rules: HalfYearRules) -> DepartmentGrade:
    """The grade of a department left out of 优秀 and 良好."""
    return DepartmentGrade.POOR if standing.total < rules.poor_below else DepartmentGrade.AVERAGE


@dataclass
class _Pass:
    """One grading of a group under a given set of decisions."""

    decisions: Mapping[int, DepartmentGrade]
    grades: dict[int, DepartmentGrade]
    flagged: set[int]
    used: set[int]  # departments whose decision settled their tie


def _fill(grade: DepartmentGrade, pool: list[Standing], places: int, state: _Pass) -> None:
    """Give `grade` to the pool's best totals, at most `places`, with the tie rule."""
    rank = grade_value(grade)

    def decided(ids: Iterable[int], test: Callable[[int], bool]) -> list[int]:
        return [i for i in ids if i in state.decisions and test(grade_value(state.decisions[i]))]

    for run in _by_total(pool):
        if places == 0:
            return  # the rest fall to the next grade, unflagged: no tie at the line
        ids = [s.department_id for s in run]
        # Settled by a decision above this grade to stay below it: not a contender.
        declined = [i for i in decided(ids, lambda value: value < rank) if i in state.used]
        contenders = [i for i in ids if i not in declined]
        if len(contenders) <= places:
            state.grades.update((i, grade) for i in contenders)
            places -= len(contenders)
            if declined:
                return  # a settled tie's unused places pass to nobody below it
            continue
        # A tie straddling the line: only the committee's decisions may split it.
        winners = decided(contenders, lambda value: value == rank)
        losers = decided(contenders, lambda value: value < rank)
        if len(winners) > places:
            winners = []  # more decisions than places: none of them stands
        free = [i for i in contenders if i not in winners and i not in losers]
        state.grades.update((i, grade) for i in winners)
        places -= len(winners)
        if len(free) <= places:
            state.grades.update((i, grade) for i in free)  # the decisions left exactly these
        elif places > 0:
            state.flagged.update(free)
        state.used.update(winners, losers)
        return  # a tie closes the quota: its unused places pass to nobody below


def _grade_group(
    members: Sequence[Standing], rules: HalfYearRules, decisions: Mapping[int, DepartmentGrade]
) -> _Pass:
    state = _Pass(decisions, {}, set(), set())
    quotas = (
        (DepartmentGrade.EXCELLENT, excellent_places(len(members), rules)),
        (DepartmentGrade.GOOD, good_places(len(members), rules)),
    )
    for grade, places in quotas:
        pool = [
            s for s in members if s.department_id not in state.grades and _eligible(grade, s, rules)
        ]
        _fill(grade, pool, places, state)
    for standing in members:
        state.grades.setdefault(standing.department_id, _band_below(standing, rules))
    return state


def _settle(
    members: Sequence[Standing], rules: HalfYearRules, decisions: Mapping[int, DepartmentGrade]
) -> _Pass:
    """Grade the group with the decisions that can all be honoured together: a decision
    used to settle a tie whose department then ends with another grade (no place left
    in the lower quota, a grade below its band) is dropped, and the group graded again."""
    standing_decisions = dict(decisions)
    while True:
        state = _grade_group(members, rules, standing_decisions)
        broken = {i for i in state.used if state.grades[i] is not standing_decisions[i]}
        if not broken:
            return state
        for department_id in broken:
            del standing_decisions[department_id]


def place(
    standings: Sequence[Standing],
    rules: HalfYearRules,
    decisions: Mapping[int, DepartmentGrade],
) -> dict[int, Placing]:
    """Ranks and grade of every department, keyed by department id."""
    overall = _ranks(standings)
    groups: dict[str, list[Standing]] = defaultdict(list)
    for standing in standings:
        groups[standing.group].append(standing)
    placings: dict[int, Placing] = {}
    for members in groups.values():
        in_group = _ranks(members)
        mine = {
            s.department_id: decisions[s.department_id]
            for s in members
            if s.department_id in decisions
        }
        state = _settle(members, rules, mine)
        for standing in members:
            i = standing.department_id
            decided = i in state.used
            placings[i] = Placing(
                in_group[i],
                overall[i],
                state.grades[i],
                i in state.flagged and not decided,
                decided,
            )
    return placings
