"""The year (年底算账): each department's two halves side by side, the year's total and
rank.

The year's total is the scheme's `year_total` (the second half's rules, which inherit
the first's unless changed): the average of the halves by default, or their sum. A
department scored in one half only (made or retired mid-year) has the total of that
half alone, so it is not pulled down by a half it did not exist in. Ranks are by the
year's total, equal totals sharing a rank (1, 2, 2, 4), within the group and overall.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from kaohe_desktop.domain.half_year_grades import competition_ranks
from kaohe_desktop.domain.half_year_scoring import DepartmentResult
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.services.scoring.sheet import build_sheet
from kaohe_desktop.services.scoring.views import YearScoreRow, YearScores
from kaohe_desktop.storage.queries.org import departments_in_order


def build_year(session: Session, year: int, today: date) -> YearScores:
    first, second = (build_sheet(session, HalfYear(year, n), today) for n in (1, 2))
    rules = second.rules
    halves: dict[int, list[DepartmentResult | None]] = defaultdict(lambda: [None, None])
    for index, sheet in enumerate((first, second)):
        for result in sheet.scoring.results:
            halves[result.department_id][index] = result
    departments = [d for d in departments_in_order(session) if d.id in halves]
    totals = {
        d.id: rules.year_total_of(r.total for r in halves[d.id] if r is not None)
        for d in departments
    }
    groups: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for d in departments:
        groups[d.group_name or ""][d.id] = totals[d.id]
    in_group = {k: v for members in groups.values() for k, v in competition_ranks(members).items()}
    overall = competition_ranks(totals)
    rows = []
    for d in departments:
        one, two = halves[d.id]
        rows.append(
            YearScoreRow(
                department_id=d.id,
                name=d.name,
                group=d.group_name or "",
                first=None if one is None else one.total,
                second=None if two is None else two.total,
                first_grade=None if one is None else one.grade,
                second_grade=None if two is None else two.grade,
                total=totals[d.id],
                rank_in_group=in_group[d.id],
                rank_overall=overall[d.id],
            )
        )
    return YearScores(year, rules, (first.closed, second.closed), tuple(rows))
