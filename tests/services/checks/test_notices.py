"""督办单 and 整改 through the Workspace, on the small bureau of notice_bureau.py: the
suggested notice worked out by hand, numbering, refusals, the deduction in the half
year's 加减分, withdrawal, rectification, overdue lists and verification."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.checks.notice_bureau import (
    MAY,
    NOTICE_BUREAU,
    Q2,
    Q3,
    SUPERVISION,
    check_id,
    department_ids,
    task_id,
)

from kaohe_desktop.domain.enums import AdjustmentCategory, NoticeColor
from kaohe_desktop.domain.half_year_scoring import SourceKind
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.checks.counters import last_serial
from kaohe_desktop.services.checks.views import NoticeDraft, NoticeView, RectificationDraft
from kaohe_desktop.services.errors import InputError, PeriodClosedError, PermissionDeniedError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.errors import ConflictError, LockHistoryError
from kaohe_desktop.storage.models import NoticeRow

TODAY = datetime(2026, 7, 10, 9, 0)
H1 = HalfYear(2026, 1)


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(NOTICE_BUREAU)


@pytest.fixture
def clock() -> Clock:
    return Clock(TODAY)


@pytest.fixture
def admin(path: Path, clock: Clock) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False, clock=clock)
    yield workspace
    workspace.close()


def _draft(ws: Workspace, department: str = "市场科", **changes: object) -> NoticeDraft:
    """A notice by hand about task 2 of 市场科, issued today, due in 15 days."""
    draft = NoticeDraft(
        color=NoticeColor.YELLOW,
        department_id=department_ids(ws)[department],
        period=Q2,
        task_ids=(task_id(ws, 2),),
        content="双随机检查逾期完成",
        deadline=date(2026, 7, 25),
        issued_on=date(2026, 7, 10),
    )
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


def _notices_stored(ws: Workspace) -> tuple[int, int]:
    """(notice rows, the 2026 counter)."""
    with ws._uow.read() as session:
        rows = session.scalar(select(func.count()).select_from(NoticeRow))
        return int(rows or 0), last_serial(session, "notice", 2026)


def _deductions(ws: Workspace, half: HalfYear = H1) -> list[tuple[str, str, Decimal, str | None]]:
    return [
        (a.department, a.category.value, a.points, a.doc_no)
        for a in ws.scoring.sheet(half).adjustments
        if a.category is AdjustmentCategory.BUSINESS
    ]


# --- suggest ------------------------------------------------------------------------------


def test_a_notice_from_two_checks_of_one_department_says_what_went_wrong(
    admin: Workspace,
) -> None:
    checks = [check_id(admin, 1, "市场科"), check_id(admin, 2, "市场科")]
    draft = admin.notices.suggest(Q2, checks)
    # 部分完成 due 6-30 (10 days ago, within the 30 of red) and 逾期完成: both 黄.
    assert draft.color is NoticeColor.YELLOW
    assert draft.department_id == department_ids(admin)["市场科"]
    assert draft.task_ids == (task_id(admin, 1), task_id(admin, 2))
    assert draft.check_ids == tuple(checks)
    assert draft.content == (
        "第1项“食品安全抽检”：二季度查账为部分完成（实际：完成抽检 60 批次）；"
        "第2项“双随机检查”：二季度查账为逾期完成（实际：6月20日完成）。"
    )
    assert (draft.issued_on, draft.deadline) == (date(2026, 7, 10), date(2026, 7, 25))
    assert draft.deduction is None


def test_the_highest_level_given_speaks_and_a_month_overdue_turns_red(
    admin: Workspace, clock: Clock
) -> None:
    given = [
        check_id(admin, 1, "市场科"),
        check_id(admin, 1, "市场科", level=SUPERVISION),
    ]
    draft = admin.notices.suggest(Q2, given)
    assert draft.check_ids == (given[1],)
    assert draft.content == "第1项“食品安全抽检”：二季度查账为未完成（实际：仅完成 40 批次）。"
    assert draft.color is NoticeColor.YELLOW  # a routine task, 10 days after 6-30
    clock.now = datetime(2026, 8, 5, 9, 0)  # 36 days after 6-30: more than 30
    assert admin.notices.suggest(Q2, given).color is NoticeColor.RED


def test_a_key_task_not_done_is_red_at_once(admin: Workspace) -> None:
    draft = admin.notices.suggest(MAY, [check_id(admin, 3, "质量科", MAY)])
    assert draft.color is NoticeColor.RED
    assert draft.content == "第3项“质量提升行动”：5月查账为未完成（实际：未开展）。"


def test_one_notice_goes_to_one_department(admin: Workspace) -> None:
    mixed = [check_id(admin, 1, "综合科"), check_id(admin, 2, "市场科")]
    with pytest.raises(
        InputError, match="一张督办单只能下达给一个科室：所选记录涉及 综合科、市场科"
    ):
        admin.notices.suggest(Q2, mixed)


def test_a_due_task_with_nothing_recorded_gets_a_blue_reminder(admin: Workspace) -> None:
    pair = (task_id(admin, 1), department_ids(admin)["综合科"])
    draft = admin.notices.suggest(Q3, unrecorded=[pair])
    assert draft.color is NoticeColor.BLUE  # due 9-30, today 7-10
    assert draft.content == "第1项“食品安全抽检”：三季度未录入查账记录（应于9月30日前完成）。"
    assert draft.check_ids == ()


def test_a_notice_by_hand_starts_blank_with_the_default_deadline(admin: Workspace) -> None:
    department = department_ids(admin)["质量科"]
    draft = admin.notices.suggest(Q3, department_id=department)
    assert (draft.department_id, draft.task_ids, draft.content) == (department, (), "")
    assert draft.deadline == date(2026, 7, 25)
    with pytest.raises(InputError, match="请选择要督办的查账记录"):
        admin.notices.suggest(Q3)


# --- issue ------------------------------------------------------------------------------


def test_numbers_run_per_year_of_the_issue_date(admin: Workspace) -> None:
    first = admin.notices.issue(_draft(admin))
    second = admin.notices.issue(_draft(admin, content="第二张"))
    january = _draft(admin, period=Q3, issued_on=date(2027, 1, 5), deadline=date(2027, 1, 20))
    next_year = admin.notices.issue(dataclasses.replace(january, task_ids=(task_id(admin, 1),)))
    assert [first.number, second.number, next_year.number] == [
        "督办〔2026〕第1号",
        "督办〔2026〕第2号",
        "督办〔2027〕第1号",
    ]
    assert (first.issued_by, first.closed, first.department) == ("admin", False, "市场科")
    assert [(t.seq, t.title) for t in first.tasks] == [(2, "双随机检查")]
    assert [n.number for n in admin.notices.notices(2026)] == [first.number, second.number]
    assert [n.number for n in admin.notices.notices(period=Q3)] == [next_year.number]


def test_a_notice_issued_from_checks_keeps_the_check_of_each_task(admin: Workspace) -> None:
    checks = [check_id(admin, 1, "市场科"), check_id(admin, 2, "市场科")]
    issued = admin.notices.issue(admin.notices.suggest(Q2, checks))
    assert [(t.seq, t.check_id) for t in issued.tasks] == [(1, checks[0]), (2, checks[1])]


def test_a_refused_notice_names_every_problem_and_takes_no_number(admin: Workspace) -> None:
    bad = _draft(
        admin,
        content="  ",
        deadline=date(2026, 7, 1),
        deduction=Decimal("1.234"),
        task_ids=(task_id(admin, 3), task_id(admin, 1, year=2025)),
        check_ids=(check_id(admin, 1, "综合科"),),
    )
    with pytest.raises(InputError) as refused:
        admin.notices.issue(bad)
    assert refused.value.errors == [
        "存在问题不能为空",
        "整改时限 2026-07-01 早于下达日期 2026-07-10",
        "扣分最多两位小数，现在是 1.234",
        "第3项“质量提升行动”的责任科室中没有“市场科”",
        "第1项“上年度任务”是 2025 年的任务，不是 2026 年的",
        "查账记录（2026Q2，一级）属于另一个科室；一张督办单只能下达给一个科室",
    ]
    assert _notices_stored(admin) == (0, 0)
    assert admin.notices.issue(_draft(admin)).number == "督办〔2026〕第1号"


def test_a_retired_department_gets_no_notice(admin: Workspace) -> None:
    with pytest.raises(InputError, match="科室“旧科室”已撤销"):
        admin.notices.issue(_draft(admin, department="旧科室", task_ids=()))


@pytest.mark.parametrize(
    ("deduction", "problem"),
    [
        (Decimal(0), "扣分应大于 0 且不超过 100 分"),
        (Decimal(-3), "扣分应大于 0 且不超过 100 分"),
        (Decimal("100.5"), "扣分应大于 0 且不超过 100 分"),
        (Decimal("0.125"), "扣分最多两位小数"),
    ],
)
def test_a_deduction_is_more_than_0_at_most_100_in_hundredths(
    admin: Workspace, deduction: Decimal, problem: str
) -> None:
    with pytest.raises(InputError, match=problem):
        admin.notices.issue(_draft(admin, deduction=deduction))
    assert admin.notices.issue(_draft(admin, deduction=Decimal(100))).deduction == 100


def test_the_number_is_found_however_its_brackets_are_typed(admin: Workspace) -> None:
    issued = admin.notices.issue(_draft(admin))
    for typed in ("督办〔2026〕第1号", "督办[2026]第1号", "督办【2026】第1号", " 督办(2026)第1号 "):
        assert admin.notices.notice(typed).id == issued.id
    with pytest.raises(InputError, match="没有编号为 督办〔2026〕第9号 的督办单。"):
        admin.notices.notice("督办〔2026〕第9号")
    with pytest.raises(InputError, match="应写作 督办〔2026〕第3号"):
        admin.notices.notice("第1号")


# --- the deduction in the half year --------------------------------------------------------


def test_a_deduction_is_the_half_years_business_deduction_under_the_notice_number(
    admin: Workspace,
) -> None:
    issued = admin.notices.issue(_draft(admin, deduction=Decimal(5)))
    number = "督办〔2026〕第1号"
    assert _deductions(admin) == [("市场科", "business", Decimal(-5), number)]
    (adjustment,) = admin.scoring.sheet(H1).adjustments
    assert adjustment.reason == "督办单扣分：双随机检查逾期完成"
    assert adjustment.on == date(2026, 7, 10)
    notice_sources = [
        (result.name, source.points, source.doc_no)
        for result in admin.scoring.scoring(H1).results
        for source in result.sources
        if source.kind is SourceKind.NOTICE
    ]
    assert notice_sources == [("市场科", Decimal(-5), number)]

    edited = admin.notices.update(
        issued.id, issued.version, color=NoticeColor.RED, content="双随机检查逾期且未报",
        deadline=date(2026, 7, 20), deduction=Decimal("2.5"),
    )  # fmt: skip
    assert _deductions(admin) == [("市场科", "business", Decimal("-2.5"), number)]
    assert admin.scoring.sheet(H1).adjustments[0].reason == "督办单扣分：双随机检查逾期且未报"
    assert (edited.color, edited.deadline, edited.deduction) == (
        NoticeColor.RED,
        date(2026, 7, 20),
        Decimal("2.5"),
    )
    cleared = admin.notices.update(
        edited.id, edited.version, color=edited.color, content=edited.content,
        deadline=edited.deadline, deduction=None,
    )  # fmt: skip
    assert _deductions(admin) == []
    admin.notices.update(
        cleared.id, cleared.version, color=cleared.color, content=cleared.content,
        deadline=cleared.deadline, deduction=Decimal(3),
    )  # fmt: skip
    assert _deductions(admin) == [("市场科", "business", Decimal(-3), number)]


def test_a_notice_of_the_second_half_deducts_from_the_second_half(admin: Workspace) -> None:
    draft = _draft(admin, period=Q3, task_ids=(task_id(admin, 1),), deduction=Decimal(4))
    admin.notices.issue(draft)
    assert _deductions(admin) == []
    assert _deductions(admin, HalfYear(2026, 2)) == [
        ("市场科", "business", Decimal(-4), "督办〔2026〕第1号")
    ]


def test_an_edit_of_a_stale_version_is_refused(admin: Workspace) -> None:
    issued = admin.notices.issue(_draft(admin))
    admin.notices.update(
        issued.id, issued.version, color=issued.color, content="改过一次",
        deadline=issued.deadline, deduction=None,
    )  # fmt: skip
    with pytest.raises(ConflictError):
        admin.notices.update(
            issued.id, issued.version, color=issued.color, content="用旧版本再改",
            deadline=issued.deadline, deduction=Decimal(9),
        )  # fmt: skip
    assert admin.notices.notice(issued.number).content == "改过一次"
    assert _deductions(admin) == []


# --- withdrawal ----------------------------------------------------------------------------


def test_a_withdrawn_number_is_never_given_again_and_its_deduction_goes(
    admin: Workspace,
) -> None:
    first = admin.notices.issue(_draft(admin, deduction=Decimal(5)))
    admin.notices.issue(_draft(admin, content="第二张"))
    with pytest.raises(InputError, match="撤回督办单必须填写理由"):
        admin.notices.withdraw(first.id, first.version, " ")
    assert admin.notices.withdraw(first.id, first.version, "科室填错") == "督办〔2026〕第1号"
    assert _deductions(admin) == []
    assert admin.notices.issue(_draft(admin, content="第三张")).number == "督办〔2026〕第3号"
    assert [n.number for n in admin.notices.notices(2026)] == [
        "督办〔2026〕第2号",
        "督办〔2026〕第3号",
    ]
    with pytest.raises(InputError, match="该编号已经用过，督办单可能已撤回"):
        admin.notices.notice("督办〔2026〕第1号")
    entries = admin.audit_log.entries(AuditFilter(entity="notice"))
    (event,) = [e for e in entries if e.action == "withdraw"]
    assert (event.action_label, event.label) == ("撤回", "督办〔2026〕第1号")
    assert "科室填错" in (event.after_json or "")


# --- 整改 ---------------------------------------------------------------------------------


def _plan(deadline: date = date(2026, 8, 10), result: str | None = None) -> RectificationDraft:
    return RectificationDraft(
        target="双随机检查按期完成",
        items="补查 12 户；更新抽查名录",
        deadline=deadline,
        measures="专人负责，每周报进度",
        result=result,
    )


def test_an_open_notice_is_overdue_after_its_deadline_then_after_its_rectifications(
    admin: Workspace,
) -> None:
    issued = admin.notices.issue(_draft(admin))  # 整改时限 7-25
    assert admin.notices.overdue(date(2026, 7, 25)) == []
    assert [n.number for n in admin.notices.overdue(date(2026, 7, 26))] == [issued.number]
    planned = admin.notices.set_rectification(issued.id, _plan(), None)  # 整改时限 8-10
    assert planned.rectification is not None and not planned.rectification.verified
    assert admin.notices.overdue(date(2026, 7, 26)) == []
    assert [n.number for n in admin.notices.overdue(date(2026, 8, 11))] == [issued.number]


def test_verifying_needs_a_result_and_closes_the_notice(path: Path, clock: Clock) -> None:
    clerk = sign_in(path, Role.CLERK, daily_backup=False, clock=clock)
    reviewer = sign_in(path, Role.REVIEWER, daily_backup=False, clock=clock)
    try:
        issued = clerk.notices.issue(_draft(clerk, deduction=Decimal(2)))
        planned = clerk.notices.set_rectification(issued.id, _plan(), None)
        assert planned.rectification is not None
        with pytest.raises(InputError, match="尚未填写整改结果，不能核实"):
            reviewer.notices.verify_rectification(
                issued.id, planned.rectification.version, "王督查", date(2026, 7, 10)
            )
        done = clerk.notices.set_rectification(
            issued.id, _plan(result="已补查 12 户"), planned.rectification.version
        )
        assert done.rectification is not None and done.rectification.result == "已补查 12 户"
        with pytest.raises(PermissionDeniedError):
            clerk.notices.verify_rectification(
                issued.id, done.rectification.version, "录入员", date(2026, 7, 10)
            )
        closed = reviewer.notices.verify_rectification(
            issued.id, done.rectification.version, "王督查", date(2026, 7, 10)
        )
        assert closed.closed
        assert closed.rectification is not None
        assert (closed.rectification.verified_by, closed.rectification.verified_on) == (
            "王督查",
            date(2026, 7, 10),
        )
        assert clerk.notices.overdue(date(2026, 12, 31)) == []
        _closed_notice_is_history(clerk, closed)
    finally:
        clerk.close()
        reviewer.close()


def _closed_notice_is_history(ws: Workspace, closed: NoticeView) -> None:
    assert closed.rectification is not None
    with pytest.raises(InputError, match="已核实销号，不能再修改"):
        ws.notices.update(
            closed.id, closed.version, color=closed.color, content="再改",
            deadline=closed.deadline, deduction=None,
        )  # fmt: skip
    with pytest.raises(InputError, match="已核实销号，不能再修改整改情况"):
        ws.notices.set_rectification(closed.id, _plan(), closed.rectification.version)
    with pytest.raises(InputError, match="已核实销号，不能再撤回"):
        ws.notices.withdraw(closed.id, closed.version, "想撤回")
    # The deduction stays: the rectification does not undo it.
    assert _deductions(ws) == [("市场科", "business", Decimal(-2), closed.number)]


def test_a_rectification_written_meanwhile_is_not_overwritten(admin: Workspace) -> None:
    issued = admin.notices.issue(_draft(admin))
    admin.notices.set_rectification(issued.id, _plan(), None)
    with pytest.raises(ConflictError):
        admin.notices.set_rectification(issued.id, _plan(date(2026, 9, 1)), None)
    with pytest.raises(InputError, match="整改目标不能为空"):
        admin.notices.set_rectification(issued.id, dataclasses.replace(_plan(), target=""), 1)
    kept = admin.notices.notice(issued.number).rectification
    assert kept is not None and (kept.version, kept.deadline) == (1, date(2026, 8, 10))


def test_a_closed_period_refuses_the_notice_and_keeps_its_number(admin: Workspace) -> None:
    issued = admin.notices.issue(_draft(admin))
    admin.periods.close("2026Q2", "季度结束")
    with pytest.raises(PeriodClosedError):
        admin.notices.issue(_draft(admin, content="关闭后"))
    with pytest.raises(PeriodClosedError):
        admin.notices.update(
            issued.id, issued.version, color=issued.color, content="关闭后改写",
            deadline=issued.deadline, deduction=None,
        )  # fmt: skip
    with pytest.raises(PeriodClosedError):
        admin.notices.withdraw(issued.id, issued.version, "关闭后撤回")
    assert _notices_stored(admin) == (1, 1)
    later = _draft(admin, period=Q3, task_ids=(task_id(admin, 1),))
    assert admin.notices.issue(later).number == "督办〔2026〕第2号"


def test_rectification_goes_on_after_the_period_closes_and_a_verified_one_is_fixed(
    admin: Workspace,
) -> None:
    """整改时限 falls after the quarter, which is closed once graded: the 整改 is still
    written and verified, and the notice is marked 已销号 (migration 0005); what was
    verified is history, even for a raw UPDATE that bypasses the service."""
    issued = admin.notices.issue(_draft(admin))
    admin.periods.close("2026Q2", "季度结束")
    planned = admin.notices.set_rectification(issued.id, _plan(result="已补查"), None)
    assert planned.rectification is not None
    closed = admin.notices.verify_rectification(
        issued.id, planned.rectification.version, "王督查", date(2026, 7, 10)
    )
    assert closed.closed and admin.notices.notice(issued.number).closed

    def rewrite(session: Session) -> None:
        session.execute(text("UPDATE rectification SET result = '改写' WHERE verified"))

    with pytest.raises(LockHistoryError, match="已经核实销号"):
        admin._uow.write(rewrite)


# --- printing ----------------------------------------------------------------------------


def test_the_printed_notice_reads_back(admin: Workspace, tmp_path: Path) -> None:
    checks = [check_id(admin, 1, "市场科"), check_id(admin, 2, "市场科")]
    draft = dataclasses.replace(admin.notices.suggest(Q2, checks), deduction=Decimal("1.5"))
    issued = admin.notices.issue(draft)
    admin.notices.set_rectification(issued.id, _plan(result="已补查完毕"), None)
    out = admin.notices.notice_pdf("督办[2026]第1号", tmp_path / "督办单.pdf")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = "".join(reader.pages[0].extract_text().split())
    for expected in (
        "督办〔2026〕第1号", "黄色督办", "督办单", "测试县市场监督管理局", "市场科",
        "2026年第二季度", "第1项食品安全抽检", "第2项双随机检查", "部分完成", "6月20日完成",
        "2026年7月25日前", "1.5分", "双随机检查按期完成", "已补查完毕", "督查室（签章）",
        "整改中", "第1页共1页",
    ):  # fmt: skip
        assert expected in text, expected
