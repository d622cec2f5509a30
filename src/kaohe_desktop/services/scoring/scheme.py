"""Which 半年考核 rules a half year scores by, and freezing them into the half.

Like the quarterly rules (services/quarterly/scheme.py): a half's own `scheme` row
(period "2026H1") holds its rules, set ahead by the administrator or copied in when
its scoring starts; it is frozen at the first 加减分, 一票否决 or 委员会裁定 written for
it, and at its close. Without a row it inherits the rules of the latest earlier half
that has one, else the defaults. A frozen row is never changed, so nothing rescores.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.scheme_fields import HALF_YEAR_FIELDS
from kaohe_desktop.services.common.scheme_rows import SchemeRows

# Half-year periods only: the quarterly schemes (2026Q2) share the table.
HALF_ROWS = SchemeRows(
    glob="[0-9][0-9][0-9][0-9]H[1-2]",
    from_json=HalfYearRules.from_json,
    default=HalfYearRules,
    title="半年考核方案",
    form=HALF_YEAR_FIELDS,
)


def rules_for(session: Session, half: HalfYear) -> tuple[HalfYearRules, bool]:
    """(rules, frozen): the half's own rules, else the latest earlier half's, else the
    defaults."""
    return HALF_ROWS.rules_for(session, str(half))


def freeze_rules(session: Session, half: HalfYear, now: datetime) -> HalfYearRules:
    """Inside a write: give the half its own scheme row if it has none yet, holding the
    rules it scores by now; return them. A closed half refuses (trigger)."""
    return HALF_ROWS.freeze(session, str(half), now)


def store_rules(
    session: Session, half: HalfYear, rules: HalfYearRules, expected_version: int | None = None
) -> None:
    """Inside a write: the half's own rules, set ahead or changed while not frozen
    (refused in words once frozen)."""
    HALF_ROWS.store(session, str(half), rules, expected_version)
