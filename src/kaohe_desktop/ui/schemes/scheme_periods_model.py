"""The 考核方案 dialog's table: one row per period of the kind shown, with the scheme in
force in words, where it comes from (本期方案 / 沿用2026年第一季度的方案 / 默认方案) and whether
it may still change (可修改 / 已于 … 冻结 / 已关闭)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from kaohe_desktop.services.schemes.editor import SchemePeriodView
from kaohe_desktop.ui.common.table_model import Column, RowTableModel

PERIOD, SOURCE, STATE, SCHEME = range(4)


def scheme_text(view: SchemePeriodView, separator: str = "；") -> str:
    return separator.join(f"{name}：{text}" for name, text in view.describe())


def _state_color(view: SchemePeriodView) -> str | None:
    if view.closed:
        return "gray"
    if view.frozen_at is not None:
        return "#8a5a00"
    return None


class SchemePeriodsModel(RowTableModel[SchemePeriodView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Period"), lambda v: v.label, sort=lambda v: v.period),
                Column(self.tr("Scheme from"), lambda v: v.source_text),
                Column(self.tr("State"), lambda v: v.state_text, color=_state_color),
                Column(
                    self.tr("Scheme in force"),
                    scheme_text,
                    tooltip=lambda v: scheme_text(v, "\n"),
                ),
            ]
        )

    def row_of(self, period: str) -> int:
        return next((i for i, view in enumerate(self.rows()) if view.period == period), -1)
