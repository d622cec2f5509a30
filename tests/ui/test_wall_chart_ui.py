"""打印墙上台账 dialog and the PDF preview: save, preview and print without a real dialog.

File and print dialogs are module functions answered by monkeypatching; printing goes
to a QPrinter in PDF format, so the pages that would reach the printer can be counted.
The demo is opened once for the module and only read."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton, QWidget
from tests.ui.helpers import Dialogs, wait_job

from kaohe_desktop.reports.wall_chart_content import Paper
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_ADMIN, DEMO_PASSWORD
from kaohe_desktop.services.workspace import Workspace, open_workspace
from kaohe_desktop.ui.ledger import pdf_preview, wall_chart_dialog
from kaohe_desktop.ui.ledger.pdf_preview import PdfPreview
from kaohe_desktop.ui.ledger.wall_chart_dialog import WallChartDialog
from kaohe_desktop.ui.settings import Settings

YEAR = 2026
DEPARTMENT = "稽查大队"
A4_LANDSCAPE = (842, 595)  # points


@pytest.fixture(scope="module")
def workspace(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    copy = tmp_path_factory.mktemp("wall-chart-ui") / demo_master.name
    shutil.copyfile(demo_master, copy)
    opened = open_workspace(copy, Credentials(DEMO_ADMIN, DEMO_PASSWORD), daily_backup=False)
    yield opened
    opened.close()


@pytest.fixture
def dialog(qtbot: Any, workspace: Workspace, settings: Settings) -> Iterator[WallChartDialog]:
    shown = WallChartDialog(workspace.wall_charts, YEAR, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.done(0)


def click(widget: QWidget, name: str) -> None:
    button = widget.findChild(QPushButton, name)
    assert button is not None, name
    assert button.isEnabled(), name
    button.click()


def choose_one_department_a4(dialog: WallChartDialog) -> None:
    dialog.department.setCurrentIndex(dialog.department.findData(DEPARTMENT))
    dialog.a4.setChecked(True)


def pdf_printer(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[QPrinter]:
    """Answer the print dialog by printing into a PDF file."""
    asked: list[QPrinter] = []

    def answer(printer: QPrinter, _parent: object) -> bool:
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(pdf_preview, "ask_printer", answer)
    return asked


def test_the_dialog_offers_every_department_with_charts(dialog: WallChartDialog) -> None:
    names = [dialog.department.itemData(i) for i in range(dialog.department.count())]
    assert names[0] is None  # 全部科室
    assert names[1:] == dialog.wall_charts.departments(YEAR)
    assert dialog.a3.isChecked() and dialog.blank.isChecked() and dialog.one_file.isChecked()
    assert dialog.per_department.isEnabled()
    choose_one_department_a4(dialog)
    assert not dialog.per_department.isEnabled()  # one file per department needs 全部科室
    assert dialog.font_note.text()


def test_save_one_department_a4_blank(
    dialog: WallChartDialog,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Dialogs,
) -> None:
    choose_one_department_a4(dialog)
    dialog.blank.setChecked(True)
    monkeypatch.setattr(wall_chart_dialog, "ask_save_file", lambda *_args: tmp_path / "稽查")
    click(dialog, "wallChartSave")
    job = wait_job(qtbot, dialog.job)
    assert job.error is None, job.error
    saved = tmp_path / "稽查.pdf"
    assert dialog.last_written == [saved]
    reader = PdfReader(saved)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_LANDSCAPE
    text = "".join(page.extract_text() for page in reader.pages)
    assert f"{YEAR}年度 {DEPARTMENT} 岗位目标责任台账" in text
    assert "已完成：" not in text  # blank: nothing from the checks
    assert dialogs.kinds() == ["info"]


def test_save_one_file_per_department_into_a_folder(
    dialog: WallChartDialog, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.per_department.setChecked(True)
    dialog.filled.setChecked(True)
    monkeypatch.setattr(wall_chart_dialog, "ask_folder", lambda *_args: tmp_path)
    click(dialog, "wallChartSave")
    job = wait_job(qtbot, dialog.job)
    assert job.error is None, job.error
    assert len(dialog.last_written) == 9
    assert {p.parent for p in dialog.last_written} == {tmp_path}
    assert "已完成：" in PdfReader(dialog.last_written[0]).pages[0].extract_text()


def test_preview_shows_the_pages_and_prints_them(
    dialog: WallChartDialog, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_one_department_a4(dialog)
    click(dialog, "wallChartPreview")
    wait_job(qtbot, dialog.job)
    qtbot.waitUntil(lambda: bool(dialog.previews))
    preview = dialog.previews[0]
    assert isinstance(preview, PdfPreview) and preview.isVisible()
    pages = preview.page_count()
    assert pages > 0
    assert preview.page_label.text().endswith(str(pages))

    printed = tmp_path / "打印.pdf"
    asked = pdf_printer(monkeypatch, printed)
    assert preview.print_pdf() == pages
    (printer,) = asked
    assert printer.pageLayout().orientation().name == "Landscape"
    reader = PdfReader(printed)
    assert len(reader.pages) == pages
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_LANDSCAPE

    temporary = preview.path
    assert temporary.exists()
    preview.reject()
    assert not temporary.exists()  # the preview's file goes with it
    assert dialog.previews == []


def test_print_from_the_dialog_prints_every_page(
    dialog: WallChartDialog, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_one_department_a4(dialog)
    dialog.filled.setChecked(True)
    saved = tmp_path / "保存.pdf"
    dialog.wall_charts.write(YEAR, saved, department=DEPARTMENT, paper=Paper.A4)
    printed = tmp_path / "打印.pdf"
    pdf_printer(monkeypatch, printed)
    click(dialog, "wallChartPrint")
    wait_job(qtbot, dialog.job)
    assert len(PdfReader(printed).pages) == len(PdfReader(saved).pages)


def test_a_closed_print_dialog_prints_nothing_and_leaves_no_temporary_file(
    dialog: WallChartDialog, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    make_folder = tempfile.mkdtemp
    monkeypatch.setattr(tempfile, "mkdtemp", lambda prefix: make_folder(prefix=prefix, dir=scratch))
    asked: list[object] = []
    monkeypatch.setattr(pdf_preview, "ask_printer", lambda *args: asked.append(args) or False)
    choose_one_department_a4(dialog)
    click(dialog, "wallChartPrint")
    wait_job(qtbot, dialog.job)
    assert len(asked) == 1
    assert dialog.print_button.isEnabled()
    assert list(scratch.iterdir()) == []


def test_closing_while_a_preview_is_made_leaves_no_thread_window_or_file(
    dialog: WallChartDialog,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Dialogs,
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    make_folder = tempfile.mkdtemp
    monkeypatch.setattr(tempfile, "mkdtemp", lambda prefix: make_folder(prefix=prefix, dir=scratch))
    click(dialog, "wallChartPreview")  # every department: the job is still running
    job = dialog.job
    assert job is not None
    dialog.done(0)
    qtbot.waitUntil(lambda: job.finished and dialog.isHidden())
    assert dialog.previews == []
    assert list(scratch.iterdir()) == []
    assert dialogs.shown == []  # closing is not an error to report
