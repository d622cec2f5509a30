"""The 台账 table: one row per ledger task of the year.

A few simple cells can be edited in place. The model never writes them itself:
setData only emits `edit_requested`, and the tab turns that into an undoable
EditTask through the service, then reloads. So the table shows what the data file
holds, never a value the file refused.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from kaohe_desktop.domain.enums import CheckStatus, TaskCategory
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.ui.common.table_model import AnyIndex, Column, RowTableModel, format_value

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

# The cells a clerk may change in place, and the task field (ledger_rules.TASK_FIELDS) each writes.
INLINE_FIELDS = {TITLE: "title", TARGET: "target", DEADLINE: "deadline", POINTS: "points"}


def raw_value(task: TaskView, field: str) -> str:
    """The text an inline editor starts from: the title without its ★, points as typed."""
    if field == "title":
        return task.title
    if field == "target":
        return task.target or ""
    if field == "deadline":
        return task.deadline
    if field == "points":
        return format_value(task.points)
    raise KeyError(field)


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
    edit_requested = Signal(int, str, str)  # task id, field name, the text typed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._editable = False
        self.set_columns(self._columns_spec())

    # --- inline editing -------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        """Whether the simple cells may be edited in place (the clerk may change data)."""
        self._editable = editable

    @property
    def editable(self) -> bool:
        return self._editable

    def is_inline_editable(self, index: AnyIndex) -> bool:
        if not (self._editable and index.isValid() and index.column() in INLINE_FIELDS):
            return False
        if not 0 <= index.row() < self.rowCount():
            return False
        # A target of several lines would be flattened by a one-line editor: use the dialog.
        return not (index.column() == TARGET and "\n" in (self.row_at(index.row()).target or ""))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.is_inline_editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.EditRole
            and index.isValid()
            and index.column() in INLINE_FIELDS
            and 0 <= index.row() < self.rowCount()
        ):
            return raw_value(self.row_at(index.row()), INLINE_FIELDS[index.column()])
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_inline_editable(index):
            return False
        task = self.row_at(index.row())
        field = INLINE_FIELDS[index.column()]
        text = "" if value is None else str(value)
        if text.strip() == raw_value(task, field).strip():
            return False  # the editor was opened and closed without a change
        self.edit_requested.emit(task.id, field, text)
        return False  # nothing written here: the row changes when the tab reloads

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
