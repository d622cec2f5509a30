"""The 查账 GUI tests' ledger, small enough to work out on paper, and the tab around it.

Departments 办公室, 财务科 (an account per role). Tasks of 2026:
  1 信息报送   routine  每季度  lead 办公室  responsible 办公室、财务科
  2 预算执行   routine  每季度  lead 财务科  responsible 财务科
  3 年度总结   routine  12月    lead 办公室  responsible 办公室
  4 重点项目   key      5月     lead 办公室  responsible 办公室
So 2026Q2 lists three rows, in task then department order: 1·办公室, 1·财务科, 2·财务科;
2026-05 lists one (4·办公室); January lists none.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from tests.factories import Clock, CopyMaster, Master, sign_in

from kaohe_desktop.domain.enums import CheckLevel, TaskCategory
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import DepartmentRecord, ExchangeBook, TaskRecord
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.checks.views import CheckEntryView, DueCheckRow
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.checks.checks_tab import ChecksTab
from kaohe_desktop.ui.common.data_tab import Guidance

Q2 = Quarter(2026, 2)
# Inside Q2, before its end: nothing is overdue yet.
MAY = datetime(2026, 5, 20, 9, 0, 0)


def _task(
    seq: int, title: str, category: TaskCategory, lead: str, responsible: str, deadline: str
) -> TaskRecord:
    return TaskRecord(
        2026, seq, title, category, lead, tuple(responsible.split("、")), deadline, Decimal(10)
    )


def _checks_ledger(workspace: Workspace) -> None:
    routine, key = TaskCategory.ROUTINE, TaskCategory.KEY
    workspace.importer.apply(
        ExchangeBook(
            departments=[DepartmentRecord("办公室"), DepartmentRecord("财务科")],
            tasks=[
                _task(1, "信息报送", routine, "办公室", "办公室、财务科", "每季度"),
                _task(2, "预算执行", routine, "财务科", "财务科", "每季度"),
                _task(3, "年度总结", routine, "办公室", "办公室", "12月"),
                _task(4, "重点项目", key, "办公室", "办公室", "5月"),
            ],
        )
    )


CHECKS_LEDGER = Master(fill=_checks_ledger)


class Opened:
    """Workspaces of the test (each with its own settable clock), closed at its end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.all: list[Workspace] = []

    def __call__(self, role: Role = Role.ADMIN, now: datetime = MAY) -> Workspace:
        workspace = sign_in(self.path, role, daily_backup=False, clock=Clock(now))
        self.all.append(workspace)
        return workspace


@pytest.fixture
def opened(copy_master: CopyMaster) -> Iterator[Opened]:
    workspaces = Opened(copy_master(CHECKS_LEDGER))
    yield workspaces
    for workspace in workspaces.all:
        workspace.close()


def make_tab(qtbot: Any, workspace: Workspace, period: str = "2026Q2") -> ChecksTab:
    # The tab inside a window of its own: closing that window gives the leases back.
    window = QWidget()
    tab = ChecksTab(Guidance())
    QVBoxLayout(window).addWidget(tab)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    tab.set_workspace(workspace, 2026)
    tab.period.choose(period)
    return tab


def rows(tab: ChecksTab) -> list[DueCheckRow]:
    """The period's rows as the data file holds them now."""
    assert tab.workspace is not None and tab.session.period is not None
    return list(tab.workspace.checks.due_list(tab.session.period).rows)


def entry(tab: ChecksTab, seq: int, department: str, level: CheckLevel) -> CheckEntryView | None:
    found = next(r for r in rows(tab) if r.seq == seq and r.department == department)
    return found.entry(level)


def shown(tab: ChecksTab, seq: int, department: str, column: int) -> str:
    for n in range(tab.proxy.rowCount()):
        row = tab.proxy.row_object(tab.proxy.index(n, 0))
        if row.seq == seq and row.department == department:
            return str(tab.proxy.index(n, column).data())
    raise KeyError((seq, department))


def go_to(tab: ChecksTab, seq: int, department: str, column: int) -> None:
    row = next(r for r in tab.model.rows() if r.seq == seq and r.department == department)
    assert tab.grid.select_cell(row.key, column)
    tab.table.setFocus()


def actual(tab: ChecksTab, seq: int, department: str) -> str | None:
    """The stored 实际完成情况 of a row at 一级 (None: no check)."""
    found = entry(tab, seq, department, CheckLevel.LEAD)
    return None if found is None else found.actual


def send_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget` key by key. QTest types ASCII only; a Chinese input
    method delivers each character as a key event carrying its text, as sent here."""
    for character in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, event)
