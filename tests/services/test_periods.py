"""services/periods: who may close and reopen, what a closed period locks (in the
database, whichever way the write comes), and the history of who did what and why.

The demo bureau (2025 and 2026, every quarter filled) with none of its periods closed yet
(DEMO_ROLES_UNCLOSED: a clean history to close and reopen in) is generated once per run
and copied for each test."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import DEMO_ROLES_UNCLOSED, Clock, CopyMaster, sign_in
from tests.services.scoring.score_helpers import settle_ties

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import (
    InputError,
    LockHistoryError,
    PeriodClosedError,
    PermissionDeniedError,
)
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import (
    AdjustmentRow,
    CheckRow,
    PeriodLockRow,
    QuarterlyAssessmentRow,
)

T0 = datetime(2026, 7, 3, 16, 20, 45)
_stamp = itertools.count(1)


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(DEMO_ROLES_UNCLOSED)


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def admin(path: Path, clock: Clock) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False, clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def reviewer(path: Path, clock: Clock) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.REVIEWER, daily_backup=False, clock=clock)
    yield workspace
    workspace.close()


# --- writes of rows of a given period (as any screen's service would make them) ----------


def _touch(model: type, column: str, period: str, attribute: str) -> Callable[[Session], None]:
    def work(session: Session) -> None:
        statement = select(model).where(getattr(model, column) == period).limit(1)
        row = session.scalars(statement).one()
        setattr(row, attribute, f"更正 {next(_stamp)}")

    return work


def assessment(period: str) -> Callable[[Session], None]:
    return _touch(QuarterlyAssessmentRow, "quarter", period, "override_reason")


def check(period: str) -> Callable[[Session], None]:
    return _touch(CheckRow, "period", period, "actual")


def adjustment(period: str) -> Callable[[Session], None]:
    return _touch(AdjustmentRow, "half", period, "doc_no")


def _refused(workspace: Workspace, work: Callable[[Session], None]) -> PeriodClosedError:
    with pytest.raises(PeriodClosedError) as raised:
        workspace._uow.write(work)
    return raised.value


# --- who may close and reopen -------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CLERK, Role.VIEWER])
def test_only_reviewer_and_administrator_close(path: Path, role: Role) -> None:
    workspace = sign_in(path, role, daily_backup=False)
    try:
        with pytest.raises(PermissionDeniedError, match="无权关闭期间"):
            workspace.periods.close("2026H1", "上半年结束")
        assert workspace.periods.closed_periods() == []
    finally:
        workspace.close()


def test_a_reviewer_closes_and_the_history_says_who_and_when(reviewer: Workspace) -> None:
    settle_ties(reviewer)  # the demo's half has a tie for the committee
    reviewer.periods.close("2026h1", "  上半年考核结束  ")
    assert reviewer.periods.closed_periods() == ["2026H1"]
    [lock] = reviewer.periods.history()
    assert (lock.period, lock.closed_by, lock.close_note) == (
        "2026H1",
        "reviewer",
        "上半年考核结束",
    )
    assert lock.closed_at == T0 and lock.closed
    assert (lock.reopened_at, lock.reopened_by, lock.reopen_reason) == (None, None, None)


def test_closing_twice_is_refused(reviewer: Workspace) -> None:
    reviewer.periods.close("2026Q1")
    with pytest.raises(InputError, match="2026年第一季度已关闭"):
        reviewer.periods.close("2026Q1")
    assert len(reviewer.periods.history()) == 1


def test_months_and_nonsense_cannot_be_closed(reviewer: Workspace) -> None:
    with pytest.raises(InputError, match="是月份"):
        reviewer.periods.close("2026-05")
    with pytest.raises(InputError):
        reviewer.periods.close("上半年")
    assert reviewer.periods.history() == []


def test_reopening_needs_the_administrator_and_a_reason(
    admin: Workspace, reviewer: Workspace, clock: Clock
) -> None:
    reviewer.periods.close("2026Q2", "季度结束")
    with pytest.raises(PermissionDeniedError, match="无权重新开放已关闭的期间"):
        reviewer.periods.reopen("2026Q2", "发现错误")
    for blank in ("", "   "):
        with pytest.raises(InputError, match="重新开放期间 2026Q2 必须填写理由"):
            admin.periods.reopen("2026Q2", blank)
    with pytest.raises(InputError, match="期间 2026Q3 没有关闭"):
        admin.periods.reopen("2026Q3", "理由")
    assert admin.periods.closed_periods() == ["2026Q2"]

    clock.now = datetime(2026, 7, 10, 8, 0, 0)
    admin.periods.reopen("2026Q2", "  张三的实绩分录错，需更正  ")
    assert admin.periods.closed_periods() == []
    [lock] = admin.periods.history()
    assert lock.closed_by == "reviewer" and not lock.closed
    assert (lock.reopened_at, lock.reopened_by, lock.reopen_reason) == (
        datetime(2026, 7, 10, 8, 0, 0),
        "admin",
        "张三的实绩分录错，需更正",
    )


def test_history_keeps_every_close_newest_first(admin: Workspace, reviewer: Workspace) -> None:
    reviewer.periods.close("2026Q2", "第一次")
    admin.periods.reopen("2026Q2", "更正")
    reviewer.periods.close("2026Q2", "第二次")
    # A year with nothing left to check (the demo's 2026 still waits for its December).
    admin.periods.close("2025", "全年")
    history = admin.periods.history()
    assert [(h.period, h.close_note, h.closed) for h in history] == [
        ("2025", "全年", True),
        ("2026Q2", "第二次", True),
        ("2026Q2", "第一次", False),
    ]
    assert admin.periods.closed_periods() == ["2025", "2026Q2"]
    # Both the closes and the reopen are in the audit log, under their accounts.
    entries = admin.audit_log.entries(AuditFilter(entity="period_lock"))
    assert [(e.action, e.account) for e in entries] == [
        ("insert", "admin"),
        ("insert", "reviewer"),
        ("update", "admin"),
        ("insert", "reviewer"),
    ]


def test_the_history_of_closes_cannot_be_deleted_or_rewritten(
    admin: Workspace, reviewer: Workspace
) -> None:
    reviewer.periods.close("2026Q1")
    with pytest.raises(LockHistoryError):
        admin._uow.write(lambda s: s.delete(s.scalars(select(PeriodLockRow)).one()))
    admin.periods.reopen("2026Q1", "更正")

    def rewrite(session: Session) -> None:
        session.scalars(select(PeriodLockRow)).one().reopen_reason = "别的理由"

    with pytest.raises(LockHistoryError):
        admin._uow.write(rewrite)
    assert admin.periods.history()[0].reopen_reason == "更正"


# --- what a closed period locks ------------------------------------------------------


def test_closing_a_half_year_locks_its_quarters_months_and_scores(
    admin: Workspace, reviewer: Workspace
) -> None:
    for work in (assessment("2026Q2"), check("2026-05"), adjustment("2026H1")):
        admin._uow.write(work)  # all open before the close
    settle_ties(reviewer)
    reviewer.periods.close("2026H1")

    error = _refused(admin, assessment("2026Q2"))
    assert error.table == "quarterly_assessment"
    assert str(error) == (
        "未保存：要修改的“平时考核”属于已关闭的期间，数据库拒绝了修改。"
        "如确需更正，请管理员先重新开放该期间（需填写理由）。"
    )
    assert "“平时考核”" in str(_refused(admin, assessment("2026Q1")))
    assert "“查账记录”" in str(_refused(admin, check("2026-05")))
    assert "“查账记录”" in str(_refused(admin, check("2026Q2")))
    assert "“加减分”" in str(_refused(admin, adjustment("2026H1")))
    # The other half year is untouched.
    for work in (assessment("2026Q3"), check("2026-07"), adjustment("2026H2")):
        admin._uow.write(work)


def test_closing_a_quarter_does_not_lock_its_half_year_scores(
    admin: Workspace, reviewer: Workspace
) -> None:
    reviewer.periods.close("2026Q2")
    assert "“平时考核”" in str(_refused(admin, assessment("2026Q2")))
    assert "“查账记录”" in str(_refused(admin, check("2026-05")))
    # 2026H1 spans more than the closed quarter: its adjustments stay open, and so
    # does the quarter before.
    admin._uow.write(adjustment("2026H1"))
    admin._uow.write(assessment("2026Q1"))
    admin._uow.write(check("2026-03"))


def test_a_closed_row_cannot_be_deleted_or_added_either(
    admin: Workspace, reviewer: Workspace
) -> None:
    reviewer.periods.close("2026Q2")

    def delete(session: Session) -> None:
        statement = select(QuarterlyAssessmentRow).where(QuarterlyAssessmentRow.quarter == "2026Q2")
        session.delete(session.scalars(statement.limit(1)).one())

    assert _refused(admin, delete).table == "quarterly_assessment"

    def move_in(session: Session) -> None:
        # Moving a row into the closed quarter is a change to that quarter.
        statement = select(QuarterlyAssessmentRow).where(QuarterlyAssessmentRow.quarter == "2026Q3")
        row = session.scalars(statement.limit(1)).one()
        row.quarter = "2026Q2"

    assert _refused(admin, move_in).table == "quarterly_assessment"


def test_after_reopening_rows_change_again(admin: Workspace, reviewer: Workspace) -> None:
    settle_ties(reviewer)
    reviewer.periods.close("2026H1")
    _refused(admin, assessment("2026Q2"))
    admin.periods.reopen("2026H1", "补录遗漏的点评")
    admin._uow.write(assessment("2026Q2"))
    admin._uow.write(check("2026-05"))
    admin._uow.write(adjustment("2026H1"))


def test_an_import_into_a_closed_period_is_refused_whole(
    admin: Workspace, reviewer: Workspace
) -> None:
    book = admin.exporter.book()
    settle_ties(reviewer)
    reviewer.periods.close("2026H1")
    # The unchanged workbook writes nothing and so is accepted.
    assert admin.importer.apply(book).changed == 0

    index = next(i for i, a in enumerate(book.assessments) if a.quarter == "2026Q2")
    changed = dataclasses.replace(
        book.assessments[index], performance=book.assessments[index].performance - Decimal(1)
    )
    edited = dataclasses.replace(
        book, assessments=[*book.assessments[:index], changed, *book.assessments[index + 1 :]]
    )
    with pytest.raises(PeriodClosedError, match="“平时考核”属于已关闭的期间"):
        admin.importer.apply(edited)
    admin.periods.reopen("2026H1", "导入更正")
    assert admin.importer.apply(edited).changed >= 1
