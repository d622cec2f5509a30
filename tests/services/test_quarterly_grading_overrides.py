"""services/quarterly_grading: 等次 set by hand and 不定等次, as DESIGN §4 allows them.

The bureau (tests/services/grading_bureau.py) has five people on the 2026Q2 roster,
so the bureau-wide 好 quota is 2."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.grading_bureau import GRADING_BUREAU, Q2, grades, ids, score, take_leases

from kaohe_desktop.domain.enums import NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Flag
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, QuotaScope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.quarterly.views import GradingSheet
from kaohe_desktop.services.workspace import Workspace

T0 = datetime(2026, 6, 20, 10, 0, 0)
REASON = "经考核委员会研究决定"

# 95, 93, 91 may be 好; the quota of 2 leaves 李三 at 较好.
RANKED = {"P01": ("95", "95"), "P02": ("93", "93"), "P03": ("91", "91"), "P04": ("85", "85"),
          "P05": ("70", "70")}  # fmt: skip


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(GRADING_BUREAU)


@pytest.fixture
def clerk(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.CLERK, daily_backup=False, clock=Clock(T0))
    yield workspace
    workspace.close()


@pytest.fixture
def leases(clerk: Workspace) -> list[Lease]:
    return take_leases(clerk)


def _override(
    ws: Workspace, leases: list[Lease], code: str, grade: QuarterGrade | None, reason: str = REASON
) -> GradingSheet:
    row = next(r for r in ws.grading.sheet(Q2).rows if r.code == code)
    return ws.grading.set_override(Q2, row.person_id, grade, reason, row.version, leases)


def test_manual_good_is_refused_when_the_quota_has_no_room(
    clerk: Workspace, leases: list[Lease]
) -> None:
    sheet = score(clerk, RANKED, leases)
    assert grades(sheet) == {"P01": "好", "P02": "好", "P03": "较好", "P04": "较好", "P05": "一般"}
    with pytest.raises(InputError) as raised:
        _override(clerk, leases, "P03", QuarterGrade.GOOD)
    assert "好等次名额已满（全局名额 2 人，已用 2 人）" in str(raised.value)
    assert "李三（P03）" in str(raised.value)
    # Someone already 好 may have it confirmed by hand.
    confirmed = _override(clerk, leases, "P01", QuarterGrade.GOOD)
    row = confirmed.row(ids(clerk)["P01"])
    assert row.grade is QuarterGrade.GOOD and row.outcome.overridden
    assert row.remark() == f"人工定为好：{REASON}"


def test_manual_good_takes_a_free_slot(clerk: Workspace, leases: list[Lease]) -> None:
    # 5 participants → quota 2: 张一 95 takes one, 王二 and 李三 tie at 92 for the other.
    score(clerk, {**RANKED, "P02": ("92", "92"), "P03": ("92", "92")}, leases)
    assert clerk.grading.sheet(Q2).grading.quotas[0].remaining == 1
    with pytest.raises(InputError, match="必须填写理由"):
        _override(clerk, leases, "P02", QuarterGrade.GOOD, reason=" ")
    sheet = _override(clerk, leases, "P02", QuarterGrade.GOOD)
    assert grades(sheet)["P02"] == "好" and grades(sheet)["P03"] == "较好"
    assert sheet.blockers() == []
    assert sheet.grading.quotas[0].remaining == 0


def test_manual_good_below_the_good_line_is_refused(clerk: Workspace, leases: list[Lease]) -> None:
    score(clerk, {**RANKED, "P02": ("85", "85"), "P03": ("80", "80")}, leases)
    assert clerk.grading.sheet(Q2).grading.quotas[0].remaining == 1  # a slot is free
    with pytest.raises(InputError, match=r"综合得分 85\.00 未达到好等次分数线 90"):
        _override(clerk, leases, "P04", QuarterGrade.GOOD)


def test_manual_good_needs_both_scores(clerk: Workspace, leases: list[Lease]) -> None:
    score(clerk, {"P01": ("95", None)}, leases)
    with pytest.raises(InputError, match="尚未录入实绩分和领导测评分"):
        _override(clerk, leases, "P01", QuarterGrade.GOOD)


def test_per_department_quota_names_the_department(path: Path, clerk: Workspace) -> None:
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        admin.grading.set_rules(Q2, QuarterlyRules(quota_scope=QuotaScope.DEPARTMENT))
    finally:
        admin.close()
    leases = take_leases(clerk)
    sheet = score(clerk, RANKED, leases)
    assert [(label, q.quota) for label, q in sheet.quota_lines()] == [
        ("综合科", 0),
        ("市场科", 0),
        ("质量科", 0),
    ]  # two people: floor(0.8) = 0
    assert set(grades(sheet).values()) == {"较好", "一般"}
    with pytest.raises(InputError, match=r"综合科名额 0 人，已用 0 人"):
        _override(clerk, leases, "P01", QuarterGrade.GOOD)


def test_fairly_good_only_settles_a_tie(clerk: Workspace, leases: list[Lease]) -> None:
    # 93/93 twice straddles the second slot: both 较好, flagged.
    sheet = score(clerk, {**RANKED, "P03": ("93", "93")}, leases)
    assert grades(sheet)["P02"] == grades(sheet)["P03"] == "较好"
    assert sheet.row(ids(clerk)["P02"]).flag is Flag.TIE_OVER_QUOTA
    with pytest.raises(InputError, match="较好只用于与好等次最后一个名额并列、超出名额的人员"):
        _override(clerk, leases, "P04", QuarterGrade.FAIRLY_GOOD)
    with pytest.raises(InputError, match="必须填写理由"):
        _override(clerk, leases, "P02", QuarterGrade.FAIRLY_GOOD, reason="")
    settled = _override(
        clerk, leases, "P02", QuarterGrade.FAIRLY_GOOD, "并列超出名额，经考核委员会研究定为较好"
    )
    # The committee kept 王二 at 较好, which leaves the last slot to 李三.
    assert grades(settled) == {
        "P01": "好",
        "P02": "较好",
        "P03": "好",
        "P04": "较好",
        "P05": "一般",
    }
    assert settled.blockers() == []


def test_poor_needs_a_reason_and_holds_above_ninety(clerk: Workspace, leases: list[Lease]) -> None:
    score(clerk, RANKED, leases)
    with pytest.raises(InputError, match="人工定为较差必须填写理由"):
        _override(clerk, leases, "P01", QuarterGrade.POOR, reason="")
    with pytest.raises(InputError, match="调整理由最多 200 个字，现在是 201 个"):
        _override(clerk, leases, "P01", QuarterGrade.POOR, reason="由" * 201)
    sheet = _override(clerk, leases, "P01", QuarterGrade.POOR, "受到警告处分")
    assert grades(sheet) == {"P01": "较差", "P02": "好", "P03": "好", "P04": "较好", "P05": "一般"}
    assert sheet.row(ids(clerk)["P01"]).remark() == "人工定为较差：受到警告处分"
    cleared = _override(clerk, leases, "P01", None, "")
    assert grades(cleared)["P01"] == "好" and cleared.row(ids(clerk)["P01"]).override is None


def test_average_is_never_set_by_hand(clerk: Workspace, leases: list[Lease]) -> None:
    score(clerk, RANKED, leases)
    with pytest.raises(InputError, match="不能人工定为一般"):
        _override(clerk, leases, "P05", QuarterGrade.AVERAGE)


def test_a_stale_version_refuses_the_override(clerk: Workspace, leases: list[Lease]) -> None:
    sheet = score(clerk, RANKED, leases)
    row = sheet.row(ids(clerk)["P05"])
    score(clerk, {"P05": ("71", "70")}, leases)  # the row moved on since `sheet`
    with pytest.raises(InputError, match="钱五（P05）的平时考核已被他人修改，已重新载入"):
        clerk.grading.set_override(Q2, row.person_id, QuarterGrade.POOR, REASON, 1, leases)
    assert clerk.grading.sheet(Q2).row(row.person_id).override is None


def test_not_graded_leaves_the_quota_base_and_clears_the_override(
    clerk: Workspace, leases: list[Lease]
) -> None:
    score(clerk, RANKED, leases)
    _override(clerk, leases, "P05", QuarterGrade.POOR, "旷工")
    person = ids(clerk)["P05"]
    row = clerk.grading.sheet(Q2).row(person)
    sheet = clerk.grading.set_not_graded(
        Q2, person, NoGradeReason.INVESTIGATION, row.version, leases
    )
    row = sheet.row(person)
    assert row.grade_text == "不定等次" and row.override is None and row.rank is None
    assert row.remark() == "不定等次（立案调查）"
    assert sheet.grading.quotas[0].participants == 4 and sheet.grading.quotas[0].quota == 1
    with pytest.raises(InputError, match="不评等次，不能调整等次"):
        _override(clerk, leases, "P05", QuarterGrade.POOR, "旷工")
    back = clerk.grading.set_not_graded(Q2, person, None, row.version, leases)
    assert back.row(person).grade_text == "一般"


def test_not_graded_for_someone_not_yet_scored(clerk: Workspace, leases: list[Lease]) -> None:
    person = ids(clerk)["P04"]
    sheet = clerk.grading.set_not_graded(Q2, person, NoGradeReason.PROBATION, None, leases)
    assert sheet.row(person).grade_text == "不定等次"
    assert not any("赵四" in line for line in sheet.blockers())
    assert sheet.rules_frozen
