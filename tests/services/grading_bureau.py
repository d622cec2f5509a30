"""A small bureau for the 平时考核 service tests, and helpers to grade it.

Three departments, six people: five on the 2026Q2 roster (so the 好 quota is
floor(5 × 40%) = 2) and one who joins in August. Built once per test run
(GRADING_BUREAU, a kind of master file) and copied for each test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from tests.factories import Master

from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import DepartmentRecord, ExchangeBook, PersonRecord
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.quarterly.views import GradingSheet, ScoreChange, ScoreField
from kaohe_desktop.services.workspace import Workspace

Q2 = Quarter(2026, 2)
GENERAL = "一般公务员"
SECTION = "机关正科级"
DEPARTMENTS = ("综合科", "市场科", "质量科")
PEOPLE = (
    ("P01", "张一", "综合科", GENERAL, date(2020, 1, 1)),
    ("P02", "王二", "综合科", GENERAL, date(2020, 1, 1)),
    ("P03", "李三", "市场科", GENERAL, date(2020, 1, 1)),
    ("P04", "赵四", "市场科", SECTION, date(2020, 1, 1)),
    ("P05", "钱五", "质量科", GENERAL, date(2020, 1, 1)),
    ("P06", "孙六", "质量科", GENERAL, date(2026, 8, 1)),  # not on the Q2 roster
)


def _grading_bureau(workspace: Workspace) -> None:
    book = ExchangeBook(
        departments=[DepartmentRecord(name, order=n) for n, name in enumerate(DEPARTMENTS, 1)],
        people=[
            PersonRecord(code, name, department, category, work_start=start)
            for code, name, department, category, start in PEOPLE
        ],
    )
    workspace.importer.apply(book)


GRADING_BUREAU = Master(fill=_grading_bureau)  # with an account per role


def ids(workspace: Workspace) -> dict[str, int]:
    """Person id by 编号."""
    return {person.code: person.id for person in workspace.people.listing()}


def department_ids(workspace: Workspace) -> dict[str, int]:
    return {item.name: item.id for item in workspace.departments.listing()}


def take_leases(
    workspace: Workspace, quarter: Quarter = Q2, names: Iterable[str] = DEPARTMENTS
) -> list[Lease]:
    """The grading lease of each named department (all three by default)."""
    departments = department_ids(workspace)
    return [
        workspace.leases.acquire(grading_scope(str(quarter), departments[name]), f"{name}评分")
        for name in names
    ]


def changes(
    sheet: GradingSheet, scores: Mapping[str, tuple[str | None, str | None]]
) -> list[ScoreChange]:
    """Both scores of each 编号, with the versions the sheet shows."""
    by_code = {row.code: row for row in sheet.rows}
    result = []
    for code, (performance, leader) in scores.items():
        row = by_code[code]
        for field, value in ((ScoreField.PERFORMANCE, performance), (ScoreField.LEADER, leader)):
            number = None if value is None else Decimal(value)
            result.append(ScoreChange(row.person_id, field, number, row.version))
    return result


def score(
    workspace: Workspace,
    scores: Mapping[str, tuple[str | None, str | None]],
    leases: list[Lease],
    quarter: Quarter = Q2,
) -> GradingSheet:
    sheet = workspace.grading.sheet(quarter)
    return workspace.grading.set_scores(quarter, changes(sheet, scores), leases)


def grades(sheet: GradingSheet) -> dict[str, str]:
    """等次 as printed, by 编号."""
    return {row.code: row.grade_text for row in sheet.rows}
