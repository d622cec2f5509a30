"""The quarter's ranking workbook and 平时考核结果汇总表 PDF (DESIGN.md §7).

Both are printed from the quarter's GradingSheet, built by the one builder the 季度考核
tab uses (services.grading_sheet), so what is printed is what was on screen.
`ranking_book` turns the sheet into the reports' plain content; it decides the order
and who is listed where, the writers only draw.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import (
    GradeStatus,
    QuotaCount,
    performance_total,
    ranking_key,
)
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuotaScope
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.reports.ranking_content import (
    CategoryRanking,
    DepartmentSection,
    GradeCounts,
    RankedPerson,
    RankingBook,
)
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.common.output_paths import output_file
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.services.quarterly.sheet import load_sheet
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet
from kaohe_desktop.storage.unit_of_work import UnitOfWork

# What each output is called when a path for it is refused.
WORKBOOK = "排名表（.xlsx）"
SUMMARY_PDF = "汇总表（.pdf）"


def _today() -> date:
    # A seam for tests comparing two writes on a fixed printing date.
    return date.today()


class RankingExport:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.VIEW)
    def book(self, quarter: Quarter, printed_on: date | None = None) -> RankingBook:
        return self._book(quarter, printed_on)

    @requires(Action.EXPORT)
    def write_workbook(
        self,
        quarter: Quarter,
        out: Path,
        progress: ProgressReporter = SILENT,
        *,
        printed_on: date | None = None,
    ) -> Path:
        """汇总 and one sheet per staff category; all or nothing (a cancel leaves no file)."""
        out = output_file(out, WORKBOOK)
        progress.report(0, 0, "正在读取考核结果")
        book = self._book(quarter, printed_on)

        def on_sheet(done: int, total: int) -> None:
            # Saving (zipping the sheets) is one more step after the last sheet.
            progress.report(done, total + 1, "正在保存" if done == total else "正在写入工作表")

        # openpyxl (~0.17 s to import) is loaded only when a workbook is written.
        from kaohe_desktop.reports.excel_ranking import write_ranking_workbook

        write_ranking_workbook(book, out, on_sheet=on_sheet)
        return out

    @requires(Action.EXPORT)
    def write_pdf(
        self,
        quarter: Quarter,
        out: Path,
        font_path: Path | None = None,
        progress: ProgressReporter = SILENT,
        *,
        printed_on: date | None = None,
    ) -> Path:
        """平时考核结果汇总表; all or nothing (a cancel leaves no file)."""
        # reportlab (~150 ms to import) is loaded only when a PDF is written.
        from kaohe_desktop.reports.pdf_assessment_summary import write_assessment_summary

        out = output_file(out, SUMMARY_PDF)
        progress.report(0, 0, "正在读取考核结果")
        book = self._book(quarter, printed_on)
        font = pdf_font(font_path)
        names = [section.name for section in book.departments]

        def on_section(done: int, total: int) -> None:
            name = names[done - 1] if 0 < done <= len(names) else "全局汇总"
            progress.report(done, total, f"正在生成 {name}")

        write_assessment_summary(book, out, font, on_section=on_section)
        return out

    def _book(self, quarter: Quarter, printed_on: date | None) -> RankingBook:
        sheet = load_sheet(self._uow, quarter)
        if not sheet.rows:
            raise InputError(f"{quarter.label()}没有参加平时考核的人员，无法生成排名表和汇总表。")
        if all(row.assessment_id is None for row in sheet.rows):
            # A roster with nothing entered would print a ranking of nobody; most likely
            # the wrong quarter was chosen.
            raise InputError(
                f"{quarter.label()}还没有录入任何平时考核数据，无法生成排名表和汇总表。"
            )
        return ranking_book(sheet, printed_on or _today())


# --- GradingSheet → RankingBook -----------------------------------------------------------


def ranking_book(sheet: GradingSheet, printed_on: date) -> RankingBook:
    """The printed content of `sheet`. Category sheets list the participants (不定等次
    people are left out: the sheet is posted, their reason is private) by rank then
    编号, the unscored after them; a category gets a sheet when it has a participant.
    The 汇总表 lists each department's whole roster, best 综合得分 first."""
    people = {row.person_id: _person(row) for row in sheet.rows}
    per_department = _departments(sheet)
    sections = tuple(
        DepartmentSection(name, tuple(people[r.person_id] for r in _by_score(rows)), counts)
        for name, rows, counts in per_department
    )
    return RankingBook(
        bureau=sheet.bureau,
        quarter=str(sheet.quarter),
        quarter_label=sheet.quarter.label(),
        scope_label=sheet.rules.quota_scope.label,
        per_department_quota=sheet.rules.quota_scope is QuotaScope.DEPARTMENT,
        rules_lines=tuple(sheet.rules.describe()),
        categories=_categories(sheet, people),
        departments=sections,
        total=_total(sheet, [counts for _name, _rows, counts in per_department]),
        draft=bool(sheet.blockers()),
        printed_on=printed_on,
    )


def _person(row: GradingRow) -> RankedPerson:
    performance = row.performance_total
    if performance is None and row.performance is not None:
        # A draft: show 实绩分 as it will count, even before 领导测评分 is in.
        performance = performance_total(row.performance, row.comment_points)
    return RankedPerson(
        rank=row.rank,
        code=row.code,
        name=row.name,
        department=row.department,
        position=row.position or "",
        category=row.category,
        performance=performance,
        comment_points=row.comment_points,
        leader=row.leader,
        composite=row.composite,
        grade=row.grade_text,
        remark=row.remark(),
    )


def _participant(row: GradingRow) -> bool:
    return row.outcome.status is not GradeStatus.NOT_GRADED


def _categories(
    sheet: GradingSheet, people: dict[int, RankedPerson]
) -> tuple[CategoryRanking, ...]:
    members: dict[str, list[GradingRow]] = defaultdict(list)
    for row in sheet.rows:
        if _participant(row):
            members[row.category].append(row)
    # The bureau's category order; a category it no longer lists (an imported workbook)
    # still gets its sheet, after the others.
    order = [name for name in sheet.categories if name in members]
    order += [name for name in members if name not in order]

    def key(row: GradingRow) -> tuple[bool, int, str]:
        return (row.rank is None, row.rank or 0, row.code)

    return tuple(
        CategoryRanking(name, tuple(people[r.person_id] for r in sorted(members[name], key=key)))
        for name in order
    )


def _by_score(rows: Iterable[GradingRow]) -> list[GradingRow]:
    """Graded by the engine's order (综合得分, 领导测评分, 实绩分), then the unscored, then
    不定等次; 编号 within equals."""

    zero = Decimal(0)

    def key(row: GradingRow) -> tuple[int, tuple[Decimal, Decimal, Decimal], str]:
        if row.composite is not None:
            order = ranking_key(row.composite, row.leader or zero, row.performance_total or zero)
            return (0, order, row.code)
        return (1 if _participant(row) else 2, (zero, zero, zero), row.code)

    return sorted(rows, key=key)


def _departments(sheet: GradingSheet) -> list[tuple[str, list[GradingRow], GradeCounts]]:
    rows_of: dict[int, list[GradingRow]] = defaultdict(list)
    names: dict[int, str] = dict(sheet.departments)
    for row in sheet.rows:
        rows_of[row.department_id].append(row)
        names.setdefault(row.department_id, row.department)
    order = [d for d, _name in sheet.departments if d in rows_of]
    order += [d for d in rows_of if d not in order]
    quotas = {q.department_id: q for q in sheet.grading.quotas}
    own_quota = sheet.rules.quota_scope is QuotaScope.DEPARTMENT
    result = []
    for department_id in order:
        rows = rows_of[department_id]
        quota = quotas.get(department_id) if own_quota else None
        result.append((names[department_id], rows, _counts(rows, quota)))
    return result


def _counts(rows: list[GradingRow], quota: QuotaCount | None) -> GradeCounts:
    grades: dict[QuarterGrade, int] = defaultdict(int)
    for row in rows:
        if _participant(row) and row.grade is not None:
            grades[row.grade] += 1
    return GradeCounts(
        participants=sum(1 for r in rows if _participant(r)),
        good=grades[QuarterGrade.GOOD],
        fairly_good=grades[QuarterGrade.FAIRLY_GOOD],
        average=grades[QuarterGrade.AVERAGE],
        poor=grades[QuarterGrade.POOR],
        not_graded=sum(1 for r in rows if not _participant(r)),
        unscored=sum(1 for r in rows if r.awaiting_score),
        quota=quota.quota if quota is not None else None,
        used=quota.used if quota is not None else None,
    )


def _total(sheet: GradingSheet, parts: list[GradeCounts]) -> GradeCounts:
    def summed(pick: Callable[[GradeCounts], int | None]) -> int:
        return sum(pick(part) or 0 for part in parts)

    if sheet.rules.quota_scope is QuotaScope.DEPARTMENT:
        quota, used = summed(lambda c: c.quota), summed(lambda c: c.used)
    else:
        bureau = next((q for q in sheet.grading.quotas if q.department_id is None), None)
        quota = bureau.quota if bureau is not None else 0
        used = bureau.used if bureau is not None else 0
    return GradeCounts(
        participants=summed(lambda c: c.participants),
        good=summed(lambda c: c.good),
        fairly_good=summed(lambda c: c.fairly_good),
        average=summed(lambda c: c.average),
        poor=summed(lambda c: c.poor),
        not_graded=summed(lambda c: c.not_graded),
        unscored=summed(lambda c: c.unscored),
        quota=quota,
        used=used,
    )
