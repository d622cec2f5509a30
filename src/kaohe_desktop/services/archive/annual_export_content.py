"""AnnualSheetView → the plain content of the 年度考核 outputs (reports/annual_content):
the workbook's lines and counts, the 登记表 pages, the 公示 list. The sheet is the one
the 年度考核 tab shows (services/archive/annual_sheet.build_annual_sheet), so what is
printed is what was on screen; this module only chooses the words and the order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import NamedTuple

from kaohe_desktop.domain.annual_assessment import Participation
from kaohe_desktop.domain.enums import AnnualGrade
from kaohe_desktop.reports.annual_content import (
    AnnualBook,
    AnnualFormPage,
    AnnualForms,
    AnnualLine,
    ExcellentCandidate,
    ExcellentList,
    month_text,
)
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView

PARTICIPANT = Participation.PARTICIPANT.label
EXCELLENT = AnnualGrade.EXCELLENT.label
# 任现职务职级时间: the file keeps no date of appointment, only the department history;
# the form says which date it prints.
SINCE_NOTE = "（按进入现科室时间）"


class PersonDetails(NamedTuple):
    """What the 登记表 prints beyond the sheet's row, read from the person's record."""

    gender: str | None
    birth_date: date | None
    political: str | None
    stint_start: date | None  # the start of the current department stint


def proposed_grade(row: AnnualRowView) -> str:
    """推荐等次: 优秀 when recommended, else the grade set by hand, else nothing."""
    if row.recommended:
        return EXCELLENT
    return row.hand_grade or ""


def _remark(row: AnnualRowView) -> str:
    parts = []
    if row.reason and row.hand_grade and row.participation == PARTICIPANT:
        # 不参加's reason is already its 限制情形.
        parts.append(f"{row.hand_grade}理由：{row.reason}")
    if row.note:
        parts.append(row.note)
    if row.flag:
        parts.append(f"待处理：{row.flag}")
    return "；".join(parts)


def annual_line(row: AnnualRowView) -> AnnualLine:
    a, b, c, d = (grade or "" for grade in row.quarter_grades)
    return AnnualLine(
        code=row.code,
        name=row.name,
        department=row.department,
        position=row.position or "",
        quarters=(a, b, c, d),
        good_count=row.good_count,
        eligible=row.eligible and row.participation == PARTICIPANT,
        limits=row.limits,
        proposed=proposed_grade(row),
        grade=row.grade,
        remark=_remark(row),
    )


def annual_book(sheet: AnnualSheetView, printed_on: date) -> AnnualBook:
    counter = sheet.counter
    return AnnualBook(
        bureau=sheet.bureau,
        year=sheet.year,
        lines=tuple(annual_line(row) for row in sheet.rows),
        participants=counter.participants,
        not_graded=counter.not_graded,
        not_participating=counter.not_participating,
        share=counter.share,
        quota=counter.quota,
        recommended=counter.recommended,
        rules_lines=tuple(sheet.rules.describe()),
        open_quarters=sheet.open_quarters,
        closed=sheet.closed,
        printed_on=printed_on,
    )


def form_page(bureau: str, row: AnnualRowView, details: PersonDetails) -> AnnualFormPage:
    unit = f"{bureau}{row.department}"
    if row.position:
        unit += f"　{row.position}"
    since = details.stint_start
    explanation = ""
    if row.participation != PARTICIPANT:
        explanation = f"{row.participation}：{row.limits}" if row.limits else row.participation
    return AnnualFormPage(
        name=row.name,
        code=row.code,
        gender=details.gender or "",
        born=month_text(details.birth_date) if details.birth_date else "",
        political=details.political or "",
        unit_and_position=unit,
        position_since=f"{month_text(since)}{SINCE_NOTE}" if since else "",
        grade_suggestion=row.grade,
        explanation=explanation,
        remark=row.note or "",
    )


def annual_forms(
    sheet: AnnualSheetView,
    rows: Iterable[AnnualRowView],
    details: Mapping[int, PersonDetails],
    printed_on: date,
) -> AnnualForms:
    none = PersonDetails(None, None, None, None)
    pages = tuple(form_page(sheet.bureau, row, details.get(row.person_id, none)) for row in rows)
    return AnnualForms(sheet.bureau, sheet.year, pages, sheet.draft, printed_on)


def recommended_rows(sheet: AnnualSheetView) -> list[AnnualRowView]:
    """Who the 公示 lists: the people recommended for 优秀, in the sheet's order."""
    return [row for row in sheet.rows if row.recommended]


def posting_end(start: date, days: int) -> date:
    """The last day of a posting of `days` working days from `start` (included),
    counting Monday to Friday. Statutory holidays and their swapped working days are
    not known to the program: the clerk sets the start and the days around them."""
    day, counted = start, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == days:
                return day
        day += timedelta(days=1)


def excellent_list(
    sheet: AnnualSheetView, start: date, days: int, printed_on: date
) -> ExcellentList:
    people = tuple(
        ExcellentCandidate(row.name, row.department, row.position or "")
        for row in recommended_rows(sheet)
    )
    return ExcellentList(
        bureau=sheet.bureau,
        year=sheet.year,
        people=people,
        start=start,
        end=posting_end(start, days),
        days=days,
        draft=sheet.draft,
        printed_on=printed_on,
    )
