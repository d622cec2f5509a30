"""局领导 not graded: the rule takes a person's 人员类别 of today.
A closed quarter shows what its close stored: someone graded then and put in an
ungraded 人员类别 since (promoted to 副局长) stays in it, with the grade and rank
the close gave — the closed quarter's grid, ranking and counts do not change."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import DEMO, CopyMaster, sign_in

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.demo.catalog_people import LEADER_CATEGORY
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import PersonRow, StaffCategoryRow

CLOSED = Quarter(2026, 3)


def _promote(workspace: Workspace, person_id: int) -> None:
    """Today the person becomes a 副局长: their 人员类别 is 局领导."""

    def promote(session: Session) -> None:
        person = session.get(PersonRow, person_id)
        assert person is not None
        person.category_id = session.scalars(
            select(StaffCategoryRow.id).where(StaffCategoryRow.name == LEADER_CATEGORY)
        ).one()

    workspace.opened.unit_of_work("admin").write(promote)


def test_a_person_made_a_leader_stays_in_the_quarters_closed_before(
    copy_master: CopyMaster,
) -> None:
    workspace = sign_in(copy_master(DEMO), daily_backup=False)
    try:
        before = workspace.grading.sheet(CLOSED)
        assert before.closed
        graded = next(row for row in before.rows if row.outcome.grade is not None)
        _promote(workspace, graded.person_id)
        after = workspace.grading.sheet(CLOSED)
        assert [row.person_id for row in after.rows] == [row.person_id for row in before.rows]
        kept = next(row for row in after.rows if row.person_id == graded.person_id)
        assert kept.outcome.grade == graded.outcome.grade
        # The quarter still open leaves them off: the rule is today's.
        assert graded.person_id not in [
            row.person_id for row in workspace.grading.sheet(Quarter(2026, 4)).rows
        ]
    finally:
        workspace.close()


def test_a_person_made_a_leader_stays_in_the_year_closed_before(copy_master: CopyMaster) -> None:
    workspace = sign_in(copy_master(DEMO), daily_backup=False)
    try:
        before = workspace.annual.sheet(2025)
        assert before.closed
        graded = before.rows[0]
        _promote(workspace, graded.person_id)
        after = workspace.annual.sheet(2025)
        assert [row.person_id for row in after.rows] == [row.person_id for row in before.rows]
        assert after.counter == before.counter  # the 优秀 quota's base as decided
    finally:
        workspace.close()
