"""加减分 of the half-year department scoring: deductions, bonuses and a veto.

Deductions and bonuses are what a bureau's 督查通报 and commendation documents
produce in half a year; at most one 一票否决 happens in a year, as in practice it
is rare and every one is remembered.
"""

from __future__ import annotations

import random
from decimal import Decimal

from kaohe_desktop.domain.enums import AdjustmentCategory
from kaohe_desktop.domain.periods import Year
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
from kaohe_desktop.services.demo.organization import Organization


def build_adjustments(
    rng: random.Random, org: Organization, year: int, county: str, veto: bool
) -> list[AdjustmentRecord]:
    """Adjustments of both halves of `year`; `county` is the 文号 abbreviation (夏)."""
    names = [d.name for d in org.departments]
    rows: list[AdjustmentRecord] = []
    seen: set[tuple[object, ...]] = set()

    def add(row: AdjustmentRecord) -> None:
        key = (row.half, row.department, row.category, row.reason, row.doc_no, row.date)
        if key not in seen:
            seen.add(key)
            rows.append(row)

    bureau_doc = f"{county}食药监发"
    weights = [weight for *_, weight in BONUSES]
    for half in Year(year).halves():
        period = str(half)
        # Deductions: a third of the departments lose a few points in a half.
        for name in rng.sample(names, min(len(names), max(3, round(len(names) * 0.35)))):
            for category, reason, points in rng.sample(DEDUCTIONS, rng.randint(1, 2)):
                day = day_between(rng, half.start, half.end)
                doc = doc_number(rng, bureau_doc, day)
                add(
                    AdjustmentRecord(
                        period, name, category, Decimal(-points), reason, doc_no=doc, date=day
                    )
                )
        # Bonuses: commendations of a department's work; one document may name two.
        for name in rng.sample(names, min(len(names), max(1, round(len(names) * 0.2)))):
            level, reason, prefix, _ = rng.choices(BONUSES, weights=weights)[0]
            day = day_between(rng, half.start, half.end)
            doc = doc_number(rng, prefix.format(c=county), day)
            honoured = [name, rng.choice(names)] if rng.random() < 0.3 else [name]
            for honoured_name in honoured:
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
        day = day_between(rng, half.start, half.end)
        doc = doc_number(rng, f"{county}发", day)
        add(
            AdjustmentRecord(
                str(half),
                target.name,
                AdjustmentCategory.VETO,
                Decimal(0),
                rng.choice(reasons),
                doc_no=doc,
                date=day,
            )
        )
    return rows
