"""RankingBook → the quarterly ranking workbook (DESIGN.md §7): sheet 汇总, then one
sheet per staff category, each with its title rows, a frozen header and a filter, ready
to print on A4 and post.

Written in openpyxl's write-only mode: a county of 10,000 people streams row by row.
On a write-only sheet, widths, panes and print setup go before the first row, so each
sheet's content is known (and measured) before it is written.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from copy import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from kaohe_desktop.reports.excel_exchange_common import (
    HEADER_ALIGNMENT,
    HEADER_BORDER,
    HEADER_FILL,
    PAPER_A4,
    THIN,
    column_width,
)
from kaohe_desktop.reports.excel_exchange_writer import (
    discard_workbook,
    needs_text_guard,
    text_cell,
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
TITLE_ROWS = 2  # the title, then a line saying what the sheet holds
HEADER_ROW = TITLE_ROWS + 1
COMPOSITE_FORMAT = "0.00"
SCORE_FORMAT = "0.0"
MAX_SHEET_NAME = 31  # Excel's limit
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Least width per column (character units), and the most a long text may widen it: a
# 备注 longer than that wraps instead of pushing the page into landscape.
_RANKING_WIDTHS = ((6, 8), (8, 14), (8, 12), (10, 20), (10, 18), (8, 8), (8, 8), (8, 8), (6, 8),
                   (16, 30))  # fmt: skip
_OVERVIEW_WIDTHS = ((10, 24),) + ((8, 10),) * 8
# About what fits across A4 portrait before fitting to the width shrinks the type too far.
PORTRAIT_UNITS = 130
LINE_HEIGHT = 15.0  # points per line of 11-point text
RANK_ORDER_NOTE = (
    "排名按人员类别分别排列，依次比较综合得分、领导测评分、实绩分，三项均相同者名次并列。"
)
_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_ALIGNMENTS = {
    "left": Alignment(horizontal="left", vertical="center"),
    "center": Alignment(horizontal="center", vertical="center"),
    "wrap": Alignment(horizontal="left", vertical="center", wrap_text=True),
}
_TITLE_FONT = Font(bold=True, size=14)
_TOTAL_FONT = Font(bold=True)

Sheet = Any  # a write-only worksheet


def text_units(text: str) -> int:
    """Width of `text` in Excel character units: a Chinese (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrapped_lines(text: str, width: float) -> int:
    """Lines `text` takes in a wrapping cell `width` character units wide."""
    return max(1, math.ceil(text_units(text) / max(width - 1, 1)))


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
    cells = _Cells()
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


# --- cells ------------------------------------------------------------------------------


class _Cells:
    """Makes the cells of one workbook. Setting a style on a cell makes openpyxl hash
    and look up the style objects, which cost 20 s for 10,000 people; each distinct
    look is set once here and its style indexes (the cell's StyleArray, which openpyxl
    copies the same way between cells) are copied onto the next cells."""

    def __init__(self) -> None:
        self._looks: dict[tuple[str, str | None, bool, bool], StyleArray] = {}

    def _styled(self, cell: Cell, align: str, number_format: str | None, bold: bool) -> Cell:
        # A guarded text carries Excel's leading apostrophe (quotePrefix) in its style.
        key = (align, number_format, bold, bool(cell.quotePrefix))
        look = self._looks.get(key)
        if look is not None:
            # _style: the StyleArray slot of openpyxl's StyleableObject, left out of its stubs.
            cell._style = copy(look)  # type: ignore[attr-defined]
            return cell
        cell.border = _BORDER
        cell.alignment = _ALIGNMENTS[align]
        if number_format is not None:
            cell.number_format = number_format
        if bold:
            cell.font = _TOTAL_FONT
        self._looks[key] = copy(cell._style)  # type: ignore[attr-defined]  # as above
        return cell

    def text(self, ws: Sheet, value: str, align: str = "left", *, bold: bool = False) -> Cell:
        """A bordered cell holding `value` as text."""
        return self._styled(plain_text(ws, value), align, None, bold)

    def number(
        self, ws: Sheet, value: int | Decimal | None, number_format: str | None = None,
        *, bold: bool = False,
    ) -> Cell:  # fmt: skip
        """A numeric cell (Excel sorts and sums it); an empty bordered cell for None."""
        plain: float | None
        if isinstance(value, Decimal):
            # Scores have at most two decimals: the float prints back as the same decimal.
            plain = int(value) if value == value.to_integral_value() else float(value)
        else:
            plain = value
        return self._styled(WriteOnlyCell(ws, plain), "center", number_format, bold)


def plain_text(ws: Sheet, value: str) -> Cell:
    """Text as text: "=1+1" or "-3" in a 备注 must not become a formula or a number."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters Excel refuses
    return text_cell(ws, text) if needs_text_guard(text) else WriteOnlyCell(ws, text)


def _score_format(value: Decimal | None) -> str:
    # 实绩分 with 点评 of a bureau whose points are not whole could have two decimals.
    if value is not None and value != value.quantize(Decimal("0.1")):
        return COMPOSITE_FORMAT
    return SCORE_FORMAT


def _header(ws: Sheet, headers: Sequence[str]) -> list[Cell]:
    cells = []
    for name in headers:
        cell = WriteOnlyCell(ws, name)
        cell.font = Font(bold=True)
        cell.fill, cell.border, cell.alignment = HEADER_FILL, HEADER_BORDER, HEADER_ALIGNMENT
        cells.append(cell)
    return cells


def _title_rows(ws: Sheet, title: str, note: str, columns: int) -> None:
    last = get_column_letter(columns)
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    ws.row_dimensions[1].height = 26
    heading = plain_text(ws, title)
    heading.font, heading.alignment = _TITLE_FONT, _ALIGNMENTS["center"]
    ws.append([heading])
    line = plain_text(ws, note)
    line.alignment = _ALIGNMENTS["left"]
    ws.append([line])


def _printed(book: RankingBook) -> str:
    day = book.printed_on
    return f"打印日期：{day.year}年{day.month}月{day.day}日"


# --- layout -----------------------------------------------------------------------------


def _set_up(
    ws: Sheet, headers: Sequence[str], limits: Sequence[tuple[int, int]],
    columns: Sequence[Sequence[str]], data_rows: int,
) -> list[float]:  # fmt: skip
    """Widths from the longest text of each column (within its limits), the pane frozen
    under the header, the filter over header and data, and the print setup."""
    widths: list[float] = []
    for index, (name, (least, most)) in enumerate(zip(headers, limits, strict=True)):
        longest = max((text_units(text) for text in columns[index]), default=0)
        width = max(column_width(least, name), min(most, longest + 2))
        widths.append(width)
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    last = get_column_letter(len(headers))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(data_rows, 1)}"
    setup = ws.page_setup
    setup.orientation = "portrait" if sum(widths) <= PORTRAIT_UNITS else "landscape"
    setup.paperSize = PAPER_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"1:{HEADER_ROW}"  # the title and the header on every page
    ws.print_options.horizontalCentered = True
    return widths


# --- 汇总 ---------------------------------------------------------------------------------


def _counts_cells(
    cells: _Cells, ws: Sheet, label: str, counts: GradeCounts, *, total: bool
) -> list[Any]:
    values = (counts.participants, *counts.by_grade(), counts.not_graded)
    row = [cells.text(ws, label, bold=total)]
    row += [cells.number(ws, value, bold=total) for value in values]
    if counts.quota is None:
        row += [cells.text(ws, NO_QUOTA, "center", bold=total) for _ in range(2)]
    else:
        row += [cells.number(ws, value, bold=total) for value in (counts.quota, counts.used)]
    return row


def _overview_note(book: RankingBook) -> str:
    quota = f"好等次名额 {book.total.quota} 人" if book.total.quota is not None else ""
    parts = [f"参加考核 {book.total.participants} 人", quota, f"名额范围：{book.scope_label}"]
    return "；".join(p for p in parts if p)


def _write_overview(cells: _Cells, ws: Sheet, book: RankingBook) -> None:
    names = [section.name for section in book.departments] + [TOTAL_LABEL]
    columns: list[Sequence[str]] = [names, *[[]] * (len(OVERVIEW_HEADERS) - 1)]
    _set_up(ws, OVERVIEW_HEADERS, _OVERVIEW_WIDTHS, columns, len(book.departments))
    _title_rows(ws, book.overview_title(), _overview_note(book), len(OVERVIEW_HEADERS))
    ws.append(_header(ws, OVERVIEW_HEADERS))
    for section in book.departments:
        ws.append(_counts_cells(cells, ws, section.name, section.counts, total=False))
    # Outside the filter's range, so sorting the departments leaves it at the bottom.
    ws.append(_counts_cells(cells, ws, TOTAL_LABEL, book.total, total=True))
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


def _ranking_cells(cells: _Cells, ws: Sheet, person: RankedPerson) -> list[Any]:
    return [
        cells.number(ws, person.rank),
        cells.text(ws, person.code),
        cells.text(ws, person.name),
        cells.text(ws, person.department),
        cells.text(ws, person.category),
        cells.number(ws, person.performance, _score_format(person.performance)),
        cells.number(ws, person.leader, _score_format(person.leader)),
        cells.number(ws, person.composite, COMPOSITE_FORMAT),
        cells.text(ws, person.grade, "center"),
        cells.text(ws, person.remark, "wrap"),
    ]


def _category_note(book: RankingBook, category: CategoryRanking) -> str:
    waiting = sum(1 for person in category.rows if person.rank is None)
    count = f"共 {len(category.rows)} 人"
    if waiting:
        count += f"，其中 {waiting} 人尚未评分（列于表末）"
    return f"{count}　　{_printed(book)}"


def _write_category(cells: _Cells, ws: Sheet, book: RankingBook, category: CategoryRanking) -> None:
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
    widths = _set_up(ws, RANKING_HEADERS, _RANKING_WIDTHS, columns, len(rows))
    _title_rows(ws, book.ranking_title(category.name), _category_note(book, category),
                len(RANKING_HEADERS))  # fmt: skip
    ws.append(_header(ws, RANKING_HEADERS))
    for number, person in enumerate(rows, start=HEADER_ROW + 1):
        lines = wrapped_lines(person.remark, widths[-1])
        if lines > 1:
            # Excel and LibreOffice keep a written row at one line, whatever it wraps.
            ws.row_dimensions[number].height = LINE_HEIGHT * lines
        ws.append(_ranking_cells(cells, ws, person))
