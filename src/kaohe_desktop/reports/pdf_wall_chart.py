"""The wall chart (墙上台账) as a PDF, drawn with reportlab (DESIGN.md §6).

One table per department on landscape A3 (or A4): the task on the left, the room to
record its completion quarter by quarter on the right. Every page repeats the chart's
title and the two header rows, a department's second and later sheets marked （续表）;
the footer numbers the pages within each department (第 x 页 共 y 页, pdf_page_numbers),
so a bureau-wide print run cuts into charts that each start at page 1. Cells are
TextCells (pdf_cjk_cell: Paragraph's CJK line breaking without its markup parser), so
text breaks between characters inside its column and a row grows to hold it. In blank
mode the quarter cells are ruled for handwriting, a key task's into its three months
(pdf_wall_chart_ruling).

Every row's height is known before layout, so the chart is cut into sheets here, one
Table per page, where reportlab's own split would have cut it: splitting one long Table
page by page recomputed its spans over all the rows left at every try (1,816 tries for
15 departments of 200 tasks).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Table, TableStyle
from reportlab.platypus.flowables import Flowable, PageBreak, PageBreakIfNotEmpty
from reportlab.platypus.tables import CellStyle as TableCellStyle

from kaohe_desktop.reports.pdf_cjk_cell import EMPTY, CellStyle, TextCell
from kaohe_desktop.reports.pdf_cjk_lines import LineBreaker
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_page_numbers import (
    NumberedCanvas,
    PageFurniture,
    Progress,
    SectionStart,
)
from kaohe_desktop.reports.pdf_wall_chart_layout import LAYOUTS, Layout
from kaohe_desktop.reports.pdf_wall_chart_layout import column_edges as column_edges
from kaohe_desktop.reports.pdf_wall_chart_layout import page_size as page_size
from kaohe_desktop.reports.pdf_wall_chart_ruling import (
    MonthLines,
    Ruling,
    quarter_months,
    rule_quarter_cell,
)
from kaohe_desktop.reports.wall_chart_content import WallChart, WallChartBook, WallChartRow

LEFT_LABELS = ("序号", "工作任务", "目标要求", "类别", "牵头科室", "完成时限", "分值")
QUARTER_LABELS = ("一季度", "二季度", "三季度", "四季度")
QUARTERS_HEADING = "实际完成情况"
TAIL_LABELS = ("核查人", "备注")
COLUMN_LABELS = LEFT_LABELS + QUARTER_LABELS + TAIL_LABELS
EMPTY_CHART_TEXT = "本科室本年度没有台账任务"
KEY_MARK = "★"
KEY_LEGEND = "★ 重点工作"
CONTINUED = "（续上页）"  # a task cut across two pages
CONTINUED_SHEET = "（续表）"  # after the title on a department's second and later pages

_Q1 = len(LEFT_LABELS)  # first quarter column
_Q4 = _Q1 + len(QUARTER_LABELS) - 1
_HEADER_ROWS = 2
_HEADER_SHADE = colors.Color(0.82, 0.82, 0.82)
_KEY_SHADE = colors.Color(0.9, 0.9, 0.9)  # the left part of a key task's row
# The ★; prints dark grey in black and white, the shading carries it.
_KEY_COLOR = colors.HexColor("#B00000")


class _Sheet:
    """Builds the sheets of one book: its paper, font and mode."""

    def __init__(self, layout: Layout, font: PdfFont, blank: bool, widths: list[float]) -> None:
        self.layout, self.font, self.blank, self.widths = layout, font, blank, widths
        self.ruling = Ruling(font.name, layout.month_label_size, layout.pad_x, layout.guide_gap)
        em, leading = layout.body_size, layout.leading
        breaker = LineBreaker(font.name, em)
        # Numbers, 类别 and the header: short, no punctuation.
        self.tight = CellStyle(breaker, leading, centred=True)
        # A closing mark that cannot start a line hangs up to one em past the line's
        # width, into the cell's padding; the indents make up the rest of that em, so
        # the mark stays left of the column's rule (its ink sits in its left half).
        self.left = CellStyle(breaker, leading, right_indent=max(0.0, em - layout.pad_x))
        # A centred line overhangs by half on each side.
        half = max(0.0, em / 2 - layout.pad_x)
        self.center = CellStyle(breaker, leading, centred=True, left_indent=half, right_indent=half)
        # One style object for every cell (font, paddings, alignment are the same
        # throughout): reportlab would make one per cell of every sheet and apply each
        # command to each of them.
        cell = TableCellStyle("wall-cell")
        # The leading reportlab gives a FONT command without one; only the empty
        # cells are set in it.
        cell.fontname, cell.fontsize, cell.leading = font.name, em, 1.2 * em
        cell.valign = "MIDDLE"
        cell.leftPadding = cell.rightPadding = layout.pad_x
        cell.topPadding = cell.bottomPadding = layout.pad_y
        self.cell_style = cell
        header = self._new_table(self._header(), [None] * _HEADER_ROWS, self._style())
        header.wrap(layout.usable_width, layout.frame_height)
        self.header_heights: list[float] = list(header._rowHeights)  # type: ignore[attr-defined]
        # A row piece must fit under the repeated header on an otherwise empty page.
        self.limit = layout.frame_height - sum(self.header_heights) - 1
        # The room reportlab's frame offers a table at the top of a page (its top less
        # its bottom, as the frame computes it).
        self.room = (layout.frame_bottom + layout.frame_height) - layout.frame_bottom

    def _cell(self, value: str, style: CellStyle) -> Flowable:
        return TextCell(value, style) if value.strip() else EMPTY

    def _header(self) -> list[list[Any]]:
        top: list[Any] = [TextCell(label, self.tight) for label in LEFT_LABELS]
        top += [TextCell(QUARTERS_HEADING, self.tight), "", "", ""]
        top += [TextCell(label, self.tight) for label in TAIL_LABELS]
        second: list[Any] = [""] * _Q1 + [TextCell(q, self.tight) for q in QUARTER_LABELS]
        return [top, [*second, "", ""]]

    def _style(self, *, cut: bool = False, last: bool = True) -> list[tuple[Any, ...]]:
        """The sheet's rules. A chart over several sheets is ruled as reportlab rules the
        parts of a table it splits: the frame as four lines, none at the bottom of a sheet
        the chart goes on from (the grid's thin rule closes it).

        Only commands of the table (backgrounds, rules, spans) go here: the cells share
        one CellStyle (see __init__), which a cell command such as ALIGN would change
        for every cell of every sheet."""
        black = colors.black
        box: list[tuple[Any, ...]] = [("BOX", (0, 0), (-1, -1), 1.2, black)]
        if cut:
            box = [
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, black),
                ("LINEBEFORE", (0, 0), (0, -1), 1.2, black),
                ("LINEAFTER", (-1, 0), (-1, -1), 1.2, black),
            ]
            if last:
                box.append(("LINEBELOW", (0, -1), (-1, -1), 1.2, black))
        commands: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, _HEADER_ROWS - 1), _HEADER_SHADE),
            ("GRID", (0, 0), (-1, -1), 0.5, black),
            *box,
            ("LINEBELOW", (0, _HEADER_ROWS - 1), (-1, _HEADER_ROWS - 1), 1.0, black),
            ("LINEBEFORE", (_Q1, 0), (_Q1, -1), 1.2, black),  # what is asked | what was done
            ("SPAN", (_Q1, 0), (_Q4, 0)),
        ]
        for column in [*range(_Q1), _Q4 + 1, _Q4 + 2]:
            commands.append(("SPAN", (column, 0), (column, 1)))
        return commands

    def _cells(self, row: WallChartRow) -> list[Any]:
        mark = KEY_MARK if row.key else ""
        cells: list[Any] = [
            TextCell(str(row.seq), self.tight),
            TextCell(row.title, self.left, mark=mark, mark_color=_KEY_COLOR),
            self._cell(row.target, self.left),
            self._cell(row.category, self.tight),
            self._cell(row.lead_department, self.center),
            self._cell(row.deadline, self.center),
            self._cell(row.points, self.tight),
        ]
        if self.blank:  # the right part is for the pen, whatever has been recorded
            # A key task is checked month by month: a ruled line for each month.
            cells += [MonthLines(quarter_months(q)) if row.key else EMPTY for q in (1, 2, 3, 4)]
            cells.append(EMPTY)
        else:
            cells += [self._cell(text, self.left) for text in row.quarters]
            cells.append(self._cell(row.checker, self.center))
        cells.append(self._cell(row.note, self.left))
        return cells

    def _inner(self, width: float) -> float:
        # In the order reportlab's Table computes it, so TextCell's cache serves the table.
        return width - self.layout.pad_x - self.layout.pad_x

    def _tallest(self, cells: list[Any], room: float) -> float:
        """The height of the row's tallest text."""
        return max(
            (
                cell.wrap(self._inner(width), room)[1]
                for cell, width in zip(cells, self.widths, strict=True)
                if isinstance(cell, TextCell)
            ),
            default=0.0,
        )

    def _pieces(self, row: WallChartRow) -> list[_Row]:
        """The row, or the row cut into pieces each shorter than a page: reportlab moves
        whole rows to the next page, and a row taller than a page stops the document."""
        cells = self._cells(row)
        room = self.limit - 2 * self.layout.pad_y
        tallest = self._tallest(cells, room)
        if tallest <= room:
            return [self._row(cells, tallest, row.key)]
        pieces: list[_Row] = []
        while True:
            piece: list[Any] = []
            rest: list[Any] = []
            for cell, width in zip(cells, self.widths, strict=True):
                parts = cell.split(self._inner(width), room) if isinstance(cell, TextCell) else []
                piece.append(parts[0] if parts else cell)
                rest.append(parts[1] if len(parts) > 1 else EMPTY)
            pieces.append(self._row(piece, self._tallest(piece, self.limit), row.key))
            if all(cell is EMPTY for cell in rest):
                return pieces
            rest[0] = TextCell(str(row.seq), self.tight)  # still found by its 序号
            if rest[1] is EMPTY:
                rest[1] = TextCell(CONTINUED, self.left)
            cells = rest

    def _guides(self, table: Table, event: str, *args: Any) -> None:
        """Writing lines in the blank quarter cells (a Table render callback)."""
        if event != "startCell":
            return
        row, column, value, _style, corner, size = args
        if row >= _HEADER_ROWS and _Q1 <= column <= _Q4:
            rule_quarter_cell(table.canv, value, corner, size, self.ruling)

    def _least(self, cells: list[Any]) -> float:
        """The mode's minimum height of a row: room to write by hand in blank mode (a
        line per month for a key task), a line or two of print when filled."""
        if not self.blank:
            return self.layout.filled_row
        if any(isinstance(cell, MonthLines) for cell in cells):
            return self.layout.blank_key_row
        return self.layout.blank_row

    def _row(self, cells: list[Any], tallest: float, key: bool) -> _Row:
        """The row with its height: its tallest cell, but never below the mode's minimum."""
        return _Row(cells, max(self._least(cells), tallest + 2 * self.layout.pad_y), key)

    def sheets(self, chart: WallChart) -> list[Flowable]:
        """The chart's tables, one per page, with a page break between them."""
        rows = [piece for row in chart.rows for piece in self._pieces(row)]
        if not rows:
            empty = [TextCell(EMPTY_CHART_TEXT, self.center)] + [EMPTY] * (len(self.widths) - 1)
            span = ("SPAN", (0, _HEADER_ROWS), (-1, _HEADER_ROWS))
            # No writing lines under the note, even in blank mode.
            return [self._table([_Row(empty, self._least([]), False)], [span], guides=False)]
        story: list[Flowable] = []
        pages = self._pages(rows)
        for number, page in enumerate(pages, start=1):
            if story:
                story.append(PageBreak())
            story.append(self._table(page, cut=len(pages) > 1, last=number == len(pages)))
        return story

    def _pages(self, rows: list[_Row]) -> list[list[_Row]]:
        """The rows of each page, cut where reportlab's Table.split would cut them: after
        the last row that still fits with the header above it, the heights added in its
        order (no row is taller than a page less the header, see _pieces)."""
        pages: list[list[_Row]] = [[]]
        used = 0.0
        for height in self.header_heights:
            used += height
        start = used
        for row in rows:
            if used + row.height > self.room and pages[-1]:
                pages.append([])
                used = start
            pages[-1].append(row)
            used += row.height
        return pages

    def _table(
        self,
        rows: list[_Row],
        extra: list[tuple[Any, ...]] | None = None,
        *,
        cut: bool = False,
        last: bool = True,
        guides: bool = True,
    ) -> Table:
        data, style = self._header(), self._style(cut=cut, last=last)
        for index, row in enumerate(rows, start=_HEADER_ROWS):
            if row.key:
                style.append(("BACKGROUND", (0, index), (_Q1 - 1, index), _KEY_SHADE))
            data.append(row.cells)
        style += extra or []
        # Every row's height is given, not left to minRowHeights: reportlab forgets the
        # minimums in the part of a table carried to the next page.
        heights = [*self.header_heights, *(row.height for row in rows)]
        return self._new_table(data, heights, style, guides=guides)

    def _new_table(
        self,
        data: list[list[Any]],
        heights: Sequence[float | None],
        style: list[tuple[Any, ...]],
        *,
        guides: bool = True,
    ) -> Table:
        return Table(
            data, colWidths=self.widths, rowHeights=heights, repeatRows=_HEADER_ROWS,
            style=TableStyle(style), cellStyles=[[self.cell_style] * len(self.widths)] * len(data),
            # reportlab calls any callable; types-reportlab asks for its TableRenderCB class.
            renderCB=self._guides if self.blank and guides else None,  # type: ignore[arg-type]
        )  # fmt: skip


@dataclass(frozen=True)
class _Row:
    """One row (or piece of a row taller than a page) of a chart with its height."""

    cells: list[Any]
    height: float
    key: bool


def write_wall_charts(
    book: WallChartBook,
    target: str | os.PathLike[str] | BinaryIO,
    font: PdfFont,
    *,
    on_chart: Callable[[int, int], None] | None = None,
) -> int:
    """Write all charts of `book` into one PDF, each department from a new page with
    its own bookmark; returns the number of pages."""
    if not book.charts:
        raise ValueError("没有要打印的台账")
    layout = LAYOUTS[book.paper]
    edges = column_edges(book.paper, blank=book.blank)
    sheet = _Sheet(layout, font, book.blank, [b - a for a, b in pairwise(edges)])
    story: list[Flowable] = []
    total = len(book.charts)
    for index, chart in enumerate(book.charts):
        if index:
            story.append(PageBreakIfNotEmpty())
        story.append(SectionStart(f"chart-{index + 1}", chart.department, book.title(chart)))
        story += sheet.sheets(chart)
        if on_chart is not None:
            story.append(Progress(on_chart, index + 1, total))
    any_key = any(row.key for chart in book.charts for row in chart.rows)
    furniture = PageFurniture(
        font=font.name, page_width=layout.page[0], page_height=layout.page[1],
        margin=layout.margin, title_baseline=layout.page[1] - layout.top - layout.title_size * 0.88,
        title_size=layout.title_size, footer_baseline=layout.bottom, footer_size=layout.footer_size,
        footer_note=KEY_LEGEND if any_key else "", printed_on=book.printed_on,
        number_by_section=True, continued_heading=CONTINUED_SHEET,
    )  # fmt: skip
    canvases: list[NumberedCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        canvases.append(NumberedCanvas(*args, furniture=furniture, **kwargs))
        return canvases[-1]

    only = book.charts[0] if total == 1 else None
    doc = BaseDocTemplate(
        os.fspath(target) if isinstance(target, (str, os.PathLike)) else target,
        pagesize=layout.page, leftMargin=layout.margin, rightMargin=layout.margin,
        topMargin=layout.top, bottomMargin=layout.bottom,
        title=book.title(only),
        author=book.bureau, subject="岗位目标责任台账", creator="考核台账",
        initialFontName=font.name,  # else every page also names Helvetica
    )  # fmt: skip
    frame = Frame(
        layout.margin, layout.frame_bottom, layout.usable_width, layout.frame_height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="chart",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="chart", frames=[frame])])
    doc.build(story, canvasmaker=make_canvas)
    return canvases[-1].page_count
