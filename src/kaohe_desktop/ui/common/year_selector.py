"""The year every tab shows, chosen once in the toolbar."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from kaohe_desktop.domain.periods import MAX_YEAR, MIN_YEAR


class YearSelector(QWidget):
    """A combo of the years that have data, plus the current one."""

    year_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Year:"))
        self.combo = QComboBox()
        self.combo.setObjectName("yearCombo")
        self.combo.setMinimumContentsLength(8)
        self.combo.setToolTip(self.tr("All tabs show the chosen year"))
        self.label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        self.combo.currentIndexChanged.connect(self._on_index_changed)

    def set_years(self, years: Iterable[int], current: int) -> None:
        """Replace the choices without emitting; the caller loads `current` itself."""
        choices = sorted({y for y in (*years, current) if MIN_YEAR <= y <= MAX_YEAR}, reverse=True)
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            for year in choices:
                self.combo.addItem(str(year), year)
            self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        finally:
            self.combo.blockSignals(False)

    def year(self) -> int | None:
        data = self.combo.currentData()
        return int(data) if data is not None else None

    def years(self) -> list[int]:
        return [int(self.combo.itemData(i)) for i in range(self.combo.count())]

    def set_year(self, year: int) -> None:
        """Choose `year` (adding it if missing) and emit year_changed if it changed."""
        index = self.combo.findData(year)
        if index < 0:
            self.set_years([*self.years(), year], self.year() or year)
            index = self.combo.findData(year)
        self.combo.setCurrentIndex(index)

    def _on_index_changed(self, index: int) -> None:
        if index >= 0:
            self.year_changed.emit(int(self.combo.itemData(index)))
