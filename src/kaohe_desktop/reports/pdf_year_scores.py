"""The year's (年底算账) 科室年度考核得分汇总表: each department's two halves side by side
with the year's total and rank, A4 portrait, the rule in words and the 制表人/审核人/日期
lines (as on the half's 汇总表, pdf_score_sheet), 第 x 页 共 y 页 in the footer.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.reports.pdf_cjk_lines import keep_chinese_punctuation_off_line_starts
from kaohe_desktop.reports.pdf_document import cjk_cell_style, grid_style, write_numbered_pdf
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_page_numbers import PageFurniture, SectionStart
from kaohe_desktop.reports.pdf_score_sheet import signature_lines
from kaohe_desktop.reports.year_score_content import YearSheet

SUBJECT = "科室年度考核得分汇总表"
LABELS = ("排名", "科室", "组别", "上半年", "下半年", "全年")
NOT_SCORED = "—"  # a half the department was not scored in

PAGE = A4
MARGIN = 18 * mm
TOP = 11 * mm
BOTTOM = 9 * mm
TITLE_SIZE = 15
TITLE_BAND = TITLE_SIZE + 5 * mm
FOOTER_SIZE = 8
FOOTER_BAND = FOOTER_SIZE + 4 * mm
BODY_SIZE = 10
LEADING = 13
USABLE_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_BOTTOM = BOTTOM + FOOTER_BAND
FRAME_HEIGHT = PAGE[1] - TOP - TITLE_BAND - FRAME_BOTTOM
FRACTIONS = (0.09, 0.3, 0.19, 0.14, 0.14, 0.14)


def _points(value: Decimal | None) -> str:
    return NOT_SCORED if value is None else f"{value:.2f}"


def _table(sheet: YearSheet, cell: ParagraphStyle) -> Table:
    widths = [f * USABLE_WIDTH for f in FRACTIONS]
    data: list[list[Any]] = [list(LABELS)]
    for row in sheet.rows:
        name = Paragraph(escape(row.department), cell)
        group = Paragraph(escape(row.group), cell)
        data.append([str(row.rank), name, group, *map(_points, (row.first, row.second, row.total))])
    style = grid_style(cell.fontName, BODY_SIZE, LEADING, 3.0, 2.5)
    style += [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (3, 1), (-1, -1), "CENTER")]
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style))


def write_year_scores_pdf(sheet: YearSheet, path: str | Path, font: PdfFont) -> int:
    """Write the year's 汇总表 to `path` (beside it first, renamed when complete);
    returns the number of pages."""
    if not sheet.rows:
        raise ValueError("没有要打印的考核结果")
    keep_chinese_punctuation_off_line_starts()
    cell = cjk_cell_style("year-cell", font.name, BODY_SIZE, LEADING)
    state = ParagraphStyle("year-state", parent=cell, fontSize=10.5, leading=15, spaceAfter=4)
    note = ParagraphStyle("year-note", parent=cell, fontSize=9, leading=12.5)
    title = sheet.pdf_title()
    story: list[Flowable] = [
        SectionStart("year", f"{sheet.year}年度", title),
        Paragraph(escape(sheet.state_line()), state),
        _table(sheet, cell),
        Spacer(0, 8),
    ]
    closing: list[Flowable] = [Paragraph(escape(text), note) for text in sheet.notes()]
    closing += [Spacer(0, 22), signature_lines(font.name, USABLE_WIDTH)]
    story.append(KeepTogether(closing))
    furniture = PageFurniture(
        font=font.name, page_width=PAGE[0], page_height=PAGE[1], margin=MARGIN,
        title_baseline=PAGE[1] - TOP - TITLE_SIZE * 0.88, title_size=TITLE_SIZE,
        footer_baseline=BOTTOM, footer_size=FOOTER_SIZE, printed_on=sheet.printed_on,
    )  # fmt: skip
    return write_numbered_pdf(
        path, story, furniture, top=TOP, frame_bottom=FRAME_BOTTOM, frame_height=FRAME_HEIGHT,
        template="year-scores", title=title, author=sheet.bureau, subject=SUBJECT,
    )  # fmt: skip
