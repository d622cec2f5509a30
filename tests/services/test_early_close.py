"""Closing before a period's last day (issue 18): the service says so in words the
dialogs ask and the command line prints, and the close note records it, whichever
close runs (all go through period_locks.add_period_lock); who closed is named by the
account's display name; the 全局排名 of a closed quarter is the one its scores give."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from tests.factories import Clock, sign_in
from tests.services.grading_bureau import Q2, ids, score
from tests.services.grading_fixtures import ALL, admin, leases, path

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.workspace import Workspace

__all__ = ["admin", "leases", "path"]  # the fixtures, imported for pytest

JUNE_20 = datetime(2026, 6, 20, 10, 0, 0)  # ten days before the end of 2026Q2
WARNING = (
    "本季度到 2026-06-30 结束，今天是 2026-06-20。"
    "提前关闭后本季度的分数、点评和等次不能再修改（管理员可重新开启）。"
)


@pytest.fixture
def clock() -> Clock:
    return Clock(JUNE_20)


def test_a_quarter_closed_early_is_warned_of_and_recorded(
    admin: Workspace, leases: list[Lease]
) -> None:
    score(admin, ALL, leases)
    assert admin.periods.early_close_warning("2026Q2") == WARNING
    admin.grading.close_quarter(Q2, "二季度考核结束")
    (view,) = admin.periods.history()
    assert view.close_note == "提前关闭（季度末为 2026-06-30）；二季度考核结束"
    assert admin.periods.early_close_warning("2026Q1") is None  # long over


def test_the_periods_close_records_it_too_even_without_a_note(
    admin: Workspace, leases: list[Lease]
) -> None:
    score(admin, ALL, leases)
    admin.periods.close("2026Q2")  # the 期间关闭 dialog's and the command line's way
    (view,) = admin.periods.history()
    assert view.close_note == "提前关闭（季度末为 2026-06-30）"


def test_a_close_on_the_last_day_is_not_early(
    admin: Workspace, leases: list[Lease], clock: Clock
) -> None:
    score(admin, ALL, leases)
    clock.now = datetime(2026, 6, 30, 17, 30, 0)
    assert admin.periods.early_close_warning("2026Q2") is None
    admin.grading.close_quarter(Q2, "二季度考核结束")
    assert [v.close_note for v in admin.periods.history()] == ["二季度考核结束"]


def test_who_closed_and_reopened_is_named_by_the_display_name(
    path: Path, admin: Workspace, leases: list[Lease], clock: Clock
) -> None:
    score(admin, ALL, leases)
    reviewer = sign_in(path, Role.REVIEWER, daily_backup=False, clock=clock)
    try:
        reviewer.grading.close_quarter(Q2)
    finally:
        reviewer.close()
    admin.periods.reopen("2026Q2", "补录")
    (view,) = admin.periods.history()
    assert (view.closed_by, view.closed_by_label) == ("reviewer", "审核人reviewer（reviewer）")
    # The administrator of these files has no name besides the account's: that alone.
    assert (admin.actor.username, admin.actor.display_name) == ("admin", "admin")
    assert (view.reopened_by, view.reopened_by_label) == ("admin", "admin")


def test_a_closed_quarter_keeps_both_ranks(admin: Workspace, leases: list[Lease]) -> None:
    score(admin, ALL, leases)
    admin.grading.close_quarter(Q2)
    sheet = admin.grading.sheet(Q2)
    assert sheet.closed
    p04 = sheet.row(ids(admin)["P04"])  # 85, alone in 机关正科级: first there, 4th of all
    assert (p04.rank, p04.overall_rank) == (1, 4)
    ranks = {r.code: (r.rank, r.overall_rank) for r in sheet.rows}
    assert ranks == {"P01": (1, 1), "P02": (2, 2), "P03": (3, 3), "P04": (1, 4), "P05": (4, 5)}
