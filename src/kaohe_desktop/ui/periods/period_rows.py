"""Tables of the periods dialog: where each closable period stands (worked out by
services.periods.period_statuses) and the history of closes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.periods import PeriodError, parse_closable
from kaohe_desktop.services.files.periods import PeriodLockView, PeriodState, PeriodStatus
from kaohe_desktop.ui.common.table_model import Column, RowTableModel

translate = QCoreApplication.translate


def status_text(row: PeriodStatus) -> str:
    if row.state is PeriodState.CLOSED:
        return translate("Periods", "Closed")
    if row.state is PeriodState.REOPENED:
        return translate("Periods", "Reopened")
    if row.state is PeriodState.COVERED:
        return translate("Periods", "Locked with {0}").format(period_label(row.covered_by or ""))
    return translate("Periods", "Not closed")


def period_label(text: str) -> str:
    """2026Q1 → 2026年第一季度; an unknown text is shown as it is."""
    try:
        return parse_closable(text).label()
    except PeriodError:
        return text


_COLORS = {
    PeriodState.CLOSED: "#a01010",
    PeriodState.COVERED: "#a01010",
    PeriodState.REOPENED: "#8a5a00",
}


class PeriodTableModel(RowTableModel[PeriodStatus]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Period"), lambda r: r.label, tooltip=lambda r: r.period),
                Column(
                    self.tr("Status"),
                    status_text,
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
                Column(self.tr("Closed by"), lambda v: v.closed_by_label),
                Column(self.tr("Note"), lambda v: v.close_note, tooltip=lambda v: v.close_note),
                Column(self.tr("Reopened"), lambda v: _when(v.reopened_at)),
                Column(self.tr("Reopened by"), lambda v: v.reopened_by_label),
                Column(
                    self.tr("Reason"), lambda v: v.reopen_reason, tooltip=lambda v: v.reopen_reason
                ),
            ]
        )


def _when(at: datetime | None) -> str:
    return "" if at is None else f"{at:%Y-%m-%d %H:%M}"
