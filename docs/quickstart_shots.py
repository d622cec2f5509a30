"""Screenshots for the README's 快速上手 (a clerk's first day), on a fresh demo.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/quickstart_shots.py [OUT_DIR]

Writes docs/screenshots/quickstart_*.png (or into OUT_DIR): the welcome page, the 文件
menu, an import checked and confirmed, an import refused cell by cell, the wall-chart
dialog, the current quarter's grid with a score being typed, the 等次调整 dialog, the
close confirmation, the grid once closed, and page 1 of the 平时考核结果汇总表. The demo
and the settings live in a temporary folder (docs/make_screenshots.open_demo), and every
step goes through the window's own actions, so the pictures follow the program.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))  # the other *_shots modules beside this one

from make_screenshots import YEAR, open_demo
from multiuser_shots import _save, _settle
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from PySide6.QtCore import QPoint, QSize, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import DEFAULT_STAFF_CATEGORIES
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_ADMIN, DEMO_ADMIN_NAME, DEMO_PASSWORD
from kaohe_desktop.services.quarterly.views import GradingSheet
from kaohe_desktop.services.workspace import create_workspace, open_workspace
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.quarterly import grading_model as cols
from kaohe_desktop.ui.welcome import WelcomeDialog


def _dialogs(app: QApplication) -> list[QWidget]:
    return [
        w
        for w in app.topLevelWidgets()
        if w.isVisible() and isinstance(w, QDialog) and not isinstance(w, QProgressDialog)
    ]


def _new_dialogs(app: QApplication, before: list[QWidget]) -> list[QWidget]:
    """The dialogs shown now that were not in `before`. Compared as objects, not by id():
    the id of a wrapper thrown away is reused, and a new dialog would pass for an old one."""
    return [w for w in _dialogs(app) if not any(w is old for old in before)]


def _reject(dialog: QWidget) -> None:
    assert isinstance(dialog, QDialog)
    dialog.reject()


def _say_yes(dialog: QWidget) -> None:
    """Answers a question box the way a clerk going ahead would (是 / 确定)."""
    if isinstance(dialog, QMessageBox):
        for button in dialog.buttons():
            if dialog.buttonRole(button) in (
                QMessageBox.ButtonRole.YesRole,
                QMessageBox.ButtonRole.AcceptRole,
            ):
                button.click()
                return
    assert isinstance(dialog, QDialog)
    dialog.accept()


def grab_dialog(
    app: QApplication,
    trigger: Callable[[], object],
    path: Path,
    answer: Callable[[QWidget], None] = _reject,
) -> Path:
    """Runs trigger and grabs the first dialog it opens — modal (exec) or not, at once or
    after a worker job — then answers it. A timer does the grabbing, since a modal
    dialog's exec() does not return until it is answered."""
    before = _dialogs(app)  # kept alive, so each keeps its one wrapper
    seen: list[QWidget] = []
    done: list[bool] = []

    def poll() -> None:
        fresh = _new_dialogs(app, before)
        if not fresh or done:
            return
        if not seen or seen[0] is not fresh[0]:
            seen[:] = [fresh[0]]  # first sight: let it lay itself out for one more tick
            return
        timer.stop()
        done.append(True)
        if not fresh[0].grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        answer(fresh[0])

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(150)
    trigger()
    _settle(app, lambda: bool(done))
    timer.stop()
    if not done:
        raise SystemExit(f"no dialog appeared for {path.name}")
    return path


class AnswerBoxes:
    """While it runs, answers every message box that appears (the 'closed' note, a
    question) so that a flow started in the window runs to its end; `answered` keeps
    the boxes' texts."""

    def __init__(self, app: QApplication, answer: Callable[[QWidget], None]) -> None:
        self.answered: list[str] = []
        before = _dialogs(app)

        def poll() -> None:
            for box in _new_dialogs(app, before):
                if isinstance(box, QMessageBox):
                    self.answered.append(box.text())
                    print(f"answered: {box.text()}", file=sys.stderr)  # surprises show
                    answer(box)

        self.timer = QTimer()
        self.timer.timeout.connect(poll)
        self.timer.start(200)

    def stop(self) -> None:
        self.timer.stop()


def grab_with_menu(app: QApplication, window: MainWindow, index: int, path: Path) -> Path:
    """The window with one of its menus dropped down, as the clerk sees it."""
    menu = window.menuBar().actions()[index].menu()
    anchor = window.menuBar().actionGeometry(window.menuBar().actions()[index]).bottomLeft()
    menu.popup(window.menuBar().mapToGlobal(anchor))
    _settle(app)
    picture = window.grab()
    painter = QPainter(picture)
    corner = window.mapFromGlobal(menu.pos())
    painter.drawPixmap(corner, menu.grab())
    painter.end()
    menu.hide()
    # The menu and a little of the window around it, so that the words stay readable.
    picture = picture.copy(0, 0, corner.x() + menu.width() + 560, corner.y() + menu.height() + 40)
    if not picture.save(str(path)):
        raise SystemExit(f"could not write {path}")
    return path


def pdf_page(pdf: Path, path: Path, width: int = 1000) -> Path:
    document = QPdfDocument()
    document.load(str(pdf))
    size = document.pagePointSize(0)
    image = document.render(0, QSize(width, round(width * size.height() / size.width())))
    white = QPixmap(image.size())
    white.fill()
    painter = QPainter(white)
    painter.drawImage(QPoint(0, 0), image)
    painter.end()
    if not white.save(str(path)):
        raise SystemExit(f"could not write {path}")
    return path


def _column(sheet: Worksheet, header: str) -> str:
    return next(str(c.column_letter) for c in sheet[1] if c.value == header)


def grab_import(app: QApplication, window: MainWindow, scratch: Path, out: Path) -> list[Path]:
    """A new, empty data file, and the template filled in (科室, 人员, 台账: here taken from
    the demo) checked before anything is written; then the same workbook with two
    mistakes, refused cell by cell. The window goes back to the demo afterwards."""
    demo = window.workspace
    assert demo is not None
    filled = scratch / "导入模板（已填写）.xlsx"
    demo.exporter.export_workbook(filled)
    book = load_workbook(filled)
    for name in book.sheetnames:
        if name not in ("科室", "人员", "台账"):
            del book[name]
    people = book["人员"]
    category = _column(people, "人员类别")
    # A new file knows the default 人员类别 only; the demo's own (局领导) is left out.
    defaults = set(DEFAULT_STAFF_CATEGORIES)
    for row in range(people.max_row, 1, -1):
        if people[f"{category}{row}"].value not in defaults:
            people.delete_rows(row)
    book.save(filled)
    wrong = load_workbook(filled)
    wrong["人员"][f"{category}3"] = None  # 人员类别 left empty
    tasks = wrong["台账"]
    tasks[f"{_column(tasks, '分值')}4"] = "十分"
    bad = scratch / "导入模板（有错）.xlsx"
    wrong.save(bad)

    admin = Credentials(DEMO_ADMIN, DEMO_PASSWORD)
    new = scratch / "考核台账.kaohe"
    create_workspace(new, admin=admin, admin_name=DEMO_ADMIN_NAME).close()
    demo_path = demo.path
    window.set_workspace(open_workspace(new, admin))
    window.set_year(YEAR)
    _settle(app)
    actions = window.exchange_actions
    written = [
        grab_dialog(app, lambda: actions.import_path(filled), out / "quickstart_3_import.png"),
        grab_dialog(app, lambda: actions.import_path(bad), out / "quickstart_4_import_errors.png"),
    ]
    window.set_workspace(open_workspace(demo_path, admin), demo=True)
    window.set_year(YEAR)
    _settle(app)
    return written


def _fill_missing(window: MainWindow, quarter: Quarter) -> GradingSheet:
    """What the clerk types by the quarter's end: every score still missing (the demo
    may leave some), so that the quarter can be closed."""
    from kaohe_desktop.services.quarterly.views import ScoreChange, ScoreField

    tab = window.quarterly_tab
    workspace = window.workspace
    assert workspace is not None
    sheet = workspace.grading.sheet(quarter)
    changes = []
    for number, row in enumerate(r for r in sheet.rows if r.awaiting_score):
        for field in (ScoreField.PERFORMANCE, ScoreField.LEADER):
            value = Decimal(82 + number % 9)
            changes.append(ScoreChange(row.person_id, field, value, row.version))
    if changes:
        leases = tab.session.leases.ensure(
            workspace.leases, quarter, {r.department_id for r in sheet.rows if r.awaiting_score}
        )
        sheet = workspace.grading.set_scores(quarter, changes, leases)
        tab.session.take(sheet)
    return sheet


def grab_quarter(app: QApplication, window: MainWindow, scratch: Path, out: Path) -> list[Path]:
    workspace = window.workspace
    assert workspace is not None
    tab = window.quarterly_tab
    window.tabs.setCurrentWidget(tab)
    quarter = workspace.grading.default_quarter(YEAR)  # the quarter in progress
    tab.set_quarter(quarter.quarter)
    _settle(app)
    sheet = workspace.grading.sheet(quarter)
    written = []

    # 录入分数: the first person still awaiting a score, or the first graded one.
    row = next((r for r in sheet.rows if r.awaiting_score), None) or next(
        r for r in sheet.rows if r.grade is not None
    )
    tab.grid.select_cell(row.person_id, cols.PERFORMANCE)
    index = tab.table.currentIndex()
    tab.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
    tab.table.edit(index)
    _settle(app)
    editor = tab.table.viewport().findChild(QLineEdit, "scoreEditor")
    if editor is not None:
        editor.setText("86.5")  # half typed: the picture shows the editor, not a saved score
    written.append(_save(app, window, out / "quickstart_6_scores.png"))
    if editor is not None:
        tab.table.itemDelegateForIndex(index).closeEditor.emit(editor)  # closed unsaved
    _settle(app)

    sheet = _fill_missing(window, quarter)
    _settle(app)
    graded = [r for r in sheet.rows if r.grade is not None]
    tab.grid.select_cell(graded[0].person_id, cols.GRADE)
    written.append(grab_dialog(app, tab.commands.adjust_grade, out / "quickstart_7_grade.png"))

    note = "经考核委员会审核"

    def confirm(dialog: QWidget) -> None:
        if hasattr(dialog, "note"):
            dialog.note.setText(note)
        _say_yes(dialog)

    answering = AnswerBoxes(app, _say_yes)
    close = out / "quickstart_8_close.png"
    written.append(grab_dialog(app, tab.commands.close_quarter, close, confirm))
    # Wait for the job's own word ('已关闭', or why not), not by reading the file meanwhile:
    # a read every few milliseconds can keep the closing write from ever getting its lock.
    for _ in range(10):
        _settle(app, lambda: bool(answering.answered))
    answering.stop()
    if not workspace.grading.sheet(quarter).closed:
        raise SystemExit(f"{quarter} did not close: see the 'answered' lines above")
    tab.reload()
    _settle(app)
    written.append(_save(app, window, out / "quickstart_9_closed.png"))

    pdf = scratch / "平时考核结果汇总表.pdf"
    workspace.ranking.write_pdf(quarter, pdf, font_path=window.settings.pdf_font_path)
    written.append(pdf_page(pdf, out / "quickstart_10_summary_pdf.png"))
    return written


def main(out: Path) -> list[Path]:
    faulthandler.enable()  # a crash inside Qt names the Python line it came from
    # A dialog nobody answers would wait for ever: after 5 minutes, say where and stop.
    faulthandler.dump_traceback_later(300, exit=True)
    app, window, _demo, translators = open_demo()
    scratch = Path(tempfile.mkdtemp(prefix="kaohe-quickstart-"))
    out.mkdir(parents=True, exist_ok=True)
    # Every tab made now, not in the idle moments of a dialog's nested event loop below
    # (a tab built there crashed Qt now and then, 2 runs in 6 on 2026-12-07).
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _settle(app)
    window.tabs.setCurrentIndex(0)

    welcome = WelcomeDialog(window)
    welcome.show()
    _settle(app)
    welcome.resize(welcome.width(), welcome.sizeHint().height())  # no empty band below
    written = [_save(app, welcome, out / "quickstart_1_welcome.png")]
    welcome.close()
    written.append(grab_with_menu(app, window, 0, out / "quickstart_2_file_menu.png"))
    written += grab_import(app, window, scratch, out)

    window.tabs.setCurrentWidget(window.ledger_tab)
    _settle(app)
    charts = window.ledger_tab.toolbar_actions.wall_charts
    written.append(grab_dialog(app, charts.trigger, out / "quickstart_5_wall_chart.png"))

    written += grab_quarter(app, window, scratch, out)
    window.close()
    del translators
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "screenshots"
    for shot in main(target):
        print(shot)
