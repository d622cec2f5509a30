"""局领导抽查: draw the period's 三级 sample (a share or a number of its confirmed checks)
and print the list the leaders take with them.

The draw is the service's: reproducible from a recorded seed, stored with who drew it
and when, and the latest draw is the period's sample (a 三级 check can be recorded
only on a drawn pair). The dialog shows the latest draw; drawing again asks first,
because it replaces the list the leaders may already hold.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.checks.entry import CheckService
from kaohe_desktop.services.checks.views import DueCheckRow, SampleView
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.checks import check_outputs
from kaohe_desktop.ui.checks.due_columns import standing_text, status_text
from kaohe_desktop.ui.checks.notice_dialog import PROBLEM_STYLE
from kaohe_desktop.ui.checks.period_bar import period_name
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.messages import describe_error
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view


class SampleTableModel(RowTableModel[DueCheckRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(self.tr("No."), lambda r: r.seq, numeric=True),
                Column(self.tr("Task"), lambda r: r.title, tooltip=lambda r: r.title),
                Column(self.tr("Responsible department"), lambda r: r.department),
                Column(self.tr("Result"), standing_text, center=True),
                Column(
                    CheckLevel.LEADERSHIP.label,
                    lambda r: status_text(r.entry(CheckLevel.LEADERSHIP)) or "—",
                    center=True,
                ),
            ]
        )


class SampleDialog(QDialog):
    drawn = Signal(object)  # SampleView, a new draw

    def __init__(
        self,
        access: Access,
        checks: CheckService,
        period: CheckPeriod,
        rows: Sequence[DueCheckRow],
        default_percent: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sampleDialog")
        self.setWindowTitle(self.tr("Leaders' spot check (局领导抽查), {0}").format(period.label()))
        self.resize(760, 520)
        self.access, self.checks, self.period = access, checks, period
        self._rows = {row.key: row for row in rows}
        self.sample: SampleView | None = None

        self.by_share = QRadioButton(self.tr("A share:"))
        self.by_share.setObjectName("sampleByShare")
        self.by_count = QRadioButton(self.tr("A number:"))
        self.by_count.setObjectName("sampleByCount")
        group = QButtonGroup(self)
        group.addButton(self.by_share)
        group.addButton(self.by_count)
        self.by_share.setChecked(True)
        self.percent = QSpinBox()
        self.percent.setObjectName("samplePercent")
        self.percent.setRange(1, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(default_percent)
        self.count = QSpinBox()
        self.count.setObjectName("sampleCount")
        self.count.setRange(1, max(1, len(rows)))
        self.count.setSuffix(self.tr(" checks"))
        self.count.setValue(min(5, max(1, len(rows))))
        self.draw_button = QPushButton(self.tr("Draw"))
        self.draw_button.setObjectName("drawSample")
        self.draw_button.clicked.connect(lambda: self.draw())
        self.info = QLabel()
        self.info.setObjectName("sampleInfo")
        self.info.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("sampleProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.model = SampleTableModel(self)
        self.table = make_table_view(self.model, {0: 48, 1: 320, 2: 120, 3: 80}, name="sampleTable")
        self.print_button = QPushButton(self.tr("Print list…"))
        self.print_button.setObjectName("printSample")
        self.print_button.clicked.connect(lambda: self.print_list())

        choice = QHBoxLayout()
        choice.addWidget(self.by_share)
        choice.addWidget(self.percent)
        choice.addSpacing(16)
        choice.addWidget(self.by_count)
        choice.addWidget(self.count)
        choice.addStretch(1)
        choice.addWidget(self.draw_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(self.problem)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

        may_draw = access.may(Action.REVIEW)
        for widget in (self.by_share, self.by_count, self.percent, self.count, self.draw_button):
            widget.setEnabled(may_draw)
        if not may_draw:
            self.draw_button.setToolTip(self.tr("A reviewer or an administrator draws the sample"))
        try:
            self.show_sample(checks.sample(period))
        except (StorageError, PermissionDeniedError) as error:
            self.problem.setText(describe_error(error))

    def show_sample(self, sample: SampleView | None) -> None:
        self.sample = sample
        if sample is None:
            self.info.setText(
                self.tr("No sample drawn for {0} yet.").format(period_name(self.period))
            )
            self.model.set_rows([])
        else:
            how = (
                f"{sample.share_percent}%"
                if sample.share_percent is not None
                else self.tr("{0} checks").format(sample.requested)
            )
            self.info.setText(
                self.tr(
                    "Drawn by {0} on {1}: {2} of {3} confirmed checks ({4}). Seed {5}: the same "
                    "seed over the same checks draws the same list."
                ).format(
                    sample.drawn_by,
                    f"{sample.drawn_at:%Y-%m-%d %H:%M}",
                    len(sample.drawn),
                    sample.population,
                    how,
                    sample.seed,
                )
            )
            self.model.set_rows([self._rows[k] for k in sample.drawn if k in self._rows])
        self.print_button.setEnabled(sample is not None and self.access.may(Action.EXPORT))

    def draw(self) -> SampleView | None:
        if self.sample is not None and not messages.ask(
            self,
            self.windowTitle(),
            self.tr("Draw again? The new list replaces the one drawn on {0}.").format(
                f"{self.sample.drawn_at:%Y-%m-%d %H:%M}"
            ),
            self.tr("三级 checks already recorded stay; new ones only on the new list."),
        ):
            return None
        percent = self.percent.value() if self.by_share.isChecked() else None
        count = self.count.value() if self.by_count.isChecked() else None
        try:
            sample = self.checks.draw_sample(self.period, percent=percent, count=count)
        except (InputError, StorageError, PermissionDeniedError) as error:
            self.problem.setText(describe_error(error))
            return None
        self.problem.clear()
        self.show_sample(sample)
        self.drawn.emit(sample)
        return sample

    def set_rows(self, rows: Sequence[DueCheckRow]) -> None:
        """The period's rows read again after the draw (their 抽中 marks)."""
        self._rows = {row.key: row for row in rows}
        self.show_sample(self.sample)

    def print_list(self) -> None:
        checks, period = self.checks, self.period
        check_outputs.write_pdf(
            self,
            self.tr("Print spot check list"),
            f"{period.label()}局领导抽查清单.pdf",
            lambda out, font: checks.sample_pdf(period, out, font),
        )
