"""The 年度考核 table: one row per person of the year, as the annual service grades it.

Nothing is typed into the table: the clerk recommends 优秀, sets a grade or writes a
note through the tab's actions, the service returns the year's fresh sheet, and that
replaces the rows. A sheet with the same people in the same order is updated in place
(dataChanged), so the selection and the scroll position survive every write.

不定等次 and 不参加 rows are grey throughout, with the reason in 限制情形: they are on
the list (the form and the workbook need them) but take no part in the quota.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from kaohe_desktop.domain.enums import AnnualGrade, QuarterGrade
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.ui.annual.annual_texts import EXCELLENT, PARTICIPANT
from kaohe_desktop.ui.common.table_model import AnyIndex, Column, RowTableModel

(
    SERIAL,
    CODE,
    NAME,
    DEPARTMENT,
    POSITION,
    Q1,
    Q2,
    Q3,
    Q4,
    GOOD_COUNT,
    ELIGIBLE,
    LIMITS,
    PROPOSED,
    GRADE,
    REMARK,
    FLAG,
) = range(16)
QUARTER_COLUMNS = (Q1, Q2, Q3, Q4)

FLAG_COLOR = "#c62828"  # a flag keeps the year from closing
LIMIT_COLOR = "#b45309"  # a quarter graded 一般 / 较差: it bars 优秀
EXCELLENT_COLOR = "#1b5e20"
HAND_COLOR = "#1d4f91"  # a grade set by hand
OUT_COLOR = "#8a8a8a"  # 不定等次 / 不参加: on the list, outside the quota

_QUARTER_ORDER = [g.label for g in QuarterGrade] + ["不定等次", ""]
_GRADE_ORDER = [g.label for g in AnnualGrade]


def takes_part(row: AnnualRowView) -> bool:
    return row.participation == PARTICIPANT


def proposed(row: AnnualRowView) -> str:
    """推荐等次: 优秀 when recommended, else the grade set by hand, else nothing (称职 by
    default)."""
    if row.recommended:
        return EXCELLENT
    return row.hand_grade or ""


def remark(row: AnnualRowView) -> str:
    """理由/备注: the reason of a grade set by hand, then the note."""
    return "；".join(part.strip() for part in (row.reason, row.note) if part and part.strip())


def _order(values: list[str], value: str | None) -> int:
    return values.index(value or "") if (value or "") in values else len(values)


class AnnualTableModel(RowTableModel[AnnualRowView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.sheet: AnnualSheetView | None = None
        self._serial: dict[int, int] = {}
        self._out = QBrush(QColor(OUT_COLOR))
        self.set_columns(self._columns_spec())

    # --- contents -------------------------------------------------------------
    def set_sheet(self, sheet: AnnualSheetView | None) -> None:
        """Show `sheet`; the same people in the same order are updated in place."""
        rows = list(sheet.rows) if sheet is not None else []
        self.sheet = sheet
        self._serial = {r.person_id: n for n, r in enumerate(rows, start=1)}
        same = [r.person_id for r in rows] == [r.person_id for r in self._rows]
        if same and rows:
            self._rows = rows
            last = self.index(len(rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.set_rows(rows)

    def row_of(self, person_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.person_id == person_id), None)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and 0 <= index.row() < len(self._rows)
            and index.column() != FLAG
            and not takes_part(self._rows[index.row()])
        ):
            return self._out
        return super().data(index, role)

    # --- columns --------------------------------------------------------------
    def _columns_spec(self) -> list[Column[AnnualRowView]]:
        quarter_words = (self.tr("Q1"), self.tr("Q2"), self.tr("Q3"), self.tr("Q4"))
        tooltip = self.tr(
            "The quarter's 平时考核 grade: as stored by its close, or as its grid stands "
            "while it is open"
        )
        quarters = [_quarter_column(n, word, tooltip) for n, word in enumerate(quarter_words)]
        return [
            Column(
                self.tr("No."),
                lambda r: self._serial.get(r.person_id),
                numeric=True,
                header_tooltip=self.tr("Order of the list: by department, then 编号"),
            ),
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name, tooltip=lambda r: r.category),
            Column(self.tr("Department"), lambda r: r.department),
            Column(self.tr("Post and rank"), lambda r: r.position, tooltip=lambda r: r.position),
            *quarters,
            Column(
                self.tr("好 count"),
                lambda r: r.good_count,
                numeric=True,
                header_tooltip=self.tr("How many of the year's graded quarters were 好"),
            ),
            Column(
                self.tr("Qualifies for 优秀"),
                lambda r: "是" if r.eligible else "否",
                center=True,
                sort=lambda r: int(r.eligible),
                color=lambda r: EXCELLENT_COLOR if r.eligible else None,
                tooltip=lambda r: None if r.eligible else (r.limits or None),
                header_tooltip=self.tr(
                    "好 in at least half of the graded quarters, no 一般 or 较差, and no "
                    "警告, 诫勉 or 调整职务 in the year"
                ),
            ),
            Column(
                self.tr("Limits"),
                lambda r: r.limits,
                tooltip=lambda r: r.limits or None,
                header_tooltip=self.tr(
                    "What bars 优秀, in words; for 不定等次 and 不参加, the reason"
                ),
            ),
            Column(
                self.tr("Proposed grade"),
                proposed,
                center=True,
                sort=lambda r: _order(_GRADE_ORDER, proposed(r)),
                color=lambda r: EXCELLENT_COLOR if r.recommended else HAND_COLOR,
                bold=lambda r: r.recommended,
                tooltip=self._proposed_tooltip,
                header_tooltip=self.tr(
                    "优秀 when recommended, or the grade set by hand; empty: 称职 by default"
                ),
            ),
            Column(
                self.tr("Annual grade"),
                lambda r: r.grade,
                center=True,
                sort=lambda r: _order(_GRADE_ORDER, r.grade),
                color=lambda r: EXCELLENT_COLOR if r.grade == EXCELLENT else None,
                bold=lambda r: r.grade == EXCELLENT,
                header_tooltip=self.tr("The grade as it stands now (as stored, once closed)"),
            ),
            Column(
                self.tr("Reason / note"),
                remark,
                tooltip=self._remark_tooltip,
            ),
            Column(
                self.tr("Flag"),
                lambda r: r.flag,
                color=lambda r: FLAG_COLOR if r.flag else None,
                bold=lambda r: r.flag is not None,
                tooltip=lambda r: r.flag,
                header_tooltip=self.tr("What must be settled before the year can be closed"),
            ),
        ]

    def _proposed_tooltip(self, row: AnnualRowView) -> str | None:
        if row.recommended:
            return self.tr("Recommended for 优秀 within the quota")
        if row.hand_grade:
            return self.tr("Set by hand: {0}").format(row.reason or "")
        if takes_part(row):
            return self.tr("Nothing decided: 称职 by default")
        return None

    def _remark_tooltip(self, row: AnnualRowView) -> str | None:
        lines = []
        if row.reason:
            lines.append(self.tr("Reason: {0}").format(row.reason))
        if row.note:
            lines.append(self.tr("Note: {0}").format(row.note))
        return "\n".join(lines) or None


def _quarter_column(n: int, header: str, tooltip: str) -> Column[AnnualRowView]:
    def grade(row: AnnualRowView) -> str | None:
        return row.quarter_grades[n]

    return Column(
        header,
        grade,
        center=True,
        sort=lambda r: _order(_QUARTER_ORDER, grade(r)),
        color=lambda r: _quarter_color(grade(r)),
        bold=lambda r: grade(r) == QuarterGrade.GOOD.label,
        header_tooltip=tooltip,
    )


def _quarter_color(grade: str | None) -> str | None:
    if grade in (QuarterGrade.AVERAGE.label, QuarterGrade.POOR.label):
        return LIMIT_COLOR
    return None
