"""The 台账 table: one row per ledger task of the year."""

from __future__ import annotations

from PySide6.QtCore import QObject

from kaohe_desktop.domain.enums import CheckStatus, TaskCategory
from kaohe_desktop.services.views import TaskView
from kaohe_desktop.ui.common.table_model import Column, RowTableModel

# Worst status first, so sorting the column puts the tasks that need attention on top.
_STATUS_ORDER = {
    CheckStatus.MISSED: 0,
    CheckStatus.PARTIAL: 1,
    CheckStatus.LATE: 2,
    CheckStatus.NOT_DUE: 3,
    CheckStatus.DONE: 4,
}
STATUS_COLORS = {
    CheckStatus.MISSED: "#c62828",
    CheckStatus.PARTIAL: "#d84315",
    CheckStatus.LATE: "#a66a00",
    CheckStatus.NOT_DUE: "#616161",
    CheckStatus.DONE: "#2e7d32",
}
KEY_COLOR = "#8e1b1b"

# Column positions the tab refers to (search, widths).
SEQ, TITLE, TARGET, CATEGORY, LEAD, RESPONSIBLE, DEADLINE, DUE, POINTS, PROGRESS, WORST = range(11)


def _is_key(task: TaskView) -> bool:
    return task.category is TaskCategory.KEY


def _title(task: TaskView) -> str:
    # ★ marks a key task even where colour is not seen (printouts, colour blindness).
    return f"★ {task.title}" if _is_key(task) else task.title


def _progress(task: TaskView) -> str:
    return f"{task.checks_recorded}/{task.checks_expected}"


def _progress_sort(task: TaskView) -> float:
    if task.checks_expected == 0:
        return -1.0
    return task.checks_recorded / task.checks_expected


class TaskTableModel(RowTableModel[TaskView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(self._columns_spec())

    def _columns_spec(self) -> list[Column[TaskView]]:
        key_label = self.tr("Key task")
        return [
            Column(self.tr("No."), lambda t: t.seq, numeric=True),
            Column(
                self.tr("Task"),
                _title,
                bold=_is_key,
                color=lambda t: KEY_COLOR if _is_key(t) else None,
                tooltip=lambda t: f"{t.title}（{key_label}）" if _is_key(t) else t.title,
            ),
            Column(
                self.tr("Target and requirements"), lambda t: t.target, tooltip=lambda t: t.target
            ),
            Column(
                self.tr("Category"),
                lambda t: t.category.label,
                center=True,
                color=lambda t: KEY_COLOR if _is_key(t) else None,
                bold=_is_key,
            ),
            Column(self.tr("Lead department"), lambda t: t.lead_department),
            Column(
                self.tr("Responsible departments"),
                lambda t: t.responsible_departments,
                tooltip=lambda t: "\n".join(t.responsible_departments),
            ),
            Column(self.tr("Deadline"), lambda t: t.deadline),
            Column(
                self.tr("Periods checked"), lambda t: t.due_periods, tooltip=lambda t: t.due_periods
            ),
            Column(self.tr("Points"), lambda t: t.points, numeric=True),
            Column(
                self.tr("Checks recorded"),
                _progress,
                center=True,
                sort=_progress_sort,
                tooltip=lambda t: self.tr("{0} of {1} expected first-level checks recorded").format(
                    t.checks_recorded, t.checks_expected
                ),
                header_tooltip=self.tr("First-level checks recorded / expected for the year"),
            ),
            Column(
                self.tr("Worst status"),
                lambda t: t.worst_status.label if t.worst_status else None,
                center=True,
                sort=lambda t: _STATUS_ORDER[t.worst_status] if t.worst_status else 9,
                color=lambda t: STATUS_COLORS[t.worst_status] if t.worst_status else None,
                bold=lambda t: t.worst_status is CheckStatus.MISSED,
            ),
        ]
