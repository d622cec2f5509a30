"""全年 (年底算账): each department's two halves side by side, the year's total and rank.

A page of the tab, chosen with the half chooser's 全年: the table, and a line saying
how the year's total is made (the scheme's: the average of the halves by default)
and which halves are closed (an open half's numbers may still change).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kaohe_desktop.domain.enums import DepartmentGrade
from kaohe_desktop.services.scoring.views import YearScoreRow, YearScores
from kaohe_desktop.ui.common.empty_state import EmptyStateStack
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.scoring.score_texts import two_decimals


def _score(value: Decimal | None) -> str:
    return "" if value is None else two_decimals(value)


def _grade(value: DepartmentGrade | None) -> str:
    return "" if value is None else value.label


class YearTableModel(RowTableModel[YearScoreRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Department"), lambda r: r.name),
                Column(self.tr("Group"), lambda r: r.group),
                Column(
                    self.tr("First half"),
                    lambda r: _score(r.first),
                    numeric=True,
                    sort=lambda r: r.first,
                ),
                Column(self.tr("Grade (first half)"), lambda r: _grade(r.first_grade), center=True),
                Column(
                    self.tr("Second half"),
                    lambda r: _score(r.second),
                    numeric=True,
                    sort=lambda r: r.second,
                ),
                Column(
                    self.tr("Grade (second half)"), lambda r: _grade(r.second_grade), center=True
                ),
                Column(
                    self.tr("Year total"),
                    lambda r: two_decimals(r.total),
                    numeric=True,
                    sort=lambda r: r.total,
                    bold=lambda _r: True,
                ),
                Column(self.tr("Rank in group"), lambda r: r.rank_in_group, numeric=True),
                Column(self.tr("Overall rank"), lambda r: r.rank_overall, numeric=True),
            ]
        )


class YearView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yearView")
        self.model = YearTableModel(self)
        self.proxy = RowFilterProxy(self.model, (), self)
        widths = {0: 150, 1: 110, 2: 100, 3: 110, 4: 100, 5: 110, 6: 100, 7: 90}
        self.table = make_table_view(self.proxy, widths, name="yearTable")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.note = QLabel()
        self.note.setObjectName("yearNote")
        self.note.setWordWrap(True)
        self.stack = EmptyStateStack(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        self.scores: YearScores | None = None

    def set_scores(self, scores: YearScores | None) -> None:
        self.scores = scores
        self.model.set_rows(scores.rows if scores is not None else [])
        if scores is None:
            self.note.clear()
            return
        first, second = (
            self.tr("closed") if closed else self.tr("open, may still change")
            for closed in scores.closed
        )
        self.note.setText(
            self.tr("{0}: the year's total is {1}. First half {2}; second half {3}.").format(
                scores.year, scores.rules.year_total.label, first, second
            )
        )
        if scores.rows:
            self.stack.show_content()
        else:
            self.stack.show_empty(self.tr("No department was scored in {0}.").format(scores.year))
