"""加减分 of the half-year department scoring: deductions, bonuses and a veto.

Deductions and bonuses are what a bureau's 督查通报 and commendation documents
produce in half a year; at most one 一票否决 happens in a year, as in practice it
is rare and every one is remembered.

The first half of the demo's last year is scripted (catalog_half_year): its bonuses and
its veto are written to show every rule of the 1000-point scoring; the drawn deductions
stay, as every half has them. Nothing is dated after the demo's today.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from kaohe_desktop.domain.enums import AdjustmentCategory
from kaohe_desktop.domain.periods import HalfYear, Year
from kaohe_desktop.domain.records import AdjustmentRecord
from kaohe_desktop.services.demo._common import day_between, doc_number
from kaohe_desktop.services.demo.catalog import (
    BONUS_POINTS,
    BONUSES,
    BRANCH,
    DEDUCTIONS,
    GENERAL,
    VETO_REASONS,
)
from kaohe_desktop.services.demo.catalog_half_year import FIRST_HALF
from kaohe_desktop.services.demo.organization import Organization


def build_adjustments(
    rng: random.Random,
    org: Organization,
    year: int,
    county: str,
    veto: bool,
    *,
    today: date,
    scripted: bool = False,
) -> list[AdjustmentRecord]:
    """Adjustments of both halves of `year`; `county` is the 文号 abbreviation (夏).

    `scripted`: the first half's bonuses and veto are catalog_half_year's instead of
    drawn ones (they are still drawn, so the rest of the book does not shift).
    """
    names = [d.name for d in org.departments]
    rows: list[AdjustmentRecord] = []
    seen: set[tuple[object, ...]] = set()

    def add(row: AdjustmentRecord) -> None:
        key = (row.half, row.department, row.category, row.reason, row.doc_no, row.date)
        if key not in seen:
            seen.add(key)
            rows.append(row)

    def dated(half: HalfYear) -> date:
        day = day_between(rng, half.start, half.end)
        # No document is dated after the demo's today: one drawn later moves two weeks
        # back (a fixed shift, so what is drawn after it stays the same).
        return day if day <= today else max(half.start, min(today, day - timedelta(days=14)))

    bureau_doc = f"{county}食药监发"
    weights = [weight for *_, weight in BONUSES]
    for index, half in enumerate(Year(year).halves()):
        period = str(half)
        # Deductions: a third of the departments lose a few points in a half.
        for name in rng.sample(names, min(len(names), max(3, round(len(names) * 0.35)))):
            for category, reason, points in rng.sample(DEDUCTIONS, rng.randint(1, 2)):
                day = dated(half)
                doc = doc_number(rng, bureau_doc, day)
                add(
                    AdjustmentRecord(
                        period, name, category, Decimal(-points), reason, doc_no=doc, date=day
                    )
                )
        # Bonuses: commendations of a department's work; one document may name two.
        keep = not (scripted and index == 0)
        for name in rng.sample(names, min(len(names), max(1, round(len(names) * 0.2)))):
            level, reason, prefix, _ = rng.choices(BONUSES, weights=weights)[0]
            day = dated(half)
            doc = doc_number(rng, prefix.format(c=county), day)
            honoured = [name, rng.choice(names)] if rng.random() < 0.3 else [name]
            for honoured_name in honoured:
                if keep:
                    add(
                        AdjustmentRecord(
                            period,
                            honoured_name,
                            AdjustmentCategory.BONUS,
                            Decimal(BONUS_POINTS[level]),
                            reason,
                            level=level,
                            doc_no=doc,
                            date=day,
                        )
                    )
    if veto:
        # A veto falls on a department with work in the field, and only a 监管所 has
        # a 辖区 of its own in which an incident can happen.
        candidates = [d for d in org.departments if d.group != GENERAL] or org.departments
        target = rng.choice(candidates)
        reasons = [r for r in VETO_REASONS if target.kind is BRANCH or "辖区" not in r]
        half = rng.choice(Year(year).halves())
        day = dated(half)
        doc = doc_number(rng, f"{county}发", day)
        reason = rng.choice(reasons)
        if not scripted:  # the script has its own veto
            add(
                AdjustmentRecord(
                    str(half), target.name, AdjustmentCategory.VETO, Decimal(0), reason,
                    doc_no=doc, date=day,
                )
            )  # fmt: skip
    if scripted:
        for row in scripted_first_half(org, year, county):
            add(row)
    return rows


def scripted_first_half(org: Organization, year: int, county: str) -> list[AdjustmentRecord]:
    """catalog_half_year.FIRST_HALF as 加减分 rows of `year`H1."""
    present = {d.name for d in org.departments}
    half = HalfYear(year, 1)
    rows = []
    shared: dict[str, str] = {}  # one document listed twice keeps its one 文号
    for item in FIRST_HALF:
        assert item.department in present, item.department  # a base department
        day = date(year, item.month, item.day)
        # A fixed number per document, growing through the year as real ones do.
        number = day.timetuple().tm_yday * 3 // 10 + 1
        doc = f"{item.prefix.format(c=county)}〔{year}〕{number}号"
        if item.shared_doc:
            doc = shared.setdefault(item.shared_doc, doc)
        if item.category is AdjustmentCategory.BONUS:
            assert item.level is not None
            points = Decimal(BONUS_POINTS[item.level])
        else:
            points = Decimal(-item.deducted)
        rows.append(
            AdjustmentRecord(
                str(half), item.department, item.category, points, item.reason,
                level=item.level, doc_no=doc, date=day,
            )
        )  # fmt: skip
    return rows
