"""Every table model and its proxy obey Qt's model contract (qtmodeltester)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from tests.ui.helpers import open_in

from kaohe_desktop.ui.common.table_model import SORT_ROLE, format_value
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.quarterly import grading_model as quarterly_columns


def _models(window: MainWindow) -> dict[str, QAbstractItemModel]:
    ledger, quarterly = window.ledger_tab, window.quarterly_tab
    scoring, archive = window.scoring_tab, window.archive_tab
    return {
        "tasks": ledger.model,
        "tasks proxy": ledger.proxy,
        "assessments": quarterly.model,
        "assessments proxy": quarterly.proxy,
        "departments": scoring.departments,
        "departments proxy": scoring.department_proxy,
        "sources": scoring.drill.model,
        "sources proxy": scoring.drill.proxy,
        "people": archive.people,
        "people proxy": archive.people_proxy,
        "quarters": archive.sections.quarters,
    }


def test_models_pass_the_model_tester_with_demo_rows(
    qtbot: Any, qtmodeltester: Any, window: MainWindow, demo_file: Path
) -> None:
    open_in(qtbot, window, demo_file)
    window.tabs.setCurrentWidget(window.quarterly_tab)  # it grades the quarter when shown
    scoring = window.scoring_tab
    window.tabs.setCurrentWidget(scoring)  # it reads the half when shown
    scoring.grid.select(scoring.departments.row_at(0).department_id, 0)  # its sources
    window.tabs.setCurrentWidget(window.archive_tab)  # it reads the people when shown
    # One of the staff: the first listed, a 局领导, is graded in no quarter.
    assert window.workspace is not None
    staff = next(p for p in window.workspace.people.listing() if p.category != "局领导")
    window.archive_tab.select_person(staff.code)
    for name, model in _models(window).items():
        assert model.rowCount() > 0, name
        qtmodeltester.check(model)  # Qt's own QAbstractItemModelTester
        qtmodeltester.check(model, force_py=True)  # pytest-qt's stricter type checks


def test_models_pass_the_model_tester_when_empty(qtmodeltester: Any, window: MainWindow) -> None:
    for name, model in _models(window).items():
        assert model.rowCount() == 0, name
        qtmodeltester.check(model)  # Qt's own QAbstractItemModelTester
        qtmodeltester.check(model, force_py=True)  # pytest-qt's stricter type checks


def test_numbers_sort_as_numbers(qtbot: Any, window: MainWindow, demo_file: Path) -> None:
    open_in(qtbot, window, demo_file)
    tab = window.quarterly_tab
    window.tabs.setCurrentWidget(tab)  # it grades the quarter when shown
    composite = quarterly_columns.COMPOSITE
    tab.table.sortByColumn(composite, Qt.SortOrder.DescendingOrder)
    values = [
        tab.proxy.index(row, composite).data(SORT_ROLE) for row in range(tab.proxy.rowCount())
    ]
    scored = [v for v in values if v != ""]
    assert scored == sorted(scored, reverse=True)
    assert all(isinstance(v, float) for v in scored)


def test_format_value_shows_scores_as_a_clerk_writes_them() -> None:
    from datetime import date
    from decimal import Decimal

    assert format_value(Decimal("3E+1")) == "30"
    assert format_value(Decimal("88.50")) == "88.5"
    assert format_value(Decimal("-0")) == "0"
    assert format_value(None) == ""
    assert format_value(("办公室", "稽查大队")) == "办公室、稽查大队"
    assert format_value(date(2026, 6, 30)) == "2026-06-30"
