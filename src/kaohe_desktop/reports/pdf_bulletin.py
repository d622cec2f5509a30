"""The 通报 as an A4 portrait PDF, drawn from one edition's stored content.

Laid out as Chinese bulletins are: the bureau's name and 查账通报 in red over a double
red rule, the date on the left and 通报〔2026〕第3期 on the right; then the title, what
it covers and a summary paragraph; 一、各科室完成情况 (a ruled table and the 完成率
chart), 二、存在的问题, 三、完成较好的工作, 四、前期督办事项整改情况. Tables repeat their
header on each page; an empty section says so in words. Red only ever repeats what is
in black beside it, so a black-and-white print loses nothing.

A reprint is the same file byte for byte: reportlab runs in invariant mode, the PDF's
creation date is the edition's, and the footer carries the edition's 生成日期 rather
than the day of printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.reports.bulletin_content import (
    BulletinContent,
    CountsLine,
    ProblemItem,
    RectificationItem,
)
from kaohe_desktop.reports.pdf_bulletin_chart import completion_chart
from kaohe_desktop.reports.pdf_cjk_lines import keep_chinese_punctuation_off_line_starts
from kaohe_desktop.reports.pdf_document import (
    TOTAL_SHADE,
    cjk_cell_style,
    grid_style,
    write_numbered_pdf,
)
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_page_numbers import PageFurniture, SectionStart

HEADINGS = (
    "一、各科室完成情况",
    "二、存在的问题",
    "三、完成较好的工作",
    "四、前期督办事项整改情况",
)
COUNT_LABELS = (
    "科室",
    "应查",
    "已完成",
    "逾期完成",
    "部分完成",
    "未完成",
    "未到期",
    "未录入",
    "完成率",
)
PROBLEM_LABELS = ("序号", "工作任务", "科室", "期间", "完成情况", "实际完成情况", "督办单")
DONE_LABELS = ("科室", "经核对或抽查确认完成的工作")
RECTIFY_LABELS = ("督办单编号", "颜色", "科室", "涉及任务", "整改时限", "整改情况")
RATE_NOTE = "完成率 =（已完成 + 逾期完成）÷（应查 - 未到期）；未录入的计入分母，不计为完成。"
NO_PROBLEMS = "本期无未完成、部分完成、逾期完成或逾期未录入的事项。"
NO_DONE_WELL = "本期无经督查科室核对（二级）或局领导抽查（三级）确认完成的事项。"
NO_RECTIFICATIONS = "本期无需通报的督办整改事项。"
TITLE_CAPTION = "查账通报"
DATE_CAPTION = "生成日期"

PAGE = A4
MARGIN = 18 * mm
TOP = 14 * mm
BOTTOM = 10 * mm
FOOTER_SIZE = 8
USABLE_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_BOTTOM = BOTTOM + FOOTER_SIZE + 4 * mm
FRAME_HEIGHT = PAGE[1] - TOP - FRAME_BOTTOM
BODY_SIZE = 10.5
CELL_SIZE = 8.5
CELL_LEADING = 11
PAD = 2.5
HEADING_ROOM = 160.0  # a heading starts a new page unless its table header and a first row fit
RED = colors.Color(0.8, 0.05, 0.05)
# Widths in points of the usable 493: 科室 holds 市场秩序稽查大队, 完成情况 逾期未录入.
PROBLEM_WIDTHS = (28.0, 100.0, 76.0, 40.0, 50.0, 134.0, 65.0)
RECTIFY_WIDTHS = (112.0, 34.0, 82.0, 70.0, 70.0, 125.0)
DONE_WIDTHS = (90.0, USABLE_WIDTH - 90.0)


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class _RedHeader(Flowable):
    """The first page's head: bureau, 查账通报, date and number, the double red rule."""

    def __init__(self, content: BulletinContent, font: str, width: float) -> None:
        super().__init__()
        self._content, self._font, self._width = content, font, width
        self._bureau_size = 20.0
        self._title_size = 30.0
        self.height = self._bureau_size + self._title_size + 44

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self._width, self.height

    def _bold_centred(self, text: str, size: float, y: float, spacing: float) -> None:
        canvas = self.canv
        # No bold CJK face to embed: fill-and-stroke thickens the strokes instead.
        width = stringWidth(text, self._font, size) + spacing * (len(text) - 1)
        if width > self._width:  # a very long bureau name: shrink, never run off the sheet
            size, spacing = size * self._width / width, spacing * self._width / width
            width = self._width
        # Character spacing and the render mode outlive the text object: keep them here.
        canvas.saveState()
        canvas.setLineWidth(size * 0.03)
        text_object = canvas.beginText()
        text_object.setFont(self._font, size)
        text_object.setCharSpace(spacing)
        text_object.setTextRenderMode(2)
        text_object.setTextOrigin((self._width - width) / 2, y)
        text_object.textOut(text)
        canvas.drawText(text_object)
        canvas.restoreState()

    def draw(self) -> None:
        canvas, content = self.canv, self._content
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.setStrokeColor(RED)
        top = self.height
        self._bold_centred(content.bureau, self._bureau_size, top - self._bureau_size, 1.0)
        title_y = top - self._bureau_size - 10 - self._title_size * 0.88
        self._bold_centred(TITLE_CAPTION, self._title_size, title_y, 12.0)
        canvas.setFillGray(0)
        canvas.setFont(self._font, 11)
        line_y = 14.0
        canvas.drawString(0, line_y, _day(content.issued_on))
        canvas.drawRightString(self._width, line_y, content.number_text)
        canvas.setLineWidth(2.0)
        canvas.line(0, 8, self._width, 8)
        canvas.setLineWidth(0.6)
        canvas.line(0, 4.5, self._width, 4.5)
        canvas.restoreState()


class _Styles:
    def __init__(self, font: str) -> None:
        self.cell = cjk_cell_style("bulletin-cell", font, CELL_SIZE, CELL_LEADING)
        self.body = ParagraphStyle(
            "bulletin-body", fontName=font, fontSize=BODY_SIZE, leading=18, wordWrap="CJK",
            firstLineIndent=2 * BODY_SIZE, alignment=TA_JUSTIFY,
        )  # fmt: skip
        self.title = ParagraphStyle(
            "bulletin-title", fontName=font, fontSize=16, leading=22, alignment=TA_CENTER,
            spaceBefore=10, spaceAfter=2,
        )  # fmt: skip
        self.scope = ParagraphStyle(
            "bulletin-scope", parent=self.cell, fontSize=9, leading=13, alignment=TA_CENTER,
            spaceAfter=8,
        )  # fmt: skip
        self.heading = ParagraphStyle(
            "bulletin-heading", fontName=font, fontSize=12.5, leading=18, spaceBefore=10,
            spaceAfter=5,
        )  # fmt: skip
        self.note = ParagraphStyle("bulletin-note", parent=self.cell, fontSize=8, leading=11)
        self.empty = ParagraphStyle("bulletin-empty", parent=self.body, firstLineIndent=0)


class _Tables:
    def __init__(self, font: str) -> None:
        self.font = font
        self.styles = _Styles(font)

    def _cell(self, text: str, width: float) -> str | Paragraph:
        """Plain text when it fits on one line (pypdf reads it back as one run), else a
        Paragraph breaking between characters."""
        if stringWidth(text, self.font, CELL_SIZE) <= width - 2 * PAD - 1:
            return text
        return Paragraph(escape(text), self.styles.cell)

    def _lines(self, texts: Sequence[str], width: float) -> str | Paragraph:
        """Several entries in one cell, each starting its own line."""
        if len(texts) <= 1:
            return self._cell(texts[0] if texts else "", width)
        return Paragraph("<br/>".join(escape(text) for text in texts), self.styles.cell)

    def _table(self, data: list[list[Any]], widths: Sequence[float], extra: list[Any]) -> Table:
        style = grid_style(self.font, CELL_SIZE, CELL_LEADING, PAD, PAD) + extra
        return Table(data, colWidths=list(widths), repeatRows=1, style=TableStyle(style))

    def counts(self, content: BulletinContent) -> Table:
        # 未到期 only when something is 未到期: it is rare, and a column of zeros is noise.
        lines = [*content.departments, content.total]
        with_not_due = any(line.not_due for line in lines)
        labels = [label for label in COUNT_LABELS if with_not_due or label != "未到期"]
        name_width = 0.2 * USABLE_WIDTH
        number_width = (USABLE_WIDTH - name_width) / (len(labels) - 1)
        widths = [name_width] + [number_width] * (len(labels) - 1)

        def row(line: CountsLine) -> list[Any]:
            values = [line.due, line.done, line.late, line.partial, line.missed]
            values += [line.not_due] if with_not_due else []
            values += [line.unrecorded]
            return [self._cell(line.name, name_width), *map(str, values), line.rate_text()]

        data: list[list[Any]] = [labels]
        data += [row(line) for line in content.departments]
        data.append(row(content.total))
        last = len(data) - 1
        return self._table(
            data,
            widths,
            [
                ("ALIGN", (1, 1), (-1, -1), "CENTER"),
                ("BACKGROUND", (0, last), (-1, last), TOTAL_SHADE),
                ("LINEABOVE", (0, last), (-1, last), 1.0, colors.black),
            ],
        )

    def problems(self, items: Sequence[ProblemItem]) -> Table:
        w = PROBLEM_WIDTHS
        data: list[list[Any]] = [list(PROBLEM_LABELS)]
        for item in items:
            notices = [f"{n.number}（{n.color}）" for n in item.notices]
            data.append([
                str(item.seq), self._cell(item.title, w[1]), self._cell(item.department, w[2]),
                item.period, item.status, self._cell(item.actual, w[5]),
                self._lines(notices, w[6]),
            ])  # fmt: skip
        return self._table(data, w, [("ALIGN", (0, 1), (0, -1), "CENTER"),
                                     ("ALIGN", (3, 1), (4, -1), "CENTER")])  # fmt: skip

    def done_well(self, content: BulletinContent) -> Table:
        w = DONE_WIDTHS
        data: list[list[Any]] = [list(DONE_LABELS)]
        for group in content.done_well:
            # One line per task: a list run together with "；" breaks anywhere and reads as
            # a wall of text.
            data.append([self._cell(group.department, w[0]), self._lines(group.items, w[1])])
        return self._table(data, w, [])

    def rectifications(self, items: Sequence[RectificationItem]) -> Table:
        w = RECTIFY_WIDTHS
        data: list[list[Any]] = [list(RECTIFY_LABELS)]
        for item in items:
            state = f"{item.status}（{item.note}）" if item.note else item.status
            data.append([
                self._cell(item.number, w[0]), item.color, self._cell(item.department, w[2]),
                self._cell(item.tasks or "—", w[3]), _day(item.deadline), self._cell(state, w[5]),
            ])  # fmt: skip
        return self._table(data, w, [("ALIGN", (1, 1), (1, -1), "CENTER")])


def _story(content: BulletinContent, tables: _Tables) -> list[Flowable]:
    styles = tables.styles
    story: list[Flowable] = [
        _RedHeader(content, tables.font, USABLE_WIDTH),
        Paragraph(escape(f"{content.period_label}查账情况通报"), styles.title),
        Paragraph(escape(content.scope), styles.scope),
        Paragraph(escape(content.summary), styles.body),
    ]

    def section(index: int) -> None:
        heading = HEADINGS[index]
        # Not keepWithNext: that would carry a long table whole to the next page and
        # leave this one half empty; a heading only needs room for a few rows under it.
        story.append(CondPageBreak(HEADING_ROOM))
        story.append(SectionStart(f"section-{index}", heading, ""))
        story.append(Paragraph(heading, styles.heading))

    def empty(text: str) -> None:
        story.append(Paragraph(escape(text), styles.empty))

    section(0)
    story += [tables.counts(content), Spacer(0, 3), Paragraph(escape(RATE_NOTE), styles.note)]
    story.append(Spacer(0, 8))
    story.append(
        KeepTogether(
            [completion_chart(content.departments, content.total, USABLE_WIDTH, tables.font)]
        )
    )
    section(1)
    if content.problems:
        story.append(tables.problems(content.problems))
    else:
        empty(NO_PROBLEMS)
    section(2)
    if content.done_well:
        story.append(tables.done_well(content))
    else:
        empty(NO_DONE_WELL)
    section(3)
    if content.rectifications:
        story.append(tables.rectifications(content.rectifications))
    else:
        empty(NO_RECTIFICATIONS)
    return story


def write_bulletin(content: BulletinContent, path: str | Path, font: PdfFont) -> int:
    """Write the 通报 to `path` (beside it first, renamed when complete); returns the
    number of pages. The same content and font give the same bytes."""
    keep_chinese_punctuation_off_line_starts()
    tables = _Tables(font.name)
    furniture = PageFurniture(
        font=font.name, page_width=PAGE[0], page_height=PAGE[1], margin=MARGIN,
        title_baseline=PAGE[1] - TOP, title_size=0, footer_baseline=BOTTOM,
        footer_size=FOOTER_SIZE, footer_note=content.number_text,
        printed_on=content.generated_at.date(), date_caption=DATE_CAPTION,
    )  # fmt: skip
    return write_numbered_pdf(
        path, _story(content, tables), furniture, top=TOP, frame_bottom=FRAME_BOTTOM,
        frame_height=FRAME_HEIGHT, template="bulletin",
        title=f"{content.number_text} {content.title}", author=content.bureau,
        subject=TITLE_CAPTION, made_at=content.generated_at,
    )  # fmt: skip
