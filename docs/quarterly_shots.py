"""The 季度考核 screens for docs/make_screenshots.py: the grid with its distribution chart,
the 点评 and 等次调整 dialogs, and closing refused while people are still unscored — on a
copy of the demo data, since the last one clears scores."""

from __future__ import annotations

from pathlib import Path

from multiuser_shots import _save, _settle  # beside this script
from PySide6.QtWidgets import QApplication

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.services.quarterly.views import ScoreChange, ScoreField
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.quarterly.quarterly_tab import QuarterlyTab


def grab_quarterly_screens(app: QApplication, window: MainWindow, out_dir: Path) -> list[Path]:
    workspace = window.workspace
    assert workspace is not None
    tab = next(
        window.tabs.widget(i)
        for i in range(window.tabs.count())
        if isinstance(window.tabs.widget(i), QuarterlyTab)
    )
    window.tabs.setCurrentWidget(tab)
    # The quarter in progress: the demo closes the earlier ones, and a closed quarter
    # refuses the 等次调整 dialog (with a message box nobody here would answer).
    quarter = workspace.grading.default_quarter(2026)
    tab.set_quarter(quarter.quarter)
    written = []

    tab.toolbar_actions.chart.setChecked(True)
    _settle(app)
    written.append(_save(app, window, out_dir / "quarterly_chart.png"))
    tab.toolbar_actions.chart.setChecked(False)

    sheet = workspace.grading.sheet(quarter)
    commented = next(r for r in sheet.rows if r.comment_count)
    leases = tab.session.leases.ensure(workspace.leases, quarter, [commented.department_id])
    tab.commands.open_comments(workspace, sheet, commented, leases)
    assert tab.commands.dialog is not None
    written.append(_save(app, tab.commands.dialog, out_dir / "quarterly_comments.png"))
    tab.commands.dialog.reject()

    # Someone ≥ 90 left out of the quota, if the quarter has one: the dialog says why 好
    # is not offered; otherwise the first graded person.
    graded = [r for r in sheet.rows if r.grade is not None]
    left_out = next(
        (
            r
            for r in graded
            if r.outcome.band is QuarterGrade.GOOD and r.grade is not QuarterGrade.GOOD
        ),
        graded[0],
    )
    leases = tab.session.leases.ensure(workspace.leases, quarter, [left_out.department_id])
    tab.commands.open_grade(workspace, sheet, left_out, leases)
    assert tab.commands.dialog is not None
    written.append(_save(app, tab.commands.dialog, out_dir / "quarterly_grade.png"))
    tab.commands.dialog.reject()

    # Two people's 领导测评分 not in yet: the grid highlights them, closing lists them.
    missing = [r for r in sheet.rows if r.no_grade_reason is None][3:5]
    departments = {r.department_id for r in missing}
    leases = tab.session.leases.ensure(workspace.leases, quarter, departments)
    sheet = workspace.grading.set_scores(
        quarter,
        [ScoreChange(r.person_id, ScoreField.LEADER, None, r.version) for r in missing],
        leases,
    )
    tab.session.take(sheet)
    _settle(app)
    written.append(_save(app, window, out_dir / "quarterly_unscored.png"))
    tab.commands.close_sheet(workspace, sheet)
    assert tab.commands.dialog is not None
    written.append(_save(app, tab.commands.dialog, out_dir / "quarterly_close_refused.png"))
    tab.commands.dialog.reject()
    tab.session.leases.release_all()
    return written
