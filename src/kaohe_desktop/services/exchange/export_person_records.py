"""The exchange records of the sheets keyed by a person's 编号: 平时考核, 点评, 奖惩 and
谈心谈话 (most of a county file's rows), each one column select on the export's
connection; `codes` gives the 编号 of each person id (export_records.BookReader).

Each row is unpacked as a tuple: reading a Row's columns by name costs about half a
microsecond each, 0.6 s over a county's 155,000 scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, select

from kaohe_desktop.domain.enums import (
    CommendationType,
    CommentKind,
    DisciplineType,
    LabeledEnum,
    NoGradeReason,
    QuarterGrade,
    TalkKind,
)
from kaohe_desktop.domain.records import AssessmentRecord, CommentRecord, RewardRecord, TalkRecord
from kaohe_desktop.storage.models import (
    CommendationRow,
    CommentRow,
    DisciplineRow,
    QuarterlyAssessmentRow,
    TalkRow,
)

E = TypeVar("E", bound=LabeledEnum)


def optional(enum: type[E], code: str | None) -> E | None:
    """The member of `enum` stored as `code`, None for none."""
    return None if code is None else enum(code)


def assessments(connection: Connection, codes: Mapping[int, str]) -> Iterator[AssessmentRecord]:
    a = QuarterlyAssessmentRow
    # Any: the where clause leaves no None in the scores the typed select allows
    rows: Iterable[Sequence[Any]] = connection.execute(
        select(
            a.quarter,
            a.person_id,
            a.performance,
            a.leader,
            a.comment_points,
            a.override,
            a.override_reason,
            a.no_grade_reason,
        )
        # only rows with both scores are records (a row can exist without them)
        .where(a.performance.is_not(None), a.leader.is_not(None))
        .order_by(a.quarter, a.id)
    )
    for quarter, person_id, performance, leader, points, override, reason, no_grade in rows:
        yield AssessmentRecord(
            quarter,
            codes[person_id],
            performance,
            leader,
            points,
            optional(QuarterGrade, override),
            reason,
            optional(NoGradeReason, no_grade),
        )


def comments(connection: Connection, codes: Mapping[int, str]) -> Iterator[CommentRecord]:
    c = CommentRow
    for person_id, day, kind, points, text in connection.execute(
        select(c.person_id, c.commented_on, c.kind, c.points, c.text).order_by(c.commented_on, c.id)
    ):
        yield CommentRecord(codes[person_id], day, CommentKind(kind), points, text)


def rewards(connection: Connection, codes: Mapping[int, str]) -> Iterator[RewardRecord]:
    c, d = CommendationRow, DisciplineRow
    for person_id, day, kind, reason, doc_no, until in connection.execute(
        select(c.person_id, c.awarded_on, c.type, c.reason, c.doc_no, c.impact_until).order_by(
            c.awarded_on, c.id
        )
    ):
        yield RewardRecord(codes[person_id], day, CommendationType(kind), reason, doc_no, until)
    for person_id, day, kind, reason, doc_no, until in connection.execute(
        select(d.person_id, d.decided_on, d.type, d.reason, d.doc_no, d.impact_until).order_by(
            d.decided_on, d.id
        )
    ):
        yield RewardRecord(codes[person_id], day, DisciplineType(kind), reason, doc_no, until)


def talks(connection: Connection, codes: Mapping[int, str]) -> Iterator[TalkRecord]:
    t = TalkRow
    for person_id, day, talker, kind, summary in connection.execute(
        select(t.person_id, t.talked_on, t.talker, t.kind, t.summary).order_by(t.talked_on, t.id)
    ):
        yield TalkRecord(codes[person_id], day, talker, optional(TalkKind, kind), summary)
