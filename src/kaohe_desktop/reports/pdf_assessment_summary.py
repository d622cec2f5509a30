"""平时考核结果汇总表: the quarter's results as a PDF for the file and the leaders (an
internal document, so 不定等次 people and their reason are printed).

A4 portrait. One table per department (序号 / 科室 / 姓名 / 职务 / 人员类别 / 综合得分 / 等次 /
备注) ending in a line that counts each grade and the 好 share; then the bureau summary
(科室 / 考核人数 / 好等次名额 / 实评好人数 / 较好 / 一般 / 较差, 合计) and the grade
distribution chart. Every page repeats the title; a department's table repeats its
header on each page; the footer numbers the pages (pdf_page_numbers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable, PageBreakIfNotEmpty

from kaohe_desktop.reports.pdf_cjk_lines import keep_chinese_punctuation_off_line_starts
from kaohe_desktop.reports.pdf_document import (
    TOTAL_SHADE,
    cjk_cell_style,
    grid_style,
    write_numbered_pdf,
)
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_grade_chart import grade_chart
from kaohe_desktop.reports.pdf_page_numbers import PageFurniture, Progress, SectionStart
from kaohe_desktop.reports.ranking_content import (
    DepartmentSection,
    GradeCounts,
    RankedPerson,
    RankingBook,
)

PEOPLE_LABELS = ("序号", "科室", "姓名", "职务", "人员类别", "综合得分", "等次", "备注")
SUMMARY_LABELS = ("科室", "考核人数", "好等次名额", "实评好人数", "较好", "一般", "较差")
SUMMARY_HEADING = "全局汇总"
TOTAL_LABEL = "合计"
COUNTS_PREFIX = "合计："
NO_QUOTA = "—"

PAGE = A4
MARGIN = 15 * mm
TOP = 11 * mm
BOTTOM = 9 * mm
TITLE_SIZE = 15
TITLE_BAND = TITLE_SIZE + 5 * mm
FOOTER_SIZE = 8
FOOTER_BAND = FOOTER_SIZE + 4 * mm
BODY_SIZE = 9
LEADING = 12
PAD_X = 3.0
PAD_Y = 2.5
USABLE_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_BOTTOM = BOTTOM + FOOTER_BAND
FRAME_HEIGHT = PAGE[1] - TOP - TITLE_BAND - FRAME_BOTTOM
# Shares of the width: 科室 and 人员类别 hold eight characters on a line (市场秩序稽查大队,
# 四级调研员及以上), 职务 党组成员、副局长, 姓名 four, 等次 "不定等次"; 备注 takes the rest.
PEOPLE_FRACTIONS = (0.05, 0.165, 0.085, 0.16, 0.165, 0.085, 0.085, 0.205)
SUMMARY_FRACTIONS = (0.28, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12)
CHART_HEIGHT = 250.0
_WRAPPED = (1, 2, 3, 4, 7)  # the columns whose text may need more than one line


@dataclass(frozen=True)
class _Styles:
    cell: ParagraphStyle
    heading: ParagraphStyle
    note: ParagraphStyle

    @classmethod
    def of(cls, font: str) -> _Styles:
        cell = cjk_cell_style("summary-cell", font, BODY_SIZE, LEADING)
        heading = ParagraphStyle(
            "summary-heading", parent=cell, fontSize=12, leading=16, spaceBefore=8,
            spaceAfter=4, keepWithNext=1,
        )  # fmt: skip
        note = ParagraphStyle("summary-note", parent=cell, fontSize=8.5, leading=11.5)
        return cls(cell, heading, note)


def _composite(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


class _Tables:
    def __init__(self, font: str) -> None:
        self.font = font
        self.styles = _Styles.of(font)
        self.people_widths = [f * USABLE_WIDTH for f in PEOPLE_FRACTIONS]
        self.summary_widths = [f * USABLE_WIDTH for f in SUMMARY_FRACTIONS]

    def _cell(self, text: str, width: float) -> str | Paragraph:
        """A plain string when it fits on one line (fast, and a 10,000-person file has
        80,000 cells), else a Paragraph breaking between characters."""
        if stringWidth(text, self.font, BODY_SIZE) <= width - 2 * PAD_X - 1:
            return text
        return Paragraph(escape(text), self.styles.cell)

    def _style(self) -> list[tuple[Any, ...]]:
        return grid_style(self.font, BODY_SIZE, LEADING, PAD_X, PAD_Y)

    def people(self, section: DepartmentSection) -> Table:
        widths = self.people_widths
        data: list[list[Any]] = [list(PEOPLE_LABELS)]
        for seq, person in enumerate(section.people, start=1):
            data.append(self._person_row(seq, person))
        data.append([Paragraph(escape(COUNTS_PREFIX + section.counts.counts_line()),
                               self.styles.cell)] + [""] * (len(widths) - 1))  # fmt: skip
        style = self._style()
        style += [
            ("ALIGN", (0, 1), (0, -1), "CENTER"),  # 序号
            ("ALIGN", (5, 1), (6, -1), "CENTER"),  # 综合得分, 等次
            ("SPAN", (0, len(data) - 1), (-1, len(data) - 1)),  # the counts line
            ("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), TOTAL_SHADE),
        ]
        return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style))

    def _person_row(self, seq: int, person: RankedPerson) -> list[Any]:
        texts = [
            str(seq), person.department, person.name, person.position, person.category,
            _composite(person.composite), person.grade, person.remark,
        ]  # fmt: skip
        return [
            self._cell(text, self.people_widths[i]) if i in _WRAPPED else text
            for i, text in enumerate(texts)
        ]

    def summary(self, book: RankingBook) -> Table:
        data: list[list[Any]] = [list(SUMMARY_LABELS)]
        for section in book.departments:
            data.append(self._summary_row(section.name, section.counts))
        data.append(self._summary_row(TOTAL_LABEL, book.total))
        style = self._style()
        style += [
            ("ALIGN", (1, 1), (-1, -1), "CENTER"),
            ("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), TOTAL_SHADE),
            ("LINEABOVE", (0, len(data) - 1), (-1, len(data) - 1), 1.0, colors.black),
        ]
        return Table(data, colWidths=self.summary_widths, repeatRows=1, style=TableStyle(style))

    def _summary_row(self, name: str, counts: GradeCounts) -> list[Any]:
        quota = NO_QUOTA if counts.quota is None else str(counts.quota)
        values = (counts.participants, counts.good, counts.fairly_good, counts.average,
                  counts.poor)  # fmt: skip
        first, good, *rest = (str(v) for v in values)
        return [self._cell(name, self.summary_widths[0]), first, quota, good, *rest]


def _summary_notes(book: RankingBook) -> list[str]:
    notes = []
    if book.total.unscored:
        notes.append(f"草稿：尚有 {book.total.unscored} 人未评分，等次和名额使用情况可能变化。")
    if book.per_department_quota:
        notes.append("好等次名额按科室分别计算。")
    else:
        notes.append(
            f"好等次名额全局统一计算：参加考核 {book.total.participants} 人，"
            f"名额 {book.total.quota} 人，已用 {book.total.used} 人；各科室不单列名额。"
        )
    notes.append("考核人数不含不定等次人员。")
    notes += [f"{label}：{text}" for label, text in book.rules_lines]
    return notes


def _story(
    book: RankingBook, tables: _Tables, on_section: Callable[[int, int], None] | None
) -> list[Flowable]:
    styles = tables.styles
    title = book.summary_title()
    total = len(book.departments) + 1
    story: list[Flowable] = []
    for index, section in enumerate(book.departments, start=1):
        story.append(SectionStart(f"department-{index}", section.name, title))
        story.append(Paragraph(escape(section.name), styles.heading))
        story.append(tables.people(section))
        if on_section is not None:
            story.append(Progress(on_section, index, total))
    # The bureau's overview on a page of its own: the table and the chart read together.
    story.append(PageBreakIfNotEmpty())
    story.append(SectionStart("summary", SUMMARY_HEADING, title))
    story.append(Paragraph(SUMMARY_HEADING, styles.heading))
    story.append(tables.summary(book))
    story.append(Spacer(0, 4))
    story += [Paragraph(escape(note), styles.note) for note in _summary_notes(book)]
    story.append(Spacer(0, 10))
    chart = grade_chart(book.departments, USABLE_WIDTH, CHART_HEIGHT, tables.font)
    story.append(KeepTogether([chart]))
    if on_section is not None:
        story.append(Progress(on_section, total, total))
    return story


def write_assessment_summary(
    book: RankingBook,
    path: str | Path,
    font: PdfFont,
    *,
    on_section: Callable[[int, int], None] | None = None,
) -> int:
    """Write the 汇总表 to `path` (beside it first, renamed when complete); returns the
    number of pages. `on_section(done, total)` is called as each department and then
    the summary is laid out; whatever it raises stops the write and leaves no file."""
    if not book.departments:
        raise ValueError("没有要打印的考核结果")
    keep_chinese_punctuation_off_line_starts()
    tables = _Tables(font.name)
    story = _story(book, tables, on_section)
    furniture = PageFurniture(
        font=font.name, page_width=PAGE[0], page_height=PAGE[1], margin=MARGIN,
        title_baseline=PAGE[1] - TOP - TITLE_SIZE * 0.88, title_size=TITLE_SIZE,
        footer_baseline=BOTTOM, footer_size=FOOTER_SIZE, printed_on=book.printed_on,
    )  # fmt: skip
    return write_numbered_pdf(
        path, story, furniture, top=TOP, frame_bottom=FRAME_BOTTOM, frame_height=FRAME_HEIGHT,
        template="summary", title=book.summary_title(), author=book.bureau,
        subject="平时考核结果汇总表",
    )  # fmt: skip
