"""查账: which check stands, and how statuses compare (DESIGN §2–§4).

A check is one record of a task × responsible department × period × level. Three levels
can be recorded for the same task, department and period (一级 牵头科室汇总 → 二级
督查科室核对 → 三级 局领导抽查); the one that stands is the highest level recorded,
whatever order they were entered in. The wall chart prints it, the task list summarises
it, and the 1000-point half-year scoring deducts by it (through services/checks/views.
standing_entry): this module is the one place that says so.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Protocol, TypeVar

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus

# Lowest first: a later level overrules an earlier one.
LEVEL_ORDER: tuple[CheckLevel, ...] = (
    CheckLevel.LEAD,
    CheckLevel.SUPERVISION,
    CheckLevel.LEADERSHIP,
)

# Worst first: the status a task shows when its departments or periods disagree.
SEVERITY_ORDER: tuple[CheckStatus, ...] = (
    CheckStatus.MISSED,
    CheckStatus.PARTIAL,
    CheckStatus.LATE,
    CheckStatus.DONE,
    CheckStatus.NOT_DUE,
)


class LeveledCheck(Protocol):
    @property
    def level(self) -> CheckLevel: ...


CheckT = TypeVar("CheckT", bound=LeveledCheck)
KeyT = TypeVar("KeyT", bound=Hashable)


_RANKS = {level: n for n, level in enumerate(LEVEL_ORDER, start=1)}


def level_rank(level: CheckLevel) -> int:
    """1 for 一级, 2 for 二级, 3 for 三级."""
    rank = _RANKS.get(level)
    if rank is None:
        raise ValueError(f"{level!r} is not a check level")
    return rank


def standing_checks(checks: Iterable[tuple[KeyT, CheckT]]) -> dict[KeyT, CheckT]:
    """Per key (task × department × period, as the caller forms it), the check of the
    highest level recorded. On two checks of the same level the first given stands, so
    a caller that orders by entry keeps the earlier one, as the wall chart always has."""
    standing: dict[KeyT, CheckT] = {}
    ranks: dict[KeyT, int] = {}  # the held check's rank, not worked out again per check
    for key, check in checks:
        rank = level_rank(check.level)
        if rank > ranks.get(key, 0):
            standing[key] = check
            ranks[key] = rank
    return standing


def worst_status(statuses: Iterable[CheckStatus]) -> CheckStatus | None:
    """The worst of the statuses (None when there are none)."""
    return min(statuses, key=SEVERITY_ORDER.index, default=None)
