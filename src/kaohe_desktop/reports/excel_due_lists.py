"""DueListsBook → the due lists workbook: sheets 谈心谈话不足, 专项谈话 and 交流轮岗, each
with a title row naming the year, a line with its rule in words, a frozen header and a
filter, ready to print on A4 (the look: reports.excel_sheet_layout). An empty list
still has its sheet, with one line 无.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

from kaohe_desktop.reports.due_lists_content import (
    DueListsBook,
    RotationLine,
    RoutineLine,
    SpecialLine,
)
from kaohe_desktop.reports.excel_exchange_writer import DATE_FORMAT, discard_workbook
from kaohe_desktop.reports.excel_sheet_layout import (
    HEADER_ROW,
    LINE_HEIGHT,
    Sheet,
    StyledCells,
    header_row,
    lay_out,
    title_rows,
    wrapped_lines,
)
from kaohe_desktop.reports.file_output import written_beside

ROUTINE_SHEET = "谈心谈话不足"
SPECIAL_SHEET = "专项谈话"
ROTATION_SHEET = "交流轮岗"
ROUTINE_HEADERS = (
    "序号", "编号", "姓名", "科室", "职务职级", "党政正职", "应谈次数", "已谈次数", "最近一次谈话",
)  # fmt: skip
SPECIAL_HEADERS = (
    "序号", "编号", "姓名", "科室", "谈话类型", "事由", "发生日期", "应谈日期", "状态",
)  # fmt: skip
ROTATION_HEADERS = (
    "序号",
    "编号",
    "姓名",
    "科室",
    "职务职级",
    "本科室任职起始",
    "满N年日期",
    "状态",
)
NONE_LINE = "无"
OVERDUE, WAITING = "已逾期", "待谈"
REACHED, THIS_YEAR = "已到期", "年内到期"
_DATE = (12, 12)
# Least width per column (character units), and the most a long text may widen it.
_ROUTINE_WIDTHS = ((6, 6), (8, 14), (8, 12), (10, 20), (10, 20), (8, 8), (8, 8), (8, 8), _DATE)
_SPECIAL_WIDTHS = ((6, 6), (8, 14), (8, 12), (10, 20), (10, 12), (16, 40), _DATE, _DATE, (6, 8))
_WRAPPING = 5  # 事由, the special sheet's one wrapping column
_ROTATION_WIDTHS = ((6, 6), (8, 14), (8, 12), (10, 20), (10, 20), _DATE, _DATE, (8, 10))


def rotation_headers(years: int) -> tuple[str, ...]:
    return (
        "序号",
        "编号",
        "姓名",
        "科室",
        "职务职级",
        "本科室任职起始",
        f"满{years}年日期",
        "状态",
    )


class _Cells(StyledCells):
    def day(self, ws: Sheet, value: date | None) -> Cell:
        """A date cell (Excel sorts and filters it as a date); empty for None."""
        # openpyxl writes a date as a date; its stubs name only datetime.
        cell = WriteOnlyCell(ws, cast(Any, value))
        return self._styled(cell, "center", DATE_FORMAT, False)


def write_due_lists_workbook(book: DueListsBook, path: str | Path) -> None:
    """Write the three sheets to `path`, all or nothing (written beside it and renamed
    into place when complete)."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "考核台账"
    workbook.properties.title = book.title("谈心谈话和交流轮岗提醒")
    cells = _Cells()
    try:
        _write(
            cells, workbook.create_sheet(ROUTINE_SHEET), book.title("谈心谈话不足人员名单"),
            book.routine_note(), ROUTINE_HEADERS, _ROUTINE_WIDTHS,
            _routine_texts(book.routine), book.routine, _routine_cells,
        )  # fmt: skip
        _write(
            cells, workbook.create_sheet(SPECIAL_SHEET), book.title("专项谈话提醒名单"),
            book.special_note(), SPECIAL_HEADERS, _SPECIAL_WIDTHS,
            _special_texts(book.special), book.special, _special_cells,
            wraps=lambda line: line.reason,
        )  # fmt: skip
        _write(
            cells, workbook.create_sheet(ROTATION_SHEET), book.title("关键岗位交流轮岗提醒名单"),
            book.rotation_note(), rotation_headers(book.rotation_years), _ROTATION_WIDTHS,
            _rotation_texts(book.rotations), book.rotations, _rotation_cells,
        )  # fmt: skip
        with written_beside(Path(path), ".partial.xlsx") as partial:
            workbook.save(partial)
    except BaseException:
        discard_workbook(workbook)
        raise


L = TypeVar("L")


def _write(
    cells: _Cells, ws: Sheet, title: str, note: str, headers: Sequence[str],
    limits: Sequence[tuple[int, int]], texts: list[Sequence[str]], lines: Sequence[L],
    make: Callable[[_Cells, Sheet, int, L], list[Any]],
    wraps: Callable[[L], str] | None = None,
) -> None:  # fmt: skip
    """One sheet: title, rule line, header, a numbered row per line (无 when none). The
    column `wraps` reads (the last one of `limits` that may wrap) sets a row's height."""
    widths = lay_out(ws, headers, limits, texts, len(lines))
    title_rows(ws, title, note, len(headers), wrapped_lines(note, sum(widths)))
    ws.append(header_row(ws, headers))
    for number, line in enumerate(lines, start=1):
        if wraps is not None:
            height = wrapped_lines(wraps(line), widths[_WRAPPING])
            if height > 1:
                # Excel and LibreOffice keep a written row at one line, whatever it wraps.
                ws.row_dimensions[HEADER_ROW + number].height = LINE_HEIGHT * height
        ws.append(make(cells, ws, number, line))
    if not lines:
        ws.append([NONE_LINE])


def _routine_texts(lines: Sequence[RoutineLine]) -> list[Sequence[str]]:
    return [[], [r.code for r in lines], [r.name for r in lines], [r.department for r in lines],
            [r.position for r in lines], [], [], [], []]  # fmt: skip


def _routine_cells(cells: _Cells, ws: Sheet, number: int, line: RoutineLine) -> list[Any]:
    return [
        cells.number(ws, number),
        cells.text(ws, line.code),
        cells.text(ws, line.name),
        cells.text(ws, line.department),
        cells.text(ws, line.position),
        cells.text(ws, "是" if line.principal else "否", "center"),
        cells.number(ws, line.required),
        cells.number(ws, line.held),
        cells.day(ws, line.last_talk),
    ]


def _special_texts(lines: Sequence[SpecialLine]) -> list[Sequence[str]]:
    return [[], [s.code for s in lines], [s.name for s in lines], [s.department for s in lines],
            [s.kind for s in lines], [s.reason for s in lines], [], [], []]  # fmt: skip


def _special_cells(cells: _Cells, ws: Sheet, number: int, line: SpecialLine) -> list[Any]:
    return [
        cells.number(ws, number),
        cells.text(ws, line.code),
        cells.text(ws, line.name),
        cells.text(ws, line.department),
        cells.text(ws, line.kind),
        cells.text(ws, line.reason, "wrap"),
        cells.day(ws, line.arose_on),
        cells.day(ws, line.due_by),
        cells.text(ws, OVERDUE if line.overdue else WAITING, "center", bold=line.overdue),
    ]


def _rotation_texts(lines: Sequence[RotationLine]) -> list[Sequence[str]]:
    return [[], [r.code for r in lines], [r.name for r in lines], [r.department for r in lines],
            [r.position for r in lines], [], [], []]  # fmt: skip


def _rotation_cells(cells: _Cells, ws: Sheet, number: int, line: RotationLine) -> list[Any]:
    return [
        cells.number(ws, number),
        cells.text(ws, line.code),
        cells.text(ws, line.name),
        cells.text(ws, line.department),
        cells.text(ws, line.position),
        cells.day(ws, line.since),
        cells.day(ws, line.reaches_on),
        cells.text(ws, REACHED if line.reached else THIS_YEAR, "center", bold=line.reached),
    ]
