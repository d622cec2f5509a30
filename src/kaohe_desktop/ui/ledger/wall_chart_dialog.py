"""打印墙上台账: choose department, paper, content and files; preview, print or save.

Every PDF is made by WallChartService.write in a worker job (many departments make
many pages), so the window stays alive and the clerk can cancel. Preview and print
use a temporary file that lives as long as the preview (or the printing) needs it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.reports.wall_chart_content import Paper
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.errors import Cancelled
from kaohe_desktop.services.ledger.wall_charts import WallChartService, chart_file_name
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.ledger import pdf_preview
from kaohe_desktop.ui.ledger.pdf_preview import PdfPreview, with_pdf_suffix
from kaohe_desktop.ui.settings import Settings, settings_of
from kaohe_desktop.ui.workers import Job, run_job

if TYPE_CHECKING:  # reportlab is imported when a PDF is made, not with the dialog
    from kaohe_desktop.reports.pdf_fonts import PdfFont


def ask_save_file(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """The file to save one PDF to (tests replace this)."""
    return pdf_preview.ask_save_path(parent, title, suggested)


def ask_folder(parent: QWidget, title: str, start: Path) -> Path | None:
    """The folder for one file per department (tests replace this)."""
    path = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(path) if path else None


class WallChartDialog(QDialog):
    def __init__(
        self,
        wall_charts: WallChartService,
        year: int,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wallChartDialog")
        self.setWindowTitle(self.tr("Print wall charts"))
        self.setMinimumWidth(560)
        self.wall_charts = wall_charts  # the one service it uses
        self.year = year
        self.settings = settings or settings_of(parent)
        self.job: Job | None = None
        self.previews: list[PdfPreview] = []
        self.last_written: list[Path] = []
        self._scratch: list[Path] = []  # temporary folders of jobs still running
        self._closed = False
        departments = wall_charts.departments(year)

        heading = QLabel(
            self.tr(
                "Wall charts of {0}: one chart per department with every task it leads or "
                "shares; deadline and requirements on the left, completion on the right."
            ).format(year)
        )
        heading.setWordWrap(True)
        self.department = QComboBox()
        self.department.setObjectName("wallChartDepartment")
        self.department.addItem(self.tr("All departments"), None)
        for name in departments:
            self.department.addItem(name, name)

        self.a3 = QRadioButton(self.tr("A3 landscape"))
        self.a3.setObjectName("wallChartA3")
        self.a4 = QRadioButton(self.tr("A4 landscape"))
        self.a4.setObjectName("wallChartA4")
        self.a3.setChecked(True)
        # Blank is the default: the chart goes on the wall in January and is filled in by
        # hand through the year; the filled mode is for reprints later on.
        self.blank = QRadioButton(self.tr("Blank (for handwriting)"))
        self.blank.setObjectName("wallChartBlank")
        self.filled = QRadioButton(self.tr("Filled from the checks recorded"))
        self.filled.setObjectName("wallChartFilled")
        self.blank.setChecked(True)
        self.one_file = QRadioButton(self.tr("One PDF, a bookmark per department"))
        self.one_file.setObjectName("wallChartOneFile")
        self.per_department = QRadioButton(self.tr("One file per department"))
        self.per_department.setObjectName("wallChartPerDepartment")
        self.per_department.setToolTip(self.tr("Only when all departments are chosen"))
        self.one_file.setChecked(True)
        self.font_note = QLabel()
        self.font_note.setObjectName("wallChartFont")
        self.font_note.setWordWrap(True)
        self._show_font(pdf_font(self.settings.pdf_font_path))

        form = QFormLayout()
        form.addRow(self.tr("Department:"), self.department)
        form.addRow(self.tr("Paper:"), _row(self, self.a3, self.a4))
        form.addRow(self.tr("Content:"), _row(self, self.blank, self.filled))
        form.addRow(self.tr("Output:"), _row(self, self.one_file, self.per_department))
        form.addRow(self.tr("Font:"), self.font_note)

        buttons = QDialogButtonBox()
        self.preview_button = self._button(buttons, self.tr("Preview"), "wallChartPreview")
        self.print_button = self._button(buttons, self.tr("Print…"), "wallChartPrint")
        self.save_button = self._button(buttons, self.tr("Save…"), "wallChartSave")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("wallChartClose")
        close.setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.print_button.clicked.connect(lambda: self.print_charts())
        self.save_button.clicked.connect(lambda: self.save())

        self.empty = QLabel(self.tr("There are no tasks in {0}: nothing to print.").format(year))
        self.empty.setObjectName("wallChartEmpty")
        self.empty.setVisible(not departments)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.department.currentIndexChanged.connect(lambda _index: self._update_enabled())
        self._has_charts = bool(departments)
        self._update_enabled()

    def _show_font(self, font: PdfFont) -> None:
        """The font by its own name and whether the PDF carries it; the file, and why a
        configured font was not used, in the tooltip."""
        if font.embedded:
            text = self.tr("{0} (embedded in the PDF)").format(font.family)
        else:
            text = self.tr(
                "{0} (not embedded: may show as another font on other computers)"
            ).format(font.family)
        self.font_note.setText(text)
        self.font_note.setToolTip(font.description)

    @staticmethod
    def _button(buttons: QDialogButtonBox, text: str, name: str) -> QPushButton:
        button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        return button

    # --- the options chosen ---------------------------------------------------
    def chosen_department(self) -> str | None:
        data = self.department.currentData()
        return str(data) if data else None

    def chosen_paper(self) -> Paper:
        return Paper.A4 if self.a4.isChecked() else Paper.A3

    def chosen_per_department(self) -> bool:
        return self.per_department.isChecked() and self.chosen_department() is None

    def suggested_name(self) -> str:
        department = self.chosen_department()
        if department is not None:
            return chart_file_name(self.year, department)
        return chart_file_name(self.year, self.tr("All departments"))

    def _update_enabled(self) -> None:
        busy = self.job is not None and self.job.is_running()
        all_departments = self.chosen_department() is None
        self.per_department.setEnabled(all_departments)
        if not all_departments:
            self.one_file.setChecked(True)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(self._has_charts and not busy)

    # --- generation -----------------------------------------------------------
    def _generate(self, out: Path, per_department: bool, then: Callable[[list[Path]], None]) -> Job:
        year, department = self.year, self.chosen_department()
        blank, paper = self.blank.isChecked(), self.chosen_paper()
        font_path, service = self.settings.pdf_font_path, self.wall_charts

        def work(progress: ProgressReporter) -> list[Path]:
            return service.write(
                year,
                out,
                department=department,
                blank=blank,
                paper=paper,
                per_department=per_department,
                font_path=font_path,
                progress=progress,
            )

        def failed(error: BaseException) -> None:
            if not (self._closed and isinstance(error, Cancelled)):  # cancelled by closing
                messages.show_error(self, self.windowTitle(), error)

        self.job = run_job(
            self, self.tr("Making the wall charts…"), work, on_success=then, on_error=failed
        )
        self.job.done.connect(self._update_enabled)
        self._update_enabled()
        return self.job

    def _generate_temporary(self, then: Callable[[Path, Paper, str], None]) -> Job:
        # The options are taken now: the clerk may change them while the job runs.
        paper, name = self.chosen_paper(), self.suggested_name()
        folder = Path(tempfile.mkdtemp(prefix="kaohe-wall-chart-"))
        self._scratch.append(folder)

        def written(paths: list[Path]) -> None:
            if self._closed:  # finished as the dialog closed: nobody to show it to
                shutil.rmtree(folder, ignore_errors=True)
                return
            self._scratch.remove(folder)  # now the preview's or the printing's to remove
            then(paths[0], paper, name)

        def failed(_error: BaseException) -> None:
            if folder in self._scratch:
                self._scratch.remove(folder)
            shutil.rmtree(folder, ignore_errors=True)  # nothing is left to show

        job = self._generate(folder / name, False, written)
        job.failed.connect(failed)
        return job

    def preview(self) -> Job:
        return self._generate_temporary(self._open_preview)

    def _open_preview(self, path: Path, paper: Paper, name: str) -> None:
        window = PdfPreview(path, paper=paper, suggested_name=name, temporary=True, parent=self)
        self.previews.append(window)
        window.finished.connect(lambda _result: self._forget(window))
        window.show()

    def _forget(self, window: PdfPreview) -> None:
        if window in self.previews:
            self.previews.remove(window)

    def print_charts(self) -> Job:
        return self._generate_temporary(self._print_file)

    def _print_file(self, path: Path, paper: Paper, _name: str) -> None:
        document = QPdfDocument(self)
        try:
            if document.load(str(path)) != QPdfDocument.Error.None_:
                raise OSError(self.tr("The PDF could not be opened: {0}").format(path))
            pdf_preview.print_document(self, document, paper)
        except OSError as error:
            messages.show_error(self, self.tr("Print"), error)
        finally:
            document.close()
            document.deleteLater()
            shutil.rmtree(path.parent, ignore_errors=True)

    def save(self) -> Job | None:
        per_department = self.chosen_per_department()
        start = Path.home()
        if per_department:
            target = ask_folder(self, self.tr("Folder for the wall charts"), start)
        else:
            chosen = ask_save_file(self, self.tr("Save wall charts"), start / self.suggested_name())
            target = with_pdf_suffix(chosen) if chosen is not None else None
        if target is None:
            return None
        return self._generate(target, per_department, self._saved)

    def _saved(self, paths: list[Path]) -> None:
        self.last_written = paths
        if len(paths) == 1:
            text = self.tr("Saved to:\n{0}").format(paths[0])
        else:
            text = self.tr("{0} files saved in:\n{1}").format(len(paths), paths[0].parent)
        messages.info(self, self.tr("Save wall charts"), text)

    def showEvent(self, event: QShowEvent) -> None:
        self._closed = False  # shown again after closing (when not deleted on close)
        super().showEvent(event)

    def done(self, result: int) -> None:
        # The job belongs to this dialog (which the tab deletes on close), so the dialog
        # stays until the job's thread has stopped: cancel, and close again once it is
        # done (once, however often the clerk presses Close meanwhile). Previews go with
        # the dialog, and every temporary file.
        if self.job is not None and self.job.is_running():
            if not self._closed:
                self.job.cancel()
                self.job.done.connect(lambda: self.done(result))
            self._closed = True
            return
        self._closed = True
        for window in list(self.previews):
            window.reject()
        for folder in self._scratch:
            shutil.rmtree(folder, ignore_errors=True)
        self._scratch.clear()
        super().done(result)


def _row(parent: QWidget, *choices: QRadioButton) -> QWidget:
    """Radio buttons side by side, exclusive among themselves."""
    box = QWidget(parent)
    group = QButtonGroup(box)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for choice in choices:
        group.addButton(choice)
        layout.addWidget(choice)
    layout.addStretch(1)
    return box
