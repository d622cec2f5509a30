"""The preview of a generated PDF, and printing it through the system print dialog.

Qt's PDF module shows the very file that is saved or printed, so what the clerk
sees is what comes out. Printing renders each page to an image at PRINT_DPI and
draws it onto the printer's full paper (the PDF already holds its own margins).

The print and file dialogs are module functions so that tests can answer them.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.reports.file_output import written_beside
from kaohe_desktop.reports.wall_chart_content import Paper
from kaohe_desktop.ui.common import messages

# 300 dpi keeps 9-point Chinese crisp on paper; a printer's own 600–1200 dpi would make
# an A3 page image of over a gigabyte for no visible gain.
PRINT_DPI = 300
_ZOOM_STEP = 1.25
_PAGE_SIZES = {Paper.A3: QPageSize.PageSizeId.A3, Paper.A4: QPageSize.PageSizeId.A4}

translate = QCoreApplication.translate


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """The system print dialog; True when the clerk chose to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("PdfPreview", "Print"))
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_save_path(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, title, str(suggested), translate("PdfPreview", "PDF files (*.pdf)")
    )
    return with_pdf_suffix(Path(path)) if path else None


def with_pdf_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def new_printer(paper: Paper) -> QPrinter:
    """A printer preset to the chart's sheet: landscape A3 or A4, the whole paper."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(_PAGE_SIZES[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setFullPage(True)
    return printer


def print_document(parent: QWidget | None, document: QPdfDocument, paper: Paper) -> int | None:
    """Ask for a printer, then print every page; the pages printed, or None when the
    clerk closed the print dialog or cancelled part-way."""
    printer = new_printer(paper)
    if not ask_printer(printer, parent):
        return None
    return render_pages(parent, document, printer)


def render_pages(parent: QWidget | None, document: QPdfDocument, printer: QPrinter) -> int | None:
    """Draw each page onto `printer`, with a progress dialog that can cancel."""
    count = document.pageCount()
    progress = QProgressDialog(
        translate("PdfPreview", "Printing…"), translate("PdfPreview", "Cancel"), 0, count, parent
    )
    progress.setObjectName("printProgressDialog")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    painter = QPainter()
    if not painter.begin(printer):
        progress.close()
        raise OSError(translate("PdfPreview", "The printer could not be started."))
    try:
        target = QRectF(painter.viewport())
        for page in range(count):
            progress.setValue(page)
            progress.setLabelText(
                translate("PdfPreview", "Printing page {0} of {1}…").format(page + 1, count)
            )
            # Rendering is page by page on this thread; letting events through keeps the
            # window painted and the Cancel button alive between pages.
            QApplication.processEvents()
            if progress.wasCanceled():
                printer.abort()
                return None
            if page > 0:
                printer.newPage()
            image = document.render(page, _pixels(document.pagePointSize(page)))
            painter.drawImage(_fitted(target, image.width(), image.height()), image)
        progress.setValue(count)
        return count
    finally:
        if painter.isActive():
            painter.end()
        progress.close()


def _pixels(points: QSizeF) -> QSize:
    return QSize(round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72))


def _fitted(target: QRectF, width: int, height: int) -> QRectF:
    """The largest rectangle of the image's shape centred in `target`."""
    scale = min(target.width() / width, target.height() / height)
    w, h = width * scale, height * scale
    return QRectF(
        target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h
    )


def copy_file(source: Path, target: Path) -> None:
    """Copy beside the target and rename, so a failed copy leaves no half file."""
    with written_beside(target) as partial:
        shutil.copyfile(source, partial)


class PdfPreview(QDialog):
    """A PDF shown page after page, fit to width, with zoom, printing and saving."""

    def __init__(
        self,
        path: Path,
        *,
        paper: Paper,
        suggested_name: str,
        temporary: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(self.tr("Preview: {0}").format(suggested_name))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.path = path
        self.paper = paper
        self.suggested_name = suggested_name
        self._temporary = temporary

        self.document = QPdfDocument(self)
        error = self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.zoom_out = QPushButton(self.tr("Zoom out"))
        self.zoom_out.setObjectName("previewZoomOut")
        self.zoom_in = QPushButton(self.tr("Zoom in"))
        self.zoom_in.setObjectName("previewZoomIn")
        self.fit_width = QPushButton(self.tr("Fit width"))
        self.fit_width.setObjectName("previewFitWidth")
        self.page_label = QLabel()
        self.page_label.setObjectName("previewPage")
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("previewPrint")
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("previewSave")
        close = QPushButton(self.tr("Close"))
        close.setObjectName("previewClose")

        bar = QHBoxLayout()
        for button in (self.zoom_out, self.zoom_in, self.fit_width):
            bar.addWidget(button)
        bar.addSpacing(16)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        for button in (self.print_button, self.save_button, close):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.zoom_in.clicked.connect(lambda: self._zoom(_ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self._zoom(1 / _ZOOM_STEP))
        self.fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.print_button.clicked.connect(lambda: self.print_pdf())
        self.save_button.clicked.connect(lambda: self.save_as())
        close.clicked.connect(self.reject)
        self._show_page(0)
        self.resize(1200, 820)
        if error != QPdfDocument.Error.None_:
            messages.warn(
                self, self.windowTitle(), self.tr("The PDF could not be opened: {0}").format(path)
            )

    def page_count(self) -> int:
        return self.document.pageCount()

    def _show_page(self, page: int) -> None:
        self.page_label.setText(
            self.tr("Page {0} of {1}").format(page + 1, max(self.page_count(), 1))
        )

    def _zoom(self, factor: float) -> None:
        current = self._effective_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, current * factor)))

    def _effective_zoom(self) -> float:
        """The zoom shown now; in fit-to-width mode the view keeps its factor at 1."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_count() == 0:
            return self.view.zoomFactor()
        page_points = self.document.pagePointSize(0).width()
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        return max(0.1, width / (page_points * self.logicalDpiX() / 72))

    def print_pdf(self) -> int | None:
        try:
            return print_document(self, self.document, self.paper)
        except OSError as error:
            messages.show_error(self, self.tr("Print"), error)
            return None

    def save_as(self) -> Path | None:
        target = ask_save_path(self, self.tr("Save PDF"), Path.home() / self.suggested_name)
        if target is None:
            return None
        try:
            copy_file(self.path, target)
        except OSError as error:
            messages.show_error(self, self.tr("Save PDF"), error)
            return None
        messages.info(self, self.tr("Save PDF"), self.tr("Saved to:\n{0}").format(target))
        return target

    def done(self, result: int) -> None:
        # The temporary file is the preview's own: gone once the window is. The document
        # lets go of the file first (Windows will not delete an open file).
        self.document.close()
        if self._temporary:
            self.path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # its private folder, if now empty
                self.path.parent.rmdir()
            self._temporary = False
        super().done(result)
