"""services/archive/annual_sheet: the year's list, each person's standing worked by hand
(tests/services/archive/annual_bureau.py has the table), the quota, the open quarter
read from its grid, one person's years for the archive."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from tests.factories import CopyMaster, sign_in
from tests.services.archive.annual_bureau import ANNUAL_BUREAU, YEAR, grades, ids, rows
from tests.services.grading_bureau import changes, take_leases

from kaohe_desktop.domain.annual_assessment import QuotaCounter
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.archive.annual_sheet import build_annual_sheet, person_annual
from kaohe_desktop.services.archive.views import ArchiveAnnual
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import Workspace

Q4 = Quarter(YEAR, 4)
FAIR = ("较好",) * 4


@pytest.fixture
def admin(copy_master: CopyMaster) -> Iterator[Workspace]:
    path: Path = copy_master(ANNUAL_BUREAU)
    workspace = sign_in(path, daily_backup=False)
    yield workspace
    workspace.close()


def test_the_list_is_everyone_in_service_and_whoever_has_rows_in_department_order(
    admin: Workspace,
) -> None:
    sheet = admin.annual.sheet(YEAR)
    # P12 is retired with nothing in 2026: not listed. P11 retired with a Q1 row: 不参加.
    assert [r.code for r in sheet.rows] == [f"P{n:02d}" for n in range(1, 12)]
    assert [r.department for r in sheet.rows] == ["综合科"] * 5 + ["市场科"] * 6
    assert (sheet.year, sheet.bureau, sheet.closed) == (YEAR, "测试县市场监督管理局", False)
    # Q1–Q3 closed, Q4 open: the sheet is a draft and says which quarter.
    assert sheet.open_quarters == ("2026Q4",)
    assert sheet.draft
    assert sheet.blockers() == []


def test_each_standing_as_worked_by_hand(admin: Workspace) -> None:
    by_code = rows(admin.annual.sheet(YEAR))
    expected = {
        # 编号: (quarters, 好次数, participation, 优秀资格, 限制情形, 年度等次)
        "P01": (("好", "好", "较好", "较好"), 2, "参加考核", True, "", "称职"),
        "P02": (("好", "好", "好", "一般"), 3, "参加考核", False, "四季度一般", "称职"),
        "P03": (("好",) * 4, 4, "参加考核", False, "2026-03-10 警告", "称职"),
        "P04": (("好",) * 4, 4, "参加考核", True, "", "称职"),
        "P05": (FAIR, 0, "不定等次", False, "2026-04-01 严重警告", "不定等次"),
        "P06": (FAIR, 0, "不定等次", False, "2025-10-15 记大过，影响至2026年", "不定等次"),
        "P07": (FAIR, 0, "参加考核", False, "好次数不足一半（好 0 次，已评定 4 个季度）", "称职"),
        "P11": (("较好", None, None, None), 0, "不参加", False, "已退休", "不参加"),
    }
    found = {
        code: (r.quarter_grades, r.good_count, r.participation, r.eligible, r.limits, r.grade)
        for code, r in by_code.items()
        if code in expected
    }
    assert found == expected
    assert all(not r.recommended and r.hand_grade is None for r in by_code.values())
    assert all(r.assessment_id is None and r.flag is None for r in by_code.values())


def test_the_quota_leaves_not_graded_and_not_participating_out_of_the_base(
    admin: Workspace,
) -> None:
    # 8 participants: ⌊8 × 20%⌋ = 1 (with the two 不定等次 counted it would be ⌊10 × 20%⌋ = 2).
    assert admin.annual.sheet(YEAR).counter == QuotaCounter(8, 2, 1, Decimal("0.2"), 1, 0)


def test_an_open_quarter_is_read_from_its_grid(admin: Workspace) -> None:
    assert rows(admin.annual.sheet(YEAR))["P01"].quarter_grades[3] == "较好"
    # P01 raised to 95/95 in the open Q4 (two 好 there so far, four places): 好 in Q4,
    # read again although the service keeps the open quarter's grades between reads.
    leases = take_leases(admin, Q4, ["综合科"])
    sheet = admin.grading.sheet(Q4)
    admin.grading.set_scores(Q4, changes(sheet, {"P01": ("95", "95")}), leases)
    p01 = rows(admin.annual.sheet(YEAR))["P01"]
    assert (p01.quarter_grades, p01.good_count) == (("好", "好", "较好", "好"), 3)


def test_a_year_without_quarters_lists_everyone_in_service(admin: Workspace) -> None:
    sheet = admin.annual.sheet(2027)
    # Nobody graded: no quarter marks, so nobody is eligible; everyone 称职 but the
    # retired (no rows in 2027: not listed) and P06 (记大过 2025 reaches 2026 only).
    assert [r.code for r in sheet.rows] == [f"P{n:02d}" for n in range(1, 11)]
    assert set(grades(sheet).values()) == {"称职"}
    assert sheet.open_quarters == ("2027Q1", "2027Q2", "2027Q3", "2027Q4")
    assert sheet.counter.quota == 2  # ⌊10 × 20%⌋


def test_a_bad_year_is_refused_in_words(admin: Workspace) -> None:
    with pytest.raises(InputError, match="年度“1066”无法识别"):
        admin.annual.sheet(1066)


def test_one_persons_years_for_the_archive(admin: Workspace) -> None:
    people = ids(admin)
    with admin.opened.unit_of_work("test").read() as session:
        assert person_annual(session, people["P01"]) == (
            ArchiveAnnual(YEAR, "称职", False, 2, True, "", None, None),
        )
        assert person_annual(session, people["P05"]) == (
            ArchiveAnnual(YEAR, "不定等次", False, 0, False, "2026-04-01 严重警告", None, None),
        )
        assert person_annual(session, people["P12"]) == ()
        # The same standing as the whole year's sheet gives.
        sheet = build_annual_sheet(session, YEAR)
    assert rows(sheet)["P01"].grade == "称职"
