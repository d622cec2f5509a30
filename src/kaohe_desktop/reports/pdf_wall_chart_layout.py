"""The wall chart's paper: page, margins, type sizes, row heights and column widths for
landscape A3 and A4 (pdf_wall_chart lays the chart out on it)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm

from kaohe_desktop.reports.wall_chart_content import Paper


@dataclass(frozen=True)
class Layout:
    page: tuple[float, float]
    margin: float  # left and right
    top: float
    bottom: float
    title_size: float
    title_band: float  # the title and the gap under it
    footer_size: float
    footer_band: float
    body_size: float
    leading: float
    pad_x: float
    pad_y: float
    blank_row: float  # about three hand-written lines
    blank_key_row: float  # a key task: one hand-written line for each month of the quarter
    month_label_size: float  # 1月 … 12月 at the head of each month's line
    filled_row: float
    guide_gap: float  # between the dotted writing lines in the blank quarters
    # Share of the usable width per column. The left part gets what its text needs:
    # 序号, 类别 ("重点工作"), 牵头科室 (a seven-character name such as 食品生产监管科),
    # 完成时限 ("2026-06-30") and 分值 on one line; the task and its requirements wrap.
    # The quarters get the room for a hand-written sentence or two.
    fractions: tuple[float, ...]
    # Filled, the quarters carry printed sentences (a key task has one per month): they
    # take room from 工作任务 and 目标要求, so rows stay about a third shorter.
    filled_fractions: tuple[float, ...]

    @property
    def usable_width(self) -> float:
        return self.page[0] - 2 * self.margin

    @property
    def frame_bottom(self) -> float:
        return self.bottom + self.footer_band

    @property
    def frame_height(self) -> float:
        return self.page[1] - self.top - self.title_band - self.frame_bottom


LAYOUTS = {
    Paper.A3: Layout(
        page=landscape(A3), margin=12 * mm, top=10 * mm, bottom=8 * mm,
        title_size=20, title_band=20 + 6 * mm, footer_size=9, footer_band=9 + 3 * mm,
        body_size=10.5, leading=14.5, pad_x=4, pad_y=3.5,
        blank_row=24 * mm, blank_key_row=30 * mm, month_label_size=7.5,
        filled_row=11 * mm, guide_gap=8 * mm,
        fractions=(0.028, 0.135, 0.180, 0.047, 0.075, 0.062, 0.030,
                   0.081, 0.081, 0.081, 0.081, 0.052, 0.067),
        filled_fractions=(0.028, 0.110, 0.140, 0.047, 0.075, 0.062, 0.030,
                          0.104, 0.104, 0.104, 0.104, 0.042, 0.050),
    ),
    Paper.A4: Layout(
        page=landscape(A4), margin=9 * mm, top=7 * mm, bottom=6 * mm,
        title_size=15, title_band=15 + 4 * mm, footer_size=7.5, footer_band=7.5 + 2.5 * mm,
        body_size=8.5, leading=11.5, pad_x=3, pad_y=2.5,
        blank_row=17 * mm, blank_key_row=21 * mm, month_label_size=6,
        filled_row=8 * mm, guide_gap=5.6 * mm,
        # The type is larger for the sheet's width than on A3: the fixed columns take more.
        fractions=(0.031, 0.130, 0.165, 0.052, 0.086, 0.072, 0.031,
                   0.078, 0.078, 0.078, 0.078, 0.054, 0.067),
        filled_fractions=(0.031, 0.105, 0.125, 0.052, 0.086, 0.072, 0.031,
                          0.098, 0.098, 0.098, 0.098, 0.050, 0.056),
    ),
}  # fmt: skip


def page_size(paper: Paper) -> tuple[float, float]:
    """Width and height of the (landscape) sheet in points."""
    return LAYOUTS[paper].page


def column_edges(paper: Paper, *, blank: bool = True) -> list[float]:
    """x of every column rule on the page, left to right (len(COLUMN_LABELS) + 1 values)."""
    layout = LAYOUTS[paper]
    edges = [layout.margin]
    for fraction in layout.fractions if blank else layout.filled_fractions:
        edges.append(edges[-1] + fraction * layout.usable_width)
    return edges
