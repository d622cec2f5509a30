"""The quarter's entries as a plain list (who has a row, their scores and 综合得分),
read from the quarter's sheet so 综合得分 is the sheet's, not a second computation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kaohe_desktop.services.quarterly.views import GradingSheet


@dataclass(frozen=True)
class AssessmentView:
    person_id: int
    code: str
    name: str
    department: str
    category: str
    performance: Decimal | None  # 实绩分 as entered
    comment_points: Decimal  # 点评 of the quarter plus any entered on the row
    leader: Decimal | None
    composite: Decimal | None  # 综合得分 by the quarter's rules, None until both scores exist
    no_grade_reason: str | None
    override: str | None

    @property
    def awaiting_score(self) -> bool:
        """Still to be scored this quarter: no 综合得分 yet, and not 不定等次."""
        return self.composite is None and self.no_grade_reason is None


def assessment_views(sheet: GradingSheet) -> list[AssessmentView]:
    """Everyone with an entry in the quarter, in the sheet's order."""
    return [
        AssessmentView(
            row.person_id,
            row.code,
            row.name,
            row.department,
            row.category,
            row.performance,
            row.comment_points,
            row.leader,
            row.composite,
            None if row.no_grade_reason is None else row.no_grade_reason.label,
            None if row.override is None else row.override.label,
        )
        for row in sheet.rows
        if row.assessment_id is not None
    ]
