"""AnnualBook → the 年度考核 workbook (DESIGN.md §7, `kaohe annual`): sheet 年度考核
(every person of the year once, 不定等次 and 不参加 with their reasons) and sheet 名额
(one row of counts, then the scheme in words). Print setup as the ranking workbook:
title rows, a frozen header, a filter, widths measured from the Chinese text, A4 fitted
to the width with the header repeated on every page (reports.excel_sheet_layout).

Written in openpyxl's write-only mode, so a county of 10,000 people streams row by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from kaohe_desktop.reports.annual_content import NO, YES, AnnualBook, AnnualLine, day_text
from kaohe_desktop.reports.excel_exchange_writer import discard_workbook
from kaohe_desktop.reports.excel_sheet_layout import (
    HEADER_ROW,
    LINE_HEIGHT,
    Sheet,
    StyledCells,
    header_row,
    lay_out,
    note_rows,
    title_rows,
    wrapped_lines,
)
from kaohe_desktop.reports.file_output import written_beside

ANNUAL_SHEET = "年度考核"
QUOTA_SHEET = "名额"
ANNUAL_HEADERS = (
    "序号", "编号", "姓名", "科室", "职务职级", "一季度", "二季度", "三季度", "四季度",
    "好次数", "优秀资格", "限制情形", "推荐等次", "年度等次", "备注",
)  # fmt: skip
QUOTA_HEADERS = (
    "考核年度", "参加考核人数", "不定等次人数", "不参加人数", "优秀比例", "优秀名额", "已推荐",
)  # fmt: skip
SHARE_FORMAT = "0%"
# Least width per column (character units), and the most a long text may widen it: a
# 限制情形 or 备注 longer than that wraps in a taller row.
_ANNUAL_WIDTHS = ((6, 8), (8, 14), (8, 12), (10, 20), (10, 18)) + ((8, 10),) * 4 + (
    (8, 8), (8, 10), (16, 36), (8, 10), (8, 10), (12, 30),
)  # fmt: skip
_QUOTA_WIDTHS = ((8, 10),) * len(QUOTA_HEADERS)
NOT_GRADED_NOTE = "不定等次、不参加人员不计入参加考核人数，其原因列于“限制情形”"
ELIGIBILITY = "优秀资格"  # the scheme's line (AnnualRules.describe) quoted under the list


def write_annual_workbook(book: AnnualBook, path: str | Path) -> None:
    """Write 年度考核 and 名额 to `path`, all or nothing: the file is written beside
    `path` and renamed into place only when complete."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "考核台账"
    workbook.properties.title = book.title()
    cells = StyledCells()
    try:
        _write_people(cells, workbook.create_sheet(ANNUAL_SHEET), book)
        _write_quota(cells, workbook.create_sheet(QUOTA_SHEET), book)
        with written_beside(Path(path), ".partial.xlsx") as partial:
            workbook.save(partial)
    except BaseException:
        discard_workbook(workbook)
        raise


def _printed(book: AnnualBook) -> str:
    return f"打印日期：{day_text(book.printed_on)}"


def _people_note(book: AnnualBook) -> str:
    parts = [f"共 {len(book.lines)} 人", *book.state_words(), _printed(book)]
    return "　　".join(parts)


def _line_cells(cells: StyledCells, ws: Sheet, number: int, line: AnnualLine) -> list[Any]:
    return [
        cells.number(ws, number),
        cells.text(ws, line.code),
        cells.text(ws, line.name),
        cells.text(ws, line.department),
        cells.text(ws, line.position),
        *[cells.text(ws, grade, "center") for grade in line.quarters],
        cells.number(ws, line.good_count),
        cells.text(ws, YES if line.eligible else NO, "center"),
        cells.text(ws, line.limits, "wrap"),
        cells.text(ws, line.proposed, "center"),
        cells.text(ws, line.grade, "center"),
        cells.text(ws, line.remark, "wrap"),
    ]


def _write_people(cells: StyledCells, ws: Sheet, book: AnnualBook) -> None:
    lines = book.lines
    columns: list[Sequence[str]] = [
        [str(len(lines))],
        [p.code for p in lines],
        [p.name for p in lines],
        [p.department for p in lines],
        [p.position for p in lines],
        *[[p.quarters[n] for p in lines] for n in range(4)],
        [],
        [],
        [p.limits for p in lines],
        [p.proposed for p in lines],
        [p.grade for p in lines],
        [p.remark for p in lines],
    ]
    widths = lay_out(ws, ANNUAL_HEADERS, _ANNUAL_WIDTHS, columns, len(lines))
    note = _people_note(book)
    title_rows(ws, book.title(), note, len(ANNUAL_HEADERS), wrapped_lines(note, sum(widths)))
    ws.append(header_row(ws, ANNUAL_HEADERS))
    limits_width, remark_width = widths[11], widths[14]
    for number, line in enumerate(lines, start=1):
        tall = max(
            wrapped_lines(line.limits, limits_width), wrapped_lines(line.remark, remark_width)
        )
        if tall > 1:
            # Excel and LibreOffice keep a written row at one line, whatever it wraps.
            ws.row_dimensions[HEADER_ROW + number].height = LINE_HEIGHT * tall
        ws.append(_line_cells(cells, ws, number, line))
    ws.append([])
    note_rows(ws, [_list_note(book)], HEADER_ROW + len(lines) + 2, widths)


def _list_note(book: AnnualBook) -> str:
    """Who is left out of the base, and the 优秀资格 rule in the scheme's own words."""
    eligibility = dict(book.rules_lines).get(ELIGIBILITY)
    if eligibility is None:
        return f"{NOT_GRADED_NOTE}。"
    return f"{NOT_GRADED_NOTE}；{ELIGIBILITY}：{eligibility}。"


def _write_quota(cells: StyledCells, ws: Sheet, book: AnnualBook) -> None:
    columns: list[Sequence[str]] = [[] for _ in QUOTA_HEADERS]
    widths = lay_out(ws, QUOTA_HEADERS, _QUOTA_WIDTHS, columns, 1)
    note = "　　".join([*book.state_words(), _printed(book)])
    title_rows(ws, book.quota_title(), note, len(QUOTA_HEADERS), wrapped_lines(note, sum(widths)))
    ws.append(header_row(ws, QUOTA_HEADERS))
    ws.append(
        [
            cells.number(ws, book.year),
            cells.number(ws, book.participants),
            cells.number(ws, book.not_graded),
            cells.number(ws, book.not_participating),
            cells.number(ws, book.share, SHARE_FORMAT),
            cells.number(ws, book.quota),
            cells.number(ws, book.recommended),
        ]
    )
    ws.append([])
    notes = [f"剩余名额：{book.remaining} 人（优秀名额 − 已推荐）"]
    notes += [f"{label}：{text}" for label, text in book.rules_lines]
    note_rows(ws, notes, HEADER_ROW + 3, widths)
