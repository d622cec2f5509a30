"""The 年度考核 outputs (DESIGN.md §7, `kaohe annual`): the annual workbook (年度考核,
名额), the 公务员年度考核登记表 (one page per person: a department, one person or the
whole list) and the 优秀等次拟推荐人选公示.

All three are printed from the one builder the 年度考核 tab reads
(services/archive/annual_sheet.build_annual_sheet), so what is printed is what was on
screen; a closed year prints what its close stored. A year whose quarters are not all
closed prints as （草稿） and says which quarters are open. The target is checked
before anything is read, and each file is written beside its target and renamed into
place when complete.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.enums import Gender, PoliticalStatus, label_or_none
from kaohe_desktop.domain.periods import PeriodError, Year
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.archive.annual_export_content import (
    PersonDetails,
    annual_book,
    annual_forms,
    excellent_list,
    recommended_rows,
)
from kaohe_desktop.services.archive.annual_sheet import build_annual_sheet
from kaohe_desktop.services.archive.posting import MAX_POSTING_DAYS, POSTING_DAYS
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.common.output_paths import output_file
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.models import PersonDepartmentRow, PersonRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

# What each output is called when a path for it is refused.
WORKBOOK = "年度考核表（.xlsx）"
FORMS_PDF = "年度考核登记表（.pdf）"
POSTING_PDF = "优秀公示（.pdf）"
NOTHING_WRITTEN = "未写入任何文件。"
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class AnnualExportResult:
    path: Path
    rows: int  # people in the workbook, pages of the forms, people on the 公示
    draft: bool  # titled （草稿）: quarters of the year are still open
    open_quarters: tuple[str, ...]  # which ("2026Q4")
    closed: bool  # the year's close stored the grades

    def state_words(self) -> str:
        """What the command line and the tab say after writing."""
        parts = []
        if self.draft:
            parts.append("草稿：" + "、".join(f"{q} 未关闭" for q in self.open_quarters))
        if not self.closed:
            parts.append("年度考核尚未关闭")
        return "；".join(parts)


class AnnualExport:
    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Clock = datetime.now) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock

    @requires(Action.EXPORT)
    def write_workbook(self, year: int, out: Path) -> AnnualExportResult:
        """年度考核 (every person of the year once) and 名额 to `out`; all or nothing."""
        # openpyxl (~0.17 s to import) is loaded only when a workbook is written.
        from kaohe_desktop.reports.excel_annual import write_annual_workbook

        out = output_file(out, WORKBOOK)
        sheet = self._sheet(year)
        write_annual_workbook(annual_book(sheet, self._today()), out)
        return _result(out, len(sheet.rows), sheet)

    @requires(Action.EXPORT)
    def write_forms(
        self,
        year: int,
        out: Path,
        *,
        person_id: int | None = None,
        code: str | None = None,
        department: str | None = None,
        font_path: Path | None = None,
    ) -> AnnualExportResult:
        """One 公务员年度考核登记表 per person to `out`: the person (`person_id` or 编号
        `code`), the people of `department`, or everyone on the year's list."""
        # reportlab (~150 ms to import) is loaded only when a PDF is written.
        from kaohe_desktop.reports.pdf_annual_form import write_annual_forms_pdf

        out = output_file(out, FORMS_PDF)
        with self._uow.read() as session:
            sheet = self._sheet_in(session, year)
            rows = _chosen(session, sheet, person_id, code, department)
            details = _details(session, [row.person_id for row in rows])
        forms = annual_forms(sheet, rows, details, self._today())
        write_annual_forms_pdf(forms, out, pdf_font(font_path))
        return _result(out, len(rows), sheet)

    @requires(Action.EXPORT)
    def write_excellent_list(
        self,
        year: int,
        out: Path,
        *,
        start: date | None = None,
        days: int = POSTING_DAYS,
        font_path: Path | None = None,
    ) -> AnnualExportResult:
        """The 优秀等次拟推荐人选公示 to `out`: posted from `start` (today) for `days`
        working days (Monday to Friday; holidays are the clerk's to allow for)."""
        from kaohe_desktop.reports.pdf_excellent_list import write_excellent_list_pdf

        if not 1 <= days <= MAX_POSTING_DAYS:
            raise InputError(
                f"公示期应为 1–{MAX_POSTING_DAYS} 个工作日，而不是 {days}；{NOTHING_WRITTEN}"
            )
        out = output_file(out, POSTING_PDF)
        sheet = self._sheet(year)
        recommended = recommended_rows(sheet)
        if not recommended:
            raise InputError(f"{year}年度还没有推荐优秀等次人选，无法生成公示；{NOTHING_WRITTEN}")
        unsettled = [f"{row.name}（{row.flag}）" for row in recommended if row.flag]
        if unsettled:
            raise InputError(
                f"{year}年度的优秀推荐尚有问题，请先在年度考核中处理："
                f"{'、'.join(unsettled)}；{NOTHING_WRITTEN}"
            )
        today = self._today()
        posting = excellent_list(sheet, start or today, days, today)
        write_excellent_list_pdf(posting, out, pdf_font(font_path))
        return _result(out, len(recommended), sheet)

    def _today(self) -> date:
        return self._clock().date()

    def _sheet(self, year: int) -> AnnualSheetView:
        with self._uow.read() as session:
            return self._sheet_in(session, year)

    def _sheet_in(self, session: Session, year: int) -> AnnualSheetView:
        try:
            Year(year)
        except PeriodError as error:
            raise InputError(f"{error}；{NOTHING_WRITTEN}") from None
        sheet = build_annual_sheet(session, year)
        if not any(_has_data(row) for row in sheet.rows):
            # Everyone in service is on any year's list; with nothing graded or decided
            # the year is most likely mistyped.
            raise InputError(
                f"{year}年度既没有平时考核等次，也没有年度考核记录，无法输出；"
                f"请确认年度。{NOTHING_WRITTEN}"
            )
        return sheet


def _has_data(row: AnnualRowView) -> bool:
    return row.assessment_id is not None or any(g is not None for g in row.quarter_grades)


def _result(out: Path, rows: int, sheet: AnnualSheetView) -> AnnualExportResult:
    return AnnualExportResult(out, rows, sheet.draft, sheet.open_quarters, sheet.closed)


def _chosen(
    session: Session,
    sheet: AnnualSheetView,
    person_id: int | None,
    code: str | None,
    department: str | None,
) -> list[AnnualRowView]:
    """The rows to print; refuses a person or department that is not on the year's list."""
    year = sheet.year
    rows = list(sheet.rows)
    if (code is not None or person_id is not None) and department is not None:
        raise InputError(f"打印一个人或一个科室，二者只能选一；{NOTHING_WRITTEN}")
    if code is not None:
        found = session.scalar(select(PersonRow.id).where(PersonRow.code == code.strip()))
        if found is None:
            raise InputError(f"没有编号为“{code}”的人员；{NOTHING_WRITTEN}")
        if person_id is not None and person_id != found:
            raise InputError(f"编号“{code}”与所选人员不符；{NOTHING_WRITTEN}")
        person_id = found
    if person_id is not None:
        rows = [row for row in rows if row.person_id == person_id]
        if not rows:
            who = session.scalar(select(PersonRow.name).where(PersonRow.id == person_id))
            if who is None:
                raise InputError(f"找不到所选人员（id {person_id}）；{NOTHING_WRITTEN}")
            raise InputError(f"{who}不在{year}年度考核名单中；{NOTHING_WRITTEN}")
    if department is not None:
        name = department.strip()
        in_department = [row for row in rows if row.department == name]
        if not in_department:
            where = "" if person_id is None else f"所选人员不在“{name}”，或"
            raise InputError(f"{where}{year}年度考核名单中没有“{name}”的人员；{NOTHING_WRITTEN}")
        rows = in_department
    return rows


def _details(session: Session, ids: Collection[int]) -> dict[int, PersonDetails]:
    """Each person's record fields and the start of their current department stint."""
    wanted = sorted(set(ids))
    people = session.execute(
        select(PersonRow.id, PersonRow.gender, PersonRow.birth_date, PersonRow.political_status)
        .where(PersonRow.id.in_(wanted))
    ).all()  # fmt: skip
    stint_rows = session.execute(
        select(PersonDepartmentRow.person_id, PersonDepartmentRow.start_date).where(
            PersonDepartmentRow.person_id.in_(wanted), PersonDepartmentRow.end_date.is_(None)
        )
    )
    stints = {person_id: start for person_id, start in stint_rows}
    return {
        row.id: PersonDetails(
            label_or_none(Gender, row.gender),
            row.birth_date,
            label_or_none(PoliticalStatus, row.political_status),
            stints.get(row.id),
        )
        for row in people
    }
