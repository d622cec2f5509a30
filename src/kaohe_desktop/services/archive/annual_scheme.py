"""Which 年度考核 rules (and talk / rotation settings) a year goes by, and freezing them.

Like the quarterly and half-year rules: the year's own `scheme` row (period "2026")
holds its rules, set ahead by the administrator or copied in at the first 优秀
recommendation or grade set by hand, which freeze it, as does its close. Without a row
it inherits the rules of the latest earlier year that has one, else the defaults. The
优秀 share (with its reason) stays open after the freeze: it is decided during the year.
The due lists read the rules of the year they list.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.domain.scheme_fields import ANNUAL_FIELDS, ANNUAL_OPEN_FIELDS
from kaohe_desktop.services.common.scheme_rows import SchemeRows

# Year periods only ("2026"): quarters and halves share the table.
YEAR_ROWS = SchemeRows(
    glob="[0-9][0-9][0-9][0-9]",
    from_json=AnnualRules.from_json,
    default=AnnualRules,
    title="年度考核方案",
    form=ANNUAL_FIELDS,
    open_fields=ANNUAL_OPEN_FIELDS,
)


def annual_rules_for(session: Session, year: int) -> tuple[AnnualRules, bool]:
    """(rules, frozen): the year's own rules, else the latest earlier year's, else the
    defaults."""
    return YEAR_ROWS.rules_for(session, str(year))


def freeze_annual_rules(session: Session, year: int, now: datetime) -> AnnualRules:
    """Inside a write: give the year its own scheme row if it has none yet; return its
    rules. A closed year refuses (trigger)."""
    return YEAR_ROWS.freeze(session, str(year), now)


def store_annual_rules(
    session: Session, year: int, rules: AnnualRules, expected_version: int | None = None
) -> None:
    """Inside a write: the year's own rules (checked by the caller); once the year is
    frozen only its 优秀 share and reason may change (ANNUAL_OPEN_FIELDS)."""
    YEAR_ROWS.store(session, str(year), rules, expected_version)
