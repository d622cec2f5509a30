"""The fields of one 台账任务, each with the place where its problem is shown.

The form only holds values: it reads and writes them in the form the services use
(ledger_rules.TASK_FIELDS keys; 责任科室 as one "、"-joined string, 分值 as text,
empty optional text as None) and shows the problems it is given. Deciding what is
wrong is validate_task's job, deciding when to say it the dialog's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.ledger_rules import (
    MAX_SEQ,
    TASK_FIELDS,
    TaskProblem,
    join_departments,
    split_departments,
)

PROBLEM_COLOR = "#b00020"
HINT_COLOR = "#555555"
NAME_ROLE = Qt.ItemDataRole.UserRole  # a department item's name (its text may say 已撤销)


def _label(text: str, name: str, color: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {color};")
    label.setText(text)
    return label


class TaskForm(QWidget):
    edited = Signal(str)  # the field the clerk changed

    def __init__(
        self,
        departments: Sequence[str],
        retired: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.problem_labels: dict[str, QLabel] = {}
        self.seq = QSpinBox()
        self.seq.setRange(1, MAX_SEQ)
        self.seq.setMinimumWidth(90)
        self.seq_hint = _label("", "seqHint", HINT_COLOR)
        self.title = QLineEdit()
        self.title.setMinimumWidth(340)
        self.target = QPlainTextEdit()
        self.target.setTabChangesFocus(True)
        self.target.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.category = QComboBox()
        self.category.addItems(TaskCategory.labels())
        self.lead = QComboBox()
        self.lead.setPlaceholderText(self.tr("Choose a department"))
        self.responsible = QListWidget()
        self.responsible.setMinimumWidth(220)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(self.tr("e.g. 6月底前, 5-6月, 上半年, 每季度"))
        self.deadline_hint = _label("", "deadlineHint", HINT_COLOR)
        self.points = QLineEdit()
        self.points.setMaximumWidth(120)
        self.points.setPlaceholderText(self.tr("e.g. 10 or 2.5"))
        self.source = QLineEdit()
        self.note = QLineEdit()
        self._set_departments(departments, retired)

        self.widgets: dict[str, QWidget] = {
            "seq": self.seq,
            "title": self.title,
            "target": self.target,
            "category": self.category,
            "lead_department": self.lead,
            "responsible": self.responsible,
            "deadline": self.deadline,
            "points": self.points,
            "source": self.source,
            "note": self.note,
        }
        for name, widget in self.widgets.items():
            widget.setObjectName(f"field_{name}")
        self._build_layout()
        self._connect()

    # --- building -------------------------------------------------------------
    def _set_departments(self, departments: Sequence[str], retired: Iterable[str]) -> None:
        retired_names = [name for name in dict.fromkeys(retired) if name not in departments]
        for name in [*departments, *retired_names]:
            shown = name if name in departments else self.tr("{0} (retired)").format(name)
            self.lead.addItem(shown, name)
            item = QListWidgetItem(shown)
            item.setData(NAME_ROLE, name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.responsible.addItem(item)
        rows = max(4, min(self.responsible.count(), 12))
        row_height = max(self.responsible.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.responsible.setFixedHeight(row_height * rows + 2 * self.responsible.frameWidth())

    def _cell(self, name: str, widget: QWidget, *extra: QWidget) -> QWidget:
        """The field with its hint and its problem below it, as one form cell."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        for item in extra:
            column.addWidget(item)
        problem = _label("", f"problem_{name}", PROBLEM_COLOR)
        problem.hide()
        column.addWidget(problem)
        self.problem_labels[name] = problem
        return cell

    def _build_layout(self) -> None:
        seq_row = QWidget()
        row = QHBoxLayout(seq_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.seq)
        row.addWidget(self.seq_hint, 1)
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        left.setVerticalSpacing(10)
        left.addRow(self.tr("No.:"), self._cell("seq", seq_row))
        left.addRow(self.tr("Task:"), self._cell("title", self.title))
        left.addRow(self.tr("Target and requirements:"), self._cell("target", self.target))
        left.addRow(self.tr("Category:"), self._cell("category", self.category))
        left.addRow(self.tr("Deadline:"), self._cell("deadline", self.deadline, self.deadline_hint))
        left.addRow(self.tr("Points:"), self._cell("points", self.points))
        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        right.setVerticalSpacing(10)
        right.addRow(self.tr("Lead department:"), self._cell("lead_department", self.lead))
        tick = _label(self.tr("Tick one or more."), "responsibleHint", HINT_COLOR)
        right.addRow(
            self.tr("Responsible departments:"),
            self._cell("responsible", self.responsible, tick),
        )
        right.addRow(self.tr("Task source:"), self._cell("source", self.source))
        right.addRow(self.tr("Note:"), self._cell("note", self.note))
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 3)
        columns.addSpacing(16)
        columns.addLayout(right, 2)

    def _connect(self) -> None:
        self.seq.valueChanged.connect(lambda _v: self.edited.emit("seq"))
        self.title.textEdited.connect(lambda _t: self.edited.emit("title"))
        self.target.textChanged.connect(lambda: self.edited.emit("target"))
        self.category.currentIndexChanged.connect(lambda _i: self.edited.emit("category"))
        self.lead.currentIndexChanged.connect(lambda _i: self.edited.emit("lead_department"))
        self.responsible.itemChanged.connect(lambda _item: self.edited.emit("responsible"))
        self.deadline.textEdited.connect(lambda _t: self.edited.emit("deadline"))
        self.points.textEdited.connect(lambda _t: self.edited.emit("points"))
        self.source.textEdited.connect(lambda _t: self.edited.emit("source"))
        self.note.textEdited.connect(lambda _t: self.edited.emit("note"))

    # --- values ---------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        def optional(text: str) -> str | None:
            return text.strip() or None

        lead = self.lead.currentData()
        return {
            "seq": self.seq.value(),
            "title": self.title.text().strip(),
            "target": optional(self.target.toPlainText()),
            "category": self.category.currentText(),
            "lead_department": "" if lead is None else str(lead),
            "responsible": join_departments(self.checked_departments()),
            "deadline": self.deadline.text().strip(),
            "points": self.points.text().strip(),
            "source": optional(self.source.text()),
            "note": optional(self.note.text()),
        }

    def checked_departments(self) -> list[str]:
        return [
            str(item.data(NAME_ROLE))
            for item in self._department_items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Show `values` (any TASK_FIELDS key may be missing) without emitting `edited`."""
        self.blockSignals(True)
        try:
            if values.get("seq") is not None:
                self.seq.setValue(int(values["seq"]))
            self.title.setText(str(values.get("title") or ""))
            self.target.setPlainText(str(values.get("target") or ""))
            category = values.get("category") or TaskCategory.ROUTINE.label
            self.category.setCurrentIndex(max(0, self.category.findText(str(category))))
            self.lead.setCurrentIndex(self.lead.findData(values.get("lead_department") or ""))
            chosen = set(split_departments(values.get("responsible")))
            for item in self._department_items():
                checked = item.data(NAME_ROLE) in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.deadline.setText(str(values.get("deadline") or ""))
            self.points.setText(str(values.get("points") or ""))
            self.source.setText(str(values.get("source") or ""))
            self.note.setText(str(values.get("note") or ""))
        finally:
            self.blockSignals(False)

    def _department_items(self) -> list[QListWidgetItem]:
        return [self.responsible.item(row) for row in range(self.responsible.count())]

    # --- problems -------------------------------------------------------------
    def show_problems(self, problems: Sequence[TaskProblem], shown_fields: set[str]) -> None:
        """Each problem under its field, for the fields in `shown_fields` only."""
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        for name in TASK_FIELDS:
            label = self.problem_labels[name]
            messages = by_field.get(name, []) if name in shown_fields else []
            if name == "deadline":
                messages = []  # the deadline hint says it, with the examples
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))

    def set_deadline_hint(self, text: str, *, problem: bool) -> None:
        self.deadline_hint.setText(text)
        color = PROBLEM_COLOR if problem else HINT_COLOR
        self.deadline_hint.setStyleSheet(f"color: {color};")
