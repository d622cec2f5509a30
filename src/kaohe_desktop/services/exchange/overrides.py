"""好 and 较好 set by hand, arriving in the 平时考核 sheet's 等次调整 column.

The export writes a grade the clerk set by hand, so an exported quarter with a
manual 好 or 较好 must import back; and an import must not set one the grid would
refuse. So each new one is checked as the grid checks it (`override_problem` of
services/quarterly/refusals, the one statement of the quota and tie rules) against
the quarter as it stands once the rest of the book is written, and set one at a
time, as a clerk sets them. 较好 go first: a 较好 settles a tie that straddles the
quota and, as the grid allows, a 好 may then take a slot the tie left unused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.periods import parse_quarter
from kaohe_desktop.domain.records import CellError, ExchangeBook
from kaohe_desktop.services.quarterly.refusals import not_on_roster, override_problem
from kaohe_desktop.services.quarterly.scheme import freeze_rules
from kaohe_desktop.services.quarterly.sheet import build_sheet
from kaohe_desktop.storage.models import QuarterlyAssessmentRow

SHEET = "平时考核"
COLUMN = "等次调整"
_ORDER = {QuarterGrade.FAIRLY_GOOD: 0, QuarterGrade.GOOD: 1}


@dataclass(frozen=True)
class PendingGrade:
    index: int  # in book.assessments, to name the row
    quarter: str
    person_id: int
    grade: QuarterGrade
    reason: str


def needs_grid_check(grade: QuarterGrade | None, stored: str | None) -> bool:
    """A grade the quota or a tie decides, new to the row. 较差 needs nothing but a
    reason and a graded person, which the sheet's own row check already holds."""
    return grade is not None and grade is not QuarterGrade.POOR and grade.value != stored


def settle_grades(
    session: Session, book: ExchangeBook, pending: list[PendingGrade], now: datetime
) -> tuple[list[CellError], set[int]]:
    """Set each pending grade the grid would allow now; the others are errors at their
    row. Returns the errors and the indexes of the rows that changed."""
    errors: list[CellError] = []
    changed: set[int] = set()
    for item in sorted(pending, key=lambda p: (p.quarter, _ORDER.get(p.grade, 2), p.index)):
        quarter = parse_quarter(item.quarter)
        session.flush()
        sheet = build_sheet(session, quarter)
        row = next((r for r in sheet.rows if r.person_id == item.person_id), None)
        if row is None:
            problem: str | None = not_on_roster(session, quarter, [item.person_id])[0]
        else:
            problem = override_problem(sheet, row, item.grade, item.reason)
        if problem is not None:
            errors.append(CellError(SHEET, book.row_of(SHEET, item.index), COLUMN, problem))
            continue
        assert row is not None and row.assessment_id is not None  # problem is None
        stored = session.get(QuarterlyAssessmentRow, row.assessment_id)
        assert stored is not None
        stored.override = item.grade.value
        stored.override_reason = item.reason.strip()
        freeze_rules(session, quarter, now)
        changed.add(item.index)
    session.flush()
    return errors, changed
