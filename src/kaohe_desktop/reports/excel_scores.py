"""ScoreSheet → the 半年考核 score workbook (DESIGN.md §7, `kaohe scores --half`): sheet
科室得分 (the departments by rank, exactly the columns of §7) and sheet 明细 (every source
of every point); YearSheet → the 年底算账 workbook (`kaohe scores --year`), sheet 年度得分.

Scores are numbers (two decimals shown), so Excel sorts and sums them; 一票否决 and 先进科室
are 是/否. In 明细 the 分值 of one department's lines add up to its 总分: each scored
category starts from a 满分 line, deductions are negative, bonuses positive, and a line
that does not count (a 文号 already counted at a higher level, a deduction below 0, a
bonus over the cap) shows its effect and says why in 备注.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from kaohe_desktop.reports.excel_exchange_writer import discard_workbook
from kaohe_desktop.reports.excel_sheet_layout import (
    HEADER_ROW,
    LINE_HEIGHT,
    Sheet,
    StyledCells,
    header_row,
    lay_out,
    note_rows,
    title_rows,
    wrapped_lines,
)
from kaohe_desktop.reports.file_output import written_beside
from kaohe_desktop.reports.score_sheet_content import (
    ScoreRow,
    ScoreSheet,
    SourceLine,
    yes_no,
)
from kaohe_desktop.reports.year_score_content import YearRow, YearSheet

SCORES_SHEET = "科室得分"
DETAIL_SHEET = "明细"
YEAR_SHEET = "年度得分"
SCORE_HEADERS = (
    "排名", "科室", "组别", "业务工作", "党风廉政", "精神文明", "考勤", "加分", "扣分合计",
    "一票否决", "总分", "等次", "先进科室",
)  # fmt: skip
DETAIL_HEADERS = (
    "科室", "类别", "来源", "任务或事由", "期间", "完成情况", "分值", "依据文号", "备注",
)  # fmt: skip
YEAR_HEADERS = ("排名", "科室", "组别", "上半年", "下半年", "全年")
POINTS_FORMAT = "0.00"
# Least width per column (character units), and the most a long text may widen it.
_SCORE_WIDTHS = ((6, 6), (10, 24), (8, 16)) + ((8, 10),) * 6 + ((8, 8), (8, 10), (6, 8), (8, 8))
_DETAIL_WIDTHS = ((10, 20), (8, 10), (6, 10), (16, 44), (8, 12), (10, 24), (8, 10), (10, 24),
                  (10, 30))  # fmt: skip
_YEAR_WIDTHS = ((6, 6), (10, 24), (8, 16), (10, 12), (10, 12), (10, 12))
RANK_NOTE = "排名为全局排名（按总分从高到低，总分相同者名次并列）；组内排名见汇总表 PDF。"
SUM_NOTE = (
    "扣分合计 = 满分 − 四类得分之和；总分 = 四类得分 + 加分（可超过满分）。"
    "每项得分的来源见“明细”表。"
)
DETAIL_NOTE = (
    "每个科室各行“分值”之和即其总分：各类别以满分起算，扣分为负、加分为正；"
    "未计入的行分值为 0，原因见备注。"
)
MISSING_NOTE = "未录入查账结果的期间按未完成扣分，在“明细”表中完成情况为“未录入”。"


def write_scores_workbook(
    sheet: ScoreSheet, path: str | Path, on_sheet: Callable[[int, int], None] | None = None
) -> None:
    """Write 科室得分 and 明细 to `path`, all or nothing (written beside it and renamed
    when complete). `on_sheet(done, total)` is called after each sheet; whatever it
    raises stops the write."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "考核台账"
    workbook.properties.title = sheet.workbook_title()
    cells = StyledCells()
    try:
        _write_scores(cells, workbook.create_sheet(SCORES_SHEET), sheet)
        if on_sheet is not None:
            on_sheet(1, 2)
        _write_detail(cells, workbook.create_sheet(DETAIL_SHEET), sheet)
        if on_sheet is not None:
            on_sheet(2, 2)
        with written_beside(Path(path), ".partial.xlsx") as partial:
            workbook.save(partial)
    except BaseException:
        discard_workbook(workbook)
        raise


def write_year_workbook(sheet: YearSheet, path: str | Path) -> None:
    """Write 年度得分 to `path`, all or nothing."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "考核台账"
    workbook.properties.title = sheet.title()
    try:
        _write_year(StyledCells(), workbook.create_sheet(YEAR_SHEET), sheet)
        with written_beside(Path(path), ".partial.xlsx") as partial:
            workbook.save(partial)
    except BaseException:
        discard_workbook(workbook)
        raise


def _printed(sheet: ScoreSheet | YearSheet) -> str:
    day = sheet.printed_on
    return f"打印日期：{day.year}年{day.month}月{day.day}日"


def _note_lines(text: str, widths: Sequence[float]) -> int:
    """Lines the note under the title takes across the merged width."""
    return wrapped_lines(text, sum(widths))


def _notes(ws: Sheet, notes: Sequence[str], data_rows: int, widths: Sequence[float]) -> None:
    """The notes after one empty row under the table."""
    ws.append([])
    note_rows(ws, notes, HEADER_ROW + data_rows + 2, widths)


# --- 科室得分 ---------------------------------------------------------------------------------


def _score_cells(cells: StyledCells, ws: Sheet, row: ScoreRow) -> list[Any]:
    def points(value: Decimal) -> Any:
        return cells.number(ws, value, POINTS_FORMAT)

    return [
        cells.number(ws, row.rank_overall),
        cells.text(ws, row.department),
        cells.text(ws, row.group),
        *(points(value) for value in row.categories),
        points(row.bonus),
        points(row.deductions_total),
        cells.text(ws, yes_no(row.vetoed), "center"),
        points(row.total),
        cells.text(ws, row.grade, "center"),
        cells.text(ws, yes_no(row.advanced), "center"),
    ]


def _write_scores(cells: StyledCells, ws: Sheet, sheet: ScoreSheet) -> None:
    rows = sheet.rows
    texts: list[Sequence[str]] = [[], [r.department for r in rows], [r.group for r in rows]]
    texts += [[] for _ in SCORE_HEADERS[3:]]
    widths = lay_out(ws, SCORE_HEADERS, _SCORE_WIDTHS, texts, len(rows))
    note = f"共 {len(rows)} 个科室，满分 {sheet.base.normalize():f} 分。{sheet.state_line()}"
    title_rows(ws, sheet.workbook_title(), note, len(SCORE_HEADERS), _note_lines(note, widths))
    ws.append(header_row(ws, SCORE_HEADERS))
    for row in rows:
        ws.append(_score_cells(cells, ws, row))
    notes = [RANK_NOTE, SUM_NOTE]
    if any(row.missing for row in rows):
        notes.append(MISSING_NOTE)
    decided = [row.department for row in rows if row.decided]
    if decided:
        notes.append(f"等次经考核委员会裁定：{'、'.join(decided)}。")
    notes += [f"{label}：{text}" for label, text in sheet.rules_lines]
    notes.append(_printed(sheet))
    _notes(ws, notes, len(rows), widths)


# --- 明细 -------------------------------------------------------------------------------------


def _detail_cells(cells: StyledCells, ws: Sheet, line: SourceLine) -> list[Any]:
    return [
        cells.text(ws, line.department),
        cells.text(ws, line.category),
        cells.text(ws, line.source, "center"),
        cells.text(ws, line.subject, "wrap"),  # 任务或事由 and 备注 wrap, not widen the page
        cells.text(ws, line.period, "center"),
        cells.text(ws, line.status),
        cells.number(ws, line.points, POINTS_FORMAT),
        cells.text(ws, line.doc_no),
        cells.text(ws, line.note, "wrap"),
    ]


def _write_detail(cells: StyledCells, ws: Sheet, sheet: ScoreSheet) -> None:
    lines = sheet.sources
    texts: list[Sequence[str]] = [
        [line.department for line in lines],
        [line.category for line in lines],
        [line.source for line in lines],
        [line.subject for line in lines],
        [line.period for line in lines],
        [line.status for line in lines],
        [],
        [line.doc_no for line in lines],
        [line.note for line in lines],
    ]
    widths = lay_out(ws, DETAIL_HEADERS, _DETAIL_WIDTHS, texts, len(lines))
    title_rows(ws, sheet.detail_title(), DETAIL_NOTE, len(DETAIL_HEADERS))
    ws.append(header_row(ws, DETAIL_HEADERS))
    for number, line in enumerate(lines, start=HEADER_ROW + 1):
        tallest = max(wrapped_lines(line.subject, widths[3]), wrapped_lines(line.note, widths[8]))
        if tallest > 1:
            # Excel and LibreOffice keep a written row at one line, whatever it wraps.
            ws.row_dimensions[number].height = LINE_HEIGHT * tallest
        ws.append(_detail_cells(cells, ws, line))


# --- 年度得分 ---------------------------------------------------------------------------------


def _year_cells(cells: StyledCells, ws: Sheet, row: YearRow) -> list[Any]:
    return [
        cells.number(ws, row.rank),
        cells.text(ws, row.department),
        cells.text(ws, row.group),
        cells.number(ws, row.first, POINTS_FORMAT),
        cells.number(ws, row.second, POINTS_FORMAT),
        cells.number(ws, row.total, POINTS_FORMAT),
    ]


def _write_year(cells: StyledCells, ws: Sheet, sheet: YearSheet) -> None:
    rows = sheet.rows
    texts: list[Sequence[str]] = [[], [r.department for r in rows], [r.group for r in rows]]
    texts += [[], [], []]
    widths = lay_out(ws, YEAR_HEADERS, _YEAR_WIDTHS, texts, len(rows))
    note = sheet.state_line()
    title_rows(ws, sheet.title(), note, len(YEAR_HEADERS), _note_lines(note, widths))
    ws.append(header_row(ws, YEAR_HEADERS))
    for row in rows:
        ws.append(_year_cells(cells, ws, row))
    _notes(ws, [*sheet.notes(), _printed(sheet)], len(rows), widths)
