"""A period's own `scheme` row: which rules it is scored by, and freezing them into it.

The quarterly grading ("2026Q2") and the half-year scoring ("2026H1") keep their rules
the same way in the one `scheme` table: a period's own row holds its rules once its
scoring has started; until then it inherits the rules of the latest earlier period of
its kind that has a row, else the defaults. Freezing copies the inherited rules into
the period's own row, so a later change never rescores it. Each package keeps its own
rules type and period type and hands this the period's text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.quarterly_rules import RulesError
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import SchemeRow
from kaohe_desktop.storage.queries.glob_match import glob_match


class StoredRules(Protocol):
    def to_json(self) -> str: ...


RulesT = TypeVar("RulesT", bound=StoredRules)


@dataclass(frozen=True)
class SchemeRows(Generic[RulesT]):
    """The scheme rows of one kind of period.

    `glob` matches that kind's period texts only (GLOB is case-sensitive and exact,
    like the texts the program writes), and those texts must sort chronologically
    ("2025Q4" < "2026Q1", "2025H2" < "2026H1")."""

    glob: str
    from_json: Callable[[str], RulesT]
    default: Callable[[], RulesT]

    def parse(self, period: str, text: str) -> RulesT:
        try:
            return self.from_json(text)
        except RulesError as error:
            raise InputError(f"{period} 的考核方案无法使用：{error}") from None

    def rules_for(self, session: Session, period: str) -> tuple[RulesT, bool]:
        """(rules, frozen): the period's own rules, else the latest earlier period's,
        else the defaults."""
        row = session.execute(
            select(SchemeRow.period, SchemeRow.rules_json)
            .where(glob_match(SchemeRow.period, self.glob), SchemeRow.period <= period)
            .order_by(SchemeRow.period.desc())
            .limit(1)
        ).first()
        if row is None:
            return self.default(), False
        return self.parse(row.period, row.rules_json), row.period == period

    def rules_for_each(
        self, session: Session, periods: Collection[str]
    ) -> dict[str, tuple[RulesT, bool]]:
        """rules_for of each of `periods`, in one query (one person's archive reads
        every quarter they were graded in)."""
        if not periods:
            return {}
        rows = session.execute(
            select(SchemeRow.period, SchemeRow.rules_json)
            .where(glob_match(SchemeRow.period, self.glob), SchemeRow.period <= max(periods))
            .order_by(SchemeRow.period)
        ).all()
        parsed: dict[str, RulesT] = {}
        found = {}
        for period in periods:
            own = [row for row in rows if row.period <= period]
            if not own:
                found[period] = (self.default(), False)
                continue
            latest = own[-1]
            if latest.period not in parsed:
                parsed[latest.period] = self.parse(latest.period, latest.rules_json)
            found[period] = (parsed[latest.period], latest.period == period)
        return found

    def freeze(self, session: Session, period: str, now: datetime) -> RulesT:
        """Inside a write: give the period its own scheme row if it has none yet, holding
        the rules it is scored by now; return them. A closed period refuses (trigger)."""
        rules, frozen = self.rules_for(session, period)
        if not frozen:
            session.add(
                SchemeRow(
                    period=period, rules_json=rules.to_json(), frozen_at=now.replace(microsecond=0)
                )
            )
            session.flush()
        return rules

    def store(self, session: Session, period: str, rules: RulesT, now: datetime) -> None:
        """Inside a write: the period's scheme row holds `rules` (added or replaced)."""
        text = rules.to_json()
        row = session.scalars(select(SchemeRow).where(SchemeRow.period == period)).first()
        if row is None:
            session.add(
                SchemeRow(period=period, rules_json=text, frozen_at=now.replace(microsecond=0))
            )
        elif row.rules_json != text:
            row.rules_json = text
            row.frozen_at = now.replace(microsecond=0)
        session.flush()
