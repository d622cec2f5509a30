"""The 半年考核 outputs (DESIGN.md §7, `kaohe scores`): the half's score workbook (科室得分,
明细) with its 科室半年考核得分汇总表 PDF, and the year's (年底算账) workbook 年度得分 with
its PDF.

Both are printed from the one builder the 半年考核 tab reads (services.scoring.sheet and
.year), so what is printed is what was on screen; a closed half prints what its close
stored. The targets are checked before anything is read, and each file is written
beside its target and renamed into place when complete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kaohe_desktop.domain.periods import HalfYear, PeriodError
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.reports.score_sheet_content import ScoreSheet, score_sheet
from kaohe_desktop.reports.year_score_content import YearRow, YearSheet
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.common.output_paths import output_files
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.services.scoring.sheet import build_sheet, is_scored
from kaohe_desktop.services.scoring.views import YearScores
from kaohe_desktop.services.scoring.year import build_year
from kaohe_desktop.storage.queries.org import bureau_name
from kaohe_desktop.storage.unit_of_work import UnitOfWork

# What each output is called when a path for it is refused.
WORKBOOK = "得分表（.xlsx）"
SUMMARY_PDF = "得分汇总表（.pdf）"
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class ScoreExportResult:
    workbook: Path
    pdf: Path | None
    draft: bool  # titled （草稿）: the figures may still change
    reasons: tuple[str, ...]  # why it is a draft, in counts ("尚有 3 个应查期间未录入…")


class ScoreExport:
    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Clock = datetime.now) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock

    @requires(Action.EXPORT)
    def export_half(
        self,
        half: HalfYear,
        out: Path,
        pdf: Path | None = None,
        *,
        font_path: Path | None = None,
        progress: ProgressReporter = SILENT,
    ) -> ScoreExportResult:
        """科室得分 and 明细 to `out`, and the 汇总表 to `pdf` when given; a half that
        cannot be closed yet (checks missing, ties unsettled) is titled （草稿） and
        says why."""
        _check_targets(out, pdf)
        progress.report(0, 0, "正在读取考核结果")
        sheet = self._half_sheet(half)
        progress.report(1, 3, "正在写入得分表")
        # openpyxl (~0.17 s to import) is loaded only when a workbook is written.
        from kaohe_desktop.reports.excel_scores import write_scores_workbook

        write_scores_workbook(sheet, out)
        if pdf is not None:
            # reportlab (~150 ms to import) is loaded only when a PDF is written.
            from kaohe_desktop.reports.pdf_score_sheet import write_score_sheet_pdf

            progress.report(2, 3, "正在生成汇总表")
            write_score_sheet_pdf(sheet, pdf, pdf_font(font_path))
        progress.report(3, 3, "已完成")
        return ScoreExportResult(out, pdf, sheet.draft, sheet.draft_reasons)

    @requires(Action.EXPORT)
    def export_year(
        self,
        year: int,
        out: Path,
        pdf: Path | None = None,
        *,
        font_path: Path | None = None,
        progress: ProgressReporter = SILENT,
    ) -> ScoreExportResult:
        """年度得分 to `out`, and its PDF to `pdf` when given; titled （草稿） until both
        halves are closed."""
        _check_targets(out, pdf)
        progress.report(0, 0, "正在读取两个半年的考核结果")
        sheet = self._year_sheet(year)
        from kaohe_desktop.reports.excel_scores import write_year_workbook

        write_year_workbook(sheet, out)
        if pdf is not None:
            from kaohe_desktop.reports.pdf_year_scores import write_year_scores_pdf

            write_year_scores_pdf(sheet, pdf, pdf_font(font_path))
        halves = zip(("上半年", "下半年"), sheet.closed, strict=True)
        reasons = tuple(f"{name}尚未关闭" for name, closed in halves if not closed)
        return ScoreExportResult(out, pdf, sheet.draft, reasons)

    def _half_sheet(self, half: HalfYear) -> ScoreSheet:
        today = self._clock().date()
        with self._uow.read() as session:
            built = build_sheet(session, half, today)
            if not built.scoring.results:
                raise InputError(f"{half.label()}没有参加考核的科室，未写入任何文件。")
            if not built.closed and not is_scored(session, half, built.scoring):
                # Everyone at 1000 and tied: most likely the wrong half was chosen.
                raise InputError(
                    f"{half.label()}既没有应查的台账任务，也没有录入加减分，"
                    "无法生成得分表；请确认期间。未写入任何文件。"
                )
            bureau = bureau_name(session)
        return score_sheet(
            built.scoring, bureau=bureau, half=half, printed_on=today, closed=built.closed
        )

    def _year_sheet(self, year: int) -> YearSheet:
        today = self._clock().date()
        try:
            halves = (HalfYear(year, 1), HalfYear(year, 2))
        except PeriodError as error:
            raise InputError(f"{error}；未写入任何文件。") from None
        with self._uow.read() as session:
            # A mistyped year is refused before anything is written; the price is the
            # first half built twice (and the second, when the first has nothing).
            if not any(is_scored(session, h, build_sheet(session, h, today).scoring)
                       for h in halves):  # fmt: skip
                raise InputError(
                    f"{year}年的两个半年既没有应查的台账任务，也没有录入加减分，"
                    "无法生成年度得分表；请确认年度。未写入任何文件。"
                )
            scores = build_year(session, year, today)
            bureau = bureau_name(session)
        return year_sheet(scores, bureau=bureau, printed_on=today)


def _check_targets(out: Path, pdf: Path | None) -> None:
    targets = [(out, WORKBOOK)]
    if pdf is not None:
        targets.append((pdf, SUMMARY_PDF))
    output_files(targets)


def year_sheet(scores: YearScores, *, bureau: str, printed_on: date) -> YearSheet:
    """The printed content of the year, by rank (then the bureau's order)."""
    order = {row.department_id: index for index, row in enumerate(scores.rows)}
    ranked = sorted(scores.rows, key=lambda r: (r.rank_overall, order[r.department_id]))
    return YearSheet(
        bureau=bureau,
        year=scores.year,
        rule_text=scores.rules.year_total.label,
        rows=tuple(
            YearRow(r.name, r.group, r.rank_overall, r.first, r.second, r.total) for r in ranked
        ),
        closed=scores.closed,
        printed_on=printed_on,
    )
