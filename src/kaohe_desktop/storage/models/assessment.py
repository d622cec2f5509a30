"""Individual assessment: quarterly 平时考核, 点评 and 年度考核."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kaohe_desktop.storage.models.base import Base, Versioned
from kaohe_desktop.storage.models.org import PersonRow


class QuarterlyAssessmentRow(Versioned, Base):
    """平时考核 of one person in one quarter. Computed fields are stored once graded."""

    __tablename__ = "quarterly_assessment"
    __label_attr__ = "quarter"
    __table_args__ = (UniqueConstraint("quarter", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quarter: Mapped[str] = mapped_column(String(10), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    performance: Mapped[Decimal | None]  # 实绩分 as entered, before 点评
    leader: Mapped[Decimal | None]  # 领导测评分
    comment_points: Mapped[Decimal | None]  # 点评加减分 entered on the row itself
    composite: Mapped[Decimal | None]  # 综合得分
    grade: Mapped[str | None] = mapped_column(String(20))
    override: Mapped[str | None] = mapped_column(String(20))
    override_reason: Mapped[str | None] = mapped_column(Text)
    no_grade_reason: Mapped[str | None] = mapped_column(String(20))
    rank: Mapped[int | None]
    tie_flag: Mapped[bool] = mapped_column(Boolean, default=False)  # a tie settled at 较好

    person: Mapped[PersonRow] = relationship(lazy="joined", innerjoin=True)


class CommentRow(Versioned, Base):
    """点评: dated praise (+) or criticism (−) of a person."""

    __tablename__ = "comment"
    __label_attr__ = "text"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    commented_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(20))
    points: Mapped[Decimal]
    text: Mapped[str] = mapped_column(Text)


class AnnualAssessmentRow(Versioned, Base):
    """年度考核 of one person."""

    __tablename__ = "annual_assessment"
    __label_attr__ = "year"
    __table_args__ = (UniqueConstraint("year", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    # The clerk's decisions while the year is open: a grade set by hand (称职 / 基本称职 /
    # 不称职 / 不参加; None: the rules decide, 称职 for the eligible) with its reason,
    # and the 优秀 recommendation.
    grade: Mapped[str | None] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text)
    recommended: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)  # 备注
    decided_on: Mapped[date | None]
    # The outcome as the year's close stored it (None while open; revision 0006).
    final_grade: Mapped[str | None] = mapped_column(String(30))
    eligible: Mapped[bool | None] = mapped_column(Boolean)
    good_count: Mapped[int | None]
    limits: Mapped[str | None] = mapped_column(Text)

    person: Mapped[PersonRow] = relationship(lazy="joined", innerjoin=True)
