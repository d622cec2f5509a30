"""局领导抽查清单 PDF: the 三级 draw of one period, printed for the leaders' round.

A4 portrait. Every page repeats the title ({单位} {期间} 局领导抽查清单) and the table
header; the first page says how the draw was made; each drawn pair has ruled space under
抽查结果 for the leader's handwriting and a box to sign; the footer numbers the pages
(第 x 页 共 y 页) and gives the print date (pdf_page_numbers, as the 汇总表).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.reports.check_sample_content import LABELS, SampleLine, SampleSheet
from kaohe_desktop.reports.pdf_cjk_lines import keep_chinese_punctuation_off_line_starts
from kaohe_desktop.reports.pdf_document import cjk_cell_style, grid_style, write_numbered_pdf
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_page_numbers import PageFurniture, SectionStart

PAGE = A4
MARGIN = 15 * mm
TOP = 11 * mm
BOTTOM = 9 * mm
TITLE_SIZE = 15
TITLE_BAND = TITLE_SIZE + 5 * mm
FOOTER_SIZE = 8
FOOTER_BAND = FOOTER_SIZE + 4 * mm
BODY_SIZE = 9.5
LEADING = 13
PAD = 3.0
USABLE_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_BOTTOM = BOTTOM + FOOTER_BAND
FRAME_HEIGHT = PAGE[1] - TOP - TITLE_BAND - FRAME_BOTTOM
# 工作任务 takes two lines of a long title; 责任科室 eight characters (市场秩序稽查大队);
# 一级 / 二级 "逾期完成" (a draft adds a line); 抽查结果 the widest blank, 签字 a name.
FRACTIONS = (0.06, 0.27, 0.17, 0.09, 0.09, 0.22, 0.10)
WRITING_LINES = 3  # ruled lines under 抽查结果
LINE_GAP = 16.0  # points between them: room for handwriting
_RULE_GREY = 0.6


class WritingLines(Flowable):
    """Faint ruled lines to write on (they still print on a black-and-white printer)."""

    def __init__(self, width: float, lines: int = WRITING_LINES, gap: float = LINE_GAP) -> None:
        super().__init__()
        self.width, self.lines, self.gap = width, lines, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.lines * self.gap

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeGray(_RULE_GREY)
        canvas.setLineWidth(0.4)
        canvas.setDash(1, 2)
        for n in range(self.lines):
            canvas.line(0, n * self.gap, self.width, n * self.gap)
        canvas.restoreState()


@dataclass(frozen=True)
class _Styles:
    cell: ParagraphStyle
    centred: ParagraphStyle
    head: ParagraphStyle

    @classmethod
    def of(cls, font: str) -> _Styles:
        cell = cjk_cell_style("sample-cell", font, BODY_SIZE, LEADING)
        centred = ParagraphStyle("sample-centred", parent=cell, alignment=TA_CENTER)
        head = ParagraphStyle("sample-head", parent=cell, fontSize=10, leading=15)
        return cls(cell, centred, head)


def _table(sheet: SampleSheet, font: str, styles: _Styles) -> Table:
    widths = [f * USABLE_WIDTH for f in FRACTIONS]
    data: list[list[Any]] = [list(LABELS)]
    for number, line in enumerate(sheet.lines, start=1):
        data.append(_row(number, line, widths, styles))
    style = grid_style(font, BODY_SIZE, LEADING, PAD, PAD)
    style += [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (3, 1), (4, -1), "CENTER")]
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style))


def _row(number: int, line: SampleLine, widths: list[float], styles: _Styles) -> list[Any]:
    task = Paragraph(escape(f"（{line.task_seq}）{line.title}"), styles.cell)
    department = Paragraph(escape(line.department), styles.cell)
    lead, supervision = (
        Paragraph(escape(s), styles.centred) for s in (line.lead, line.supervision)
    )
    blank = WritingLines(widths[5] - 2 * PAD)
    return [str(number), task, department, lead, supervision, blank, ""]


def write_check_sample(sheet: SampleSheet, path: str | Path, font: PdfFont) -> int:
    """Write the list to `path` (beside it first, renamed when complete); returns the
    number of pages."""
    keep_chinese_punctuation_off_line_starts()
    styles = _Styles.of(font.name)
    story: list[Flowable] = [SectionStart("sample", sheet.title(), sheet.title())]
    story += [Paragraph(escape(text), styles.head) for text in sheet.header_lines()]
    story.append(Spacer(0, 6))
    if sheet.lines:
        story.append(_table(sheet, font.name, styles))
    else:
        story.append(Paragraph("本次抽查没有抽中任何项目。", styles.head))
    furniture = PageFurniture(
        font=font.name, page_width=PAGE[0], page_height=PAGE[1], margin=MARGIN,
        title_baseline=PAGE[1] - TOP - TITLE_SIZE * 0.88, title_size=TITLE_SIZE,
        footer_baseline=BOTTOM, footer_size=FOOTER_SIZE, printed_on=sheet.printed_on,
    )  # fmt: skip
    return write_numbered_pdf(
        path, story, furniture, top=TOP, frame_bottom=FRAME_BOTTOM, frame_height=FRAME_HEIGHT,
        template="sample", title=sheet.title(), author=sheet.bureau, subject="局领导抽查清单",
    )  # fmt: skip
