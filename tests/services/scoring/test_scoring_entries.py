"""services/scoring: entering, changing and removing the half's 加减分 and 一票否决 —
the refusals as the dialog would show them (nothing written), versions, the half's
lease, the roles; each write returns the fresh sheet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.checks.check_bureau import CHECK_BUREAU, T0, department_ids
from tests.services.scoring.score_helpers import H1, add, deduction, scoring_lease, totals, veto

from kaohe_desktop.domain.adjustment_rules import (
    AdjustmentDraft,
    EntryField,
    adjustment_problems,
)
from kaohe_desktop.domain.enums import AdjustmentCategory, CommendationLevel
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.roles import Action, Role
from kaohe_desktop.services.errors import (
    InputError,
    LeaseHeldError,
    LeaseLostError,
    PermissionDeniedError,
)
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import AdjustmentRow, AuditRow, SchemeRow, VetoRow

BONUS, VETO = AdjustmentCategory.BONUS, AdjustmentCategory.VETO
ATTENDANCE, INTEGRITY = AdjustmentCategory.ATTENDANCE, AdjustmentCategory.INTEGRITY


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


def _count(workspace: Workspace, model: type) -> int:
    with workspace.opened.unit_of_work("test").read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _refused(workspace: Workspace, draft: AdjustmentDraft) -> str:
    with scoring_lease(workspace) as held, pytest.raises(InputError) as refused:
        workspace.scoring.add_adjustment(H1, draft, held)
    assert _count(workspace, AdjustmentRow) == 0 and _count(workspace, SchemeRow) == 0
    return str(refused.value)


def test_a_deduction_is_stored_audited_and_the_fresh_sheet_returned(clerk: Workspace) -> None:
    sheet = add(clerk, deduction(clerk, "市场科", "-2.5", doc_no=" 夏市监〔2026〕9号 "))
    (row,) = sheet.adjustments
    assert (row.department, row.category, row.points, row.doc_no, row.version) == (
        "市场科", ATTENDANCE, Decimal("-2.5"), "夏市监〔2026〕9号", 1,
    )  # fmt: skip
    assert totals(sheet)["市场科"] == Decimal("972.5")
    assert sheet == clerk.scoring.sheet(H1)  # what the tab shows without reloading
    with clerk.opened.unit_of_work("test").read() as session:
        (audit,) = session.scalars(select(AuditRow).where(AuditRow.entity == "adjustment"))
        assert (audit.account, audit.action) == ("clerk", "insert")
        assert json.loads(audit.after_json or "{}")["points"] == "-2.5"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"points": Decimal(2)}, EntryField.POINTS, "考勤是扣分项，分值应为负数"),
        ({"points": Decimal("-1.005")}, EntryField.POINTS, "分值 -1.005 最多保留两位小数"),
        ({"points": Decimal(-101)}, EntryField.POINTS, "扣分 -101 超过考勤满分 100"),
        ({"points": None}, EntryField.POINTS, "请填写考勤的扣分分值（负数）"),
        ({"level": CommendationLevel.CITY}, EntryField.LEVEL, "只有表彰加分填写级别"),
        ({"reason": "  "}, EntryField.REASON, "事由不能为空"),
        ({"reason": "缺" * 501}, EntryField.REASON, "事由最多 500 个字，现在是 501 个"),
        ({"doc_no": "文" * 61}, EntryField.DOC_NO, "依据文号最多 60 个字，现在是 61 个"),
        ({"doc_no": "=1+1"}, EntryField.DOC_NO, "依据文号不能是公式"),
        (
            {"on": date(2026, 7, 1)},
            EntryField.DATE,
            "日期 2026-07-01 不在2026年上半年（01-01 至 06-30）内",
        ),
        ({"category": VETO, "points": Decimal(0)}, EntryField.CATEGORY, "一票否决请在"),
    ],
)
def test_a_deduction_the_rules_refuse_writes_nothing(
    clerk: Workspace, change: dict[str, object], field: EntryField, message: str
) -> None:
    draft = replace(deduction(clerk, "综合科", "-1"), **change)  # type: ignore[arg-type]
    problems = adjustment_problems(draft.cleaned(), H1, HalfYearRules())
    assert [p.field for p in problems] == [field]  # the dialog marks that field
    assert message in _refused(clerk, draft)


def test_a_bonus_needs_its_level_a_positive_value_and_stays_under_the_cap(
    clerk: Workspace,
) -> None:
    office = department_ids(clerk)["综合科"]
    without_level = AdjustmentDraft(office, BONUS, Decimal(10), "全县先进")
    assert "表彰加分必须填写级别" in _refused(clerk, without_level)
    negative = replace(without_level, level=CommendationLevel.COUNTY, points=Decimal(-10))
    assert "表彰加分的分值应为正数" in _refused(clerk, negative)
    over = replace(negative, points=Decimal(51))
    assert "表彰加分 51 超过半年加分上限 50" in _refused(clerk, over)
    sheet = add(clerk, replace(over, points=Decimal(10)))
    assert sheet.adjustments[0].level is CommendationLevel.COUNTY


def test_a_department_that_is_gone_or_retired_is_refused(admin: Workspace) -> None:
    assert "不存在" in _refused(admin, replace(deduction(admin, "综合科", "-1"), department_id=999))
    admin.departments.set_retired(department_ids(admin)["督查室"], True)
    assert "科室“督查室”已撤销" in _refused(admin, deduction(admin, "督查室", "-1"))


def test_a_change_is_checked_against_the_version_the_clerk_saw(
    clerk: Workspace, admin: Workspace
) -> None:
    (seen,) = add(clerk, deduction(clerk, "综合科", "-1")).adjustments
    with scoring_lease(admin) as held:  # another workstation, meanwhile
        admin.scoring.update_adjustment(
            seen.id, seen.version, deduction(admin, "综合科", "-3", category=INTEGRITY), held
        )
    with scoring_lease(clerk) as held:
        with pytest.raises(InputError, match="该加减分已被他人修改，已重新载入"):
            clerk.scoring.update_adjustment(
                seen.id, seen.version, deduction(clerk, "综合科", "-2"), held
            )
        with pytest.raises(InputError, match="已被他人修改"):
            clerk.scoring.delete_adjustment(seen.id, seen.version, held)
        (now,) = clerk.scoring.sheet(H1).adjustments
        assert (now.points, now.category, now.version) == (Decimal(-3), INTEGRITY, 2)
        sheet = clerk.scoring.delete_adjustment(now.id, now.version, held)
        assert sheet.adjustments == () and totals(sheet)["综合科"] == Decimal(980)
        with pytest.raises(InputError, match="该加减分已被他人删除"):
            clerk.scoring.delete_adjustment(now.id, now.version, held)


def test_without_the_halfs_lease_nothing_is_written(clerk: Workspace, admin: Workspace) -> None:
    draft = deduction(clerk, "综合科", "-1")
    with pytest.raises(InputError, match="2026年上半年的加减分未取得编辑锁"):
        clerk.scoring.add_adjustment(H1, draft, [])
    # One editor for the half: another account cannot take the lease while it is held.
    with scoring_lease(admin), pytest.raises(LeaseHeldError, match="正由"):
        clerk.scoring.acquire_lease(H1)
    # A lease taken over since is refused at the save.
    lease = clerk.scoring.acquire_lease(H1)
    clerk.leases.release(lease)
    admin.scoring.acquire_lease(H1)
    with pytest.raises(LeaseLostError):
        clerk.scoring.add_adjustment(H1, draft, [lease])
    assert _count(clerk, AdjustmentRow) == 0


def test_a_viewer_may_look_but_not_enter(path: Path, admin: Workspace) -> None:
    viewer = _open(path, Role.VIEWER)
    try:
        assert len(viewer.scoring.sheet(H1).scoring.results) == 4
        with scoring_lease(admin) as held, pytest.raises(PermissionDeniedError) as refused:
            viewer.scoring.add_adjustment(H1, deduction(viewer, "综合科", "-1"), held)
        assert refused.value.action is Action.ENTER_DATA
        with pytest.raises(PermissionDeniedError):
            viewer.scoring.acquire_lease(H1)
    finally:
        viewer.close()
    assert _count(admin, AdjustmentRow) == 0


def test_a_veto_is_entered_changed_and_removed(clerk: Workspace) -> None:
    with scoring_lease(clerk) as held:
        sheet = clerk.scoring.add_veto(H1, veto(clerk, "督查室"), held)
        (entered,) = sheet.vetoes
        assert (entered.department, entered.doc_no, entered.entered_by) == (
            "督查室", "夏纪发〔2026〕3号", "录入员clerk",
        )  # fmt: skip
        office = sheet.scoring.result(department_ids(clerk)["督查室"])
        assert office.vetoed and office.total == Decimal(1000) and not office.advanced
        with pytest.raises(InputError, match="已有事由相同的一票否决"):
            clerk.scoring.add_veto(H1, veto(clerk, "督查室"), held)
        with pytest.raises(InputError, match="不在2026年上半年"):
            clerk.scoring.add_veto(H1, replace(veto(clerk, "督查室"), on=date(2025, 12, 1)), held)
        changed = replace(veto(clerk, "督查室"), reason="发生重大舆情事件")
        (after,) = clerk.scoring.update_veto(entered.id, entered.version, changed, held).vetoes
        assert (after.reason, after.version) == ("发生重大舆情事件", 2)
        with pytest.raises(InputError, match="该一票否决已被他人修改"):
            clerk.scoring.delete_veto(entered.id, entered.version, held)
        sheet = clerk.scoring.delete_veto(after.id, after.version, held)
    assert sheet.vetoes == () and _count(clerk, VetoRow) == 0
    assert not sheet.scoring.result(department_ids(clerk)["督查室"]).vetoed


def test_a_veto_written_as_an_adjustment_row_counts_and_is_removed_as_a_veto(
    admin: Workspace,
) -> None:
    """No program path writes one (the import makes veto rows), but a 加减分 row of
    category 一票否决 is read as the veto it says, under minus its id."""
    office = department_ids(admin)["督查室"]

    def written_by_hand(session: Session) -> None:
        session.add(
            AdjustmentRow(
                half="2026H1", department_id=office, category=VETO.value, points=Decimal(0),
                reason="擅自对外发布执法信息", doc_no=None, adjusted_on=None,
            )
        )  # fmt: skip

    admin._uow.write(written_by_hand)
    sheet = admin.scoring.sheet(H1)
    assert sheet.adjustments == ()
    (shown,) = sheet.vetoes
    assert shown.adjustment_id is not None and shown.id == -shown.adjustment_id
    assert sheet.scoring.result(office).vetoed
    with scoring_lease(admin) as held:
        sheet = admin.scoring.delete_veto(shown.id, shown.version, held)
    assert sheet.vetoes == () and _count(admin, AdjustmentRow) == 0
