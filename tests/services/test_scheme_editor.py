"""管理 → 考核方案… (services/schemes/editor.py and services/common/scheme_rows.py): the
periods listed per kind, a scheme set ahead, frozen by the period's first entry and
then refused in words, inheritance, the version check, the audit line in words, a
closed period, the roles. On the small grading bureau (tests/services/grading_bureau)
on 2026-05-06, in 2026Q2 / 2026H1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.grading_bureau import GRADING_BUREAU, Q2, score, take_leases
from tests.services.scoring.score_helpers import add, deduction

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.periods import HalfYear, Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.archive.annual_scheme import freeze_annual_rules
from kaohe_desktop.services.errors import InputError, PeriodClosedError, PermissionDeniedError
from kaohe_desktop.services.schemes.editor import SchemeKind, SchemePeriodView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import SchemeRow

T0 = datetime(2026, 5, 6, 9, 30, 0)
QUARTERLY, HALF_YEAR, ANNUAL = SchemeKind.QUARTERLY, SchemeKind.HALF_YEAR, SchemeKind.ANNUAL
WEIGHTED = QuarterlyRules(performance_weight=Decimal("0.6"), leader_weight=Decimal("0.4"))


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(GRADING_BUREAU)


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(T0))
    yield workspace
    workspace.close()


def _view(workspace: Workspace, kind: SchemeKind, period: str) -> SchemePeriodView:
    return workspace.schemes.period(kind, period)


def _rows(workspace: Workspace) -> int:
    with workspace.opened.unit_of_work("test").read() as session:
        return int(session.scalar(select(func.count()).select_from(SchemeRow)) or 0)


def test_each_kind_lists_its_periods_through_the_next_one(admin: Workspace) -> None:
    """Nothing entered yet: from this year through the period after today's."""
    listed = {kind: admin.schemes.periods(kind) for kind in SchemeKind}
    assert [v.period for v in listed[QUARTERLY]] == ["2026Q1", "2026Q2", "2026Q3"]
    assert [v.period for v in listed[HALF_YEAR]] == ["2026H1", "2026H2"]
    assert [v.period for v in listed[ANNUAL]] == ["2026", "2027"]
    first = listed[QUARTERLY][0]
    assert (first.label, first.source_text, first.state_text) == (
        "2026年第一季度",
        "默认方案",
        "可修改",
    )
    assert first.describe()[0] == ("综合得分", "实绩分 × 50% + 领导测评分 × 50%")
    assert first.editable_fields >= {"good_quota", "ungraded_categories"}


def test_a_scheme_set_ahead_is_kept_by_the_first_entry_and_then_refused(admin: Workspace) -> None:
    ahead = admin.schemes.save(QUARTERLY, "2026Q2", WEIGHTED, 0)
    assert (ahead.source_text, ahead.state_text, ahead.version) == ("本期方案", "可修改", 1)
    # Later quarters inherit it; an earlier one does not.
    assert _view(admin, QUARTERLY, "2026Q3").source_text == "沿用2026年第二季度的方案"
    assert _view(admin, QUARTERLY, "2026Q1").source_text == "默认方案"
    # Still editable before the first entry (a second change, on the version read).
    changed = admin.schemes.save(
        QUARTERLY, "2026Q2", replace(WEIGHTED, praise_points=Decimal(3)), 1
    )
    assert changed.version == 2 and changed.frozen_at is None

    sheet = score(admin, {"P01": ("80", "90")}, take_leases(admin))
    assert sheet.rules == changed.rules  # the scheme set ahead is the one graded by
    frozen = _view(admin, QUARTERLY, "2026Q2")
    assert frozen.frozen_at == T0 and frozen.state_text == "已于 2026-05-06 09:30 冻结"
    assert frozen.editable_fields == frozenset() and "冻结" in (frozen.read_only_reason or "")

    with pytest.raises(
        InputError, match=r"已于 2026-05-06 09:30 冻结：本期已有考核记录，方案不能再改"
    ):
        admin.schemes.save(QUARTERLY, "2026Q2", WEIGHTED, frozen.version)
    with pytest.raises(InputError, match="冻结"):  # the grading tab's own path: the same rule
        admin.grading.set_rules(Q2, WEIGHTED)
    assert _view(admin, QUARTERLY, "2026Q2").rules == changed.rules
    # The next quarter is still the administrator's to prepare.
    assert admin.schemes.save(QUARTERLY, "2026Q3", WEIGHTED, 0).state_text == "可修改"


def test_the_first_entry_without_a_scheme_freezes_the_inherited_one(admin: Workspace) -> None:
    admin.schemes.save(QUARTERLY, "2026Q1", WEIGHTED, 0)
    score(admin, {"P01": ("80", "90")}, take_leases(admin))
    q2 = _view(admin, QUARTERLY, "2026Q2")
    assert (q2.source_text, q2.rules, q2.frozen_at) == ("本期方案", WEIGHTED, T0)
    # Changing 2026Q1 afterwards does not reach the frozen Q2.
    admin.schemes.save(QUARTERLY, "2026Q1", QuarterlyRules(), 1)
    assert _view(admin, QUARTERLY, "2026Q2").rules == WEIGHTED


def test_bad_rules_are_refused_in_words_and_nothing_is_written(admin: Workspace) -> None:
    with pytest.raises(InputError, match="实绩分权重与领导测评分权重之和应为 100%，现为 120%"):
        admin.schemes.save(QUARTERLY, "2026Q3", replace(WEIGHTED, leader_weight=Decimal("0.6")), 0)
    with pytest.raises(InputError, match="等次分数线应满足"):
        admin.schemes.save(QUARTERLY, "2026Q3", QuarterlyRules(good_min=Decimal(70)), 0)
    with pytest.raises(InputError, match="等次比例应在 0%–100% 之间"):
        admin.schemes.save(HALF_YEAR, "2026H2", HalfYearRules(good_quota=Decimal("1.5")), 0)
    with pytest.raises(InputError, match="不是季度"):
        admin.schemes.save(QUARTERLY, "2026H2", QuarterlyRules(), 0)
    assert _rows(admin) == 0


def test_a_second_administrator_saving_the_same_period_is_told(
    admin: Workspace, path: Path
) -> None:
    other = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(T0))
    try:
        read_by_me = _view(admin, QUARTERLY, "2026Q3")
        read_by_them = _view(other, QUARTERLY, "2026Q3")
        other.schemes.save(QUARTERLY, "2026Q3", WEIGHTED, read_by_them.version)
        with pytest.raises(InputError, match="在您打开后已被他人修改"):
            admin.schemes.save(
                QUARTERLY, "2026Q3", QuarterlyRules(good_quota=Decimal("0.3")), read_by_me.version
            )
        assert _view(admin, QUARTERLY, "2026Q3").rules == WEIGHTED  # theirs, not overwritten
    finally:
        other.close()


def test_every_change_is_in_the_audit_log_in_words(admin: Workspace) -> None:
    admin.schemes.save(QUARTERLY, "2026Q3", QuarterlyRules(good_quota=Decimal("0.3")), 0)
    (entry,) = [
        e for e in admin.audit_log.entries(AuditFilter(entity="scheme")) if e.action == "setting"
    ]
    assert entry.label == "2026Q3 平时考核方案"
    assert json.loads(entry.after_json or "{}") == {"“好”等次比例": "40% → 30%"}
    rows = [
        e for e in admin.audit_log.entries(AuditFilter(entity="scheme")) if e.action == "insert"
    ]
    assert [e.label for e in rows] == ["2026Q3"]  # the row itself, as every row


def test_a_closed_period_is_read_only(admin: Workspace) -> None:
    admin.grading.close_quarter(Quarter(2019, 4))  # before anyone joined: nothing to grade
    closed = _view(admin, QUARTERLY, "2019Q4")
    assert closed.state_text == "已关闭" and closed.editable_fields == frozenset()
    with pytest.raises(InputError, match="2019年第四季度已关闭"):
        admin.schemes.save(QUARTERLY, "2019Q4", WEIGHTED, closed.version)
    with pytest.raises(PeriodClosedError):  # the grading tab's own path
        admin.grading.set_rules(Quarter(2019, 4), WEIGHTED)


def test_a_half_year_is_frozen_by_its_first_adjustment(admin: Workspace) -> None:
    half = HalfYear(2026, 1)
    rules = HalfYearRules(attendance_max=Decimal(50))
    assert admin.schemes.save(HALF_YEAR, "2026H1", rules, 0).state_text == "可修改"
    add(admin, deduction(admin, "综合科", "-1"), half)
    frozen = _view(admin, HALF_YEAR, "2026H1")
    assert frozen.frozen_at == T0 and frozen.rules == rules
    with pytest.raises(InputError, match="冻结"):
        admin.scoring.set_rules(half, HalfYearRules())
    assert _view(admin, HALF_YEAR, "2026H2").source_text == "沿用2026年上半年的方案"


def test_a_frozen_year_keeps_its_excellent_share_open(admin: Workspace) -> None:
    """The 优秀 share is decided during the year (15% / 25% with a reason); the rest of
    a frozen year's scheme is not."""
    admin._uow.write(lambda session: freeze_annual_rules(session, 2026, T0))  # a first decision
    frozen = _view(admin, ANNUAL, "2026")
    assert frozen.editable_fields == {"excellent_share", "share_reason"}
    with pytest.raises(InputError, match="优秀比例及其依据仍可修改"):
        admin.schemes.save(ANNUAL, "2026", AnnualRules(principal_talks=Decimal(3)), frozen.version)
    shared = AnnualRules(excellent_share=Decimal("0.25"), share_reason="县考核委员会〔2026〕3号")
    saved = admin.schemes.save(ANNUAL, "2026", shared, frozen.version)
    assert saved.rules == shared and saved.frozen_at == T0
    # 修改比例… on the 年度考核 tab goes by the same rule.
    admin.annual.set_share(2026, Decimal("0.15"), "县委决定")
    assert _view(admin, ANNUAL, "2026").rules.excellent_share == Decimal("0.15")


def test_only_an_administrator_changes_a_scheme(admin: Workspace, path: Path) -> None:
    clerk = sign_in(path, Role.CLERK, daily_backup=False, clock=Clock(T0))
    try:
        assert clerk.schemes.periods(QUARTERLY)  # everyone reads them
        with pytest.raises(PermissionDeniedError):
            clerk.schemes.save(QUARTERLY, "2026Q3", WEIGHTED, 0)
    finally:
        clerk.close()
    assert _rows(admin) == 0
