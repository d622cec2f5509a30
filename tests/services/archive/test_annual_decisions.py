"""services/archive/annual: 优秀 recommendations within the quota, grades set by hand,
the 备注, the year's 优秀 share, the year's lease. Every refusal writes nothing.

The bureau (tests/services/archive/annual_bureau.py): eligible P01 and P04 only;
8 participants, so the quota is 1 at 20% and 2 at 25%."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.factories import CopyMaster, sign_in
from tests.services.archive.annual_bureau import ANNUAL_BUREAU, YEAR, grades, ids, rows

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.enums import AnnualGrade
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.errors import InputError, LeaseLostError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import AnnualAssessmentRow

BASIC, NOT_PARTICIPATING = AnnualGrade.BASICALLY_COMPETENT, AnnualGrade.NOT_PARTICIPATING


@pytest.fixture
def admin(copy_master: CopyMaster) -> Iterator[Workspace]:
    path: Path = copy_master(ANNUAL_BUREAU)
    workspace = sign_in(path, daily_backup=False)
    yield workspace
    workspace.close()


@pytest.fixture
def lease(admin: Workspace) -> Lease:
    return admin.annual.acquire_lease(YEAR)


def _stored(workspace: Workspace) -> dict[int, tuple[object, ...]]:
    """The year's annual rows: person id → (grade, reason, recommended, note, decided)."""
    with workspace.opened.unit_of_work("test").read() as session:
        return {
            r.person_id: (r.grade, r.reason, r.recommended, r.note, r.decided_on is not None)
            for r in session.scalars(
                select(AnnualAssessmentRow).where(AnnualAssessmentRow.year == YEAR)
            )
        }


def test_recommending_the_eligible_within_the_quota(admin: Workspace, lease: Lease) -> None:
    people = ids(admin)
    sheet = admin.annual.recommend(YEAR, people["P04"], [lease])
    p04 = rows(sheet)["P04"]
    assert (p04.recommended, p04.grade, p04.flag) == (True, "优秀", None)
    assert p04.assessment_id is not None and p04.version == 1
    assert (sheet.counter.quota, sheet.counter.recommended, sheet.counter.remaining) == (1, 1, 0)
    assert _stored(admin) == {people["P04"]: (None, None, True, None, True)}
    # The year's rules are frozen at its first decision.
    assert admin.annual.rules(YEAR) == (AnnualRules(), True)


def test_an_ineligible_person_cannot_be_recommended(admin: Workspace, lease: Lease) -> None:
    people = ids(admin)
    with pytest.raises(InputError, match="乙二（P02）不符合优秀资格：四季度一般"):
        admin.annual.recommend(YEAR, people["P02"], [lease])
    with pytest.raises(InputError, match="丙三（P03）不符合优秀资格：2026-03-10 警告"):
        admin.annual.recommend(YEAR, people["P03"], [lease])
    with pytest.raises(InputError, match="戊五（P05）本年度不定等次（2026-04-01 严重警告）"):
        admin.annual.recommend(YEAR, people["P05"], [lease])
    assert _stored(admin) == {}
    assert admin.annual.rules(YEAR) == (AnnualRules(), False)  # nothing frozen either


def test_over_the_quota_is_refused_and_nothing_written(admin: Workspace, lease: Lease) -> None:
    people = ids(admin)
    admin.annual.recommend(YEAR, people["P04"], [lease])
    before = _stored(admin)
    with pytest.raises(InputError, match=r"优秀名额已满（名额 1，已推荐 1）"):
        admin.annual.recommend(YEAR, people["P01"], [lease])
    assert _stored(admin) == before
    # Withdrawn, the place is free again.
    admin.annual.withdraw(YEAR, people["P04"], [lease])
    sheet = admin.annual.recommend(YEAR, people["P01"], [lease])
    assert {c for c, g in grades(sheet).items() if g == "优秀"} == {"P01"}


def test_withdrawing_what_was_never_recommended_is_refused(admin: Workspace, lease: Lease) -> None:
    with pytest.raises(InputError, match="甲一（P01）没有被推荐为优秀"):
        admin.annual.withdraw(YEAR, ids(admin)["P01"], [lease])


def test_a_hand_grade_needs_its_reason_and_withdraws_a_recommendation(
    admin: Workspace, lease: Lease
) -> None:
    people = ids(admin)
    admin.annual.recommend(YEAR, people["P04"], [lease])
    with pytest.raises(InputError, match="将丁四（P04）定为基本称职须填写理由"):
        admin.annual.set_grade(YEAR, people["P04"], BASIC, "  ", [lease])
    assert rows(admin.annual.sheet(YEAR))["P04"].grade == "优秀"

    sheet = admin.annual.set_grade(YEAR, people["P04"], BASIC, " 工作失误 ", [lease])
    p04 = rows(sheet)["P04"]
    assert (p04.grade, p04.hand_grade, p04.reason, p04.recommended) == (
        "基本称职", "基本称职", "工作失误", False,
    )  # fmt: skip
    assert sheet.counter.recommended == 0
    # None: back to the rules' grade (称职 for a participant).
    sheet = admin.annual.set_grade(YEAR, people["P04"], None, None, [lease])
    assert (rows(sheet)["P04"].grade, rows(sheet)["P04"].hand_grade) == ("称职", None)


def test_the_rules_grades_cannot_be_overruled_by_hand(admin: Workspace, lease: Lease) -> None:
    people = ids(admin)
    refused = "戊五（P05）本年度不定等次（2026-04-01 严重警告），不能定为称职"
    with pytest.raises(InputError, match=refused):
        admin.annual.set_grade(YEAR, people["P05"], AnnualGrade.COMPETENT, None, [lease])
    with pytest.raises(InputError, match="退休甲（P11）本年度不参加（已退休），不能定为不称职"):
        admin.annual.set_grade(YEAR, people["P11"], AnnualGrade.INCOMPETENT, "旷工", [lease])
    with pytest.raises(InputError, match="只能手工设为称职、基本称职、不称职、不参加"):
        admin.annual.set_grade(YEAR, people["P01"], AnnualGrade.EXCELLENT, None, [lease])
    assert _stored(admin) == {}


def test_not_participating_by_hand_shrinks_the_base(admin: Workspace, lease: Lease) -> None:
    people = ids(admin)
    sheet = admin.annual.set_grade(YEAR, people["P07"], NOT_PARTICIPATING, "长期病休", [lease])
    p07 = rows(sheet)["P07"]
    assert (p07.participation, p07.grade, p07.limits) == ("不参加", "不参加", "长期病休")
    assert (sheet.counter.participants, sheet.counter.not_participating) == (7, 2)


def test_a_note_is_kept_and_cleared(admin: Workspace, lease: Lease) -> None:
    person = ids(admin)["P07"]
    sheet = admin.annual.set_note(YEAR, person, " 借调市局半年 ", [lease])
    assert rows(sheet)["P07"].note == "借调市局半年"
    sheet = admin.annual.set_note(YEAR, person, "", [lease])
    assert rows(sheet)["P07"].note is None
    assert _stored(admin) == {person: (None, None, False, None, True)}


def test_someone_not_on_the_years_list_is_refused(admin: Workspace, lease: Lease) -> None:
    # P12 has a department stint in 2026: the message says why they are not listed.
    with pytest.raises(
        InputError, match="退休乙（P12）不在2026年度考核名单中（已退休，且该年度没有平时考核记录）"
    ):
        admin.annual.set_note(YEAR, ids(admin)["P12"], "备注", [lease])
    with pytest.raises(InputError, match="人员（内部编号 99999）不存在"):
        admin.annual.recommend(YEAR, 99999, [lease])


def test_the_share_needs_its_reason_and_moves_the_quota(admin: Workspace, lease: Lease) -> None:
    people = ids(admin)
    with pytest.raises(InputError, match="优秀比例 25% 须注明依据"):
        admin.annual.set_share(YEAR, Decimal("0.25"), " ")
    with pytest.raises(InputError, match="优秀比例只能是 15%、20%、25%，而不是 30%"):
        admin.annual.set_share(YEAR, Decimal("0.3"), "县委决定")
    assert admin.annual.rules(YEAR) == (AnnualRules(), False)

    sheet = admin.annual.set_share(YEAR, Decimal("0.25"), "县考核委员会〔2026〕3号")
    assert (sheet.counter.share, sheet.counter.quota) == (Decimal("0.25"), 2)  # ⌊8 × 25%⌋
    assert sheet.rules.share_reason == "县考核委员会〔2026〕3号" and sheet.rules_frozen
    admin.annual.recommend(YEAR, people["P01"], [lease])
    sheet = admin.annual.recommend(YEAR, people["P04"], [lease])
    assert (sheet.counter.recommended, sheet.counter.remaining) == (2, 0)
    # Back to 20% (quota 1) with two recommended: one must be withdrawn first.
    with pytest.raises(InputError, match="已推荐 2 人，须先取消 1 人的推荐"):
        admin.annual.set_share(YEAR, Decimal("0.2"), "")
    assert admin.annual.rules(YEAR)[0].excellent_share == Decimal("0.25")


def test_a_decision_needs_the_years_lease_still_held(admin: Workspace, lease: Lease) -> None:
    person = ids(admin)["P04"]
    with pytest.raises(InputError, match="2026年度考核未取得编辑锁"):
        admin.annual.recommend(YEAR, person, [])
    admin.leases.release(lease)
    with pytest.raises(LeaseLostError, match="“2026年度考核”的编辑锁已被他人接管"):
        admin.annual.recommend(YEAR, person, [lease])
    assert _stored(admin) == {}
    # A fresh lease works; the stale one still does not.
    fresh = admin.annual.acquire_lease(YEAR)
    admin.annual.recommend(YEAR, person, [fresh])
    with pytest.raises(LeaseLostError):
        admin.annual.withdraw(YEAR, person, [lease])


def test_clearing_what_was_never_set_writes_nothing(admin: Workspace, lease: Lease) -> None:
    # A blank 备注 or "back to the rules' grade" for someone with nothing stored changes
    # nothing: no empty row, no audit entry, and the year's rules are not frozen by it.
    person = ids(admin)["P07"]
    admin.annual.set_note(YEAR, person, "  ", [lease])
    admin.annual.set_grade(YEAR, person, None, None, [lease])
    assert _stored(admin) == {}
    assert admin.annual.rules(YEAR) == (AnnualRules(), False)
