"""Which 年度考核 rules (and talk / rotation settings) a year goes by, and freezing them.

Like the quarterly and half-year rules: the year's own `scheme` row (period "2026")
holds its rules once its annual decisions have started — at the first 优秀
recommendation or grade set by hand, and at its close. Until then it inherits the
rules of the latest earlier year that has a row, else the defaults. The due lists
read the rules of the year they list.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.annual_rules import AnnualRules
from kaohe_desktop.services.common.scheme_rows import SchemeRows

# Year periods only ("2026"): quarters and halves share the table.
_YEAR_ROWS = SchemeRows(
    glob="[0-9][0-9][0-9][0-9]",
    from_json=AnnualRules.from_json,
    default=AnnualRules,
)


def annual_rules_for(session: Session, year: int) -> tuple[AnnualRules, bool]:
    """(rules, frozen): the year's own rules, else the latest earlier year's, else the
    defaults."""
    return _YEAR_ROWS.rules_for(session, str(year))


def freeze_annual_rules(session: Session, year: int, now: datetime) -> AnnualRules:
    """Inside a write: give the year its own scheme row if it has none yet; return its
    rules. A closed year refuses (trigger)."""
    return _YEAR_ROWS.freeze(session, str(year), now)


def store_annual_rules(session: Session, year: int, rules: AnnualRules, now: datetime) -> None:
    """Inside a write: the year's scheme row holds `rules` (checked by the caller)."""
    _YEAR_ROWS.store(session, str(year), rules, now)
