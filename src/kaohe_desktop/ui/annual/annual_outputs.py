"""The 年度考核 outputs from the tab: 导出年度考核表… (xlsx), 打印考核登记表… and
打印优秀公示… (PDF).

Each asks where (and, for the PDFs, whose forms or which posting dates), then writes
through the annual export service in a worker job behind a busy dialog, so a slow
share never freezes the window. A year whose quarters are not all closed is printed
as （草稿）; the message after saving says so, in the service's words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.services.archive.annual_export import AnnualExport, AnnualExportResult
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.ui.annual.output_dialogs import FormsScopeDialog, PostingDialog
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.file_dialogs import ask_save_path
from kaohe_desktop.ui.settings import settings_of
from kaohe_desktop.ui.workers import Job, run_job

translate = QCoreApplication.translate


class AnnualOutputs:
    """The three outputs of the year on screen; `dialog` is the chooser last opened."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.dialog: QDialog | None = None
        self.job: Job | None = None

    def _font(self) -> Path | None:
        return settings_of(self.parent).pdf_font_path

    def export_workbook(self, export: AnnualExport, year: int) -> Job | None:
        title = translate("AnnualOutputs", "Export the annual workbook")
        out = ask_save_path(
            self.parent,
            title,
            Path.home() / f"{year}年度考核汇总表.xlsx",
            translate("AnnualOutputs", "Excel workbooks (*.xlsx)"),
        )
        if out is None:
            return None
        return self._run(title, out, lambda: export.write_workbook(year, out))

    def print_forms(
        self, export: AnnualExport, sheet: AnnualSheetView, row: AnnualRowView | None
    ) -> QDialog:
        """Choose whose forms, then where; written when the chooser is accepted."""
        dialog = FormsScopeDialog(sheet, row, self.parent)
        year = sheet.year

        def chosen() -> None:
            scope = dialog.scope()
            title = translate("AnnualOutputs", "Print registration forms")
            out = ask_save_path(
                self.parent,
                title,
                Path.home() / f"{year}年度考核登记表（{scope.label}）.pdf",
                translate("AnnualOutputs", "PDF files (*.pdf)"),
            )
            if out is None:
                return
            font = self._font()
            self._run(
                title,
                out,
                lambda: export.write_forms(
                    year, out, person_id=scope.person_id, department=scope.department,
                    font_path=font,
                ),
            )  # fmt: skip

        dialog.accepted.connect(chosen)
        return self._open(dialog)

    def print_excellent_list(
        self, export: AnnualExport, sheet: AnnualSheetView, today: date
    ) -> QDialog:
        """Choose the posting dates, then where; written when the chooser is accepted."""
        dialog = PostingDialog(sheet, today, self.parent)
        year = sheet.year

        def chosen() -> None:
            start, days = dialog.chosen()
            title = translate("AnnualOutputs", "Print the 优秀 notice")
            out = ask_save_path(
                self.parent,
                title,
                Path.home() / f"{year}年度考核优秀等次公示.pdf",
                translate("AnnualOutputs", "PDF files (*.pdf)"),
            )
            if out is None:
                return
            font = self._font()
            self._run(
                title,
                out,
                lambda: export.write_excellent_list(
                    year, out, start=start, days=days, font_path=font
                ),
            )

        dialog.accepted.connect(chosen)
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def _run(self, title: str, out: Path, write: Callable[[], AnnualExportResult]) -> Job:
        parent = self.parent

        def saved(result: AnnualExportResult) -> None:
            text = translate("AnnualOutputs", "Saved to:\n{0}").format(result.path)
            state = result.state_words()
            if state:
                text += "\n\n" + state
            messages.info(parent, title, text)

        def failed(error: BaseException) -> None:
            messages.show_error(parent, title, error)

        self.job = run_job(
            parent,
            translate("AnnualOutputs", "Writing {0}…").format(out.name),
            lambda _progress: write(),
            on_success=saved,
            on_error=failed,
            cancellable=False,  # one short read and one file: nothing to stop half-way
        )
        return self.job
