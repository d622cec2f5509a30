"""操作日志 for 管理员: who changed what and when, filtered, with the chain's verdict on top.

The log grows by one row per changed row, so a few years hold tens of thousands:
reading (and walking the hash chain) runs in a worker job that can be cancelled. A
filter changed while a read is under way cancels it and reads again once it stopped,
so the table always shows the latest filter and never two reads race.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.services.access.audit_log import (
    ENTITY_LABELS,
    MAX_ROWS,
    AuditEntryView,
    AuditFilter,
    AuditLogService,
    ChainStatus,
)
from kaohe_desktop.services.errors import Cancelled
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.ui.audit.audit_model import (
    ACCOUNT,
    ACTION,
    ENTITY,
    RECORD,
    SEQUENCE,
    TIME,
    AuditEntryTableModel,
)
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.empty_state import EmptyStateStack
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.workers import Job, run_job

_WIDTHS = {SEQUENCE: 64, TIME: 150, ACCOUNT: 90, ACTION: 90, ENTITY: 110, RECORD: 320}
_FIND_PAUSE_MS = 400  # the read waits until the administrator stops typing
_OK_STYLE = "color: #2e7d32; font-weight: bold;"
_BROKEN_STYLE = "color: #c62828; font-weight: bold;"


@dataclass(frozen=True)
class LoadedLog:
    entries: list[AuditEntryView]
    accounts: list[str]
    entities: list[str]
    chain: ChainStatus | None  # None when the chain was not walked again


class AuditLogDialog(QDialog):
    def __init__(self, audit_log: AuditLogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogDialog")
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(1240, 640)
        self.audit_log = audit_log  # the one service it uses
        self.job: Job | None = None
        self._again: bool | None = None  # a read asked for while one ran: verify or not
        self._job_verifies = False

        self.chain_status = QLabel(self.tr("Checking the log's chain…"))
        self.chain_status.setObjectName("chainStatus")
        self.chain_status.setWordWrap(True)
        self.chain_ok: bool | None = None

        self.account_filter = self._combo("accountFilter")
        self.entity_filter = self._combo("entityFilter")
        today = QDate.currentDate()
        self.since_enabled, self.since = self._date_filter("since", today.addDays(-30))
        self.until_enabled, self.until = self._date_filter("until", today)
        # Every line names its person, task or department (storage/audit_subjects):
        # typing a name or 编号 finds them.
        self.find_box = QLineEdit()
        self.find_box.setObjectName("auditFind")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setPlaceholderText(self.tr("Name, code, task or department"))
        self.find_box.setToolTip(
            self.tr(
                "Shows the entries whose record names these words: a person's name or code, "
                "a task, a department, a period"
            )
        )
        self.find_box.setMinimumWidth(200)
        self._find_pause = QTimer(self)
        self._find_pause.setSingleShot(True)
        self._find_pause.setInterval(_FIND_PAUSE_MS)
        self._find_pause.timeout.connect(self.reload)
        self.since_enabled.setText(self.tr("From"))
        self.until_enabled.setText(self.tr("To"))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setObjectName("auditRefresh")
        refresh.setAutoDefault(False)
        refresh.setToolTip(self.tr("Read the log again and check its chain again"))
        refresh.clicked.connect(lambda _checked=False: self.reload(verify=True))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Account:")))
        filters.addWidget(self.account_filter)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("Object:")))
        filters.addWidget(self.entity_filter)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("Find:")))
        filters.addWidget(self.find_box, 1)
        filters.addSpacing(12)
        for widget in (self.since_enabled, self.since, self.until_enabled, self.until):
            filters.addWidget(widget)
        filters.addWidget(refresh)

        self.model = AuditEntryTableModel(self)
        self.table = make_table_view(self.model, _WIDTHS, sortable=False, name="auditTable")
        self.stack = EmptyStateStack(self.table)
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.chain_status)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

        self.account_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.entity_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.find_box.textChanged.connect(lambda _text: self._find_pause.start())
        for check, edit in ((self.since_enabled, self.since), (self.until_enabled, self.until)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _on: self.reload())
            edit.dateChanged.connect(lambda _date, check=check: self._reload_if(check.isChecked()))
        self.reload(verify=True)

    # --- widgets --------------------------------------------------------------
    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(self.tr("All"), None)
        return combo

    def _date_filter(self, name: str, start: QDate) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox()
        check.setObjectName(f"{name}Enabled")
        edit = QDateEdit(start)
        edit.setObjectName(f"{name}Date")
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)  # a date only narrows the log once its box is ticked
        return check, edit

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)  # refilling is not the administrator choosing a filter
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        finally:
            combo.blockSignals(False)

    def _reload_if(self, wanted: bool) -> None:
        if wanted:
            self.reload()

    # --- reading --------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            account=self.account_filter.currentData(),
            entity=self.entity_filter.currentData(),
            since=_day(self.since) if self.since_enabled.isChecked() else None,
            until=_day(self.until) if self.until_enabled.isChecked() else None,
            text=self.find_box.text().strip() or None,
        )

    def is_loading(self) -> bool:
        return self._again is not None or (self.job is not None and self.job.is_running())

    def reload(self, verify: bool = False) -> None:
        if self.job is not None and self.job.is_running():
            # The read that is cancelled may have been the one to check the chain.
            self._again = bool(self._again) or verify or self._job_verifies
            self.job.reporter.cancel()
            return
        audit, audit_filter = self.audit_log, self.current_filter()
        checking, reading = self.tr("Checking the log's chain…"), self.tr("Reading the log…")

        def work(progress: ProgressReporter) -> LoadedLog:
            chain = None
            if verify:
                progress.report(0, 3, checking)
                chain = audit.verify()
            progress.report(1, 3, reading)
            accounts, entities = audit.accounts(), audit.entities()
            entries = audit.entries(audit_filter)
            progress.report(3, 3, reading)  # a cancel during the query lands here
            return LoadedLog(entries, accounts, entities, chain)

        self.count.setText(reading)
        self._job_verifies = verify
        self.job = run_job(self, reading, work, on_success=self._show, on_error=self._failed)
        self.job.done.connect(self._after_job)

    def _after_job(self) -> None:
        if self._again is not None:
            verify, self._again = self._again, None
            self.reload(verify=verify)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            if self._again is None:  # the administrator cancelled, not a newer filter
                self.count.setText(self.tr("Reading cancelled; the table may be out of date."))
                if self.chain_ok is None:
                    self.chain_status.setText(
                        self.tr("The log's chain was not checked. Press Refresh to check it.")
                    )
            return
        self.count.setText(self.tr("The log could not be read."))
        messages.show_error(self, self.windowTitle(), error)

    def _show(self, loaded: LoadedLog) -> None:
        if self._again is not None:
            return  # a newer filter is waiting; its read follows
        if loaded.chain is not None:
            self.chain_ok = loaded.chain.ok
            self.chain_status.setText(loaded.chain.text)
            self.chain_status.setStyleSheet(_OK_STYLE if loaded.chain.ok else _BROKEN_STYLE)
        self._refill(self.account_filter, [(name, name) for name in loaded.accounts])
        self._refill(
            self.entity_filter,
            [(ENTITY_LABELS.get(code, code), code) for code in loaded.entities],
        )
        self.model.set_rows(loaded.entries)
        shown = len(loaded.entries)
        if shown >= MAX_ROWS:
            self.count.setText(
                self.tr(
                    "Showing the newest {0} entries only. Narrow the filter "
                    "(account, object, dates) to see older ones."
                ).format(MAX_ROWS)
            )
        else:
            self.count.setText(self.tr("Entries shown: {0}").format(shown))
        if shown:
            self.stack.show_content()
        else:
            self.stack.show_empty(self._empty_text())

    def _empty_text(self) -> str:
        if self.current_filter() == AuditFilter():
            return self.tr("The log has no entries yet.")
        words = self.find_box.text().strip()
        if words:
            return self.tr(
                "No entry's record names “{0}”. Check the spelling, or clear the Find box "
                "and choose “All” to see every entry."
            ).format(words)
        return self.tr(
            "No log entries match this filter. Choose “All” or widen the dates to see more."
        )

    def done(self, result: int) -> None:
        # The worker must not outlive the dialog that receives its result.
        self._again = None
        if self.job is not None and self.job.is_running():
            self.job.reporter.cancel()
            self.job.wait()
        super().done(result)


def _day(edit: QDateEdit) -> date:
    # QDate.toPython() is typed as object in PySide6's stubs; the parts are plain ints.
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())
