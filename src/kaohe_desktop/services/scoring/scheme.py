"""Which 半年考核 rules a half year scores by, and freezing them into the half.

Like the quarterly rules (services/quarterly/scheme.py): a half's own `scheme` row
(period "2026H1") holds its rules once its scoring has started — at the first 加减分,
一票否决 or 委员会裁定 written for it, and at its close. Until then it inherits the
rules of the latest earlier half that has a row, else the defaults. Freezing copies
the inherited rules into the half's own row, so a later change never rescores it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.quarterly_rules import RulesError
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import SchemeRow

# Half-year periods only: the quarterly schemes (2026Q2) share the table. GLOB is
# case-sensitive and exact, like the period texts the program writes.
HALF_GLOB = "[0-9][0-9][0-9][0-9]H[1-2]"


def _parse(period: str, text: str) -> HalfYearRules:
    try:
        return HalfYearRules.from_json(text)
    except RulesError as error:
        raise InputError(f"{period} 的考核方案无法使用：{error}") from None


def rules_for(session: Session, half: HalfYear) -> tuple[HalfYearRules, bool]:
    """(rules, frozen): the half's own rules, else the latest earlier half's, else the
    defaults. Half texts sort chronologically ("2025H2" < "2026H1")."""
    row = session.execute(
        select(SchemeRow.period, SchemeRow.rules_json)
        .where(SchemeRow.period.op("GLOB")(HALF_GLOB), SchemeRow.period <= str(half))
        .order_by(SchemeRow.period.desc())
        .limit(1)
    ).first()
    if row is None:
        return HalfYearRules(), False
    return _parse(row.period, row.rules_json), row.period == str(half)


def freeze_rules(session: Session, half: HalfYear, now: datetime) -> HalfYearRules:
    """Inside a write: give the half its own scheme row if it has none yet, holding the
    rules it scores by now; return them. A closed half refuses (trigger)."""
    rules, frozen = rules_for(session, half)
    if not frozen:
        session.add(
            SchemeRow(
                period=str(half), rules_json=rules.to_json(), frozen_at=now.replace(microsecond=0)
            )
        )
        session.flush()
    return rules


def store_rules(session: Session, half: HalfYear, rules: HalfYearRules, now: datetime) -> None:
    """Inside a write: the half's scheme row holds `rules` (added or replaced)."""
    text = rules.to_json()
    row = session.scalars(select(SchemeRow).where(SchemeRow.period == str(half))).first()
    if row is None:
        session.add(
            SchemeRow(period=str(half), rules_json=text, frozen_at=now.replace(microsecond=0))
        )
    elif row.rules_json != text:
        row.rules_json = text
        row.frozen_at = now.replace(microsecond=0)
    session.flush()
