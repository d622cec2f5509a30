"""The tables of one person's archive: department history, quarters, years, 奖惩, talks
and 点评. Each is a RowTableModel over the archive's own read models; 奖励 and
处分·组织处理 share one table with a 类别 column, newest first."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import QObject

from kaohe_desktop.services.archive.views import (
    ArchiveAnnual,
    ArchiveQuarter,
    CommentView,
    RewardView,
    StintView,
    TalkView,
)
from kaohe_desktop.ui.common.table_model import Column, RowTableModel, format_value

FLAG_COLOR = "#b00020"  # a bar on 优秀, 不定等次: the text says it as well
MUTED_COLOR = "#666666"
_GRADE_COLORS = {"一般": "#a15c00", "较差": FLAG_COLOR, "不称职": FLAG_COLOR}


def signed(points: Decimal) -> str:
    """+2 / -1.5 / 0, as a 点评 is read."""
    text = format_value(points)
    return f"+{text}" if points > 0 else text


def rewards_newest_first(
    commendations: Iterable[RewardView], disciplines: Iterable[RewardView]
) -> list[RewardView]:
    return sorted([*commendations, *disciplines], key=lambda r: (r.on, r.id), reverse=True)


class ArchiveStintModel(RowTableModel[StintView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        now = self.tr("to date")
        self.set_columns(
            [
                Column(self.tr("Department"), lambda s: s.department),
                Column(self.tr("From"), lambda s: s.start),
                Column(self.tr("Until"), lambda s: s.end if s.end is not None else now),
            ]
        )


class ArchiveQuarterModel(RowTableModel[ArchiveQuarter]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Quarter"), lambda q: q.label, sort=lambda q: q.quarter),
                Column(self.tr("Department"), lambda q: q.department),
                Column(self.tr("Performance"), lambda q: q.performance, numeric=True),
                Column(self.tr("Leaders' rating"), lambda q: q.leader, numeric=True),
                Column(self.tr("Comments"), lambda q: q.comment_points, numeric=True),
                Column(self.tr("Composite"), lambda q: q.composite, numeric=True),
                Column(
                    self.tr("Grade"),
                    self._grade,
                    center=True,
                    color=lambda q: _GRADE_COLORS.get(q.grade or ""),
                ),
                Column(
                    self.tr("Rank in category"),
                    lambda q: q.rank,
                    numeric=True,
                    tooltip=lambda q: self.tr("Rank among {0}").format(q.category),
                ),
                Column(self.tr("Note"), self.note, tooltip=self.note),
            ]
        )

    def _grade(self, q: ArchiveQuarter) -> str:
        if q.no_grade_reason is not None:
            return self.tr("Not graded")
        return q.grade or ""

    def note(self, q: ArchiveQuarter) -> str:
        parts = []
        if q.no_grade_reason is not None:
            parts.append(self.tr("Not graded: {0}").format(q.no_grade_reason))
        if q.override_reason:
            parts.append(self.tr("Grade set by hand: {0}").format(q.override_reason))
        if q.composite is None and q.no_grade_reason is None:
            parts.append(self.tr("No score entered"))
        if not q.closed:
            parts.append(self.tr("Quarter not closed yet"))
        return "；".join(parts)


class ArchiveAnnualModel(RowTableModel[ArchiveAnnual]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        yes, no = self.tr("Yes"), self.tr("No")
        self.set_columns(
            [
                Column(self.tr("Year"), lambda a: str(a.year), sort=lambda a: a.year),
                Column(
                    self.tr("Grade"),
                    lambda a: a.grade,
                    center=True,
                    color=lambda a: _GRADE_COLORS.get(a.grade),
                    tooltip=lambda a: a.reason,
                ),
                Column(self.tr("Quarters 好"), lambda a: a.good_count, numeric=True),
                Column(
                    self.tr("Eligible for 优秀"),
                    lambda a: yes if a.eligible else no,
                    center=True,
                    color=lambda a: None if a.eligible else MUTED_COLOR,
                ),
                Column(self.tr("Limits"), lambda a: a.limits, tooltip=lambda a: a.limits or None),
                Column(
                    self.tr("State"),
                    lambda a: self.tr("Closed") if a.closed else self.tr("In progress"),
                    color=lambda a: None if a.closed else MUTED_COLOR,
                ),
                Column(self.tr("Note"), self._note, tooltip=self._note),
            ]
        )

    def _note(self, a: ArchiveAnnual) -> str:
        parts = [p for p in (a.reason, a.note) if p]
        return "；".join(parts)


class ArchiveRewardModel(RowTableModel[RewardView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Date"), lambda r: r.on),
                Column(
                    self.tr("Kind"),
                    lambda r: self.tr("Discipline") if r.discipline else self.tr("Commendation"),
                    color=lambda r: FLAG_COLOR if r.discipline else None,
                ),
                Column(self.tr("Type"), lambda r: r.type),
                Column(self.tr("Document no."), lambda r: r.doc_no, tooltip=lambda r: r.doc_no),
                Column(self.tr("Reason"), lambda r: r.reason, tooltip=lambda r: r.reason),
                Column(self.tr("Impact until"), lambda r: r.impact_until),
                Column(
                    self.tr("Effect on the annual grade"),
                    lambda r: r.effects,
                    tooltip=lambda r: r.effects,
                ),
            ]
        )


class ArchiveTalkModel(RowTableModel[TalkView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Date"), lambda t: t.on),
                Column(self.tr("Kind"), lambda t: t.kind),
                Column(self.tr("Talker"), lambda t: t.talker),
                Column(self.tr("Summary"), lambda t: t.summary, tooltip=lambda t: t.summary),
            ]
        )


class ArchiveCommentModel(RowTableModel[CommentView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Date"), lambda c: c.on),
                Column(
                    self.tr("Kind"),
                    lambda c: c.kind,
                    color=lambda c: FLAG_COLOR if c.points < 0 else None,
                ),
                Column(
                    self.tr("Points"),
                    lambda c: signed(c.points),
                    numeric=True,
                    sort=lambda c: c.points,
                ),
                Column(self.tr("Comment"), lambda c: c.text, tooltip=lambda c: c.text),
            ]
        )
