"""The closable periods of one year and where each stands, from the close history.

A period is locked by its own close or by a longer closed period that contains it
(closing 2026H1 locks 2026Q2 too, DESIGN §5 and domain.periods.month_span), so the
table says which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.periods import (
    HalfYear,
    PeriodError,
    Quarter,
    Year,
    month_span,
    parse_closable,
)
from kaohe_desktop.services.periods import PeriodLockView
from kaohe_desktop.ui.common.table_model import Column, RowTableModel

translate = QCoreApplication.translate


class PeriodState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    REOPENED = "reopened"  # open again, after a close
    COVERED = "covered"  # open itself, but inside a closed longer period


@dataclass(frozen=True)
class PeriodRow:
    period: str
    label: str
    state: PeriodState
    who: str | None = None
    at: datetime | None = None
    text: str | None = None  # the close note, or the reason for reopening
    covered_by: str | None = None

    @property
    def closed(self) -> bool:
        return self.state is PeriodState.CLOSED

    def status_text(self) -> str:
        if self.state is PeriodState.CLOSED:
            return translate("Periods", "Closed")
        if self.state is PeriodState.REOPENED:
            return translate("Periods", "Reopened")
        if self.state is PeriodState.COVERED:
            return translate("Periods", "Locked with {0}").format(period_label(self.covered_by))
        return translate("Periods", "Not closed")


def closable_periods(year: int) -> list[Quarter | HalfYear | Year]:
    y = Year(year)
    return [*y.quarters(), *y.halves(), y]


def period_rows(year: int, history: Sequence[PeriodLockView]) -> list[PeriodRow]:
    """One row per quarter, half and the year; `history` is newest first."""
    open_closes = [view for view in history if view.closed]
    rows = []
    for period in closable_periods(year):
        text = str(period)
        latest = next((view for view in history if view.period == text), None)
        if latest is not None and latest.closed:
            rows.append(
                PeriodRow(
                    text,
                    period.label(),
                    PeriodState.CLOSED,
                    latest.closed_by,
                    latest.closed_at,
                    latest.close_note,
                )
            )
            continue
        cover = next((view for view in open_closes if _covers(view.period, period)), None)
        if cover is not None:
            rows.append(
                PeriodRow(
                    text,
                    period.label(),
                    PeriodState.COVERED,
                    cover.closed_by,
                    cover.closed_at,
                    cover.close_note,
                    cover.period,
                )
            )
        elif latest is not None:
            rows.append(
                PeriodRow(
                    text,
                    period.label(),
                    PeriodState.REOPENED,
                    latest.reopened_by,
                    latest.reopened_at,
                    latest.reopen_reason,
                )
            )
        else:
            rows.append(PeriodRow(text, period.label(), PeriodState.OPEN))
    return rows


def period_label(text: str) -> str:
    """2026Q1 → 2026年第一季度; an unknown text is shown as it is."""
    try:
        return parse_closable(text).label()
    except PeriodError:
        return text


def _covers(closed_text: str, period: Quarter | HalfYear | Year) -> bool:
    """Whether the closed period `closed_text` locks every month of `period`."""
    if closed_text == str(period):
        return False
    try:
        closed_first, closed_last = month_span(parse_closable(closed_text))
    except PeriodError:
        return False  # a period text from a newer program version: not ours to judge
    first, last = month_span(period)
    return closed_first <= first and last <= closed_last


_COLORS = {
    PeriodState.CLOSED: "#a01010",
    PeriodState.COVERED: "#a01010",
    PeriodState.REOPENED: "#8a5a00",
}


class PeriodTableModel(RowTableModel[PeriodRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Period"), lambda r: r.label, tooltip=lambda r: r.period),
                Column(
                    self.tr("Status"),
                    lambda r: r.status_text(),
                    color=lambda r: _COLORS.get(r.state),
                    bold=lambda r: r.state is PeriodState.CLOSED,
                ),
                Column(self.tr("By"), lambda r: r.who),
                Column(self.tr("When"), lambda r: _when(r.at)),
                Column(self.tr("Note / reason"), lambda r: r.text, tooltip=lambda r: r.text),
            ]
        )


class HistoryTableModel(RowTableModel[PeriodLockView]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(
                    self.tr("Period"), lambda v: period_label(v.period), sort=lambda v: v.period
                ),
                Column(self.tr("Closed"), lambda v: _when(v.closed_at)),
                Column(self.tr("Closed by"), lambda v: v.closed_by),
                Column(self.tr("Note"), lambda v: v.close_note, tooltip=lambda v: v.close_note),
                Column(self.tr("Reopened"), lambda v: _when(v.reopened_at)),
                Column(self.tr("Reopened by"), lambda v: v.reopened_by),
                Column(
                    self.tr("Reason"), lambda v: v.reopen_reason, tooltip=lambda v: v.reopen_reason
                ),
            ]
        )


def _when(at: datetime | None) -> str:
    return "" if at is None else f"{at:%Y-%m-%d %H:%M}"
