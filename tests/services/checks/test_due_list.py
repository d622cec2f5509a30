"""services/checks/due_list through the Workspace: the pairs due in a quarter and a month
of the small bureau (check_bureau.py), by when, 逾期未录 per department, the standing
status over the levels, and the fresh rows a write reads back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.checks.check_bureau import (
    CHECK_BUREAU,
    MAY,
    Q1,
    Q2,
    T0,
    department_ids,
    key,
    leases,
    record,
    task_ids,
)

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.checks.due_list import (
    load_due_rows,
    load_due_rows_of,
    load_standings_of,
)
from kaohe_desktop.services.workspace import Workspace

LEAD, SUPERVISION = CheckLevel.LEAD, CheckLevel.SUPERVISION


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(CHECK_BUREAU)


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(T0))
    yield workspace
    workspace.close()


def test_the_quarter_lists_each_routine_task_and_department_due_with_its_day(
    admin: Workspace,
) -> None:
    due = admin.checks.due_list(Q2)
    assert [(r.seq, r.department, r.due_by) for r in due.rows] == [
        (1, "综合科", date(2026, 6, 30)),
        (1, "市场科", date(2026, 6, 30)),
        (2, "市场科", date(2026, 6, 15)),  # 6月15日前: due before the quarter ends
    ]
    first = due.rows[0]
    assert (first.title, first.category, first.deadline) == (
        "食品安全抽检",
        TaskCategory.ROUTINE,
        "每季度",
    )
    assert (first.points, first.lead_department) == (Decimal(10), "综合科")
    assert first.levels == (None, None, None) and first.standing is None
    assert not due.closed and due.sample is None


def test_a_month_lists_the_key_tasks_only(admin: Workspace) -> None:
    due = admin.checks.due_list(MAY)
    assert [(r.seq, r.department, r.due_by) for r in due.rows] == [(3, "质量科", date(2026, 5, 31))]
    assert due.rows[0].category is TaskCategory.KEY


def test_overdue_unrecorded_is_counted_per_department(admin: Workspace) -> None:
    # On 6月20日 only task 2 (due 6月15日) is overdue; recorded, it is not.
    due = admin.checks.due_list(Q2)
    assert [r.overdue_unrecorded for r in due.rows] == [False, False, True]
    assert due.overdue_by_department == (("市场科", 1),)
    assert due.counts.due == 3 and due.counts.unrecorded == 3
    record(admin, Q2, [(2, "市场科", LEAD, CheckStatus.LATE)])
    after = admin.checks.due_list(Q2)
    assert after.overdue_by_department == ()
    assert (after.counts.late, after.counts.unrecorded) == (1, 2)


def test_after_the_quarter_every_pair_without_a_check_is_overdue(path: Path) -> None:
    later = sign_in(path, Role.VIEWER, daily_backup=False, clock=Clock(datetime(2026, 7, 2)))
    try:
        due = later.checks.due_list(Q2)
        assert due.overdue_by_department == (("综合科", 1), ("市场科", 2))
    finally:
        later.close()


def test_the_highest_confirmed_level_stands(admin: Workspace) -> None:
    record(admin, Q2, [(1, "综合科", LEAD, CheckStatus.MISSED)])
    assert admin.checks.due_list(Q2).rows[0].standing is CheckStatus.MISSED
    record(admin, Q2, [(1, "综合科", SUPERVISION, CheckStatus.DONE)])
    row = admin.checks.due_list(Q2).rows[0]
    assert row.entry(LEAD).status is CheckStatus.MISSED  # type: ignore[union-attr]
    assert row.entry(SUPERVISION).status is CheckStatus.DONE  # type: ignore[union-attr]
    assert row.standing is CheckStatus.DONE


def test_the_standing_entry_is_the_highest_confirmed_one_not_a_higher_draft(
    admin: Workspace, path: Path
) -> None:
    record(admin, Q1, [(1, "综合科", SUPERVISION, CheckStatus.DONE)])
    record(admin, Q2, [(1, "综合科", LEAD, CheckStatus.MISSED)])
    reviewer = sign_in(path, Role.REVIEWER, daily_backup=False, clock=Clock(T0))
    try:
        held = leases(reviewer, Q2, ["综合科"])
        assert reviewer.checks.copy_forward(Q2, held) == 1  # a 二级 draft of Q1's 已完成
        reviewer.leases.release(held[0])
    finally:
        reviewer.close()
    first, second, _ = admin.checks.due_list(Q2).rows
    assert first.entry(SUPERVISION).draft  # type: ignore[union-attr]
    assert first.standing_entry == first.entry(LEAD)  # the draft above it does not stand
    assert first.standing is CheckStatus.MISSED
    assert second.standing_entry is None and second.standing is None
    # The half-year scoring's lean read of the same rows stands by the same check.
    record(admin, Q1, [(1, "市场科", LEAD, CheckStatus.PARTIAL)])
    record(admin, MAY, [(3, "质量科", LEAD, CheckStatus.DONE)])
    periods = [Q1, Q2, MAY]
    with admin.opened.unit_of_work("test").read() as session:
        full = load_due_rows_of(session, periods, T0.date())
        lean = load_standings_of(session, periods)
    assert {p: [(r.task_id, r.seq, r.title, r.points, r.department_id) for r in rows]
            for p, rows in full.items()} == {
        p: [(r.task_id, r.seq, r.title, r.points, r.department_id) for r in rows]
        for p, rows in lean.items()
    }  # fmt: skip
    stands = {p: [r.standing_entry for r in rows] for p, rows in full.items()}
    assert {p: [(e.level, e.status) if e else (None, None) for e in found]
            for p, found in stands.items()} == {
        p: [(r.level, r.status) for r in rows] for p, rows in lean.items()
    }  # fmt: skip
    assert lean[Q2][0][5:] == (LEAD, CheckStatus.MISSED)


def test_the_rows_of_a_few_pairs_read_alone_equal_the_whole_lists(admin: Workspace) -> None:
    record(admin, Q2, [(1, "市场科", LEAD, CheckStatus.PARTIAL)])
    whole = admin.checks.due_list(Q2).rows
    wanted = [key(admin, 1, "市场科"), key(admin, 2, "市场科")]
    not_due = (task_ids(admin)[4], department_ids(admin)["综合科"])
    with admin.opened.unit_of_work("test").read() as session:
        few = load_due_rows(session, Q2, T0.date(), [*wanted, not_due])
        none = load_due_rows(session, Quarter(2026, 3), T0.date(), [wanted[1]])
    assert few == [r for r in whole if r.key in wanted]
    assert none == []  # task 2 is not due in Q3
