"""The form of one period's scheme: a box per setting (domain/scheme_fields), grouped
as the scheme reads (综合得分, 点评, 分数线 …), each read as typed.

A value that cannot be one (not a number, a share outside 0–100%) is refused beside
its box, naming the setting; what only the whole scheme can say (weights summing to
100%, bands descending) is listed under the form in the rules' own words
(problems()). `rules()` is the scheme the boxes hold, or None while anything is
refused; `edited` tells the dialog to say so and enable 保存 or not.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.quarterly_rules import RulesError
from kaohe_desktop.domain.scheme_fields import FieldKind, SchemeField, locate_problems

translate = QCoreApplication.translate
ERROR_STYLE = "color: #b00020;"


class _FieldRow:
    """One setting's box (line, combo or checkboxes) and the message beside it."""

    def __init__(self, spec: SchemeField, categories: list[str], changed: Any) -> None:
        self.spec = spec
        self.widget = QWidget()
        self.widget.setObjectName(f"scheme_{spec.name}")
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line: QLineEdit | None = None
        self.combo: QComboBox | None = None
        self.boxes: list[QCheckBox] = []
        self._shown_names: tuple[str, ...] = ()  # a NAMES value as shown, in its order
        if spec.kind is FieldKind.CHOICE:
            self.combo = QComboBox()
            self.combo.setObjectName(f"scheme_{spec.name}_box")
            for _value, label in spec.choices:
                self.combo.addItem(label)
            self.combo.currentIndexChanged.connect(changed)
            layout.addWidget(self.combo)
        elif spec.kind is FieldKind.NAMES:
            names = QGridLayout()  # two columns: a bureau has a dozen categories
            names.setContentsMargins(0, 0, 0, 0)
            self.names_layout = names
            for name in categories:
                self._add_box(name, changed)
            layout.addLayout(names)
            self.changed = changed
            if not categories:
                layout.addWidget(
                    QLabel(
                        translate(
                            "SchemeForm",
                            "(No staff categories yet: add them under Basic data first)",
                        )
                    )
                )
        else:
            self.line = QLineEdit()
            self.line.setObjectName(f"scheme_{spec.name}_box")
            wide = spec.kind is FieldKind.TEXT
            self.line.setMaximumWidth(420 if wide else 90)
            self.line.setMinimumWidth(260 if wide else 70)
            self.line.textEdited.connect(changed)
            layout.addWidget(self.line)
        if spec.unit:
            layout.addWidget(QLabel(spec.unit))
        self.error = QLabel()
        self.error.setObjectName(f"scheme_{spec.name}_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout.addWidget(self.error, 1)
        if spec.hint:
            self.widget.setToolTip(spec.hint)

    def _add_box(self, name: str, changed: Any) -> QCheckBox:
        box = QCheckBox(name)
        box.setObjectName(f"scheme_category_{name}")
        box.toggled.connect(changed)
        count = len(self.boxes)
        self.names_layout.addWidget(box, count // 2, count % 2)
        self.boxes.append(box)
        return box

    def show_value(self, value: Any) -> None:
        spec = self.spec
        if self.combo is not None:
            index = next((i for i, (v, _l) in enumerate(spec.choices) if v == value), 0)
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)
        elif spec.kind is FieldKind.NAMES:
            known = {box.text() for box in self.boxes}
            self._shown_names = tuple(value)
            for name in value:  # a category renamed or removed since: kept, shown ticked
                if name not in known:
                    self._add_box(name, self.changed)
            for box in self.boxes:
                box.blockSignals(True)
                box.setChecked(box.text() in value)
                box.blockSignals(False)
        elif self.line is not None:
            self.line.setText(spec.shown(value))
        self.error.clear()

    def value(self) -> Any:
        """The value the box holds; RulesError naming the setting when it is none."""
        if self.combo is not None:
            return self.spec.choices[self.combo.currentIndex()][0]
        if self.spec.kind is FieldKind.NAMES:
            # In the order shown, then the newly ticked: the same names in another order
            # than the boxes' are the same scheme, not an edit.
            ticked = [box.text() for box in self.boxes if box.isChecked()]
            kept = [name for name in self._shown_names if name in ticked]
            return (*kept, *(name for name in ticked if name not in kept))
        assert self.line is not None
        return self.spec.parse(self.line.text())

    def set_editable(self, editable: bool) -> None:
        if self.line is not None:  # greyed, not just read-only: it must not look open
            self.line.setEnabled(editable)
        if self.combo is not None:
            self.combo.setEnabled(editable)
        for box in self.boxes:
            box.setEnabled(editable)


class SchemeForm(QWidget):
    edited = Signal()  # a box changed: rules() says whether a scheme may be saved

    def __init__(
        self, form: tuple[SchemeField, ...], categories: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("schemeForm")
        self.rows: dict[str, _FieldRow] = {}
        self._form = form
        self._base: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        group = None
        form_layout = QFormLayout()
        for spec in form:
            if spec.group != group:
                group = spec.group
                if form_layout.rowCount():
                    layout.addLayout(form_layout)
                    form_layout = QFormLayout()
                heading = QLabel(f"<b>{group}</b>")
                layout.addWidget(heading)
            row = _FieldRow(spec, categories, self._changed)
            self.rows[spec.name] = row
            label = QLabel(spec.label)
            label.setToolTip(spec.hint)
            form_layout.addRow(label, row.widget)
            form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addLayout(form_layout)
        self.problems = QLabel()
        self.problems.setObjectName("schemeProblems")
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        layout.addStretch(1)

    def show_rules(self, rules: Any, editable: frozenset[str]) -> None:
        """Fill the boxes with `rules`; only the settings in `editable` may be changed."""
        self._base = rules
        for name, row in self.rows.items():
            row.show_value(getattr(rules, name))
            row.set_editable(name in editable)
        self.problems.clear()

    def rules(self) -> Any | None:
        """The scheme the boxes hold, or None (the reasons shown) while any is refused."""
        if self._base is None:
            return None
        values: dict[str, Any] = {}
        refused = False
        for name, row in self.rows.items():
            try:
                values[name] = row.value()
                row.error.clear()
            except RulesError as error:
                row.error.setText(str(error))
                refused = True
        if refused:
            self.problems.clear()
            return None
        rules = replace(self._base, **values)
        # Beside the group's last box (the weights, the bands …), else under the form.
        found = locate_problems(self._form, rules)
        beside: dict[str, list[str]] = {}
        for problem, at in found:
            beside.setdefault(at or "", []).append(problem)
        for name, row in self.rows.items():
            row.error.setText("；".join(beside.get(name, [])))
        self.problems.setText("\n".join(beside.get("", [])))
        return None if found else rules

    def is_changed(self) -> bool:
        rules = self.rules()
        return rules is not None and rules != self._base

    def has_edits(self) -> bool:
        """Whether anything typed differs from the scheme shown (valid or not)."""
        if self._base is None:
            return False
        for name, row in self.rows.items():
            try:
                if row.value() != getattr(self._base, name):
                    return True
            except RulesError:
                return True
        return False

    def keep_as_base(self, rules: Any) -> None:
        """After a save: `rules` is what is stored; the boxes stay as they are."""
        self._base = rules

    def _changed(self, *_args: object) -> None:
        self.edited.emit()
