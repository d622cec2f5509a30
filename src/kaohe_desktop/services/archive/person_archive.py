"""一人一档: every dated record of one person, newest first.

Each quarter's line shows that quarter's outcome as its sheet gives it (the one
outcomes function, services/quarterly/sheet.py): stored values once it is closed."""

from __future__ import annotations

from sqlalchemy import select

from kaohe_desktop.domain.enums import (
    CommendationType,
    CommentKind,
    DisciplineType,
    TalkKind,
    label_or_none,
)
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.archive.views import ArchiveEntry
from kaohe_desktop.services.quarterly.sheet import person_quarters
from kaohe_desktop.storage.models import (
    CommendationRow,
    CommentRow,
    DisciplineRow,
    TalkRow,
)
from kaohe_desktop.storage.unit_of_work import UnitOfWork


class PersonArchive:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.VIEW)
    def entries(self, person_id: int) -> list[ArchiveEntry]:
        entries: list[ArchiveEntry] = []
        with self._uow.read() as session:
            comments = session.scalars(
                select(CommentRow).where(CommentRow.person_id == person_id)
            ).all()
            for quarter, row in person_quarters(session, person_id):
                if row.no_grade_reason is not None:
                    summary = f"不定等次（{row.no_grade_reason.label}）"
                elif row.composite is not None:
                    summary = f"综合得分 {row.composite}"
                else:
                    summary = "未录入得分"
                detail = (
                    f"实绩分 {row.performance}，领导测评分 {row.leader}，"
                    f"点评 {row.comment_points:+}"
                )
                entries.append(
                    ArchiveEntry(quarter.end, f"平时考核 {quarter.label()}", summary, detail)
                )
            for c in comments:
                kind = label_or_none(CommentKind, c.kind) or c.kind
                entries.append(
                    ArchiveEntry(c.commented_on, f"点评（{kind}）", f"{c.points:+}", c.text)
                )
            for r in session.scalars(
                select(CommendationRow).where(CommendationRow.person_id == person_id)
            ):
                label = label_or_none(CommendationType, r.type) or r.type
                entries.append(ArchiveEntry(r.awarded_on, "奖励", label, _doc(r.doc_no, r.reason)))
            for d in session.scalars(
                select(DisciplineRow).where(DisciplineRow.person_id == person_id)
            ):
                label = label_or_none(DisciplineType, d.type) or d.type
                until = f"，影响期至 {d.impact_until}" if d.impact_until else ""
                entries.append(
                    ArchiveEntry(
                        d.decided_on, "处分·组织处理", label + until, _doc(d.doc_no, d.reason)
                    )
                )
            for t in session.scalars(select(TalkRow).where(TalkRow.person_id == person_id)):
                kind = label_or_none(TalkKind, t.kind) or "谈心谈话"
                entries.append(ArchiveEntry(t.talked_on, kind, f"谈话人：{t.talker}", t.summary))
        entries.sort(key=lambda e: (e.date is not None, e.date), reverse=True)
        return entries


def _doc(doc_no: str | None, reason: str | None) -> str | None:
    parts = [p for p in (reason, f"（{doc_no}）" if doc_no else None) if p]
    return "".join(parts) or None
