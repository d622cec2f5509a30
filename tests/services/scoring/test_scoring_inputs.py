"""services/scoring: what the half's scoring is made of, gathered from the ledger's due
lists and the entries, through the Workspace on the bureau of check_bureau.py (the
expectations are worked out in score_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
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
    leases,
    record,
    task_ids,
)
from tests.services.scoring.score_helpers import (
    DONE,
    H1,
    H2,
    LATE,
    LEAD,
    PARTIAL,
    SUPERVISION,
    add,
    deduction,
    scoring_lease,
    totals,
)

from kaohe_desktop.domain.adjustment_rules import AdjustmentDraft
from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckStatus,
    CommendationLevel,
    NoticeColor,
)
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.half_year_scoring import DueCheck, SourceKind
from kaohe_desktop.domain.periods import HalfYear, Month
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.checks.views import NoticeDraft
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import Workspace

BUSINESS = AdjustmentCategory.BUSINESS


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
def clerk(path: Path) -> Iterator[Workspace]:
    workspace = _open(path, Role.CLERK)
    yield workspace
    workspace.close()


def _checks(workspace: Workspace, department: str) -> list[tuple[str, object, object, Decimal]]:
    """(period, level, status, points) of the department's 查账 sources in H1."""
    result = workspace.scoring.scoring(H1).result(department_ids(workspace)[department])
    return [
        (s.period or "", s.level, s.status, s.points)
        for s in result.sources
        if s.kind is SourceKind.CHECK
    ]


def test_with_nothing_recorded_every_due_period_is_missing(admin: Workspace) -> None:
    sheet = admin.scoring.sheet(H1)
    assert totals(sheet) == {
        "综合科": Decimal(980),
        "市场科": Decimal(975),
        "质量科": Decimal(952),
        "督查室": Decimal(1000),
    }
    tasks = {seq: task_id for seq, task_id in task_ids(admin).items()}
    market = sheet.scoring.result(department_ids(admin)["市场科"])
    assert market.missing == (
        DueCheck(tasks[1], 1, "食品安全抽检", Decimal(10), "2026Q1", None, None),
        DueCheck(tasks[1], 1, "食品安全抽检", Decimal(10), "2026Q2", None, None),
        DueCheck(tasks[2], 2, "双随机检查", Decimal(5), "2026Q2", None, None),
    )
    # Task 4 is due only in the fourth quarter: it is not counted in H1, but in H2.
    office = sheet.scoring.result(department_ids(admin)["综合科"])
    assert {c.seq for c in office.missing} == {1}
    later = admin.scoring.scoring(H2).result(department_ids(admin)["综合科"])
    assert [(c.seq, c.period) for c in later.missing] == [
        (1, "2026Q3"),
        (1, "2026Q4"),
        (4, "2026Q4"),
    ]
    assert not sheet.scoring.closable and not sheet.closed and not sheet.rules_frozen
    assert sheet.blockers()[:3] == [
        "综合科：第1项“食品安全抽检”2026年第一季度未录入查账结果",
        "综合科：第1项“食品安全抽检”2026年第二季度未录入查账结果",
        "市场科：第1项“食品安全抽检”2026年第一季度未录入查账结果",
    ]


def test_a_routine_task_missing_one_quarter_is_listed_and_deducts_in_full(
    admin: Workspace,
) -> None:
    record(admin, Q1, [(1, "综合科", LEAD, LATE)])
    office = admin.scoring.scoring(H1).result(department_ids(admin)["综合科"])
    assert [(c.period, c.status) for c in office.missing] == [("2026Q2", None)]
    # 逾期完成 deducts 30% of 10, the missing quarter 100%.
    assert _checks(admin, "综合科") == [
        ("2026Q1", LEAD, LATE, Decimal(-3)),
        ("2026Q2", None, None, Decimal(-10)),
    ]
    assert office.category(BUSINESS) == Decimal(687) and office.total == Decimal(987)


def test_a_key_task_is_checked_monthly_and_the_higher_level_stands(admin: Workspace) -> None:
    for month in range(1, 6):
        record(admin, Month(2026, month), [(3, "质量科", LEAD, DONE)])
    # June: the 一级 says 逾期完成, the 二级 核对 found it only 部分完成.
    june = Month(2026, 6)
    record(admin, june, [(3, "质量科", LEAD, LATE), (3, "质量科", SUPERVISION, PARTIAL)])
    assert _checks(admin, "质量科") == [
        *[(f"2026-0{m}", LEAD, DONE, Decimal(0)) for m in range(1, 6)],
        ("2026-06", SUPERVISION, PARTIAL, Decimal(-4)),  # 50% of 8
    ]
    quality = admin.scoring.scoring(H1).result(department_ids(admin)["质量科"])
    assert quality.missing == () and quality.total == Decimal(996)


def test_a_draft_never_stands(admin: Workspace, clerk: Workspace) -> None:
    record(clerk, Q1, [(1, "综合科", LEAD, DONE)])
    held = leases(clerk, Q2)
    assert clerk.checks.copy_forward(Q2, held) >= 1  # Q1's check copied as a Q2 draft
    draft = next(r for r in clerk.checks.due_list(Q2).rows if r.department == "综合科")
    assert draft.levels[0] is not None and draft.levels[0].draft
    office = admin.scoring.scoring(H1).result(department_ids(admin)["综合科"])
    assert [(c.period, c.status) for c in office.missing] == [("2026Q2", None)]
    assert office.total == Decimal(990)


def test_a_notice_deduction_is_a_notice_source_changed_only_through_the_notice(
    admin: Workspace,
) -> None:
    market = department_ids(admin)["市场科"]
    notice = admin.notices.issue(
        NoticeDraft(
            color=NoticeColor.YELLOW, department_id=market, period=MAY, task_ids=(),
            content="双随机检查进度滞后", deadline=T0.date() + timedelta(days=10),
            issued_on=T0.date(), deduction=Decimal(2),
        )
    )  # fmt: skip
    sheet = admin.scoring.sheet(H1)
    (row,) = sheet.adjustments
    assert (row.notice_number, row.from_notice, row.points, row.category) == (
        notice.number, True, Decimal(-2), BUSINESS,
    )  # fmt: skip
    (source,) = [s for s in sheet.scoring.result(market).sources if s.kind is SourceKind.NOTICE]
    assert (source.points, source.doc_no, source.category) == (Decimal(-2), notice.number, BUSINESS)
    assert totals(sheet)["市场科"] == Decimal(973)

    with scoring_lease(admin) as held, pytest.raises(InputError) as refused:
        admin.scoring.update_adjustment(row.id, row.version, deduction(admin, "市场科", "-1"), held)
    assert f"该扣分由督办单 {notice.number} 产生，请在督办单中修改" in str(refused.value)
    with scoring_lease(admin) as held, pytest.raises(InputError, match="请在督办单中修改"):
        admin.scoring.delete_adjustment(row.id, row.version, held)
    assert admin.scoring.sheet(H1).adjustments == (row,)


def test_adjustments_bonuses_and_vetoes_become_sources_with_who_entered_them(
    clerk: Workspace,
) -> None:
    add(clerk, deduction(clerk, "综合科", "-1.5", reason="考勤抽查缺岗 3 人次"))
    bonus = AdjustmentDraft(
        department_ids(clerk)["综合科"], AdjustmentCategory.BONUS, None,
        "全市政务信息先进单位", CommendationLevel.CITY, "德政发〔2026〕8号", date(2026, 3, 6),
    )  # fmt: skip
    sheet = add(clerk, bonus)
    by_category = {a.category: a for a in sheet.adjustments}
    # A bonus left without points is worth its level (市级 15).
    assert by_category[AdjustmentCategory.BONUS].points == Decimal(15)
    assert {a.entered_by for a in sheet.adjustments} == {"录入员clerk"}
    office = sheet.scoring.result(department_ids(clerk)["综合科"])
    assert office.total == Decimal(980) - Decimal("1.5") + Decimal(15)
    assert office.bonus == Decimal(15)
    kinds = {
        (s.kind, s.category, s.points) for s in office.sources if s.kind is not SourceKind.CHECK
    }
    assert kinds == {
        (SourceKind.ADJUSTMENT, AdjustmentCategory.ATTENDANCE, Decimal("-1.5")),
        (SourceKind.BONUS, AdjustmentCategory.BONUS, Decimal(15)),
    }
    # The invariant: every point of the total has its source.
    counted = sum((s.points for s in office.sources if s.counted), Decimal(0))
    assert sheet.rules.base + counted == office.total


def _rules(workspace: Workspace, half: HalfYear) -> tuple[HalfYearRules, bool]:
    sheet = workspace.scoring.sheet(half)
    return sheet.rules, sheet.rules_frozen


def test_the_rules_freeze_at_the_first_entry(admin: Workspace, clerk: Workspace) -> None:
    assert _rules(clerk, H1) == (HalfYearRules(), False)
    add(clerk, deduction(clerk, "督查室", "-2"))
    assert _rules(clerk, H1) == (HalfYearRules(), True)
    # Rules set for the next half do not rescore this one; that half inherits nothing back.
    admin.scoring.set_rules(H2, HalfYearRules(attendance_max=Decimal(50)))
    assert _rules(clerk, H1) == (HalfYearRules(), True)
    assert clerk.scoring.sheet(H1).rules.attendance_max == Decimal(100)
    assert _rules(clerk, H2)[0].attendance_max == Decimal(50)


def test_a_status_recorded_only_at_the_second_level_stands(admin: Workspace) -> None:
    record(admin, Q2, [(2, "市场科", SUPERVISION, CheckStatus.DONE)])
    assert ("2026Q2", SUPERVISION, CheckStatus.DONE, Decimal(0)) in _checks(admin, "市场科")
