"""Which 平时考核 rules a quarter grades by, and freezing them into the quarter.

A quarter's own `scheme` row (period "2026Q2") holds its rules once grading has
started. Until then it inherits the rules of the latest earlier quarter that has a
row, else the defaults. Freezing copies the inherited rules into the quarter's own
row, so a later change (set_rules on the next quarter) never regrades this one.
Every writer of the quarter's entries (the grid, the workbook import, the close)
freezes through `freeze_rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, RulesError
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import SchemeRow

# Quarter periods only: the half-year schemes (2026H1) of the department scoring share
# the table. GLOB is case-sensitive and exact, like the period texts the program writes.
_QUARTER_GLOB = "[0-9][0-9][0-9][0-9]Q[1-4]"


def _parse(period: str, text: str) -> QuarterlyRules:
    try:
        return QuarterlyRules.from_json(text)
    except RulesError as error:
        raise InputError(f"{period} 的考核方案无法使用：{error}") from None


def pick_rules(
    schemes: Mapping[str, QuarterlyRules], quarter: Quarter
) -> tuple[QuarterlyRules, bool]:
    """(rules, frozen) of `quarter` among every quarter's stored rules."""
    own = schemes.get(str(quarter))
    if own is not None:
        return own, True
    # Quarter texts sort chronologically ("2025Q4" < "2026Q1").
    earlier = [period for period in schemes if period < str(quarter)]
    if earlier:
        return schemes[max(earlier)], False
    return QuarterlyRules(), False


def quarter_schemes(session: Session) -> dict[str, QuarterlyRules]:
    """The stored rules of every quarter that has them (the archive reads many)."""
    rows = session.execute(
        select(SchemeRow.period, SchemeRow.rules_json).where(
            SchemeRow.period.op("GLOB")(_QUARTER_GLOB)
        )
    )
    return {period: _parse(period, text) for period, text in rows}


def rules_for(session: Session, quarter: Quarter) -> tuple[QuarterlyRules, bool]:
    """(rules, frozen): the quarter's own rules, else the latest earlier quarter's, else
    the defaults."""
    row = session.execute(
        select(SchemeRow.period, SchemeRow.rules_json)
        .where(
            SchemeRow.period.op("GLOB")(_QUARTER_GLOB),
            SchemeRow.period <= str(quarter),
        )
        .order_by(SchemeRow.period.desc())
        .limit(1)
    ).first()
    if row is None:
        return QuarterlyRules(), False
    return _parse(row.period, row.rules_json), row.period == str(quarter)


def freeze_rules(session: Session, quarter: Quarter, now: datetime) -> QuarterlyRules:
    """Inside a write: give the quarter its own scheme row if it has none yet, holding
    the rules it grades by now; return them. A closed quarter refuses (trigger)."""
    rules, frozen = rules_for(session, quarter)
    if not frozen:
        session.add(
            SchemeRow(
                period=str(quarter),
                rules_json=rules.to_json(),
                frozen_at=now.replace(microsecond=0),
            )
        )
        session.flush()
    return rules


def store_rules(session: Session, quarter: Quarter, rules: QuarterlyRules, now: datetime) -> None:
    """Inside a write: the quarter's scheme row holds `rules` (added or replaced)."""
    text = rules.to_json()
    row = session.scalars(select(SchemeRow).where(SchemeRow.period == str(quarter))).first()
    if row is None:
        session.add(
            SchemeRow(period=str(quarter), rules_json=text, frozen_at=now.replace(microsecond=0))
        )
    elif row.rules_json != text:
        row.rules_json = text
        row.frozen_at = now.replace(microsecond=0)
    session.flush()
