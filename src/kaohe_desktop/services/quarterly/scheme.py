"""Which 平时考核 rules a quarter grades by, and freezing them into the quarter.

A quarter's own `scheme` row (period "2026Q2") holds its rules, set ahead by the
administrator or copied in when grading starts; without one it inherits the rules of
the latest earlier quarter that has a row, else the defaults. Grading's first entry
freezes the row (services/common/scheme_rows.py), so a later change (set_rules on the
next quarter) never regrades this one.
Every writer of the quarter's entries (the grid, the workbook import, the close)
freezes through `freeze_rules`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.scheme_fields import QUARTERLY_FIELDS
from kaohe_desktop.services.common.scheme_rows import SchemeRows

# Quarter periods only: the half-year schemes (2026H1) of the department scoring share
# the table.
QUARTER_ROWS = SchemeRows(
    glob="[0-9][0-9][0-9][0-9]Q[1-4]",
    from_json=QuarterlyRules.from_json,
    default=QuarterlyRules,
    title="平时考核方案",
    form=QUARTERLY_FIELDS,
)


def rules_for(session: Session, quarter: Quarter) -> tuple[QuarterlyRules, bool]:
    """(rules, frozen): the quarter's own rules, else the latest earlier quarter's, else
    the defaults."""
    return QUARTER_ROWS.rules_for(session, str(quarter))


def rules_for_quarters(
    session: Session, quarters: Collection[Quarter]
) -> dict[Quarter, tuple[QuarterlyRules, bool]]:
    """rules_for of each of `quarters`, in one query."""
    found = QUARTER_ROWS.rules_for_each(session, [str(q) for q in quarters])
    return {q: found[str(q)] for q in quarters}


def freeze_rules(session: Session, quarter: Quarter, now: datetime) -> QuarterlyRules:
    """Inside a write: give the quarter its own scheme row if it has none yet, holding
    the rules it grades by now; return them. A closed quarter refuses (trigger)."""
    return QUARTER_ROWS.freeze(session, str(quarter), now)


def store_rules(
    session: Session, quarter: Quarter, rules: QuarterlyRules, expected_version: int | None = None
) -> None:
    """Inside a write: the quarter's own rules, set ahead or changed while not frozen
    (refused in words once frozen)."""
    QUARTER_ROWS.store(session, str(quarter), rules, expected_version)
