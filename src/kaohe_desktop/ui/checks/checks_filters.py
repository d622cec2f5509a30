"""The 查账 grid's filters: 科室, 完成情况 (with 未录入, 逾期未录 and 草稿), 层级, and the
search box (序号, 工作任务, 科室).

Every filter narrows the proxy over rows already read, so a keystroke in the search
box or a new choice answers at once without asking the data file again. The proxy
takes one row predicate; it is rebuilt whenever a filter changes, so the filters
always combine with AND. 常规/重点 is the period chooser's: a quarter lists the
routine tasks, a month the key ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus
from kaohe_desktop.services.checks.views import DueCheckRow
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy, SearchDelay
from kaohe_desktop.ui.common.widgets import DepartmentFilter, make_search_box

RowPredicate = Callable[[DueCheckRow], bool]


class StatusChoice(StrEnum):
    """What the 完成情况 filter offers besides the five statuses."""

    UNRECORDED = "unrecorded"  # 未录入: nothing stands yet (drafts do not stand)
    OVERDUE = "overdue"  # 逾期未录: nothing stands and the day has passed
    DRAFT = "draft"  # a draft at any level, waiting to be confirmed


class LevelChoice(StrEnum):
    """What the 层级 filter offers: a level recorded, or the entry level still empty."""

    LEAD = CheckLevel.LEAD.value
    SUPERVISION = CheckLevel.SUPERVISION.value
    LEADERSHIP = CheckLevel.LEADERSHIP.value
    MISSING = "missing"  # the level the clerk enters is not recorded yet


StatusFilterValue = CheckStatus | StatusChoice


def accepts_status(row: DueCheckRow, choice: StatusFilterValue) -> bool:
    if choice is StatusChoice.UNRECORDED:
        return row.standing is None
    if choice is StatusChoice.OVERDUE:
        return row.overdue_unrecorded
    if choice is StatusChoice.DRAFT:
        return any(entry is not None and entry.draft for entry in row.levels)
    return row.standing is choice


def accepts_level(row: DueCheckRow, choice: LevelChoice, entry_level: CheckLevel) -> bool:
    if choice is LevelChoice.MISSING:
        return row.entry(entry_level) is None
    return row.entry(CheckLevel(choice.value)) is not None


def checks_filter(
    department: str | None,
    status: StatusFilterValue | None,
    level: LevelChoice | None,
    entry_level: CheckLevel,
) -> RowPredicate | None:
    """One predicate for the chosen filters; None when nothing narrows the rows."""
    if department is None and status is None and level is None:
        return None

    def accepts(row: DueCheckRow) -> bool:
        if department is not None and row.department != department:
            return False
        if status is not None and not accepts_status(row, status):
            return False
        return level is None or accepts_level(row, level, entry_level)

    return accepts


class StatusFilter(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkStatusFilter")
        self.setToolTip(self.tr("Show one result (the status that stands), or what is missing"))
        self.addItem(self.tr("All results"), None)
        for status in CheckStatus:
            self.addItem(status.label, status.value)
        self.addItem("未录入", StatusChoice.UNRECORDED.value)
        self.addItem("逾期未录", StatusChoice.OVERDUE.value)
        self.addItem(self.tr("Drafts"), StatusChoice.DRAFT.value)

    def choice(self) -> StatusFilterValue | None:
        data = self.currentData()
        if data is None:
            return None
        if data in {c.value for c in StatusChoice}:
            return StatusChoice(data)
        return CheckStatus(data)

    def set_choice(self, choice: StatusFilterValue | None) -> None:
        self.setCurrentIndex(0 if choice is None else max(0, self.findData(choice.value)))


class LevelFilter(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkLevelFilter")
        self.setToolTip(self.tr("Show the rows with a check at one level, or without yours"))
        self.addItem(self.tr("All levels"), None)
        for level in CheckLevel:
            self.addItem(self.tr("{0} recorded").format(level.label), level.value)
        self.addItem(self.tr("Your level not recorded"), LevelChoice.MISSING.value)

    def choice(self) -> LevelChoice | None:
        data = self.currentData()
        return None if data is None else LevelChoice(data)


class CheckFilters(QObject):
    changed = Signal()  # the rows shown may differ

    def __init__(self, proxy: RowFilterProxy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.entry_level = CheckLevel.LEAD
        self.search = make_search_box(self.tr("Search no., task or department"))
        self.search.setObjectName("checkSearch")
        self.search.setMinimumWidth(180)
        self.department = DepartmentFilter()
        self.status = StatusFilter()
        self.level = LevelFilter()
        # The search box filters a short pause after typing (Enter at once); the combos
        # at once.
        self.search_delay = SearchDelay(self.search, self.apply)
        self.department.department_changed.connect(lambda _name: self.apply())
        for combo in (self.status, self.level):
            combo.currentIndexChanged.connect(lambda _index: self.apply())

    def make_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for caption, combo in (
            (self.tr("Department:"), self.department),
            (self.tr("Result:"), self.status),
            (self.tr("Level:"), self.level),
        ):
            bar.addSpacing(6)
            label = QLabel(caption)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)
        bar.addStretch(1)
        return bar

    def set_departments(self, names: Iterable[str]) -> None:
        self.department.set_departments(names)

    def set_entry_level(self, level: CheckLevel) -> None:
        if level is not self.entry_level:
            self.entry_level = level
            if self.level.choice() is LevelChoice.MISSING:
                self.apply()

    def apply(self) -> None:
        self.search_delay.cancel()  # the box is applied here with the rest
        predicate = checks_filter(
            self.department.department(),
            self.status.choice(),
            self.level.choice(),
            self.entry_level,
        )
        self.proxy.set_filters(self.search.text(), predicate)  # one pass over the rows
        self.changed.emit()

    def narrowed(self) -> bool:
        return bool(
            self.search.text().strip()
            or self.department.department()
            or self.status.choice()
            or self.level.choice()
        )
