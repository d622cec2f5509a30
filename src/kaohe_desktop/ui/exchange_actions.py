"""The 文件 menu's workbook actions: import (checked first), export, template.

Import is all or nothing in the service; here it is also two steps for the clerk:
a dry run shows what would change, and only a confirmed second run writes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.workers import Job, run_job

if TYPE_CHECKING:
    # The exchange modules (openpyxl) are imported when a workbook is read or written,
    # not when the window starts.
    from kaohe_desktop.services.exchange.importing import ImportResult


class ExchangeWindow(Protocol):
    """What ExchangeActions needs of the main window, declared here: the window module
    imports this one, so importing it back would close a circle."""

    @property
    def workspace(self) -> Workspace | None: ...

    def refresh(self) -> None: ...  # read everything again, after an import

    def window(self) -> QWidget: ...  # the main window itself, as the dialogs' parent


class ExchangeActions(QObject):
    def __init__(self, host: ExchangeWindow) -> None:
        super().__init__(host.window())
        self.host = host
        window = self.window = host.window()  # where the actions, dialogs and jobs sit
        self.import_book = QAction(self.tr("&Import workbook…"), window)
        self.import_book.setObjectName("action_import")
        self.import_book.triggered.connect(lambda _checked=False: self.choose_and_import())
        self.export_book = QAction(self.tr("&Export workbook…"), window)
        self.export_book.setObjectName("action_export")
        self.export_book.setToolTip(self.tr("Write all data to an exchange workbook"))
        self.export_book.triggered.connect(lambda _checked=False: self.choose_and_export())
        self.template = QAction(self.tr("Download &template…"), window)
        self.template.setObjectName("action_template")
        self.template.setToolTip(self.tr("Save an empty workbook with the sheets to fill in"))
        self.template.triggered.connect(lambda _checked=False: self.choose_and_save_template())

    def update_enabled(self, workspace: Workspace | None) -> None:
        self.export_book.setEnabled(workspace is not None)
        if workspace is None:
            self.import_book.setEnabled(False)
            self.import_book.setToolTip(self.tr("Open a data file first"))
        elif workspace.read_only:
            self.import_book.setEnabled(False)
            self.import_book.setToolTip(
                self.tr("The data file is open read-only: {0}").format(
                    workspace.read_only_reason or ""
                )
            )
        else:
            self.import_book.setEnabled(True)
            self.import_book.setToolTip(
                self.tr("Check a workbook, then import it into the data file")
            )

    def _xlsx_filter(self) -> str:
        return self.tr("Excel workbooks (*.xlsx)")

    # --- import ---------------------------------------------------------------
    def choose_and_import(self) -> None:
        path_text, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import workbook"), str(Path.home()), self._xlsx_filter()
        )
        if path_text:
            self.import_path(Path(path_text))

    def import_path(self, path: Path) -> Job | None:
        """Step one: a dry run, whose summary the clerk confirms before anything is written."""
        workspace = self.host.workspace
        if workspace is None or workspace.read_only:
            return None
        return run_job(
            self.window,
            self.tr("Checking {0}…").format(path.name),
            lambda progress: workspace.importer.import_workbook(
                path, dry_run=True, progress=progress
            ),
            on_success=lambda result: self._confirm(workspace, path, result),
            on_error=self._import_failed,
        )

    def _confirm(self, workspace: Workspace, path: Path, result: ImportResult) -> None:
        summary = result.summary()
        question = self.tr(
            "The workbook {0} has no errors. Nothing has been written yet.\nImport it now?"
        ).format(path.name)
        if messages.ask(self.window, self.tr("Import workbook"), question, summary):
            self.run_import(workspace, path)

    def run_import(self, workspace: Workspace, path: Path) -> Job:
        """Step two: the real import, in one transaction, then every tab reloads."""

        def done(result: ImportResult) -> None:
            self.host.refresh()
            messages.info(self.window, self.tr("Import workbook"), result.summary())

        return run_job(
            self.window,
            self.tr("Importing {0}…").format(path.name),
            lambda progress: workspace.importer.import_workbook(path, progress=progress),
            on_success=done,
            on_error=self._import_failed,
        )

    def _import_failed(self, error: BaseException) -> None:
        messages.show_error(self.window, self.tr("Import workbook"), error)

    # --- export and template --------------------------------------------------
    def choose_and_export(self) -> None:
        workspace = self.host.workspace
        if workspace is None:
            return
        name = self.tr("{0} export {1}.xlsx").format(workspace.path.stem, date.today().isoformat())
        path_text, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export workbook"), str(Path.home() / name), self._xlsx_filter()
        )
        if path_text:
            self.export_to(_with_xlsx(Path(path_text)))

    def export_to(self, path: Path) -> Job | None:
        workspace = self.host.workspace
        if workspace is None:
            return None
        return run_job(
            self.window,
            self.tr("Exporting…"),
            lambda progress: workspace.exporter.export_workbook(path, progress=progress),
            on_success=lambda _none: messages.info(
                self.window, self.tr("Export workbook"), self.tr("Exported to:\n{0}").format(path)
            ),
            on_error=lambda error: messages.show_error(
                self.window, self.tr("Export workbook"), error
            ),
        )

    def choose_and_save_template(self) -> None:
        name = self.tr("import-template.xlsx")
        path_text, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Download template"), str(Path.home() / name), self._xlsx_filter()
        )
        if path_text:
            self.save_template(_with_xlsx(Path(path_text)))

    def save_template(self, path: Path) -> Job:
        from kaohe_desktop.services.exchange.export import write_template

        return run_job(
            self.window,
            self.tr("Writing the template…"),
            lambda _progress: write_template(path),
            on_success=lambda _none: messages.info(
                self.window,
                self.tr("Download template"),
                self.tr(
                    "The template was saved to:\n{0}\n\nFill in its sheets (the 填写说明 sheet "
                    "explains every column), then use File → Import workbook."
                ).format(path),
            ),
            on_error=lambda error: messages.show_error(
                self.window, self.tr("Download template"), error
            ),
            cancellable=False,
        )


def _with_xlsx(path: Path) -> Path:
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")
