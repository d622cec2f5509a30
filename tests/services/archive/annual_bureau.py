"""A small bureau for the 年度考核 service tests, built through the services.

Two departments, twelve people, all in service since 2020 but P11 and P12 (退休).
2026's quarters are scored from the exchange workbook (好 = 95/95, 较好 = 85/85,
一般 = 70/70) and Q1–Q3 closed; Q4 stays open (its grades come from its grid). With
ten or eleven people graded in a quarter the 好 quota is ⌊× 40%⌋ = 4, and no quarter
has more than four 好, so every grade below stands as planned:

| 编号 | 科室 | Q1 Q2 Q3 Q4 | 处分 | the year, by hand |
|---|---|---|---|---|
| P01 | 综合科 | 好 好 较好 较好 | — | 好 in exactly half: eligible |
| P02 | 综合科 | 好 好 好 一般 | — | 四季度一般: not eligible |
| P03 | 综合科 | 好 好 好 好 | 2026-03-10 警告 | barred this year |
| P04 | 综合科 | 好 好 好 好 | 2025-06-01 警告 | last year: eligible |
| P05 | 综合科 | 较好 ×4 | 2026-04-01 严重警告 | 不定等次 |
| P06 | 市场科 | 较好 ×4 | 2025-10-15 记大过 | 不定等次 this year too |
| P07–P10 | 市场科 | 较好 ×4 | — | 好次数不足一半 |
| P11 | 市场科 | 较好 (Q1 only) | — | 退休 with a row: 不参加 |
| P12 | 市场科 | — | — | 退休, no row: not listed |

Participants 8 (P01–P04, P07–P10), 不定等次 2, 不参加 1: the 优秀 quota is
⌊8 × 20%⌋ = 1 (⌊10 × 20%⌋ = 2 had 不定等次 been counted); at 25% it is ⌊8 × 25%⌋ = 2.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.factories import Master

from kaohe_desktop.domain.enums import DisciplineType, PersonStatus
from kaohe_desktop.domain.records import (
    AssessmentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
    RewardRecord,
)
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.services.workspace import Workspace

YEAR = 2026
GENERAL = "一般公务员"
SINCE = date(2020, 1, 1)
G, F, A = ("95", "95"), ("85", "85"), ("70", "70")  # 好, 较好, 一般 (alone in its band)

PEOPLE = (
    ("P01", "甲一", "综合科", (G, G, F, F)),
    ("P02", "乙二", "综合科", (G, G, G, A)),
    ("P03", "丙三", "综合科", (G, G, G, G)),
    ("P04", "丁四", "综合科", (G, G, G, G)),
    ("P05", "戊五", "综合科", (F, F, F, F)),
    ("P06", "己六", "市场科", (F, F, F, F)),
    ("P07", "庚七", "市场科", (F, F, F, F)),
    ("P08", "辛八", "市场科", (F, F, F, F)),
    ("P09", "壬九", "市场科", (F, F, F, F)),
    ("P10", "癸十", "市场科", (F, F, F, F)),
    ("P11", "退休甲", "市场科", (F,)),
    ("P12", "退休乙", "市场科", ()),
)
RETIRED = {"P11", "P12"}
DISCIPLINES = (
    ("P03", date(2026, 3, 10), DisciplineType.WARNING),
    ("P04", date(2025, 6, 1), DisciplineType.WARNING),
    ("P05", date(2026, 4, 1), DisciplineType.SERIOUS_WARNING),
    ("P06", date(2025, 10, 15), DisciplineType.MAJOR_DEMERIT),
)


def _status(code: str) -> PersonStatus:
    return PersonStatus.RETIRED if code in RETIRED else PersonStatus.ACTIVE


def _annual_bureau(workspace: Workspace) -> None:
    book = ExchangeBook(
        departments=[DepartmentRecord("综合科", order=1), DepartmentRecord("市场科", order=2)],
        people=[
            PersonRecord(code, name, department, GENERAL, work_start=SINCE, status=_status(code))
            for code, name, department, _ in PEOPLE
        ],
        assessments=[
            AssessmentRecord(f"{YEAR}Q{n}", code, Decimal(performance), Decimal(leader))
            for code, _, _, marks in PEOPLE
            for n, (performance, leader) in enumerate(marks, 1)
        ],
        rewards=[RewardRecord(code, on, kind) for code, on, kind in DISCIPLINES],
    )
    workspace.importer.apply(book)
    for quarter in (1, 2, 3):
        workspace.periods.close(f"{YEAR}Q{quarter}")


ANNUAL_BUREAU = Master(fill=_annual_bureau)  # with an account per role


def ids(workspace: Workspace) -> dict[str, int]:
    """Person id by 编号."""
    return {person.code: person.id for person in workspace.people.listing()}


def rows(sheet: AnnualSheetView) -> dict[str, AnnualRowView]:
    return {row.code: row for row in sheet.rows}


def grades(sheet: AnnualSheetView) -> dict[str, str]:
    """年度等次 as it stands, by 编号."""
    return {row.code: row.grade for row in sheet.rows}
