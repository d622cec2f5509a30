"""The drill-down table (痕迹管理): every source of the points of one cell.

One row per PointSource of the department and the cell's category (for 总分 all of
them): a check with its task, period, level, status and share; an adjustment or a
督办单 with its reason, 文号, date and who entered it; a bonus with its level, counted
or not; the clamp (扣完为止) and the bonus cap. A source that does not count is grey
and says why.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QObject

from kaohe_desktop.domain.half_year_scoring import PointSource, SourceKind
from kaohe_desktop.domain.quarterly_rules import percent
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.scoring.drill_sources import SourceLine
from kaohe_desktop.ui.scoring.score_texts import (
    BONUS_COLOR,
    DEDUCTION_COLOR,
    MUTED_COLOR,
    period_text,
    signed_points,
)


def _color(line: SourceLine) -> str | None:
    if not line.source.counted:
        return MUTED_COLOR
    if line.source.points < 0:
        return DEDUCTION_COLOR
    return BONUS_COLOR if line.source.points > 0 else None


def _status(source: PointSource) -> str:
    if source.status is not None:
        return source.status.label
    if source.kind is SourceKind.CHECK:
        return "未录入（按未完成计）"
    return ""


def _level(source: PointSource) -> str:
    if source.level is not None:
        return source.level.label
    return source.commendation.label if source.commendation is not None else ""


class SourceTableModel(RowTableModel[SourceLine]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(self._columns_spec())

    def total(self) -> Decimal:
        """What the listed sources add to (or take from) the score."""
        return sum((line.source.points for line in self.rows() if line.source.counted), Decimal(0))

    def _columns_spec(self) -> list[Column[SourceLine]]:
        def text(value: str | None) -> str:
            return value or ""

        def day(value: date | None) -> str:
            return value.isoformat() if value else ""

        return [
            Column(self.tr("Source"), lambda s: s.source.kind.label),
            Column(self.tr("Category"), lambda s: s.source.category.label),
            Column(
                self.tr("Task or reason"),
                lambda s: s.source.label,
                tooltip=lambda s: s.source.label,
            ),
            Column(self.tr("Period"), lambda s: period_text(s.source.period)),
            Column(self.tr("Level"), lambda s: _level(s.source), center=True),
            Column(self.tr("Status"), lambda s: _status(s.source)),
            Column(
                self.tr("Share"),
                lambda s: percent(s.source.share) if s.source.share is not None else "",
                numeric=True,
                sort=lambda s: s.source.share,
            ),
            Column(
                self.tr("Points"),
                lambda s: signed_points(s.source.points),
                numeric=True,
                sort=lambda s: s.source.points,
                color=_color,
                bold=lambda s: s.source.counted and s.source.points != 0,
            ),
            Column(self.tr("Document no."), lambda s: text(s.source.doc_no)),
            Column(self.tr("Date"), lambda s: day(s.source.on)),
            Column(self.tr("Entered by"), lambda s: text(s.entered_by)),
            Column(
                self.tr("Note"),
                lambda s: _note(s),
                tooltip=lambda s: _note(s) or None,
                color=lambda s: MUTED_COLOR if s.read_only_reason else None,
            ),
        ]


def _note(line: SourceLine) -> str:
    parts = [line.source.note, line.read_only_reason or ""]
    if not line.source.counted and not line.source.note:
        parts.insert(0, "不计分")
    return "；".join(part for part in parts if part)
