"""Closing a year's 年度考核 (PeriodService.close on "2026"): refused while anything is
flagged, nothing written; else its open quarter stored first, every listed person's
outcome stored and shown as stored even after a discipline is added; reopened by the
administrator with a reason, the year is computed again. The bureau:
tests/services/archive/annual_bureau.py (quota 1 at 20%, 2 at 25%)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.factories import CopyMaster, sign_in
from tests.services.archive.annual_bureau import ANNUAL_BUREAU, YEAR, grades, ids, rows

from kaohe_desktop.domain.enums import AnnualGrade, DisciplineType
from kaohe_desktop.domain.records import ExchangeBook, RewardRecord
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.archive.annual_sheet import person_annual
from kaohe_desktop.services.archive.views import ArchiveAnnual
from kaohe_desktop.services.errors import InputError, PeriodClosedError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import AnnualAssessmentRow, PeriodLockRow, QuarterlyAssessmentRow

EXPECTED = {
    "P01": "称职", "P02": "称职", "P03": "称职", "P04": "优秀", "P05": "不定等次",
    "P06": "不定等次", "P07": "称职", "P08": "称职", "P09": "称职", "P10": "称职",
    "P11": "不参加",
}  # fmt: skip


@pytest.fixture
def admin(copy_master: CopyMaster) -> Iterator[Workspace]:
    path: Path = copy_master(ANNUAL_BUREAU)
    workspace = sign_in(path, daily_backup=False)
    yield workspace
    workspace.close()


@pytest.fixture
def lease(admin: Workspace) -> Lease:
    return admin.annual.acquire_lease(YEAR)


def _stored(workspace: Workspace) -> dict[str, tuple[object, ...]]:
    """By 编号: (final_grade, eligible, good_count, limits) of the year's rows."""
    with workspace.opened.unit_of_work("test").read() as session:
        return {
            r.person.code: (r.final_grade, r.eligible, r.good_count, r.limits)
            for r in session.scalars(
                select(AnnualAssessmentRow).where(AnnualAssessmentRow.year == YEAR)
            )
        }


def _count(workspace: Workspace, model: type[object], *where: object) -> int:
    with workspace.opened.unit_of_work("test").read() as session:
        statement = select(func.count()).select_from(model).where(*where)  # type: ignore[arg-type]
        return int(session.scalar(statement) or 0)


def _add_discipline(workspace: Workspace, code: str, on: date, kind: DisciplineType) -> None:
    workspace.importer.apply(ExchangeBook(rewards=[RewardRecord(code, on, kind)]))


def test_closing_stores_every_grade_and_a_closed_year_shows_them(
    admin: Workspace, lease: Lease
) -> None:
    admin.annual.recommend(YEAR, ids(admin)["P04"], [lease])
    admin.leases.release(lease)
    admin.periods.close(str(YEAR), "年度考核结束")

    stored = _stored(admin)
    assert {code: AnnualGrade(v[0]).label for code, v in stored.items()} == EXPECTED
    assert stored["P01"] == ("competent", True, 2, "")
    assert stored["P02"] == ("competent", False, 3, "四季度一般")
    assert stored["P06"] == ("not_graded", False, 0, "2025-10-15 记大过，影响至2026年")
    assert stored["P11"] == ("not_participating", False, 0, "已退休")
    # Its open quarter was stored first (the marks the year read are final).
    assert _count(admin, QuarterlyAssessmentRow, QuarterlyAssessmentRow.quarter == "2026Q4",
                  QuarterlyAssessmentRow.grade.is_(None)) == 0  # fmt: skip

    # A discipline entered after the close does not change the posted result.
    _add_discipline(admin, "P01", date(2026, 11, 2), DisciplineType.SERIOUS_WARNING)
    sheet = admin.annual.sheet(YEAR)
    assert sheet.closed and sheet.open_quarters == () and not sheet.draft
    assert grades(sheet) == EXPECTED
    p01 = rows(sheet)["P01"]
    assert (p01.participation, p01.eligible, p01.good_count, p01.limits) == (
        "参加考核", True, 2, "",
    )  # fmt: skip
    assert (sheet.counter.participants, sheet.counter.quota, sheet.counter.recommended) == (
        8, 1, 1,
    )  # fmt: skip
    with admin.opened.unit_of_work("test").read() as session:
        assert person_annual(session, ids(admin)["P01"]) == (
            ArchiveAnnual(YEAR, "称职", True, 2, True, "", None, None),
        )


def test_a_closed_year_refuses_decisions(admin: Workspace, lease: Lease) -> None:
    admin.periods.close(str(YEAR))
    with pytest.raises(PeriodClosedError, match="“年度考核”属于已关闭的期间"):
        admin.annual.recommend(YEAR, ids(admin)["P04"], [lease])
    with pytest.raises(PeriodClosedError):
        admin.annual.set_share(YEAR, Decimal("0.25"), "县考核委员会决定")


def test_reopening_shows_the_computed_values_again(admin: Workspace) -> None:
    admin.periods.close(str(YEAR))
    _add_discipline(admin, "P01", date(2026, 11, 2), DisciplineType.SERIOUS_WARNING)
    assert rows(admin.annual.sheet(YEAR))["P01"].grade == "称职"

    with pytest.raises(InputError, match="必须填写理由"):
        admin.periods.reopen(str(YEAR), " ")
    admin.periods.reopen(str(YEAR), "补录处分")
    sheet = admin.annual.sheet(YEAR)
    assert not sheet.closed
    p01 = rows(sheet)["P01"]
    assert (p01.grade, p01.limits) == ("不定等次", "2026-11-02 严重警告")
    assert sheet.counter.participants == 7
    # Closed again, the stored values follow.
    admin.periods.close(str(YEAR))
    assert _stored(admin)["P01"] == ("not_graded", False, 2, "2026-11-02 严重警告")


def test_a_recommendation_over_the_quota_refuses_the_close(admin: Workspace, lease: Lease) -> None:
    people = ids(admin)
    admin.annual.set_share(YEAR, Decimal("0.25"), "县考核委员会〔2026〕3号")
    admin.annual.recommend(YEAR, people["P01"], [lease])
    admin.annual.recommend(YEAR, people["P04"], [lease])
    # P07 made 不参加: 7 participants, ⌊7 × 25%⌋ = 1 place for two recommendations.
    sheet = admin.annual.set_grade(
        YEAR, people["P07"], AnnualGrade.NOT_PARTICIPATING, "长期病休", [lease]
    )
    assert [r.code for r in sheet.blockers()] == ["P01", "P04"]
    admin.leases.release(lease)

    with pytest.raises(InputError) as refused:
        admin.periods.close(str(YEAR))
    message = str(refused.value)
    assert "2026年度考核尚不能关闭：综合科 甲一（P01）推荐优秀超出名额（名额 1，已推荐 2" in message
    assert "丁四（P04）推荐优秀超出名额" in message
    # Nothing written: no lock, no stored grade, Q4 still open and unstored.
    assert _count(admin, PeriodLockRow, PeriodLockRow.period == str(YEAR)) == 0
    assert all(v[0] is None for v in _stored(admin).values())
    assert not admin.annual.sheet(YEAR).closed
    assert _count(admin, QuarterlyAssessmentRow, QuarterlyAssessmentRow.quarter == "2026Q4",
                  QuarterlyAssessmentRow.grade.is_not(None)) == 0  # fmt: skip


def test_another_workstations_lease_holds_the_close(admin: Workspace) -> None:
    admin.annual.workstation = "另一台电脑#42"  # the lease as another workstation holds it
    lease = admin.annual.acquire_lease(YEAR)
    with pytest.raises(InputError, match="2026年度暂不能关闭：其他工作站正在录入年度考核"):
        admin.periods.close(str(YEAR))
    assert _count(admin, PeriodLockRow, PeriodLockRow.period == str(YEAR)) == 0
    admin.leases.release(lease)
    admin.periods.close(str(YEAR))
    assert admin.annual.sheet(YEAR).closed


def test_a_year_with_no_quarterly_assessment_closes_without_inventing_grades(
    admin: Workspace,
) -> None:
    """Closing a later year for its ledger alone stores no 年度考核: nobody was graded."""
    later = YEAR + 1
    admin.periods.close(str(later), "台账年终结账")
    assert _count(admin, AnnualAssessmentRow, AnnualAssessmentRow.year == later) == 0
    assert admin.annual.sheet(later).closed
