"""The wall chart (墙上台账) as a PDF, drawn with reportlab (DESIGN.md §6).

One table per department on landscape A3 (or A4): the task on the left, the room to
record its completion quarter by quarter on the right. Every page repeats the chart's
title and the two header rows, a department's second and later sheets marked （续表）;
the footer numbers the pages within each department (第 x 页 共 y 页, pdf_page_numbers),
so a bureau-wide print run cuts into charts that each start at page 1. Cells are
Paragraphs with CJK wrapping, so text breaks between characters inside its column and
a row grows to hold it. In blank mode the quarter cells are ruled for handwriting, a
key task's into its three months (pdf_wall_chart_ruling).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.flowables import Flowable, PageBreakIfNotEmpty

from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_page_numbers import (
    NumberedCanvas,
    PageFurniture,
    Progress,
    SectionStart,
)
from kaohe_desktop.reports.pdf_wall_chart_ruling import (
    MonthLines,
    Ruling,
    quarter_months,
    rule_quarter_cell,
)
from kaohe_desktop.reports.wall_chart_content import Paper, WallChart, WallChartBook, WallChartRow

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
_KEY_COLOR = "#B00000"  # the ★; prints dark grey in black and white, the shading carries it
# reportlab's CJK line breaker keeps Japanese closing marks off the start of a line but
# not the Chinese ones, so a line could begin with "，".
_CHINESE_CANNOT_START = "，；：？！”’》〉」』】"


@dataclass(frozen=True)
class _Layout:
    page: tuple[float, float]
    margin: float  # left and right
    top: float
    bottom: float
    title_size: float
    title_band: float  # the title and the gap under it
    footer_size: float
    footer_band: float
    body_size: float
    leading: float
    pad_x: float
    pad_y: float
    blank_row: float  # about three hand-written lines
    blank_key_row: float  # a key task: one hand-written line for each month of the quarter
    month_label_size: float  # 1月 … 12月 at the head of each month's line
    filled_row: float
    guide_gap: float  # between the dotted writing lines in the blank quarters
    # Share of the usable width per column. The left part gets what its text needs:
    # 序号, 类别 ("重点工作"), 牵头科室 (a seven-character name such as 食品生产监管科),
    # 完成时限 ("2026-06-30") and 分值 on one line; the task and its requirements wrap.
    # The quarters get the room for a hand-written sentence or two.
    fractions: tuple[float, ...]
    # Filled, the quarters carry printed sentences (a key task has one per month): they
    # take room from 工作任务 and 目标要求, so rows stay about a third shorter.
    filled_fractions: tuple[float, ...]

    @property
    def usable_width(self) -> float:
        return self.page[0] - 2 * self.margin

    @property
    def frame_bottom(self) -> float:
        return self.bottom + self.footer_band

    @property
    def frame_height(self) -> float:
        return self.page[1] - self.top - self.title_band - self.frame_bottom


_LAYOUTS = {
    Paper.A3: _Layout(
        page=landscape(A3), margin=12 * mm, top=10 * mm, bottom=8 * mm,
        title_size=20, title_band=20 + 6 * mm, footer_size=9, footer_band=9 + 3 * mm,
        body_size=10.5, leading=14.5, pad_x=4, pad_y=3.5,
        blank_row=24 * mm, blank_key_row=30 * mm, month_label_size=7.5,
        filled_row=11 * mm, guide_gap=8 * mm,
        fractions=(0.028, 0.135, 0.180, 0.047, 0.075, 0.062, 0.030,
                   0.081, 0.081, 0.081, 0.081, 0.052, 0.067),
        filled_fractions=(0.028, 0.110, 0.140, 0.047, 0.075, 0.062, 0.030,
                          0.104, 0.104, 0.104, 0.104, 0.042, 0.050),
    ),
    Paper.A4: _Layout(
        page=landscape(A4), margin=9 * mm, top=7 * mm, bottom=6 * mm,
        title_size=15, title_band=15 + 4 * mm, footer_size=7.5, footer_band=7.5 + 2.5 * mm,
        body_size=8.5, leading=11.5, pad_x=3, pad_y=2.5,
        blank_row=17 * mm, blank_key_row=21 * mm, month_label_size=6,
        filled_row=8 * mm, guide_gap=5.6 * mm,
        # The type is larger for the sheet's width than on A3: the fixed columns take more.
        fractions=(0.031, 0.130, 0.165, 0.052, 0.086, 0.072, 0.031,
                   0.078, 0.078, 0.078, 0.078, 0.054, 0.067),
        filled_fractions=(0.031, 0.105, 0.125, 0.052, 0.086, 0.072, 0.031,
                          0.098, 0.098, 0.098, 0.098, 0.050, 0.056),
    ),
}  # fmt: skip


def page_size(paper: Paper) -> tuple[float, float]:
    """Width and height of the (landscape) sheet in points."""
    return _LAYOUTS[paper].page


def column_edges(paper: Paper, *, blank: bool = True) -> list[float]:
    """x of every column rule on the page, left to right (len(COLUMN_LABELS) + 1 values)."""
    layout = _LAYOUTS[paper]
    edges = [layout.margin]
    for fraction in layout.fractions if blank else layout.filled_fractions:
        edges.append(edges[-1] + fraction * layout.usable_width)
    return edges


def keep_chinese_punctuation_off_line_starts() -> None:
    # Both of reportlab's CJK breakers (single-run and mixed-run paragraphs) read this
    # module-level table; adding to it only changes where such a mark goes.
    for module in (rl_textsplit, rl_paragraph):
        table: str = module.ALL_CANNOT_START
        missing = "".join(ch for ch in _CHINESE_CANNOT_START if ch not in table)
        if missing:
            # The stubs make textsplit's table Final and leave paragraph's re-export out.
            module.ALL_CANNOT_START = table + missing  # type: ignore[attr-defined]


class _Cell(Paragraph):
    """A Paragraph that breaks its lines once per width: a table measures every cell,
    again for each page it tries, and once more to draw it."""

    _wrapped_at: float | None = None
    _wrapped_size: tuple[float, float] = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_at != availWidth:
            self._wrapped_size = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self._wrapped_size


def _markup(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


class _Sheet:
    """Builds the tables of one book: its paper, font and mode."""

    def __init__(self, layout: _Layout, font: PdfFont, blank: bool, widths: list[float]) -> None:
        self.layout, self.font, self.blank, self.widths = layout, font, blank, widths
        self.ruling = Ruling(font.name, layout.month_label_size, layout.pad_x, layout.guide_gap)
        em = layout.body_size
        # Numbers, 类别 and the header: short, no punctuation.
        self.tight = ParagraphStyle(
            "wall-tight", fontName=font.name, fontSize=em, leading=layout.leading,
            wordWrap="CJK", alignment=TA_CENTER,
        )  # fmt: skip
        # A closing mark that cannot start a line hangs up to one em past the line's
        # width, into the cell's padding; the indents make up the rest of that em, so
        # the mark stays left of the column's rule (its ink sits in its left half).
        hang = max(0.0, em - layout.pad_x)
        self.left = ParagraphStyle(
            "wall-left", parent=self.tight, alignment=TA_LEFT, rightIndent=hang
        )
        # A centred line overhangs by half on each side.
        half = max(0.0, em / 2 - layout.pad_x)
        self.center = ParagraphStyle(
            "wall-center", parent=self.tight, leftIndent=half, rightIndent=half
        )
        header = Table(self._header(), colWidths=widths, style=TableStyle(self._style()))
        # A row piece must fit under the repeated header on an otherwise empty page.
        self.limit = (
            layout.frame_height - header.wrap(layout.usable_width, layout.frame_height)[1] - 1
        )

    def _cell(self, value: str, style: ParagraphStyle) -> Paragraph | str:
        return _Cell(_markup(value), style) if value.strip() else ""

    def _header(self) -> list[list[Any]]:
        top: list[Any] = [_Cell(label, self.tight) for label in LEFT_LABELS]
        top += [_Cell(QUARTERS_HEADING, self.tight), "", "", ""]
        top += [_Cell(label, self.tight) for label in TAIL_LABELS]
        second: list[Any] = [""] * _Q1 + [_Cell(q, self.tight) for q in QUARTER_LABELS]
        return [top, [*second, "", ""]]

    def _style(self) -> list[tuple[Any, ...]]:
        layout, black = self.layout, colors.black
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.font.name, layout.body_size),  # the empty cells too
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), layout.pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), layout.pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), layout.pad_y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), layout.pad_y),
            ("BACKGROUND", (0, 0), (-1, _HEADER_ROWS - 1), _HEADER_SHADE),
            ("GRID", (0, 0), (-1, -1), 0.5, black),
            ("BOX", (0, 0), (-1, -1), 1.2, black),
            ("LINEBELOW", (0, _HEADER_ROWS - 1), (-1, _HEADER_ROWS - 1), 1.0, black),
            ("LINEBEFORE", (_Q1, 0), (_Q1, -1), 1.2, black),  # what is asked | what was done
            ("SPAN", (_Q1, 0), (_Q4, 0)),
        ]
        for column in [*range(_Q1), _Q4 + 1, _Q4 + 2]:
            commands.append(("SPAN", (column, 0), (column, 1)))
        return commands

    def _cells(self, row: WallChartRow) -> list[Any]:
        title = _markup(row.title)
        if row.key:
            title = f'<font color="{_KEY_COLOR}">{KEY_MARK}</font> {title}'
        cells: list[Any] = [
            _Cell(str(row.seq), self.tight),
            _Cell(title, self.left),
            self._cell(row.target, self.left),
            self._cell(row.category, self.tight),
            self._cell(row.lead_department, self.center),
            self._cell(row.deadline, self.center),
            self._cell(row.points, self.tight),
        ]
        if self.blank:  # the right part is for the pen, whatever has been recorded
            # A key task is checked month by month: a ruled line for each month.
            cells += [MonthLines(quarter_months(q)) if row.key else "" for q in (1, 2, 3, 4)]
            cells.append("")
        else:
            cells += [self._cell(text, self.left) for text in row.quarters]
            cells.append(self._cell(row.checker, self.center))
        cells.append(self._cell(row.note, self.left))
        return cells

    def _inner(self, width: float) -> float:
        # In the order reportlab's Table computes it, so _Cell's cache serves the table.
        return width - self.layout.pad_x - self.layout.pad_x

    def _too_tall(self, cells: list[Any]) -> bool:
        room = self.limit - 2 * self.layout.pad_y
        return any(
            isinstance(cell, Paragraph) and cell.wrap(self._inner(width), room)[1] > room
            for cell, width in zip(cells, self.widths, strict=True)
        )

    def _pieces(self, row: WallChartRow) -> list[list[Any]]:
        """The row, or the row cut into pieces each shorter than a page: reportlab moves
        whole rows to the next page, and a row taller than a page stops the document."""
        cells = self._cells(row)
        if not self._too_tall(cells):
            return [cells]
        room = self.limit - 2 * self.layout.pad_y
        pieces: list[list[Any]] = []
        while True:
            piece: list[Any] = []
            rest: list[Any] = []
            for cell, width in zip(cells, self.widths, strict=True):
                parts = cell.split(self._inner(width), room) if isinstance(cell, Paragraph) else []
                piece.append(parts[0] if parts else cell)
                rest.append(parts[1] if len(parts) > 1 else "")
            pieces.append(piece)
            if all(isinstance(cell, str) for cell in rest):
                return pieces
            rest[0] = _Cell(str(row.seq), self.tight)  # still found by its 序号
            if isinstance(rest[1], str):
                rest[1] = _Cell(CONTINUED, self.left)
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

    def _height(self, cells: list[Any], least: float) -> float:
        """The row's height: its tallest cell, but never below the mode's minimum."""
        tallest = max(
            (
                cell.wrap(self._inner(width), self.limit)[1]
                for cell, width in zip(cells, self.widths, strict=True)
                if isinstance(cell, Paragraph)
            ),
            default=0.0,
        )
        return max(least, tallest + 2 * self.layout.pad_y)

    def table(self, chart: WallChart) -> Table:
        data, style = self._header(), self._style()
        # Every row's height is given, not left to minRowHeights: reportlab forgets the
        # minimums in the part of a table carried to the next page, which squeezed the
        # blank rows of page 2 onwards to one text line.
        heights: list[float | None] = [None] * _HEADER_ROWS
        for row in chart.rows:
            for piece in self._pieces(row):
                if row.key:
                    style.append(("BACKGROUND", (0, len(data)), (_Q1 - 1, len(data)), _KEY_SHADE))
                data.append(piece)
                heights.append(self._height(piece, self._least(piece)))
        if not chart.rows:
            data.append([_Cell(EMPTY_CHART_TEXT, self.center)] + [""] * (len(self.widths) - 1))
            style.append(("SPAN", (0, _HEADER_ROWS), (-1, _HEADER_ROWS)))
            heights.append(self._least([]))
        return Table(
            data, colWidths=self.widths, rowHeights=heights, repeatRows=_HEADER_ROWS,
            style=TableStyle(style), longTableOptimize=1,
            # reportlab calls any callable; types-reportlab asks for its TableRenderCB class.
            renderCB=self._guides if self.blank and chart.rows else None,  # type: ignore[arg-type]
        )  # fmt: skip


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
    keep_chinese_punctuation_off_line_starts()
    layout = _LAYOUTS[book.paper]
    edges = column_edges(book.paper, blank=book.blank)
    sheet = _Sheet(layout, font, book.blank, [b - a for a, b in pairwise(edges)])
    story: list[Flowable] = []
    total = len(book.charts)
    for index, chart in enumerate(book.charts):
        if index:
            story.append(PageBreakIfNotEmpty())
        story.append(SectionStart(f"chart-{index + 1}", chart.department, book.title(chart)))
        story.append(sheet.table(chart))
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
