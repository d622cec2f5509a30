"""公务员年度考核登记表 as an A4 portrait PDF, one page per person, in the layout of the
national form (公务员考核规定 附件): the person's details printed, the parts written by
hand left as ruled blank lines, the 等次 under 主管领导评语 pre-filled with the grade as
it stands, and 未确定等次或不参加考核情况说明 pre-filled with the reason where the
person is 不定等次 or 不参加.

Each page carries a bookmark with the person's name; the footer numbers the pages of
the file and carries the print date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.reports.annual_content import AnnualFormPage, AnnualForms
from kaohe_desktop.reports.pdf_cjk_lines import keep_chinese_punctuation_off_line_starts
from kaohe_desktop.reports.pdf_document import cjk_cell_style, write_numbered_pdf
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_notice_band import BoldLine
from kaohe_desktop.reports.pdf_page_numbers import PageFurniture, SectionStart
from kaohe_desktop.reports.pdf_ruled_form import LABEL_SHADE, RuledLines

PAGE = A4
MARGIN = 18 * mm
TOP = 12 * mm
BOTTOM = 9 * mm
FOOTER_SIZE = 8
FRAME_BOTTOM = BOTTOM + FOOTER_SIZE + 3 * mm
FRAME_HEIGHT = PAGE[1] - TOP - FRAME_BOTTOM
WIDTH = PAGE[0] - 2 * MARGIN
LABEL = 27 * mm
# 姓名 | value | 性别 | value | 出生年月 | value: three label columns of one width.
COLUMNS = (LABEL, 31 * mm, LABEL, 28 * mm, LABEL, WIDTH - 3 * LABEL - 59 * mm)
BODY_SIZE = 10.5
LEADING = 15
# Blank dates stay plain strings: a paragraph would fold their full-width spaces.
BLANK_DATE = "　　　　年　　月　　日"
SIGN = f"签名：　　　　　　　　{BLANK_DATE}"
SEAL = f"机关负责人签名（盖章）：　　　　　　　　{BLANK_DATE}"
# Lines of handwriting per part (the page holds them all at A4 with one line of text
# in each pre-filled box).
SUMMARY_LINES = 9
LEADER_LINES = 4
BOARD_LINES = 2
OPINION_LINES = 2
WORK_LINES = 2


class _Styles:
    def __init__(self, font: str) -> None:
        self.font = font
        self.cell = cjk_cell_style("annual-form-cell", font, BODY_SIZE, LEADING)
        self.label = ParagraphStyle("annual-form-label", parent=self.cell, alignment=TA_CENTER)

    def text(self, value: str) -> Paragraph:
        lines = [escape(line) for line in value.splitlines()] or [""]
        return Paragraph("<br/>".join(lines), self.cell)

    def label_cell(self, value: str) -> Paragraph:
        """A label, broken where it says (\n) so a long one reads in even lines."""
        return Paragraph("<br/>".join(escape(line) for line in value.splitlines()), self.label)


def _signature(text: str, font: str) -> Table:
    """A signature line at the right of a box: its words then the blank date."""
    return Table(
        [[text]],
        colWidths=[WIDTH - LABEL - 8],
        style=TableStyle([
            ("FONT", (0, 0), (-1, -1), font, BODY_SIZE, LEADING),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]),
    )  # fmt: skip


def _filled_or_ruled(styles: _Styles, text: str, lines: int) -> list[Flowable]:
    if text.strip():
        return [styles.text(text)]
    return [RuledLines(lines)]


def _form(page: AnnualFormPage, styles: _Styles) -> Table:
    label, text = styles.label_cell, styles.text
    font = styles.font
    suggestion = page.grade_suggestion or "　　　　"
    rows: list[list[Any]] = [
        [label("姓名"), text(page.name), label("性别"), text(page.gender),
         label("出生年月"), text(page.born)],
        [label("政治面貌"), text(page.political), label("任现职务\n职级时间"),
         text(page.position_since), "", ""],
        [label("单位及\n职务职级"), text(page.unit_and_position), "", "", "", ""],
        [label("从事或\n分管工作"), RuledLines(WORK_LINES), "", "", "", ""],
        [label("个人总结"), [RuledLines(SUMMARY_LINES), _signature(SIGN, font)], "", "", "", ""],
        [label("主管领导\n评语和考核\n等次建议"),
         [RuledLines(LEADER_LINES), text(f"考核等次建议：{suggestion}"),
          _signature(f"主管领导{SIGN}", font)], "", "", "", ""],
        [label("机关负责人\n或考核委员会\n意见"),
         [RuledLines(BOARD_LINES), _signature(SEAL, font)], "", "", "", ""],
        [label("被考核人意见"), [RuledLines(OPINION_LINES), _signature(SIGN, font)],
         "", "", "", ""],
        [label("未确定等次\n或不参加考核\n情况说明"),
         _filled_or_ruled(styles, page.explanation, 2), "", "", "", ""],
        [label("备注"), _filled_or_ruled(styles, page.remark, 1), "", "", "", ""],
    ]  # fmt: skip
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, BODY_SIZE, LEADING),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.4, colors.black),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE),
        ("BACKGROUND", (2, 0), (2, 1), LABEL_SHADE),
        ("BACKGROUND", (4, 0), (4, 0), LABEL_SHADE),
        ("SPAN", (3, 1), (5, 1)),
    ]
    for row in range(2, len(rows)):
        style.append(("SPAN", (1, row), (5, row)))
    return Table(rows, colWidths=list(COLUMNS), style=TableStyle(style))


def _page(forms: AnnualForms, page: AnnualFormPage, styles: _Styles) -> list[Flowable]:
    unit = Table(
        [[f"单位：{forms.bureau}", f"编号：{page.code}"]],
        colWidths=[WIDTH * 0.7, WIDTH * 0.3],
        style=TableStyle([
            ("FONT", (0, 0), (-1, -1), styles.font, 11, LEADING),
            ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]),
    )  # fmt: skip
    content: list[Flowable] = [
        BoldLine(forms.title(), styles.font, 18, WIDTH),
        Spacer(0, 4 * mm),
        unit,
        Spacer(0, 2 * mm),
        _form(page, styles),
    ]
    return [
        SectionStart(f"annual-form-{page.code}", f"{page.name}（{page.code}）", ""),
        # One sheet per person whatever it holds: a long 情况说明 shrinks the page a
        # little rather than pushing its last rows onto a sheet of their own.
        KeepInFrame(WIDTH, FRAME_HEIGHT, content, mode="shrink"),
    ]


def write_annual_forms_pdf(forms: AnnualForms, path: str | Path, font: PdfFont) -> int:
    """Write one 登记表 per person to `path` (beside it first, renamed when complete);
    returns the number of pages (one per person)."""
    keep_chinese_punctuation_off_line_starts()
    styles = _Styles(font.name)
    story: list[Flowable] = []
    for n, page in enumerate(forms.pages):
        if n:
            story.append(PageBreak())
        story += _page(forms, page, styles)
    note = "草稿：季度考核尚未全部关闭，等次建议可能变化" if forms.draft else forms.bureau
    furniture = PageFurniture(
        font=font.name, page_width=PAGE[0], page_height=PAGE[1], margin=MARGIN,
        title_baseline=PAGE[1] - TOP, title_size=12, footer_baseline=BOTTOM,
        footer_size=FOOTER_SIZE, footer_note=note, printed_on=forms.printed_on,
    )  # fmt: skip
    return write_numbered_pdf(
        path, story, furniture, top=TOP, frame_bottom=FRAME_BOTTOM,
        frame_height=FRAME_HEIGHT, template="annual-form",
        title=forms.title(), author=forms.bureau, subject=f"{forms.year}年度考核登记表",
    )  # fmt: skip
