"""从上年复制: the tasks of an earlier year, chosen one by one, copied into a new year.

The table previews exactly what the copy will write: the new 序号 (renumbered after
the target year's highest, or kept) and the deadline with its year moved. The copy
is one transaction in the service, all or nothing, and it is not on the undo stack
(a whole ledger is not one edit); the dialog says so, and each copied task can be
deleted on its own afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.ledger_rules import copy_forward_numbers, shift_deadline
from kaohe_desktop.domain.periods import MAX_YEAR, MIN_YEAR
from kaohe_desktop.services.errors import BusyError, InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.ledger.tasks import LedgerService
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.ledger.task_form import HINT_COLOR, PROBLEM_COLOR

R = TypeVar("R")
OLD_SEQ, NEW_SEQ, TITLE, LEAD, DEADLINE = range(5)


def default_years(years: list[int], shown: int) -> tuple[int | None, int]:
    """(from, to): into the shown year if it is still empty, else into the next one."""
    to_year = shown + 1 if shown in years else shown
    earlier = [y for y in years if y < to_year]
    from_year = to_year - 1 if to_year - 1 in earlier else (earlier[-1] if earlier else None)
    return from_year, to_year


class CopyForwardDialog(QDialog):
    def __init__(self, ledger: LedgerService, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copyForwardDialog")
        self.setWindowTitle(self.tr("Copy tasks from an earlier year"))
        self.resize(860, 560)
        self.ledger = ledger  # the one service it uses
        self.copied: list[TaskView] = []
        self._tasks: list[TaskView] = []
        self._years = ledger.years()
        from_year, to_year = default_years(self._years, year)

        self.from_year = QComboBox()
        self.from_year.setObjectName("fromYear")
        self.to_year = QSpinBox()
        self.to_year.setObjectName("toYear")
        self.to_year.setRange(MIN_YEAR, MAX_YEAR)
        self.to_year.setValue(to_year)
        self.renumber = QCheckBox(self.tr("Renumber (after the target year's last number)"))
        self.renumber.setObjectName("renumber")
        self.renumber.setChecked(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("copyTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("New No."),
                self.tr("Task"),
                self.tr("Lead department"),
                self.tr("Deadline"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.select_all = QPushButton(self.tr("Select all"))
        self.select_all.setObjectName("selectAll")
        self.select_none = QPushButton(self.tr("Select none"))
        self.select_none.setObjectName("selectNone")
        self.preview = QLabel()
        self.preview.setObjectName("copyPreview")
        self.preview.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Copying cannot be undone with Ctrl+Z; afterwards each copied task can be "
                "deleted on its own. Checks and notices are not copied."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {HINT_COLOR};")
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(
            self.tr("Copy"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.copy_button.setObjectName("copyTasks")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        years_row = QHBoxLayout()
        years_row.addWidget(QLabel(self.tr("Copy from:")))
        years_row.addWidget(self.from_year)
        years_row.addSpacing(16)
        years_row.addWidget(QLabel(self.tr("into year:")))
        years_row.addWidget(self.to_year)
        years_row.addSpacing(16)
        years_row.addWidget(self.renumber)
        years_row.addStretch(1)
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.select_all)
        choose_row.addWidget(self.select_none)
        choose_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(years_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(choose_row)
        layout.addWidget(self.preview)
        layout.addWidget(note)
        layout.addWidget(buttons)

        self.from_year.currentIndexChanged.connect(lambda _i: self._load_tasks())
        self.to_year.valueChanged.connect(lambda _v: self._fill_years())
        self.renumber.toggled.connect(lambda _on: self.update_preview())
        self.table.itemChanged.connect(lambda _item: self.update_preview())
        self.select_all.clicked.connect(lambda: self.set_all_checked(True))
        self.select_none.clicked.connect(lambda: self.set_all_checked(False))
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        self._fill_years(from_year)

    # --- choosing -------------------------------------------------------------
    def _fill_years(self, preferred: int | None = None) -> None:
        current = preferred if preferred is not None else self.chosen_from()
        to_year = self.to_year.value()
        earlier = [y for y in self._years if y < to_year]
        self.from_year.blockSignals(True)
        self.from_year.clear()
        for year in reversed(earlier):
            self.from_year.addItem(str(year), year)
        index = self.from_year.findData(current) if current is not None else -1
        self.from_year.setCurrentIndex(index if index >= 0 else 0 if earlier else -1)
        self.from_year.blockSignals(False)
        self._load_tasks()

    def chosen_from(self) -> int | None:
        data = self.from_year.currentData()
        return None if data is None else int(data)

    def _load_tasks(self) -> None:
        from_year = self.chosen_from()
        self._tasks = self.ledger.tasks(from_year) if from_year is not None else []
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._tasks))
        for row, task in enumerate(self._tasks):
            seq = QTableWidgetItem(str(task.seq))
            seq.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            seq.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, OLD_SEQ, seq)
            self.table.setItem(row, NEW_SEQ, QTableWidgetItem())
            self.table.setItem(row, TITLE, QTableWidgetItem(task.title))
            self.table.setItem(row, LEAD, QTableWidgetItem(task.lead_department))
            self.table.setItem(row, DEADLINE, QTableWidgetItem())
        self.table.blockSignals(False)
        self.update_preview()

    def set_all_checked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            _item(self.table, row, OLD_SEQ).setCheckState(state)
        self.table.blockSignals(False)
        self.update_preview()

    def chosen(self) -> list[TaskView]:
        return [
            task
            for row, task in enumerate(self._tasks)
            if _item(self.table, row, OLD_SEQ).checkState() == Qt.CheckState.Checked
        ]

    # --- the preview ----------------------------------------------------------
    def update_preview(self) -> None:
        chosen = self.chosen()
        from_year, to_year = self.chosen_from(), self.to_year.value()
        problem: str | None = None
        numbers: dict[int, int] = {}
        if from_year is None:
            problem = self.tr("There is no earlier year with tasks to copy from.")
        elif not chosen:
            problem = self.tr("Tick the tasks to copy.")
        else:
            taken = self.ledger.taken_seqs(to_year)
            try:
                seqs = [task.seq for task in chosen]
                new = copy_forward_numbers(seqs, taken, self.renumber.isChecked())
            except ValueError as error:
                problem = str(error)
            else:
                numbers = {task.id: seq for task, seq in zip(chosen, new, strict=True)}
        self.table.blockSignals(True)
        for row, task in enumerate(self._tasks):
            _item(self.table, row, NEW_SEQ).setText(str(numbers.get(task.id, "")))
            shifted = shift_deadline(task.deadline, from_year or to_year, to_year)
            shown = task.deadline if shifted == task.deadline else f"{task.deadline} → {shifted}"
            _item(self.table, row, DEADLINE).setText(shown)
        self.table.blockSignals(False)
        if problem is None:
            text = self.tr("{0} of {1} tasks will be copied from {2} into {3}.").format(
                len(chosen), len(self._tasks), from_year, to_year
            )
        else:
            text = problem
        self.preview.setText(text)
        color = HINT_COLOR if problem is None else PROBLEM_COLOR
        self.preview.setStyleSheet(f"color: {color};")
        self.copy_button.setEnabled(problem is None)

    # --- copying --------------------------------------------------------------
    def copy(self) -> None:
        from_year = self.chosen_from()
        chosen = self.chosen()
        if from_year is None or not chosen:
            return
        ids = [task.id for task in chosen]
        to_year, renumber = self.to_year.value(), self.renumber.isChecked()
        copied = self._call(lambda: self.ledger.copy_forward(from_year, to_year, ids, renumber))
        if copied is None:
            self.update_preview()  # the target year may have changed meanwhile
            return
        self.copied = copied
        self.accept()

    def _call(self, call: Callable[[], R]) -> R | None:
        while True:
            try:
                return call()
            except BusyError as error:
                if prompts.ask_retry(self, self.windowTitle(), str(error)):
                    continue
                return None
            except (InputError, StorageError, PermissionDeniedError) as error:
                messages.show_error(self, self.windowTitle(), error)
                return None


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    # Every cell of the table is filled when the year's tasks are listed.
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item
