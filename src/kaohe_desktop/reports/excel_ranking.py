"""RankingBook → the quarterly ranking workbook (DESIGN.md §7): sheet 汇总, then one
sheet per staff category, each with its title rows, a frozen header and a filter, ready
to print on A4 and post.

Written in openpyxl's write-only mode: a county of 10,000 people streams row by row
(the look and the layout: reports.excel_sheet_layout).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from kaohe_desktop.reports.excel_cells import discard_workbook
from kaohe_desktop.reports.excel_sheet_layout import (
    HEADER_ROW,
    LINE_HEIGHT,
    Sheet,
    StyledCells,
    TableCells,
    header_row,
    lay_out,
    plain_text,
    title_rows,
    wrapped_lines,
)
from kaohe_desktop.reports.file_output import written_beside
from kaohe_desktop.reports.ranking_content import (
    CategoryRanking,
    GradeCounts,
    RankedPerson,
    RankingBook,
)

OVERVIEW_SHEET = "汇总"
OVERVIEW_HEADERS = (
    "科室", "参加人数", "好", "较好", "一般", "较差", "不定等次", "好等次名额", "已用",
)  # fmt: skip
RANKING_HEADERS = (
    "排名", "编号", "姓名", "科室", "人员类别", "实绩分", "领导测评分", "综合得分", "等次", "备注",
)  # fmt: skip
TOTAL_LABEL = "合计"
NO_QUOTA = "—"  # a department's 名额 while the bureau shares one quota
COMPOSITE_FORMAT = "0.00"
SCORE_FORMAT = "0.0"
MAX_SHEET_NAME = 31  # Excel's limit
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Least width per column (character units), and the most a long text may widen it: a
# 备注 longer than that wraps instead of pushing the page into landscape.
_RANKING_WIDTHS = ((6, 8), (8, 14), (8, 12), (10, 20), (10, 18), (8, 8), (8, 8), (8, 8), (6, 8),
                   (16, 30))  # fmt: skip
_OVERVIEW_WIDTHS = ((10, 24),) + ((8, 10),) * 8
RANK_ORDER_NOTE = (
    "排名按人员类别分别排列，依次比较综合得分、领导测评分、实绩分，三项均相同者名次并列。"
)


def sheet_name(category: str, taken: Sequence[str]) -> str:
    """A sheet name Excel accepts for `category`, unlike (case-insensitively) `taken`."""
    base = _SHEET_NAME_FORBIDDEN.sub("_", category).strip().strip("'") or "未分类"
    base = base[:MAX_SHEET_NAME]
    used = {name.casefold() for name in taken}
    name, number = base, 1
    while name.casefold() in used:
        number += 1
        tail = f"({number})"
        name = base[: MAX_SHEET_NAME - len(tail)] + tail
    return name


def write_ranking_workbook(
    book: RankingBook,
    path: str | Path,
    on_sheet: Callable[[int, int], None] | None = None,
) -> None:
    """Write 汇总 and one sheet per category to `path`, all or nothing: the file is
    written beside `path` and renamed into place only when complete. `on_sheet(done,
    total)` is called after each sheet; whatever it raises stops the write."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "考核台账"
    workbook.properties.title = book.overview_title()
    total = 1 + len(book.categories)
    cells = StyledCells()
    try:
        _write_overview(cells, workbook.create_sheet(OVERVIEW_SHEET), book)
        if on_sheet is not None:
            on_sheet(1, total)
        names = [OVERVIEW_SHEET]
        for done, category in enumerate(book.categories, start=2):
            names.append(sheet_name(category.name, names))
            _write_category(cells, workbook.create_sheet(names[-1]), book, category)
            if on_sheet is not None:
                on_sheet(done, total)
        with written_beside(Path(path), ".partial.xlsx") as partial:
            workbook.save(partial)
    except BaseException:
        discard_workbook(workbook)
        raise


def _score_format(value: Decimal | None) -> str:
    # 实绩分 with 点评 of a bureau whose points are not whole could have two decimals.
    if value is not None and value != value.quantize(Decimal("0.1")):
        return COMPOSITE_FORMAT
    return SCORE_FORMAT


def _printed(book: RankingBook) -> str:
    day = book.printed_on
    return f"打印日期：{day.year}年{day.month}月{day.day}日"


# --- 汇总 ---------------------------------------------------------------------------------


def _counts_cells(cells: TableCells, label: str, counts: GradeCounts, *, total: bool) -> list[Any]:
    values = (counts.participants, *counts.by_grade(), counts.not_graded)
    row = [cells.text(0, label, bold=total)]
    row += [cells.number(column, value, bold=total) for column, value in enumerate(values, 1)]
    if counts.quota is None:
        row += [cells.text(column, NO_QUOTA, "center", bold=total) for column in (7, 8)]
    else:
        row += [cells.number(7, counts.quota, bold=total), cells.number(8, counts.used, bold=total)]
    return row


def _overview_note(book: RankingBook) -> str:
    quota = f"好等次名额 {book.total.quota} 人" if book.total.quota is not None else ""
    parts = [f"参加考核 {book.total.participants} 人", quota, f"名额范围：{book.scope_label}"]
    return "；".join(p for p in parts if p)


def _write_overview(cells: StyledCells, ws: Sheet, book: RankingBook) -> None:
    names = [section.name for section in book.departments] + [TOTAL_LABEL]
    columns: list[Sequence[str]] = [names, *[[]] * (len(OVERVIEW_HEADERS) - 1)]
    lay_out(ws, OVERVIEW_HEADERS, _OVERVIEW_WIDTHS, columns, len(book.departments))
    title_rows(ws, book.overview_title(), _overview_note(book), len(OVERVIEW_HEADERS))
    ws.append(header_row(ws, OVERVIEW_HEADERS))
    table = TableCells(cells, ws)
    for section in book.departments:
        ws.append(_counts_cells(table, section.name, section.counts, total=False))
    # Outside the filter's range, so sorting the departments leaves it at the bottom.
    ws.append(_counts_cells(table, TOTAL_LABEL, book.total, total=True))
    ws.append([])
    notes = []
    if book.total.unscored:
        notes.append(f"草稿：尚有 {book.total.unscored} 人未评分，等次和名额使用情况可能变化。")
    notes.append("不定等次人员不计入参加人数，也不列入各类别排名表。")
    notes += [f"{label}：{text}" for label, text in book.rules_lines]
    notes.append(RANK_ORDER_NOTE)
    notes.append(_printed(book))
    for note in notes:
        ws.append([plain_text(ws, note)])


# --- one staff category ---------------------------------------------------------------------


def _ranking_cells(cells: TableCells, person: RankedPerson) -> list[Any]:
    return [
        cells.number(0, person.rank),
        cells.text(1, person.code),
        cells.text(2, person.name),
        cells.text(3, person.department),
        cells.text(4, person.category),
        cells.number(5, person.performance, _score_format(person.performance)),
        cells.number(6, person.leader, _score_format(person.leader)),
        cells.number(7, person.composite, COMPOSITE_FORMAT),
        cells.text(8, person.grade, "center"),
        cells.text(9, person.remark, "wrap"),
    ]


def _category_note(book: RankingBook, category: CategoryRanking) -> str:
    waiting = sum(1 for person in category.rows if person.rank is None)
    count = f"共 {len(category.rows)} 人"
    if waiting:
        count += f"，其中 {waiting} 人尚未评分（列于表末）"
    return f"{count}　　{_printed(book)}"


def _write_category(
    cells: StyledCells, ws: Sheet, book: RankingBook, category: CategoryRanking
) -> None:
    rows = category.rows
    columns: list[Sequence[str]] = [
        [str(p.rank or "") for p in rows],
        [p.code for p in rows],
        [p.name for p in rows],
        [p.department for p in rows],
        [p.category for p in rows],
        [], [], [],
        [p.grade for p in rows],
        [p.remark for p in rows],
    ]  # fmt: skip
    widths = lay_out(ws, RANKING_HEADERS, _RANKING_WIDTHS, columns, len(rows))
    title_rows(ws, book.ranking_title(category.name), _category_note(book, category),
                len(RANKING_HEADERS))  # fmt: skip
    ws.append(header_row(ws, RANKING_HEADERS))
    table = TableCells(cells, ws)
    for number, person in enumerate(rows, start=HEADER_ROW + 1):
        lines = wrapped_lines(person.remark, widths[-1])
        if lines > 1:
            # Excel and LibreOffice keep a written row at one line, whatever it wraps.
            ws.row_dimensions[number].height = LINE_HEIGHT * lines
        ws.append(_ranking_cells(table, person))
