"""督办单 as an A4 portrait PDF, in the form bureaus print and hand over for signature.

Top down: a band across the top in the notice's colour that also reads in black and
white (the colour named in large type in a white panel, and a pattern and border of
its own per colour: 红 solid with a heavy border, 黄 diagonal hatching inside a double
border, 蓝 dots inside a dashed border); the bureau, the title 督 办 单, the number
and status; the ruled form (责任科室, 检查期间, 涉及任务, 存在问题, 整改时限, 扣分, 下达
日期, 下达人); 整改情况, filled where recorded and ruled blank lines for handwriting
where not; the signature lines. The footer numbers the pages and carries the print
date and the number, so a second page is never separated from its first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.reports.notice_content import NoticeSheet, RectificationContent
from kaohe_desktop.reports.pdf_cjk_lines import keep_chinese_punctuation_off_line_starts
from kaohe_desktop.reports.pdf_document import cjk_cell_style, write_numbered_pdf
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_notice_band import BoldLine, ColorBand
from kaohe_desktop.reports.pdf_page_numbers import PageFurniture
from kaohe_desktop.reports.pdf_ruled_form import RuledForm, RuledLines, text_chunks

PAGE = A4
MARGIN = 18 * mm
TOP = 12 * mm
BOTTOM = 10 * mm
FOOTER_SIZE = 8
FRAME_BOTTOM = BOTTOM + FOOTER_SIZE + 4 * mm
WIDTH = PAGE[0] - 2 * MARGIN
LABEL_WIDTH = 26 * mm
VALUE_WIDTH = (WIDTH - 2 * LABEL_WIDTH) / 2
COLUMNS = (LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH)
BODY_SIZE = 10.5
LEADING = 16


def date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


BLANK_DATE = "　　　　年　　月　　日"


class _Form:
    def __init__(self, font: str) -> None:
        self.font = font
        self.cell = cjk_cell_style("notice-cell", font, BODY_SIZE, LEADING)
        self.label = ParagraphStyle("notice-label", parent=self.cell, alignment=TA_CENTER)

    def text(self, value: str) -> Paragraph:
        lines = [escape(line) for line in value.splitlines()] or [""]
        return Paragraph("<br/>".join(lines), self.cell)

    def label_cell(self, value: str) -> Paragraph:
        return Paragraph(escape(value), self.label)

    def rows(self) -> RuledForm:
        return RuledForm(self.font, COLUMNS, BODY_SIZE, LEADING)

    def notice(self, sheet: NoticeSheet) -> Table:
        label, text = self.label_cell, self.text
        tasks = [text(f"第{t.seq}项　{t.title}") for t in sheet.tasks] or [
            text("（未关联台账任务）")
        ]
        problem = [text(chunk) for chunk in text_chunks(sheet.problem)]
        rows = self.rows()
        rows.pair(label("责任科室"), text(sheet.department), label("检查期间"), text(sheet.period))
        rows.wide(label("涉及任务"), tasks)
        rows.wide(label("存在问题"), problem, min_height=14 * mm)
        rows.pair(label("整改时限"), text(f"{date_text(sheet.deadline)}前"), label("扣分"),
                  text(sheet.deduction))  # fmt: skip
        rows.pair(label("下达日期"), text(date_text(sheet.issued_on)), label("下达人"),
                  text(sheet.issued_by))  # fmt: skip
        return rows.table()

    def rectification(self, found: RectificationContent | None) -> Table:
        """整改情况: what is recorded, ruled blank lines for what is not."""
        label = self.label_cell

        def filled(value: str | None, lines: int) -> list[Any]:
            if not (value and value.strip()):
                return [RuledLines(lines)]
            return [self.text(chunk) for chunk in text_chunks(value)]

        def field(name: str) -> str | None:
            return None if found is None else getattr(found, name)

        # Blank dates stay plain strings: a paragraph would fold their spaces into one.
        deadline = (
            f"{BLANK_DATE}前" if found is None else self.text(f"{date_text(found.deadline)}前")
        )
        verified_on = None if found is None else found.verified_on
        rows = self.rows()
        rows.header(label("整 改 情 况"))
        rows.wide(label("整改目标"), filled(field("target"), 2))
        rows.wide(label("整改事项"), filled(field("items"), 2))
        rows.wide(label("整改时限"), [deadline])
        rows.wide(label("整改措施"), filled(field("measures"), 3))
        rows.wide(label("整改结果"), filled(field("result"), 2))
        rows.pair(label("核实人"), self.text(field("verified_by") or ""), label("核实日期"),
                  self.text(date_text(verified_on)) if verified_on else BLANK_DATE)  # fmt: skip
        return rows.table()

    def signatures(self, sheet: NoticeSheet) -> Table:
        """Two signature lines: the 督查科室 that issues, the department that receives."""
        supervision = sheet.supervision_department or "督查科室"
        labels = [f"{supervision}（签章）：", "责任科室负责人签收："]
        dates = [f"日　　期：{BLANK_DATE}", f"签收日期：{BLANK_DATE}"]
        first = max(stringWidth(text, self.font, BODY_SIZE) for text in labels) + 2 * mm
        last = max(stringWidth(text, self.font, BODY_SIZE) for text in dates) + 2 * mm
        widths = [first, WIDTH - first - last - 8 * mm, 8 * mm, last]
        data = [[label, "", "", day] for label, day in zip(labels, dates, strict=True)]
        return Table(data, colWidths=widths, style=TableStyle([
            ("FONT", (0, 0), (-1, -1), self.font, BODY_SIZE, LEADING),
            ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, -1), 14),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]))  # fmt: skip


def _heading(sheet: NoticeSheet, form: _Form) -> list[Flowable]:
    bureau = ParagraphStyle("notice-bureau", parent=form.cell, fontSize=14, leading=20,
                            alignment=TA_CENTER)  # fmt: skip
    number_line = Table(
        [[f"编号：{sheet.number}", f"{sheet.color_words}　|　状态：{sheet.status}"]],
        colWidths=[WIDTH / 2, WIDTH / 2],
        style=TableStyle([
            ("FONT", (0, 0), (-1, -1), form.font, BODY_SIZE + 0.5, LEADING),
            ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]),
    )  # fmt: skip
    return [
        ColorBand(sheet, form.font, WIDTH),
        Spacer(0, 5 * mm),
        Paragraph(escape(sheet.bureau), bureau),
        Spacer(0, 1 * mm),
        BoldLine("督 办 单", form.font, 26, WIDTH),
        Spacer(0, 4 * mm),
        number_line,
        Spacer(0, 2 * mm),
    ]


def write_notice_pdf(sheet: NoticeSheet, path: str | Path, font: PdfFont) -> int:
    """Write the 督办单 to `path` (beside it first, renamed when complete); returns the
    number of pages (one unless the problem or the tasks run long)."""
    keep_chinese_punctuation_off_line_starts()
    form = _Form(font.name)
    story: list[Flowable] = [
        *_heading(sheet, form),
        form.notice(sheet),
        Spacer(0, 5 * mm),
        # 整改情况 and the signatures read as one block: when the notice runs long the
        # block moves to the next page whole rather than leaving its last row behind.
        KeepTogether(
            [form.rectification(sheet.rectification), Spacer(0, 4 * mm), form.signatures(sheet)]
        ),
    ]
    furniture = PageFurniture(
        font=font.name, page_width=PAGE[0], page_height=PAGE[1], margin=MARGIN,
        title_baseline=PAGE[1] - TOP, title_size=12, footer_baseline=BOTTOM,
        footer_size=FOOTER_SIZE, footer_note=sheet.number, printed_on=sheet.printed_on,
    )  # fmt: skip
    return write_numbered_pdf(
        path, story, furniture, top=TOP, frame_bottom=FRAME_BOTTOM,
        frame_height=PAGE[1] - TOP - FRAME_BOTTOM, template="notice",
        title=f"督办单 {sheet.number}", author=sheet.bureau,
        subject=f"{sheet.color_words} {sheet.department}",
    )  # fmt: skip
