"""导入台账… / 导出台账…: the 台账 sheet of the exchange workbook, from the 台账 tab.

Import is two steps, as for the whole workbook (ui/exchange_actions.py): a dry run
whose summary the clerk confirms, then the real import, each on a worker with
progress and Cancel. A real import replaces rows the undo stack may name, so the
session announces it (`imported`): the tab empties the stack and reads the year again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.file_dialogs import ask_save_path
from kaohe_desktop.ui.ledger.ledger_session import LedgerFile, LedgerSession
from kaohe_desktop.ui.workers import Job, run_job

if TYPE_CHECKING:  # the exchange modules (openpyxl) load when a sheet is imported
    from kaohe_desktop.services.exchange.importing import ImportResult

translate = QCoreApplication.translate


def choose_import_path(parent: QWidget | None) -> Path | None:
    """The workbook to import from; a function so tests can answer it."""
    path_text, _ = QFileDialog.getOpenFileName(
        parent,
        translate("LedgerSheet", "Import ledger"),
        str(Path.home()),
        translate("LedgerSheet", "Excel workbooks (*.xlsx)"),
    )
    return Path(path_text) if path_text else None


def choose_export_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to write the exported ledger; a function so tests can answer it."""
    return ask_save_path(
        parent,
        translate("LedgerSheet", "Export ledger"),
        suggested,
        translate("LedgerSheet", "Excel workbooks (*.xlsx)"),
    )


class LedgerSheetActions(QObject):
    def __init__(self, session: LedgerSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self._parent = parent  # where the jobs, questions and results are shown
        self.last_job: Job | None = None  # the real import, once confirmed (tests wait on it)

    # --- import ---------------------------------------------------------------
    def choose_and_import(self) -> Job | None:
        path = choose_import_path(self._parent)
        return self.check(path) if path is not None else None

    def check(self, path: Path) -> Job | None:
        """Step one: a dry run; nothing is written until the clerk confirms its summary."""
        source = self.session.source
        if source is None:
            return None
        ledger = source.ledger
        return run_job(
            self._parent,
            self.tr("Checking {0}…").format(path.name),
            lambda progress: ledger.import_ledger(path, dry_run=True, progress=progress),
            on_success=lambda result: self._confirm(source, path, result),
            on_error=self._import_failed,
        )

    def _confirm(self, source: LedgerFile, path: Path, result: ImportResult) -> None:
        question = self.tr(
            "The 台账 sheet of {0} has no errors. Nothing has been written yet.\n"
            "Import it now? Other sheets of the workbook are ignored."
        ).format(path.name)
        if messages.ask(self._parent, self.tr("Import ledger"), question, result.summary()):
            self.last_job = self.run_import(source, path)

    def run_import(self, source: LedgerFile, path: Path) -> Job:
        """Step two: the real import in one transaction; then the tab reloads."""
        ledger = source.ledger

        def done(result: ImportResult) -> None:
            # The import may have replaced rows that commands on the stack refer to.
            self.session.imported.emit()
            messages.info(self._parent, self.tr("Import ledger"), result.summary())

        return run_job(
            self._parent,
            self.tr("Importing {0}…").format(path.name),
            lambda progress: ledger.import_ledger(path, progress=progress),
            on_success=done,
            on_error=self._import_failed,
        )

    def _import_failed(self, error: BaseException) -> None:
        # The service's InputError lists every sheet/row/column; show_error shows them all.
        messages.show_error(self._parent, self.tr("Import ledger"), error)

    # --- export ---------------------------------------------------------------
    def choose_and_export(self) -> Job | None:
        source, year = self.session.source, self.session.year
        if source is None or year is None:
            return None
        name = self.tr("{0} ledger {1}.xlsx").format(source.path.stem, year)
        path = choose_export_path(self._parent, Path.home() / name)
        return self.export_to(path) if path is not None else None

    def export_to(self, path: Path) -> Job | None:
        ledger, year = self.session.ledger, self.session.year
        if ledger is None or year is None:
            return None
        parent, title = self._parent, self.tr("Export ledger")
        return run_job(
            parent,
            self.tr("Exporting the ledger…"),
            lambda progress: ledger.export_ledger(year, path, progress=progress),
            on_success=lambda count: messages.info(
                parent,
                title,
                self.tr("{0} tasks of {1} were written to:\n{2}").format(count, year, path),
            ),
            on_error=lambda error: messages.show_error(parent, title, error),
        )
