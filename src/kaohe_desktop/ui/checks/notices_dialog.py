"""督办单列表: the year's notices, their 整改 and 核实, the overdue ones in red.

A notice whose rectification is past its 整改时限 and not verified reads 逾期未整改 in
its 整改情况 column and is red across the row; the words are there for a reader who
does not see the colour, and for the printout of a screenshot. Opening a notice (double
click, or 整改与核实…) shows its rectification; 打印督办单… writes it as a PDF.

修改… corrects an open notice in the form it was issued with; 撤回… withdraws one
issued by mistake. Neither is offered for a closed (已销号) notice, to a role that
does not record checks, or on a read-only file. Every change answers with the notice
as stored, which replaces just its row (a withdrawn one leaves the list), and is
announced so the 查账 grid can put its 督办单 column right without reading the period.
A refused change (another workstation changed, closed or withdrew the notice first)
reads that one notice again, so the list behind the form shows what stands now.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.periods import parse_check_period
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.checks.notices import NoticeService
from kaohe_desktop.services.checks.views import NoticeDraft, NoticeView
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.checks import check_outputs
from kaohe_desktop.ui.checks.notice_dialog import NoticeDialog
from kaohe_desktop.ui.checks.notice_table import (
    CONTENT,
    DEPARTMENT,
    NUMBER,
    WIDTHS,
    NoticeTableModel,
)
from kaohe_desktop.ui.checks.notice_withdraw_dialog import WithdrawNoticeDialog
from kaohe_desktop.ui.checks.rectification_dialog import RectificationDialog
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.widgets import make_table_view


def draft_of(notice: NoticeView) -> NoticeDraft:
    """The issued notice as the form it was issued with fills in."""
    return NoticeDraft(
        color=notice.color,
        department_id=notice.department_id,
        period=parse_check_period(notice.period),
        task_ids=tuple(task.task_id for task in notice.tasks),
        content=notice.content,
        deadline=notice.deadline,
        issued_on=notice.issued_on,
        check_ids=tuple(task.check_id for task in notice.tasks if task.check_id is not None),
        deduction=notice.deduction,
    )


class NoticesDialog(QDialog):
    notice_changed = Signal(object)  # NoticeView, as stored after a change
    notice_withdrawn = Signal(object)  # NoticeView, as it was before it was withdrawn

    def __init__(
        self,
        access: Access,
        notices: NoticeService,
        year: int,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noticesDialog")
        self.setWindowTitle(self.tr("Notices (督办单) of {0}").format(year))
        self.resize(1160, 560)
        self.access, self.notices, self.year = access, notices, year
        self.today = today or access.clock().date()
        self.model = NoticeTableModel(self.today, self)
        self.proxy = RowFilterProxy(self.model, (NUMBER, DEPARTMENT, CONTENT), self)
        self.table = make_table_view(self.proxy, WIDTHS, name="noticesTable")
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.show_filter = QComboBox()
        self.show_filter.setObjectName("noticeFilter")
        self.show_filter.addItem(self.tr("All notices"), "all")
        self.show_filter.addItem(self.tr("Open (not closed)"), "open")
        self.show_filter.addItem("逾期未整改", "overdue")
        self.show_filter.currentIndexChanged.connect(lambda _i: self._filter())
        self.count = QLabel()
        self.count.setObjectName("noticeCount")
        self.open_button = QPushButton(self.tr("Rectification and verification…"))
        self.open_button.setObjectName("openNotice")
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.print_button = QPushButton(self.tr("Print notice…"))
        self.print_button.setObjectName("printNoticeFromList")
        self.print_button.clicked.connect(lambda: self.print_selected())
        self.edit_button = QPushButton(self.tr("Change…"))
        self.edit_button.setObjectName("editNotice")
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.withdraw_button = QPushButton(self.tr("Withdraw…"))
        self.withdraw_button.setObjectName("withdrawNotice")
        self.withdraw_button.clicked.connect(lambda: self.withdraw_selected())
        # The dialogs opened from the list, kept for the tests that drive them.
        self.rectification: RectificationDialog | None = None
        self.editor: NoticeDialog | None = None
        self.withdrawal: WithdrawNoticeDialog | None = None

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.show_filter)
        top.addWidget(self.count, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.open_button, self.edit_button, self.withdraw_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        try:
            rows = self.notices.notices(year=self.year)
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(self, self.windowTitle(), error)
            rows = []
        self.model.set_rows(rows)
        self._filter()

    def _filter(self) -> None:
        chosen = self.show_filter.currentData()
        today = self.today
        if chosen == "open":
            self.proxy.set_predicate(lambda n: not n.closed)
        elif chosen == "overdue":
            self.proxy.set_predicate(lambda n: n.rectification_overdue(today))
        else:
            self.proxy.set_predicate(None)
        self._count()

    def _count(self) -> None:
        today = self.today
        rows = self.model.rows()
        overdue = sum(1 for n in rows if n.rectification_overdue(today))
        self.count.setText(
            self.tr("{0} notices, {1} closed, {2} overdue").format(
                len(rows), sum(1 for n in rows if n.closed), overdue
            )
        )
        self._update_buttons()

    def selected(self) -> NoticeView | None:
        index = self.table.currentIndex()
        notice: NoticeView | None = self.proxy.row_object(index) if index.isValid() else None
        return notice

    def select_number(self, number: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.row_object(self.proxy.index(row, 0)).number == number:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        notice = self.selected()
        chosen = notice is not None
        self.open_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen and self.access.may(Action.EXPORT))
        refusal = self.change_refusal(notice)
        for button, tooltip in (
            (self.edit_button, self.tr("Correct the colour, problem, 整改时限 or deduction")),
            (self.withdraw_button, self.tr("Withdraw a notice issued by mistake")),
        ):
            button.setEnabled(refusal is None)
            button.setToolTip(tooltip if refusal is None else refusal)

    def change_refusal(self, notice: NoticeView | None) -> str | None:
        """Why the notice cannot be changed or withdrawn here (None: it can)."""
        access = self.access
        if notice is None:
            return self.tr("Select a notice first")
        if notice.closed:
            return self.tr("{0} is verified and closed (已销号): it stays as it is").format(
                notice.number
            )
        if access.read_only:
            return self.tr("The data file is open read-only: {0}").format(
                access.read_only_reason or ""
            )
        if not access.may(Action.RECORD_CHECKS):
            return self.tr("Your role ({0}) may not: {1}").format(
                access.actor.role.label, Action.RECORD_CHECKS.label
            )
        return None

    def _changed(self, notice: NoticeView) -> None:
        """A change answered with the notice as stored: its row, the counts, the grid."""
        # The proxy filters the changed row again by itself (a closed notice may leave
        # 未销号), as it re-sorts: dynamic filtering is on.
        self.model.put(notice)
        self._count()  # and the buttons: a verified notice can no longer be changed
        self.notice_changed.emit(notice)

    def _reread(self, notice: NoticeView) -> None:
        """After a refusal: the notice as the file holds it now (changed, closed or
        withdrawn on another workstation), on its row and on the grid's."""
        try:
            fresh = self.notices.notice(notice.number)
        except InputError:  # withdrawn meanwhile
            self._withdrawn(notice)
        except (StorageError, PermissionDeniedError):
            return  # the row stays as it was; the dialog has said what went wrong
        else:
            self._changed(fresh)

    def _withdrawn(self, notice: NoticeView) -> None:
        self.model.drop(notice.id)
        self._count()
        self.notice_withdrawn.emit(notice)

    def open_selected(self) -> RectificationDialog | None:
        notice = self.selected()
        if notice is None:
            return None
        dialog = RectificationDialog(self.access, self.notices, notice, self, today=self.today)
        dialog.changed.connect(self._changed)
        self.rectification = dialog
        dialog.open()
        return dialog

    def edit_selected(self) -> NoticeDialog | None:
        """修改…: the form the notice was issued with, over the notice as listed."""
        notice = self.selected()
        if notice is None or self.change_refusal(notice) is not None:
            return None
        notices = self.notices

        def save(draft: NoticeDraft) -> NoticeView:
            return notices.update(
                notice.id,
                notice.version,
                color=draft.color,
                content=draft.content,
                deadline=draft.deadline,
                deduction=draft.deduction,
            )

        tasks = [f"{task.seq}. {task.title}" for task in notice.tasks]
        dialog = NoticeDialog(
            draft_of(notice), notice.department, tasks, save, self, number=notice.number
        )
        dialog.issued.connect(self._changed)
        dialog.refused.connect(lambda: self._reread(notice))
        self.editor = dialog
        dialog.open()
        return dialog

    def withdraw_selected(self) -> WithdrawNoticeDialog | None:
        """撤回…: asks for the reason, says what withdrawing does, withdraws."""
        notice = self.selected()
        if notice is None or self.change_refusal(notice) is not None:
            return None
        dialog = WithdrawNoticeDialog(self.notices, notice, self)
        dialog.withdrawn.connect(self._withdrawn)
        dialog.refused.connect(lambda: self._reread(notice))
        self.withdrawal = dialog
        dialog.open()
        return dialog

    def print_selected(self) -> None:
        notice = self.selected()
        if notice is None:
            return
        number, notices = notice.number, self.notices
        check_outputs.write_pdf(
            self,
            self.tr("Print notice"),
            f"{number}.pdf",
            lambda out, font: notices.notice_pdf(number, out, font_path=font),
        )
