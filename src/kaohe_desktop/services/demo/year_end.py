"""The demo's closes and 年度考核, made through the services on the demo's calendar.

- each quarter's 平时考核 closes a month after the quarter ends (QUARTER_CLOSE_AFTER),
  once its 查账 follow-up is done; each half ended before today's closes after its
  second quarter (the committee having decided any tie);
- a year before the demo's today, in the next February, has the 人事科 make the
  year's decisions and close the year (its 年度考核 stored; on the demo's today, when
  that comes sooner: the demo's clock never runs past it):
  hand grades first (they change who takes part), then 优秀 recommended among the
  eligible up to the quota: the most 好 quarters first, then the year's average 综合得分.

The hand grades: 基本称职 for the participant with the most quarters graded 一般 or
较差 (ties: the lower average), and 不参加 for a seconded person (借调, assessed where
they work), each with its reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from kaohe_desktop.domain.annual_assessment import Participation
from kaohe_desktop.domain.enums import AnnualGrade, QuarterGrade
from kaohe_desktop.domain.periods import HalfYear, Quarter, Year
from kaohe_desktop.services.access.leases import LeaseService
from kaohe_desktop.services.archive.annual import AnnualService
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.services.files.periods import PeriodService
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading

QUARTER_CLOSE_AFTER = 30  # days after the quarter's end
HALF_CLOSE_AFTER = 34  # after the half's second quarter is closed
DECIDE_ON = (2, 6)  # the next year's day (month, day) of the annual decisions
YEAR_CLOSE_ON = (2, 10)  # and of the year's close
QUARTER_NOTE = "经局考核工作领导小组审定"
YEAR_NOTE = "经局党组会议研究确定"
CALLING = {QuarterGrade.AVERAGE.label, QuarterGrade.POOR.label}


class DayClock(Protocol):
    def set(self, day: date) -> date: ...


class YearDesk(Protocol):
    # Read-only: a Workspace builds each service at first use (services/workspace_services).
    @property
    def periods(self) -> PeriodService: ...
    @property
    def grading(self) -> QuarterlyGrading: ...
    @property
    def annual(self) -> AnnualService: ...
    @property
    def leases(self) -> LeaseService: ...


def close_quarter(desk: YearDesk, clock: DayClock, quarter: Quarter) -> None:
    clock.set(quarter.end + timedelta(days=QUARTER_CLOSE_AFTER))
    desk.periods.close(str(quarter), f"{quarter.label()}平时考核结果{QUARTER_NOTE}")


def close_half(desk: YearDesk, clock: DayClock, half: HalfYear) -> None:
    clock.set(half.end + timedelta(days=HALF_CLOSE_AFTER))
    desk.periods.close(str(half), f"{half.label()}科室考核结果{QUARTER_NOTE}")


def finish_year(desk: YearDesk, clock: DayClock, year: int, seconded: set[str]) -> None:
    """The year's decisions, then its close (both in the next year's February)."""
    clock.set(date(year + 1, *DECIDE_ON))
    decide_year(desk, year, seconded)
    clock.set(date(year + 1, *YEAR_CLOSE_ON))
    desk.periods.close(str(Year(year)), f"{year}年度考核结果{YEAR_NOTE}")


def year_averages(desk: YearDesk, year: int) -> dict[int, Decimal]:
    """Each person's average 综合得分 over the year's scored quarters."""
    scores: defaultdict[int, list[Decimal]] = defaultdict(list)
    for quarter in Year(year).quarters():
        for row in desk.grading.sheet(quarter).rows:
            if row.composite is not None:
                scores[row.person_id].append(row.composite)
    return {pid: sum(values, Decimal(0)) / len(values) for pid, values in scores.items()}


def _participants(sheet: AnnualSheetView) -> list[AnnualRowView]:
    return [r for r in sheet.rows if r.participation == Participation.PARTICIPANT.label]


def _weakest(sheet: AnnualSheetView, averages: Mapping[int, Decimal]) -> AnnualRowView | None:
    def calls(row: AnnualRowView) -> int:
        return sum(1 for grade in row.quarter_grades if grade in CALLING)

    rows = [r for r in _participants(sheet) if calls(r) > 0]
    return min(
        rows,
        key=lambda r: (-calls(r), averages.get(r.person_id, Decimal(100)), r.code),
        default=None,
    )


def decide_year(desk: YearDesk, year: int, seconded: set[str]) -> AnnualSheetView:
    """Hand grades with their reasons, then 优秀 up to the quota (see the module)."""
    averages = year_averages(desk, year)
    lease = desk.annual.acquire_lease(year)
    try:
        sheet = desk.annual.sheet(year)
        weakest = _weakest(sheet, averages)
        if weakest is not None:
            times = sum(1 for grade in weakest.quarter_grades if grade in CALLING)
            reason = f"全年有{times}个季度平时考核为一般或较差，工作作风和业绩有待改进"
            sheet = desk.annual.set_grade(
                year, weakest.person_id, AnnualGrade.BASICALLY_COMPETENT, reason, [lease]
            )
        for row in _participants(sheet):
            if row.code in seconded:
                reason = "全年借调县委巡察机构工作，由借调单位考核"
                sheet = desk.annual.set_grade(
                    year, row.person_id, AnnualGrade.NOT_PARTICIPATING, reason, [lease]
                )
        eligible = sorted(
            (r for r in sheet.rows if r.eligible and not r.recommended and r.hand_grade is None),
            key=lambda r: (-r.good_count, -averages.get(r.person_id, Decimal(0)), r.code),
        )
        for row in eligible[: sheet.counter.remaining]:
            sheet = desk.annual.recommend(year, row.person_id, [lease])
        return sheet
    finally:
        desk.leases.release(lease)
