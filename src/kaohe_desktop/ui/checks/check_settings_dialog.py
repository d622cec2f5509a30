"""管理 → 查账设置…: the bureau's 查账 settings, kept in the data file (管理员).

Which department is the 督查科室 (printed on the 通报, named in the 二级 level), the
level a 录入员 enters at, the limits of attached files, when a 督办单 is suggested red
or blue, the default share of the leaders' spot check and the default 整改 time. The
service checks every value and names each one out of range; the dialog stays open with
what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.check_rules import CheckSettings
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.services.checks.entry import CheckService
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.checks.notice_dialog import PROBLEM_STYLE
from kaohe_desktop.ui.checks.period_bar import level_text
from kaohe_desktop.ui.common.messages import describe_error


def _spin(name: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setValue(min(max(value, low), high))
    spin.setSuffix(suffix)
    return spin


class CheckSettingsDialog(QDialog):
    def __init__(
        self,
        checks: CheckService,
        departments: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkSettingsDialog")
        self.setWindowTitle(self.tr("Check settings"))
        self.checks = checks
        self.saved: CheckSettings | None = None
        current = checks.settings()
        self._current = current

        self.supervision = QComboBox()
        self.supervision.setObjectName("supervisionDepartment")
        self.supervision.addItem(self.tr("(not set)"), None)
        for name in dict.fromkeys([*departments, current.supervision_department or ""]):
            if name:
                self.supervision.addItem(name, name)
        chosen = self.supervision.findData(current.supervision_department)
        self.supervision.setCurrentIndex(max(0, chosen))
        self.clerk_level = QComboBox()
        self.clerk_level.setObjectName("clerkLevel")
        for level in (CheckLevel.LEAD, CheckLevel.SUPERVISION):
            self.clerk_level.addItem(level_text(level, None), level.value)
        self.clerk_level.setCurrentIndex(
            max(0, self.clerk_level.findData(current.clerk_level.value))
        )
        mb, days = " MB", self.tr(" days")
        self.max_file = _spin("maxFileMb", 1, 500, current.max_file_mb, mb)
        self.max_period = _spin("maxPeriodMb", 1, 100_000, current.max_period_mb, mb)
        self.photo = _spin("photoMaxPx", 0, 10_000, current.photo_max_px, self.tr(" px"))
        self.photo.setSpecialValueText(self.tr("keep as taken"))
        self.red_days = _spin("redOverdueDays", 1, 365, current.red_overdue_days, days)
        self.sample = _spin("samplePercent", 1, 100, current.sample_percent, " %")
        self.rectify = _spin("rectifyDays", 1, 180, current.rectify_days, days)
        self.problem = QLabel()
        self.problem.setObjectName("checkSettingsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)

        form = QFormLayout()
        form.addRow(self.tr("督查科室 (二级 核对):"), self.supervision)
        form.addRow(self.tr("录入员 enter at:"), self.clerk_level)
        form.addRow(self.tr("Largest file:"), self.max_file)
        form.addRow(self.tr("Files per period, at most:"), self.max_period)
        form.addRow(self.tr("Reduce photos to (longer side):"), self.photo)
        form.addRow(self.tr("Red notice after overdue by:"), self.red_days)
        form.addRow(self.tr("Leaders' spot check share:"), self.sample)
        form.addRow(self.tr("Time to rectify a notice:"), self.rectify)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def settings(self) -> CheckSettings:
        data = self.supervision.currentData()
        return replace(
            self._current,
            supervision_department=None if data is None else str(data),
            clerk_level=CheckLevel(self.clerk_level.currentData()),
            max_file_mb=self.max_file.value(),
            max_period_mb=self.max_period.value(),
            photo_max_px=self.photo.value(),
            red_overdue_days=self.red_days.value(),
            sample_percent=self.sample.value(),
            rectify_days=self.rectify.value(),
        )

    def save(self) -> bool:
        try:
            self.saved = self.checks.save_settings(self.settings())
        except (InputError, StorageError, PermissionDeniedError) as error:
            self.problem.setText(describe_error(error))
            return False
        self.accept()
        return True
