"""科室半年考核得分汇总表: the half's department scores as a PDF for the committee and
the file.

A4 landscape (fourteen columns). One table, group by group (a shaded heading row per
组别 with its grade counts, its departments by 组内排名), with 全局排名, the four
categories, 加分, 扣分合计, 一票否决, 总分, 等次, 先进科室 and 备注; then the chart of totals
by group (pdf_score_chart), the scheme in words, and the lines for 制表人, 审核人 and 日期.
Every page repeats the title; the table repeats its header; the footer numbers the
pages (第 x 页 共 y 页) and dates the print.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.reports.pdf_cjk_lines import keep_chinese_punctuation_off_line_starts
from kaohe_desktop.reports.pdf_document import (
    cjk_cell_style,
    grid_style,
    write_numbered_pdf,
)
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_page_numbers import PageFurniture, SectionStart
from kaohe_desktop.reports.pdf_score_chart import chart_parts
from kaohe_desktop.reports.score_sheet_content import ScoreRow, ScoreSheet, yes_no

SUBJECT = "科室半年考核得分汇总表"
TABLE_LABELS = (
    "组内\n排名", "全局\n排名", "科室", "业务工作", "党风廉政", "精神文明", "考勤", "加分",
    "扣分\n合计", "一票\n否决", "总分", "等次", "先进\n科室", "备注",
)  # fmt: skip
SIGNATURE_CELLS = ("制表人：", "", "审核人：", "", "日期：", "年        月        日")
SIGNATURE_BLANK = 130.0  # the most a ruled blank takes

PAGE = landscape(A4)
MARGIN = 12 * mm
TOP = 10 * mm
BOTTOM = 8 * mm
TITLE_SIZE = 15
TITLE_BAND = TITLE_SIZE + 4 * mm
FOOTER_SIZE = 8
FOOTER_BAND = FOOTER_SIZE + 4 * mm
BODY_SIZE = 9
LEADING = 11
PAD_X = 2.5
PAD_Y = 2.0
USABLE_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_BOTTOM = BOTTOM + FOOTER_BAND
FRAME_HEIGHT = PAGE[1] - TOP - TITLE_BAND - FRAME_BOTTOM
# Shares of the width: 科室 holds eight characters (市场秩序稽查大队), the scores
# "1000.00", the two-line headers four characters; 备注 takes the rest.
FRACTIONS = (0.045, 0.045, 0.135, 0.066, 0.066, 0.066, 0.066, 0.058, 0.058, 0.045, 0.07,
             0.045, 0.045)  # fmt: skip
WIDTHS = [f * USABLE_WIDTH for f in FRACTIONS] + [(1 - sum(FRACTIONS)) * USABLE_WIDTH]
NUMBER_COLUMNS = (0, 1, *range(3, 13))  # centred: everything but 科室 and 备注
_GROUP_SHADE = colors.Color(0.88, 0.88, 0.88)
_FLAG_SHADE = colors.Color(0.95, 0.95, 0.95)


def _points(value: Decimal) -> str:
    return f"{value:.2f}"


class _Styles:
    def __init__(self, font: str) -> None:
        self.font = font
        self.cell = cjk_cell_style("score-cell", font, BODY_SIZE, LEADING)
        self.state = ParagraphStyle(
            "score-state", parent=self.cell, fontSize=10, leading=14, spaceAfter=4
        )
        self.heading = ParagraphStyle(
            "score-heading",
            parent=self.cell,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        )
        self.note = ParagraphStyle("score-note", parent=self.cell, fontSize=9, leading=12.5)

    def fitted(self, text: str, width: float) -> str | Paragraph:
        """A plain string when it fits on one line, else a Paragraph that wraps."""
        if stringWidth(text, self.font, BODY_SIZE) <= width - 2 * PAD_X - 1:
            return text
        return Paragraph(escape(text), self.cell)


def _group_line(name: str, rows: tuple[ScoreRow, ...]) -> str:
    counts = Counter(row.grade for row in rows)
    grades = "、".join(
        f"{grade.label} {counts[grade.label]}" for grade in DepartmentGrade if counts[grade.label]
    )
    return f"{name}（{len(rows)} 个科室：{grades}）"


def _row_cells(styles: _Styles, row: ScoreRow) -> list[Any]:
    texts = [
        str(row.rank_in_group), str(row.rank_overall), row.department,
        *(_points(value) for value in row.categories), _points(row.bonus),
        _points(row.deductions_total), yes_no(row.vetoed), _points(row.total), row.grade,
        yes_no(row.advanced), row.remark,
    ]  # fmt: skip
    return [
        styles.fitted(text, WIDTHS[i]) if i in (2, 13) else text for i, text in enumerate(texts)
    ]


def score_table(sheet: ScoreSheet, styles: _Styles) -> Table:
    data: list[list[Any]] = [list(TABLE_LABELS)]
    style = grid_style(styles.font, BODY_SIZE, LEADING, PAD_X, PAD_Y)
    style.append(("ALIGN", (0, 1), (1, -1), "CENTER"))
    style.append(("ALIGN", (3, 1), (12, -1), "CENTER"))
    for group in sheet.groups:
        heading = len(data)
        data.append([_group_line(group.heading, group.rows)] + [""] * (len(WIDTHS) - 1))
        style += [
            ("SPAN", (0, heading), (-1, heading)),
            ("BACKGROUND", (0, heading), (-1, heading), _GROUP_SHADE),
            ("ALIGN", (0, heading), (-1, heading), "LEFT"),
            # A group's name never ends a page alone: it stays with its first department.
            ("NOSPLIT", (0, heading), (-1, heading + 1)),
        ]
        for row in group.rows:
            if row.flagged:
                style.append(("BACKGROUND", (0, len(data)), (-1, len(data)), _FLAG_SHADE))
            data.append(_row_cells(styles, row))
    return Table(data, colWidths=WIDTHS, repeatRows=1, style=TableStyle(style))


def _notes(sheet: ScoreSheet) -> list[str]:
    notes = [
        "全局排名按总分从高到低，组内排名在组别内排列；总分相同者名次并列。",
        # An ASCII minus: the CJK fonts found on Linux have no U+2212.
        "扣分合计 = 满分 - 四类得分之和；总分 = 四类得分 + 加分（可超过满分）。",
    ]
    if any(row.flagged for row in sheet.rows):
        notes.append("底色较浅的行：总分相同且跨越等次名额线，暂按较低等次，待考核委员会裁定。")
    notes += [f"{label}：{text}" for label, text in sheet.rules_lines]
    return notes


def signature_lines(font: str, width: float) -> Table:
    """制表人, 审核人 and 日期, each with a ruled blank to sign or write on, within `width`."""
    labels = [stringWidth(text, font, 11) + 4 for text in SIGNATURE_CELLS[::2]]
    blank = min(SIGNATURE_BLANK, (width - sum(labels)) / 3)
    widths = [w for label in labels for w in (label, blank)]
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 11, 14),
        ("ALIGN", (5, 0), (5, 0), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        *(("LINEBELOW", (i, 0), (i, 0), 0.6, colors.black) for i in (1, 3, 5)),
    ]
    return Table([list(SIGNATURE_CELLS)], colWidths=widths, hAlign="LEFT", style=TableStyle(style))


def _story(sheet: ScoreSheet, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(escape(f"共 {len(sheet.rows)} 个科室。{sheet.state_line()}"), styles.state),
        score_table(sheet, styles),
        Spacer(0, 10),
    ]
    story += [KeepTogether([part]) for part in chart_parts(sheet, USABLE_WIDTH, styles.font)]
    notes: list[Flowable] = [Paragraph("考核方案及说明", styles.heading)]
    notes += [Paragraph(escape(note), styles.note) for note in _notes(sheet)]
    notes += [Spacer(0, 22), signature_lines(styles.font, USABLE_WIDTH)]
    # The scheme and the signatures read together: never a page with the lines alone.
    story.append(KeepTogether(notes))
    return story


def write_score_sheet_pdf(sheet: ScoreSheet, path: str | Path, font: PdfFont) -> int:
    """Write the 汇总表 to `path` (beside it first, renamed when complete); returns the
    number of pages."""
    if not sheet.rows:
        raise ValueError("没有要打印的考核结果")
    keep_chinese_punctuation_off_line_starts()
    styles = _Styles(font.name)
    furniture = PageFurniture(
        font=font.name, page_width=PAGE[0], page_height=PAGE[1], margin=MARGIN,
        title_baseline=PAGE[1] - TOP - TITLE_SIZE * 0.88, title_size=TITLE_SIZE,
        footer_baseline=BOTTOM, footer_size=FOOTER_SIZE, printed_on=sheet.printed_on,
    )  # fmt: skip
    # Every page carries the title (the furniture's running heading).
    story: list[Flowable] = [SectionStart("score-sheet", sheet.half_label, sheet.pdf_title())]
    story += _story(sheet, styles)
    return write_numbered_pdf(
        path, story, furniture, top=TOP, frame_bottom=FRAME_BOTTOM, frame_height=FRAME_HEIGHT,
        template="score-sheet", title=sheet.pdf_title(), author=sheet.bureau, subject=SUBJECT,
    )  # fmt: skip
