"""{单位}{年度}年度考核优秀等次拟推荐人选公示, an A4 portrait PDF to post: the title,
a sentence of what is posted, the table of the recommended people (序号, 姓名, 科室,
职务职级), the posting period, how to raise an objection (联系人 and 电话 left blank
to fill in by hand) and the bureau and date at the bottom.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.reports.annual_content import ExcellentList, day_text
from kaohe_desktop.reports.pdf_cjk_lines import keep_chinese_punctuation_off_line_starts
from kaohe_desktop.reports.pdf_document import cjk_cell_style, grid_style, write_numbered_pdf
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_notice_band import BoldLine
from kaohe_desktop.reports.pdf_page_numbers import PageFurniture

PAGE = A4
MARGIN = 22 * mm
TOP = 18 * mm
BOTTOM = 10 * mm
FOOTER_SIZE = 8
FRAME_BOTTOM = BOTTOM + FOOTER_SIZE + 4 * mm
WIDTH = PAGE[0] - 2 * MARGIN
TITLE_SIZE = 20
BODY_SIZE = 12
LEADING = 22
CELL_SIZE = 11
CELL_LEADING = 15
HEADERS = ("序号", "姓名", "科室", "职务职级")
COLUMNS = (16 * mm, 30 * mm, (WIDTH - 46 * mm) * 0.5, (WIDTH - 46 * mm) * 0.5)
# Blanks for the clerk to fill by hand (plain strings keep their full-width spaces).
BLANK = "　" * 8


def posting_sentence(posting: ExcellentList) -> str:
    return f"公示期：{day_text(posting.start)}至{day_text(posting.end)}（{posting.days}个工作日）。"


def _intro(posting: ExcellentList) -> str:
    return (
        f"根据《公务员考核规定》，经研究，拟推荐以下{len(posting.people)}名同志为"
        f"{posting.year}年度考核优秀等次人选，现予以公示。"
    )


OBJECTION = (
    "公示期间，如对公示人选有异议，可通过来电、来信或当面反映等方式向本单位反映。"
    "反映问题应实事求是、具体明确，提倡署真实姓名，对反映人信息严格保密。"
)


class _Styles:
    def __init__(self, font: str) -> None:
        self.font = font
        self.cell = cjk_cell_style("excellent-cell", font, CELL_SIZE, CELL_LEADING)
        self.body = ParagraphStyle(
            "excellent-body", parent=self.cell, fontSize=BODY_SIZE, leading=LEADING,
            firstLineIndent=2 * BODY_SIZE,
        )  # fmt: skip
        self.right = ParagraphStyle("excellent-right", parent=self.body, alignment=TA_RIGHT,
                                    firstLineIndent=0)  # fmt: skip

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape(text), style or self.body)


def _table(posting: ExcellentList, styles: _Styles) -> Table:
    cell = styles.cell
    data: list[list[Any]] = [list(HEADERS)]
    for number, person in enumerate(posting.people, start=1):
        data.append(
            [
                str(number),
                Paragraph(escape(person.name), cell),
                Paragraph(escape(person.department), cell),
                Paragraph(escape(person.position), cell),
            ]
        )
    style = grid_style(styles.font, CELL_SIZE, CELL_LEADING, 5, 5)
    style.append(("ALIGN", (0, 1), (0, -1), "CENTER"))
    return Table(data, colWidths=list(COLUMNS), style=TableStyle(style), repeatRows=1)


def _contact(styles: _Styles) -> Table:
    """联系人 and 联系电话 with ruled blanks to fill in by hand."""
    return Table(
        [["联系人：", BLANK, "", "联系电话：", BLANK * 2]],
        colWidths=[2 * BODY_SIZE + 16 * mm, 45 * mm, 8 * mm, 24 * mm, 50 * mm],
        hAlign="LEFT",
        style=TableStyle([
            ("FONT", (0, 0), (-1, -1), styles.font, BODY_SIZE, BODY_SIZE + 2),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("LINEBELOW", (1, 0), (1, 0), 0.6, (0, 0, 0)),
            ("LINEBELOW", (4, 0), (4, 0), 0.6, (0, 0, 0)),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("LEFTPADDING", (0, 0), (0, 0), 2 * BODY_SIZE),
        ]),
    )  # fmt: skip


def _title(text: str, font: str) -> BoldLine:
    """A title line, its type shrunk for a bureau name too long for the width."""
    size = min(TITLE_SIZE, TITLE_SIZE * WIDTH / stringWidth(text, font, TITLE_SIZE))
    return BoldLine(text, font, size, WIDTH)


def write_excellent_list_pdf(posting: ExcellentList, path: str | Path, font: PdfFont) -> int:
    """Write the 公示 to `path` (beside it first, renamed when complete); returns the
    number of pages."""
    keep_chinese_punctuation_off_line_starts()
    styles = _Styles(font.name)
    story: list[Flowable] = [
        _title(posting.bureau, font.name),
        Spacer(0, 2 * mm),
        _title(f"{posting.year}年度考核优秀等次拟推荐人选公示", font.name),
        Spacer(0, 8 * mm),
        styles.para(_intro(posting)),
        Spacer(0, 4 * mm),
        _table(posting, styles),
        Spacer(0, 6 * mm),
        KeepTogether(
            [
                styles.para(posting_sentence(posting)),
                styles.para(OBJECTION),
                _contact(styles),
                Spacer(0, 14 * mm),
                styles.para(posting.bureau, styles.right),
                styles.para(day_text(posting.start), styles.right),
            ]
        ),
    ]
    note = "草稿：季度考核尚未全部关闭，人选可能变化" if posting.draft else ""
    furniture = PageFurniture(
        font=font.name, page_width=PAGE[0], page_height=PAGE[1], margin=MARGIN,
        title_baseline=PAGE[1] - TOP / 2, title_size=12, footer_baseline=BOTTOM,
        footer_size=FOOTER_SIZE, footer_note=note, printed_on=posting.printed_on,
    )  # fmt: skip
    return write_numbered_pdf(
        path, story, furniture, top=TOP, frame_bottom=FRAME_BOTTOM,
        frame_height=PAGE[1] - TOP - FRAME_BOTTOM, template="excellent-list",
        title=posting.title(), author=posting.bureau, subject=f"{posting.year}年度考核优秀公示",
    )  # fmt: skip
