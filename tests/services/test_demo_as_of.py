"""The demo stands as on its today (`as_of`), whatever that day is (issue 18).

For each day of a list chosen to reach every edge (the first days of a year, of a
half, of a quarter, its middle and last day, a year later): nothing stored is dated
after as_of — every date and datetime column of every table, the audit log's times
included — the periods ended before as_of's are closed and its own are not, the chain
verifies (what `kaohe check` reports), and the 局领导 are graded nowhere.

A demo takes about 5 s to make (measured: `kaohe init --demo` 4.6 s on this machine),
so the days are a parametrized list rather than a hypothesis search; each is made once
(module-scoped fixture) and read by every assertion.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Date, DateTime, func, select

from kaohe_desktop.domain.periods import HalfYear, Quarter, Year
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.catalog_people import LEADER_CATEGORY
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.services.workspace import Workspace, create_workspace
from kaohe_desktop.storage.models import (
    Base,
    PersonRow,
    QuarterlyAssessmentRow,
    StaffCategoryRow,
)

DAYS = [
    date(2026, 1, 1),  # New Year's day: nothing of the year yet, every step of the last on it
    date(2026, 1, 5),  # a year just begun: last year closed, decided in "February" = today
    date(2026, 4, 1),  # the first day of a quarter
    date(2026, 7, 15),  # the second half begun: the first half (and its tie) closed
    date(2026, 12, 7),  # the day of the issue
    date(2026, 12, 31),  # the last day of a year
    date(2027, 3, 10),  # a year later
]
# Dates that are promises, not events: a 整改时限 set when the notice went out, the
# last day a 处分 has effect. They may lie after today; everything else is something
# that happened, or was recorded, by then.
FUTURE_ALLOWED = {
    ("notice", "deadline"),
    ("rectification", "deadline"),
    ("discipline", "impact_until"),
    ("commendation", "impact_until"),
}


@pytest.fixture(scope="module", params=DAYS, ids=str)
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
    tuple[date, Workspace]
]:  # fmt: skip
    as_of: date = request.param
    path = tmp_path_factory.mktemp("demo") / f"演示{as_of}.kaohe"
    workspace = create_workspace(
        path, admin=Credentials("admin", "kaohe-demo1"), demo=True, demo_as_of=as_of
    )
    yield as_of, workspace
    workspace.close()


def _dated_columns() -> list[tuple[str, str]]:
    return [
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, Date | DateTime)
    ]


def test_the_walk_finds_the_dated_columns() -> None:
    """The walk below is not vacuous: it sees the audit log, the checks and the talks."""
    found = set(_dated_columns())
    assert {("audit_log", "at"), ("talk", "talked_on")} <= found
    assert found >= FUTURE_ALLOWED  # an exemption names a real column


def test_nothing_is_dated_after_as_of(demo: tuple[date, Workspace]) -> None:
    as_of, workspace = demo
    late = []
    with workspace.opened.unit_of_work("?").read() as session:
        for table_name, column_name in _dated_columns():
            if (table_name, column_name) in FUTURE_ALLOWED:
                continue
            table = Base.metadata.tables[table_name]
            latest = session.scalar(select(func.max(table.c[column_name])))
            if isinstance(latest, datetime):
                latest = latest.date()
            if latest is not None and latest > as_of:
                late.append(f"{table_name}.{column_name} = {latest}")
    assert late == []


def test_what_ended_before_today_is_closed_and_today_is_not(
    demo: tuple[date, Workspace],
) -> None:
    as_of, workspace = demo
    current = Quarter.containing(as_of)
    half = HalfYear(as_of.year, 1 if as_of.month <= 6 else 2)
    first = as_of.year - 1  # the demo's two years
    quarters = [q for y in (first, as_of.year) for q in Year(y).quarters() if q <= current]
    halves = [h for y in (first, as_of.year) for h in Year(y).halves() if h <= half]
    with workspace.opened.unit_of_work("?").read() as session:
        assert [q for q in quarters if is_closed(session, q) != (q < current)] == []
        assert [h for h in halves if is_closed(session, h) != (h < half)] == []
        assert is_closed(session, Year(first))
        assert not is_closed(session, Year(as_of.year))


def test_the_current_quarter_is_in_progress(demo: tuple[date, Workspace]) -> None:
    """Some of today's quarter's scores are in (not on its first days), never all."""
    as_of, workspace = demo
    sheet = workspace.grading.sheet(Quarter.containing(as_of))
    entered = [row for row in sheet.rows if row.performance is not None]
    assert len(entered) < len(sheet.rows)
    if (as_of - Quarter.containing(as_of).start).days > 45:
        assert entered


def test_the_chain_verifies(demo: tuple[date, Workspace]) -> None:
    _, workspace = demo
    report = workspace.check()
    assert report.ok, report.lines()


def test_the_leaders_are_graded_nowhere(demo: tuple[date, Workspace]) -> None:
    as_of, workspace = demo
    with workspace.opened.unit_of_work("?").read() as session:
        leaders = set(
            session.scalars(
                select(PersonRow.id)
                .join(StaffCategoryRow, StaffCategoryRow.id == PersonRow.category_id)
                .where(StaffCategoryRow.name == LEADER_CATEGORY)
            )
        )
        rows = session.scalar(
            select(func.count()).where(QuarterlyAssessmentRow.person_id.in_(leaders))
        )
    assert len(leaders) >= 2 and rows == 0
    for quarter in Year(as_of.year - 1).quarters():
        on_sheet = {row.person_id for row in workspace.grading.sheet(quarter).rows}
        assert on_sheet and not on_sheet & leaders


def test_the_demo_is_made_as_of_today_by_default(tmp_path: Path) -> None:
    """Without a day, the demo stands on the caller's today (the GUI's --demo)."""
    today = date.today()
    workspace = create_workspace(
        tmp_path / "演示.kaohe", admin=Credentials("admin", "kaohe-demo1"), demo=True
    )
    try:
        current = Quarter.containing(today)
        with workspace.opened.unit_of_work("?").read() as session:
            latest = session.scalar(
                select(func.max(Base.metadata.tables["comment"].c.commented_on))
            )
            assert not is_closed(session, current)
            assert all(is_closed(session, q) for q in Year(today.year).quarters() if q < current)
        assert latest is not None and latest <= today
    finally:
        workspace.close()
