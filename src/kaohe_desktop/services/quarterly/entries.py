"""A quarter's 平时考核 rows as the sheet reads them: one Entry (a tuple of columns, not
an ORM row) per person, 10,000 of them for a county quarter, read in one query."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Integer, select, type_coerce
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import LabeledEnum, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.storage.models import QuarterlyAssessmentRow
from kaohe_desktop.storage.models.base import Hundredths

E = TypeVar("E", bound=LabeledEnum)
ZERO = Decimal(0)


class Entry(NamedTuple):
    """What is stored for one person in the quarter (columns, not an ORM row; a tuple,
    as 10,000 of them are made for every sheet)."""

    id: int | None  # None: nothing stored yet (NO_ENTRY)
    version: int | None
    performance: Decimal | None
    leader: Decimal | None
    comment_points: Decimal | None
    override: QuarterGrade | None
    override_reason: str | None
    no_grade_reason: NoGradeReason | None
    # What the quarter's close stored (None while open, or for a close before issue 5).
    stored_composite: Decimal | None = None
    stored_grade: QuarterGrade | None = None
    stored_rank: int | None = None


NO_ENTRY = Entry(None, None, None, None, None, None, None, None)
NO_COMMENTS = (ZERO, 0)


def _codes(kind: type[E]) -> dict[str | None, E]:
    return {member.value: member for member in kind}


# A code written by a newer program version is read as "not set" rather than stopping
# the whole sheet: a lookup that misses is None (what kind(code) raising meant before).
_GRADES = _codes(QuarterGrade)
_REASONS = _codes(NoGradeReason)
_HUNDREDTHS = Hundredths()
_DIALECT = sqlite.dialect()


@lru_cache(maxsize=1 << 16)
def _score(hundredths: int | None) -> Decimal | None:
    """The column type's own conversion, once per value: a quarter holds a few thousand
    distinct scores in 40,000 cells, and Decimal arithmetic was a third of reading it."""
    return _HUNDREDTHS.process_result_value(hundredths, _DIALECT)


def _hundredths(column: Any) -> Any:
    """The stored integer of a Hundredths column, converted by _score."""
    return type_coerce(column, Integer).label(column.key)


def entry_columns() -> tuple[Any, ...]:
    qa = QuarterlyAssessmentRow
    return (
        qa.person_id, qa.id, qa.version, _hundredths(qa.performance), _hundredths(qa.leader),
        _hundredths(qa.comment_points), qa.override, qa.override_reason, qa.no_grade_reason,
        _hundredths(qa.composite), qa.grade, qa.rank,
    )  # fmt: skip


def entry(row: Sequence[Any]) -> Entry:
    """An Entry from the entry_columns of one row (by position: 10,000 per sheet)."""
    _pid, id_, version, performance, leader, points, override, reason_text, reason, *rest = row
    composite, grade, rank = rest
    return Entry(
        id_,
        version,
        _score(performance),
        _score(leader),
        _score(points),
        _GRADES.get(override),
        reason_text,
        _REASONS.get(reason),
        _score(composite),
        _GRADES.get(grade),
        rank,
    )


def load_entries(
    session: Session, quarter: Quarter, only: Collection[int] | None = None
) -> dict[int, Entry]:
    qa = QuarterlyAssessmentRow
    statement = select(*entry_columns()).where(qa.quarter == str(quarter))
    if only is not None:
        statement = statement.where(qa.person_id.in_(sorted(only)))
    return {row[0]: entry(row) for row in session.connection().execute(statement)}
