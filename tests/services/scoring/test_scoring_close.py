"""services/scoring: 委员会裁定 on a flagged tie, closing the half (refused while checks
are missing or ties unsettled, then every result stored and locked) and the year.

The tie, by hand (one group of four, 优秀 1 place, 良好 1 place; every check of H1
recorded 已完成 except 综合科's Q1 check of task 1, 逾期完成: −3):
综合科 997 → 优秀; 市场科 990 and 质量科 990 (−10 党风廉政 each) straddle the single
良好 place → both 一般 and flagged; 督查室 980 (−20 精神文明) → 一般.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.checks.check_bureau import CHECK_BUREAU, Q1, T0, department_ids, record
from tests.services.scoring.score_helpers import (
    H1,
    H2,
    LATE,
    LEAD,
    add,
    deduction,
    record_all_h1,
    scoring_lease,
    totals,
)

from kaohe_desktop.domain.enums import AdjustmentCategory, DepartmentGrade
from kaohe_desktop.domain.half_year_rules import HalfYearRules, YearTotal
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.roles import Action, Role
from kaohe_desktop.services.errors import (
    HalfNotReadyError,
    InputError,
    PeriodClosedError,
    PermissionDeniedError,
)
from kaohe_desktop.services.scoring.views import HalfYearSheet
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import DepartmentScoreRow, PeriodLockRow, TaskRow

EXCELLENT, GOOD, AVERAGE = DepartmentGrade.EXCELLENT, DepartmentGrade.GOOD, DepartmentGrade.AVERAGE
INTEGRITY, CIVILITY = AdjustmentCategory.INTEGRITY, AdjustmentCategory.CIVILITY


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(CHECK_BUREAU)


def _open(path: Path, role: Role) -> Workspace:
    return sign_in(path, role, daily_backup=False, clock=Clock(T0))


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = _open(path, Role.ADMIN)
    yield workspace
    workspace.close()


@pytest.fixture
def reviewer(path: Path) -> Iterator[Workspace]:
    workspace = _open(path, Role.REVIEWER)
    yield workspace
    workspace.close()


def _tie(admin: Workspace, *, checks: bool = True) -> HalfYearSheet:
    if checks:
        record_all_h1(admin)
        record(admin, Q1, [(1, "综合科", LEAD, LATE)])
    add(admin, deduction(admin, "市场科", "-10", INTEGRITY, "廉政风险点排查不到位"))
    add(admin, deduction(admin, "质量科", "-10", INTEGRITY, "廉政风险点排查不到位"))
    return add(admin, deduction(admin, "督查室", "-20", CIVILITY, "文明创建测评落后"))


def _grades(sheet: HalfYearSheet) -> dict[str, tuple[DepartmentGrade, bool, bool]]:
    return {r.name: (r.grade, r.flagged, r.decided) for r in sheet.scoring.results}


def _stored(workspace: Workspace, half: HalfYear = H1) -> dict[str, tuple[object, ...]]:
    names = {v: k for k, v in department_ids(workspace).items()}
    with workspace.opened.unit_of_work("test").read() as session:
        rows = session.scalars(
            select(DepartmentScoreRow).where(DepartmentScoreRow.half == str(half))
        )
        return {
            names[r.department_id]: (
                r.business, r.integrity, r.civility, r.attendance, r.bonus, r.total,
                r.rank_in_group, r.rank_overall, r.grade, r.advanced, r.flagged,
            )
            for r in rows
        }  # fmt: skip


def _locks(workspace: Workspace) -> int:
    with workspace.opened.unit_of_work("test").read() as session:
        return int(session.scalar(select(func.count()).select_from(PeriodLockRow)) or 0)


# --- 委员会裁定 ----------------------------------------------------------------------------


def test_a_tie_straddling_the_good_line_is_flagged(admin: Workspace) -> None:
    sheet = _tie(admin)
    assert totals(sheet) == {
        "综合科": Decimal(997), "市场科": Decimal(990),
        "质量科": Decimal(990), "督查室": Decimal(980),
    }  # fmt: skip
    assert _grades(sheet) == {
        "综合科": (EXCELLENT, False, False),
        "市场科": (AVERAGE, True, False),
        "质量科": (AVERAGE, True, False),
        "督查室": (AVERAGE, False, False),
    }
    assert sheet.blockers() == [
        "市场科：总分 990.00 与同组科室并列且跨越等次名额，待委员会裁定",
        "质量科：总分 990.00 与同组科室并列且跨越等次名额，待委员会裁定",
    ]


def test_the_committee_settles_only_a_flagged_tie_with_a_reason(
    admin: Workspace, reviewer: Workspace
) -> None:
    _tie(admin)
    ids = department_ids(admin)
    # What the dialog offers: the two grades the tie straddles, for its members only.
    assert reviewer.scoring.decision_grades(H1, ids["市场科"]) == [GOOD, AVERAGE]
    assert reviewer.scoring.decision_grades(H1, ids["综合科"]) == []
    with pytest.raises(InputError, match="综合科的总分没有与同组科室并列跨越等次名额"):
        reviewer.scoring.decide(H1, ids["综合科"], GOOD, "会议纪要", None)
    with pytest.raises(InputError, match="委员会裁定必须填写理由"):
        reviewer.scoring.decide(H1, ids["市场科"], GOOD, "  ", None)
    # A grade outside the tie (优秀 is 综合科's) cannot stand: refused, nothing kept.
    with pytest.raises(InputError, match="市场科裁定为优秀不能生效"):
        reviewer.scoring.decide(H1, ids["市场科"], EXCELLENT, "会议纪要", None)
    assert reviewer.scoring.sheet(H1).decisions == ()

    sheet = reviewer.scoring.decide(H1, ids["市场科"], GOOD, "2026年7月2日考核委员会纪要", None)
    assert _grades(sheet)["市场科"] == (GOOD, False, True)
    assert _grades(sheet)["质量科"] == (AVERAGE, False, False)  # the tie is settled
    (decision,) = sheet.decisions
    assert (decision.department, decision.grade, decision.decided_by, decision.version) == (
        "市场科", GOOD, "审核人reviewer", 1,
    )  # fmt: skip
    assert sheet.blockers() == [] and sheet.scoring.closable and sheet.rules_frozen
    # Still offered to the decided one (to change it), no longer to the other.
    assert reviewer.scoring.decision_grades(H1, ids["市场科"]) == [GOOD, AVERAGE]
    assert reviewer.scoring.decision_grades(H1, ids["质量科"]) == []

    # The other side of the settled tie is no longer flagged: nothing to decide there.
    with pytest.raises(InputError, match="质量科的总分没有"):
        reviewer.scoring.decide(H1, ids["质量科"], GOOD, "会议纪要", None)
    # A decision is changed or withdrawn against the version the reviewer saw.
    with pytest.raises(InputError, match="市场科的委员会裁定已被他人修改"):
        reviewer.scoring.decide(H1, ids["市场科"], AVERAGE, "复议", None)
    withdrawn = reviewer.scoring.decide(H1, ids["市场科"], None, "", decision.version)
    assert withdrawn.decisions == () and _grades(withdrawn)["市场科"] == (AVERAGE, True, False)


def test_a_clerk_may_not_decide(path: Path, admin: Workspace) -> None:
    _tie(admin, checks=False)
    clerk = _open(path, Role.CLERK)
    try:
        with pytest.raises(PermissionDeniedError) as refused:
            clerk.scoring.decide(H1, department_ids(clerk)["市场科"], GOOD, "纪要", None)
        assert refused.value.action is Action.REVIEW
    finally:
        clerk.close()


# --- closing the half ------------------------------------------------------------------------


def test_closing_is_refused_while_checks_are_missing_or_ties_unsettled(
    admin: Workspace, reviewer: Workspace
) -> None:
    _tie(admin, checks=False)
    with pytest.raises(HalfNotReadyError) as refused:
        reviewer.periods.close("2026H1", "上半年考核")
    lines = refused.value.blockers
    assert lines[0] == "综合科：第1项“食品安全抽检”2026年第一季度未录入查账结果"
    assert "质量科：第3项“质量提升行动”2026年6月未录入查账结果" in lines
    assert str(refused.value).startswith("2026年上半年尚不能关闭，以下事项需先处理：\n综合科：")
    assert _locks(admin) == 0 and _stored(admin) == {}

    record_all_h1(admin)
    record(admin, Q1, [(1, "综合科", LEAD, LATE)])
    with pytest.raises(HalfNotReadyError) as refused:
        reviewer.periods.close("2026H1")
    assert [line.split("：")[0] for line in refused.value.blockers] == ["市场科", "质量科"]
    assert _locks(admin) == 0 and _stored(admin) == {}


def test_a_closed_half_stores_every_result_and_refuses_later_edits(
    admin: Workspace, reviewer: Workspace
) -> None:
    _tie(admin)
    ids = department_ids(admin)
    settled = reviewer.scoring.decide(H1, ids["市场科"], GOOD, "考核委员会纪要", None)
    reviewer.periods.close("2026H1", "上半年考核")

    assert _stored(admin) == {
        "综合科": (697, 100, 100, 100, 0, 997, 1, 1, "excellent", True, False),
        "市场科": (700, 90, 100, 100, 0, 990, 2, 2, "good", False, True),
        "质量科": (700, 90, 100, 100, 0, 990, 2, 2, "average", False, False),
        "督查室": (700, 100, 80, 100, 0, 980, 4, 4, "average", False, False),
    }
    closed = admin.scoring.sheet(H1)
    assert closed.closed and closed.scoring.results == settled.scoring.results

    with scoring_lease(admin) as held, pytest.raises(PeriodClosedError):
        admin.scoring.add_adjustment(H1, deduction(admin, "综合科", "-1"), held)
    (row, *_) = closed.adjustments
    with scoring_lease(admin) as held, pytest.raises(PeriodClosedError):
        admin.scoring.delete_adjustment(row.id, row.version, held)
    (decision,) = closed.decisions
    with pytest.raises(PeriodClosedError):
        reviewer.scoring.decide(H1, ids["市场科"], None, "", decision.version)
    with pytest.raises(PeriodClosedError):
        admin.scoring.set_rules(H1, HalfYearRules(attendance_max=Decimal(50)))


def test_a_closed_half_shows_what_it_stored_until_reopened(
    admin: Workspace, reviewer: Workspace
) -> None:
    _tie(admin)
    reviewer.scoring.decide(H1, department_ids(admin)["市场科"], GOOD, "纪要", None)
    reviewer.periods.close("2026H1")

    def double_task_one(session: object) -> None:  # the year is open: the ledger may change
        task = session.scalars(select(TaskRow).where(TaskRow.seq == 1)).one()  # type: ignore[attr-defined]
        task.points = Decimal(20)

    admin._uow.write(double_task_one)
    assert totals(admin.scoring.sheet(H1))["综合科"] == Decimal(997)  # as posted

    admin.periods.reopen("2026H1", "台账分值更正")
    assert totals(admin.scoring.sheet(H1))["综合科"] == Decimal(994)  # 30% of 20, live
    reviewer.periods.close("2026H1")
    assert _stored(admin)["综合科"][5] == Decimal(994)


def test_a_half_with_nothing_to_score_closes_as_before(reviewer: Workspace) -> None:
    reviewer.periods.close("2025H1")  # no task due, nothing entered
    assert reviewer.periods.closed_periods() == ["2025H1"]
    assert _stored(reviewer, HalfYear(2025, 1)) == {}


def test_a_year_close_seals_its_open_halves_or_is_refused(
    admin: Workspace, reviewer: Workspace
) -> None:
    _tie(admin)
    reviewer.scoring.decide(H1, department_ids(admin)["市场科"], GOOD, "纪要", None)
    with pytest.raises(HalfNotReadyError, match="2026年下半年尚不能关闭"):
        reviewer.periods.close("2026", "全年")
    assert _locks(admin) == 0 and _stored(admin) == {}


# --- the year --------------------------------------------------------------------------


def test_the_year_puts_the_halves_side_by_side(admin: Workspace) -> None:
    """Nothing recorded: H1 980/975/952/1000 (score_helpers); H2 976 (综合科: task 1 in
    Q3 and Q4, task 4 in Q4: −24), 980 (市场科: task 1 in Q3 and Q4), 952, 1000."""
    year = admin.scoring.year(2026)
    assert year.closed == (False, False) and year.rules.year_total is YearTotal.AVERAGE
    assert [(r.name, r.first, r.second, r.total, r.rank_overall) for r in year.rows] == [
        ("综合科", Decimal(980), Decimal(976), Decimal(978), 2),
        ("市场科", Decimal(975), Decimal(980), Decimal("977.50"), 3),
        ("质量科", Decimal(952), Decimal(952), Decimal(952), 4),
        ("督查室", Decimal(1000), Decimal(1000), Decimal(1000), 1),
    ]
    assert [r.first_grade for r in year.rows] == [GOOD, AVERAGE, AVERAGE, EXCELLENT]
    assert [r.rank_in_group for r in year.rows] == [2, 3, 4, 1]  # one group

    admin.scoring.set_rules(H2, HalfYearRules(year_total=YearTotal.SUM))
    summed = admin.scoring.year(2026)
    assert [r.total for r in summed.rows] == [1956, 1955, 1904, 2000]
