"""人员类别 a quarter's scheme leaves ungraded (QuarterlyRules.ungraded_categories: the
局领导) are off the quarter everywhere the roster decides (services/quarterly/roster):
the grid and its 好 quota, score entry, the ranking, the workbook import of 平时考核
rows (refused, naming the row) — and off the year's 年度考核 and its 优秀 quota.

The small bureau of tests/services/grading_bureau: 赵四 (P04) is the one 机关正科级, the
category these tests leave ungraded.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.grading_bureau import GRADING_BUREAU, Q2, SECTION, changes, ids, take_leases

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.records import AssessmentRecord, ExchangeBook
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import QuarterlyAssessmentRow

T0 = datetime(2026, 6, 20, 10, 0, 0)
LEADERS_RULES = QuarterlyRules(ungraded_categories=(SECTION,))


@pytest.fixture
def admin(copy_master: CopyMaster) -> Iterator[Workspace]:
    workspace = sign_in(
        copy_master(GRADING_BUREAU), Role.ADMIN, daily_backup=False, clock=Clock(T0)
    )
    yield workspace
    workspace.close()


def _codes(workspace: Workspace) -> list[str]:
    return [row.code for row in workspace.grading.sheet(Q2).rows]


def test_an_ungraded_category_is_off_the_roster_and_the_quota(admin: Workspace) -> None:
    assert "P04" in _codes(admin)
    assert [q.quota for _, q in admin.grading.sheet(Q2).quota_lines()] == [2]  # ⌊5 × 40%⌋
    sheet = admin.grading.set_rules(Q2, LEADERS_RULES)
    assert [row.code for row in sheet.rows] == ["P01", "P02", "P03", "P05"]
    assert [q.quota for _, q in sheet.quota_lines()] == [1]  # ⌊4 × 40%⌋
    assert ("不参加平时考核", SECTION) in sheet.rules.describe()


def test_a_later_quarter_inherits_the_rule(admin: Workspace) -> None:
    admin.grading.set_rules(Q2, LEADERS_RULES)
    later = admin.grading.sheet(Quarter(2026, 3))
    assert "P04" not in [row.code for row in later.rows]


def test_a_score_for_an_ungraded_person_is_refused_in_words(admin: Workspace) -> None:
    before = admin.grading.sheet(Q2)
    admin.grading.set_rules(Q2, LEADERS_RULES)
    with pytest.raises(InputError) as refused:
        admin.grading.set_scores(Q2, changes(before, {"P04": ("90", "90")}), take_leases(admin))
    assert "赵四（P04）属于“机关正科级”类别" in str(refused.value)
    assert "不参加平时考核" in str(refused.value)


def test_the_ranking_leaves_them_out(admin: Workspace) -> None:
    admin.grading.set_rules(Q2, LEADERS_RULES)
    sheet = admin.grading.sheet(Q2)
    admin.grading.set_scores(
        Q2, changes(sheet, {code: ("88", "90") for code in _codes(admin)}), take_leases(admin)
    )
    book = admin.ranking.book(Q2)
    ranked = [p.code for category in book.categories for p in category.rows]
    listed = [p.code for section in book.departments for p in section.people]
    assert sorted(ranked) == sorted(listed) == ["P01", "P02", "P03", "P05"]
    assert [c.name for c in book.categories] == ["一般公务员"]  # 机关正科级 had only 赵四


def test_an_imported_row_for_an_ungraded_person_is_refused_naming_the_row(
    admin: Workspace, tmp_path: Path
) -> None:
    admin.grading.set_rules(Q2, LEADERS_RULES)
    book = ExchangeBook(
        assessments=[
            AssessmentRecord(str(Q2), "P01", Decimal("90"), Decimal("90")),
            AssessmentRecord(str(Q2), "P04", Decimal("90"), Decimal("90")),
        ]
    )
    path = tmp_path / "平时考核.xlsx"
    write_workbook(book, path)
    with pytest.raises(InputError) as refused:
        admin.importer.import_workbook(path)
    message = str(refused.value)
    assert "工作表“平时考核” 第 3 行" in message
    assert "赵四（P04）属于“机关正科级”类别" in message and "不能导入" in message
    with admin.opened.unit_of_work("test").read() as session:  # nothing written, not P01
        assert session.scalar(select(func.count()).select_from(QuarterlyAssessmentRow)) == 0


def test_the_year_leaves_them_off_its_list_and_its_quota(admin: Workspace) -> None:
    """The 局领导 are assessed for the year by the county's organisation department, under
    its own 优秀 quota: the bureau's 年度考核 neither lists them nor counts them."""
    assert "P04" in [row.code for row in admin.annual.sheet(2026).rows]
    admin.grading.set_rules(Q2, LEADERS_RULES)
    sheet = admin.annual.sheet(2026)
    assert "P04" not in [row.code for row in sheet.rows]


def test_a_decision_for_them_in_the_year_is_refused_saying_why(admin: Workspace) -> None:
    admin.grading.set_rules(Q2, LEADERS_RULES)
    person = ids(admin)["P04"]
    lease = admin.annual.acquire_lease(2026)
    with pytest.raises(InputError) as refused:
        admin.annual.recommend(2026, person, [lease])
    assert "赵四（P04）不在2026年度考核名单中（属于“机关正科级”类别" in str(refused.value)
