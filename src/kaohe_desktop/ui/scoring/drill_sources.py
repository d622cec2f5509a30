"""Which sources a selected cell lists, what they add up to, and the entry behind each.

The engine's PointSource says what a point is and where it comes from, not which
加减分 row it was made of; the sheet lists those rows. A source is paired with the
row that has the same department, category, reason, 文号 and date (and level, or
points), each row used once, so two identical entries pair in their order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from kaohe_desktop.domain.enums import AdjustmentCategory
from kaohe_desktop.domain.half_year_rules import SCORED_CATEGORIES, HalfYearRules
from kaohe_desktop.domain.half_year_scoring import DepartmentResult, PointSource, SourceKind
from kaohe_desktop.services.scoring.views import HalfAdjustmentView, HalfYearSheet, VetoView
from kaohe_desktop.ui.scoring.score_model import ALL_SOURCES, SCORED, VETOES, Scope

translate = QCoreApplication.translate
Entry = HalfAdjustmentView | VetoView


@dataclass(frozen=True)
class SourceLine:
    """A source as the drill-down shows it, with the entry it can be edited through."""

    source: PointSource
    entry: Entry | None = None  # the 加减分 or 一票否决 row behind it, if entered
    read_only_reason: str | None = None  # 由督办单…产生: changed through the notice

    @property
    def editable(self) -> bool:
        return self.entry is not None and self.read_only_reason is None

    @property
    def entered_by(self) -> str | None:
        return self.source.entered_by or (self.entry.entered_by if self.entry else None)


@dataclass(frozen=True)
class CellSum:
    """start + Σ counted sources = cell (the footer of the drill-down)."""

    start: Decimal  # the category's full marks, the half's base, or 0
    sources: Decimal
    cell: Decimal

    @property
    def adds_up(self) -> bool:
        return self.start + self.sources == self.cell


def in_scope(source: PointSource, scope: Scope) -> bool:
    if scope == ALL_SOURCES:
        return True
    if scope == SCORED:
        return source.category in SCORED_CATEGORIES
    if scope == VETOES:
        return source.category is AdjustmentCategory.VETO
    return source.category is scope


def cell_sum(result: DepartmentResult, scope: Scope, rules: HalfYearRules) -> CellSum:
    listed = sum((s.points for s in result.sources if s.counted and in_scope(s, scope)), Decimal(0))
    if isinstance(scope, AdjustmentCategory) and scope in SCORED_CATEGORIES:
        return CellSum(rules.category_max(scope), listed, result.category(scope))
    if scope is AdjustmentCategory.BONUS:
        return CellSum(Decimal(0), listed, result.bonus)
    if scope == SCORED:
        return CellSum(Decimal(0), listed, -result.deductions_total)
    if scope == VETOES:
        return CellSum(Decimal(0), listed, Decimal(0))
    return CellSum(rules.base, listed, result.total)


def _matches(source: PointSource, entry: Entry) -> bool:
    if entry.department_id != source.department_id or entry.reason != source.label:
        return False
    if entry.on != source.on:
        return False
    if isinstance(entry, VetoView):
        return source.category is AdjustmentCategory.VETO and entry.doc_no == source.doc_no
    if entry.category is not source.category:
        return False
    if source.kind is SourceKind.BONUS:
        return entry.level is source.commendation and entry.doc_no == source.doc_no
    # A 督办单's deduction shows the notice number where it has no 文号.
    return entry.points == source.points and (entry.doc_no or entry.notice_number) == (
        source.doc_no
    )


def _read_only(entry: Entry | None) -> str | None:
    if isinstance(entry, HalfAdjustmentView) and entry.notice_number is not None:
        return translate(
            "DrillSources", "Made by the notice {0}: change it there (查账 → 督办单)"
        ).format(entry.notice_number)
    return None


def link_sources(sources: Sequence[PointSource], sheet: HalfYearSheet) -> list[SourceLine]:
    """Each source with the entry it was made of (None for checks, the clamp, the cap)."""
    unused: list[Entry] = [*sheet.adjustments, *sheet.vetoes]
    lines = []
    for source in sources:
        entry = None
        if source.kind in (SourceKind.ADJUSTMENT, SourceKind.NOTICE, SourceKind.BONUS):
            entry = next((e for e in unused if _matches(source, e)), None)
            if entry is not None:
                unused.remove(entry)
        lines.append(SourceLine(source, entry, _read_only(entry)))
    return lines


def lines_for(result: DepartmentResult, scope: Scope, sheet: HalfYearSheet) -> list[SourceLine]:
    """The drill-down of one cell: the department's sources in the cell's scope, paired
    over all of its sources so a pairing never depends on the cell chosen."""
    lines = link_sources(result.sources, sheet)
    return [line for line in lines if in_scope(line.source, scope)]
