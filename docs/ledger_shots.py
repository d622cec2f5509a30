"""The 台账 screens for docs/make_screenshots.py: a new task with problems shown as the
clerk types, an existing task being edited, the wall-chart dialog and its preview, and
the 基础数据 (departments) dialog, all on the demo data."""

from __future__ import annotations

import tempfile
import time
from functools import partial
from pathlib import Path

from multiuser_shots import _save, _settle  # beside this script
from PySide6.QtWidgets import QApplication

from kaohe_desktop.reports.wall_chart_content import Paper
from kaohe_desktop.ui.editing.departments_dialog import DepartmentsDialog
from kaohe_desktop.ui.editing.record_dialog import RecordDialog
from kaohe_desktop.ui.ledger.pdf_preview import PdfPreview
from kaohe_desktop.ui.ledger.task_dialog import TaskDialog
from kaohe_desktop.ui.ledger.wall_chart_dialog import WallChartDialog
from kaohe_desktop.ui.main_window import MainWindow


def grab_ledger_screens(app: QApplication, window: MainWindow, out_dir: Path) -> list[Path]:
    workspace = window.workspace
    assert workspace is not None
    year = 2026
    written = []

    new = TaskDialog(workspace, year, parent=window)
    form = new.form
    form.seq.setValue(1)  # taken by 办公室's first task
    form.title.setText("食品安全宣传周活动")
    form.deadline.setText("6月中下旬左右")
    form.points.setText("0")
    _settle(app)
    written.append(_save(app, new, out_dir / "task_invalid.png"))
    new.hide()  # close() would ask whether to discard the typed task

    task = workspace.ledger.tasks(year)[2]
    edit = TaskDialog(workspace, year, snapshot=workspace.tasks.load(task.id), parent=window)
    written.append(_save(app, edit, out_dir / "task_edit.png"))
    edit.hide()

    charts = WallChartDialog(workspace.wall_charts, year, window)
    written.append(_save(app, charts, out_dir / "wall_chart_dialog.png"))
    charts.close()

    pdf = Path(tempfile.mkdtemp(prefix="kaohe-shots-pdf-")) / "墙上台账.pdf"
    department = workspace.wall_charts.departments(year)[0]
    workspace.wall_charts.write(year, pdf, department=department, paper=Paper.A3)
    preview = PdfPreview(pdf, paper=Paper.A3, suggested_name=pdf.name, parent=window)
    preview.resize(1200, 800)
    preview.show()
    for _ in range(60):  # QPdfView renders its pages on threads of its own
        app.processEvents()
        time.sleep(0.05)
    written.append(_save(app, preview, out_dir / "wall_chart_preview.png"))
    preview.close()

    departments = DepartmentsDialog(
        workspace, workspace.departments, window, open_record=partial(RecordDialog, workspace)
    )
    departments.resize(900, 520)
    written.append(_save(app, departments, out_dir / "departments.png"))
    departments.close()
    return written
