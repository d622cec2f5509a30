"""期间关闭: close a quarter, half year or year so its rows become read-only for
everyone, and (管理员, with a reason) reopen it. The lock itself is in the data
file's triggers; this screen only asks and shows the record of who did what."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.periods import MAX_YEAR, MIN_YEAR
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.files.periods import PeriodService, PeriodStatus, period_statuses
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.periods.period_rows import HistoryTableModel, PeriodTableModel
from kaohe_desktop.ui.workers import Job, run_job

translate = QCoreApplication.translate


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """One line of text; None if cancelled. A function so tests can answer it."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, "")
    return text if ok else None


def ask_reopen_reason(parent: QWidget, label: str) -> str | None:
    """The reason to reopen the period `label` (required, kept in the audit log); None
    when cancelled, or left blank (which is said). The 期间关闭 screen and the 季度考核
    tab ask the same question, so it is asked here once."""
    title = translate("PeriodsDialog", "Reopen period")
    reason = ask_text(
        parent,
        title,
        translate(
            "PeriodsDialog", "Why must {0} be reopened? (required, kept in the audit log)"
        ).format(label),
    )
    if reason is None:
        return None
    if not reason.strip():
        messages.warn(
            parent, title, translate("PeriodsDialog", "A period is reopened only with a reason.")
        )
        return None
    return reason


def early_close_question(periods: PeriodService, period: str) -> str | None:
    """本季度到 … 结束，今天是 …。仍要关闭吗？: the service's words and the question when
    `period` would close before its last day. None when not, or when that cannot be told
    now: the close records it all the same. This screen and each tab's close ask it."""
    try:
        warning = periods.early_close_warning(period)
    except (InputError, StorageError, PermissionDeniedError):
        return None
    return warning + translate("PeriodsDialog", "Close anyway?") if warning else None


class PeriodsDialog(QDialog):
    periods_changed = Signal()  # a period was closed or reopened: screens re-read their rows

    def __init__(
        self, access: Access, periods: PeriodService, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("periodsDialog")
        self.setWindowTitle(self.tr("Close periods"))
        self.resize(820, 600)
        self.access = access
        self.periods = periods
        self.job: Job | None = None

        self.year = QSpinBox()
        self.year.setObjectName("periodsYear")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(year)
        self.year.valueChanged.connect(lambda _year: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year:")))
        top.addWidget(self.year)
        top.addStretch(1)
        explain = QLabel(
            self.tr(
                "A closed period is read-only for everyone, on every workstation; the data file"
                " itself refuses changes to its rows. Closing a half year or the year also locks"
                " the quarters inside it. Only an administrator can reopen a period, with a"
                " reason that is kept in the audit log."
            )
        )
        explain.setWordWrap(True)

        self.model = PeriodTableModel(self)
        self.view = make_table_view(
            self.model, {0: 150, 1: 150, 2: 90, 3: 130}, sortable=False, name="periodTable"
        )
        # Seven rows, always: as tall as they are, the history below takes the rest.
        rows = self.view.verticalHeader().defaultSectionSize() * 7
        header = self.view.horizontalHeader().sizeHint().height()
        self.view.setFixedHeight(rows + header + 2 * self.view.frameWidth() + 2)
        self.view.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._update_buttons()
        )
        self.close_button = QPushButton(self.tr("Close period…"))
        self.close_button.setObjectName("closePeriod")
        self.close_button.clicked.connect(self.close_selected)
        self.reopen_button = QPushButton(self.tr("Reopen…"))
        self.reopen_button.setObjectName("reopenPeriod")
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.rights = QLabel()
        self.rights.setObjectName("periodRights")
        self.rights.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.close_button)
        actions.addWidget(self.reopen_button)
        actions.addWidget(self.rights, 1)

        self.history_model = HistoryTableModel(self)
        self.history_view = make_table_view(
            self.history_model, {0: 130, 1: 120, 2: 70, 3: 120, 4: 120, 5: 90}, name="historyTable"
        )
        history_box = QGroupBox(self.tr("History of closes"))
        QVBoxLayout(history_box).addWidget(self.history_view)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(explain)
        layout.addWidget(self.view)
        layout.addLayout(actions)
        layout.addWidget(history_box, 1)
        layout.addWidget(buttons)
        self._show_rights()
        self.reload()

    # --- showing --------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected()
        try:
            history = self.periods.history()
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(self, self.windowTitle(), error)
            history = []
        rows = period_statuses(self.year.value(), history)
        self.model.set_rows(rows)
        self.history_model.set_rows(history)
        periods = [row.period for row in rows]
        if selected is not None and selected.period in periods:
            self.view.selectRow(periods.index(selected.period))
        self._update_buttons()

    def selected(self) -> PeriodStatus | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_period(self, period: str) -> None:
        periods = [row.period for row in self.model.rows()]
        self.view.selectRow(periods.index(period))

    def _show_rights(self) -> None:
        if self.access.read_only:
            text = self.tr("The data file is open read-only: {0}").format(
                self.access.read_only_reason or ""
            )
        elif not self.access.may(Action.CLOSE_PERIOD):
            text = self.tr("Only a reviewer or an administrator can close periods.")
        elif not self.access.may(Action.REOPEN_PERIOD):
            text = self.tr("Only an administrator can reopen a closed period.")
        else:
            text = ""
        self.rights.setText(text)

    def _update_buttons(self) -> None:
        row = self.selected()
        running = self.job is not None and self.job.is_running()
        self.close_button.setEnabled(
            row is not None
            and not row.closed
            and not running
            and self.access.may(Action.CLOSE_PERIOD)
        )
        self.reopen_button.setEnabled(
            row is not None and row.closed and not running and self.access.may(Action.REOPEN_PERIOD)
        )

    # --- closing and reopening ------------------------------------------------
    def close_selected(self) -> Job | None:
        row = self.selected()
        if row is None or row.closed:
            return None
        title = self.tr("Close period")
        note = ask_text(self, title, self.tr("Note for {0} (optional):").format(row.label))
        if note is None:
            return None
        consequences = self.tr(
            "Its rows become read-only for everyone until an administrator reopens it."
            " A full integrity check of the data file runs first; on a network drive this"
            " can take a while."
        )
        # Before its last day that comes first, then the usual consequences.
        question = early_close_question(self.periods, row.period)
        if not messages.ask(
            self, title, question or self.tr("Close {0}?").format(row.label), consequences
        ):
            return None
        period = row.period
        periods = self.periods

        def closed(_result: object) -> None:
            self.reload()
            self.periods_changed.emit()
            messages.info(self, title, self.tr("{0} is closed.").format(row.label))

        def failed(error: BaseException) -> None:
            self.reload()
            messages.show_error(self, title, error)

        self.job = run_job(
            self,
            self.tr("Checking the data file and closing {0}…").format(row.label),
            lambda _progress: periods.close(period, note),
            on_success=closed,
            on_error=failed,
            cancellable=False,
        )
        self.job.done.connect(self._update_buttons)
        self._update_buttons()
        return self.job

    def reopen_selected(self) -> bool:
        row = self.selected()
        if row is None or not row.closed:
            return False
        title = self.tr("Reopen period")
        reason = ask_reopen_reason(self, row.label)
        if reason is None:
            return False
        try:
            self.periods.reopen(row.period, reason)
        except (InputError, StorageError, PermissionDeniedError) as error:
            messages.show_error(self, title, error)
            self.reload()
            return False
        self.reload()
        self.periods_changed.emit()
        return True
