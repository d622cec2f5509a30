"""导出排名表 (xlsx) and 平时考核结果汇总表 (PDF) of one quarter, saved where the clerk says.

Both are written by the ranking service in a worker job, with progress and 取消, so a
large bureau or a slow share never freezes the window. The PDF's font is the one
chosen in the settings, as for the wall charts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.services.quarterly.ranking_export import RankingExport
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.file_dialogs import ask_save_path
from kaohe_desktop.ui.workers import Job, run_job

translate = QCoreApplication.translate


def ranking_file_name(quarter: Quarter) -> str:
    return f"{quarter.label()}平时考核排名.xlsx"


def summary_file_name(quarter: Quarter) -> str:
    return f"{quarter.label()}平时考核结果汇总表.pdf"


def _export(
    parent: QWidget,
    title: str,
    target: Path,
    write: Callable[[ProgressReporter], Path],
) -> Job:
    def saved(path: Path) -> None:
        messages.info(parent, title, translate("RankingActions", "Saved to:\n{0}").format(path))

    def failed(error: BaseException) -> None:
        messages.show_error(parent, title, error)  # a cancel is said as such, not as an error

    return run_job(
        parent,
        translate("RankingActions", "Writing {0}…").format(target.name),
        write,
        on_success=saved,
        on_error=failed,
    )


def export_ranking(parent: QWidget, ranking: RankingExport, quarter: Quarter) -> Job | None:
    """排名表: sheet 汇总 and one sheet per staff category."""
    title = translate("RankingActions", "Export ranking workbook")
    target = ask_save_path(
        parent,
        title,
        Path.home() / ranking_file_name(quarter),
        translate("RankingActions", "Excel workbooks (*.xlsx)"),
    )
    if target is None:
        return None
    return _export(
        parent,
        title,
        target,
        lambda progress: ranking.write_workbook(quarter, target, progress=progress),
    )


def export_summary_pdf(
    parent: QWidget, ranking: RankingExport, quarter: Quarter, font_path: Path | None = None
) -> Job | None:
    """平时考核结果汇总表: per department, the bureau summary and the grade chart."""
    title = translate("RankingActions", "Save summary table (PDF)")
    target = ask_save_path(
        parent,
        title,
        Path.home() / summary_file_name(quarter),
        translate("RankingActions", "PDF files (*.pdf)"),
    )
    if target is None:
        return None
    return _export(
        parent,
        title,
        target,
        lambda progress: ranking.write_pdf(quarter, target, font_path=font_path, progress=progress),
    )
