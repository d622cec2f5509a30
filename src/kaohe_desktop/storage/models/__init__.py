"""Typed SQLAlchemy models, one module per area of the glossary (DESIGN.md §3)."""

from kaohe_desktop.storage.models.archive import CommendationRow, DisciplineRow, TalkRow
from kaohe_desktop.storage.models.assessment import (
    AnnualAssessmentRow,
    CommentRow,
    QuarterlyAssessmentRow,
)
from kaohe_desktop.storage.models.audit import AuditRow, MetaRow
from kaohe_desktop.storage.models.base import Base, Hundredths, Versioned
from kaohe_desktop.storage.models.control import EditLeaseRow, PeriodLockRow
from kaohe_desktop.storage.models.ledger import (
    BulletinRow,
    CheckRow,
    CheckSampleRow,
    EvidenceFileRow,
    NoticeRow,
    NoticeTaskRow,
    RectificationRow,
    TaskDepartmentRow,
    TaskRow,
)
from kaohe_desktop.storage.models.org import (
    AccountRow,
    BureauRow,
    DepartmentRow,
    PersonDepartmentRow,
    PersonRow,
    StaffCategoryRow,
)
from kaohe_desktop.storage.models.scoring import (
    AdjustmentRow,
    DepartmentScoreRow,
    SchemeRow,
    ScoreDecisionRow,
    VetoRow,
)

__all__ = [
    "AccountRow",
    "AdjustmentRow",
    "AnnualAssessmentRow",
    "AuditRow",
    "Base",
    "BulletinRow",
    "BureauRow",
    "CheckRow",
    "CheckSampleRow",
    "CommendationRow",
    "CommentRow",
    "DepartmentRow",
    "DepartmentScoreRow",
    "DisciplineRow",
    "EditLeaseRow",
    "EvidenceFileRow",
    "Hundredths",
    "MetaRow",
    "NoticeRow",
    "NoticeTaskRow",
    "PeriodLockRow",
    "PersonDepartmentRow",
    "PersonRow",
    "QuarterlyAssessmentRow",
    "RectificationRow",
    "SchemeRow",
    "ScoreDecisionRow",
    "StaffCategoryRow",
    "TalkRow",
    "TaskDepartmentRow",
    "TaskRow",
    "Versioned",
    "VetoRow",
]
