"""Which period and which level: the two choices above the 查账 grid.

Routine tasks are checked per quarter and key tasks per month (夏津: 常规工作每季度查账，
重点工作月月查账), so one chooser lists 一季度…四季度 (常规工作) and 1月…12月 (重点工作):
choosing the period chooses the kind of task too. The year is the main window's.

The level combo lists the levels the account may record at
(domain/check_rules.entry_levels, its first the default); an account that records
nothing (只读) sees every level, to read each one's 实际完成情况.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.checks import LEVEL_ORDER
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.periods import Month, Quarter, parse_check_period

QUARTER_NAMES = ("一季度", "二季度", "三季度", "四季度")


def default_period(year: int, today: date) -> Quarter:
    """The quarter of the clock in the current year; for a past year its last quarter,
    for a coming year its first."""
    if year == today.year:
        return Quarter.containing(today)
    return Quarter(year, 4 if year < today.year else 1)


def period_name(period: CheckPeriod) -> str:
    """一季度 / 5月: the name within the year, as the chooser says it."""
    if isinstance(period, Quarter):
        return QUARTER_NAMES[period.quarter - 1]
    return f"{period.month}月"


def level_text(level: CheckLevel, supervision_department: str | None) -> str:
    """一级 牵头科室汇总, 二级 督查科室（办公室）核对, 三级 局领导抽查."""
    if level is CheckLevel.SUPERVISION and supervision_department:
        return f"{level.label} 督查科室（{supervision_department}）核对"
    return f"{level.label} {level.description}"


class PeriodChooser(QComboBox):
    """一季度…四季度 (常规工作), then 1月…12月 (重点工作), of the year shown."""

    period_chosen = Signal(object)  # CheckPeriod, chosen by the clerk

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkPeriodCombo")
        self.setMaxVisibleItems(18)
        self.setToolTip(
            self.tr("Quarters list the routine tasks (常规工作), months the key tasks (重点工作)")
        )
        self.year = date.today().year
        routine, key = self.tr("routine"), self.tr("key")
        for number, name in enumerate(QUARTER_NAMES, start=1):
            self.addItem(f"{name}（{routine}）", f"Q{number}")
        self.insertSeparator(self.count())
        for month in range(1, 13):
            self.addItem(f"{month}月（{key}）", f"M{month}")
        self.activated.connect(lambda _index: self.period_chosen.emit(self.period()))

    def period(self) -> CheckPeriod:
        code = str(self.currentData() or "Q1")
        if code.startswith("Q"):
            return Quarter(self.year, int(code[1:]))
        return Month(self.year, int(code[1:]))

    def set_period(self, period: CheckPeriod) -> None:
        """Show `period` (its year becomes the chooser's) without announcing it."""
        self.year = period.year
        code = f"Q{period.quarter}" if isinstance(period, Quarter) else f"M{period.month}"
        self.setCurrentIndex(max(0, self.findData(code)))

    def choose(self, text: str) -> None:
        """Choose "2026Q2" or "2026-05" as the clerk would (tests, the notices list)."""
        self.set_period(parse_check_period(text))
        self.period_chosen.emit(self.period())


class LevelChooser(QComboBox):
    level_chosen = Signal(object)  # CheckLevel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkLevelCombo")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(lambda _index: self.level_chosen.emit(self.level()))
        self.recording = False

    def set_levels(self, levels: Sequence[CheckLevel], supervision_department: str | None) -> None:
        """The levels this account records at (the first its default); none: view only."""
        current = self.level() if self.count() else None
        self.recording = bool(levels)
        offered = list(levels) or list(LEVEL_ORDER)
        self.blockSignals(True)
        try:
            self.clear()
            for level in offered:
                self.addItem(level_text(level, supervision_department), level.value)
            keep = current if current in offered else None
            self.setCurrentIndex(self.findData(keep.value) if keep else 0)
        finally:
            self.blockSignals(False)
        self.setToolTip(
            self.tr("The level your entries are recorded at")
            if levels
            else self.tr("Your role records no checks: choose a level to read its entries")
        )
        if self.level() is not current:
            self.level_chosen.emit(self.level())

    def level(self) -> CheckLevel:
        data = self.currentData()
        return CheckLevel(data) if data else CheckLevel.LEAD

    def set_level(self, level: CheckLevel) -> None:
        index = self.findData(level.value)
        if index >= 0:
            self.setCurrentIndex(index)
