"""What every ruled, page-numbered PDF of the app shares: the grid table look, the CJK
cell style and the build (one frame under the running title, the page furniture drawn
once the page count is known, written beside the target and renamed when complete).

The 汇总表, the 通报, the 督办单 and the 局领导抽查清单 use it; each keeps its own page
geometry, columns and story.

A cell of plain text (no markup) can be a pdf_cjk_cell.TextCell instead of a Paragraph
in cjk_cell_style: the same lines in the same places, without the markup parser, and
its lines cached per text and width (the wall chart's 30,000 cells use it).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable

from kaohe_desktop.reports.file_output import written_beside
from kaohe_desktop.reports.pdf_page_numbers import NumberedCanvas, PageFurniture

HEADER_SHADE = colors.Color(0.85, 0.85, 0.85)  # a table's header row
TOTAL_SHADE = colors.Color(0.93, 0.93, 0.93)  # a 合计 line
CREATOR = "考核台账"


def cjk_cell_style(name: str, font: str, size: float, leading: float) -> ParagraphStyle:
    """Left-aligned text that breaks between Chinese characters."""
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", alignment=TA_LEFT
    )


def grid_style(
    font: str, size: float, leading: float, pad_x: float, pad_y: float
) -> list[tuple[Any, ...]]:
    """A ruled table: thin grid, heavier box, a shaded and centred header row, cells
    centred vertically. Callers add their own column alignments and shading."""
    return [
        ("FONT", (0, 0), (-1, -1), font, size, leading),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_SHADE),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
    ]


def write_numbered_pdf(
    path: str | Path,
    story: list[Flowable],
    furniture: PageFurniture,
    *,
    top: float,
    frame_bottom: float,
    frame_height: float,
    template: str,
    title: str,
    author: str,
    subject: str,
    made_at: datetime | None = None,
    canvas_class: type[NumberedCanvas] = NumberedCanvas,
) -> int:
    """Lay `story` out in one frame per page (the page size and side margins are the
    furniture's) and write it to `path` (beside it first, renamed when complete);
    returns the number of pages.

    `made_at` is for a document reprinted unchanged (a 通报 edition): the PDF then
    carries that moment as its creation date and reportlab runs in invariant mode, so
    the same story gives the same bytes. `canvas_class` may add to the page furniture
    (the archive names the person on the pages that continue a section)."""
    page = (furniture.page_width, furniture.page_height)
    margin = furniture.margin
    canvases: list[NumberedCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        canvas = canvas_class(*args, furniture=furniture, **kwargs)
        if made_at is not None:
            canvas.setDateFormatter(lambda *_: f"D:{made_at:%Y%m%d%H%M%S}")
        canvases.append(canvas)
        return canvas

    with written_beside(Path(path), ".partial.pdf") as partial:
        doc = BaseDocTemplate(
            str(partial), pagesize=page, leftMargin=margin, rightMargin=margin,
            topMargin=top, bottomMargin=furniture.footer_baseline,  # the frame sets the page
            title=title,
            author=author, subject=subject, creator=CREATOR,
            initialFontName=furniture.font,  # else every page also names Helvetica
            invariant=1 if made_at is not None else None,
        )  # fmt: skip
        frame = Frame(
            margin, frame_bottom, page[0] - 2 * margin, frame_height,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=template,
        )  # fmt: skip
        doc.addPageTemplates([PageTemplate(id=template, frames=[frame])])
        doc.build(story, canvasmaker=make_canvas)
    return canvases[-1].page_count
