"""The printed 人员档案 (一人一档) as a PDF, drawn with reportlab (DESIGN.md §6).

A4 portrait under the running title "{单位} 人员档案". Each person starts a new page
with a heading "{姓名}（{编号}）" and a bookmark of that name; the pages that continue a
person name them in the footer. A section holds the basic details as a ruled grid,
then 任职科室经历, 平时考核 with the 综合得分 chart, 年度考核, 奖励, 处分·组织处理,
谈心谈话 and 点评, each a ruled table whose header repeats on every page (an empty one
says 无). The footer numbers the pages over the whole file (第 x 页 共 y 页) and gives
the print date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable, PageBreakIfNotEmpty

from kaohe_desktop.reports.archive_content import (
    ARCHIVE_SUBJECT,
    NONE_TEXT,
    OPEN_MARK,
    ArchiveBook,
    PersonArchiveContent,
)
from kaohe_desktop.reports.pdf_archive_chart import composite_chart
from kaohe_desktop.reports.pdf_cjk_lines import keep_chinese_punctuation_off_line_starts
from kaohe_desktop.reports.pdf_document import (
    HEADER_SHADE,
    cjk_cell_style,
    grid_style,
    write_numbered_pdf,
)
from kaohe_desktop.reports.pdf_fonts import PdfFont
from kaohe_desktop.reports.pdf_page_numbers import (
    NumberedCanvas,
    PageFurniture,
    Progress,
    SectionStart,
)

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
CHART_HEIGHT = 125.0
CURRENT = "至今"
CONTINUED = "（续）"  # after the person's name on the pages that continue a section
CHART_SKIPPED = "综合得分不足两个季度，不绘制走势图。"
CHART_HEADING = "综合得分走势"

# Each table: its section heading, its column labels and their shares of the width.
STINTS = ("任职科室经历", ("科室", "起", "止"), (0.5, 0.25, 0.25))
QUARTERS = (
    "平时考核",
    ("季度", "科室", "实绩分", "领导测评分", "点评", "综合得分", "等次", "类别内排名"),
    (0.15, 0.17, 0.085, 0.105, 0.075, 0.095, 0.215, 0.105),
)
ANNUAL = ("年度考核", ("年度", "等次", "好次数", "优秀资格", "限制情形"),
          (0.1, 0.16, 0.09, 0.1, 0.55))  # fmt: skip
REWARDS = ("奖励", ("日期", "类型", "文号", "事由"), (0.13, 0.17, 0.22, 0.48))
DISCIPLINES = (
    "处分·组织处理",
    ("日期", "类型", "文号", "事由", "影响期至", "影响"),
    (0.13, 0.11, 0.18, 0.22, 0.13, 0.23),
)
TALKS = ("谈心谈话", ("日期", "谈话人", "类型", "内容摘要"), (0.13, 0.12, 0.17, 0.58))
COMMENTS = ("点评", ("日期", "类型", "分值", "内容"), (0.13, 0.1, 0.09, 0.68))
DETAILS_HEADING = "基本情况"
# The basic details grid: label | value, three pairs to a row.
DETAIL_PAIRS = 3
DETAIL_FRACTIONS = (0.12, 0.2133, 0.12, 0.2133, 0.12, 0.2134)


def day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def score(value: Decimal | None) -> str:
    """A score as entered: 86.5, 90 (no trailing zeros)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def composite(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def points(value: Decimal) -> str:
    """点评 points with their sign: +2, -1.5, 0."""
    return "0" if value == 0 else ("+" if value > 0 else "") + score(value)


class _ArchiveCanvas(NumberedCanvas):
    """Names the person in the footer of every page that continues a section, so a
    loose page of a department's print is still known to be whose."""

    def __init__(self, *args: Any, furniture: PageFurniture, **kwargs: Any) -> None:
        super().__init__(*args, furniture=furniture, **kwargs)
        self._font_name = furniture.font
        self._person = ""
        self._first_page = False  # the page holds the section's heading

    def start_section(self, key: str, outline_title: str, heading: str) -> None:
        super().start_section(key, outline_title, heading)
        self._person, self._first_page = outline_title, True

    def showPage(self) -> None:
        if self._person and not self._first_page:
            self.saveState()
            self.setFont(self._font_name, FOOTER_SIZE)
            self.setFillGray(0)
            # At the footer's left, which nothing else uses: clear of a long title.
            self.drawString(MARGIN, BOTTOM, self._person + CONTINUED)
            self.restoreState()
        self._first_page = False
        super().showPage()


@dataclass(frozen=True)
class _Styles:
    cell: ParagraphStyle
    person: ParagraphStyle
    heading: ParagraphStyle
    note: ParagraphStyle

    @classmethod
    def of(cls, font: str) -> _Styles:
        cell = cjk_cell_style("archive-cell", font, BODY_SIZE, LEADING)
        person = ParagraphStyle(
            "archive-person", parent=cell, fontSize=14, leading=18, spaceAfter=4, keepWithNext=1
        )
        heading = ParagraphStyle(
            "archive-heading", parent=cell, fontSize=11, leading=15, spaceBefore=7,
            spaceAfter=3, keepWithNext=1,
        )  # fmt: skip
        note = ParagraphStyle("archive-note", parent=cell, leading=13)
        return cls(cell, person, heading, note)


Spec = tuple[str, tuple[str, ...], tuple[float, ...]]


class _Tables:
    def __init__(self, font: str) -> None:
        self.font = font
        self.styles = _Styles.of(font)

    def cell(self, text: str, width: float) -> str | Paragraph:
        """A plain string when it fits on one line (fast: a department prints thousands
        of cells), else a Paragraph breaking between characters."""
        if "\n" not in text and stringWidth(text, self.font, BODY_SIZE) <= width - 2 * PAD_X - 1:
            return text
        return Paragraph(escape(text).replace("\n", "<br/>"), self.styles.cell)

    def heading(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.styles.heading)

    def ruled(
        self, spec: Spec, rows: Sequence[Sequence[str]], centred: Sequence[int]
    ) -> list[Flowable]:
        """A section: its heading, then its table, or 无 when it has no rows."""
        title, labels, fractions = spec
        if not rows:
            return [self.heading(title), Paragraph(NONE_TEXT, self.styles.note)]
        widths = [f * USABLE_WIDTH for f in fractions]
        data: list[list[Any]] = [list(labels)]
        data += [[self.cell(text, w) for text, w in zip(row, widths, strict=True)] for row in rows]
        style = grid_style(self.font, BODY_SIZE, LEADING, PAD_X, PAD_Y)
        style += [("ALIGN", (c, 1), (c, -1), "CENTER") for c in centred]
        table = Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style))
        return [self.heading(title), table]

    def details(self, person: PersonArchiveContent) -> list[Flowable]:
        widths = [f * USABLE_WIDTH for f in DETAIL_FRACTIONS]
        fields = list(person.details)
        data: list[list[Any]] = []
        style = grid_style(self.font, BODY_SIZE, LEADING, PAD_X, PAD_Y)
        style = [command for command in style if command[0] not in ("BACKGROUND", "ALIGN")]
        for start in range(0, len(fields), DETAIL_PAIRS):
            row: list[Any] = []
            for field in fields[start : start + DETAIL_PAIRS]:
                row += [field.label, self.cell(field.value, widths[len(row) + 1])]
            data.append(row + [""] * (len(widths) - len(row)))
        for column in range(0, len(widths), 2):
            style.append(("BACKGROUND", (column, 0), (column, -1), HEADER_SHADE))
            style.append(("ALIGN", (column, 0), (column, -1), "CENTER"))
        table = Table(data, colWidths=widths, style=TableStyle(style))
        return [self.heading(DETAILS_HEADING), table]


def _quarter_rows(person: PersonArchiveContent) -> list[list[str]]:
    rows = []
    for q in person.quarters:
        label = q.label if q.closed else f"{q.label}\n（{OPEN_MARK}）"
        grade = f"{q.grade}（{q.grade_note}）" if q.grade_note else q.grade
        rows.append([
            label, q.department, score(q.performance), score(q.leader), points(q.comment_points),
            composite(q.composite), grade, "" if q.rank is None else str(q.rank),
        ])  # fmt: skip
    return rows


def _annual_rows(person: PersonArchiveContent) -> list[list[str]]:
    rows = []
    for a in person.annual:
        grade = f"{a.grade}（{a.grade_note}）" if a.grade_note else a.grade
        grade = grade if a.closed else f"{grade}\n（{OPEN_MARK}）"
        eligible = "是" if a.eligible else "否"
        rows.append([f"{a.year}年", grade, str(a.good_count), eligible, a.limits])
    return rows


def _chart(person: PersonArchiveContent, tables: _Tables) -> list[Flowable]:
    heading = tables.heading(CHART_HEADING)
    if len(person.chart) < 2:
        return [heading, Paragraph(CHART_SKIPPED, tables.styles.note)]
    drawing = composite_chart(person.chart, USABLE_WIDTH, CHART_HEIGHT, tables.font)
    return [KeepTogether([heading, drawing])]


def _section(person: PersonArchiveContent, tables: _Tables) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(escape(person.heading()), tables.styles.person)]
    story += tables.details(person)
    stints = [[s.department, day(s.start), day(s.end) or CURRENT] for s in person.stints]
    story += tables.ruled(STINTS, stints, (1, 2))
    story += tables.ruled(QUARTERS, _quarter_rows(person), (2, 3, 4, 5, 7))
    if person.quarters:
        story += _chart(person, tables)
    story += tables.ruled(ANNUAL, _annual_rows(person), (0, 2, 3))
    rewards = [[day(r.on), r.type, r.doc_no, r.reason] for r in person.commendations]
    story += tables.ruled(REWARDS, rewards, (0,))
    disciplines = [
        [day(d.on), d.type, d.doc_no, d.reason, day(d.impact_until), d.effects]
        for d in person.disciplines
    ]
    story += tables.ruled(DISCIPLINES, disciplines, (0, 4))
    talks = [[day(t.on), t.talker, t.kind, t.summary] for t in person.talks]
    story += tables.ruled(TALKS, talks, (0,))
    comments = [[day(c.on), c.kind, points(c.points), c.text] for c in person.comments]
    story += tables.ruled(COMMENTS, comments, (0, 2))
    return story


def _story(
    book: ArchiveBook, tables: _Tables, on_person: Callable[[int, int], None] | None
) -> list[Flowable]:
    story: list[Flowable] = []
    total = len(book.people)
    for index, person in enumerate(book.people, start=1):
        if index > 1:
            story.append(PageBreakIfNotEmpty())
        story.append(SectionStart(f"person-{index}", person.heading(), book.title()))
        story += _section(person, tables)
        story.append(Spacer(0, 1))
        if on_person is not None:
            story.append(Progress(on_person, index, total))
    return story


def write_archive_pdf(
    book: ArchiveBook,
    path: str | Path,
    font: PdfFont,
    *,
    on_person: Callable[[int, int], None] | None = None,
) -> int:
    """Write the archives of `book` to `path` (beside it first, renamed when complete);
    returns the number of pages. `on_person(done, total)` is called as each person is
    laid out; whatever it raises stops the write and leaves no file."""
    if not book.people:
        raise ValueError("没有要打印的人员档案")
    keep_chinese_punctuation_off_line_starts()
    tables = _Tables(font.name)
    story = _story(book, tables, on_person)
    furniture = PageFurniture(
        font=font.name, page_width=PAGE[0], page_height=PAGE[1], margin=MARGIN,
        title_baseline=PAGE[1] - TOP - TITLE_SIZE * 0.88, title_size=TITLE_SIZE,
        footer_baseline=BOTTOM, footer_size=FOOTER_SIZE, printed_on=book.printed_on,
    )  # fmt: skip
    only = book.people[0] if len(book.people) == 1 else None
    title = book.title() + (f" {only.heading()}" if only else f" {book.department or ''}")
    return write_numbered_pdf(
        path, story, furniture, top=TOP, frame_bottom=FRAME_BOTTOM, frame_height=FRAME_HEIGHT,
        template="archive", title=title.strip(), author=book.bureau, subject=ARCHIVE_SUBJECT,
        canvas_class=_ArchiveCanvas,
    )  # fmt: skip
