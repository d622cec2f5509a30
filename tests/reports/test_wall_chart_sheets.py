"""The wall chart cut into sheets before layout: the same pages reportlab's own split of
one long table gave (which recomputed its spans over all remaining rows at every try)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from reportlab.platypus import Table
from tests.reports.test_pdf_wall_chart import _awkward_chart, _chart, _row

from kaohe_desktop.reports.pdf_cjk_cell import TextCell
from kaohe_desktop.reports.pdf_fonts import PdfFont, find_cjk_font
from kaohe_desktop.reports.pdf_wall_chart import _Sheet, column_edges
from kaohe_desktop.reports.pdf_wall_chart_layout import LAYOUTS
from kaohe_desktop.reports.wall_chart_content import Paper, WallChart


@pytest.fixture(scope="module")
def font() -> PdfFont:
    return find_cjk_font()


def _charts() -> list[WallChart]:
    long_row = _row(99, "超长任务", target="很长的目标要求，" * 150)
    huge = _row(7, "超长任务", key=True, target="".join(f"第{i}条要求。" for i in range(1, 901)))
    mixed = tuple(
        _row(i, "任务" + "很长的标题" * (i % 5), key=i % 3 == 0, target="按时完成" * (i % 7))
        for i in range(1, 60)
    )
    return [
        WallChart("餐饮服务监管科", (*_awkward_chart().rows, long_row)),
        WallChart("稽查大队", (_row(1, "短任务"), huge, _row(8, "后面的任务"))),
        WallChart("办公室", mixed),
        _chart("食品生产监管科", 40),
    ]


def _split_by_reportlab(sheet: _Sheet, rows: list[list[object]], heights: list[float]) -> list[int]:
    """Rows per page as reportlab's Table.split cuts one table of them all."""
    width = sum(sheet.widths)
    table: Table = sheet._new_table(sheet._header() + rows, [*sheet.header_heights, *heights],
                                    sheet._style())  # fmt: skip
    counts = []
    while True:
        if table.wrap(width, sheet.room)[1] <= sheet.room:
            return [*counts, table._nrows - 2]  # type: ignore[attr-defined]
        first, rest = table.split(width, sheet.room)
        counts.append(first._nrows - 2)  # type: ignore[attr-defined]
        table = rest  # type: ignore[assignment]


@pytest.mark.parametrize("paper", [Paper.A3, Paper.A4])
@pytest.mark.parametrize("blank", [False, True])
def test_sheets_hold_the_rows_reportlabs_split_put_on_each_page(
    font: PdfFont, paper: Paper, blank: bool
) -> None:
    edges = column_edges(paper, blank=blank)
    sheet = _Sheet(LAYOUTS[paper], font, blank, [b - a for a, b in pairwise(edges)])
    for chart in _charts():
        rows = [piece for row in chart.rows for piece in sheet._pieces(row)]
        pages = sheet._pages(rows)
        expected = _split_by_reportlab(sheet, [r.cells for r in rows], [r.height for r in rows])
        assert [len(page) for page in pages] == expected, chart.department
        assert sum(expected) == len(rows) and len(pages) > 1


def test_one_table_per_sheet_with_a_page_break_between(font: PdfFont) -> None:
    edges = column_edges(Paper.A4, blank=True)
    sheet = _Sheet(LAYOUTS[Paper.A4], font, True, [b - a for a, b in pairwise(edges)])
    story = sheet.sheets(_chart("稽查大队", 24))
    tables = [flowable for flowable in story if isinstance(flowable, Table)]
    assert len(tables) >= 3 and len(story) == 2 * len(tables) - 1
    titles = [
        cell.text
        for table in tables
        for cell in (row[1] for row in table._cellvalues[2:])  # type: ignore[attr-defined]
        if isinstance(cell, TextCell)
    ]
    assert titles == [f"稽查大队任务{i}号" for i in range(1, 25)]
