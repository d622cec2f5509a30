"""点评 of one person in one quarter: the list, 添加 and 删除.

A 点评 is a praise or a criticism at the bi-weekly review; its points come from the
quarter's scheme (not typed), and their sum goes into 实绩分. Each change is saved at
once through the grading service and announced as the new sheet, so the grid behind
the dialog shows the new 实绩分, 综合得分 and 等次 while the clerk goes on.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.enums import CommentKind
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import plain, signed
from kaohe_desktop.domain.text_rules import COMMENT_TEXT
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading
from kaohe_desktop.services.quarterly.views import CommentView, GradingRow, GradingSheet
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.editing.banner import Banner, Tone
from kaohe_desktop.ui.quarterly.sheet_dialog import SheetDialog, person_line, problem_label

_KIND_COLORS = {CommentKind.PRAISE: "#1b5e20", CommentKind.CRITICISM: "#b00020"}


def clamp_to_quarter(day: date, quarter: Quarter) -> date:
    """A 点评 belongs to the quarter it is dated in: today, or the nearest day of it."""
    return min(max(day, quarter.start), quarter.end)


class CommentTableModel(RowTableModel[CommentView]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("Date"), lambda c: c.day),
                Column(
                    self.tr("Kind"),
                    lambda c: c.kind.label,
                    color=lambda c: _KIND_COLORS[c.kind],
                    center=True,
                ),
                Column(self.tr("Points"), lambda c: signed(c.points), numeric=True),
                Column(self.tr("Text"), lambda c: c.text, tooltip=lambda c: c.text),
            ]
        )


class CommentsDialog(SheetDialog):
    def __init__(
        self,
        access: Access,
        grading: QuarterlyGrading,
        holders: LeaseService,
        sheet: GradingSheet,
        row: GradingRow,
        leases: list[Lease],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(access, grading, holders, sheet, row, leases, parent)
        self.setObjectName("commentsDialog")
        self.setWindowTitle(self.tr("Comments (点评)"))
        self.resize(640, 480)
        quarter = sheet.quarter

        self.banner = Banner("commentsBanner")
        self.person = QLabel()
        self.person.setObjectName("commentsPerson")
        self.total = QLabel()
        self.total.setObjectName("commentsTotal")
        self.total.setWordWrap(True)
        self.model = CommentTableModel(self)
        self.view = make_table_view(self.model, {0: 96, 1: 56, 2: 56}, name="commentTable")
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("deleteComment")
        self.delete_button.clicked.connect(lambda: self.delete_selected())

        self.day = QDateEdit()
        self.day.setObjectName("commentDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDateRange(_qdate(quarter.start), _qdate(quarter.end))
        self.day.setDate(_qdate(clamp_to_quarter(today or date.today(), quarter)))
        self.kind = QComboBox()
        self.kind.setObjectName("commentKind")
        for kind in CommentKind:
            self.kind.addItem(kind.label, kind.value)  # a plain string: findData matches it
        self.points = QLabel()
        self.points.setObjectName("commentPoints")
        self.text = QLineEdit()
        self.text.setObjectName("commentText")
        self.text.setPlaceholderText(self.tr("What was praised or criticised, at which meeting"))
        self.problem = problem_label("commentProblem")
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName("addComment")
        self.add_button.clicked.connect(lambda: self.add())
        self.kind.currentIndexChanged.connect(lambda _i: self._show_points())
        self.text.textChanged.connect(lambda _t: self.problem.clear())
        self.text.returnPressed.connect(lambda: self.add())

        form = QFormLayout()
        form.addRow(self.tr("Date:"), self.day)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addWidget(self.points, 1)
        form.addRow(self.tr("Kind:"), kind_row)
        form.addRow(self.tr("Text:"), self.text)
        adding = QHBoxLayout()
        adding.addWidget(self.problem, 1)
        adding.addWidget(self.add_button)
        form.addRow(adding)
        self.add_box = QGroupBox(self.tr("New comment"))
        self.add_box.setLayout(form)

        list_actions = QHBoxLayout()
        list_actions.addWidget(self.total, 1)
        list_actions.addWidget(self.delete_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.person)
        layout.addWidget(self.view, 1)
        layout.addLayout(list_actions)
        layout.addWidget(self.add_box)
        layout.addWidget(buttons)

        self._load_comments()
        self.show_sheet()
        self.text.setFocus()

    # --- showing --------------------------------------------------------------
    def _load_comments(self) -> None:
        try:
            comments = self.grading.comments(self.sheet.quarter, self.person_id)
        except (InputError, StorageError, PermissionDeniedError) as error:
            messages.show_error(self, self.windowTitle(), error)
            comments = []
        self.model.set_rows(comments)

    def comments(self) -> list[CommentView]:
        return self.model.rows()

    def show_sheet(self) -> None:
        row = self.row
        self.person.setText(f"{self.sheet.quarter.label()}  {person_line(row)}")
        text = self.tr("Total of the comments: {0}").format(signed(row.comment_points))
        if row.row_comment_points:
            text += self.tr(" (of which {0} entered on the row of an imported workbook)").format(
                signed(row.row_comment_points)
            )
        if row.performance is not None and row.performance_total is not None:
            text += self.tr("; 实绩分 {0} → {1}").format(
                plain(row.performance), plain(row.performance_total)
            )
        self.total.setText(text)
        self._show_points()
        if self.locked is not None:
            self.banner.show_message(Tone.WARNING, self.locked)
        self.add_box.setEnabled(self.locked is None)
        self._update_buttons()

    def _show_points(self) -> None:
        points = self.sheet.rules.comment_points(self.chosen_kind())
        self.points.setText(
            self.tr("{0} points (set by the quarter's scheme)").format(signed(points))
        )

    def chosen_kind(self) -> CommentKind:
        value = self.kind.currentData()
        return CommentKind(value) if value else CommentKind.PRAISE

    def selected(self) -> CommentView | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.locked is None and self.selected() is not None)
        self.delete_button.setToolTip(self.locked or "")

    # --- changing -------------------------------------------------------------
    def add(self) -> bool:
        if self.locked is not None:
            return False
        text = self.text.text().strip()
        if not text:
            self.problem.setText(self.tr("Write what the comment was about."))
            self.text.setFocus()
            return False
        too_long = COMMENT_TEXT.problem(text, "点评内容")  # the 点评 sheet's own limit
        if too_long is not None:
            self.problem.setText(too_long)
            self.text.setFocus()
            return False
        day = self.day.date().toPython()
        assert isinstance(day, date)
        quarter, kind, grading = self.sheet.quarter, self.chosen_kind(), self.grading
        sheet = self.attempt(
            lambda: grading.add_comment(quarter, self.person_id, day, kind, text, self.leases)
        )
        if sheet is None:
            return False
        self._load_comments()
        self.text.clear()  # added: the next one starts empty, date and kind stay
        self.problem.clear()
        return True

    def delete_selected(self) -> bool:
        comment = self.selected()
        if comment is None or self.locked is not None:
            return False
        question = self.tr("Delete the {0} of {1} “{2}”?").format(
            comment.kind.label, comment.day.isoformat(), comment.text
        )
        detail = self.tr("Its {0} points no longer count in 实绩分.").format(signed(comment.points))
        if not messages.ask(self, self.windowTitle(), question, detail):
            return False
        quarter, grading = self.sheet.quarter, self.grading
        sheet = self.attempt(
            lambda: grading.delete_comment(quarter, comment.id, comment.version, self.leases)
        )
        self._load_comments()  # deleted, or refused because it changed: show what is there
        return sheet is not None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
