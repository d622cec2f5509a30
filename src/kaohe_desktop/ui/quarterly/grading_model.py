"""The 个人平时考核 grid: one row per person of the quarter's roster.

Two cells per row are typed (实绩分 and 领导测评分); everything right of them is the
grading engine's, read from the GradingSheet the service returns. The model never
writes a score itself: setData only emits `score_entered`, the tab saves it through
the service, and the sheet that comes back replaces the rows. So the grid shows
what the data file holds, never a value the file refused.

A new sheet with the same roster updates the rows in place (dataChanged), so the
current cell, the selection and an open editor survive a save or a live refresh; a
save's sheet names the rows it changed (GradingSheet.changes), and only those are
updated (issue 16: at 10,000 people a save touches a few rows, not the grid).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from kaohe_desktop.domain.enums import QuarterGrade
from kaohe_desktop.domain.grading import GRADE_ORDER
from kaohe_desktop.domain.quarterly_rules import (
    ScoreError,
    plain,
    score_from_text,
    signed,
    two_decimals,
)
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet, ScoreChange, ScoreField
from kaohe_desktop.ui.common.table_model import AnyIndex, Column, RowTableModel, format_value

(
    CODE,
    NAME,
    DEPARTMENT,
    CATEGORY,
    PERFORMANCE,
    LEADER,
    COMMENTS,
    PERFORMANCE_TOTAL,
    COMPOSITE,
    GRADE,
    RANK,
    OVERALL_RANK,
    REMARK,
) = range(13)

# The typed columns and the field each writes, in the order Tab walks them.
SCORE_COLUMNS: dict[int, ScoreField] = {
    PERFORMANCE: ScoreField.PERFORMANCE,
    LEADER: ScoreField.LEADER,
}

UNSCORED_BACKGROUND = "#fff4c2"  # light yellow: still waiting for a score
FLAG_COLOR = "#c62828"  # a flag keeps the quarter from closing
NOT_GRADED_COLOR = "#616161"
OVERRIDE_COLOR = "#1d4f91"  # a grade set by hand, honoured
MOVE_MARK = " ↔"
MAX_RUNS = 32  # separate dataChanged signals for the runs of rows a save changed


def score_of(row: GradingRow, field: ScoreField) -> Decimal | None:
    return row.performance if field is ScoreField.PERFORMANCE else row.leader


def _comments(row: GradingRow) -> str:
    if row.comment_count == 0 and row.comment_points == 0:
        return ""
    return signed(row.comment_points)


def _grade_color(row: GradingRow) -> str | None:
    if row.flag is not None:
        return FLAG_COLOR
    if row.no_grade_reason is not None:
        return NOT_GRADED_COLOR
    return OVERRIDE_COLOR if row.outcome.overridden else None


class GradingTableModel(RowTableModel[GradingRow]):
    score_entered = Signal(object)  # ScoreChange: a cell the clerk committed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.sheet: GradingSheet | None = None
        self._position: dict[int, int] = {}  # person id → row, for the current cell
        self._editable = False
        self._locked: dict[int, str] = {}  # department id → why its cells are read-only
        self._unscored = QBrush(QColor(UNSCORED_BACKGROUND))
        self._locked_text = QBrush(QColor(NOT_GRADED_COLOR))
        self.set_columns(self._columns_spec())

    # --- contents -------------------------------------------------------------
    def set_sheet(self, sheet: GradingSheet | None) -> None:
        """Show `sheet`. The sheet shown again (a reload that found nothing changed) costs
        nothing; a sheet made from the one shown by changing some rows (a save here,
        GradingSheet.changes) updates just those rows; the same roster in the same order
        is updated in place; any other is a reset."""
        if sheet is not None and sheet is self.sheet:
            return
        changes = None if sheet is None else sheet.changes
        changed = None if changes is None else changes.since(self.sheet)
        self.sheet = sheet
        if sheet is not None and changed is not None and len(sheet.rows) == len(self._rows):
            self._change_rows(sheet, changed)
            return
        rows = list(sheet.rows) if sheet is not None else []
        same_roster = [r.person_id for r in rows] == [r.person_id for r in self._rows]
        if same_roster and rows:
            self._rows = rows
            last = self.index(len(rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.set_rows(rows)
            self._position = {row.person_id: n for n, row in enumerate(rows)}

    def _change_rows(self, sheet: GradingSheet, positions: Sequence[int]) -> None:
        """Only these rows changed: one dataChanged per run of neighbouring rows (a rise
        in rank moves a whole category, scattered over the grid: past MAX_RUNS runs one
        signal spans them all, which the view answers by repainting what it shows)."""
        for n in positions:
            self._rows[n] = sheet.rows[n]
        runs: list[tuple[int, int]] = []
        for n in positions:
            if runs and runs[-1][1] == n - 1:
                runs[-1] = (runs[-1][0], n)
            else:
                runs.append((n, n))
        if len(runs) > MAX_RUNS:
            runs = [(runs[0][0], runs[-1][1])]
        last = self.columnCount() - 1
        for first, final in runs:
            self.dataChanged.emit(self.index(first, 0), self.index(final, last))

    def row_of(self, person_id: int) -> int | None:
        return self._position.get(person_id)

    # --- who may type where ---------------------------------------------------
    def set_edit_state(self, editable: bool, locked: Mapping[int, str]) -> None:
        """`editable`: the clerk may change this quarter at all; `locked`: departments
        another workstation edits (or whose lease was lost), with the reason."""
        if editable == self._editable and dict(locked) == self._locked:
            return
        self._editable = editable
        self._locked = dict(locked)
        if self._rows:  # the views re-read the flags and tooltips
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @property
    def editable(self) -> bool:
        return self._editable

    def lock_reason(self, row: GradingRow) -> str | None:
        return self._locked.get(row.department_id)

    def is_score_cell(self, index: AnyIndex) -> bool:
        return (
            index.isValid()
            and index.column() in SCORE_COLUMNS
            and 0 <= index.row() < len(self._rows)
        )

    def is_editable(self, index: AnyIndex) -> bool:
        if not (self._editable and self.is_score_cell(index)):
            return False
        return self._rows[index.row()].department_id not in self._locked

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.is_editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- data -----------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._unscored if row.awaiting_score else None
        if self.is_score_cell(index):
            field = SCORE_COLUMNS[index.column()]
            if role == Qt.ItemDataRole.EditRole:
                return format_value(score_of(row, field))
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._score_tooltip(row, field)
            if role == Qt.ItemDataRole.ForegroundRole and row.department_id in self._locked:
                return self._locked_text  # someone else edits: not for typing here
        return super().data(index, role)

    def _score_tooltip(self, row: GradingRow, field: ScoreField) -> str | None:
        locked = self.lock_reason(row)
        if locked is not None:
            return locked
        if score_of(row, field) is None and row.no_grade_reason is None:
            return self.tr("{0} not entered yet").format(field.label)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index):
            return False
        row = self._rows[index.row()]
        field = SCORE_COLUMNS[index.column()]
        try:
            score = score_from_text("" if value is None else str(value), field.label)
        except ScoreError:
            return False  # the delegate says why; nothing else types into the grid
        if score == score_of(row, field):
            return False  # opened and closed without a change
        self.score_entered.emit(ScoreChange(row.person_id, field, score, row.version))
        return False  # nothing written here: the row changes when the service's sheet comes

    # --- columns --------------------------------------------------------------
    def _columns_spec(self) -> list[Column[GradingRow]]:
        return [
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name, tooltip=lambda r: r.position),
            Column(
                self.tr("Department"),
                lambda r: r.department + (MOVE_MARK if r.moves else ""),
                tooltip=self._department_tooltip,
                sort=lambda r: r.department,
            ),
            Column(self.tr("Staff category"), lambda r: r.category),
            Column(
                self.tr("Performance"),
                lambda r: _one_decimal(r.performance),
                sort=lambda r: r.performance,
                numeric=True,
                header_tooltip=self.tr(
                    "实绩分 as entered, before 点评: 0–100, one decimal. Type to enter, "
                    "Enter saves and moves down, Tab moves to 领导测评分."
                ),
            ),
            Column(
                self.tr("Leader evaluation"),
                lambda r: _one_decimal(r.leader),
                sort=lambda r: r.leader,
                numeric=True,
                header_tooltip=self.tr("领导测评分: 0–100, one decimal"),
            ),
            Column(
                self.tr("Comments"),
                _comments,
                center=True,
                sort=lambda r: r.comment_points,
                tooltip=self._comments_tooltip,
                header_tooltip=self.tr("Praise and criticism points of the quarter"),
            ),
            Column(
                self.tr("Performance with comments"),
                lambda r: _one_decimal(r.performance_total),
                sort=lambda r: r.performance_total,
                numeric=True,
                header_tooltip=self.tr("实绩分 plus the 点评 points, kept within 0–100"),
            ),
            Column(
                self.tr("Composite score"),
                # Two decimals always (the rule rounds to 2), so the column lines up;
                # the 等次调整 dialog shows it by the same function.
                lambda r: None if r.composite is None else two_decimals(r.composite),
                numeric=True,
                sort=lambda r: r.composite,
                bold=lambda r: r.composite is not None,
                tooltip=self._composite_tooltip,
            ),
            Column(
                self.tr("Grade"),
                lambda r: r.grade_text,
                center=True,
                sort=lambda r: _grade_sort(r),
                color=_grade_color,
                bold=lambda r: r.grade is QuarterGrade.GOOD or r.flag is not None,
                tooltip=lambda r: r.remark() or None,
            ),
            Column(
                self.tr("Rank in category"),
                lambda r: r.rank,
                numeric=True,
                tooltip=lambda r: (
                    None
                    if r.rank is None
                    else self.tr("Rank {0} in the category “{1}”").format(r.rank, r.category)
                ),
                header_tooltip=self.tr(
                    "Rank within the person's staff category (人员类别), by 综合得分, then "
                    "领导测评分, then 实绩分; people equal on all three share a rank. "
                    "Each category is ranked on its own, so a lower score may rank higher "
                    "than in another category: see 全局排名 for everyone together."
                ),
            ),
            Column(
                self.tr("Overall rank"),
                lambda r: r.overall_rank,
                numeric=True,
                tooltip=lambda r: (
                    None
                    if r.overall_rank is None
                    else self.tr("Rank {0} among everyone scored this quarter").format(
                        r.overall_rank
                    )
                ),
                header_tooltip=self.tr(
                    "Rank among everyone scored this quarter, whatever their category, by the "
                    "same order; people equal on all three scores share a rank"
                ),
            ),
            Column(
                self.tr("Remarks"),
                lambda r: r.remark(),
                color=lambda r: FLAG_COLOR if r.flag is not None else None,
                tooltip=lambda r: r.remark() or None,
            ),
        ]

    def _department_tooltip(self, row: GradingRow) -> str | None:
        if not row.moves:
            return None
        lines = [move.describe() for move in row.moves]
        return self.tr("Moved during the quarter:") + "\n" + "\n".join(lines)

    def _comments_tooltip(self, row: GradingRow) -> str:
        text = self.tr("{0} comments this quarter, {1} points; double-click to open").format(
            row.comment_count, signed(row.comment_points)
        )
        if row.row_comment_points:
            text += "\n" + self.tr("{0} of them entered on the row (workbook)").format(
                signed(row.row_comment_points)
            )
        return text

    def _composite_tooltip(self, row: GradingRow) -> str | None:
        if row.no_grade_reason is not None:
            return self.tr("Not graded this quarter")
        if row.composite is None or self.sheet is None:
            return self.tr("Waiting for both scores")
        rules = self.sheet.rules
        assert row.performance_total is not None and row.leader is not None
        return (
            f"{plain(row.performance_total)} × {plain(rules.performance_weight)} + "
            f"{plain(row.leader)} × {plain(rules.leader_weight)} = {two_decimals(row.composite)}"
        )


def _one_decimal(score: Decimal | None) -> str | None:
    # Scores are typed to one decimal; showing 86 as "86.0" lines the column up. A
    # workbook's 点评加减分 may carry two decimals: those are shown, never rounded away.
    if score is None:
        return None
    return f"{score:.1f}" if score == score.quantize(Decimal("0.1")) else f"{score:.2f}"


def _grade_sort(row: GradingRow) -> int:
    """好 first, then 较好, 一般, 较差, 不定等次, unscored last."""
    if row.no_grade_reason is not None:
        return len(GRADE_ORDER)
    if row.grade is None:
        return len(GRADE_ORDER) + 1
    return GRADE_ORDER.index(row.grade)
