"""导出得分表…: the half's (or the year's) score workbook and, if wished, its PDF.

The workbook goes where the clerk says; the PDF (科室半年考核得分汇总表) beside it, same
name, when the clerk says yes. Both are written by the score export service in a
worker job, so a slow share never freezes the window. A half that cannot be closed
yet is printed as （草稿）, and the message after saving says why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.services.scoring.score_export import ScoreExport, ScoreExportResult
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.file_dialogs import ask_save_path
from kaohe_desktop.ui.workers import Job, run_job

translate = QCoreApplication.translate


def workbook_name(target: HalfYear | int) -> str:
    if isinstance(target, HalfYear):
        return f"{target.label()}科室考核得分表.xlsx"
    return f"{target}年度科室考核得分表.xlsx"


def export_scores(
    parent: QWidget, export: ScoreExport, target: HalfYear | int, font_path: Path | None
) -> Job | None:
    """Ask where, ask whether a PDF too, then write in a job (None: cancelled)."""
    title = translate("ScoreOutputs", "Export score sheet")
    out = ask_save_path(
        parent,
        title,
        Path.home() / workbook_name(target),
        translate("ScoreOutputs", "Excel workbooks (*.xlsx)"),
    )
    if out is None:
        return None
    pdf_path = out.with_suffix(".pdf")
    with_pdf = messages.ask(
        parent,
        title,
        translate("ScoreOutputs", "Also write the summary table as a PDF?"),
        translate("ScoreOutputs", "It is saved beside the workbook as {0}").format(pdf_path.name),
    )
    pdf = pdf_path if with_pdf else None

    def write(progress: ProgressReporter) -> ScoreExportResult:
        if isinstance(target, HalfYear):
            return export.export_half(target, out, pdf, font_path=font_path, progress=progress)
        return export.export_year(target, out, pdf, font_path=font_path, progress=progress)

    def saved(result: ScoreExportResult) -> None:
        paths = "\n".join(str(p) for p in (result.workbook, result.pdf) if p is not None)
        text = translate("ScoreOutputs", "Saved to:\n{0}").format(paths)
        if result.draft:
            text += "\n\n" + translate(
                "ScoreOutputs", "Printed as a draft (草稿), because: {0}"
            ).format("；".join(result.reasons))
        messages.info(parent, title, text)

    def failed(error: BaseException) -> None:
        messages.show_error(parent, title, error)

    return run_job(
        parent,
        translate("ScoreOutputs", "Writing {0}…").format(out.name),
        write,
        on_success=saved,
        on_error=failed,
    )
