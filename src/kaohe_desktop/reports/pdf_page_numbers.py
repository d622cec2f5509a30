"""Page furniture drawn once the page count is known: the running title, 第 x 页 共 y 页,
the print date and the bookmarks.

"共 y 页" is only known when the last page is laid out, so the canvas keeps every
page until save() and then draws the furniture on each one (the usual reportlab
NumberedCanvas recipe). The pages are numbered over the whole file, or, for a file of
separate sheets such as one wall chart per department, within each section, whose
second and later pages may also say so after the title (（续表）). Bookmarks are
deferred in the same way: a bookmark names the page by the document's page counter,
which only moves when a page is really written, so bookmarking while the pages are
held back would point every entry at page 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable


@dataclass(frozen=True)
class PageFurniture:
    """Where and how the running title and the footer go on every page."""

    font: str  # a font name registered with reportlab
    page_width: float
    page_height: float
    margin: float  # left and right
    title_baseline: float  # from the page bottom
    title_size: float
    footer_baseline: float
    footer_size: float
    footer_note: str = ""  # printed at the left of the footer, e.g. what ★ means
    printed_on: date | None = None
    # What the date at the right is: a document reprinted unchanged (a 通报 edition)
    # carries the day it was made, not the day it was printed.
    date_caption: str = "打印日期"
    # Number the pages within each section (SectionStart) rather than over the file:
    # a department cuts its own chart out of a bureau-wide print run.
    number_by_section: bool = False
    # Put after the running title on a section's second and later pages, e.g. （续表）.
    continued_heading: str = ""


def page_label(page: int, total: int) -> str:
    return f"第 {page} 页 共 {total} 页"


def date_label(day: date, caption: str = "打印日期") -> str:
    return f"{caption}：{day.year}年{day.month}月{day.day}日"


class NumberedCanvas(Canvas):
    """A canvas that holds its pages back until save() to number them "of y"."""

    def __init__(self, *args: Any, furniture: PageFurniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held_pages: list[dict[str, Any]] = []
        self._heading = ""  # carried over from page to page until a new section starts
        self._section_number = 0  # the section the page belongs to (0: before any)
        self._sections: list[tuple[str, str]] = []  # (key, outline title) starting here

    @property
    def page_count(self) -> int:
        return len(self._held_pages)

    def start_section(self, key: str, outline_title: str, heading: str) -> None:
        """From here on the pages carry `heading`; the outline gets an entry for this page."""
        self._heading = heading
        self._section_number += 1
        self._sections.append((key, outline_title))

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # Canvas's own, not in types-reportlab
        self._sections = []  # a fresh list: the held page keeps its own

    def save(self) -> None:
        sections = 0
        for state, (number, total, continued) in zip(
            self._held_pages, self._page_numbers(), strict=True
        ):
            self.__dict__.update(state)
            for key, title in self._sections:
                self.bookmarkPage(key)
                self.addOutlineEntry(title, key, level=0)
                sections += 1
            self._draw_furniture(number, total, continued)
            Canvas.showPage(self)
        if sections > 1:  # open the reader's bookmark panel when there is a choice
            self.showOutline()
        Canvas.save(self)

    def _page_numbers(self) -> list[tuple[int, int, bool]]:
        """Per held page: x and y of 第 x 页 共 y 页, and whether it continues its section."""
        owners = [state["_section_number"] for state in self._held_pages]
        totals = Counter(owners)
        seen: Counter[int] = Counter()
        numbers = []
        for number, owner in enumerate(owners, start=1):
            seen[owner] += 1
            continued = seen[owner] > 1
            if self._furniture.number_by_section:
                numbers.append((seen[owner], totals[owner], continued))
            else:
                numbers.append((number, len(owners), continued))
        return numbers

    def _draw_furniture(self, page: int, total: int, continued: bool) -> None:
        f = self._furniture
        self.saveState()
        if self._heading:
            self._draw_heading(self._heading + (f.continued_heading if continued else ""))
        self.setFont(f.font, f.footer_size)
        self.setFillGray(0)
        self.drawCentredString(f.page_width / 2, f.footer_baseline, page_label(page, total))
        if f.printed_on is not None:
            right = f.page_width - f.margin
            self.drawRightString(right, f.footer_baseline, date_label(f.printed_on, f.date_caption))
        if f.footer_note:
            self.drawString(f.margin, f.footer_baseline, f.footer_note)
        self.restoreState()

    def _draw_heading(self, heading: str) -> None:
        f = self._furniture
        usable = f.page_width - 2 * f.margin
        size = f.title_size
        width = stringWidth(heading, f.font, size)
        if width > usable:  # a very long bureau name: shrink rather than run off the sheet
            size = size * usable / width
            width = stringWidth(heading, f.font, size)
        # There is no bold CJK face to embed; fill-and-stroke rendering thickens the
        # strokes of whatever font is in use, which also survives a black-and-white printer.
        # The render mode outlives the text object: keep it to the title.
        self.saveState()
        text = self.beginText()
        text.setFont(f.font, size)
        text.setTextRenderMode(2)
        self.setLineWidth(size * 0.03)
        self.setStrokeGray(0)
        text.setTextOrigin((f.page_width - width) / 2, f.title_baseline)
        text.textOut(heading)
        self.drawText(text)
        self.restoreState()


class SectionStart(Flowable):
    """Zero-size marker at the top of a section's first page: its bookmark and the
    running title of its pages (NumberedCanvas.start_section)."""

    _ZEROSIZE = True  # fits even when the frame is full, so it never opens a page of its own

    def __init__(self, key: str, outline_title: str, heading: str) -> None:
        super().__init__()
        self._key, self._outline_title, self._heading = key, outline_title, heading

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, NumberedCanvas):
            canvas.start_section(self._key, self._outline_title, self._heading)


class Progress(Flowable):
    """Zero-size marker after a section: calls report(done, total) once it is laid out;
    whatever report raises stops the build."""

    _ZEROSIZE = True

    def __init__(self, report: Callable[[int, int], None], done: int, total: int) -> None:
        super().__init__()
        self._report, self._done, self._total = report, done, total

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self._report(self._done, self._total)
