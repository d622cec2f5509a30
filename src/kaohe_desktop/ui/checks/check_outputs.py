"""Writing the 查账 PDFs (督办单, 通报, 抽查清单) where the clerk says, and opening files with
the system viewer.

A PDF is written by its service in a worker job behind a progress dialog, so a slow
share never freezes the window. The services write all or nothing but cannot stop
half-way; 取消 therefore waits for the file and removes it, so a cancelled print leaves
nothing behind. The file and viewer calls are module functions so tests can answer
them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from kaohe_desktop.services.progress import Cancelled, ProgressReporter
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.file_dialogs import ask_save_path
from kaohe_desktop.ui.settings import settings_of
from kaohe_desktop.ui.workers import Job, run_job

translate = QCoreApplication.translate

PdfWriter = Callable[[Path, Path | None], Path]  # (target, font path) → the file written


def font_path(parent: QWidget | None) -> Path | None:
    """The PDF font chosen in 设置, as for the wall charts."""
    return settings_of(parent).pdf_font_path


def ask_pdf_path(parent: QWidget | None, title: str, suggested_name: str) -> Path | None:
    return ask_save_path(
        parent,
        title,
        Path.home() / suggested_name,
        translate("CheckOutputs", "PDF files (*.pdf)"),
    )


def choose_files(parent: QWidget | None, title: str) -> list[Path]:
    """The files to attach (several at once); empty when the clerk cancelled."""
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        title,
        str(Path.home()),
        translate(
            "CheckOutputs",
            "Evidence (*.pdf *.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.doc *.docx *.xls "
            "*.xlsx *.wps *.et *.dps *.ofd);;All files (*)",
        ),
    )
    return [Path(name) for name in names]


def open_with_viewer(path: Path) -> bool:
    """Open a file with the program the system associates with it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def write_pdf(
    parent: QWidget,
    title: str,
    suggested_name: str,
    write: PdfWriter,
    *,
    on_saved: Callable[[Path], None] | None = None,
) -> Job | None:
    """Ask where, then write the PDF in a worker; say where it went (or why not)."""
    target = ask_pdf_path(parent, title, suggested_name)
    if target is None:
        return None
    font = font_path(parent)

    def work(progress: ProgressReporter) -> Path:
        progress.report(0, 0, translate("CheckOutputs", "Writing {0}…").format(target.name))
        written = write(target, font)
        if progress.cancelled:
            written.unlink(missing_ok=True)
            raise Cancelled
        return written

    def saved(path: Path) -> None:
        if on_saved is not None:
            on_saved(path)
        messages.info(parent, title, translate("CheckOutputs", "Saved to:\n{0}").format(path))

    return run_job(
        parent,
        translate("CheckOutputs", "Writing {0}…").format(target.name),
        work,
        on_success=saved,
        on_error=lambda error: messages.show_error(parent, title, error),
    )
