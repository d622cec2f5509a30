"""services/checks/entry (CheckService) through the Workspace on the small bureau of
check_bureau.py: entering checks (audited, versioned, under the departments' leases,
all or nothing), the levels each role may record, closed periods, drafts copied
forward and confirmed, clearing, the reproducible 三级 draw and its list, the settings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.checks.check_bureau import (
    CHECK_BUREAU,
    MAY,
    Q1,
    Q2,
    T0,
    change,
    department_ids,
    key,
    leases,
    record,
    row,
    task_ids,
)

from kaohe_desktop.domain.check_rules import CheckSettings, draw_sample
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus
from kaohe_desktop.domain.roles import Action, Role
from kaohe_desktop.services.checks.views import CheckChange
from kaohe_desktop.services.errors import (
    InputError,
    LeaseLostError,
    PeriodClosedError,
    PermissionDeniedError,
)
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import (
    AuditRow,
    CheckRow,
    CheckSampleRow,
    EvidenceFileRow,
    NoticeRow,
    NoticeTaskRow,
)

LEAD, SUPERVISION, LEADERSHIP = CheckLevel.LEAD, CheckLevel.SUPERVISION, CheckLevel.LEADERSHIP
DONE, LATE, PARTIAL = CheckStatus.DONE, CheckStatus.LATE, CheckStatus.PARTIAL
MISSED, NOT_DUE = CheckStatus.MISSED, CheckStatus.NOT_DUE
CLERK_NAME = "录入员clerk"  # tests/factories.new_workspace names each account so


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


@pytest.fixture
def reviewer(path: Path) -> Iterator[Workspace]:
    workspace = _open(path, Role.REVIEWER)
    yield workspace
    workspace.close()


def _checks(workspace: Workspace) -> list[tuple[int, int, str, str, str, bool]]:
    """Every stored check: (task, department, period, level, status, draft)."""
    with workspace.opened.unit_of_work("test").read() as session:
        rows = session.execute(
            select(
                CheckRow.task_id, CheckRow.department_id, CheckRow.period, CheckRow.level,
                CheckRow.status, CheckRow.draft,
            ).order_by(CheckRow.id)
        )  # fmt: skip
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _audit(workspace: Workspace, entity: str) -> list[AuditRow]:
    with workspace.opened.unit_of_work("test").read() as session:
        statement = select(AuditRow).where(AuditRow.entity == entity).order_by(AuditRow.id)
        return list(session.scalars(statement))


# --- entering ------------------------------------------------------------------------------


def test_a_status_entered_is_stored_audited_and_only_its_row_returned(clerk: Workspace) -> None:
    held = leases(clerk, names=["综合科"])
    entered = change(clerk, Q2, 1, "综合科", actual="抽检 12 批次，合格 12 批次")
    fresh = clerk.checks.set_checks(Q2, [entered], held)

    assert [r.key for r in fresh] == [key(clerk, 1, "综合科")]  # not the whole quarter
    check = fresh[0].entry(LEAD)
    assert check is not None
    assert (check.status, check.actual, check.draft) == (DONE, "抽检 12 批次，合格 12 批次", False)
    # Defaults of a new check: today and the account's name.
    assert (check.checker, check.check_date, check.version) == (CLERK_NAME, T0.date(), 1)
    assert fresh[0].standing is DONE
    assert fresh == [r for r in clerk.checks.due_list(Q2).rows if r.key == fresh[0].key]

    (audit,) = _audit(clerk, "check_record")
    assert (audit.account, audit.action) == ("clerk", "insert")
    assert audit.label == "2026Q2 第1项 食品安全抽检（综合科·一级）"
    after = json.loads(audit.after_json or "{}")
    assert (after["status"], after["level"], after["period"]) == ("done", "lead", "2026Q2")


def test_a_change_keeps_what_it_leaves_out_and_empties_what_is_blank(clerk: Workspace) -> None:
    held = leases(clerk, names=["综合科"])
    first = change(
        clerk, Q2, 1, "综合科", actual="已抽检", evidence_text="抽检报告", checker="张三"
    )
    clerk.checks.set_checks(Q2, [first], held)
    second = change(clerk, Q2, 1, "综合科", status=PARTIAL, evidence_text="")
    (fresh,) = clerk.checks.set_checks(Q2, [second], held)
    check = fresh.entry(LEAD)
    assert check is not None
    assert (check.status, check.actual, check.evidence_text) == (PARTIAL, "已抽检", None)
    assert (check.checker, check.version) == ("张三", 2)
    update = _audit(clerk, "check_record")[-1]
    assert update.action == "update"
    assert json.loads(update.after_json or "{}") == {"status": "partial", "evidence_text": None}


def test_a_stale_version_is_refused_and_nothing_written(clerk: Workspace, admin: Workspace) -> None:
    seen = change(clerk, Q2, 1, "综合科", status=PARTIAL)  # the clerk's screen: nothing yet
    also = change(clerk, Q2, 1, "市场科", status=DONE)
    record(admin, Q2, [(1, "综合科", LEAD, MISSED)])  # another workstation, meanwhile
    before = _checks(clerk)
    with pytest.raises(InputError) as refused:
        clerk.checks.set_checks(Q2, [also, seen], leases(clerk))
    assert "第1项“食品安全抽检”（综合科）的一级核查已被他人修改，已重新载入" in str(refused.value)
    assert _checks(clerk) == before  # the good change of 市场科 was not written either


def test_without_the_departments_lease_nothing_is_written(
    clerk: Workspace, admin: Workspace
) -> None:
    only_one = leases(clerk, names=["综合科"])
    changes = [change(clerk, Q2, 1, "综合科"), change(clerk, Q2, 2, "市场科")]
    with pytest.raises(InputError, match="市场科的2026年第二季度查账未取得编辑锁"):
        clerk.checks.set_checks(Q2, changes, only_one)
    assert _checks(clerk) == []
    # A lease taken over since (管理员, once stale) is refused at the save.
    market = department_ids(clerk)["市场科"]
    (held,) = leases(clerk, names=["市场科"])
    clerk.leases.release(held)
    admin.checks.acquire_lease(Q2, market)
    with pytest.raises(LeaseLostError):
        clerk.checks.set_checks(Q2, changes, [*only_one, held])
    assert _checks(clerk) == []


def test_a_viewer_may_look_but_not_record(path: Path, admin: Workspace) -> None:
    viewer = _open(path, Role.VIEWER)
    try:
        assert viewer.checks.entry_levels() == ()
        held = leases(admin, names=["综合科"])
        with pytest.raises(PermissionDeniedError) as refused:
            viewer.checks.set_checks(Q2, [change(viewer, Q2, 1, "综合科")], held)
        assert refused.value.action is Action.RECORD_CHECKS
        with pytest.raises(PermissionDeniedError):
            viewer.checks.acquire_lease(Q2, department_ids(viewer)["综合科"])
        assert len(viewer.checks.due_list(Q2).rows) == 3
    finally:
        viewer.close()
    assert _checks(admin) == []


def test_a_clerk_records_at_the_clerk_level_only(clerk: Workspace) -> None:
    assert clerk.checks.entry_levels() == (LEAD,)
    with pytest.raises(InputError, match="的二级核查：录入员只能录入一级核查"):
        clerk.checks.set_checks(Q2, [change(clerk, Q2, 1, "综合科", SUPERVISION)], leases(clerk))
    assert _checks(clerk) == []


def test_a_reviewer_records_three_level_checks_only_on_the_drawn_pairs(
    clerk: Workspace, reviewer: Workspace
) -> None:
    record(clerk, Q2, [(1, "综合科", LEAD, DONE), (1, "市场科", LEAD, PARTIAL)])
    assert reviewer.checks.entry_levels() == (SUPERVISION, LEADERSHIP)
    sample = reviewer.checks.draw_sample(Q2, count=1)
    (drawn,) = sample.drawn
    other = next(k for k in (key(clerk, 1, "综合科"), key(clerk, 1, "市场科")) if k != drawn)
    names = {v: k for k, v in department_ids(clerk).items()}

    held = leases(reviewer)
    outside = change(reviewer, Q2, 1, names[other[1]], LEADERSHIP, MISSED)
    with pytest.raises(InputError, match="不在本期局领导抽查样本中，三级核查只能录入抽中的项目"):
        reviewer.checks.set_checks(Q2, [outside], held)
    with pytest.raises(InputError, match="审核人只能录入二级、三级核查"):
        reviewer.checks.set_checks(Q2, [change(reviewer, Q2, 1, names[drawn[1]], LEAD)], held)

    inside = change(reviewer, Q2, 1, names[drawn[1]], LEADERSHIP, MISSED)
    (fresh,) = reviewer.checks.set_checks(Q2, [inside], held)
    assert fresh.sampled and fresh.standing is MISSED  # 三级 overrules the 一级


def test_a_closed_period_is_refused_by_the_database(admin: Workspace, clerk: Workspace) -> None:
    record(clerk, Q2, [(1, "综合科", LEAD, DONE)])
    admin.periods.close(str(Q2), "二季度查账结束")
    assert admin.checks.due_list(Q2).closed
    before = _checks(admin)
    with pytest.raises(PeriodClosedError) as refused:
        clerk.checks.set_checks(Q2, [change(clerk, Q2, 1, "市场科")], leases(clerk))
    assert "“查账记录”属于已关闭的期间" in str(refused.value)
    assert "请管理员先重新开放该期间" in str(refused.value)
    # A month inside the closed quarter is closed with it.
    with pytest.raises(PeriodClosedError):
        clerk.checks.set_checks(MAY, [change(clerk, MAY, 3, "质量科")], leases(clerk, MAY))
    assert _checks(admin) == before


def test_every_problem_of_a_write_is_named_at_once(clerk: Workspace) -> None:
    ids, departments = task_ids(clerk), department_ids(clerk)
    not_due = CheckChange(ids[4], departments["综合科"], LEAD, None, status=DONE)
    no_status = change(clerk, Q2, 1, "市场科", status=None, actual="只写了情况")
    too_long = change(clerk, Q2, 2, "市场科", actual="字" * 1001, checker="=SUM(A1)")
    with pytest.raises(InputError) as refused:
        clerk.checks.set_checks(Q2, [not_due, no_status, too_long], leases(clerk))
    lines = refused.value.errors
    assert lines == [
        "第4项“年度工作总结”（综合科）不在2026年第二季度的查账范围内：完成时限“年底前”不在2026年第二季度",
        "第1项“食品安全抽检”（市场科）的一级核查：新录入时必须选择完成情况",
        "第2项“双随机检查”（市场科）的一级核查：实际完成情况最多 1000 个字，现在是 1001 个",
        "第2项“双随机检查”（市场科）的一级核查：核查人不能是公式（=SUM(A1)），请填写实际内容",
    ]
    assert _checks(clerk) == []


def test_a_pair_not_due_says_why(clerk: Workspace) -> None:
    ids, departments = task_ids(clerk), department_ids(clerk)
    changes = [
        CheckChange(ids[1], departments["质量科"], LEAD, None, status=DONE),
        CheckChange(ids[3], departments["质量科"], LEAD, None, status=DONE),
        CheckChange(999_999, departments["质量科"], LEAD, None, status=DONE),
    ]
    with pytest.raises(InputError) as refused:
        clerk.checks.set_checks(Q2, changes, leases(clerk))
    assert set(refused.value.errors) == {
        "第1项“食品安全抽检”（质量科）不在2026年第二季度的查账范围内：该科室不是这项任务的责任科室",
        "第3项“质量提升行动”（质量科）不在2026年第二季度的查账范围内：重点工作按月查账",
        "任务（内部编号 999999）不存在，可能已被删除",
    }


# --- several rows at once ------------------------------------------------------------------


def test_one_status_for_the_selected_rows(clerk: Workspace) -> None:
    record(clerk, Q2, [(1, "综合科", LEAD, MISSED)])
    due = clerk.checks.due_list(Q2)
    keys = [r.key for r in due.rows]
    versions = {r.key: r.entry(LEAD).version for r in due.rows if r.entry(LEAD)}  # type: ignore[union-attr]
    fresh = clerk.checks.set_status_for(Q2, keys, LEAD, NOT_DUE, versions, leases(clerk))
    assert [r.key for r in fresh] == keys
    assert [r.standing for r in fresh] == [NOT_DUE] * 3
    assert [r.entry(LEAD).version for r in fresh] == [2, 1, 1]  # type: ignore[union-attr]


def test_a_bulk_set_over_a_stale_row_sets_none(clerk: Workspace, admin: Workspace) -> None:
    keys = [r.key for r in clerk.checks.due_list(Q2).rows]
    record(admin, Q2, [(2, "市场科", LEAD, LATE)])
    with pytest.raises(InputError, match="第2项“双随机检查”（市场科）的一级核查已被他人修改"):
        clerk.checks.set_status_for(Q2, keys, LEAD, DONE, {}, leases(clerk))
    assert [r.standing for r in clerk.checks.due_list(Q2).rows] == [None, None, LATE]


# --- drafts copied forward -----------------------------------------------------------------


def test_the_previous_quarter_is_copied_as_drafts_that_never_stand(clerk: Workspace) -> None:
    first = change(clerk, Q1, 1, "综合科", actual="一季度抽检 30 批次")
    q1_held = leases(clerk, Q1)
    clerk.checks.set_checks(Q1, [first, change(clerk, Q1, 1, "市场科", status=PARTIAL)], q1_held)
    assert clerk.checks.copy_forward(Q1, q1_held) == 0  # nothing before Q1

    held = leases(clerk)
    assert clerk.checks.copy_forward(Q2, held) == 2  # task 2 was not due in Q1
    rows = clerk.checks.due_list(Q2).rows
    drafts = [r.entry(LEAD) for r in rows]
    assert [(d.status, d.draft, d.checker, d.check_date) for d in drafts if d] == [
        (DONE, True, None, None),
        (PARTIAL, True, None, None),
    ]
    assert drafts[0].actual == "一季度抽检 30 批次"  # type: ignore[union-attr]
    assert [r.standing for r in rows] == [None, None, None]  # drafts never stand
    assert clerk.checks.copy_forward(Q2, held) == 0  # nothing left to fill

    # Confirmed as it is, or by editing any field: it stands, checked by whoever confirmed.
    confirm = change(clerk, Q2, 1, "综合科", status=None, confirm_draft=True)
    edit = change(clerk, Q2, 1, "市场科", status=None, actual="二季度已整改到位")
    fresh = clerk.checks.set_checks(Q2, [confirm, edit], held)
    assert [r.standing for r in fresh] == [DONE, PARTIAL]
    confirmed = [r.entry(LEAD) for r in fresh]
    assert [(c.draft, c.checker, c.check_date) for c in confirmed if c] == [
        (False, CLERK_NAME, T0.date()),
        (False, CLERK_NAME, T0.date()),
    ]


def test_copy_forward_needs_the_leases_of_the_departments_it_fills(clerk: Workspace) -> None:
    record(clerk, Q1, [(1, "综合科", LEAD, DONE), (1, "市场科", LEAD, DONE)])
    mine = department_ids(clerk)["综合科"]
    only = leases(clerk, names=["综合科"])
    assert clerk.checks.copy_forward(Q2, only, department_ids=[mine]) == 1
    with pytest.raises(InputError, match="市场科的2026年第二季度查账未取得编辑锁"):
        clerk.checks.copy_forward(Q2, only)


# --- clearing ------------------------------------------------------------------------------


def test_a_check_is_cleared_unless_a_file_or_a_notice_refers_to_it(
    clerk: Workspace, admin: Workspace
) -> None:
    record(clerk, Q2, [(1, "综合科", LEAD, DONE), (1, "市场科", LEAD, MISSED)])
    held = leases(clerk)
    (cleared,) = clerk.checks.set_checks(
        Q2, [change(clerk, Q2, 1, "综合科", status=None, clear=True)], held
    )
    assert cleared.levels == (None, None, None) and cleared.standing is None
    assert _audit(clerk, "check_record")[-1].action == "delete"

    market = row(clerk, Q2, 1, "市场科").entry(LEAD)
    assert market is not None

    def refer(session: Session) -> None:
        task_id, department_id = key(clerk, 1, "市场科")
        notice = NoticeRow(
            number="督办〔2026〕第1号", year=2026, serial=1, color="red",
            department_id=department_id, period=str(Q2), issued_on=T0.date(),
            deadline=date(2026, 7, 15), content="抽检未完成", issued_by="admin",
        )  # fmt: skip
        notice.tasks.append(NoticeTaskRow(task_id=task_id, check_id=market.check_id))
        session.add(notice)
        session.add(
            EvidenceFileRow(
                check_id=market.check_id, file_name="抽检报告.pdf", sha256="0" * 64,
                size_bytes=10, media_type="application/pdf", added_by="admin", added_at=T0,
            )
        )  # fmt: skip

    admin.opened.unit_of_work("admin").write(refer)
    clear = change(clerk, Q2, 1, "市场科", status=None, clear=True)
    with pytest.raises(InputError) as refused:
        clerk.checks.set_checks(Q2, [clear], held)
    assert refused.value.errors == [
        "第1项“食品安全抽检”（市场科）的一级核查有 1 个佐证材料附件，请先删除附件再清除",
        "第1项“食品安全抽检”（市场科）的一级核查已被督办〔2026〕第1号引用，不能清除",
    ]
    assert row(clerk, Q2, 1, "市场科").entry(LEAD) == replace(market, evidence_files=1)


# --- the 三级 draw -------------------------------------------------------------------------


def test_a_draw_is_recorded_and_can_be_drawn_again_from_its_seed(
    clerk: Workspace, reviewer: Workspace
) -> None:
    with pytest.raises(InputError, match="2026年第二季度还没有已确认的查账记录"):
        reviewer.checks.draw_sample(Q2)
    record(clerk, Q2, [(1, "综合科", LEAD, DONE), (1, "市场科", LEAD, DONE)])
    with pytest.raises(InputError, match="只能按比例或按数量之一"):
        reviewer.checks.draw_sample(Q2, percent=50, count=1)

    sample = reviewer.checks.draw_sample(Q2, percent=50)
    population = [key(clerk, 1, "综合科"), key(clerk, 1, "市场科")]  # task 2 unrecorded
    assert (sample.population, sample.share_percent, sample.requested) == (2, 50, None)
    assert sample.drawn == tuple(draw_sample(population, sample.seed, percent=50))
    assert len(sample.drawn) == 1 and sample.drawn_by == "审核人reviewer"
    assert reviewer.checks.sample(Q2) == sample
    assert [r.sampled for r in clerk.checks.due_list(Q2).rows].count(True) == 1

    again = reviewer.checks.draw_sample(Q2)  # the settings' share: 10% of 2 → 1
    assert again.id > sample.id and again.share_percent == 10
    assert clerk.checks.sample(Q2) == again
    with clerk.opened.unit_of_work("test").read() as session:
        assert session.scalar(select(func.count()).select_from(CheckSampleRow)) == 2


def test_only_confirmed_checks_are_drawn(clerk: Workspace, reviewer: Workspace) -> None:
    record(clerk, Q1, [(1, "综合科", LEAD, DONE)])
    clerk.checks.copy_forward(Q2, leases(clerk))
    with pytest.raises(InputError, match="还没有已确认的查账记录"):
        reviewer.checks.draw_sample(Q2, count=3)
    with pytest.raises(PermissionDeniedError):
        clerk.checks.draw_sample(Q2)


def test_the_sample_list_prints_the_draw_and_its_pairs(
    clerk: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    record(clerk, Q2, [(1, "综合科", LEAD, DONE), (2, "市场科", LEAD, LATE)])
    reviewer.checks.draw_sample(Q2, count=2)
    with pytest.raises(InputError, match=r"文件夹.*不存在"):
        clerk.checks.sample_pdf(Q2, tmp_path / "没有" / "抽查.pdf")
    out = clerk.checks.sample_pdf(Q2, tmp_path / "抽查清单.pdf", printed_on=date(2026, 6, 21))
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "测试县市场监督管理局2026年第二季度局领导抽查清单" in text
    assert "按数量抽取2项" in text and "抽中2项" in text
    assert "（1）食品安全抽检" in text and "（2）双随机检查" in text
    assert "逾期完成" in text and "未录入" in text  # 一级 of task 2; 二级 of both
    assert "第1页共1页" in text and "打印日期：2026年6月21日" in text
    with pytest.raises(InputError, match="尚未抽取局领导抽查样本"):
        clerk.checks.sample_pdf(MAY, tmp_path / "五月.pdf")


# --- settings ------------------------------------------------------------------------------


def test_the_settings_are_saved_audited_and_decide_the_clerk_level(
    admin: Workspace, clerk: Workspace
) -> None:
    assert admin.checks.settings() == CheckSettings()
    wanted = CheckSettings(supervision_department="督查室", clerk_level=SUPERVISION)
    assert admin.checks.save_settings(wanted) == wanted
    assert clerk.checks.settings() == wanted
    assert clerk.checks.entry_levels() == (SUPERVISION,)
    (audit,) = [a for a in _audit(admin, "app_meta") if a.label == "查账设置"]
    assert json.loads(audit.after_json or "{}") == {
        "督查科室": {"from": None, "to": "督查室"},
        "录入员录入层级": {"from": "lead", "to": "supervision"},
    }

    with pytest.raises(InputError, match="督查科室“办公室”不是在用的科室"):
        admin.checks.save_settings(CheckSettings(supervision_department="办公室"))
    with pytest.raises(InputError, match="录入员录入层级只能是一级或二级"):
        admin.checks.save_settings(CheckSettings(clerk_level=LEADERSHIP))
    with pytest.raises(InputError, match="抽查比例应在"):
        admin.checks.save_settings(CheckSettings(sample_percent=0))
    with pytest.raises(PermissionDeniedError):
        clerk.checks.save_settings(CheckSettings())
    assert admin.checks.settings() == wanted


def test_a_reviewer_takes_and_keeps_a_check_lease(reviewer: Workspace, admin: Workspace) -> None:
    department = department_ids(admin)["督查室"]
    lease = reviewer.checks.acquire_lease(Q2, department)
    assert lease.label == "督查室2026年第二季度查账"
    reviewer.checks.heartbeat_lease(lease)
    holder = admin.leases.holder(lease.scope)
    assert holder is not None and holder.holder == "reviewer"
    reviewer.leases.release(lease)
    assert admin.leases.holder(lease.scope) is None
